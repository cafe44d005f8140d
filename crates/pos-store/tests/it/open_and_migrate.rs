//! Opening the file: migrations from nothing, the PRAGMAs in force, reopening, and the
//! backup taken before migrating a file that holds data.

use std::path::Path;

use crate::common::{scope, test_key, TestDb};
use pos_store::{backup_if_migrations_pending, pending_migrations, Store, MIGRATOR};
use sqlx::migrate::Migrator;
use sqlx::sqlite::{SqliteConnectOptions, SqlitePoolOptions};

/// The newest migration shipped with this version of the app.
fn latest_shipped() -> i64 {
    MIGRATOR
        .iter()
        .map(|m| m.version)
        .max()
        .expect("migrations")
}

fn shipped_count() -> usize {
    MIGRATOR.iter().count()
}
/// The version of a migration the next version of the app would add: after every shipped one.
fn next_version() -> i64 {
    latest_shipped() + 1
}

/// The shipped migrations plus one more, as the next version of the app would have them.
async fn next_version_migrator(dir: &Path) -> Migrator {
    let migrations = dir.join("migrations");
    std::fs::create_dir_all(&migrations).expect("mkdir");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    for entry in std::fs::read_dir(shipped).expect("read migrations") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), migrations.join(entry.file_name())).expect("copy");
    }
    std::fs::write(
        migrations.join(format!("{}_draft_notes.sql", next_version())),
        "ALTER TABLE drafts ADD COLUMN notes TEXT;\n",
    )
    .expect("write migration");
    Migrator::new(migrations).await.expect("migrator")
}

#[tokio::test]
async fn migrations_run_from_an_empty_file() {
    let db = TestDb::new();
    let store = db.open().await;
    let diagnostics = store.diagnostics().await.unwrap();
    assert_eq!(diagnostics.schema_version, Some(latest_shipped()));
    assert!(store.drafts_in(&scope()).await.unwrap().is_empty());
    assert!(store.integrity_problems().await.unwrap().is_empty());
    store.close().await;
    assert!(db.path.exists());
}

#[tokio::test]
async fn pragmas_are_as_set() {
    let db = TestDb::new();
    let store = db.open().await;
    let d = store.diagnostics().await.unwrap();
    assert_eq!(d.journal_mode, "wal");
    assert_eq!(d.synchronous, 2, "FULL");
    assert!(d.foreign_keys);
    assert_eq!(d.busy_timeout_ms, 5000);
    assert!(d.secure_delete);
    assert_eq!(d.journal_size_limit, 0);
    store.close().await;
}

#[tokio::test]
async fn reopening_keeps_data_and_does_not_rerun_migrations() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.set_setting("environment", "sandbox").await.unwrap();
    store.close().await;

    let mut raw = db.raw().await;
    let before: Vec<(i64, String)> =
        sqlx::query_as("SELECT version, installed_on FROM _sqlx_migrations")
            .fetch_all(&mut raw)
            .await
            .unwrap();
    drop(raw);

    let store = db.open().await;
    assert_eq!(store.draft(&draft.id).await.unwrap(), draft);
    assert_eq!(
        store.setting("environment").await.unwrap().as_deref(),
        Some("sandbox")
    );
    store.close().await;

    let mut raw = db.raw().await;
    let after: Vec<(i64, String)> =
        sqlx::query_as("SELECT version, installed_on FROM _sqlx_migrations")
            .fetch_all(&mut raw)
            .await
            .unwrap();
    assert_eq!(before, after);
    assert_eq!(after.len(), shipped_count());
    assert!(
        !db.files().iter().any(|name| name.ends_with(".bak")),
        "no backup when nothing is pending: {:?}",
        db.files()
    );
}

#[tokio::test]
async fn no_backup_when_migrating_a_new_empty_file() {
    let db = TestDb::new();
    let store = db.open().await;
    store.close().await;
    assert!(!db.files().iter().any(|name| name.ends_with(".bak")));
}

#[tokio::test]
async fn backup_helper_copies_only_a_file_with_data_and_pending_migrations() {
    let db = TestDb::new();
    let next = next_version_migrator(db.dir.path()).await;
    let store = db.open().await;
    let draft = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    store.close().await;

    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(SqliteConnectOptions::new().filename(&db.path))
        .await
        .unwrap();
    // Up to date with the shipped migrations: nothing pending, no copy.
    assert!(pending_migrations(&pool, &MIGRATOR)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        backup_if_migrations_pending(&pool, &db.path, &MIGRATOR)
            .await
            .unwrap(),
        None
    );
    // The next version has one pending: a copy named after it, holding the draft.
    assert_eq!(
        pending_migrations(&pool, &next).await.unwrap(),
        vec![next_version()]
    );
    let copy = backup_if_migrations_pending(&pool, &db.path, &next)
        .await
        .unwrap()
        .expect("a backup");
    assert_eq!(
        copy.file_name().unwrap().to_str().unwrap(),
        format!("pos.db.before-{}.bak", next_version())
    );
    // A second attempt never overwrites the first copy.
    let second = backup_if_migrations_pending(&pool, &db.path, &next)
        .await
        .unwrap()
        .expect("a second backup");
    assert_eq!(
        second.file_name().unwrap().to_str().unwrap(),
        format!("pos.db.before-{}.1.bak", next_version())
    );
    pool.close().await;

    let copied = Store::open(&copy, test_key()).await.unwrap();
    assert_eq!(copied.draft(&draft.id).await.unwrap(), draft);
    copied.close().await;

    // A brand-new file has everything pending but holds nothing: no copy.
    let empty = db.dir.path().join("empty.db");
    let pool = SqlitePoolOptions::new()
        .max_connections(1)
        .connect_with(
            SqliteConnectOptions::new()
                .filename(&empty)
                .create_if_missing(true),
        )
        .await
        .unwrap();
    assert_eq!(
        pending_migrations(&pool, &next).await.unwrap().len(),
        shipped_count() + 1
    );
    assert_eq!(
        backup_if_migrations_pending(&pool, &empty, &next)
            .await
            .unwrap(),
        None
    );
    pool.close().await;
}

#[tokio::test]
async fn opening_with_a_newer_schema_backs_up_then_migrates_and_keeps_data() {
    let db = TestDb::new();
    let next = next_version_migrator(db.dir.path()).await;
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.close().await;

    let store = Store::open_with_migrator(&db.path, test_key(), &next)
        .await
        .unwrap();
    assert_eq!(
        store.diagnostics().await.unwrap().schema_version,
        Some(next_version())
    );
    assert_eq!(store.draft(&draft.id).await.unwrap(), draft);
    store.close().await;
    let backups: Vec<String> = db
        .files()
        .into_iter()
        .filter(|name| name.ends_with(".bak"))
        .collect();
    assert_eq!(
        backups,
        vec![format!("pos.db.before-{}.bak", next_version())]
    );

    // Reopening the migrated file takes no second copy.
    let store = Store::open_with_migrator(&db.path, test_key(), &next)
        .await
        .unwrap();
    store.close().await;
    assert_eq!(
        db.files()
            .iter()
            .filter(|name| name.ends_with(".bak"))
            .count(),
        1
    );
}

#[tokio::test]
async fn an_older_app_refuses_a_file_migrated_by_a_newer_one() {
    let db = TestDb::new();
    let next = next_version_migrator(db.dir.path()).await;
    let store = Store::open_with_migrator(&db.path, test_key(), &next)
        .await
        .unwrap();
    store.close().await;

    let error = Store::open(&db.path, test_key()).await.unwrap_err();
    assert_eq!(error.code(), "schema_too_new", "{error}");
}

#[tokio::test]
async fn a_file_that_is_not_a_database_is_a_typed_error() {
    let db = TestDb::new();
    std::fs::write(&db.path, vec![b'x'; 8192]).unwrap();
    let error = Store::open(&db.path, test_key()).await.unwrap_err();
    assert_eq!(error.code(), "database_corrupt", "{error}");
}
