//! Guessing is throttled, attacked from the counter: thirty wrong passwords, failures
//! spread over usernames, a restart in the middle, a password typed in the username
//! field, and the lock screen used to guess. The emulator counts the sign-ins that reach
//! it; everything past the fifth failure must be refused at the terminal.

use flexiti_sandbox::{Controls, REP_PASSWORD};
use pos_app::commands::dispatch;
use pos_app::dto::{CommandError, DraftStatus, FieldValue};
use pos_app::Terminal;
use pos_store::AuditEvent;
use pos_testkit::engine::{rep, terminal, DEMO_REP};
use pos_testkit::temp_dir;
use serde_json::json;

use crate::support::{any_file_holds, let_delays_run_out, saved_draft, started};

/// Sign-ins that reached the emulator.
fn logins(controls: &Controls) -> u64 {
    controls
        .stats()
        .requests
        .get("merchants_login")
        .copied()
        .unwrap_or(0)
}

async fn sign_in(terminal: &Terminal, username: &str, password: &str) -> Result<(), CommandError> {
    dispatch(
        terminal,
        "sign_in",
        json!({"input": {"username": username, "password": password}}),
    )
    .await
    .map(|_| ())
}

async fn unlock(terminal: &Terminal, password: &str) -> Result<(), CommandError> {
    dispatch(
        terminal,
        "unlock",
        json!({"input": {"username": "", "password": password}}),
    )
    .await
    .map(|_| ())
}

fn code(result: &Result<(), CommandError>) -> &str {
    result.as_ref().err().map_or("ok", |e| e.code.as_str())
}

/// The seconds a `too_many_attempts` refusal asks to wait, checked against its minutes.
fn wait_of(result: &Result<(), CommandError>) -> u64 {
    let error = result.as_ref().expect_err("refused");
    assert_eq!(error.code, "too_many_attempts");
    let seconds: u64 = error.args["seconds"].parse().expect("seconds");
    let minutes: u64 = error.args["minutes"].parse().expect("minutes");
    assert_eq!(minutes, seconds.div_ceil(60), "{:?}", error.args);
    seconds
}

/// The audit lines of `event`, oldest first, as (rep, outcome).
async fn lines(terminal: &Terminal, event: AuditEvent) -> Vec<(Option<String>, String)> {
    let engine = started(terminal).await;
    let mut log = engine.audit_log(1000).await.expect("audit");
    log.reverse();
    log.into_iter()
        .filter(|r| r.event == event)
        .map(|r| (r.rep_username, r.outcome))
        .collect()
}

#[tokio::test]
async fn thirty_wrong_passwords_reach_flexiti_five_times_then_are_refused_at_the_terminal() {
    let dir = temp_dir("throttle-thirty");
    let terminal = terminal(dir.path()).await;
    let controls = started(&terminal)
        .await
        .sandbox_controls()
        .await
        .expect("sandbox");
    let mut codes = Vec::new();
    for n in 0..30 {
        let answer = sign_in(&terminal, DEMO_REP, &format!("wrong-{n}")).await;
        if n >= 5 {
            assert!((1..=30).contains(&wait_of(&answer)));
        }
        codes.push(code(&answer).to_owned());
    }
    let mut expected = vec!["authentication_failure".to_owned(); 5];
    expected.extend(vec!["too_many_attempts".to_owned(); 25]);
    assert_eq!(codes, expected);
    assert_eq!(logins(&controls), 5, "only the first five reached Flexiti");

    // The right password waits too.
    let right = sign_in(&terminal, DEMO_REP, REP_PASSWORD).await;
    assert!(wait_of(&right) <= 30);
    assert_eq!(logins(&controls), 5);
    let failed = lines(&terminal, AuditEvent::SignInFailed).await;
    let throttled = lines(&terminal, AuditEvent::SignInThrottled).await;
    assert_eq!(
        failed,
        vec![(None, "authentication_failure".to_owned()); 5],
        "never signed in here: the typed name is not kept"
    );
    assert_eq!(throttled, vec![(None, "too_many_attempts".to_owned()); 26]);

    // A restart does not reset the count.
    drop(terminal);
    let terminal = pos_testkit::engine::terminal(dir.path()).await;
    let controls = started(&terminal)
        .await
        .sandbox_controls()
        .await
        .expect("sandbox");
    assert!(wait_of(&sign_in(&terminal, DEMO_REP, REP_PASSWORD).await) <= 30);
    assert_eq!(logins(&controls), 0, "refused before Flexiti");

    // Once the delay has run out the next guess reaches Flexiti, and failing doubles it.
    let_delays_run_out(dir.path()).await;
    let sixth = sign_in(&terminal, DEMO_REP, "wrong-again").await;
    assert_eq!(code(&sixth), "authentication_failure");
    let seconds = wait_of(&sign_in(&terminal, DEMO_REP, REP_PASSWORD).await);
    assert!((31..=60).contains(&seconds), "{seconds}");
    let_delays_run_out(dir.path()).await;
    sign_in(&terminal, DEMO_REP, REP_PASSWORD)
        .await
        .expect("the right password once the delay is over");
    assert_eq!(logins(&controls), 2);
}

#[tokio::test]
async fn five_failures_spread_over_usernames_stop_every_sign_in_on_the_terminal() {
    let dir = temp_dir("throttle-terminal");
    let terminal = terminal(dir.path()).await;
    let controls = started(&terminal)
        .await
        .sandbox_controls()
        .await
        .expect("sandbox");
    for name in ["alice", "bob", "carol", "dave", "erin"] {
        let answer = sign_in(&terminal, name, "guess").await;
        assert_eq!(code(&answer), "authentication_failure", "{name}");
    }
    assert_eq!(logins(&controls), 5);
    for username in [DEMO_REP, "vendeur", "frank"] {
        let answer = sign_in(&terminal, username, REP_PASSWORD).await;
        assert!(wait_of(&answer) <= 30, "{username}");
    }
    assert_eq!(
        logins(&controls),
        5,
        "the terminal's counter stops them all"
    );
}

#[tokio::test]
async fn a_password_typed_as_the_username_is_kept_nowhere_in_clear() {
    let dir = temp_dir("throttle-typed");
    let terminal = terminal(dir.path()).await;
    let typed = "Zq7-Hunter-Marmalade-42";
    let answer = sign_in(&terminal, typed, "whatever").await;
    assert_eq!(code(&answer), "authentication_failure");
    assert_eq!(
        lines(&terminal, AuditEvent::SignInFailed).await,
        [(None, "authentication_failure".to_owned())]
    );
    // A rep this terminal knows is named when they fail.
    sign_in(&terminal, DEMO_REP, REP_PASSWORD)
        .await
        .expect("sign in");
    dispatch(&terminal, "sign_out", json!({}))
        .await
        .expect("out");
    let answer = sign_in(&terminal, DEMO_REP, "wrong").await;
    assert_eq!(code(&answer), "authentication_failure");
    assert_eq!(
        lines(&terminal, AuditEvent::SignInFailed).await,
        [
            (None, "authentication_failure".to_owned()),
            (
                Some(DEMO_REP.to_owned()),
                "authentication_failure".to_owned()
            )
        ]
    );
    drop(terminal);
    for needle in [typed.to_owned(), typed.to_lowercase()] {
        assert_eq!(
            any_file_holds(dir.path(), needle.as_bytes()),
            Vec::<std::path::PathBuf>::new(),
            "{needle} is kept in clear"
        );
    }
}

#[tokio::test]
async fn five_wrong_unlocks_end_the_session_and_keep_the_form() {
    let dir = temp_dir("throttle-unlock");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let id = saved_draft(&engine, "Verrou").await;
    dispatch(&terminal, "lock", json!({})).await.expect("lock");

    // Another rep's name on the lock screen is refused before any password is checked.
    let controls = engine.sandbox_controls().await.expect("sandbox");
    let before = logins(&controls);
    let other = dispatch(
        &terminal,
        "unlock",
        json!({"input": {"username": "vendeur", "password": REP_PASSWORD}}),
    )
    .await;
    assert_eq!(other.err().map(|e| e.code.as_str()), Some("wrong_rep"));
    assert_eq!(logins(&controls), before);

    for n in 1..=4 {
        let answer = unlock(&terminal, &format!("guess-{n}")).await;
        assert_eq!(code(&answer), "authentication_failure", "unlock {n}");
        assert!(engine.status().await.locked, "still locked after {n}");
    }
    let fifth = unlock(&terminal, "guess-5").await;
    assert_eq!(code(&fifth), "unlock_attempts_exhausted");
    let status = engine.status().await;
    assert!(status.session.is_none() && !status.locked, "{status:?}");
    assert_eq!(
        code(&unlock(&terminal, REP_PASSWORD).await),
        "not_signed_in",
        "nothing left to unlock"
    );
    let ended = lines(&terminal, AuditEvent::SignOut).await;
    assert_eq!(
        ended,
        [(
            Some(DEMO_REP.to_owned()),
            "unlock_attempts_exhausted".to_owned()
        )]
    );

    // The fifth failure also started the delay: the rep waits it out, then signs in
    // again and finds the form as it was.
    assert!(wait_of(&sign_in(&terminal, DEMO_REP, REP_PASSWORD).await) <= 30);
    let_delays_run_out(dir.path()).await;
    sign_in(&terminal, DEMO_REP, REP_PASSWORD)
        .await
        .expect("signs in again");
    let draft = engine.open_draft(&id).await.expect("the draft");
    assert_eq!(draft.status, DraftStatus::Editing);
    assert_eq!(
        draft.fields.get("first_name"),
        Some(&FieldValue::Text("Verrou".into()))
    );
}

/// The window's IPC runs commands concurrently: thirty guesses sent at once must not all
/// pass the check before the first failure is counted.
#[tokio::test]
async fn thirty_wrong_passwords_at_once_reach_flexiti_no_more_than_five_times() {
    let dir = temp_dir("throttle-at-once");
    let terminal = std::sync::Arc::new(terminal(dir.path()).await);
    let controls = started(&terminal)
        .await
        .sandbox_controls()
        .await
        .expect("sandbox");
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..30 {
        let terminal = terminal.clone();
        guesses.spawn(async move {
            let answer = sign_in(&terminal, DEMO_REP, &format!("wrong-{n}")).await;
            code(&answer).to_owned()
        });
    }
    let mut codes = Vec::new();
    while let Some(code) = guesses.join_next().await {
        codes.push(code.expect("a guess"));
    }
    let reached = logins(&controls);
    assert!(
        reached <= 5,
        "{reached} of 30 simultaneous guesses reached Flexiti: {codes:?}"
    );
    assert_eq!(
        codes.iter().filter(|c| *c == "too_many_attempts").count(),
        30 - usize::try_from(reached).expect("a count")
    );
}

#[tokio::test]
async fn thirty_unlock_guesses_at_once_reach_flexiti_no_more_than_five_times() {
    let dir = temp_dir("throttle-unlock-at-once");
    let terminal = std::sync::Arc::new(terminal(dir.path()).await);
    let engine = started(&terminal).await;
    engine
        .sign_in(rep(DEMO_REP, REP_PASSWORD))
        .await
        .expect("sign in");
    let controls = engine.sandbox_controls().await.expect("sandbox");
    engine.lock().await.expect("lock");
    let before = logins(&controls);
    let mut guesses = tokio::task::JoinSet::new();
    for n in 0..30 {
        let terminal = terminal.clone();
        guesses
            .spawn(async move { code(&unlock(&terminal, &format!("guess-{n}")).await).to_owned() });
    }
    let mut codes = Vec::new();
    while let Some(code) = guesses.join_next().await {
        codes.push(code.expect("a guess"));
    }
    let reached = logins(&controls) - before;
    assert!(reached <= 5, "{reached} of 30 reached Flexiti: {codes:?}");
    assert!(
        codes.contains(&"unlock_attempts_exhausted".to_owned()),
        "{codes:?}"
    );
    assert!(
        codes.iter().all(|c| [
            "authentication_failure",
            "unlock_attempts_exhausted",
            "too_many_attempts",
            "not_signed_in"
        ]
        .contains(&c.as_str())),
        "{codes:?}"
    );
    let status = engine.status().await;
    assert!(status.session.is_none() && !status.locked);
}
