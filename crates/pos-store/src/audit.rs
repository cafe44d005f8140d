//! The audit log: sign in (and failures), sign out, lock, unlock, settings changed,
//! submit, decision and purge, each with rep, terminal, time and outcome. It never holds
//! applicant data: `detail` is for codes and draft ids only.

use serde::Serialize;
use sqlx::Row;

use crate::clock::now;
use crate::row::RowReader;
use crate::{validate, Store, StoreError};

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum AuditEvent {
    SignIn,
    SignInFailed,
    SignOut,
    Lock,
    Unlock,
    UnlockFailed,
    SettingsChanged,
    Submit,
    Decision,
    Purge,
}

impl AuditEvent {
    pub const ALL: [AuditEvent; 10] = [
        AuditEvent::SignIn,
        AuditEvent::SignInFailed,
        AuditEvent::SignOut,
        AuditEvent::Lock,
        AuditEvent::Unlock,
        AuditEvent::UnlockFailed,
        AuditEvent::SettingsChanged,
        AuditEvent::Submit,
        AuditEvent::Decision,
        AuditEvent::Purge,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            AuditEvent::SignIn => "sign_in",
            AuditEvent::SignInFailed => "sign_in_failed",
            AuditEvent::SignOut => "sign_out",
            AuditEvent::Lock => "lock",
            AuditEvent::Unlock => "unlock",
            AuditEvent::UnlockFailed => "unlock_failed",
            AuditEvent::SettingsChanged => "settings_changed",
            AuditEvent::Submit => "submit",
            AuditEvent::Decision => "decision",
            AuditEvent::Purge => "purge",
        }
    }

    pub fn parse(text: &str) -> Option<AuditEvent> {
        AuditEvent::ALL.into_iter().find(|e| e.as_str() == text)
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: String,
    pub event: AuditEvent,
    pub rep_username: Option<String>,
    pub terminal_id: String,
    pub outcome: String,
    pub detail: Option<String>,
}

impl Store {
    /// Appends an event. `outcome` is a short code (`ok`, an error code, a decision).
    pub async fn audit(
        &self,
        event: AuditEvent,
        rep: Option<&str>,
        terminal_id: &str,
        outcome: &str,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        validate::non_empty("terminal_id", terminal_id)?;
        validate::non_empty("outcome", outcome)?;
        sqlx::query(
            "INSERT INTO audit_log (at, event, rep_username, terminal_id, outcome, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
        )
        .bind(now())
        .bind(event.as_str())
        .bind(rep)
        .bind(terminal_id)
        .bind(outcome)
        .bind(detail)
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The newest `limit` events, newest first.
    pub async fn audit_log(&self, limit: u32) -> Result<Vec<AuditRecord>, StoreError> {
        let rows = sqlx::query(
            "SELECT id, at, event, rep_username, terminal_id, outcome, detail \
             FROM audit_log ORDER BY id DESC LIMIT ?1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?;
        rows.iter()
            .map(|row| {
                let id: i64 = row.try_get("id")?;
                let reader = RowReader::new(row, "audit_log", id.to_string());
                Ok(AuditRecord {
                    id,
                    at: reader.get("at")?,
                    event: reader.parsed("event", AuditEvent::parse)?,
                    rep_username: reader.get("rep_username")?,
                    terminal_id: reader.get("terminal_id")?,
                    outcome: reader.get("outcome")?,
                    detail: reader.get("detail")?,
                })
            })
            .collect()
    }
}
