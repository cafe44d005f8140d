//! Many writers at once (tasks of one app, and two stores on one file) all land; rows the
//! app cannot read give a typed error, not a panic.

use crate::common::{fields_json, scope, test_key, TestDb, FROZEN};
use pos_store::{Store, StoreError};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_saves_from_20_tasks_to_20_drafts_all_land() {
    let db = TestDb::new();
    let store = db.open().await;
    let mut ids = Vec::new();
    for _ in 0..20 {
        ids.push(store.create_draft("rep1", "en", &scope()).await.unwrap().id);
    }
    let tasks: Vec<_> = ids
        .iter()
        .enumerate()
        .map(|(n, id)| {
            let store = store.clone();
            let id = id.clone();
            tokio::spawn(async move {
                for round in 0..5 {
                    store
                        .save_fields(
                            &id,
                            &fields_json(n * 100 + round),
                            &format!("A{n}"),
                            "en",
                            None,
                        )
                        .await?;
                }
                Ok::<(), StoreError>(())
            })
        })
        .collect();
    for task in tasks {
        task.await.unwrap().unwrap();
    }
    store.close().await;

    let store = db.open().await;
    for (n, id) in ids.iter().enumerate() {
        let draft = store.draft(id).await.unwrap();
        assert_eq!(draft.revision, 5);
        assert_eq!(draft.fields_json.expose(), &fields_json(n * 100 + 4));
        assert_eq!(draft.applicant_name.expose(), &format!("A{n}"));
    }
    store.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_stores_on_one_file_wait_for_each_other_instead_of_failing() {
    let db = TestDb::new();
    let a = db.open().await;
    let b = Store::open(&db.path, test_key()).await.unwrap();
    let mut tasks = Vec::new();
    for (n, store) in [a.clone(), b.clone()].into_iter().enumerate() {
        for t in 0..10 {
            let store = store.clone();
            tasks.push(tokio::spawn(async move {
                let draft = store.create_draft("rep1", "en", &scope()).await?;
                for round in 0..3 {
                    store
                        .save_fields(
                            &draft.id,
                            &fields_json(round),
                            &format!("S{n}T{t}"),
                            "fr",
                            None,
                        )
                        .await?;
                }
                Ok::<String, StoreError>(draft.id)
            }));
        }
    }
    let mut ids = Vec::new();
    for task in tasks {
        ids.push(task.await.unwrap().unwrap());
    }
    a.close().await;
    b.close().await;
    let store = db.open().await;
    assert_eq!(store.drafts_in(&scope()).await.unwrap().len(), 20);
    for id in ids {
        assert_eq!(store.draft(&id).await.unwrap().revision, 3);
    }
    assert!(store.integrity_problems().await.unwrap().is_empty());
    store.close().await;
}

#[tokio::test]
async fn a_malformed_status_is_a_corrupt_row_error_not_a_panic() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let mut raw = db.raw().await;
    sqlx::query("UPDATE drafts SET status = 'exploded' WHERE id = ?1")
        .bind(&draft.id)
        .execute(&mut raw)
        .await
        .unwrap();

    let error = store.draft(&draft.id).await.unwrap_err();
    match &error {
        StoreError::CorruptRow { table, key, detail } => {
            assert_eq!(*table, "drafts");
            assert_eq!(key, &draft.id);
            assert!(detail.contains("exploded"), "{detail}");
        }
        other => panic!("expected CorruptRow, got {other:?}"),
    }
    assert_eq!(error.code(), "corrupt_row");
    // The list still shows it (one bad row does not fail the list), with the reason.
    let listed = store.drafts_in(&scope()).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(listed[0].status.as_ref().unwrap_err().code(), "corrupt_row");
    assert_eq!(
        store
            .save_fields(&draft.id, "{}", "", "en", None)
            .await
            .unwrap_err()
            .code(),
        "corrupt_row"
    );
    assert_eq!(
        store
            .begin_submission(&draft.id, "i", "r", FROZEN)
            .await
            .unwrap_err()
            .code(),
        "corrupt_row"
    );
    // An unknown language, text where a number is due, and an unknown end reason are
    // caught the same way.
    for damage in [
        "UPDATE drafts SET status = 'editing', lang = 'de' WHERE id = ?1",
        "UPDATE drafts SET lang = 'en', revision = 'many' WHERE id = ?1",
    ] {
        sqlx::query(damage)
            .bind(&draft.id)
            .execute(&mut raw)
            .await
            .unwrap();
        let error = store.draft(&draft.id).await.unwrap_err();
        assert_eq!(error.code(), "corrupt_row", "{damage}: {error}");
    }
    let session = store
        .start_session("rep1", "m", "Store", "T")
        .await
        .unwrap();
    sqlx::query("UPDATE sessions SET end_reason = 'meteor' WHERE id = ?1")
        .bind(session)
        .execute(&mut raw)
        .await
        .unwrap();
    assert_eq!(store.sessions(5).await.unwrap_err().code(), "corrupt_row");
    drop(raw);
    store.close().await;
}
