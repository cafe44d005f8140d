//! The store's files are the app user's alone (0600), whatever the umask: the database as
//! created, its WAL and shared memory, a file an older version left readable by others,
//! and the copy taken before a migration.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use crate::common::{scope, test_key, TestDb};
use pos_store::{Store, MIGRATOR};
use sqlx::migrate::Migrator;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|error| panic!("{}: {error}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

fn beside(db: &TestDb, suffix: &str) -> std::path::PathBuf {
    db.dir.path().join(format!("pos.db{suffix}"))
}

#[tokio::test]
async fn a_new_database_its_wal_and_shared_memory_are_private() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, "{}", "Jane", "en", None)
        .await
        .unwrap();
    assert_eq!(mode(&db.path), 0o600);
    assert_eq!(mode(&beside(&db, "-wal")), 0o600);
    assert_eq!(mode(&beside(&db, "-shm")), 0o600);
    store.close().await;
    assert_eq!(mode(&db.path), 0o600);
}

#[tokio::test]
async fn files_an_older_version_left_readable_by_others_are_narrowed_at_open() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.close().await;
    // As the umask made them before this version: 0644, and a WAL left by a crash.
    std::fs::set_permissions(&db.path, std::fs::Permissions::from_mode(0o644)).unwrap();
    std::fs::write(beside(&db, "-wal"), b"").unwrap();
    std::fs::set_permissions(beside(&db, "-wal"), std::fs::Permissions::from_mode(0o664)).unwrap();

    let store = db.open().await;
    assert_eq!(mode(&db.path), 0o600);
    assert_eq!(mode(&beside(&db, "-wal")), 0o600);
    assert_eq!(store.draft(&draft.id).await.unwrap(), draft, "nothing lost");
    store.close().await;
}

#[tokio::test]
async fn an_existing_database_is_opened_not_truncated() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.close().await;
    let size = std::fs::metadata(&db.path).unwrap().len();
    assert!(size > 0);
    let store = Store::open(&db.path, test_key()).await.unwrap();
    assert_eq!(store.draft(&draft.id).await.unwrap(), draft);
    store.close().await;
}

/// The shipped migrations plus one more, as the next version of the app would have them.
async fn next_version_migrator(dir: &Path) -> (Migrator, i64) {
    let migrations = dir.join("next-migrations");
    std::fs::create_dir_all(&migrations).expect("mkdir");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    for entry in std::fs::read_dir(shipped).expect("read migrations") {
        let entry = entry.expect("entry");
        std::fs::copy(entry.path(), migrations.join(entry.file_name())).expect("copy");
    }
    let next = MIGRATOR.iter().map(|m| m.version).max().expect("some") + 1;
    std::fs::write(
        migrations.join(format!("{next}_draft_notes.sql")),
        "ALTER TABLE drafts ADD COLUMN notes TEXT;\n",
    )
    .expect("write migration");
    (Migrator::new(migrations).await.expect("migrator"), next)
}

#[tokio::test]
async fn the_copy_taken_before_a_migration_is_private() {
    let db = TestDb::new();
    let (next, version) = next_version_migrator(db.dir.path()).await;
    let store = db.open().await;
    store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.close().await;
    let store = Store::open_with_migrator(&db.path, test_key(), &next)
        .await
        .unwrap();
    store.close().await;
    let copy = beside(&db, &format!(".before-{version}.bak"));
    assert_eq!(mode(&copy), 0o600);
    // And it is a whole database.
    let copied = Store::open(&copy, test_key()).await.unwrap();
    assert_eq!(copied.drafts_in(&scope()).await.unwrap().len(), 1);
    copied.close().await;
}
