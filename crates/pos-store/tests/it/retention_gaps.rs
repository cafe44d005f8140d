//! Retention without holes: the WAL truncated after every purge, the drafts retention
//! keeps (no decision known) listed for the administrator, counts of failed sign-ins
//! purged with the drafts, copies of the file taken before a migration deleted after
//! their age, and a WAL emptied by a checkpoint cut to nothing.

use std::fs::File;
use std::time::{Duration, SystemTime};

use crate::common::{raw_connection, scope, TestDb, FROZEN};
use pos_store::{DraftScope, DraftStatus};

const DAY: Duration = Duration::from_secs(24 * 60 * 60);

fn wal_len(db: &TestDb) -> u64 {
    std::fs::metadata(db.dir.path().join("pos.db-wal"))
        .map(|m| m.len())
        .unwrap_or(0)
}

#[tokio::test]
async fn every_purge_truncates_the_wal_even_when_nothing_is_deleted() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, r#"{"first_name":"Jane"}"#, "Jane", "en", None)
        .await
        .unwrap();
    assert!(wal_len(&db) > 0, "the save sits in the WAL");
    let report = store
        .purge_drafts_before("2020-01-01T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!((report.purged, report.kept_in_flight), (0, 0));
    assert_eq!(wal_len(&db), 0);
    assert_eq!(store.draft(&draft.id).await.unwrap().revision, 1);
    store.close().await;
}

#[tokio::test]
async fn a_wal_emptied_by_a_checkpoint_is_cut_to_nothing() {
    let db = TestDb::new();
    let store = db.open().await;
    assert_eq!(store.diagnostics().await.unwrap().journal_size_limit, 0);
    store.close().await;
}

#[tokio::test]
async fn unresolved_drafts_past_a_cutoff_are_listed_oldest_first_in_every_scope() {
    let db = TestDb::new();
    let store = db.open().await;
    let elsewhere = DraftScope {
        environment_key: "sandbox".to_owned(),
        merchant_id: "merchant-9".to_owned(),
    };
    let make = async |scope: &DraftScope| {
        let draft = store.create_draft("rep1", "en", scope).await.unwrap();
        store
            .save_fields(&draft.id, "{}", "A", "en", None)
            .await
            .unwrap();
        draft.id
    };
    let editing = make(&scope()).await;
    let submitting = make(&scope()).await;
    let unknown = make(&elsewhere).await;
    let set_aside = make(&scope()).await;
    let decided = make(&scope()).await;
    let recent_unknown = make(&scope()).await;
    for id in [&submitting, &unknown, &set_aside, &decided, &recent_unknown] {
        store.begin_submission(id, "k", "r", FROZEN).await.unwrap();
    }
    for id in [&unknown, &set_aside, &recent_unknown] {
        store.mark_outcome_unknown(id).await.unwrap();
    }
    store.set_aside(&set_aside).await.unwrap();
    store
        .record_decision(&decided, DraftStatus::Approved, "{}")
        .await
        .unwrap();
    // Age all but one, each to its own day, behind the store's back.
    let mut raw = raw_connection(&db.path).await;
    for (id, day) in [
        (&editing, "01"),
        (&set_aside, "02"),
        (&unknown, "03"),
        (&submitting, "04"),
        (&decided, "05"),
    ] {
        sqlx::query("UPDATE drafts SET updated_at = ?2 WHERE id = ?1")
            .bind(id)
            .bind(format!("2026-01-{day}T00:00:00.000Z"))
            .execute(&mut raw)
            .await
            .unwrap();
    }
    drop(raw);

    let listed = store
        .unresolved_before("2026-01-10T00:00:00.000Z")
        .await
        .unwrap();
    let lines: Vec<(&str, DraftStatus, Option<&str>)> = listed
        .iter()
        .map(|d| {
            (
                d.id.as_str(),
                d.status.clone().unwrap(),
                d.environment_key.as_deref(),
            )
        })
        .collect();
    assert_eq!(
        lines,
        [
            (
                unknown.as_str(),
                DraftStatus::OutcomeUnknown,
                Some("sandbox")
            ),
            (
                submitting.as_str(),
                DraftStatus::Submitting,
                Some("production")
            ),
        ]
    );
    assert_eq!(
        listed[0].applicant_name.as_ref().unwrap().expose(),
        "A",
        "the administrator sees whose application it is"
    );
    assert!(store
        .unresolved_before("2026-01-02T00:00:00.000Z")
        .await
        .unwrap()
        .is_empty());
    store.close().await;
}

#[tokio::test]
async fn counts_of_failed_sign_ins_untouched_since_the_cutoff_are_purged() {
    let db = TestDb::new();
    let store = db.open().await;
    store.record_failed_attempt("old", |_| None).await.unwrap();
    store
        .record_failed_attempt("recent", |_| None)
        .await
        .unwrap();
    let mut raw = raw_connection(&db.path).await;
    sqlx::query(
        "UPDATE sign_in_attempts SET updated_at = '2026-01-01T00:00:00.000Z' \
         WHERE subject = 'old'",
    )
    .execute(&mut raw)
    .await
    .unwrap();
    drop(raw);
    let report = store
        .purge_drafts_before("2026-01-08T00:00:00.000Z")
        .await
        .unwrap();
    assert_eq!(report.attempts_purged, 1);
    assert_eq!(store.attempts("old").await.unwrap(), None);
    assert_eq!(store.attempts("recent").await.unwrap().unwrap().failures, 1);
    store.close().await;
}

#[tokio::test]
async fn copies_taken_before_a_migration_are_deleted_after_their_age() {
    let db = TestDb::new();
    let store = db.open().await;
    let now = SystemTime::now();
    let dir = db.dir.path();
    // (name, age): three of ours, and files that only look alike.
    let files = [
        ("pos.db.before-20261123000003.bak", Some(10 * DAY)),
        ("pos.db.before-20261128000004.1.bak", Some(8 * DAY)),
        ("pos.db.before-20261128000005.bak", Some(DAY)),
        ("pos.db.before-20261128000006.bak", None), // dated in the future
        ("other.db.before-20261123000003.bak", Some(10 * DAY)),
        ("pos.db.before-notes.bak", Some(10 * DAY)),
        ("pos.db.bak", Some(10 * DAY)),
    ];
    for (name, age) in files {
        let file = File::create(dir.join(name)).unwrap();
        let modified = match age {
            Some(age) => now - age,
            None => now + 30 * DAY,
        };
        file.set_modified(modified).unwrap();
    }
    assert_eq!(store.purge_backups_older_than(7 * DAY).await.unwrap(), 2);
    let left: Vec<String> = db
        .files()
        .into_iter()
        .filter(|name| name.ends_with(".bak"))
        .collect();
    assert_eq!(
        left,
        [
            "other.db.before-20261123000003.bak",
            "pos.db.bak",
            "pos.db.before-20261128000005.bak",
            "pos.db.before-20261128000006.bak",
            "pos.db.before-notes.bak",
        ]
    );
    assert_eq!(store.purge_backups_older_than(7 * DAY).await.unwrap(), 0);
    // The database itself is never a candidate.
    assert!(db.path.exists());
    store.close().await;
}
