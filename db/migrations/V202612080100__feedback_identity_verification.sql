-- Identity verification (a browser's identify must carry the HMAC of its user id under the site's verification
-- secret): sites that existed before keep it off so their pages keep working; every site created from now on has it on.
ALTER TABLE feedback.site ADD COLUMN identity_verification BOOLEAN NOT NULL DEFAULT false;
ALTER TABLE feedback.site ALTER COLUMN identity_verification SET DEFAULT true;
