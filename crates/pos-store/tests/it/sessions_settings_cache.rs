//! Sessions, settings and the cache of server texts.

use crate::common::TestDb;
use pos_store::EndReason;

#[tokio::test]
async fn sessions_start_end_and_crash_leftovers_are_closed() {
    let db = TestDb::new();
    let store = db.open().await;
    let first = store
        .start_session("rep1", "m-1", "Brick Store", "T1")
        .await
        .unwrap();
    let second = store
        .start_session("rep2", "m-1", "Brick Store", "T1")
        .await
        .unwrap();
    store.end_session(first, EndReason::IdleLock).await.unwrap();
    // Ending again keeps the first end.
    store.end_session(first, EndReason::SignOut).await.unwrap();
    assert_eq!(
        store
            .end_session(9999, EndReason::SignOut)
            .await
            .unwrap_err()
            .code(),
        "session_not_found"
    );
    store.close().await;

    // The app crashed with rep2 signed in; the next start closes that session.
    let store = db.open().await;
    assert_eq!(
        store.end_open_sessions(EndReason::AppClosed).await.unwrap(),
        1
    );
    assert_eq!(
        store.end_open_sessions(EndReason::AppClosed).await.unwrap(),
        0
    );
    let sessions = store.sessions(10).await.unwrap();
    assert_eq!(sessions.len(), 2);
    assert_eq!(sessions[0].id, second, "newest first");
    assert_eq!(sessions[0].rep_username, "rep2");
    assert_eq!(sessions[0].end_reason, Some(EndReason::AppClosed));
    assert_eq!(sessions[1].id, first);
    assert_eq!(sessions[1].merchant_id, "m-1");
    assert_eq!(sessions[1].merchant_name, "Brick Store");
    assert_eq!(sessions[1].terminal_id, "T1");
    assert_eq!(sessions[1].end_reason, Some(EndReason::IdleLock));
    assert!(sessions
        .iter()
        .all(|s| s.ended_at.as_deref() >= Some(s.started_at.as_str())));
    assert_eq!(store.sessions(1).await.unwrap().len(), 1);
    store.close().await;
}

#[tokio::test]
async fn settings_are_set_replaced_and_never_secrets() {
    let db = TestDb::new();
    let store = db.open().await;
    assert_eq!(store.setting("environment").await.unwrap(), None);
    store.set_setting("environment", "sandbox").await.unwrap();
    store
        .set_setting("environment", "production")
        .await
        .unwrap();
    assert_eq!(
        store.setting("environment").await.unwrap().as_deref(),
        Some("production")
    );
    for secret_key in ["client_secret", "rep_password", "access_token"] {
        assert_eq!(
            store
                .set_setting(secret_key, "s3cr3t")
                .await
                .unwrap_err()
                .code(),
            "invalid_input"
        );
        assert_eq!(store.setting(secret_key).await.unwrap(), None);
    }
    store.close().await;
}

#[tokio::test]
async fn cache_put_get_and_overwrite_per_language() {
    let db = TestDb::new();
    let store = db.open().await;
    assert_eq!(store.cache("form_values", "en").await.unwrap(), None);
    store
        .put_cache("form_values", "en", r#"{"v":1}"#)
        .await
        .unwrap();
    store
        .put_cache("form_values", "fr", r#"{"v":"fr"}"#)
        .await
        .unwrap();
    let first = store.cache("form_values", "en").await.unwrap().unwrap();
    assert_eq!(first.body_json, r#"{"v":1}"#);
    store
        .put_cache("form_values", "en", r#"{"v":2}"#)
        .await
        .unwrap();
    let second = store.cache("form_values", "en").await.unwrap().unwrap();
    assert_eq!(second.body_json, r#"{"v":2}"#);
    assert!(second.fetched_at >= first.fetched_at);
    assert_eq!(
        store
            .cache("form_values", "fr")
            .await
            .unwrap()
            .unwrap()
            .body_json,
        r#"{"v":"fr"}"#
    );
    assert_eq!(
        store
            .put_cache("i18n", "en", "<html>")
            .await
            .unwrap_err()
            .code(),
        "invalid_input"
    );
    store.close().await;

    let store = db.open().await;
    assert_eq!(
        store.cache("form_values", "en").await.unwrap(),
        Some(second)
    );
    store.close().await;
}
