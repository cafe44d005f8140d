//! An application never reaches Flexiti twice, attacked the way a busy counter would: two
//! presses of Submit at once, and every way a "check again" can fail while the outcome
//! is unknown. Only Flexiti's answer to the stored request ends the unknown state.

use std::time::Duration;

use flexiti_sandbox::{Controls, Fault, FaultKind};
use pos_app::dto::*;
use pos_app::Engine;
use pos_testkit::engine::signed_in;
use pos_testkit::temp_dir;

use crate::support::{applicant, saved_draft};

/// A signed-in engine on its own terminal, and its emulator's controls (keep the dir).
async fn counter(label: &str) -> (pos_testkit::TempDir, Engine, Controls) {
    let dir = temp_dir(label);
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    (dir, engine, controls)
}

/// Sends draft `id` with its answer lost: the emulator records it, the app learns nothing.
async fn unknown(engine: &Engine, controls: &Controls, id: &str) {
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .expect("fault");
    let view = engine.submit_draft(id).await.expect("submit");
    assert_eq!(view.status, DraftStatus::OutcomeUnknown);
    controls.clear_faults();
}

#[tokio::test]
async fn two_submits_of_one_draft_at_once_send_one_application_and_the_other_is_busy() {
    let (_dir, engine, controls) = counter("busy").await;
    let id = saved_draft(&engine, "Agathe").await;
    controls.set_latency(Duration::from_millis(300), Duration::from_millis(300));

    let (first, second) = tokio::join!(engine.submit_draft(&id), engine.submit_draft(&id));
    let codes: Vec<String> = [&first, &second]
        .iter()
        .filter_map(|r| r.as_ref().err().map(|e| e.code().to_owned()))
        .collect();
    assert_eq!(
        codes,
        ["draft_busy"],
        "exactly one refused: {first:?} {second:?}"
    );
    let decided = first.or(second).expect("one was sent");
    assert_eq!(decided.status, DraftStatus::Approved);
    assert_eq!(controls.stats().applications, 1);

    // While a check again runs, cancel, discard, save and another check again are busy.
    let other = saved_draft(&engine, "Bertrand").await;
    controls.set_latency(Duration::ZERO, Duration::ZERO);
    unknown(&engine, &controls, &other).await;
    controls.set_latency(Duration::from_millis(300), Duration::from_millis(300));
    let (checked, cancel, discard, again) = tokio::join!(
        engine.check_again(&other),
        async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            engine.cancel_submission(&other).await
        },
        async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            engine.discard_draft(&other).await
        },
        async {
            tokio::time::sleep(Duration::from_millis(50)).await;
            engine.check_again(&other).await
        },
    );
    assert_eq!(checked.expect("checked").status, DraftStatus::Approved);
    assert_eq!(cancel.err().map(|e| e.code()), Some("draft_busy"));
    assert_eq!(discard.err().map(|e| e.code()), Some("draft_busy"));
    assert_eq!(again.err().map(|e| e.code()), Some("draft_busy"));
    assert_eq!(controls.stats().applications, 2, "one per draft");
}

#[tokio::test]
async fn a_failed_check_again_never_ends_an_unknown_outcome() {
    let (_dir, engine, controls) = counter("stays-unknown").await;
    let failures = [
        ("apply", FaultKind::Status { status: 500 }),
        ("apply", FaultKind::Status { status: 502 }),
        ("apply", FaultKind::Status { status: 503 }),
        ("apply", FaultKind::Status { status: 401 }),
        ("apply", FaultKind::Status { status: 403 }),
        ("apply", FaultKind::Status { status: 429 }),
        ("apply", FaultKind::Html { status: 504 }),
        ("apply", FaultKind::MalformedJson),
        ("apply", FaultKind::Drop),
        ("token", FaultKind::Status { status: 500 }),
    ];
    for (n, (route, kind)) in failures.into_iter().enumerate() {
        let id = saved_draft(&engine, &format!("Client{}", char::from(b'A' + n as u8))).await;
        unknown(&engine, &controls, &id).await;
        if route == "token" {
            controls.revoke_access_tokens();
        }
        controls
            .add_fault(Fault::new(Some(route), kind.clone()))
            .expect("fault");
        let answer = engine.check_again(&id).await;
        controls.clear_faults();
        let after = engine.open_draft(&id).await.expect("open");
        assert_eq!(
            after.status,
            DraftStatus::OutcomeUnknown,
            "{route} {kind:?} gave {answer:?}"
        );
        // Check again is still offered, and Flexiti's answer comes back: the same one.
        let decided = engine.check_again(&id).await.expect("decided");
        assert_eq!(decided.status, DraftStatus::Approved, "{route} {kind:?}");
    }
    assert_eq!(
        controls.stats().applications,
        10,
        "one application per draft, however the checks failed"
    );
}

#[tokio::test]
async fn flexiti_saying_the_customer_exists_does_not_end_an_unknown_outcome() {
    let (_dir, engine, controls) = counter("exists").await;
    let id = saved_draft(&engine, "Denise").await;
    unknown(&engine, &controls, &id).await;
    // Flexiti forgets the key (as the real service may), and the customer is approved
    // through another application: asking again now answers "customer already exists",
    // which says nothing about whether the first send was recorded.
    controls.reset();
    let twin = saved_draft(&engine, "Denise").await;
    assert_eq!(
        engine.submit_draft(&twin).await.expect("twin").status,
        DraftStatus::Approved
    );
    let answer = engine.check_again(&id).await;
    assert_eq!(
        answer.err().map(|e| e.code()),
        Some("customer_already_exists")
    );
    let after = engine.open_draft(&id).await.expect("open");
    assert_eq!(
        after.status,
        DraftStatus::OutcomeUnknown,
        "never back to editing"
    );
    assert_eq!(
        engine.submit_draft(&id).await.err().map(|e| e.code()),
        Some("customer_already_exists"),
        "a submit asks about the same request again, it sends no new one"
    );
}

#[tokio::test]
async fn a_first_send_refused_outright_goes_back_to_editing() {
    let (_dir, engine, controls) = counter("first-refused").await;
    let id = saved_draft(&engine, "Eugene").await;
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Status { status: 403 }))
        .expect("fault");
    let answer = engine.submit_draft(&id).await;
    assert_eq!(answer.err().map(|e| e.code()), Some("insufficient_scope"));
    let after = engine.open_draft(&id).await.expect("open");
    assert_eq!(after.status, DraftStatus::Editing, "nothing was recorded");
    assert_eq!(controls.stats().applications, 0);
}

#[tokio::test]
async fn check_again_resends_the_frozen_request_whoever_asks_and_whatever_changed() {
    let (_dir, engine, controls) = counter("frozen").await;
    let id = saved_draft(&engine, "Fernande").await;
    unknown(&engine, &controls, &id).await;

    // Before the answer is learnt: the store id changes, the rep's session ends and a
    // new one starts (a rep of another merchant does not even find the draft; the
    // emulator has no colleague of the same merchant to take it over), and the draft's
    // answers could not be rebuilt into the same body any more.
    let settings = engine.get_settings().await.expect("settings");
    engine
        .save_settings(SettingsInput {
            environment: settings.environment,
            custom_url: settings.custom_url,
            client_id: settings.client_id,
            client_secret: None,
            store_id: "00-54321".into(),
            terminal_id: settings.terminal_id,
            idle_lock_minutes: settings.idle_lock_minutes,
            retention_days: settings.retention_days,
            store_province: None,
            store_lang: pos_app::dto::Lang::En,
            new_admin_passphrase: None,
            kiosk: false,
        })
        .await
        .expect("store id changed");
    engine.sign_out().await.expect("sign out");
    let rep = |username: &str| SignInInput {
        username: username.into(),
        password: flexiti_sandbox::REP_PASSWORD.into(),
    };
    engine
        .sign_in(rep("vendeur"))
        .await
        .expect("another merchant's rep");
    assert_eq!(
        engine.check_again(&id).await.err().map(|e| e.code()),
        Some("draft_not_found")
    );
    engine.sign_out().await.expect("sign out");
    engine
        .sign_in(rep("merchantonline"))
        .await
        .expect("the rep again");

    // The same bytes go out: the emulator replays its first answer (a different body
    // under the same key would be idempotency_key_reused).
    let decided = engine.check_again(&id).await.expect("decided");
    assert_eq!(decided.status, DraftStatus::Approved);
    let stats = controls.stats();
    assert_eq!((stats.applications, stats.idempotent_replays), (1, 1));
}

#[tokio::test]
async fn apply_again_copies_a_set_aside_application_and_leaves_the_first_one_askable() {
    let (_dir, engine, controls) = counter("apply-again").await;
    let id = saved_draft(&engine, "Gisele").await;

    // Only a set-aside application can be applied for again.
    let editing = engine.apply_again(&id).await;
    assert_eq!(editing.err().map(|e| e.code()), Some("draft_not_set_aside"));
    unknown(&engine, &controls, &id).await;
    let unknown_yet = engine.apply_again(&id).await;
    assert_eq!(
        unknown_yet.err().map(|e| e.code()),
        Some("draft_not_set_aside")
    );
    engine.cancel_submission(&id).await.expect("set aside");

    let copy = engine.apply_again(&id).await.expect("copy");
    assert_ne!(copy.id, id);
    assert_eq!(copy.status, DraftStatus::Editing);
    let mut expected = applicant("Gisele");
    expected.remove("tos_agreement");
    assert_eq!(
        copy.fields, expected,
        "the answers, with the terms to accept again"
    );
    assert_eq!(copy.applicant_name.expose(), "Gisele Smith");
    let first = engine.open_draft(&id).await.expect("first");
    assert_eq!(
        first.status,
        DraftStatus::Cancelled,
        "the first stays set aside"
    );

    let audit = engine.audit_log(20).await.expect("audit");
    let line = audit
        .iter()
        .find(|a| a.outcome == "apply_again")
        .expect("audited");
    assert_eq!(
        line.detail.as_deref(),
        Some(format!("{id} -> {}", copy.id).as_str())
    );
    assert_eq!(line.rep_username.as_deref(), Some("merchantonline"));
    // The first one's decision can still be learnt.
    assert_eq!(
        engine.check_again(&id).await.expect("checked").status,
        DraftStatus::Approved
    );
}
