-- The audit log: who did what on this terminal, when, and how it ended. Never applicant
-- data: `detail` holds only codes and draft ids.
CREATE TABLE audit_log (
    id INTEGER PRIMARY KEY,
    at TEXT NOT NULL,
    event TEXT NOT NULL CHECK (event IN (
        'sign_in', 'sign_in_failed', 'sign_out', 'lock', 'unlock', 'unlock_failed',
        'settings_changed', 'submit', 'decision', 'purge')),
    rep_username TEXT,
    terminal_id TEXT NOT NULL,
    outcome TEXT NOT NULL,
    detail TEXT
);

CREATE INDEX audit_log_at ON audit_log (at);
