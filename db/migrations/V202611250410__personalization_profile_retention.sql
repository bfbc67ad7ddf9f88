-- Profile retention per site (issue 9): profiles (and their enrichments, segment memberships and ratings) of visitors
-- not seen for this many days are deleted on schedule; sites without a row use attune.profiles.retention-days.
CREATE TABLE personalization.site_retention (
    site_id       UUID        PRIMARY KEY,
    profile_days  INT         NOT NULL CHECK (profile_days BETWEEN 1 AND 3650),
    updated_at    TIMESTAMPTZ NOT NULL DEFAULT now()
);
