-- Applicant data leaves the clear: a draft's name, answers and decision become one sealed
-- blob (XChaCha20-Poly1305, see crates/pos-store/src/seal.rs). The key never enters this
-- file, so SQL cannot seal the rows a previous version wrote: they wait in
-- drafts_unsealed until the store, which holds the key, seals them into drafts and drops
-- that table, in the same open.
ALTER TABLE drafts RENAME TO drafts_unsealed;
DROP INDEX drafts_status_updated_at;

CREATE TABLE drafts (
    id              TEXT PRIMARY KEY, -- 32 lowercase hex digits
    rep_username    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('editing', 'submitting', 'outcome_unknown',
                                                    'approved', 'pending', 'declined', 'cancelled')),
    lang            TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    -- The sealed personal part: applicant name, answers (option codes), decision.
    personal        BLOB NOT NULL,
    -- Which data key sealed it: a public id, never the key.
    key_id          TEXT NOT NULL,
    tos_version     TEXT,
    idempotency_key TEXT,
    reference_id    TEXT,
    submitted_at    TEXT,
    revision        INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX drafts_status_updated_at ON drafts (status, updated_at);
