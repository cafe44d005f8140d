//! The declared command surface, attacked the way someone at the counter would: every
//! command of the list, called by name through `dispatch` (what the window's IPC does),
//! signed out, then locked, then on a terminal that left Sandbox, must be refused
//! exactly as its access level says; unknown names and malformed arguments get typed
//! errors, never a panic.

use flexiti_sandbox::{Sandbox, SandboxConfig};
use pos_app::commands::{dispatch, Access, CommandSpec, COMMANDS};
use pos_app::Terminal;
use pos_testkit::engine::{demo_rep, leave_sandbox, terminal};
use pos_testkit::temp_dir;
use serde_json::{json, Value};

/// Arguments of the right shape for each command (a missing row fails the test, so a new
/// command cannot skip it). They name nothing real: the gate must refuse before that
/// matters, and a command that runs does no harm (a wrong passphrase, a reset not
/// confirmed, the first-run settings saved again).
pub(crate) fn sample_args(command: &str) -> Value {
    let settings = json!({"input": {
        "environment": "sandbox", "custom_url": null, "client_id": "flexitidemo",
        "client_secret": null, "store_id": "00-12345", "terminal_id": "T-01",
        "idle_lock_minutes": 5, "retention_days": 7, "store_province": null, "store_lang": "en", "kiosk": false, "new_admin_passphrase": null
    }});
    match command {
        "startup_state" | "retry_start" | "app_status" | "sign_out" | "lock" | "list_drafts"
        | "new_draft" | "get_settings" | "admin_sign_out" => json!({}),
        "reset_terminal" => json!({"confirmation": "not the word"}),
        "set_language" | "form_data" => json!({"lang": "fr"}),
        "sign_in" | "unlock" => {
            json!({"input": {"username": "merchantonline", "password": "not-the-password"}})
        }
        "admin_sign_in" => json!({"passphrase": "not the passphrase"}),
        "open_draft" | "take_over_draft" | "discard_draft" | "submit_draft" | "check_again"
        | "cancel_submission" | "apply_again" => json!({"id": "no-such-draft"}),
        "save_draft" => json!({"input": {
            "id": "no-such-draft", "applicant_lang": "en", "fields": {}, "tos_version": null, "tos_lang": null
        }}),
        "terms" => json!({"province": "ON", "lang": "en"}),
        "decode_licence" => json!({"code": "not a licence"}),
        "save_settings" | "test_connection" => settings,
        "support_bundle" | "todays_purchases" => json!({}),
        "search_customers" => json!({"input": {
            "first_name": "John", "last_name": "Smith", "dob": "1900-01-01", "postal_code": null
        }}),
        "start_purchase" => json!({"from": {"from": "match", "match_id": "no-such-match"}}),
        "quote_purchase" => json!({"purchase_id": "no-such-purchase", "amount": "100"}),
        "choose_option" => json!({"purchase_id": "no-such-purchase", "option_id": "regular"}),
        "start_verification" => json!({"purchase_id": "no-such-purchase", "method": "sms"}),
        "answer_security_question" => json!({"purchase_id": "no-such-purchase", "answer": "x"}),
        "charge_purchase" => {
            json!({"input": {"purchase_id": "no-such-purchase", "pin": null, "hold": false}})
        }
        "check_purchase_again" => json!({"purchase_id": "no-such-purchase"}),
        "purchase_receipt" => json!({"reference": "no-such-reference", "both": false}),
        "purchase_operations" => json!({"purchase_id": "no-such-purchase"}),
        "check_operation_again" => json!({"reference": "no-such-reference"}),
        "capture_hold" | "release_hold" | "return_purchase" | "refund_purchase"
        | "free_purchase" => json!({"input": {
            "reference": "no-such-reference", "amount": null, "passphrase": null, "reason": null
        }}),
        "day_report" | "day_report_csv" => json!({"date": null}),
        other => panic!("no sample arguments for `{other}`: add a row to sample_args"),
    }
}

/// The terminal on `dir` with the demo rep signed in.
async fn signed_in(dir: &std::path::Path) -> Terminal {
    let terminal = terminal(dir).await;
    let engine = terminal.engine().await.expect("started");
    engine
        .sign_in(demo_rep(flexiti_sandbox::REP_PASSWORD))
        .await
        .expect("sign in");
    terminal
}

async fn code_of(engine: &Terminal, command: &str) -> Option<String> {
    dispatch(engine, command, sample_args(command))
        .await
        .err()
        .map(|error| error.code.as_str().to_owned())
}

fn with_access(access: &[Access]) -> impl Iterator<Item = &'static CommandSpec> + '_ {
    COMMANDS.iter().filter(move |c| access.contains(&c.access))
}

/// What the gate answers when it refuses; any other answer means the command ran (and
/// may have failed on its own terms).
const GATE: [&str; 3] = ["not_signed_in", "session_locked", "admin_required"];

#[tokio::test]
async fn signed_out_every_command_that_needs_a_rep_is_refused() {
    let dir = temp_dir("surface-signed-out");
    let engine = terminal(dir.path()).await;
    for command in with_access(&[Access::SignedIn, Access::Unlocked]) {
        assert_eq!(
            code_of(&engine, command.name).await.as_deref(),
            Some("not_signed_in"),
            "`{}` ran signed out",
            command.name
        );
    }
    // The others answer without a session; on a terminal that never left Sandbox the
    // settings need no passphrase either.
    for command in with_access(&[
        Access::Terminal,
        Access::Always,
        Access::Open,
        Access::Admin,
    ]) {
        let code = code_of(&engine, command.name).await;
        assert!(
            !GATE.contains(&code.as_deref().unwrap_or("ok")),
            "`{}` is declared {:?} but the gate refused it: {code:?}",
            command.name,
            command.access
        );
    }
}

#[tokio::test]
async fn signed_out_on_a_terminal_that_left_sandbox_the_settings_need_the_administrator() {
    let dir = temp_dir("surface-admin");
    let emulator = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let terminal = terminal(dir.path()).await;
    let engine = terminal.engine().await.expect("started");
    leave_sandbox(&engine, emulator.base_url()).await;
    dispatch(&terminal, "admin_sign_out", json!({}))
        .await
        .expect("the administrator closes the settings");
    for command in with_access(&[Access::Admin]) {
        assert_eq!(
            code_of(&terminal, command.name).await.as_deref(),
            Some("admin_required"),
            "`{}` ran without the administrator",
            command.name
        );
    }
    let settings = engine.status().await;
    assert!(settings.admin_required && !settings.admin_open);
}

#[tokio::test]
async fn locked_only_what_the_list_allows_runs() {
    let dir = temp_dir("surface-locked");
    let engine = signed_in(dir.path()).await;
    dispatch(&engine, "lock", json!({})).await.expect("lock");
    // Signing another rep in, the administrator's settings (even on a Sandbox-only
    // terminal, which needs no passphrase) and every rep's command: all refused.
    for command in with_access(&[Access::Open, Access::Unlocked, Access::Admin]) {
        assert_eq!(
            code_of(&engine, command.name).await.as_deref(),
            Some("session_locked"),
            "`{}` ran while the screen was locked",
            command.name
        );
    }
    // Unlock is for a signed-in rep and the gate lets it through: the wrong password is
    // what refuses it here.
    assert_eq!(
        code_of(&engine, "unlock").await.as_deref(),
        Some("authentication_failure")
    );
    // The start-up screen's commands and status, language, lock run; sign-out comes last.
    for command in with_access(&[Access::Terminal, Access::Always]).filter(|c| c.name != "sign_out")
    {
        let code = code_of(&engine, command.name).await;
        assert!(
            !GATE.contains(&code.as_deref().unwrap_or("ok")),
            "`{}` is declared {:?} but the gate refused it while locked: {code:?}",
            command.name,
            command.access
        );
    }
    let status = dispatch(&engine, "app_status", json!({}))
        .await
        .expect("status");
    assert_eq!(status["locked"], true, "still locked after all that");
    assert_eq!(status["session"]["rep"], "merchantonline");
    let out = dispatch(&engine, "sign_out", json!({}))
        .await
        .expect("sign out from the lock screen");
    assert_eq!(
        (out["locked"].clone(), out["session"].clone()),
        (json!(false), Value::Null)
    );
}

#[tokio::test]
async fn unknown_names_and_malformed_arguments_are_typed_errors() {
    let dir = temp_dir("surface-bad-calls");
    let engine = signed_in(dir.path()).await;
    let unknown = dispatch(&engine, "drop_table_drafts", json!({})).await;
    assert_eq!(
        unknown.err().map(|e| e.code),
        Some(pos_app::ErrorCode::App(pos_app::AppCode::UnknownCommand))
    );
    for (command, args) in [
        ("open_draft", json!({})),
        ("open_draft", json!({"id": 42})),
        ("set_language", json!({"lang": "de"})),
        ("save_draft", json!({"input": "everything"})),
        ("terms", json!(["ON", "en"])),
    ] {
        let error = dispatch(&engine, command, args.clone()).await.err();
        assert_eq!(
            error.map(|e| e.code.as_str()),
            Some("bad_arguments"),
            "{command} {args}"
        );
    }
    // Null arguments are an empty object (Tauri sends none for a command without any).
    let listed = dispatch(&engine, "list_drafts", Value::Null)
        .await
        .expect("list");
    assert_eq!(listed, json!([]));
}
