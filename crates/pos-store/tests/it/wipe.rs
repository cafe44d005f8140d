//! "Reset this terminal": after a wipe no draft, purchase journal row, session, setting,
//! cached text or count of failed sign-ins is left, in rows or in the bytes of any file
//! (database, WAL, backups), the audit log is kept, and the store goes on working.

use std::path::Path;

use crate::common::{scope, test_key, TestDb};
use pos_core::Money;
use pos_store::{sealed_key_ids, AuditEvent, Completion, FlexitiIds, NewOperation, OperationKind};

const SETTING: &str = "https://wipe-me-7f3a9c.example";
const REP: &str = "rep-zelkova-4242";
const CACHED: &str = "cached-quokka-1919";
const SUBJECT: &str = "subject-narwhal-5151";

/// Every file in `dir` whose bytes contain `needle`.
fn files_holding(dir: &Path, needle: &str) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let Ok(bytes) = std::fs::read(entry.path()) else {
            continue;
        };
        if bytes.windows(needle.len()).any(|w| w == needle.as_bytes()) {
            found.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    found
}

#[tokio::test]
async fn after_a_wipe_nothing_but_the_audit_log_is_left_in_any_file() {
    let db = TestDb::new();
    let store = db.open().await;
    let mut drafts = Vec::new();
    for name in ["Ann", "Bob"] {
        let draft = store.create_draft(REP, "en", &scope()).await.unwrap();
        store
            .save_fields(&draft.id, r#"{"first_name":"x"}"#, name, "en", None)
            .await
            .unwrap();
        drafts.push(draft.id);
    }
    store.set_setting("custom_url", SETTING).await.unwrap();
    store
        .start_session(REP, "merchant-1", "Store", "T1")
        .await
        .unwrap();
    store
        .put_cache("i18n", "en", &format!(r#"{{"text":"{CACHED}"}}"#))
        .await
        .unwrap();
    store
        .record_failed_attempt(SUBJECT, |_| None)
        .await
        .unwrap();
    store
        .audit(AuditEvent::SignIn, Some("audited-rep"), "T1", "ok", None)
        .await
        .unwrap();
    store.close().await;
    // A copy an upgrade left behind.
    std::fs::copy(
        &db.path,
        db.dir.path().join("pos.db.before-20261128000004.bak"),
    )
    .unwrap();
    // Closed: everything is in the main file (and the copy), in clear for the metadata.
    for needle in [SETTING, REP, CACHED, SUBJECT] {
        assert!(
            files_holding(db.dir.path(), needle).contains(&"pos.db".to_owned()),
            "{needle} is in the file before the wipe"
        );
    }

    let store = db.open().await;
    store.wipe().await.unwrap();

    for id in &drafts {
        assert_eq!(store.draft(id).await.unwrap_err().code(), "draft_not_found");
    }
    assert!(store.drafts_in(&scope()).await.unwrap().is_empty());
    assert_eq!(store.setting("custom_url").await.unwrap(), None);
    assert!(store.sessions(10).await.unwrap().is_empty());
    assert!(!store.known_rep(REP).await.unwrap());
    assert_eq!(store.cache("i18n", "en").await.unwrap(), None);
    assert_eq!(store.attempts(SUBJECT).await.unwrap(), None);
    let audit = store.audit_log(10).await.unwrap();
    assert_eq!(audit.len(), 1, "the audit log is kept");
    assert_eq!(audit[0].rep_username.as_deref(), Some("audited-rep"));
    assert!(
        !db.files().iter().any(|f| f.ends_with(".bak")),
        "{:?}",
        db.files()
    );
    // No byte of any of it in the database, its WAL or anywhere beside, open or closed.
    for needle in [SETTING, REP, CACHED, SUBJECT] {
        assert_eq!(
            files_holding(db.dir.path(), needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    assert!(store.integrity_problems().await.unwrap().is_empty());

    // The store goes on working.
    let fresh = store.create_draft("rep1", "fr", &scope()).await.unwrap();
    assert_eq!(store.drafts_in(&scope()).await.unwrap().len(), 1);
    store.close().await;
    for needle in [SETTING, REP, CACHED, SUBJECT] {
        assert_eq!(
            files_holding(db.dir.path(), needle),
            Vec::<String>::new(),
            "{needle}"
        );
    }
    let store = db.open().await;
    assert_eq!(store.draft(&fresh.id).await.unwrap(), fresh);
    store.close().await;
}

#[tokio::test]
async fn journal_rows_need_their_data_key_until_a_reset_erases_them() {
    const PURCHASE: &str = "00000001000040008000000000000001";
    const ACCOUNT: &str = "116994755";
    let db = TestDb::new();
    let store = db.open().await;
    let body = format!(r#"{{"reference":"{PURCHASE}","account_number":{ACCOUNT}}}"#);
    let sale = NewOperation {
        purchase_id: PURCHASE,
        reference: PURCHASE,
        kind: OperationKind::Sale,
        amount: Money(1_000),
        plan_id: None,
        term: None,
        ids: FlexitiIds::default(),
        remaining_before: None,
        store_id: "00-12345",
        terminal_id: "till-1",
        rep_username: REP,
        reference_id: "reference-id-1",
        idempotency_key: "0123456789abcdef0123456789abcdef",
        body: &body,
        account_number: ACCOUNT,
        card_ending_in: Some("7982"),
        customer_name: "Q. Zabriskie",
        approval: None,
        local_date: "2026-11-28",
    };
    store.begin_operation(&scope(), &sale).await.unwrap();
    let done = Completion {
        ids: FlexitiIds {
            authorization_id: Some(1),
            ..FlexitiIds::default()
        },
        snapshot_json: "{}",
        flag: None,
    };
    store
        .complete_operation(&scope(), PURCHASE, &done)
        .await
        .unwrap();
    store.close().await;
    // No draft, yet the file needs its key: the app must not make a new one.
    assert_eq!(
        sealed_key_ids(&db.path).await.unwrap(),
        [test_key().id().to_owned()]
    );

    let store = db.open().await;
    store.wipe().await.unwrap();
    assert!(store
        .journal_for_day(&scope(), "2026-11-28")
        .await
        .unwrap()
        .is_empty());
    store.close().await;
    assert!(sealed_key_ids(&db.path).await.unwrap().is_empty());
    assert_eq!(files_holding(db.dir.path(), PURCHASE), Vec::<String>::new());
}
