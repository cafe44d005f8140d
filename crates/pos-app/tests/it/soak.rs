//! The promise "an application never reaches Flexiti twice", soaked: many applicants
//! through the real engine against an emulator that fails on purpose (token and apply:
//! lost answers, 500, 502, 503, 401, 403, 429, HTML pages, cut JSON, delays short and past
//! the deadline), with a rep
//! who checks again, cancels, applies again after the warning, signs out for a rep of
//! another merchant (who must not find the applicant), and an app that restarts in the
//! middle of a send. The emulator's own records are
//! counted at the end. `POS_SOAK_APPLICANTS` sets the size (CI runs a small one; the
//! closing notes quote a run of 10,000), `POS_SOAK_SEED` replays a run.

use std::collections::HashMap;
use std::path::Path;
use std::time::{Duration, Instant};

use flexiti_sandbox::{Controls, Fault, FaultKind, Sandbox, SandboxConfig, CLIENT_SECRET};
use pos_app::dto::*;
use pos_app::{Engine, EngineConfig};
use pos_testkit::engine::{config, valid_form};
use pos_testkit::temp_dir;

/// The rep whose applicants these are, and a rep of another merchant who uses the same
/// terminal in between (the emulator has no colleague of the same merchant).
const REP: &str = "merchantonline";
const OTHER_MERCHANT_REP: &str = "vendeur";
/// Every Flexiti call's deadline in this test (the app's are 5 to 45 s).
const CLIENT_TIMEOUT: Duration = Duration::from_millis(400);

fn env_number(name: &str, default: u64) -> u64 {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// The engine on `dir`, pointed at the emulator that outlives it (a restart must not
/// take Flexiti's memory with it), signed in as `rep`.
async fn engine_on(dir: &Path, rep: &str) -> Engine {
    let engine = Engine::open(EngineConfig {
        // Short deadlines, so "a delay past the timeout" is part of the fault mix.
        client_timeout: Some(CLIENT_TIMEOUT),
        ..config(dir)
    })
    .await
    .expect("engine opens");
    engine
        .sign_in(SignInInput {
            username: rep.into(),
            password: flexiti_sandbox::REP_PASSWORD.into(),
        })
        .await
        .expect("sign in");
    engine
}

async fn point_at(engine: &Engine, sandbox: &Sandbox) {
    let settings = engine.get_settings().await.expect("settings");
    engine
        .save_settings(SettingsInput {
            environment: EnvironmentKind::Custom,
            custom_url: Some(sandbox.base_url().to_owned()),
            client_id: settings.client_id,
            client_secret: Some(CLIENT_SECRET.into()),
            store_id: settings.store_id,
            terminal_id: settings.terminal_id,
            idle_lock_minutes: 15,
            retention_days: settings.retention_days,
            store_province: None,
            store_lang: pos_app::dto::Lang::En,
            new_admin_passphrase: Some("counter admin passphrase".into()),
            kiosk: false,
        })
        .await
        .expect("custom Flexiti");
}

fn answers(first_name: &str, middle_name: &str) -> std::collections::BTreeMap<String, FieldValue> {
    let mut fields = valid_form();
    fields.remove("sin");
    fields.insert("first_name".into(), FieldValue::Text(first_name.into()));
    fields.insert("middle_name".into(), FieldValue::Text(middle_name.into()));
    fields
}

async fn sign_in(engine: &Engine, rep: &str) -> pos_app::AppResult<AppStatus> {
    engine
        .sign_in(SignInInput {
            username: rep.into(),
            password: flexiti_sandbox::REP_PASSWORD.into(),
        })
        .await
}

/// One fault of the mix, on the token or the apply route, for the next request there.
fn random_fault(rng: &mut fastrand::Rng) -> Fault {
    let route = if rng.u8(0..4) == 0 { "token" } else { "apply" };
    let kind = match rng.u8(0..11) {
        0 => FaultKind::Drop,
        1 => FaultKind::Status { status: 500 },
        2 => FaultKind::Status { status: 502 },
        3 => FaultKind::Status { status: 503 },
        4 => FaultKind::Status { status: 401 },
        5 => FaultKind::Status { status: 403 },
        6 => FaultKind::Status { status: 429 },
        7 => FaultKind::Html { status: 502 },
        8 => FaultKind::MalformedJson,
        9 => FaultKind::Delay {
            ms: rng.u64(1..120),
        },
        // Past the deadline: the request is handled, the app has stopped waiting.
        _ => FaultKind::Delay { ms: 600 },
    };
    Fault::new(Some(route), kind).times(1)
}

#[derive(Default)]
struct Counts {
    applicants: u64,
    sends: u64,
    faults: u64,
    restarts: u64,
    handovers: u64,
    cancels: u64,
    apply_again: u64,
    over_one_application: u64,
    back_to_editing_after_recorded: u64,
    stuck: u64,
    superseded: u64,
    decided: u64,
    never_recorded: u64,
}

#[tokio::test]
async fn soak_no_application_reaches_flexiti_twice() {
    let applicants = env_number("POS_SOAK_APPLICANTS", 100);
    let seed = env_number("POS_SOAK_SEED", fastrand::u64(..));
    let mut rng = fastrand::Rng::with_seed(seed);
    let started = Instant::now();

    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("emulator");
    let controls: Controls = sandbox.controls().clone();
    let dir = temp_dir("soak");
    let mut engine = engine_on(dir.path(), REP).await;
    point_at(&engine, &sandbox).await;
    engine.sign_out().await.expect("sign out");
    engine
        .sign_in(SignInInput {
            username: REP.into(),
            password: flexiti_sandbox::REP_PASSWORD.into(),
        })
        .await
        .expect("sign in on the custom Flexiti");
    engine.form_data(Lang::En).await.expect("form data");

    let mut counts = Counts::default();
    let mut records = Records::default();
    for n in 0..applicants {
        counts.applicants += 1;
        let name = format!("Soak{n:06}");
        let middle = match rng.u8(0..20) {
            0..=11 => "",
            12..=14 => "P-FRAUD",
            15..=17 => "D-FRAUD",
            _ => "D-EMAIL_DBL_TIMEOUT",
        };
        let draft = engine.new_draft().await.expect("draft");
        engine
            .save_draft(SaveDraftInput {
                id: draft.id.clone(),
                applicant_lang: Lang::En,
                fields: answers(&name, middle),
                tos_version: Some("2024-01".into()),
                tos_lang: Some(Lang::En),
            })
            .await
            .expect("save");
        // This applicant's drafts: the first, then any "apply again" copies.
        let mut drafts = vec![draft.id.clone()];
        let mut copies_sent = 0u64;
        let mut original_sent = false;

        for _step in 0..6 {
            if rng.bool() {
                controls.add_fault(random_fault(&mut rng)).expect("fault");
                counts.faults += 1;
                if rng.u8(0..4) == 0 {
                    controls.revoke_access_tokens();
                }
            }
            let current = drafts[drafts.len() - 1].clone();
            let status = engine.open_draft(&current).await.expect("open").status;
            match (status, rng.u8(0..20)) {
                (DraftStatus::Approved | DraftStatus::Pending | DraftStatus::Declined, _) => {
                    controls.clear_faults();
                    break;
                }
                (_, 0..=1) => {
                    // The rep signs out; a rep of another merchant signs in, and this
                    // applicant is nowhere for them; then the rep signs in again.
                    engine.sign_out().await.expect("sign out");
                    for who in [OTHER_MERCHANT_REP, REP] {
                        // The faults hit the sign-in too; the rep tries again once they pass.
                        if sign_in(&engine, who).await.is_err() {
                            controls.clear_faults();
                            sign_in(&engine, who).await.expect("sign in again");
                        }
                        if who == OTHER_MERCHANT_REP {
                            let theirs = engine.open_draft(&current).await;
                            assert_eq!(
                                theirs.err().map(|e| e.code()),
                                Some("draft_not_found"),
                                "another merchant's rep opened {name}"
                            );
                            engine.sign_out().await.expect("sign out");
                        }
                    }
                    counts.handovers += 1;
                }
                (_, 2..=3) => {
                    // The app restarts in the middle of a send.
                    let wait = Duration::from_millis(rng.u64(0..15));
                    let send = async {
                        if status == DraftStatus::Editing {
                            engine.submit_draft(&current).await
                        } else {
                            engine.check_again(&current).await
                        }
                    };
                    let _ = tokio::time::timeout(wait, send).await;
                    drop(engine);
                    controls.clear_faults();
                    engine = engine_on(dir.path(), REP).await;
                    counts.restarts += 1;
                    counts.sends += 1;
                    if current == draft.id {
                        original_sent = true;
                    } else {
                        copies_sent += 1;
                    }
                }
                (DraftStatus::OutcomeUnknown, 4..=6) => {
                    engine.cancel_submission(&current).await.ok();
                    counts.cancels += 1;
                }
                (DraftStatus::Cancelled, 7..=9) => {
                    // The rep read the warning and confirmed: a new application.
                    if let Ok(copy) = engine.apply_again(&current).await {
                        let mut fields = copy.fields.clone();
                        fields.insert("tos_agreement".into(), FieldValue::Flag(true));
                        engine
                            .save_draft(SaveDraftInput {
                                id: copy.id.clone(),
                                applicant_lang: Lang::En,
                                fields,
                                tos_version: Some("2024-01".into()),
                                tos_lang: Some(Lang::En),
                            })
                            .await
                            .expect("copy saved");
                        drafts.push(copy.id);
                        counts.apply_again += 1;
                    }
                }
                (DraftStatus::Editing, _) => {
                    engine.submit_draft(&current).await.ok();
                    counts.sends += 1;
                    if current == draft.id {
                        original_sent = true;
                    } else {
                        copies_sent += 1;
                    }
                }
                _ => {
                    engine.check_again(&current).await.ok();
                    counts.sends += 1;
                }
            }
            controls.clear_faults();
            // Never back to editing once Flexiti recorded it (copies aside).
            let recorded = records.count(&controls, &name);
            let original = engine.open_draft(&draft.id).await.expect("open").status;
            if original_sent && original == DraftStatus::Editing && recorded > 0 && copies_sent == 0
            {
                counts.back_to_editing_after_recorded += 1;
            }
        }

        // Faults over: every draft still waiting for its decision must get one.
        controls.clear_faults();
        for id in &drafts {
            let mut status = engine.open_draft(id).await.expect("open").status;
            for _ in 0..3 {
                if !status.awaits_decision() {
                    break;
                }
                status = match engine.check_again(id).await {
                    Ok(view) => view.status,
                    Err(_) => engine.open_draft(id).await.expect("open").status,
                };
            }
            if status.awaits_decision() {
                // After an "apply again" the rep confirmed, one of the customer's drafts
                // may never be answered: the first set aside (Flexiti may not have it), or
                // a copy Flexiti refuses because the customer now exists. Retention ends
                // those, by design; any other draft still waiting is stuck.
                let last = engine.check_again(id).await.err().map(|e| e.code());
                let first_set_aside = *id == draft.id && status == DraftStatus::Cancelled;
                let refused_as_existing = last == Some("customer_already_exists");
                if drafts.len() > 1 && (first_set_aside || refused_as_existing) {
                    counts.superseded += 1;
                } else {
                    counts.stuck += 1;
                    eprintln!("stuck: {name} {middle:?} {status:?} {last:?}");
                }
            }
            if matches!(
                status,
                DraftStatus::Approved | DraftStatus::Pending | DraftStatus::Declined
            ) {
                counts.decided += 1;
            }
        }
        let recorded = records.count(&controls, &name);
        if recorded == 0 {
            counts.never_recorded += 1;
        }
        if recorded > 1 + copies_sent {
            counts.over_one_application += 1;
        }
    }

    let elapsed = started.elapsed();
    println!(
        "soak: seed {seed}, {} applicants in {:.1} s: {} sends, {} faults, {} restarts mid-send, \
         {} hand-overs, {} cancels, {} apply-again; decided {}, never recorded {}; \
         over one application per draft {}, back to editing after recorded {}, stuck {} \
         (left for retention after a confirmed apply-again: {}); \
         emulator: {} applications, {} replays",
        counts.applicants,
        elapsed.as_secs_f64(),
        counts.sends,
        counts.faults,
        counts.restarts,
        counts.handovers,
        counts.cancels,
        counts.apply_again,
        counts.decided,
        counts.never_recorded,
        counts.over_one_application,
        counts.back_to_editing_after_recorded,
        counts.stuck,
        counts.superseded,
        controls.stats().applications,
        controls.stats().idempotent_replays,
    );
    assert_eq!(counts.over_one_application, 0, "seed {seed}");
    assert_eq!(counts.back_to_editing_after_recorded, 0, "seed {seed}");
    assert_eq!(counts.stuck, 0, "seed {seed}");
}

/// The emulator's records, counted per applicant as they come (read incrementally, so a
/// run of 10,000 applicants stays linear).
#[derive(Default)]
struct Records {
    seen: usize,
    by_first_name: HashMap<String, u64>,
}

impl Records {
    /// Applications the emulator recorded for the applicant with this first name.
    fn count(&mut self, controls: &Controls, first_name: &str) -> u64 {
        let new = controls.recorded_applications_from(self.seen);
        self.seen += new.len();
        for record in new {
            *self.by_first_name.entry(record.first_name).or_default() += 1;
        }
        self.by_first_name
            .get(&first_name.to_lowercase())
            .copied()
            .unwrap_or(0)
    }
}
