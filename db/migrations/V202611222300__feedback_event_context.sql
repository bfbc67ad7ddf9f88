-- Why: implicit signals (page views, clicks, dwell, scroll, cart, purchases, custom) carry context that enrichment
-- needs (url, referrer, user agent, locale, time zone, screen, session), and purchase amounts exceed NUMERIC(6,2).
ALTER TABLE feedback.event ADD COLUMN context JSONB NOT NULL DEFAULT '{}'::JSONB;
ALTER TABLE feedback.event ALTER COLUMN value TYPE NUMERIC(14, 4);
