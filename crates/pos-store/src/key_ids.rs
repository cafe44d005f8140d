//! Which data keys a database file needs, read without a key and without changing the
//! file, so the app never makes a new key while drafts or purchase journal rows sealed
//! with the old one exist.

use std::path::Path;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

use crate::private_files::{companion, io_error};
use crate::row::{RowKey, Stored};
use crate::StoreError;

/// The distinct ids of the keys the drafts and the purchase journal rows in the database at
/// `path` are sealed with, sorted. Empty if the file does not exist or has neither (a new
/// file, or one from before sealing). The file is opened read-only: never created, migrated or
/// written, and no journal is made beside it. A WAL left by a crash (or by a store still
/// open) is read, not checkpointed; without one, the file is read as immutable, since
/// SQLite would otherwise create a WAL and shared memory file to read a WAL-mode database.
/// Meant for start-up, before the store is opened.
pub async fn sealed_key_ids(path: &Path) -> Result<Vec<String>, StoreError> {
    if !path.try_exists().map_err(io_error)? {
        return Ok(Vec::new());
    }
    let has_wal = companion(path, "-wal").try_exists().map_err(io_error)?;
    let options = SqliteConnectOptions::new()
        .filename(path)
        .read_only(true)
        .immutable(!has_wal)
        .create_if_missing(false);
    let mut conn = SqliteConnection::connect_with(&options).await?;
    let ids = key_ids(&mut conn).await;
    conn.close().await?;
    ids
}

async fn key_ids(conn: &mut SqliteConnection) -> Result<Vec<String>, StoreError> {
    let mut ids = Vec::new();
    let sealed_drafts = sqlx::query_scalar!(
        "SELECT count(*) FROM pragma_table_info('drafts') WHERE name = 'key_id'"
    )
    .fetch_one(&mut *conn)
    .await?;
    if sealed_drafts > 0 {
        let drafts: Vec<Stored<String>> = sqlx::query_scalar!(
            r#"SELECT DISTINCT key_id AS "key_id: _" FROM drafts ORDER BY key_id"#
        )
        .fetch_all(&mut *conn)
        .await?;
        let r = RowKey::new("drafts", "(any)".to_owned());
        for id in drafts {
            ids.push(r.get("key_id", id)?);
        }
    }
    let journal = sqlx::query_scalar!(
        "SELECT count(*) FROM pragma_table_info('purchase_journal') WHERE name = 'key_id'"
    )
    .fetch_one(&mut *conn)
    .await?;
    if journal > 0 {
        let rows: Vec<Stored<String>> = sqlx::query_scalar!(
            r#"SELECT DISTINCT key_id AS "key_id: _" FROM purchase_journal ORDER BY key_id"#
        )
        .fetch_all(&mut *conn)
        .await?;
        let r = RowKey::new("purchase_journal", "(any)".to_owned());
        for id in rows {
            ids.push(r.get("key_id", id)?);
        }
    }
    ids.sort_unstable();
    ids.dedup();
    Ok(ids)
}
