//! The data key is never silently replaced, attacked the way a kiosk's boot does it: a
//! keyring that answers "unavailable" (Secret Service not up yet, its prompt dismissed)
//! and a keyring that lost the entry, while the database holds sealed drafts. The
//! terminal then does not start, says why through every command, starts once the keyring
//! is back, and is reset only as a whole, never while a rep is signed in.

use flexiti_sandbox::{Sandbox, SandboxConfig, REP_PASSWORD};
use pos_app::commands::{dispatch, Access, COMMANDS};
use pos_app::dto::EnvironmentKind;
use pos_app::Terminal;
use pos_store::AuditEvent;
use pos_testkit::engine::{leave_sandbox, rep, sandbox_settings, terminal, DEMO_REP};
use pos_testkit::temp_dir;
use serde_json::{json, Value};

use crate::support::{listed, saved_draft, started, terminal_with_keyring, Keyring};
use crate::surface_gate::sample_args;

async fn startup_state(terminal: &Terminal) -> Value {
    dispatch(terminal, "startup_state", json!({}))
        .await
        .expect("the start-up screen always answers")
}

/// A terminal whose data key went to `keyring`, with two sealed drafts of the demo rep,
/// signed out and shut down; the drafts' ids.
async fn sealed_drafts_under(dir: &std::path::Path, keyring: &Keyring) -> Vec<String> {
    let terminal = terminal_with_keyring(dir, keyring).await;
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let ids = vec![
        saved_draft(&engine, "Scellee").await,
        saved_draft(&engine, "Cachetee").await,
    ];
    engine.sign_out().await.expect("sign out");
    assert!(!keyring.is_empty(), "the key went to the keyring");
    assert!(!dir.join("data-key").exists(), "not to the file");
    ids
}

/// Every command but the start-up screen's, by name: those that did not answer `code`.
async fn not_answering(terminal: &Terminal, code: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for command in COMMANDS.iter().filter(|c| c.access != Access::Terminal) {
        let answer = dispatch(terminal, command.name, sample_args(command.name)).await;
        let got = answer.err().map(|e| e.code.as_str().to_owned());
        if got.as_deref() != Some(code) {
            wrong.push(format!("{} -> {got:?}", command.name));
        }
    }
    wrong
}

#[tokio::test]
async fn a_keyring_that_does_not_answer_stops_the_start_and_no_new_key_is_made() {
    let dir = temp_dir("startup-unavailable");
    let keyring = Keyring::default();
    let ids = sealed_drafts_under(dir.path(), &keyring).await;

    keyring.set_available(false);
    let terminal = terminal_with_keyring(dir.path(), &keyring).await;
    let state = startup_state(&terminal).await;
    assert_eq!(state["started"], false);
    assert_eq!(state["error"]["code"], "data_key_unavailable");
    assert_eq!(
        not_answering(&terminal, "data_key_unavailable").await,
        Vec::<String>::new()
    );
    let retried = dispatch(&terminal, "retry_start", json!({}))
        .await
        .expect("retry");
    assert_eq!(retried["started"], false, "still unavailable");
    let reset = dispatch(&terminal, "reset_terminal", json!({"confirmation": "nope"})).await;
    assert_eq!(
        reset.err().map(|e| e.code.as_str()),
        Some("reset_not_confirmed")
    );
    assert!(
        !dir.path().join("data-key").exists(),
        "no new key was made while the keyring was away"
    );

    // The keyring is back: "try again" starts the terminal and the drafts open.
    keyring.set_available(true);
    let retried = dispatch(&terminal, "retry_start", json!({}))
        .await
        .expect("retry");
    assert_eq!(retried, json!({"started": true, "error": null}));
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let mut found = listed(&engine).await;
    found.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(found, expected);
    for id in &ids {
        let draft = engine.open_draft(id).await.expect("opens with the old key");
        assert!(
            ["Scellee Smith", "Cachetee Smith"].contains(&draft.applicant_name.expose().as_str())
        );
    }
    assert!(!dir.path().join("data-key").exists(), "still no key file");
    assert_eq!(
        keyring.entries_len(),
        1,
        "the one key the drafts were sealed with, nothing added"
    );
}

#[tokio::test]
async fn a_lost_key_with_sealed_drafts_is_reported_and_only_a_confirmed_reset_starts_afresh() {
    let dir = temp_dir("startup-missing");
    let keyring = Keyring::default();
    // Settings of this terminal, to see the reset put them back.
    {
        let terminal = terminal_with_keyring(dir.path(), &keyring).await;
        let mut settings = sandbox_settings();
        settings.terminal_id = "T-77".into();
        settings.retention_days = 3;
        started(&terminal)
            .await
            .save_settings(settings)
            .await
            .expect("settings");
    }
    sealed_drafts_under(dir.path(), &keyring).await;

    keyring.clear();
    let terminal = terminal_with_keyring(dir.path(), &keyring).await;
    let state = startup_state(&terminal).await;
    assert_eq!(
        (&state["started"], &state["error"]["code"]),
        (&json!(false), &json!("data_key_missing"))
    );
    assert_eq!(
        not_answering(&terminal, "data_key_missing").await,
        Vec::<String>::new()
    );
    for word in ["nope", "", "reset please"] {
        let refused = dispatch(&terminal, "reset_terminal", json!({ "confirmation": word })).await;
        assert_eq!(
            refused.err().map(|e| e.code.as_str()),
            Some("reset_not_confirmed"),
            "{word:?}"
        );
    }
    assert_eq!(startup_state(&terminal).await["started"], false);
    assert!(dir.path().join("pos.sqlite3").exists(), "nothing wiped");

    let reset = dispatch(
        &terminal,
        "reset_terminal",
        json!({"confirmation": "reset"}),
    )
    .await
    .expect("reset");
    assert_eq!(reset, json!({"started": true, "error": null}));
    let engine = started(&terminal).await;
    let settings = engine.get_settings().await.expect("first-run settings");
    assert_eq!(
        (
            settings.environment,
            settings.terminal_id.as_str(),
            settings.retention_days,
            settings.admin_passphrase_set
        ),
        (EnvironmentKind::Sandbox, "T-01", 7, false)
    );
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    assert_eq!(listed(&engine).await, Vec::<String>::new(), "no drafts");
    let resets = engine.audit_log(20).await.expect("audit");
    assert!(resets.iter().any(|r| r.event == AuditEvent::TerminalReset));
    assert_eq!(keyring.entries_len(), 1, "a new key, in the keyring");

    // Reset is refused while a rep is signed in, even confirmed.
    let refused = dispatch(
        &terminal,
        "reset_terminal",
        json!({"confirmation": "RESET"}),
    )
    .await;
    assert_eq!(
        refused.err().map(|e| e.code.as_str()),
        Some("sign_out_first")
    );
    assert_eq!(listed(&engine).await, Vec::<String>::new());
    assert!(engine.status().await.session.is_some(), "still signed in");
}

#[tokio::test]
async fn a_forgotten_passphrase_is_got_round_only_by_wiping_everything() {
    let dir = temp_dir("startup-forgotten");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    leave_sandbox(&engine, flexiti.base_url()).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let id = saved_draft(&engine, "Oubliee").await;
    assert!(dir.path().join("client-secret").exists());

    let refused = dispatch(
        &terminal,
        "reset_terminal",
        json!({"confirmation": "EFFACER"}),
    )
    .await;
    assert_eq!(
        refused.err().map(|e| e.code.as_str()),
        Some("sign_out_first")
    );
    assert!(engine.open_draft(&id).await.is_ok(), "nothing wiped");
    engine.sign_out().await.expect("sign out");
    drop(engine);

    let reset = dispatch(
        &terminal,
        "reset_terminal",
        json!({"confirmation": "effacer"}),
    )
    .await
    .expect("reset");
    assert_eq!(reset["started"], true);
    let engine = started(&terminal).await;
    let status = engine.status().await;
    assert_eq!(status.environment, EnvironmentKind::Sandbox);
    assert!(!status.admin_required, "a first-run terminal again");
    assert!(
        !dir.path().join("client-secret").exists(),
        "the client secret is gone"
    );
    let settings = engine.get_settings().await.expect("settings");
    assert!(!settings.admin_passphrase_set && settings.custom_url.is_none());
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in on the embedded sandbox");
    assert_eq!(listed(&engine).await, Vec::<String>::new());
    assert_eq!(
        engine.open_draft(&id).await.err().map(|e| e.code()),
        Some("draft_not_found")
    );
    let log = engine.audit_log(100).await.expect("audit");
    assert!(log.iter().any(|r| r.event == AuditEvent::TerminalReset));
}

#[tokio::test]
async fn a_reset_works_without_a_keyring_and_the_keyring_coming_back_blocks_nothing() {
    let dir = temp_dir("startup-reset-unavailable");
    let keyring = Keyring::default();
    let ids = sealed_drafts_under(dir.path(), &keyring).await;

    // A kiosk whose keyring does not answer (or has none): the reset still works.
    keyring.set_available(false);
    let terminal = terminal_with_keyring(dir.path(), &keyring).await;
    let reset = dispatch(
        &terminal,
        "reset_terminal",
        json!({"confirmation": "EFFACER"}),
    )
    .await
    .expect("reset");
    assert_eq!(reset["started"], true);
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    assert!(listed(&engine).await.is_empty(), "everything erased");
    for id in &ids {
        assert!(engine.open_draft(id).await.is_err(), "{id} is gone");
    }
    let fresh = saved_draft(&engine, "Nouvelle").await;
    engine.sign_out().await.expect("sign out");
    drop(engine);
    drop(terminal);

    // The keyring comes back with the old key it could not forget: the new data, sealed
    // with the key made in the file meanwhile, still opens.
    keyring.set_available(true);
    let terminal = terminal_with_keyring(dir.path(), &keyring).await;
    assert_eq!(startup_state(&terminal).await["started"], true);
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    engine
        .open_draft(&fresh)
        .await
        .expect("the new draft opens");
}
