//! The audit log on a real file: every event kind is written with its fields, read back
//! newest first, and survives a reopen.

use crate::common::test_key;
use pos_store::{AuditEvent, Store};

#[tokio::test]
async fn every_event_kind_is_written_with_its_fields_and_survives_a_reopen() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("pos.sqlite3");
    let store = Store::open(&path, test_key()).await.expect("open");
    for (i, event) in AuditEvent::ALL.iter().copied().enumerate() {
        let rep = (event != AuditEvent::Purge).then_some("merchantonline");
        let detail = format!("draft-{i}");
        store
            .audit(event, rep, "T-01", "ok", Some(&detail))
            .await
            .expect("audit");
    }
    store.close().await;
    let store = Store::open(&path, test_key()).await.expect("reopen");
    let log = store.audit_log(100).await.expect("read");
    assert_eq!(log.len(), AuditEvent::ALL.len());
    let mut events: Vec<AuditEvent> = log.iter().map(|r| r.event).collect();
    events.reverse();
    assert_eq!(events, AuditEvent::ALL, "newest first");
    for record in &log {
        assert_eq!(record.terminal_id, "T-01");
        assert_eq!(record.outcome, "ok");
        assert!(
            record.at.ends_with('Z') && record.at.len() >= 20,
            "{}",
            record.at
        );
        assert_eq!(
            record.rep_username.is_none(),
            record.event == AuditEvent::Purge
        );
        assert!(record
            .detail
            .as_deref()
            .is_some_and(|d| d.starts_with("draft-")));
    }
}

#[tokio::test]
async fn an_audit_line_needs_a_terminal_and_an_outcome() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("pos.sqlite3"), test_key())
        .await
        .expect("open");
    let error = store
        .audit(AuditEvent::Lock, None, "", "ok", None)
        .await
        .unwrap_err();
    assert_eq!(error.code(), "invalid_input");
    assert!(store
        .audit(AuditEvent::Lock, None, "T-01", " ", None)
        .await
        .is_err());
    assert!(store.audit_log(10).await.expect("read").is_empty());
}

#[tokio::test]
async fn events_older_than_the_cutoff_are_purged_and_newer_ones_kept() {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = Store::open(&dir.path().join("pos.sqlite3"), test_key())
        .await
        .expect("open");
    store
        .audit(
            AuditEvent::SignIn,
            Some("merchantonline"),
            "T-01",
            "ok",
            None,
        )
        .await
        .expect("audit");
    assert_eq!(
        store
            .purge_audit_before("2000-01-01T00:00:00.000Z")
            .await
            .expect("purge"),
        0
    );
    assert_eq!(
        store
            .purge_audit_before("9999-01-01T00:00:00.000Z")
            .await
            .expect("purge"),
        1
    );
    assert!(store.audit_log(10).await.expect("read").is_empty());
}
