-- Drafts are bound to where they were started (security review F2, F5): the Flexiti
-- environment (an opaque key the app gives) and the merchant signed in; only drafts of
-- the current environment and merchant are listed. NULL for drafts an older version
-- wrote, until the first sign-in after the upgrade claims them.
ALTER TABLE drafts ADD COLUMN environment_key TEXT;
ALTER TABLE drafts ADD COLUMN merchant_id TEXT;

CREATE INDEX drafts_environment_merchant ON drafts (environment_key, merchant_id);

-- Failed sign-ins and unlocks, counted per subject (the app decides what a subject is and
-- when it is blocked; the store only counts). Cleared by a successful sign-in, purged with
-- the drafts once untouched for the retention period.
CREATE TABLE sign_in_attempts (
    subject       TEXT PRIMARY KEY,
    failures      INTEGER NOT NULL,
    blocked_until TEXT,
    updated_at    TEXT NOT NULL
);
