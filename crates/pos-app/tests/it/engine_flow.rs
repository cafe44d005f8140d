//! The engine end to end, as the commands drive it: the embedded sandbox over real HTTP,
//! a real SQLite file, the shared validator. No window.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;

use flexiti_sandbox::{Fault, FaultKind, REP_PASSWORD};
use pos_app::dto::*;
use pos_app::{Engine, PURGE_EVERY};
use pos_testkit::engine::{demo_rep, open, signed_in, valid_form, DEMO_REP};
use pos_testkit::{temp_dir, valid_text};

fn text(value: &str) -> FieldValue {
    FieldValue::Text(value.into())
}

/// The shared valid application (pos-testkit) for `first_name`, with `middle_name` (where
/// Flexiti's test keys go).
fn valid_fields(first_name: &str, middle_name: &str) -> BTreeMap<String, FieldValue> {
    let mut fields = valid_form();
    fields.insert("first_name".into(), text(first_name));
    fields.insert("middle_name".into(), text(middle_name));
    fields
}

async fn saved_draft(engine: &Engine, fields: BTreeMap<String, FieldValue>) -> String {
    let draft = engine.new_draft().await.expect("draft");
    let saved = engine
        .save_draft(SaveDraftInput {
            id: draft.id.clone(),
            applicant_lang: Lang::En,
            fields,
            tos_version: Some("2024-01".into()),
            tos_lang: Some(Lang::En),
        })
        .await
        .expect("save");
    assert!(saved.errors.is_empty(), "{:?}", saved.errors);
    draft.id
}

#[tokio::test]
async fn first_run_is_the_sandbox_with_a_training_banner() {
    let dir = temp_dir("first-run");
    let engine = open(dir.path()).await;
    let status = engine.status().await;
    assert_eq!(status.environment, EnvironmentKind::Sandbox);
    assert!(status.training_banner && status.configured && status.session.is_none());
    let settings = engine.get_settings().await.unwrap();
    assert_eq!(
        (settings.client_id.as_str(), settings.store_id.as_str()),
        ("flexitidemo", "00-12345")
    );
    assert_eq!(settings.secret_source, SecretSource::Sandbox);
    assert_eq!(
        engine.new_draft().await.unwrap_err().code(),
        "not_signed_in"
    );
}

#[tokio::test]
async fn wrong_password_is_authentication_failure() {
    let dir = temp_dir("wrong-password");
    let engine = open(dir.path()).await;
    let error = engine.sign_in(demo_rep("nope")).await.unwrap_err();
    assert_eq!(error.to_command_error().code, "authentication_failure");
    assert!(engine.status().await.session.is_none());
}

#[tokio::test]
async fn both_languages_have_the_same_codes_and_their_own_labels() {
    let dir = temp_dir("languages");
    let engine = signed_in(dir.path()).await;
    let en = engine.form_data(Lang::En).await.unwrap();
    let fr = engine.form_data(Lang::Fr).await.unwrap();
    let codes = |f: &FormData, k: &str| {
        f.lists[k]
            .iter()
            .map(|c| c.code.clone())
            .collect::<Vec<_>>()
    };
    for key in [
        "salutation",
        "province",
        "security_qid",
        "govid_type",
        "occupation",
        "housing_type",
    ] {
        assert_eq!(codes(&en, key), codes(&fr, key), "{key}");
    }
    let label = |f: &FormData, code: &str| {
        f.lists["province"]
            .iter()
            .find(|c| c.code == code)
            .map(|c| c.label.clone())
    };
    assert_eq!(label(&fr, "QC").as_deref(), Some("Québec"));
    assert_eq!(label(&en, "QC").as_deref(), Some("Quebec"));
    assert_eq!(fr.dependent["govid_issuedby"]["CAP"].len(), 1);
    assert!(fr.texts["qcpa_disclosure"].contains("consommateur"));
}

#[tokio::test]
async fn a_saved_draft_survives_a_restart_and_is_approved() {
    let dir = temp_dir("resume");
    let id = {
        let engine = signed_in(dir.path()).await;
        saved_draft(&engine, valid_fields("Marie", "")).await
    };
    let engine = signed_in(dir.path()).await;
    let drafts = engine.list_drafts().await.unwrap();
    assert_eq!(
        drafts[0].applicant_name.expose(),
        &format!("Marie {}", valid_text("last_name"))
    );
    let draft = engine.open_draft(&id).await.unwrap();
    assert_eq!(
        draft.fields["monthly_housing_payment"],
        text(valid_text("monthly_housing_payment"))
    );
    assert_eq!(draft.tos_version.as_deref(), Some("2024-01"));
    let decided = engine.submit_draft(&id).await.unwrap();
    assert_eq!(decided.status, DraftStatus::Approved);
    let decision = decided.decision.unwrap();
    assert_eq!(decision.outcome, "approved");
    assert_eq!(decision.card_last4.map(|c| c.len()), Some(4));
    assert!(decision.credit_limit_cents.unwrap_or_default() >= 100_000);
}

#[tokio::test]
async fn the_decline_key_gives_a_neutral_decline() {
    let dir = temp_dir("decline");
    let engine = signed_in(dir.path()).await;
    let id = saved_draft(&engine, valid_fields("Denis", "D-NO_HIT")).await;
    let decided = engine.submit_draft(&id).await.unwrap();
    assert_eq!(decided.status, DraftStatus::Declined);
    let decision = decided.decision.unwrap();
    assert_eq!(
        (
            decision.outcome.as_str(),
            decision.credit_limit_cents,
            decision.card_last4
        ),
        ("declined", None, None)
    );
}

#[tokio::test]
async fn invalid_answers_are_refused_before_anything_is_sent() {
    let dir = temp_dir("invalid");
    let engine = signed_in(dir.path()).await;
    let draft = engine.new_draft().await.unwrap();
    let mut fields = valid_fields("Luc", "");
    fields.insert("postal_code".into(), text("H2X 1Y4"));
    fields.insert("sin".into(), text("123 456 789"));
    fields.remove("tos_agreement");
    let saved = engine
        .save_draft(SaveDraftInput {
            id: draft.id.clone(),
            applicant_lang: Lang::Fr,
            fields,
            tos_version: None,
            tos_lang: None,
        })
        .await
        .unwrap();
    let problems: Vec<(&str, &str)> = saved
        .errors
        .iter()
        .map(|e| (e.field.as_str(), e.problem.as_str()))
        .collect();
    assert_eq!(problems, [("sin", "invalid"), ("postal_code", "invalid")]);
    let error = engine
        .submit_draft(&draft.id)
        .await
        .unwrap_err()
        .to_command_error();
    assert_eq!(error.code, "wrong_inputs");
    assert!(error.fields.iter().any(|f| f.field == "tos_agreement"));
    let controls = engine.sandbox_controls().await.unwrap();
    assert_eq!(
        controls.stats().requests.get("apply"),
        None,
        "nothing reached Flexiti"
    );
    assert_eq!(
        engine.open_draft(&draft.id).await.unwrap().status,
        DraftStatus::Editing
    );
}

/// A draft whose decision is not known can neither be edited nor discarded.
async fn assert_read_only(engine: &Engine, id: &str) {
    let edit = engine
        .save_draft(SaveDraftInput {
            id: id.to_owned(),
            applicant_lang: Lang::En,
            fields: valid_fields("Paul", ""),
            tos_version: None,
            tos_lang: None,
        })
        .await
        .unwrap_err();
    assert_eq!(edit.code(), "draft_locked");
    assert_eq!(
        engine.discard_draft(id).await.unwrap_err().code(),
        "draft_locked"
    );
}

#[tokio::test]
async fn a_lost_answer_locks_the_draft_until_check_again_gets_the_decision() {
    let dir = temp_dir("unknown");
    let engine = signed_in(dir.path()).await;
    let id = saved_draft(&engine, valid_fields("Pierre", "")).await;
    let controls = engine.sandbox_controls().await.unwrap();
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .unwrap();
    let unknown = engine.submit_draft(&id).await.unwrap();
    assert_eq!(unknown.status, DraftStatus::OutcomeUnknown);
    assert_read_only(&engine, &id).await;
    let decided = engine.check_again(&id).await.unwrap();
    assert_eq!(decided.status, DraftStatus::Approved);
    let stats = controls.stats();
    assert_eq!(
        (stats.applications, stats.idempotent_replays),
        (1, 1),
        "one application, the lost answer replayed"
    );
}

#[tokio::test]
async fn a_cancelled_unknown_outcome_is_set_aside_and_check_again_still_gets_the_decision() {
    let dir = temp_dir("set-aside");
    let engine = signed_in(dir.path()).await;
    let id = saved_draft(&engine, valid_fields("Pierre", "P-FRAUD")).await;
    let controls = engine.sandbox_controls().await.unwrap();
    controls
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(3))
        .unwrap();
    let unknown = engine.submit_draft(&id).await.unwrap();
    assert_eq!(unknown.status, DraftStatus::OutcomeUnknown);

    // Cancel sets it aside: listed, read-only, never editable or submittable again.
    let aside = engine.cancel_submission(&id).await.unwrap();
    assert_eq!(aside.status, DraftStatus::Cancelled);
    let listed = engine.list_drafts().await.unwrap();
    assert!(listed
        .iter()
        .any(|d| d.id == id && d.status == DraftStatus::Cancelled));
    assert_read_only(&engine, &id).await;
    let resubmit = engine.submit_draft(&id).await.unwrap();
    assert_eq!(
        resubmit.status,
        DraftStatus::Cancelled,
        "a submit re-sends the same request, no new one"
    );

    // A lost answer on "check again" leaves it set aside; a later one gets the decision.
    let still = engine.check_again(&id).await.unwrap();
    assert_eq!(still.status, DraftStatus::Cancelled);
    let decided = engine.check_again(&id).await.unwrap();
    assert_eq!(decided.status, DraftStatus::Pending);
    let stats = controls.stats();
    assert_eq!(stats.applications, 1, "one application, however many sends");
}

#[tokio::test]
async fn lock_keeps_the_session_and_only_the_same_rep_unlocks() {
    let dir = temp_dir("lock");
    let engine = signed_in(dir.path()).await;
    let id = saved_draft(&engine, valid_fields("Anne", "")).await;
    assert!(engine.lock().await.unwrap().locked);
    assert_eq!(
        engine.open_draft(&id).await.unwrap_err().code(),
        "session_locked"
    );
    let other = engine
        .unlock(SignInInput {
            username: "vendeur".into(),
            password: REP_PASSWORD.into(),
        })
        .await;
    assert_eq!(other.unwrap_err().code(), "wrong_rep");
    let wrong = engine
        .unlock(SignInInput {
            username: String::new(),
            password: "nope".into(),
        })
        .await;
    assert_eq!(
        wrong.unwrap_err().to_command_error().code,
        "authentication_failure"
    );
    let status = engine
        .unlock(SignInInput {
            username: String::new(),
            password: REP_PASSWORD.into(),
        })
        .await
        .unwrap();
    assert!(!status.locked && status.session.is_some());
    assert_eq!(
        engine.open_draft(&id).await.unwrap().fields["first_name"],
        text("Anne")
    );
}

#[tokio::test]
async fn settings_never_return_the_secret_and_keep_it_out_of_sqlite() {
    let dir = temp_dir("settings");
    let engine = signed_in(dir.path()).await;
    let input = SettingsInput {
        environment: EnvironmentKind::Training,
        custom_url: None,
        client_id: "acme-store".into(),
        client_secret: Some("s3cret-value-for-training".into()),
        store_id: "12-34567".into(),
        terminal_id: "T-09".into(),
        idle_lock_minutes: 5,
        retention_days: 3,
        store_province: None,
        store_lang: pos_app::dto::Lang::En,
        new_admin_passphrase: Some("counter admin passphrase".into()),
        kiosk: false,
    };
    let view = engine.save_settings(input.clone()).await.unwrap();
    assert_eq!(view.secret_source, SecretSource::File);
    assert_eq!(view.environment, EnvironmentKind::Training);
    assert!(!serde_json::to_string(&view).unwrap().contains("s3cret"));
    let status = engine.status().await;
    assert!(
        status.session.is_none(),
        "changing the environment signs the rep out"
    );
    assert_eq!(status.idle_lock_minutes, 5);
    assert_eq!(view.retention_days, 3);
    assert_eq!(
        view.data_key_source,
        SecretSource::File,
        "no keyring in tests"
    );
    let database = std::fs::read(dir.path().join("pos.sqlite3")).unwrap();
    let wal = std::fs::read(dir.path().join("pos.sqlite3-wal")).unwrap_or_default();
    for bytes in [database, wal] {
        assert!(
            !bytes.windows(9).any(|w| w == b"s3cret-va"),
            "the secret is not in SQLite"
        );
    }
    let mut bad = input;
    bad.idle_lock_minutes = 30;
    assert_eq!(
        engine.save_settings(bad).await.unwrap_err().code(),
        "invalid_settings"
    );
}

#[tokio::test]
async fn the_audit_log_records_each_event_with_rep_terminal_and_outcome_and_no_applicant_data() {
    use pos_store::AuditEvent;
    let dir = temp_dir("audit");
    let engine = open(dir.path()).await;
    let wrong = demo_rep("nope");
    assert!(engine.sign_in(wrong).await.is_err());
    engine.sign_in(demo_rep(REP_PASSWORD)).await.unwrap();
    engine.form_data(Lang::En).await.unwrap();
    engine.lock().await.unwrap();
    assert!(engine
        .unlock(SignInInput {
            username: String::new(),
            password: "nope".into()
        })
        .await
        .is_err());
    engine
        .unlock(SignInInput {
            username: String::new(),
            password: REP_PASSWORD.into(),
        })
        .await
        .unwrap();
    let id = saved_draft(&engine, valid_fields("Zacharie", "")).await;
    engine.submit_draft(&id).await.unwrap();
    let mut settings = SettingsInput {
        environment: EnvironmentKind::Sandbox,
        custom_url: None,
        client_id: "flexitidemo".into(),
        client_secret: None,
        store_id: "00-12345".into(),
        terminal_id: "T-01".into(),
        idle_lock_minutes: 10,
        retention_days: 7,
        store_province: None,
        store_lang: pos_app::dto::Lang::En,
        new_admin_passphrase: Some("counter admin passphrase".into()),
        kiosk: false,
    };
    engine.save_settings(settings.clone()).await.unwrap();
    engine.sign_out().await.unwrap();
    settings.terminal_id = "T-02".into();
    engine.save_settings(settings).await.unwrap();
    // Eight days later the decided draft is past the 7-day retention period.
    let later = chrono::Utc::now() + chrono::Duration::days(8);
    let report = engine.purge_expired_as_of(later).await.unwrap();
    assert_eq!((report.purged, report.kept_in_flight), (1, 0));

    let mut log = engine.audit_log(100).await.unwrap();
    log.reverse();
    let lines: Vec<(AuditEvent, Option<&str>, &str)> = log
        .iter()
        .map(|r| (r.event, r.rep_username.as_deref(), r.outcome.as_str()))
        .collect();
    let rep = Some(DEMO_REP);
    assert_eq!(
        lines,
        [
            // Not yet a rep this terminal knows: whatever was typed as the username is
            // not kept (it could be a password typed in the wrong field).
            (AuditEvent::SignInFailed, None, "authentication_failure"),
            (AuditEvent::SignIn, rep, "ok"),
            (AuditEvent::Lock, rep, "ok"),
            (AuditEvent::UnlockFailed, rep, "authentication_failure"),
            (AuditEvent::Unlock, rep, "ok"),
            (AuditEvent::Submit, rep, "sent"),
            (AuditEvent::Decision, rep, "approved"),
            (AuditEvent::SettingsChanged, rep, "ok"),
            (AuditEvent::SignOut, rep, "ok"),
            (AuditEvent::SettingsChanged, None, "ok"),
            (AuditEvent::Purge, None, "ok"),
        ]
    );
    assert!(log[..9].iter().all(|r| r.terminal_id == "T-01"));
    assert_eq!(log[9].terminal_id, "T-02");
    assert_eq!(log[10].terminal_id, "T-02");
    assert_eq!(
        log[10].detail.as_deref(),
        Some("purged=1 kept_in_flight=0 retention_days=7")
    );
    assert!(
        log.iter().all(|r| !r.at.is_empty()),
        "every line has its time"
    );
    assert_eq!(log[6].detail.as_deref(), Some(id.as_str()));
    let dump = format!("{log:?}");
    for applicant in [
        "Zacharie",
        valid_text("last_name"),
        valid_text("dob"),
        valid_text("email"),
        &valid_text("postal_code")[..3],
        valid_text("sin"),
        valid_text("security_answer"),
    ] {
        assert!(!dump.contains(applicant), "the audit log holds {applicant}");
    }
}

/// The app's background loop ([`Terminal::run_background`]) purges once its hour has
/// passed: tokio's clock is paused only while it is moved on by that hour (the store's
/// SQLite runs on threads of its own, which a paused clock would race), then runs again,
/// and the test waits for the purge the loop then makes, not for a timer.
#[tokio::test]
async fn the_running_app_purges_on_its_schedule_and_keeps_a_fresh_draft() {
    let dir = temp_dir("retention");
    let terminal = Arc::new(pos_testkit::engine::terminal(dir.path()).await);
    let engine = terminal.engine().await.expect("started");
    engine.sign_in(demo_rep(REP_PASSWORD)).await.unwrap();
    engine.form_data(Lang::En).await.unwrap();
    let old = saved_draft(&engine, valid_fields("Ancien", "")).await;
    let fresh = saved_draft(&engine, valid_fields("Récent", "")).await;
    age_draft(dir.path(), &old).await;
    // Nobody signed in: the loop's idle lock has nothing to do.
    engine.sign_out().await.unwrap();

    let running = terminal.clone();
    let schedule = tokio::spawn(async move { running.run_background().await });
    // The loop starts (its first tick is at once, and purges nothing: its hour starts
    // now); nothing of that start waits on SQLite.
    for _ in 0..10 {
        tokio::task::yield_now().await;
    }
    assert_eq!(
        engine.list_drafts().await.unwrap_err().code(),
        "not_signed_in"
    );
    tokio::time::pause();
    tokio::time::advance(PURGE_EVERY).await;
    tokio::time::resume();

    let purges = || async {
        engine
            .audit_log(50)
            .await
            .unwrap()
            .into_iter()
            .filter(|r| r.event == pos_store::AuditEvent::Purge)
            .count()
    };
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while purges().await == 0 {
        assert!(
            std::time::Instant::now() < deadline,
            "the loop never purged after its hour"
        );
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    engine.sign_in(demo_rep(REP_PASSWORD)).await.unwrap();
    let ids: Vec<String> = engine
        .list_drafts()
        .await
        .unwrap()
        .into_iter()
        .map(|d| d.id)
        .collect();
    assert_eq!(ids, [fresh], "the old draft purged, the fresh one kept");
    schedule.abort();
    assert_eq!(purges().await, 1, "one purge line; empty purges write none");
}

#[tokio::test]
async fn drafts_at_startup_past_the_period_are_purged_when_the_app_opens() {
    let dir = temp_dir("retention-open");
    let engine = signed_in(dir.path()).await;
    let old = saved_draft(&engine, valid_fields("Ancien", "")).await;
    drop(engine);
    age_draft(dir.path(), &old).await;
    let engine = signed_in(dir.path()).await;
    assert!(engine.list_drafts().await.unwrap().is_empty());
}

/// Makes draft `id` look untouched since 2020, behind the engine's back.
async fn age_draft(dir: &Path, id: &str) {
    use sqlx::Connection;
    let options = sqlx::sqlite::SqliteConnectOptions::new().filename(dir.join("pos.sqlite3"));
    let mut raw = sqlx::SqliteConnection::connect_with(&options)
        .await
        .expect("raw connection");
    sqlx::query("UPDATE drafts SET updated_at = '2020-01-01T00:00:00.000Z' WHERE id = ?1")
        .bind(id)
        .execute(&mut raw)
        .await
        .unwrap();
}
