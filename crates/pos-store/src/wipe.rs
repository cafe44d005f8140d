//! "Reset this terminal": every draft, purchase journal row, session, setting, cached text
//! and count of failed sign-ins deleted, and no trace of them left in the file, its WAL or
//! its backups. The audit log stays: the reset itself is audited there, and it holds no
//! applicant data. The journal goes too: the reset also drops the data key its rows are
//! sealed with, so they could never be opened again, and a row left behind would make the
//! next start refuse a new key (Flexiti keeps the records of what was charged).

use crate::backup::remove_backups;
use crate::private_files::io_error;
use crate::retention::truncate_wal;
use crate::{Store, StoreError};

impl Store {
    /// Deletes every row of `drafts`, `purchase_journal`, `sessions`, `settings`,
    /// `server_cache` and `sign_in_attempts` (one transaction; the audit log is kept),
    /// truncates the WAL, rewrites the file without the freed pages (`VACUUM`), truncates the
    /// WAL again, and deletes every copy taken before a migration. The store stays open and usable.
    pub async fn wipe(&self) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        sqlx::query!("DELETE FROM drafts").execute(&mut *tx).await?;
        sqlx::query!("DELETE FROM purchase_journal")
            .execute(&mut *tx)
            .await?;
        sqlx::query!("DELETE FROM sessions")
            .execute(&mut *tx)
            .await?;
        sqlx::query!("DELETE FROM settings")
            .execute(&mut *tx)
            .await?;
        sqlx::query!("DELETE FROM server_cache")
            .execute(&mut *tx)
            .await?;
        sqlx::query!("DELETE FROM sign_in_attempts")
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        truncate_wal(&self.pool).await?;
        // In WAL mode VACUUM writes the new file through the WAL: truncate it once more.
        sqlx::query!("VACUUM").execute(&self.pool).await?;
        truncate_wal(&self.pool).await?;
        remove_backups(&self.path, |_| true).map_err(io_error)?;
        Ok(())
    }
}
