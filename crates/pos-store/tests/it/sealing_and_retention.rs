//! The applicant's data at rest, on real files: sealed before it reaches the file (no
//! byte of it in the database, WAL or journal), a wrong key or a damaged row told apart
//! and reported without a panic, the receipt cut down at decision time, drafts purged
//! after the retention period (in-flight ones kept), and drafts an older version wrote in
//! clear sealed at the first open, with the plaintext copies removed.

use std::path::Path;

use crate::common::{other_key, raw_connection, scope, test_key, TestDb, FROZEN};
use pos_store::{DraftStatus, SealError, Store, StoreError};
use sqlx::migrate::Migrator;

const NAME: &str = "Zephyrine Quarmby-Lavoie";
const SIN: &str = "046454286";

fn answers() -> String {
    serde_json::json!({
        "first_name": "Zephyrine",
        "last_name": "Quarmby-Lavoie",
        "sin": SIN,
        "address_1": "4417 rue Xylophage",
    })
    .to_string()
}

/// Every occurrence of `needle` in every file under `dir`, as (file name, count).
fn occurrences(dir: &Path, needle: &[u8]) -> Vec<(String, usize)> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            found.extend(occurrences(&path, needle));
            continue;
        }
        // A journal can vanish between listing and reading: what is gone holds nothing.
        let Ok(bytes) = std::fs::read(&path) else {
            continue;
        };
        let count = bytes.windows(needle.len()).filter(|w| *w == needle).count();
        if count > 0 {
            found.push((path.display().to_string(), count));
        }
    }
    found
}

fn no_trace_of_the_applicant(dir: &Path) {
    for needle in [NAME, "Zephyrine", "Quarmby", SIN, "Xylophage"] {
        assert_eq!(occurrences(dir, needle.as_bytes()), vec![], "{needle}");
    }
}

#[tokio::test]
async fn saved_answers_are_in_no_file_in_clear_while_open_or_after_close() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    for _ in 0..3 {
        store
            .save_fields(&draft.id, &answers(), NAME, "fr", None)
            .await
            .unwrap();
    }
    // While the store is open the last saves sit in the WAL.
    assert!(
        db.files().iter().any(|f| f.ends_with("-wal")),
        "{:?}",
        db.files()
    );
    no_trace_of_the_applicant(db.dir.path());
    let back = store.draft(&draft.id).await.unwrap();
    assert_eq!(back.fields_json.expose(), &answers());
    assert_eq!(back.applicant_name.expose(), NAME);
    store.close().await;
    no_trace_of_the_applicant(db.dir.path());
    // The Debug of a record, as a log line would show it, carries none of it either.
    let debug = format!("{back:?}");
    assert!(
        !debug.contains("Zephyrine") && !debug.contains(SIN),
        "{debug}"
    );
}

#[tokio::test]
async fn a_store_opened_with_another_key_reports_wrong_key_and_changes_nothing() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, &answers(), NAME, "en", None)
        .await
        .unwrap();
    store.close().await;

    let before = std::fs::read(&db.path).unwrap();
    let stranger = Store::open(&db.path, other_key()).await.unwrap();
    let error = stranger.draft(&draft.id).await.unwrap_err();
    assert!(matches!(
        error,
        StoreError::Sealed {
            error: SealError::WrongKey,
            ..
        }
    ));
    assert_eq!(error.code(), "draft_wrong_key");
    let list = stranger.drafts_in(&scope()).await.unwrap();
    assert_eq!(list.len(), 1, "still listed, so it can be discarded");
    assert_eq!(list[0].applicant_name, Err(SealError::WrongKey));
    stranger.close().await;
    assert_eq!(
        std::fs::read(&db.path).unwrap(),
        before,
        "reading changed nothing"
    );
    let stranger = Store::open(&db.path, other_key()).await.unwrap();
    stranger.discard_draft(&draft.id).await.unwrap();
    assert!(stranger.drafts_in(&scope()).await.unwrap().is_empty());
    stranger.close().await;
}

#[tokio::test]
async fn a_changed_or_moved_blob_is_tampering_never_a_panic_and_can_be_discarded() {
    let db = TestDb::new();
    let store = db.open().await;
    let a = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let b = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&a.id, &answers(), NAME, "en", None)
        .await
        .unwrap();
    store
        .save_fields(&b.id, "{}", "Other Person", "en", None)
        .await
        .unwrap();

    let mut raw = raw_connection(&db.path).await;
    // One byte of a's ciphertext flipped.
    sqlx::query(
        "UPDATE drafts SET personal = substr(personal, 1, 40) || \
         (CASE WHEN substr(personal, 41, 1) = x'00' THEN x'01' ELSE x'00' END) || \
         substr(personal, 42) WHERE id = ?1",
    )
    .bind(&a.id)
    .execute(&mut raw)
    .await
    .unwrap();
    // b's (intact) blob copied onto another draft c: a moved blob.
    let c = store.create_draft("rep1", "en", &scope()).await.unwrap();
    sqlx::query(
        "UPDATE drafts SET personal = (SELECT personal FROM drafts WHERE id = ?2) WHERE id = ?1",
    )
    .bind(&c.id)
    .bind(&b.id)
    .execute(&mut raw)
    .await
    .unwrap();
    drop(raw);

    for id in [&a.id, &c.id] {
        let error = store.draft(id).await.unwrap_err();
        assert_eq!(error.code(), "draft_tampered", "{id}");
    }
    assert_eq!(
        store.draft(&b.id).await.unwrap().applicant_name.expose(),
        "Other Person"
    );
    let list = store.drafts_in(&scope()).await.unwrap();
    let tampered = list
        .iter()
        .filter(|d| d.applicant_name == Err(SealError::Tampered))
        .count();
    assert_eq!((list.len(), tampered), (3, 2));
    store.discard_draft(&a.id).await.unwrap();
    store.discard_draft(&c.id).await.unwrap();
    assert_eq!(store.drafts_in(&scope()).await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn a_decision_cuts_the_draft_down_to_name_and_decision() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, &answers(), NAME, "en", Some("2024-01"))
        .await
        .unwrap();
    store
        .begin_submission(&draft.id, "k", "r", FROZEN)
        .await
        .unwrap();
    let decision = r#"{"outcome":"approved","credit_limit_cents":250000,"card_last4":"4242"}"#;
    let decided = store
        .record_decision(&draft.id, DraftStatus::Approved, decision)
        .await
        .unwrap();
    assert_eq!(decided.fields_json.expose(), "{}");
    assert_eq!(decided.applicant_name.expose(), NAME);
    assert_eq!(
        decided.decision_json.as_ref().map(|d| d.expose().as_str()),
        Some(decision)
    );
    assert_eq!(decided.reference_id.as_deref(), Some("r"));
    store.close().await;
    let store = db.open().await;
    assert_eq!(store.draft(&draft.id).await.unwrap(), decided);
    store.close().await;
}

#[tokio::test]
async fn purge_deletes_drafts_past_the_period_keeps_in_flight_ones_and_truncates_the_wal() {
    let db = TestDb::new();
    let store = db.open().await;
    let old_editing = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let old_decided = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let old_unknown = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let recent = store.create_draft("rep1", "en", &scope()).await.unwrap();
    for d in [&old_editing, &old_decided, &old_unknown, &recent] {
        store
            .save_fields(&d.id, &answers(), NAME, "en", None)
            .await
            .unwrap();
    }
    for d in [&old_decided, &old_unknown] {
        store
            .begin_submission(&d.id, "k", "r", FROZEN)
            .await
            .unwrap();
    }
    store
        .record_decision(&old_decided.id, DraftStatus::Declined, "{}")
        .await
        .unwrap();
    store.mark_outcome_unknown(&old_unknown.id).await.unwrap();
    // Age three of them by eight days, behind the store's back.
    let mut raw = raw_connection(&db.path).await;
    for d in [&old_editing, &old_decided, &old_unknown] {
        sqlx::query("UPDATE drafts SET updated_at = '2026-01-01T00:00:00.000Z' WHERE id = ?1")
            .bind(&d.id)
            .execute(&mut raw)
            .await
            .unwrap();
    }
    drop(raw);

    let report = store
        .purge_drafts_before("2026-01-08T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!((report.purged, report.kept_in_flight), (2, 1));
    let left: Vec<String> = store
        .drafts_in(&scope())
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(left.len(), 2);
    assert!(left.contains(&recent.id) && left.contains(&old_unknown.id));
    let wal = std::fs::metadata(db.dir.path().join("pos.db-wal"))
        .unwrap()
        .len();
    assert_eq!(wal, 0, "the WAL is truncated after a purge");
    // Nothing to purge: nothing happens.
    let again = store
        .purge_drafts_before("2026-01-08T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!((again.purged, again.kept_in_flight), (0, 1));
    assert!(store.integrity_problems().await.unwrap().is_empty());
    store.close().await;
}

/// The migrations of the version before sealing (the first two).
async fn migrator_before_sealing(dir: &Path) -> Migrator {
    let migrations = dir.join("old-migrations");
    std::fs::create_dir_all(&migrations).expect("mkdir");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut names: Vec<_> = std::fs::read_dir(shipped)
        .expect("read migrations")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names.iter().take(2) {
        std::fs::copy(path, migrations.join(path.file_name().expect("name"))).expect("copy");
    }
    Migrator::new(migrations).await.expect("migrator")
}

#[tokio::test]
async fn drafts_an_older_version_wrote_in_clear_are_sealed_at_the_first_open() {
    let db = TestDb::new();
    let old = migrator_before_sealing(db.dir.path()).await;
    Store::open_with_migrator(&db.path, test_key(), &old)
        .await
        .unwrap()
        .close()
        .await;
    let mut raw = raw_connection(&db.path).await;
    sqlx::query(
        "INSERT INTO drafts (id, rep_username, created_at, updated_at, status, lang, \
         applicant_name, fields_json, revision) VALUES \
         ('0123456789abcdef0123456789abcdef', 'rep1', '2026-11-20T10:00:00.000Z', \
          '2026-11-20T10:05:00.000Z', 'editing', 'fr', ?1, ?2, 4)",
    )
    .bind(NAME)
    .bind(answers())
    .execute(&mut raw)
    .await
    .unwrap();
    drop(raw);
    // A copy an even older upgrade left behind holds the clear text too.
    std::fs::write(
        db.dir.path().join("pos.db.before-20261123000002.bak"),
        format!("old copy {NAME}"),
    )
    .unwrap();

    let store = db.open().await;
    let draft = store
        .draft("0123456789abcdef0123456789abcdef")
        .await
        .unwrap();
    assert_eq!(draft.applicant_name.expose(), NAME);
    assert_eq!(draft.fields_json.expose(), &answers());
    assert_eq!((draft.revision, draft.lang.as_str()), (4, "fr"));
    let tables: i64 =
        sqlx::query_scalar("SELECT count(*) FROM sqlite_schema WHERE name = 'drafts_unsealed'")
            .fetch_one(&mut raw_connection(&db.path).await)
            .await
            .unwrap();
    assert_eq!(tables, 0);
    assert!(
        !db.files().iter().any(|f| f.ends_with(".bak")),
        "copies that held clear text are gone: {:?}",
        db.files()
    );
    store.close().await;
    no_trace_of_the_applicant(db.dir.path());
}
