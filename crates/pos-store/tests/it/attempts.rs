//! Failed sign-ins counted per subject for the app's throttling: counted in one
//! transaction (so none is lost to a race), kept across a restart, the block computed by
//! the app's policy from the new count, cleared after a success; and which usernames are
//! known reps.

use crate::common::{test_key, TestDb};
use pos_store::{AttemptRecord, EndReason, Store, StoreError};

/// Blocked from the third failure on, for as many minutes as failures.
fn policy(failures: u32) -> Option<String> {
    (failures >= 3).then(|| format!("blocked-{failures}-minutes"))
}

#[tokio::test]
async fn failures_count_up_the_policy_sets_the_block_and_a_success_clears_them() {
    let db = TestDb::new();
    let store = db.open().await;
    assert_eq!(store.attempts("rep1").await.unwrap(), None);
    let mut seen = Vec::new();
    for _ in 0..4 {
        seen.push(store.record_failed_attempt("rep1", policy).await.unwrap());
    }
    let record = |failures, blocked_until: Option<&str>| AttemptRecord {
        failures,
        blocked_until: blocked_until.map(str::to_owned),
    };
    assert_eq!(
        seen,
        [
            record(1, None),
            record(2, None),
            record(3, Some("blocked-3-minutes")),
            record(4, Some("blocked-4-minutes")),
        ]
    );
    // Another subject counts on its own.
    assert_eq!(
        store
            .record_failed_attempt("terminal", |_| None)
            .await
            .unwrap(),
        record(1, None)
    );
    store.close().await;

    // A restart forgets nothing.
    let store = db.open().await;
    assert_eq!(
        store.attempts("rep1").await.unwrap(),
        Some(record(4, Some("blocked-4-minutes")))
    );
    // The policy sees the new count every time, and may lift the block.
    assert_eq!(
        store.record_failed_attempt("rep1", |_| None).await.unwrap(),
        record(5, None)
    );
    store.clear_attempts("rep1").await.unwrap();
    assert_eq!(store.attempts("rep1").await.unwrap(), None);
    assert_eq!(
        store.record_failed_attempt("rep1", policy).await.unwrap(),
        record(1, None)
    );
    assert_eq!(
        store.attempts("terminal").await.unwrap(),
        Some(record(1, None))
    );
    // Clearing a subject with nothing counted is not an error.
    store.clear_attempts("nobody").await.unwrap();
    for error in [
        store.attempts(" ").await.unwrap_err(),
        store.record_failed_attempt("", policy).await.unwrap_err(),
        store.clear_attempts("").await.unwrap_err(),
    ] {
        assert_eq!(error.code(), "invalid_input");
    }
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn failures_at_once_from_two_stores_all_count() {
    let db = TestDb::new();
    let a = db.open().await;
    let b = Store::open(&db.path, test_key()).await.unwrap();
    let mut tasks = Vec::new();
    for store in [a.clone(), b.clone()] {
        for _ in 0..10 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                store.record_failed_attempt("rep1", policy).await
            }));
        }
    }
    let mut counts = Vec::new();
    for task in tasks {
        counts.push(task.await.unwrap().unwrap().failures);
    }
    counts.sort_unstable();
    assert_eq!(
        counts,
        (1..=20).collect::<Vec<u32>>(),
        "each saw its own count"
    );
    let stored = a.attempts("rep1").await.unwrap().unwrap();
    assert_eq!(stored.failures, 20);
    assert_eq!(stored.blocked_until.as_deref(), Some("blocked-20-minutes"));
    a.close().await;
    b.close().await;
}

#[tokio::test]
async fn a_damaged_count_is_a_corrupt_row_and_the_next_failure_counts_from_one() {
    let db = TestDb::new();
    let store = db.open().await;
    store.record_failed_attempt("rep1", policy).await.unwrap();
    let mut raw = db.raw().await;
    for damage in [
        "UPDATE sign_in_attempts SET failures = 'many' WHERE subject = 'rep1'",
        "UPDATE sign_in_attempts SET failures = -4 WHERE subject = 'rep1'",
    ] {
        sqlx::query(damage).execute(&mut raw).await.unwrap();
        let error = store.attempts("rep1").await.unwrap_err();
        assert!(
            matches!(
                &error,
                StoreError::CorruptRow {
                    table: "sign_in_attempts",
                    ..
                }
            ),
            "{damage}: {error:?}"
        );
        assert_eq!(error.code(), "corrupt_row");
        // Sign-in is not blocked for good by a damaged row: counting starts again.
        let again = store.record_failed_attempt("rep1", policy).await.unwrap();
        assert_eq!(again.failures, 1, "{damage}");
    }
    drop(raw);
    store.close().await;
}

#[tokio::test]
async fn a_known_rep_is_one_with_a_session_on_record() {
    let db = TestDb::new();
    let store = db.open().await;
    assert!(!store.known_rep("rep1").await.unwrap());
    let session = store
        .start_session("rep1", "merchant-1", "Store", "T1")
        .await
        .unwrap();
    store
        .end_session(session, EndReason::SignOut)
        .await
        .unwrap();
    assert!(
        store.known_rep("rep1").await.unwrap(),
        "ended sessions count"
    );
    assert!(
        !store.known_rep("REP1").await.unwrap(),
        "exactly as signed in"
    );
    assert!(!store.known_rep("dice-manila-purism").await.unwrap());
    assert!(!store.known_rep("").await.unwrap());
    store.close().await;
}
