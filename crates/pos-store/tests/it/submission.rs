//! The submission state machine: keys stored before the request leaves, reused on retry,
//! kept through "outcome unknown" and a restart, then a decision or a cancel.

use crate::common::{fields_json, scope, TestDb, FROZEN};
use pos_store::{DraftStatus, StoreError};

#[tokio::test]
async fn begin_submission_twice_returns_the_same_keys() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, &fields_json(1), "Jane", "en", None)
        .await
        .unwrap();

    let first = store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    assert_eq!(first.status, DraftStatus::Submitting);
    assert_eq!(first.idempotency_key.as_deref(), Some("idem-1"));
    assert_eq!(first.reference_id.as_deref(), Some("ref-1"));
    assert!(first.submitted_at.is_some());

    let retry = store
        .begin_submission(&draft.id, "idem-2", "ref-2", FROZEN)
        .await
        .unwrap();
    assert_eq!(
        retry, first,
        "a retry reuses the stored keys and changes nothing"
    );
    store.close().await;
}

#[tokio::test]
async fn outcome_unknown_and_its_keys_survive_a_reopen() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    let unknown = store.mark_outcome_unknown(&draft.id).await.unwrap();
    assert_eq!(unknown.status, DraftStatus::OutcomeUnknown);
    assert_eq!(
        store.mark_outcome_unknown(&draft.id).await.unwrap(),
        unknown
    );
    store.close().await;

    let store = db.open().await;
    let resumed = store.draft(&draft.id).await.unwrap();
    assert_eq!(resumed, unknown);
    assert_eq!(resumed.idempotency_key.as_deref(), Some("idem-1"));
    assert_eq!(resumed.reference_id.as_deref(), Some("ref-1"));
    // "Check again" resubmits with the same keys.
    let again = store
        .begin_submission(&draft.id, "idem-new", "ref-new", FROZEN)
        .await
        .unwrap();
    assert_eq!(again.idempotency_key.as_deref(), Some("idem-1"));
    assert_eq!(again.status, DraftStatus::OutcomeUnknown);
    store.close().await;
}

#[tokio::test]
async fn record_decision_moves_the_status_and_keeps_the_reference() {
    let db = TestDb::new();
    let store = db.open().await;
    for (decision, from_unknown) in [
        (DraftStatus::Approved, false),
        (DraftStatus::Pending, true),
        (DraftStatus::Declined, false),
    ] {
        let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
        store
            .begin_submission(&draft.id, "idem", "ref", FROZEN)
            .await
            .unwrap();
        if from_unknown {
            store.mark_outcome_unknown(&draft.id).await.unwrap();
        }
        let body = r#"{"status":"x","credit_limit":1500}"#;
        let decided = store
            .record_decision(&draft.id, decision, body)
            .await
            .unwrap();
        assert_eq!(decided.status, decision);
        assert_eq!(
            decided.decision_json.as_ref().map(|d| d.expose().as_str()),
            Some(body)
        );
        assert_eq!(decided.reference_id.as_deref(), Some("ref"));
        assert_eq!(store.draft(&draft.id).await.unwrap(), decided);

        // Decided: no more edits, no resubmission, no second decision.
        let locked = store
            .save_fields(&draft.id, "{}", "", "en", None)
            .await
            .unwrap_err();
        assert_eq!(locked.code(), "draft_locked");
        let locked = store
            .begin_submission(&draft.id, "i", "r", FROZEN)
            .await
            .unwrap_err();
        assert_eq!(locked.code(), "draft_locked");
        let again = store
            .record_decision(&draft.id, decision, body)
            .await
            .unwrap_err();
        assert_eq!(again.code(), "draft_not_submitting");
    }
    store.close().await;
}

#[tokio::test]
async fn record_decision_needs_a_submission_and_a_decision_status() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let error = store
        .record_decision(&draft.id, DraftStatus::Approved, "{}")
        .await
        .unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::DraftNotSubmitting {
                status: DraftStatus::Editing,
                ..
            }
        ),
        "{error:?}"
    );
    store
        .begin_submission(&draft.id, "idem", "ref", FROZEN)
        .await
        .unwrap();
    for not_a_decision in [
        DraftStatus::Editing,
        DraftStatus::OutcomeUnknown,
        DraftStatus::Cancelled,
    ] {
        let error = store
            .record_decision(&draft.id, not_a_decision, "{}")
            .await
            .unwrap_err();
        assert_eq!(error.code(), "invalid_input");
    }
    assert_eq!(
        store
            .mark_outcome_unknown(&"f".repeat(32))
            .await
            .unwrap_err()
            .code(),
        "draft_not_found"
    );
    store.close().await;
}

/// A draft sent with keys `idem-1`/`ref-1` whose answer was lost.
async fn unknown_outcome(store: &pos_store::Store) -> pos_store::DraftRecord {
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, &fields_json(1), "Jane", "en", None)
        .await
        .unwrap();
    store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    store.mark_outcome_unknown(&draft.id).await.unwrap()
}

#[tokio::test]
async fn cancel_submission_clears_the_keys_and_reopens_editing() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = unknown_outcome(&store).await;

    let cancelled = store.cancel_submission(&draft.id).await.unwrap();
    assert_eq!(cancelled.status, DraftStatus::Editing);
    assert_eq!(cancelled.idempotency_key, None);
    assert_eq!(cancelled.reference_id, None);
    assert_eq!(cancelled.submitted_at, None);
    assert_eq!(
        cancelled.fields_json.expose(),
        &fields_json(1),
        "the answers stay"
    );

    // Editing again, and the next submit is a new submission with new keys.
    store
        .save_fields(&draft.id, &fields_json(2), "Jane", "en", None)
        .await
        .unwrap();
    let next = store
        .begin_submission(&draft.id, "idem-2", "ref-2", FROZEN)
        .await
        .unwrap();
    assert_eq!(next.idempotency_key.as_deref(), Some("idem-2"));

    // Refused when nothing is being submitted.
    store.cancel_submission(&draft.id).await.unwrap();
    let error = store.cancel_submission(&draft.id).await.unwrap_err();
    assert_eq!(error.code(), "draft_not_submitting");
    store.close().await;
}

#[tokio::test]
async fn discard_is_refused_while_the_outcome_is_unknown() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    let error = store.discard_draft(&draft.id).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::DraftLocked {
                status: DraftStatus::Submitting,
                ..
            }
        ),
        "{error:?}"
    );
    let unknown = store.mark_outcome_unknown(&draft.id).await.unwrap();
    let error = store.discard_draft(&draft.id).await.unwrap_err();
    assert!(
        matches!(
            error,
            StoreError::DraftLocked {
                status: DraftStatus::OutcomeUnknown,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(store.draft(&draft.id).await.unwrap(), unknown);

    // Once decided it may go.
    store
        .record_decision(&draft.id, DraftStatus::Declined, "{}")
        .await
        .unwrap();
    store.discard_draft(&draft.id).await.unwrap();
    store.close().await;
}

#[tokio::test]
async fn set_aside_keeps_the_keys_and_the_decision_can_still_come() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = unknown_outcome(&store).await;

    let aside = store.set_aside(&draft.id).await.unwrap();
    assert_eq!(aside.status, DraftStatus::Cancelled);
    assert_eq!(aside.idempotency_key.as_deref(), Some("idem-1"));
    assert_eq!(aside.reference_id.as_deref(), Some("ref-1"));
    assert_eq!(
        store.set_aside(&draft.id).await.unwrap(),
        aside,
        "idempotent"
    );

    // Set aside is not forgotten: no edit, no discard, no new submission with new keys,
    // and a lost answer on "check again" leaves it set aside.
    let error = store
        .save_fields(&draft.id, &fields_json(2), "Jane", "en", None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "draft_locked");
    let error = store.discard_draft(&draft.id).await.unwrap_err();
    assert_eq!(error.code(), "draft_locked");
    let error = store
        .begin_submission(&draft.id, "idem-2", "ref-2", FROZEN)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "draft_locked");
    assert_eq!(store.mark_outcome_unknown(&draft.id).await.unwrap(), aside);

    // "Check again" later learns the original decision.
    let decided = store
        .record_decision(&draft.id, DraftStatus::Pending, r#"{"outcome":"pending"}"#)
        .await
        .unwrap();
    assert_eq!(decided.status, DraftStatus::Pending);
    assert_eq!(decided.reference_id.as_deref(), Some("ref-1"));

    // Or Flexiti proves nothing was recorded: the set-aside draft is back to editing.
    let other = unknown_outcome(&store).await;
    store.set_aside(&other.id).await.unwrap();
    let reopened = store.cancel_submission(&other.id).await.unwrap();
    assert_eq!(reopened.status, DraftStatus::Editing);
    assert_eq!(reopened.idempotency_key, None);
    store.close().await;
}

#[tokio::test]
async fn only_an_unknown_outcome_can_be_set_aside() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    assert!(matches!(
        store.set_aside(&draft.id).await,
        Err(StoreError::DraftNotSubmitting { .. })
    ));
    store.close().await;
}

#[tokio::test]
async fn the_request_is_frozen_at_the_first_send_and_kept_until_it_is_answered() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let first = store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    assert_eq!(
        first.frozen_request.as_ref().map(|r| r.expose().as_str()),
        Some(FROZEN)
    );
    let retry = store
        .begin_submission(&draft.id, "idem-2", "ref-2", r#"{"another":"request"}"#)
        .await
        .unwrap();
    assert_eq!(
        retry.frozen_request, first.frozen_request,
        "the first request stays"
    );
    store.mark_outcome_unknown(&draft.id).await.unwrap();
    store.set_aside(&draft.id).await.unwrap();
    store.close().await;

    // Sealed with the answers: it survives a restart, and the file never holds it in clear.
    let store = db.open().await;
    let reopened = store.draft(&draft.id).await.unwrap();
    assert_eq!(reopened.frozen_request, first.frozen_request);
    let decided = store
        .record_decision(
            &draft.id,
            DraftStatus::Approved,
            r#"{"outcome":"approved"}"#,
        )
        .await
        .unwrap();
    assert_eq!(
        decided.frozen_request, None,
        "cut with the answers at the decision"
    );
    store.close().await;
    let bytes: Vec<u8> = db
        .files()
        .iter()
        .flat_map(|name| std::fs::read(db.dir.path().join(name)).unwrap_or_default())
        .collect();
    assert!(
        !bytes.windows(4).any(|w| w == b"Jane"),
        "the frozen request is never in clear on disk"
    );

    let store = db.open().await;
    let other = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .begin_submission(&other.id, "idem-3", "ref-3", FROZEN)
        .await
        .unwrap();
    let reopened = store.cancel_submission(&other.id).await.unwrap();
    assert_eq!(reopened.frozen_request, None, "abandoned with its keys");
    store.close().await;
}

#[tokio::test]
async fn a_submission_without_its_request_is_refused() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let error = store
        .begin_submission(&draft.id, "idem-1", "ref-1", "")
        .await
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert_eq!(
        store.draft(&draft.id).await.unwrap().status,
        DraftStatus::Editing
    );
    store.close().await;
}
