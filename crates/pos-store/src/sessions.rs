//! Who used this terminal: a row per rep session (merchant, terminal, start, end and why it
//! ended). Sessions a crash left open are closed as `app_closed` at the next start.

use serde::Serialize;

use crate::clock::now;
use crate::row::{RowKey, Stored};
use crate::{validate, EndReason, Store, StoreError};

/// One session, as stored.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct SessionRecord {
    pub id: i64,
    pub rep_username: String,
    pub merchant_id: String,
    pub merchant_name: String,
    pub terminal_id: String,
    pub started_at: String,
    pub ended_at: Option<String>,
    pub end_reason: Option<EndReason>,
}

/// A row of `sessions` as read. `id` is the rowid (`INTEGER PRIMARY KEY`), always an integer.
struct SessionRow {
    id: i64,
    rep_username: Stored<String>,
    merchant_id: Stored<String>,
    merchant_name: Stored<String>,
    terminal_id: Stored<String>,
    started_at: Stored<String>,
    ended_at: Option<Stored<String>>,
    end_reason: Option<Stored<String>>,
}

impl TryFrom<SessionRow> for SessionRecord {
    type Error = StoreError;

    fn try_from(row: SessionRow) -> Result<SessionRecord, StoreError> {
        let r = RowKey::new("sessions", row.id.to_string());
        let end_reason = match row.end_reason {
            None => None,
            Some(text) => Some(r.parsed("end_reason", text, EndReason::parse)?),
        };
        Ok(SessionRecord {
            id: row.id,
            rep_username: r.get("rep_username", row.rep_username)?,
            merchant_id: r.get("merchant_id", row.merchant_id)?,
            merchant_name: r.get("merchant_name", row.merchant_name)?,
            terminal_id: r.get("terminal_id", row.terminal_id)?,
            started_at: r.get("started_at", row.started_at)?,
            ended_at: r.get_opt("ended_at", row.ended_at)?,
            end_reason,
        })
    }
}

impl Store {
    /// Records that `rep` signed in for a merchant on this terminal; returns the session id.
    pub async fn start_session(
        &self,
        rep: &str,
        merchant_id: &str,
        merchant_name: &str,
        terminal_id: &str,
    ) -> Result<i64, StoreError> {
        validate::non_empty("rep", rep)?;
        validate::non_empty("merchant_id", merchant_id)?;
        validate::non_empty("terminal_id", terminal_id)?;
        let started_at = now();
        let id = sqlx::query_scalar!(
            "INSERT INTO sessions (rep_username, merchant_id, merchant_name, terminal_id, \
             started_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
            rep,
            merchant_id,
            merchant_name,
            terminal_id,
            started_at,
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Ends session `id` with `reason`, only if it has not ended yet (ending it again is a
    /// no-op that keeps the first end). `SessionNotFound` if there is no such session.
    pub async fn end_session(&self, id: i64, reason: EndReason) -> Result<(), StoreError> {
        let (ended_at, reason) = (now(), reason.as_str());
        let ended = sqlx::query!(
            "UPDATE sessions SET ended_at = ?2, end_reason = ?3 \
             WHERE id = ?1 AND ended_at IS NULL",
            id,
            ended_at,
            reason,
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        if ended == 0 {
            let exists = sqlx::query_scalar!("SELECT count(*) FROM sessions WHERE id = ?1", id)
                .fetch_one(&self.pool)
                .await?;
            if exists == 0 {
                return Err(StoreError::SessionNotFound { id });
            }
        }
        Ok(())
    }

    /// Ends every session still open (at start-up: those a crash left open, with
    /// `EndReason::AppClosed`); returns how many.
    pub async fn end_open_sessions(&self, reason: EndReason) -> Result<u64, StoreError> {
        let (ended_at, reason) = (now(), reason.as_str());
        let ended = sqlx::query!(
            "UPDATE sessions SET ended_at = ?1, end_reason = ?2 WHERE ended_at IS NULL",
            ended_at,
            reason,
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(ended)
    }

    /// Whether `username` ever signed in on this terminal (a session of theirs is on
    /// record), so the app may name them in the audit log without storing whatever else was
    /// typed into the username field.
    pub async fn known_rep(&self, username: &str) -> Result<bool, StoreError> {
        let known = sqlx::query_scalar!(
            r#"SELECT EXISTS (SELECT 1 FROM sessions WHERE rep_username = ?1) AS "known!: bool""#,
            username,
        )
        .fetch_one(&self.pool)
        .await?;
        Ok(known)
    }

    /// The latest `limit` sessions, newest first.
    pub async fn sessions(&self, limit: u32) -> Result<Vec<SessionRecord>, StoreError> {
        let limit = i64::from(limit);
        sqlx::query_as!(
            SessionRow,
            r#"SELECT id, rep_username AS "rep_username: _", merchant_id AS "merchant_id: _",
               merchant_name AS "merchant_name: _", terminal_id AS "terminal_id: _",
               started_at AS "started_at: _", ended_at AS "ended_at: _",
               end_reason AS "end_reason: _"
               FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?1"#,
            limit,
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(SessionRecord::try_from)
        .collect()
    }
}
