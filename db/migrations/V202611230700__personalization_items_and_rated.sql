-- Items as events describe them (properties.title, .genres, .category, .url on any event with an item id): the names a
-- recommendation slot shows. The full catalog API comes with the recommendations issue.
CREATE TABLE personalization.item (
    site_id     UUID        NOT NULL,
    item_id     TEXT        NOT NULL,
    title       TEXT        NOT NULL,
    categories  TEXT[]      NOT NULL DEFAULT '{}',
    url         TEXT,
    updated_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (site_id, item_id)
);

-- What a subject rated (only with personalization consent; deleted when it is withdrawn): kept out of their picks.
CREATE TABLE personalization.subject_rating (
    site_id     UUID        NOT NULL,
    subject_id  TEXT        NOT NULL,
    item_id     TEXT        NOT NULL,
    rating      NUMERIC(4, 2) NOT NULL,
    rated_at    TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (site_id, subject_id, item_id)
);
