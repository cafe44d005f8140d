-- The audit log learns the shared-terminal events: the administrator opening the
-- settings (and failing to), throttled sign-ins, a draft opened or taken over from a
-- colleague, a connection test, and the terminal's reset. SQLite cannot alter a CHECK,
-- so the table is rebuilt with its rows.
CREATE TABLE audit_log_new (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN (
        'sign_in', 'sign_in_failed', 'sign_out', 'lock', 'unlock', 'unlock_failed',
        'settings_changed', 'submit', 'decision', 'purge',
        'settings_opened', 'settings_open_failed', 'sign_in_throttled', 'draft_opened',
        'draft_taken_over', 'connection_tested', 'terminal_reset')),
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
