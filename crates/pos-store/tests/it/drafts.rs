//! Drafts: creating, saving fields, resuming after a restart, listing and discarding.

use std::time::Duration;

use crate::common::{fields_json, scope, TestDb, FROZEN};
use pos_store::{DraftStatus, StoreError};

#[tokio::test]
async fn a_new_draft_is_empty_editing_with_a_hex_id() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    assert_eq!(draft.id.len(), 32);
    assert!(draft
        .id
        .chars()
        .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    assert_eq!(draft.status, DraftStatus::Editing);
    assert_eq!(draft.lang, "fr");
    assert_eq!(draft.fields_json.expose(), &"{}");
    assert_eq!(draft.applicant_name.expose(), "");
    assert_eq!(draft.revision, 0);
    assert_eq!(draft.created_at, draft.updated_at);
    assert_eq!(draft.created_at.len(), "2026-11-23T14:05:09.123Z".len());
    assert!(draft.created_at.ends_with('Z'));
    assert_ne!(
        store.create_draft("rep1", "en", &scope()).await.unwrap().id,
        draft.id
    );
    store.close().await;
}

#[tokio::test]
async fn a_saved_draft_resumes_after_close_and_reopen() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let fields = fields_json(1);
    store
        .save_fields(&draft.id, &fields_json(0), "Jane", "en", None)
        .await
        .unwrap();
    let saved = store
        .save_fields(&draft.id, &fields, "Jane Roe", "fr", Some("tos-2026-01"))
        .await
        .unwrap();
    assert_eq!(saved.revision, 2);
    assert!(saved.updated_at >= draft.updated_at);
    store.close().await;

    let store = db.open().await;
    let resumed = store.draft(&draft.id).await.unwrap();
    assert_eq!(resumed, saved);
    assert_eq!(resumed.fields_json.expose(), &fields);
    assert_eq!(resumed.applicant_name.expose(), "Jane Roe");
    assert_eq!(resumed.lang, "fr");
    assert_eq!(resumed.tos_version.as_deref(), Some("tos-2026-01"));
    store.close().await;
}

#[tokio::test]
async fn save_on_a_draft_not_being_edited_is_refused_and_changes_nothing() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store
        .save_fields(&draft.id, &fields_json(1), "Jane", "en", None)
        .await
        .unwrap();
    let submitting = store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();

    let error = store
        .save_fields(&draft.id, &fields_json(2), "Mallory", "fr", Some("v9"))
        .await
        .unwrap_err();
    assert!(
        matches!(
            &error,
            StoreError::DraftLocked {
                status: DraftStatus::Submitting,
                ..
            }
        ),
        "{error:?}"
    );
    assert_eq!(error.code(), "draft_locked");
    assert_eq!(store.draft(&draft.id).await.unwrap(), submitting);
    store.close().await;
}

#[tokio::test]
async fn unknown_drafts_and_bad_arguments_are_typed_errors() {
    let db = TestDb::new();
    let store = db.open().await;
    let missing = "0".repeat(32);
    assert_eq!(
        store.draft(&missing).await.unwrap_err().code(),
        "draft_not_found"
    );
    assert_eq!(
        store
            .save_fields(&missing, "{}", "", "en", None)
            .await
            .unwrap_err()
            .code(),
        "draft_not_found"
    );
    assert_eq!(
        store.discard_draft(&missing).await.unwrap_err().code(),
        "draft_not_found"
    );
    assert_eq!(
        store
            .create_draft("rep1", "de", &scope())
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        store
            .create_draft(" ", "en", &scope())
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    assert_eq!(
        store
            .save_fields(&draft.id, "{not json", "", "en", None)
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(
        store
            .save_fields(&draft.id, "{}", "", "es", None)
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    assert_eq!(store.draft(&draft.id).await.unwrap(), draft);
    store.close().await;
}

#[tokio::test]
async fn drafts_lists_newest_first_with_the_ones_set_aside() {
    let db = TestDb::new();
    let store = db.open().await;
    let mut ids = Vec::new();
    for name in ["Ann", "Bob", "Cy", "Di"] {
        let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
        store
            .save_fields(&draft.id, "{}", name, "en", None)
            .await
            .unwrap();
        ids.push(draft.id);
        tokio::time::sleep(Duration::from_millis(3)).await;
    }
    // Touch Ann last: she moves to the top.
    store
        .save_fields(&ids[0], "{}", "Ann", "en", None)
        .await
        .unwrap();
    tokio::time::sleep(Duration::from_millis(3)).await;
    // Bob's unknown outcome is set aside: still listed (newest now), as cancelled.
    store
        .begin_submission(&ids[1], "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    store.mark_outcome_unknown(&ids[1]).await.unwrap();
    store.set_aside(&ids[1]).await.unwrap();

    let listed: Vec<(String, DraftStatus)> = store
        .drafts_in(&scope())
        .await
        .unwrap()
        .into_iter()
        .map(|summary| {
            let status = summary.status.expect("readable");
            (summary.applicant_name.expect("opens").into_inner(), status)
        })
        .collect();
    assert_eq!(
        listed,
        [
            ("Bob".to_owned(), DraftStatus::Cancelled),
            ("Ann".to_owned(), DraftStatus::Editing),
            ("Di".to_owned(), DraftStatus::Editing),
            ("Cy".to_owned(), DraftStatus::Editing),
        ]
    );
    store.close().await;
}

#[tokio::test]
async fn discard_deletes_a_draft_being_edited() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    store.discard_draft(&draft.id).await.unwrap();
    assert_eq!(
        store.draft(&draft.id).await.unwrap_err().code(),
        "draft_not_found"
    );
    assert!(store.drafts_in(&scope()).await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn the_terms_are_recorded_with_the_language_they_were_accepted_in() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let saved = store
        .save_fields(
            &draft.id,
            &fields_json(3),
            "Amélie Tremblay",
            "en",
            pos_store::Terms {
                version: Some("2024-01-QC"),
                lang: Some("fr"),
            },
        )
        .await
        .unwrap();
    assert_eq!(saved.lang, "en", "the applicant's language");
    assert_eq!(saved.tos_version.as_deref(), Some("2024-01-QC"));
    assert_eq!(saved.tos_lang.as_deref(), Some("fr"), "accepted in French");
    let reopened = store.draft(&draft.id).await.unwrap();
    assert_eq!(reopened.tos_lang.as_deref(), Some("fr"));
    let refused = store
        .save_fields(
            &draft.id,
            &fields_json(3),
            "Amélie Tremblay",
            "en",
            pos_store::Terms {
                version: Some("2024-01-QC"),
                lang: Some("de"),
            },
        )
        .await;
    assert!(refused.is_err(), "only en or fr");
    assert_eq!(
        store.draft(&draft.id).await.unwrap().revision,
        saved.revision
    );
}
