//! Who used this terminal: a row per rep session (merchant, terminal, start, end and why it
//! ended). Sessions a crash left open are closed as `app_closed` at the next start.

use serde::Serialize;
use sqlx::sqlite::SqliteRow;

use crate::clock::now;
use crate::row::RowReader;
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

impl SessionRecord {
    fn from_row(row: &SqliteRow) -> Result<SessionRecord, StoreError> {
        let key = sqlx::Row::try_get::<i64, _>(row, "id")
            .map(|id| id.to_string())
            .unwrap_or_else(|_| "(unreadable id)".to_owned());
        let r = RowReader::new(row, "sessions", key);
        let end_reason =
            match r.get::<Option<String>>("end_reason")? {
                None => None,
                Some(text) => Some(EndReason::parse(&text).ok_or_else(|| {
                    r.corrupt(format!("column end_reason: unknown value {text:?}"))
                })?),
            };
        Ok(SessionRecord {
            id: r.get("id")?,
            rep_username: r.get("rep_username")?,
            merchant_id: r.get("merchant_id")?,
            merchant_name: r.get("merchant_name")?,
            terminal_id: r.get("terminal_id")?,
            started_at: r.get("started_at")?,
            ended_at: r.get("ended_at")?,
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
        let id = sqlx::query_scalar(
            "INSERT INTO sessions (rep_username, merchant_id, merchant_name, terminal_id, \
             started_at) VALUES (?1, ?2, ?3, ?4, ?5) RETURNING id",
        )
        .bind(rep)
        .bind(merchant_id)
        .bind(merchant_name)
        .bind(terminal_id)
        .bind(now())
        .fetch_one(&self.pool)
        .await?;
        Ok(id)
    }

    /// Ends session `id` with `reason`, only if it has not ended yet (ending it again is a
    /// no-op that keeps the first end). `SessionNotFound` if there is no such session.
    pub async fn end_session(&self, id: i64, reason: EndReason) -> Result<(), StoreError> {
        let ended = sqlx::query(
            "UPDATE sessions SET ended_at = ?2, end_reason = ?3 \
             WHERE id = ?1 AND ended_at IS NULL",
        )
        .bind(id)
        .bind(now())
        .bind(reason.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        if ended == 0 {
            let exists: i64 = sqlx::query_scalar("SELECT count(*) FROM sessions WHERE id = ?1")
                .bind(id)
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
        let ended = sqlx::query(
            "UPDATE sessions SET ended_at = ?1, end_reason = ?2 WHERE ended_at IS NULL",
        )
        .bind(now())
        .bind(reason.as_str())
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(ended)
    }

    /// The latest `limit` sessions, newest first.
    pub async fn sessions(&self, limit: u32) -> Result<Vec<SessionRecord>, StoreError> {
        sqlx::query(
            "SELECT id, rep_username, merchant_id, merchant_name, terminal_id, started_at, \
             ended_at, end_reason FROM sessions ORDER BY started_at DESC, id DESC LIMIT ?1",
        )
        .bind(i64::from(limit))
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(SessionRecord::from_row)
        .collect()
    }
}
