-- In-app surveys (issue 4): defined in the console, shown by the widget when the server says one is due.
CREATE TABLE feedback.survey (
    id          UUID        PRIMARY KEY,
    site_id     UUID        NOT NULL REFERENCES feedback.site (id) ON DELETE CASCADE,
    name        TEXT        NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
    status      TEXT        NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'active', 'paused')),
    definition  JSONB       NOT NULL,
    version     INTEGER     NOT NULL DEFAULT 1,
    created_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    CONSTRAINT survey_name_unique UNIQUE (site_id, name)
);

-- Every time a survey was shown to a subject: the frequency caps and the site's cooldown are counted from here, and
-- answered_at marks a completed survey.
CREATE TABLE feedback.survey_display (
    id          BIGINT      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    site_id     UUID        NOT NULL,
    survey_id   UUID        NOT NULL REFERENCES feedback.survey (id) ON DELETE CASCADE,
    subject_id  TEXT        NOT NULL,
    shown_at    TIMESTAMPTZ NOT NULL DEFAULT now(),
    answered_at TIMESTAMPTZ
);
CREATE INDEX survey_display_subject_idx ON feedback.survey_display (site_id, subject_id, shown_at DESC);
CREATE INDEX survey_display_survey_idx ON feedback.survey_display (survey_id);

-- Per site: after any survey, no other for this many hours (a visitor is not asked twice in a row).
CREATE TABLE feedback.survey_settings (
    site_id         UUID    PRIMARY KEY REFERENCES feedback.site (id) ON DELETE CASCADE,
    cooldown_hours  INTEGER NOT NULL CHECK (cooldown_hours BETWEEN 0 AND 8760)
);
