//! Drafts bound to where they were started: listed only in the same environment and
//! merchant, drafts from before the binding claimed once after the upgrade, a draft handed
//! over to another rep, and a damaged row listed with its reason instead of failing the
//! whole list.

use std::path::Path;

use crate::common::{raw_connection, scope, test_key, TestDb, FROZEN};
use pos_store::{DraftScope, DraftStatus, SealError, Store};
use sqlx::migrate::Migrator;

fn scope_of(environment_key: &str, merchant_id: &str) -> DraftScope {
    DraftScope {
        environment_key: environment_key.to_owned(),
        merchant_id: merchant_id.to_owned(),
    }
}

#[tokio::test]
async fn drafts_are_listed_only_in_the_environment_and_merchant_they_were_started_in() {
    let db = TestDb::new();
    let store = db.open().await;
    let here = scope();
    let sandbox = scope_of("sandbox", &here.merchant_id);
    let other_merchant = scope_of(&here.environment_key, "merchant-2");
    let mine = store.create_draft("rep1", "en", &here).await.unwrap();
    let colleague = store.create_draft("rep2", "fr", &here).await.unwrap();
    let in_sandbox = store.create_draft("rep1", "en", &sandbox).await.unwrap();
    let elsewhere = store
        .create_draft("rep1", "en", &other_merchant)
        .await
        .unwrap();
    assert_eq!(mine.environment_key.as_deref(), Some("production"));
    assert_eq!(mine.merchant_id.as_deref(), Some("merchant-1"));
    assert_eq!(store.draft(&mine.id).await.unwrap(), mine);

    let listed = store.drafts_in(&here).await.unwrap();
    let mut ids: Vec<&str> = listed.iter().map(|d| d.id.as_str()).collect();
    ids.sort_unstable();
    let mut expected = [mine.id.as_str(), colleague.id.as_str()];
    expected.sort_unstable();
    assert_eq!(ids, expected);
    let theirs = listed.iter().find(|d| d.id == colleague.id).unwrap();
    assert_eq!(theirs.rep_username, "rep2");
    assert_eq!(theirs.environment_key.as_deref(), Some("production"));
    assert_eq!(theirs.merchant_id.as_deref(), Some("merchant-1"));
    assert_eq!(theirs.status, Ok(DraftStatus::Editing));

    let ids_in = |list: Vec<pos_store::DraftSummary>| -> Vec<String> {
        list.into_iter().map(|d| d.id).collect()
    };
    assert_eq!(
        ids_in(store.drafts_in(&sandbox).await.unwrap()),
        [in_sandbox.id]
    );
    assert_eq!(
        ids_in(store.drafts_in(&other_merchant).await.unwrap()),
        [elsewhere.id]
    );
    assert!(store
        .drafts_in(&scope_of("custom", "merchant-1"))
        .await
        .unwrap()
        .is_empty());
    store.close().await;
}

#[tokio::test]
async fn a_draft_needs_a_whole_scope() {
    let db = TestDb::new();
    let store = db.open().await;
    for bad in [scope_of("", "merchant-1"), scope_of("production", " ")] {
        let error = store.create_draft("rep1", "en", &bad).await.unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{bad:?}");
        let error = store.claim_unscoped_drafts(&bad).await.unwrap_err();
        assert_eq!(error.code(), "invalid_input", "{bad:?}");
    }
    // Nothing was written.
    let mut raw = db.raw().await;
    let rows: i64 = sqlx::query_scalar("SELECT count(*) FROM drafts")
        .fetch_one(&mut raw)
        .await
        .unwrap();
    assert_eq!(rows, 0);
    store.close().await;
}

/// The migrations of the version before drafts were bound (the first three).
async fn migrator_before_scoping(dir: &Path) -> Migrator {
    let migrations = dir.join("v3-migrations");
    std::fs::create_dir_all(&migrations).expect("mkdir");
    let shipped = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../migrations");
    let mut names: Vec<_> = std::fs::read_dir(shipped)
        .expect("read migrations")
        .map(|e| e.expect("entry").path())
        .collect();
    names.sort();
    for path in names.iter().take(3) {
        std::fs::copy(path, migrations.join(path.file_name().expect("name"))).expect("copy");
    }
    Migrator::new(migrations).await.expect("migrator")
}

#[tokio::test]
async fn drafts_from_before_the_upgrade_are_unlisted_until_claimed_then_listed_there() {
    // A sealed row as the previous version wrote it (made here with the same key, then
    // copied into a file at that version's schema, which has no scope columns).
    let donor = TestDb::new();
    let store = donor.open().await;
    let made = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    store
        .save_fields(&made.id, "{}", "Old Applicant", "fr", None)
        .await
        .unwrap();
    store.close().await;
    let (personal, key_id): (Vec<u8>, String) =
        sqlx::query_as("SELECT personal, key_id FROM drafts WHERE id = ?1")
            .bind(&made.id)
            .fetch_one(&mut donor.raw().await)
            .await
            .unwrap();

    let db = TestDb::new();
    let v3 = migrator_before_scoping(db.dir.path()).await;
    Store::open_with_migrator(&db.path, test_key(), &v3)
        .await
        .unwrap()
        .close()
        .await;
    let mut raw = raw_connection(&db.path).await;
    sqlx::query(
        "INSERT INTO drafts (id, rep_username, created_at, updated_at, status, lang, \
         personal, key_id, revision) VALUES \
         (?1, 'rep1', '2026-11-20T10:00:00.000Z', '2026-11-20T10:05:00.000Z', 'editing', \
          'fr', ?2, ?3, 1)",
    )
    .bind(&made.id)
    .bind(&personal)
    .bind(&key_id)
    .execute(&mut raw)
    .await
    .unwrap();
    drop(raw);

    let store = db.open().await;
    let old = store.draft(&made.id).await.unwrap();
    assert_eq!((old.environment_key, old.merchant_id), (None, None));
    assert!(store.drafts_in(&scope()).await.unwrap().is_empty());

    assert_eq!(store.claim_unscoped_drafts(&scope()).await.unwrap(), 1);
    let listed = store.drafts_in(&scope()).await.unwrap();
    assert_eq!(listed.len(), 1);
    assert_eq!(
        listed[0].applicant_name.as_ref().unwrap().expose(),
        "Old Applicant"
    );
    let claimed = store.draft(&made.id).await.unwrap();
    assert_eq!(claimed.environment_key.as_deref(), Some("production"));
    assert_eq!(claimed.merchant_id.as_deref(), Some("merchant-1"));
    // Claiming is no rep's edit: the retention clock and the revision are untouched.
    assert_eq!(claimed.updated_at, "2026-11-20T10:05:00.000Z");
    assert_eq!(claimed.revision, 1);

    // Once claimed, a later sign-in elsewhere claims nothing and sees nothing.
    let sandbox = scope_of("sandbox", "merchant-1");
    assert_eq!(store.claim_unscoped_drafts(&sandbox).await.unwrap(), 0);
    assert!(store.drafts_in(&sandbox).await.unwrap().is_empty());
    assert_eq!(store.claim_unscoped_drafts(&scope()).await.unwrap(), 0);
    store.close().await;
}

#[tokio::test]
async fn take_over_hands_a_draft_to_another_rep_in_one_write() {
    let db = TestDb::new();
    let store = db.open().await;
    let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
    let saved = store
        .save_fields(
            &draft.id,
            r#"{"first_name":"Jane"}"#,
            "Jane Roe",
            "en",
            None,
        )
        .await
        .unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(3)).await;

    let taken = store.take_over_draft(&draft.id, "rep2").await.unwrap();
    assert_eq!(taken.rep_username, "rep2");
    assert_eq!(taken.revision, saved.revision + 1);
    assert!(taken.updated_at > saved.updated_at);
    assert_eq!(taken.fields_json, saved.fields_json);
    assert_eq!(taken.applicant_name, saved.applicant_name);
    assert_eq!(taken.environment_key, saved.environment_key);
    assert_eq!(store.draft(&draft.id).await.unwrap(), taken);
    let listed = store.drafts_in(&scope()).await.unwrap();
    assert_eq!(listed[0].rep_username, "rep2");

    // An unknown outcome can be taken over too: the new rep checks it again.
    store
        .begin_submission(&draft.id, "idem-1", "ref-1", FROZEN)
        .await
        .unwrap();
    store.mark_outcome_unknown(&draft.id).await.unwrap();
    let back = store.take_over_draft(&draft.id, "rep1").await.unwrap();
    assert_eq!(
        (back.rep_username.as_str(), back.status),
        ("rep1", DraftStatus::OutcomeUnknown)
    );
    assert_eq!(back.idempotency_key.as_deref(), Some("idem-1"));

    let missing = "0".repeat(32);
    assert_eq!(
        store
            .take_over_draft(&missing, "rep2")
            .await
            .unwrap_err()
            .code(),
        "draft_not_found"
    );
    assert_eq!(
        store
            .take_over_draft(&draft.id, "  ")
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    store.close().await;
}

#[tokio::test]
async fn one_damaged_row_is_listed_with_its_reason_and_does_not_fail_the_list() {
    let db = TestDb::new();
    let store = db.open().await;
    let mut ids = Vec::new();
    for name in ["Good", "BadStatus", "BadLang", "BadRep", "BadBlob", "BadId"] {
        let draft = store.create_draft("rep1", "en", &scope()).await.unwrap();
        store
            .save_fields(&draft.id, "{}", name, "en", None)
            .await
            .unwrap();
        ids.push(draft.id);
    }
    let mut raw = db.raw().await;
    for (id, damage) in ids.iter().skip(1).zip([
        "UPDATE drafts SET status = 'exploded' WHERE id = ?1",
        "UPDATE drafts SET lang = 'de' WHERE id = ?1",
        "UPDATE drafts SET rep_username = x'ff00' WHERE id = ?1",
        "UPDATE drafts SET personal = 'not a blob at all' WHERE id = ?1",
        "UPDATE drafts SET id = CAST(id AS BLOB) WHERE id = ?1",
    ]) {
        sqlx::query(damage)
            .bind(id)
            .execute(&mut raw)
            .await
            .unwrap();
    }
    drop(raw);

    let listed = store.drafts_in(&scope()).await.unwrap();
    let line = |id: &String| listed.iter().find(|d| &d.id == id).expect("listed");
    assert_eq!(
        listed.len(),
        5,
        "only the row without a readable id is left out"
    );

    let good = line(&ids[0]);
    assert_eq!(good.status, Ok(DraftStatus::Editing));
    assert_eq!(good.applicant_name.as_ref().unwrap().expose(), "Good");

    let bad_status = line(&ids[1]);
    let damage = bad_status.status.as_ref().unwrap_err();
    assert_eq!(
        (damage.code(), damage.column.as_str()),
        ("corrupt_row", "status")
    );
    assert!(damage.detail.contains("exploded"), "{damage:?}");
    // The name still opens: the rep can see whose application it is.
    assert_eq!(
        bad_status.applicant_name.as_ref().unwrap().expose(),
        "BadStatus"
    );

    let bad_lang = line(&ids[2]);
    assert_eq!(bad_lang.status.as_ref().unwrap_err().column, "lang");
    assert_eq!(bad_lang.lang, "");

    let bad_rep = line(&ids[3]);
    assert_eq!(bad_rep.status.as_ref().unwrap_err().column, "rep_username");
    assert_eq!(bad_rep.rep_username, "");

    let bad_blob = line(&ids[4]);
    assert_eq!(bad_blob.status, Ok(DraftStatus::Editing));
    assert_eq!(bad_blob.applicant_name, Err(SealError::Tampered));

    // The damaged rows fail on their own, as before; the good one is untouched.
    assert_eq!(
        store.draft(&ids[1]).await.unwrap_err().code(),
        "corrupt_row"
    );
    assert_eq!(
        store.draft(&ids[0]).await.unwrap().applicant_name.expose(),
        "Good"
    );
    store.close().await;
}
