//! Which data keys a database file needs, read without a key and without touching the
//! file: nothing for a missing or new file, each key once for a file with drafts, drafts
//! still in the WAL included, and not a byte, a timestamp or a new file changed.

use std::path::Path;
use std::time::SystemTime;

use crate::common::{other_key, scope, test_key, TestDb};
use pos_store::{sealed_key_ids, Store};
use sha2::{Digest, Sha256};
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, SqliteConnection};

/// Every file of `dir`, with a digest of its bytes and its modification time.
fn snapshot(dir: &Path) -> Vec<(String, String, SystemTime)> {
    let mut files: Vec<_> = std::fs::read_dir(dir)
        .expect("read dir")
        .flatten()
        .filter(|entry| entry.path().is_file())
        .map(|entry| {
            let path = entry.path();
            (
                entry.file_name().to_string_lossy().into_owned(),
                Sha256::digest(std::fs::read(&path).expect("read"))
                    .iter()
                    .map(|b| format!("{b:02x}"))
                    .collect(),
                std::fs::metadata(&path)
                    .and_then(|m| m.modified())
                    .expect("mtime"),
            )
        })
        .collect();
    files.sort();
    files
}

#[tokio::test]
async fn a_missing_file_needs_no_key_and_is_not_created() {
    let db = TestDb::new();
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        Vec::<String>::new()
    );
    assert!(db.files().is_empty(), "{:?}", db.files());
}

#[tokio::test]
async fn a_file_without_sealed_drafts_needs_no_key() {
    let db = TestDb::new();
    // An empty file, as the store makes it before SQLite writes anything.
    std::fs::write(&db.path, b"").unwrap();
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        Vec::<String>::new()
    );
    // A database with other tables but no drafts.
    std::fs::remove_file(&db.path).unwrap();
    let options = SqliteConnectOptions::new()
        .filename(&db.path)
        .create_if_missing(true);
    let mut conn = SqliteConnection::connect_with(&options).await.unwrap();
    sqlx::query("CREATE TABLE settings (key TEXT PRIMARY KEY, value TEXT)")
        .execute(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        Vec::<String>::new()
    );
    // A store with no draft yet.
    std::fs::remove_file(&db.path).unwrap();
    db.open().await.close().await;
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_store_with_drafts_names_its_key_once_and_the_file_is_left_as_it_was() {
    let db = TestDb::new();
    let store = db.open().await;
    for _ in 0..2 {
        store.create_draft("rep1", "en", &scope()).await.unwrap();
    }
    store.close().await;
    let before = snapshot(db.dir.path());
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        [test_key().id().to_owned()]
    );
    assert_eq!(
        snapshot(db.dir.path()),
        before,
        "no byte, time or file changed"
    );

    // A draft sealed with another key (the key was lost once) is named too, sorted.
    let stranger = Store::open(&db.path, other_key()).await.unwrap();
    stranger.create_draft("rep1", "en", &scope()).await.unwrap();
    stranger.close().await;
    let mut both = vec![test_key().id().to_owned(), other_key().id().to_owned()];
    both.sort();
    assert_eq!(sealed_key_ids(&db.path).await.unwrap(), both);
}

#[tokio::test]
async fn drafts_still_in_the_wal_are_counted_and_the_wal_is_left_alone() {
    let db = TestDb::new();
    let store = db.open().await;
    store.create_draft("rep1", "en", &scope()).await.unwrap();
    // The store is still open: the draft is in the WAL, not yet in the main file.
    let wal = db.dir.path().join("pos.db-wal");
    let wal_before = std::fs::read(&wal).unwrap();
    assert!(!wal_before.is_empty());
    let main_before = std::fs::read(&db.path).unwrap();
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        [test_key().id().to_owned()]
    );
    assert_eq!(std::fs::read(&wal).unwrap(), wal_before);
    assert_eq!(std::fs::read(&db.path).unwrap(), main_before);
    store.close().await;
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_a_typed_error() {
    let db = TestDb::new();
    std::fs::write(&db.path, vec![b'x'; 8192]).unwrap();
    let error = sealed_key_ids(&db.path).await.unwrap_err();
    assert_eq!(error.code(), "database_corrupt", "{error}");
}
