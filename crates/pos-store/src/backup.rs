//! The copy of the database taken before a migration touches a file that already holds
//! data, so a bad migration can never cost a rep their drafts. The copy is made with
//! `VACUUM INTO` (a consistent snapshot, safe with WAL and open connections, unlike copying
//! the file) and synced to disk before the migration starts.

use std::fs::File;
use std::path::{Path, PathBuf};

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::migrations::pending_migrations;
use crate::StoreError;

/// If `migrator` has migrations pending on the database at `db_path` and the database holds
/// anything already, writes `<db_path>.before-<first pending version>.bak` and returns its
/// path. A fresh, empty file or an up-to-date one gets no copy (`None`).
pub async fn backup_if_migrations_pending(
    pool: &SqlitePool,
    db_path: &Path,
    migrator: &Migrator,
) -> Result<Option<PathBuf>, StoreError> {
    let Some(&first_pending) = pending_migrations(pool, migrator).await?.first() else {
        return Ok(None);
    };
    if !holds_data(pool).await? {
        return Ok(None);
    }
    let target = backup_path(db_path, first_pending);
    write_backup(pool, &target).await?;
    Ok(Some(target))
}

/// `<db_path>.before-<version>.bak`, or `.before-<version>.<n>.bak` with the first free `n`
/// when an earlier attempt left one behind (an old copy is never overwritten).
pub fn backup_path(db_path: &Path, version: i64) -> PathBuf {
    let with_suffix = |suffix: String| {
        let mut name = db_path.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    };
    let first = with_suffix(format!(".before-{version}.bak"));
    if !first.exists() {
        return first;
    }
    (1u32..)
        .map(|n| with_suffix(format!(".before-{version}.{n}.bak")))
        .find(|candidate| !candidate.exists())
        .unwrap_or(first)
}

/// Whether the schema holds any table, index or view at all (a file just created has none).
async fn holds_data(pool: &SqlitePool) -> Result<bool, StoreError> {
    let objects = sqlx::query_scalar!("SELECT count(*) FROM sqlite_schema")
        .fetch_one(pool)
        .await?;
    Ok(objects > 0)
}

async fn write_backup(pool: &SqlitePool, target: &Path) -> Result<(), StoreError> {
    let failed = |reason: String| StoreError::BackupFailed {
        path: target.to_owned(),
        reason,
    };
    let target_text = target
        .to_str()
        .ok_or_else(|| failed("the path is not valid UTF-8".to_owned()))?;
    sqlx::query!("VACUUM INTO ?1", target_text)
        .execute(pool)
        .await
        .map_err(|error| failed(error.to_string()))?;
    File::open(target)
        .and_then(|file| file.sync_all())
        .map_err(|error| failed(error.to_string()))
}
