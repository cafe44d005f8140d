-- The audit log learns the purchase events: a customer's account looked up or searched
-- (a read of customer data), a verification, a charge or an after-sale operation sent
-- and its outcome, and an administrator's approval of one. The detail names the purchase
-- and Flexiti's ids, never a card or account number, a PIN or an answer. SQLite cannot
-- alter a CHECK, so the table is rebuilt with its rows.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN (
        'sign_in', 'sign_in_failed', 'sign_out', 'lock', 'unlock', 'unlock_failed',
        'settings_changed', 'submit', 'decision', 'purge',
        'settings_opened', 'settings_open_failed', 'sign_in_throttled', 'draft_opened',
        'draft_taken_over', 'connection_tested', 'terminal_reset',
        'purchase', 'purchase_charge', 'purchase_outcome', 'purchase_approval')),
    rep_username TEXT,
    terminal_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);

INSERT INTO audit_log_new (id, at, event, rep_username, terminal_id, outcome, detail)
    SELECT id, at, event, rep_username, terminal_id, outcome, detail FROM audit_log;
DROP TABLE audit_log;
ALTER TABLE audit_log_new RENAME TO audit_log;
CREATE INDEX audit_log_at ON audit_log (at);
