//! Retention: drafts are purged once they have not been touched for the retention period
//! (the app's setting, 7 days by default), decided ones included (their receipt was
//! already cut down). A draft whose submission is in flight or unknown is kept: it is
//! the only way to learn what Flexiti did with it. After a purge the WAL is truncated,
//! so the deleted rows do not linger there either (`secure_delete` zeroes their pages).

use serde::Serialize;
use sqlx::SqlitePool;

use crate::{Store, StoreError};

/// What a purge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PurgeReport {
    /// Drafts deleted.
    pub purged: u64,
    /// Drafts past the period kept because their submission is in flight or unknown.
    pub kept_in_flight: u64,
}

impl Store {
    /// Deletes every draft last updated before `cutoff` (RFC 3339 UTC, the store's time
    /// format) except those in flight, then truncates the WAL.
    pub async fn purge_drafts_before(&self, cutoff: &str) -> Result<PurgeReport, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let purged = sqlx::query!(
            "DELETE FROM drafts WHERE updated_at < ?1 \
             AND status NOT IN ('submitting', 'outcome_unknown')",
            cutoff,
        )
        .execute(&mut *tx)
        .await?
        .rows_affected();
        let kept_in_flight = sqlx::query_scalar!(
            "SELECT count(*) FROM drafts WHERE updated_at < ?1 \
             AND status IN ('submitting', 'outcome_unknown')",
            cutoff,
        )
        .fetch_one(&mut *tx)
        .await?;
        tx.commit().await?;
        if purged > 0 {
            truncate_wal(&self.pool).await?;
        }
        Ok(PurgeReport {
            purged,
            kept_in_flight: u64::try_from(kept_in_flight).unwrap_or(0),
        })
    }
}

/// Checkpoints the WAL into the main file and truncates it to zero bytes.
pub(crate) async fn truncate_wal(pool: &SqlitePool) -> Result<(), StoreError> {
    // A run-time string: `wal_checkpoint` changes the file, so it has no table-valued
    // function, and `query!` refuses its result columns (SQLite gives them no type).
    sqlx::query("PRAGMA wal_checkpoint(TRUNCATE)")
        .execute(pool)
        .await?;
    Ok(())
}
