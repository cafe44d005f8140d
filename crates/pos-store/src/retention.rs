//! Retention: drafts are purged once they have not been touched for the retention period
//! (the app's setting, 7 days by default), decided ones included (their receipt was
//! already cut down). A draft whose submission is in flight or unknown is kept: it is
//! the only way to learn what Flexiti did with it; the administrator's list shows those
//! kept past a cutoff. Counts of failed sign-ins go with the drafts, copies of the file
//! taken before a migration after their own age. After every purge the WAL is truncated,
//! so deleted rows and old page images do not linger there (`secure_delete` zeroes pages).

use std::time::{Duration, SystemTime};

use serde::Serialize;
use sqlx::SqlitePool;

use crate::backup::{remove_backups, BackupFile};
use crate::drafts::{query_summary, summaries};
use crate::private_files::io_error;
use crate::{DraftSummary, Store, StoreError};

/// What a purge did.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
pub struct PurgeReport {
    /// Drafts deleted.
    pub purged: u64,
    /// Drafts past the period kept because their submission is in flight or unknown.
    pub kept_in_flight: u64,
    /// Counts of failed sign-ins (`sign_in_attempts`) deleted, untouched since the cutoff.
    pub attempts_purged: u64,
}

impl Store {
    /// Deletes every draft last updated before `cutoff` (RFC 3339 UTC, the store's time
    /// format) except those in flight, and every count of failed sign-ins untouched since
    /// `cutoff`, then truncates the WAL (every time, even when nothing was deleted: it also
    /// holds the old images of pages rewritten since, such as a draft before its receipt).
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
        let attempts_purged =
            sqlx::query!("DELETE FROM sign_in_attempts WHERE updated_at < ?1", cutoff)
                .execute(&mut *tx)
                .await?
                .rows_affected();
        tx.commit().await?;
        truncate_wal(&self.pool).await?;
        Ok(PurgeReport {
            purged,
            kept_in_flight: u64::try_from(kept_in_flight).unwrap_or(0),
            attempts_purged,
        })
    }

    /// The drafts retention keeps because their decision is not known (`submitting`,
    /// `outcome_unknown`), last updated before `cutoff`, oldest first, in every scope: the
    /// administrator's list of what needs a decision. (A draft a rep set aside, `cancelled`,
    /// was a decision already; retention purges it in its time.)
    /// Damaged rows are listed as by [`Store::drafts_in`].
    pub async fn unresolved_before(&self, cutoff: &str) -> Result<Vec<DraftSummary>, StoreError> {
        let rows = query_summary!(
            "WHERE updated_at < ?1 AND status IN ('submitting', 'outcome_unknown') \
             ORDER BY updated_at ASC, id ASC",
            cutoff,
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(summaries(rows, &self.key))
    }

    /// Deletes the copies of the database taken before a migration
    /// (`<db>.before-<version>.bak`, beside it) last modified more than `age` ago; returns
    /// how many went. A copy dated in the future (a clock set back) is kept. A copy that
    /// cannot be deleted is logged and tried again next time; a directory that cannot be
    /// read is `store_unavailable`.
    pub async fn purge_backups_older_than(&self, age: Duration) -> Result<u32, StoreError> {
        // A few entries of one directory: not worth a blocking thread.
        let now = SystemTime::now();
        let old_enough = |backup: &BackupFile| {
            backup.modified.as_ref().is_ok_and(|modified| {
                now.duration_since(*modified)
                    .is_ok_and(|elapsed| elapsed > age)
            })
        };
        remove_backups(&self.path, old_enough).map_err(io_error)
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
