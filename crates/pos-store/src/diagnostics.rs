//! What a support screen or a start-up check needs to know about the file: the connection's
//! PRAGMAs as actually in force, the schema version, and SQLite's own integrity checks (the
//! checks the crash harness of research §3.2 runs after every kill).

use serde::Serialize;
use sqlx::Row;

use crate::{Store, StoreError};

/// The settings in force on the store's connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// "wal".
    pub journal_mode: String,
    /// 2 is FULL.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
    pub secure_delete: bool,
    /// The latest migration applied, if any.
    pub schema_version: Option<i64>,
}

impl Store {
    /// Reads the PRAGMAs on the store's own connection (they are per connection).
    pub async fn diagnostics(&self) -> Result<Diagnostics, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let journal_mode: String = sqlx::query_scalar("PRAGMA journal_mode")
            .fetch_one(&mut *conn)
            .await?;
        let synchronous: i64 = sqlx::query_scalar("PRAGMA synchronous")
            .fetch_one(&mut *conn)
            .await?;
        let foreign_keys: i64 = sqlx::query_scalar("PRAGMA foreign_keys")
            .fetch_one(&mut *conn)
            .await?;
        let busy_timeout_ms: i64 = sqlx::query_scalar("PRAGMA busy_timeout")
            .fetch_one(&mut *conn)
            .await?;
        let secure_delete: i64 = sqlx::query_scalar("PRAGMA secure_delete")
            .fetch_one(&mut *conn)
            .await?;
        let schema_version: Option<i64> =
            sqlx::query_scalar("SELECT max(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&mut *conn)
                .await?;
        Ok(Diagnostics {
            journal_mode,
            synchronous,
            foreign_keys: foreign_keys == 1,
            busy_timeout_ms,
            secure_delete: secure_delete == 1,
            schema_version,
        })
    }

    /// Problems reported by `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; empty
    /// when the file is sound.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        let mut problems: Vec<String> = sqlx::query_scalar("PRAGMA integrity_check")
            .fetch_all(&mut *conn)
            .await?
            .into_iter()
            .filter(|line: &String| line != "ok")
            .collect();
        for row in sqlx::query("PRAGMA foreign_key_check")
            .fetch_all(&mut *conn)
            .await?
        {
            let table: String = row.try_get(0).unwrap_or_default();
            let rowid: Option<i64> = row.try_get(1).unwrap_or_default();
            problems.push(format!("foreign key violation in {table} row {rowid:?}"));
        }
        Ok(problems)
    }
}
