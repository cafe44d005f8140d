//! The `Store` handle and its life: opening the file with the settings that make a saved
//! draft survive a power cut (WAL, `synchronous=FULL`) and keep it to the app's user (0600),
//! backing up, migrating and sealing what an older version left in clear, closing.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use sqlx::migrate::Migrator;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use crate::backup::backup_if_migrations_pending;
use crate::legacy::seal_unsealed_drafts;
use crate::migrations::{migrate, MIGRATOR};
use crate::private_files::prepare_database_file;
use crate::seal::DataKey;
use crate::StoreError;

/// How long a statement waits for another process's write lock before `store_busy`.
pub const BUSY_TIMEOUT: Duration = Duration::from_secs(5);

/// One connection: every write in the app is a few small rows, so one connection queues them
/// in sqlx's pool (fair, in order) instead of racing for SQLite's write lock; the busy
/// timeout then only matters against another process on the same file.
const CONNECTIONS: u32 = 1;

/// The terminal's store. Cheap to clone (the pool and the key are shared).
#[derive(Debug, Clone)]
pub struct Store {
    pub(crate) pool: SqlitePool,
    /// Seals and opens the personal part of every draft.
    pub(crate) key: Arc<DataKey>,
    /// The database file, as given to [`Store::open`]: its backups are found beside it.
    pub(crate) path: Arc<PathBuf>,
}

impl Store {
    /// Opens (creating it if missing) the database file: mode 0600 (a looser mode is
    /// narrowed, on the `-wal` and `-shm` too), WAL, synchronous=FULL, busy_timeout 5 s,
    /// foreign_keys on, secure_delete on, journal_size_limit 0. If migrations are pending and the file already
    /// held data, copies it first to `<file>.before-<version>.bak` (using `VACUUM INTO`),
    /// then migrates, then seals with `key` any draft an older version left in clear (and
    /// deletes the copies that held them). Drafts are sealed and opened with `key`.
    pub async fn open(path: &Path, key: DataKey) -> Result<Store, StoreError> {
        Store::open_with_migrator(path, key, &MIGRATOR).await
    }

    /// [`Store::open`] with another set of migrations: for tests that play an upgrade or a
    /// downgrade. The app itself uses [`Store::open`].
    pub async fn open_with_migrator(
        path: &Path,
        key: DataKey,
        migrator: &Migrator,
    ) -> Result<Store, StoreError> {
        prepare_database_file(path)?;
        let pool = SqlitePoolOptions::new()
            .max_connections(CONNECTIONS)
            .min_connections(CONNECTIONS)
            .idle_timeout(None)
            .max_lifetime(None)
            .connect_with(connect_options(path))
            .await?;
        let prepared = async {
            backup_if_migrations_pending(&pool, path, migrator).await?;
            migrate(&pool, migrator).await?;
            seal_unsealed_drafts(&pool, &key, path).await
        };
        if let Err(error) = prepared.await {
            pool.close().await;
            return Err(error);
        }
        Ok(Store {
            pool,
            key: Arc::new(key),
            path: Arc::new(path.to_owned()),
        })
    }

    /// The id of the key drafts are sealed with (public; never the key).
    pub fn key_id(&self) -> &str {
        self.key.id()
    }

    /// Waits for running queries, then closes the connection (SQLite checkpoints the WAL
    /// into the main file).
    pub async fn close(self) {
        self.pool.close().await;
    }
}

fn connect_options(path: &Path) -> SqliteConnectOptions {
    SqliteConnectOptions::new()
        .filename(path)
        .create_if_missing(true)
        .journal_mode(SqliteJournalMode::Wal)
        .synchronous(SqliteSynchronous::Full)
        .busy_timeout(BUSY_TIMEOUT)
        .foreign_keys(true)
        // Deleted drafts hold personal information: overwrite their pages, don't just unlink.
        .pragma("secure_delete", "ON")
        // A WAL emptied by a checkpoint is cut to nothing, old page images with it.
        .pragma("journal_size_limit", "0")
        // Sorts and VACUUM's copy stay in memory, not in temporary files the store cannot wipe.
        .pragma("temp_store", "MEMORY")
}
