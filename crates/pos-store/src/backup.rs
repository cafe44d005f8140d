//! The copy of the database taken before a migration touches a file that already holds
//! data, so a bad migration can never cost a rep their drafts. The copy is made with
//! `VACUUM INTO` (a consistent snapshot, safe with WAL and open connections, unlike copying
//! the file) into a file created 0600 beforehand, and synced to disk before the migration
//! starts. Copies are found again by name, for retention and for the terminal's reset.

use std::fs::File;
use std::io;
use std::path::{Path, PathBuf};
use std::time::SystemTime;

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::migrations::pending_migrations;
use crate::private_files::{create_new_private, narrow};
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
    // `VACUUM INTO` accepts an empty file and keeps its mode: the copy is never readable
    // by others, not even while it is being written.
    create_new_private(target).map_err(|error| failed(error.to_string()))?;
    if let Err(error) = sqlx::query!("VACUUM INTO ?1", target_text)
        .execute(pool)
        .await
    {
        // The file is ours (created above) and holds no complete copy: not worth keeping.
        let _ = std::fs::remove_file(target);
        return Err(failed(error.to_string()));
    }
    narrow(target)
        .and_then(|()| File::open(target))
        .and_then(|file| file.sync_all())
        .map_err(|error| failed(error.to_string()))
}

/// A copy of the database found beside it.
pub(crate) struct BackupFile {
    pub(crate) path: PathBuf,
    /// The migration it was taken before.
    pub(crate) version: i64,
    pub(crate) modified: io::Result<SystemTime>,
}

/// Every `<db>.before-<version>[.<n>].bak` in the database's directory.
pub(crate) fn backup_files(db_path: &Path) -> io::Result<Vec<BackupFile>> {
    let (dir, Some(name)) = (db_path.parent(), db_path.file_name()) else {
        return Ok(Vec::new());
    };
    let dir = match dir {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    };
    let prefix = format!("{}.before-", name.to_string_lossy());
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let version = file_name
            .strip_prefix(&prefix)
            .and_then(|rest| rest.strip_suffix(".bak"))
            .and_then(|rest| rest.split('.').next())
            .and_then(|v| v.parse::<i64>().ok());
        if let Some(version) = version {
            let modified = entry.metadata().and_then(|m| m.modified());
            found.push(BackupFile {
                path: entry.path(),
                version,
                modified,
            });
        }
    }
    Ok(found)
}

/// Deletes the copies `select` picks; returns how many went. A copy that cannot be
/// deleted is logged and left (the next run tries again); one already gone is not counted.
pub(crate) fn remove_backups(
    db_path: &Path,
    select: impl Fn(&BackupFile) -> bool,
) -> io::Result<u32> {
    let mut removed = 0;
    for backup in backup_files(db_path)?.iter().filter(|b| select(b)) {
        match std::fs::remove_file(&backup.path) {
            Ok(()) => removed += 1,
            Err(error) if error.kind() == io::ErrorKind::NotFound => {}
            Err(error) => tracing::warn!(
                version = backup.version,
                %error,
                "a copy of the database could not be deleted"
            ),
        }
    }
    Ok(removed)
}
