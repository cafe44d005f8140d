-- The purchase journal (purchase.md, "The journal, the daily report and receipts"): one
-- row per money-moving submission to Flexiti (a sale or a hold, a capture, a release, a
-- return, a refund), written before the request leaves, so a crash or a lost answer
-- never loses track of money. Financial records: retention never deletes them. Card and
-- account numbers, the customer's name, the request and Flexiti's answer live only in the
-- sealed blobs (XChaCha20-Poly1305, crates/pos-store/src/seal.rs); `account_hash` is a
-- keyed hash for matching, `card_ending_in` the last 4 digits. Bound, like drafts, to the
-- environment and merchant it was made under. Amounts are integer cents.
CREATE TABLE purchase_journal (
    -- The operation's reference as sent to Flexiti: the purchase id for a sale or a hold,
    -- `{purchase_id}-{seq}` for what follows it.
    reference        TEXT PRIMARY KEY CHECK (length(reference) BETWEEN 32 AND 40),
    -- The purchase's UUID v4, as 32 lowercase hex digits (the sale's reference).
    purchase_id      TEXT NOT NULL CHECK (length(purchase_id) = 32),
    -- 0 for the sale or hold, n for the purchase's n-th operation after it.
    seq              INTEGER NOT NULL CHECK (seq >= 0),
    kind             TEXT NOT NULL CHECK (kind IN ('sale', 'hold', 'capture', 'release',
                                                   'return', 'refund')),
    cents            INTEGER NOT NULL CHECK (cents > 0),
    -- Absent for a regular (revolving) purchase; both or neither.
    plan_id          INTEGER CHECK (plan_id > 0),
    term             INTEGER CHECK (term > 0),
    state            TEXT NOT NULL CHECK (state IN ('submitting', 'outcome_unknown', 'done',
                                                    'refused')),
    flag             TEXT CHECK (flag IN ('mismatch', 'duplicate')),
    -- Flexiti's error code (or `freed_by_administrator`) once refused.
    refusal_code     TEXT,
    authorization_id INTEGER CHECK (authorization_id > 0),
    capture_id       INTEGER CHECK (capture_id > 0),
    return_id        INTEGER CHECK (return_id > 0),
    -- What remained to capture (or of the capture, for a return or refund) before this
    -- operation: how an unknown release, return or refund is told done.
    remaining_before INTEGER CHECK (remaining_before >= 0),
    store_id         TEXT NOT NULL, -- external_location_id
    terminal_id      TEXT NOT NULL,
    rep_username     TEXT NOT NULL, -- external_employee_id
    reference_id     TEXT NOT NULL, -- x-reference-id
    idempotency_key  TEXT NOT NULL UNIQUE CHECK (length(idempotency_key) = 32),
    context_hash     TEXT NOT NULL CHECK (length(context_hash) = 64), -- SHA-256 of the body
    -- The request body exactly as sent, sealed; only while the outcome is not known.
    request          BLOB,
    -- Account number, "J. Smith", approvals, snapshot (answer and quote rows), sealed.
    personal         BLOB NOT NULL,
    key_id           TEXT NOT NULL,
    account_hash     TEXT NOT NULL CHECK (length(account_hash) = 64),
    card_ending_in   TEXT CHECK (card_ending_in IS NULL OR length(card_ending_in) = 4),
    created_at       TEXT NOT NULL, -- the first send's time, RFC 3339 UTC
    updated_at       TEXT NOT NULL,
    local_date       TEXT NOT NULL CHECK (local_date GLOB
                                          '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
    environment_key  TEXT NOT NULL,
    merchant_id      TEXT NOT NULL,
    CHECK ((plan_id IS NULL) = (term IS NULL)),
    CHECK ((kind IN ('sale', 'hold')) = (seq = 0)),
    CHECK (reference = CASE seq WHEN 0 THEN purchase_id ELSE purchase_id || '-' || seq END),
    CHECK ((state IN ('submitting', 'outcome_unknown')) = (request IS NOT NULL)),
    CHECK ((state = 'refused') = (refusal_code IS NOT NULL)),
    CHECK (flag IS NULL OR state IN ('done', 'refused'))
) STRICT;

CREATE INDEX purchase_journal_scope_day
    ON purchase_journal (environment_key, merchant_id, local_date);
CREATE INDEX purchase_journal_purchase ON purchase_journal (purchase_id, seq);
CREATE INDEX purchase_journal_account
    ON purchase_journal (environment_key, merchant_id, account_hash);
CREATE INDEX purchase_journal_open ON purchase_journal (state)
    WHERE state IN ('submitting', 'outcome_unknown');
-- One operation at a time per purchase (per authorization): at most one row in flight.
CREATE UNIQUE INDEX purchase_journal_one_in_flight ON purchase_journal (purchase_id)
    WHERE state IN ('submitting', 'outcome_unknown');
