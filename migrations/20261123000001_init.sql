-- The terminal's own store (crate pos-store). Every time is RFC 3339 UTC with milliseconds
-- ("2026-11-23T14:05:09.123Z"), so text order is time order.

-- Non-secret settings only: the client secret and tokens never live in this file.
CREATE TABLE settings (
    key        TEXT PRIMARY KEY,
    value      TEXT NOT NULL,
    updated_at TEXT NOT NULL
);

-- Who used this terminal, for whom, and how each session ended.
CREATE TABLE sessions (
    id            INTEGER PRIMARY KEY,
    rep_username  TEXT NOT NULL,
    merchant_id   TEXT NOT NULL,
    merchant_name TEXT NOT NULL,
    terminal_id   TEXT NOT NULL,
    started_at    TEXT NOT NULL,
    ended_at      TEXT,
    end_reason    TEXT CHECK (end_reason IN ('sign_out', 'idle_lock', 'app_closed', 'expired'))
);

-- Credit applications being written or submitted. fields_json holds option codes, never
-- labels; idempotency_key and reference_id are kept while a submission is in flight or its
-- outcome is unknown, so a retry reuses them.
CREATE TABLE drafts (
    id              TEXT PRIMARY KEY, -- 32 lowercase hex digits
    rep_username    TEXT NOT NULL,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    status          TEXT NOT NULL CHECK (status IN ('editing', 'submitting', 'outcome_unknown',
                                                    'approved', 'pending', 'declined', 'cancelled')),
    lang            TEXT NOT NULL CHECK (lang IN ('en', 'fr')),
    applicant_name  TEXT NOT NULL DEFAULT '',
    fields_json     TEXT NOT NULL DEFAULT '{}',
    tos_version     TEXT,
    idempotency_key TEXT,
    reference_id    TEXT,
    submitted_at    TEXT,
    decision_json   TEXT,
    revision        INTEGER NOT NULL DEFAULT 0
);

CREATE INDEX drafts_status_updated_at ON drafts (status, updated_at);

-- Texts the server localises (form_values, i18n), per language, for start-up without network.
CREATE TABLE server_cache (
    kind       TEXT NOT NULL,
    lang       TEXT NOT NULL,
    body_json  TEXT NOT NULL,
    fetched_at TEXT NOT NULL,
    PRIMARY KEY (kind, lang)
);
