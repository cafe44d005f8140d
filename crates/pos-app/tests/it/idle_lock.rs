//! The lock is the engine's, attacked from the counter: with the screen locked, nothing
//! but status, language, lock, sign-out and unlock runs (another rep's sign-in and the
//! settings included), polling the status does not keep an idle session alive, and the
//! engine's own loop locks an idle session with no command at all.
//!
//! The idle clock is tokio's: the tests pause it only while moving it on, and never while
//! the engine waits on SQLite (whose threads a paused clock would race).

use std::sync::Arc;
use std::time::Duration;

use flexiti_sandbox::REP_PASSWORD;
use pos_app::commands::{dispatch, Access, COMMANDS};
use pos_app::Terminal;
use pos_store::AuditEvent;
use pos_testkit::engine::{rep, sandbox_settings, terminal, DEMO_REP};
use pos_testkit::temp_dir;
use serde_json::{json, Value};

use crate::support::{audited, saved_draft, started};

const SECOND: Duration = Duration::from_secs(1);

/// A terminal with the demo rep signed in, the idle lock at one minute; and one draft.
async fn counter(label: &str) -> (pos_testkit::TempDir, Terminal, String) {
    let dir = temp_dir(label);
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    let mut settings = sandbox_settings();
    settings.idle_lock_minutes = 1;
    engine
        .save_settings(settings)
        .await
        .expect("a Sandbox-only terminal's settings");
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let id = saved_draft(&engine, "Oisive").await;
    (dir, terminal, id)
}

/// Real arguments for each command that must not run while locked: the rep's own draft,
/// the other merchant's rep with the right password, the first-run settings.
fn real_args(command: &str, id: &str) -> Value {
    match command {
        "list_drafts" | "new_draft" | "get_settings" | "support_bundle" => json!({}),
        "form_data" => json!({"lang": "en"}),
        "sign_in" => json!({"input": {"username": "vendeur", "password": REP_PASSWORD}}),
        "admin_sign_in" => json!({"passphrase": "any passphrase at all"}),
        "open_draft" | "take_over_draft" | "discard_draft" | "submit_draft" | "check_again"
        | "cancel_submission" | "apply_again" => json!({ "id": id }),
        "save_draft" => json!({"input": {
            "id": id, "applicant_lang": "en", "fields": {}, "tos_version": null, "tos_lang": null
        }}),
        "terms" => json!({"province": "QC", "lang": "fr"}),
        "decode_licence" => json!({"code": "@\n\u{1e}\rANSI 6360"}),
        "save_settings" | "test_connection" => json!({ "input": sandbox_settings() }),
        // The purchase commands: a real card, search and amount, on purchase ids the
        // rep could have (the lock must refuse before any is looked up).
        "start_purchase" => json!({"from": {"from": "card", "number": "1070015210367982"}}),
        "search_customers"
        | "todays_purchases"
        | "quote_purchase"
        | "choose_option"
        | "start_verification"
        | "answer_security_question"
        | "charge_purchase"
        | "check_purchase_again"
        | "purchase_receipt"
        | "purchase_operations"
        | "check_operation_again"
        | "capture_hold"
        | "release_hold"
        | "return_purchase"
        | "refund_purchase"
        | "free_purchase"
        | "day_report"
        | "day_report_csv" => crate::surface_gate::sample_args(command),
        other => panic!("no arguments for `{other}`: add a row to real_args"),
    }
}

/// Every command the list declares `open`, `unlocked` or `admin`, called with real
/// arguments: those that did not answer `session_locked`.
async fn ran_while_locked(terminal: &Terminal, id: &str) -> Vec<String> {
    let mut ran = Vec::new();
    for command in COMMANDS
        .iter()
        .filter(|c| matches!(c.access, Access::Open | Access::Unlocked | Access::Admin))
    {
        let answer = dispatch(terminal, command.name, real_args(command.name, id)).await;
        let code = answer.err().map(|e| e.code.as_str().to_owned());
        if code.as_deref() != Some("session_locked") {
            ran.push(format!("{} -> {code:?}", command.name));
        }
    }
    ran
}

#[tokio::test]
async fn while_locked_only_status_language_lock_sign_out_and_unlock_run() {
    let (_dir, terminal, id) = counter("locked-commands").await;
    let engine = started(&terminal).await;
    let status = dispatch(&terminal, "lock", json!({})).await.expect("lock");
    assert_eq!(status["locked"], true);
    assert_eq!(ran_while_locked(&terminal, &id).await, Vec::<String>::new());

    // Another rep's sign-in did not replace the locked session; the draft is untouched.
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(
        (&status["locked"], &status["session"]["rep"]),
        (&json!(true), &json!(DEMO_REP))
    );
    assert_eq!(audited(&engine, AuditEvent::SignIn).await, 1);
    assert_eq!(audited(&engine, AuditEvent::DraftOpened).await, 0);
    dispatch(&terminal, "set_language", json!({"lang": "fr"}))
        .await
        .expect("the language changes on the lock screen");
    dispatch(
        &terminal,
        "unlock",
        json!({"input": {"username": "", "password": REP_PASSWORD}}),
    )
    .await
    .expect("the same rep unlocks");
    let draft = dispatch(&terminal, "open_draft", json!({ "id": id }))
        .await
        .expect("open");
    assert_eq!(draft["fields"]["first_name"], "Oisive");
    assert_eq!(draft["revision"], 1, "saved once, before the lock");
}

#[tokio::test]
async fn polling_the_status_does_not_keep_an_idle_session_alive() {
    let (_dir, terminal, id) = counter("idle-polls").await;
    let engine = started(&terminal).await;
    // Twenty polls three seconds apart: none of them is activity. (Reading the status
    // touches no SQLite until it locks, so the clock can stay paused between polls.)
    tokio::time::pause();
    for poll in 1..20 {
        tokio::time::advance(3 * SECOND).await;
        let status = dispatch(&terminal, "app_status", json!({}))
            .await
            .expect("status");
        assert_eq!(status["locked"], false, "poll {poll}, {} s", 3 * poll);
    }
    tokio::time::advance(3 * SECOND).await;
    tokio::time::resume();
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(status["locked"], true, "a minute after the last activity");
    assert_eq!(status["session"]["rep"], DEMO_REP, "locked, not signed out");
    assert_eq!(ran_while_locked(&terminal, &id).await, Vec::<String>::new());
    let locks: Vec<String> = engine
        .audit_log(50)
        .await
        .expect("audit")
        .into_iter()
        .filter(|r| r.event == AuditEvent::Lock)
        .map(|r| r.outcome)
        .collect();
    assert_eq!(locks, ["idle"]);
}

#[tokio::test]
async fn the_engine_locks_an_idle_session_by_itself() {
    let (_dir, terminal, _id) = counter("idle-timer").await;
    let engine = started(&terminal).await;
    let terminal = Arc::new(terminal);
    let running = terminal.clone();
    let background = tokio::spawn(async move { running.run_background().await });
    // The loop starts; its first tick finds the session active (no SQLite involved).
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    tokio::time::pause();
    tokio::time::advance(30 * SECOND).await;
    tokio::time::resume();
    // Not yet: a command that needs the rep runs (and is activity).
    assert_eq!(audited(&engine, AuditEvent::Lock).await, 0);
    dispatch(&terminal, "list_drafts", json!({}))
        .await
        .expect("still unlocked at 30 s");

    tokio::time::pause();
    tokio::time::advance(61 * SECOND).await;
    tokio::time::resume();
    // No command is called: the loop locks the session and writes why. The test waits
    // for that line (the loop's SQLite write), not for a timer.
    let deadline = std::time::Instant::now() + Duration::from_secs(60);
    while audited(&engine, AuditEvent::Lock).await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the engine never locked the idle session"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
    background.abort();
    let line = engine
        .audit_log(10)
        .await
        .expect("audit")
        .into_iter()
        .find(|r| r.event == AuditEvent::Lock)
        .expect("lock line");
    assert_eq!(
        (line.rep_username.as_deref(), line.outcome.as_str()),
        (Some(DEMO_REP), "idle")
    );
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(status["locked"], true);
}
