//! The terminal's settings, attacked from the counter: nobody without the administrator's
//! passphrase opens them once the terminal has left Sandbox, guessing it is throttled, the
//! window they stay open in closes on its own and when a rep signs in, and the stored
//! client secret never goes to a URL it was not saved for: a listener on 127.0.0.1 stands
//! in for the attacker's server, a second emulator for the Flexiti the terminal was set up
//! for. Every call goes through `dispatch`, as the window's IPC does.

use flexiti_sandbox::{Sandbox, SandboxConfig, CLIENT_SECRET, REP_PASSWORD};
use pos_app::commands::dispatch;
use pos_app::dto::{EnvironmentKind, SettingsInput};
use pos_app::{Terminal, ADMIN_WINDOW};
use pos_store::AuditEvent;
use pos_testkit::engine::{
    custom_settings, leave_sandbox, rep, sandbox_settings, terminal, ADMIN_PASSPHRASE, DEMO_REP,
};
use pos_testkit::temp_dir;
use serde_json::{json, Value};

use crate::support::{audited, refusal, started, Listener};

fn settings_args(input: &SettingsInput) -> Value {
    json!({ "input": input })
}

/// `test_connection` through the command surface: its answer, or the refusal's code.
async fn test_connection(terminal: &Terminal, input: &SettingsInput) -> Result<Value, String> {
    dispatch(terminal, "test_connection", settings_args(input))
        .await
        .map_err(|e| e.code.as_str().to_owned())
}

/// What the three settings commands answer (`None`: it ran).
async fn settings_refusals(terminal: &Terminal, home: &SettingsInput) -> Vec<Option<String>> {
    let mut codes = Vec::new();
    for (command, args) in [
        ("get_settings", json!({})),
        ("save_settings", settings_args(&sandbox_settings())),
        ("test_connection", settings_args(home)),
    ] {
        codes.push(refusal(terminal, command, args).await);
    }
    codes
}

/// A terminal taken out of Sandbox to `flexiti` (its secret typed, a passphrase set), the
/// administrator's settings still open.
async fn configured_for(dir: &std::path::Path, flexiti: &Sandbox) -> Terminal {
    let terminal = terminal(dir).await;
    leave_sandbox(&*started(&terminal).await, flexiti.base_url()).await;
    terminal
}

#[tokio::test]
async fn test_connection_never_sends_the_stored_secret_to_a_url_it_was_not_saved_for() {
    let dir = temp_dir("admin-secret");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("the Flexiti this terminal is set up for");
    let attacker = Listener::start().await;
    let terminal = configured_for(dir.path(), &flexiti).await;
    let tokens = || flexiti.controls().stats().token_requests;

    // Where it was saved for, the stored secret is used (the check below means something).
    let home = custom_settings(flexiti.base_url(), None);
    let answer = test_connection(&terminal, &home).await.expect("tested");
    assert_eq!(answer["ok"], true, "{answer}");
    let tokens_before = tokens();

    // Another URL (the listener), another client id, another environment: the secret
    // field left blank is "type it", never "send the stored one".
    let elsewhere = custom_settings(&attacker.url, None);
    let mut other_client = custom_settings(flexiti.base_url(), None);
    other_client.client_id = "another-client".into();
    let mut training = sandbox_settings();
    training.environment = EnvironmentKind::Training;
    let mut production = sandbox_settings();
    production.environment = EnvironmentKind::Production;
    for input in [&elsewhere, &other_client, &training, &production] {
        assert_eq!(
            test_connection(&terminal, input).await.err().as_deref(),
            Some("secret_needed"),
            "{input:?}"
        );
    }
    assert_eq!(attacker.connections(), 0, "the listener was never called");
    assert_eq!(
        tokens(),
        tokens_before,
        "nor the emulator, for another client"
    );

    // Saving the listener's URL without typing a secret changes nothing.
    let before = dispatch(&terminal, "get_settings", json!({}))
        .await
        .expect("settings");
    assert_eq!(
        refusal(&terminal, "save_settings", settings_args(&elsewhere))
            .await
            .as_deref(),
        Some("secret_needed")
    );
    let after = dispatch(&terminal, "get_settings", json!({}))
        .await
        .expect("settings");
    assert_eq!(after, before, "nothing saved");
    assert_eq!(after["custom_url"], flexiti.base_url());

    // A secret typed for the listener goes to the listener (so it does hear what is sent
    // to it), and the stored one still does not.
    let mut typed = elsewhere.clone();
    typed.client_secret = Some("typed-for-this-test-only".into());
    let answer = test_connection(&terminal, &typed).await.expect("tested");
    assert_eq!(answer["ok"], false, "{answer}");
    assert!(attacker.connections() > 0);
    assert!(attacker.received_contains("typed-for-this-test-only"));
    assert!(
        !attacker.received_contains(CLIENT_SECRET),
        "the stored client secret reached the listener"
    );
    let engine = started(&terminal).await;
    assert!(audited(&engine, AuditEvent::ConnectionTested).await >= 2);
}

#[tokio::test]
async fn the_settings_of_a_terminal_that_left_sandbox_open_only_with_the_passphrase() {
    let dir = temp_dir("admin-passphrase");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = configured_for(dir.path(), &flexiti).await;
    let engine = started(&terminal).await;
    let home = custom_settings(flexiti.base_url(), None);
    dispatch(&terminal, "admin_sign_out", json!({}))
        .await
        .expect("closed");

    // Signed out, settings closed: nothing of them answers.
    let shut = || settings_refusals(&terminal, &home);
    let admin_required = vec![Some("admin_required".to_owned()); 3];
    assert_eq!(shut().await, admin_required);

    // A wrong passphrase: refused and audited; the right one opens, audited.
    let wrong = json!({"passphrase": "counter admin passphrasf"});
    assert_eq!(
        refusal(&terminal, "admin_sign_in", wrong).await.as_deref(),
        Some("admin_passphrase_wrong")
    );
    assert_eq!(shut().await, admin_required);
    assert_eq!(audited(&engine, AuditEvent::SettingsOpenFailed).await, 1);
    assert_eq!(audited(&engine, AuditEvent::SettingsOpened).await, 0);
    let status = dispatch(
        &terminal,
        "admin_sign_in",
        json!({ "passphrase": ADMIN_PASSPHRASE }),
    )
    .await
    .expect("the right passphrase");
    assert_eq!(
        (&status["admin_open"], &status["admin_required"]),
        (&json!(true), &json!(true))
    );
    assert_eq!(audited(&engine, AuditEvent::SettingsOpened).await, 1);
    let view = dispatch(&terminal, "get_settings", json!({}))
        .await
        .expect("open");
    assert_eq!(view["admin_passphrase_set"], true);
    assert!(view.get("client_secret").is_none(), "never the secret");

    // Closed by the administrator...
    dispatch(&terminal, "admin_sign_out", json!({}))
        .await
        .expect("closed");
    assert_eq!(shut().await, admin_required);

    // ... and by a rep's sign-in (the rep is not the administrator).
    dispatch(
        &terminal,
        "admin_sign_in",
        json!({ "passphrase": ADMIN_PASSPHRASE }),
    )
    .await
    .expect("open again");
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("a rep signs in");
    assert_eq!(shut().await, admin_required);
    let settings_changes = audited(&engine, AuditEvent::SettingsChanged).await;
    assert_eq!(
        settings_changes, 1,
        "only the first configuration was saved"
    );
}

#[tokio::test]
async fn the_administrators_settings_close_on_their_own_after_the_window() {
    let dir = temp_dir("admin-window");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = configured_for(dir.path(), &flexiti).await;
    let get = || dispatch(&terminal, "get_settings", json!({}));
    get().await.expect("open after the first configuration");

    // tokio's clock (the engine's) is paused only while it is moved on: nothing else
    // runs then, and the commands run with it going again.
    let second = std::time::Duration::from_secs(1);
    tokio::time::pause();
    tokio::time::advance(ADMIN_WINDOW - second).await;
    tokio::time::resume();
    get().await.expect("still open, and kept open by this use");
    tokio::time::pause();
    tokio::time::advance(ADMIN_WINDOW - second).await;
    tokio::time::resume();
    get().await.expect("still open");
    tokio::time::pause();
    tokio::time::advance(ADMIN_WINDOW).await;
    tokio::time::resume();
    assert_eq!(
        get()
            .await
            .err()
            .map(|e| e.code.as_str().to_owned())
            .as_deref(),
        Some("admin_required"),
        "closed after five minutes unused"
    );
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(status["admin_open"], false);
}

#[tokio::test]
async fn guessing_the_administrators_passphrase_is_throttled_and_survives_a_restart() {
    let dir = temp_dir("admin-throttle");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = configured_for(dir.path(), &flexiti).await;
    let engine = started(&terminal).await;
    engine.admin_sign_out().await.expect("closed");
    let guess = |passphrase: &str| json!({ "passphrase": passphrase });
    for n in 0..5 {
        assert_eq!(
            refusal(
                &terminal,
                "admin_sign_in",
                guess(&format!("guess number {n}"))
            )
            .await
            .as_deref(),
            Some("admin_passphrase_wrong")
        );
    }
    let refused = dispatch(&terminal, "admin_sign_in", guess(ADMIN_PASSPHRASE))
        .await
        .expect_err("the right passphrase waits too");
    assert_eq!(refused.code, "too_many_attempts");
    let seconds: u64 = refused.args["seconds"].parse().expect("seconds");
    assert!((1..=30).contains(&seconds), "{seconds}");
    assert_eq!(refused.args["minutes"], "1");
    assert_eq!(audited(&engine, AuditEvent::SettingsOpenFailed).await, 6);
    assert_eq!(audited(&engine, AuditEvent::SettingsOpened).await, 0);

    drop((engine, terminal));
    let terminal = pos_testkit::engine::terminal(dir.path()).await;
    assert_eq!(
        refusal(&terminal, "admin_sign_in", guess(ADMIN_PASSPHRASE))
            .await
            .as_deref(),
        Some("too_many_attempts"),
        "a restart does not reset the count"
    );
    crate::support::let_delays_run_out(dir.path()).await;
    dispatch(&terminal, "admin_sign_in", guess(ADMIN_PASSPHRASE))
        .await
        .expect("once the delay is over");
}

#[tokio::test]
async fn leaving_sandbox_needs_a_passphrase_and_bad_settings_change_nothing() {
    let dir = temp_dir("admin-first");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = terminal(dir.path()).await;
    let before = dispatch(&terminal, "get_settings", json!({}))
        .await
        .expect("a Sandbox-only terminal's settings need no passphrase");

    let no_passphrase = custom_settings(flexiti.base_url(), Some(CLIENT_SECRET));
    let mut short = no_passphrase.clone();
    short.new_admin_passphrase = Some("too short".into());
    let mut bad_idle = no_passphrase.clone();
    bad_idle.new_admin_passphrase = Some(ADMIN_PASSPHRASE.into());
    bad_idle.idle_lock_minutes = 30;
    let mut bad_url = bad_idle.clone();
    bad_url.idle_lock_minutes = 5;
    bad_url.custom_url = Some("http://flexiti.example.com".into());
    for (input, expected) in [
        (&no_passphrase, "admin_passphrase_needed"),
        (&short, "admin_passphrase_too_short"),
        (&bad_idle, "invalid_settings"),
        (&bad_url, "invalid_settings"),
    ] {
        assert_eq!(
            refusal(&terminal, "save_settings", settings_args(input))
                .await
                .as_deref(),
            Some(expected),
            "{input:?}"
        );
    }
    let after = dispatch(&terminal, "get_settings", json!({}))
        .await
        .expect("still open: the terminal never left Sandbox");
    assert_eq!(after, before, "nothing saved");
    assert_eq!(after["admin_passphrase_set"], false);
    assert!(
        !dir.path().join("client-secret").exists(),
        "no secret stored"
    );
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(status["admin_required"], false);
    assert_eq!(flexiti.controls().stats().token_requests, 0);
}

/// The window's IPC runs commands concurrently: thirty passphrases tried at once must
/// not all be checked before the first failure is counted.
#[tokio::test]
async fn thirty_passphrases_tried_at_once_are_not_all_checked() {
    let dir = temp_dir("admin-at-once");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = std::sync::Arc::new(configured_for(dir.path(), &flexiti).await);
    let engine = started(&terminal).await;
    engine.admin_sign_out().await.expect("closed");
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..30 {
        let terminal = terminal.clone();
        guesses.spawn(async move {
            refusal(
                &terminal,
                "admin_sign_in",
                json!({ "passphrase": format!("guess number {n}") }),
            )
            .await
        });
    }
    let mut codes = Vec::new();
    while let Some(code) = guesses.join_next().await {
        codes.push(code.expect("a guess").unwrap_or_default());
    }
    let checked = codes
        .iter()
        .filter(|c| *c == "admin_passphrase_wrong")
        .count();
    assert!(
        checked <= 5,
        "{checked} of 30 simultaneous guesses were checked"
    );
}

/// Anyone may open the settings of a terminal that never left Sandbox, and may type a
/// passphrase there. That passphrase must not become the administrator's: leaving
/// Sandbox asks for a new one, so whoever set one beforehand does not keep the keys.
#[tokio::test]
async fn a_passphrase_typed_before_the_terminal_left_sandbox_does_not_become_the_administrators() {
    let dir = temp_dir("admin-planted");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = terminal(dir.path()).await;
    // A walk-up person on the training terminal, before IT sets it up.
    let mut planted = sandbox_settings();
    planted.new_admin_passphrase = Some("the walk-up person's passphrase".into());
    dispatch(&terminal, "save_settings", settings_args(&planted))
        .await
        .expect("a Sandbox-only terminal's settings are open");
    // IT takes it out of Sandbox, typing the secret and no passphrase.
    let production_like = custom_settings(flexiti.base_url(), Some(CLIENT_SECRET));
    assert_eq!(
        refusal(&terminal, "save_settings", settings_args(&production_like))
            .await
            .as_deref(),
        Some("admin_passphrase_needed")
    );
}

/// A terminal an older version configured (out of Sandbox, no passphrase, a secret
/// saved before secrets were bound): it starts, its settings need the administrator.
#[tokio::test]
async fn a_terminal_configured_by_an_older_version_starts_with_its_settings_shut() {
    let dir = temp_dir("admin-older");
    drop(terminal(dir.path()).await);
    // What the older version left: its settings rows, no binding, no passphrase.
    for (key, value) in [("environment", "training"), ("client_id", "acme-store")] {
        let mut conn = crate::support::raw(dir.path()).await;
        sqlx::query(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, '2026-01-01T00:00:00.000Z') \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        )
        .bind(key)
        .bind(value)
        .execute(&mut conn)
        .await
        .expect("older settings");
    }
    let terminal = terminal(dir.path()).await;
    let state = dispatch(&terminal, "startup_state", json!({}))
        .await
        .expect("state");
    assert_eq!(state["started"], true, "{state}");
    let status = dispatch(&terminal, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(
        (&status["environment"], &status["admin_required"]),
        (&json!("training"), &json!(true))
    );
    assert_eq!(
        refusal(&terminal, "get_settings", json!({}))
            .await
            .as_deref(),
        Some("admin_required")
    );
}

#[tokio::test]
async fn testing_sandbox_from_a_terminal_that_left_it_answers_with_an_emulator_of_its_own() {
    let dir = temp_dir("admin-test-sandbox");
    let flexiti = Sandbox::start(SandboxConfig::default())
        .await
        .expect("remote emulator");
    let terminal = configured_for(dir.path(), &flexiti).await;
    let answer = test_connection(&terminal, &sandbox_settings())
        .await
        .expect("the test runs");
    assert_eq!(answer["ok"], true, "{answer}");
}
