-- Why: the identity module owns its own schema from the start; persons and identifiers arrive with identity resolution.
CREATE SCHEMA IF NOT EXISTS identity;
