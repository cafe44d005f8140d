//! Applicants stay where they belong, attacked from the counter: a draft made for one
//! Flexiti (environment, URL, client id) and one merchant does not exist for another
//! (the terminal switched to Sandbox or to a second emulator, a rep of the other seeded
//! merchant), and a colleague's draft of the same merchant shows no applicant and opens
//! only once taken over, audited. Every draft command is tried by name through
//! `dispatch`, as the window calls it.

use flexiti_sandbox::{Fault, FaultKind, Sandbox, SandboxConfig, CLIENT_SECRET, REP_PASSWORD};
use pos_app::commands::dispatch;
use pos_app::dto::DraftStatus;
use pos_app::{Engine, Terminal};
use pos_store::AuditEvent;
use pos_testkit::engine::{
    custom_settings, leave_sandbox, rep, sandbox_settings, terminal, ADMIN_PASSPHRASE, DEMO_REP,
};
use pos_testkit::temp_dir;
use serde_json::{json, Value};

use crate::support::{applicant, audited, listed, plant_draft, refusal, saved_draft, started};

/// The seeded rep of the other merchant (123457; the demo rep is 123456's).
const OTHER_MERCHANT_REP: &str = "vendeur";

/// Every command that names a draft, with the arguments that name draft `id`.
fn draft_commands(id: &str) -> Vec<(&'static str, Value)> {
    let save = json!({"input": {
        "id": id, "applicant_lang": "en", "fields": applicant("Intrus"), "tos_version": "2024-01", "tos_lang": "en"
    }});
    [
        "open_draft",
        "take_over_draft",
        "discard_draft",
        "submit_draft",
        "check_again",
        "cancel_submission",
        "apply_again",
    ]
    .into_iter()
    .map(|command| (command, json!({ "id": id })))
    .chain([("save_draft", save)])
    .collect()
}

/// Each draft command on each of `ids`, with what it answered, where it was not `expected`.
async fn all_refused(terminal: &Terminal, ids: &[String], expected: &str) -> Vec<String> {
    let mut wrong = Vec::new();
    for id in ids {
        for (command, args) in draft_commands(id) {
            let code = refusal(terminal, command, args).await;
            if code.as_deref() != Some(expected) {
                wrong.push(format!("{command}({id}) -> {code:?}"));
            }
        }
    }
    wrong
}

async fn sign_in(engine: &Engine, username: &str) {
    engine
        .sign_in(rep(username, REP_PASSWORD))
        .await
        .unwrap_or_else(|e| panic!("{username} signs in: {e:?}"));
}

/// Three drafts of the signed-in rep on `flexiti`: one being edited, one whose answer was
/// lost (outcome unknown), one set aside after that.
async fn three_drafts(engine: &Engine, controls: &flexiti_sandbox::Controls) -> Vec<String> {
    let editing = saved_draft(engine, "Edith").await;
    let mut ids = vec![editing];
    for name in ["Inconnu", "Annule"] {
        let id = saved_draft(engine, name).await;
        controls
            .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
            .expect("fault");
        let sent = engine.submit_draft(&id).await.expect("sent");
        assert_eq!(sent.status, DraftStatus::OutcomeUnknown);
        controls.clear_faults();
        if name == "Annule" {
            engine.cancel_submission(&id).await.expect("set aside");
        }
        ids.push(id);
    }
    ids
}

#[tokio::test]
async fn drafts_made_for_one_flexiti_do_not_exist_once_the_terminal_points_elsewhere() {
    let dir = temp_dir("scope-environment");
    let flexiti_a = Sandbox::start(SandboxConfig::default())
        .await
        .expect("the store's Flexiti");
    let flexiti_b = Sandbox::start(SandboxConfig::default())
        .await
        .expect("another environment");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    leave_sandbox(&engine, flexiti_a.base_url()).await;
    sign_in(&engine, DEMO_REP).await;
    let ids = three_drafts(&engine, flexiti_a.controls()).await;
    engine.sign_out().await.expect("sign out");

    // Someone at the counter without the passphrase cannot even switch to Sandbox.
    let to_sandbox = json!({ "input": sandbox_settings() });
    assert_eq!(
        refusal(&terminal, "save_settings", to_sandbox.clone())
            .await
            .as_deref(),
        Some("admin_required")
    );

    // The administrator switches to the embedded Sandbox, then to a second emulator; the
    // same rep signs in there each time: the drafts are nowhere.
    let to_b = json!({ "input": custom_settings(flexiti_b.base_url(), Some(CLIENT_SECRET)) });
    for (elsewhere, settings) in [("sandbox", to_sandbox), ("emulator B", to_b)] {
        engine
            .admin_sign_in(ADMIN_PASSPHRASE)
            .await
            .expect("administrator");
        dispatch(&terminal, "save_settings", settings)
            .await
            .unwrap_or_else(|e| panic!("{elsewhere}: {e:?}"));
        sign_in(&engine, DEMO_REP).await;
        assert_eq!(listed(&engine).await, Vec::<String>::new(), "{elsewhere}");
        assert_eq!(
            all_refused(&terminal, &ids, "draft_not_found").await,
            Vec::<String>::new(),
            "{elsewhere}"
        );
        engine.sign_out().await.expect("sign out");
    }
    assert_eq!(
        flexiti_b.controls().stats().applications,
        0,
        "nothing was sent to another Flexiti"
    );

    // Back to the store's Flexiti (its secret typed again): they are all there.
    engine
        .admin_sign_in(ADMIN_PASSPHRASE)
        .await
        .expect("administrator");
    let back = custom_settings(flexiti_a.base_url(), Some(CLIENT_SECRET));
    dispatch(&terminal, "save_settings", json!({ "input": back }))
        .await
        .expect("back to A");
    sign_in(&engine, DEMO_REP).await;
    let mut again = listed(&engine).await;
    again.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(again, expected);
    let edith = engine.open_draft(&ids[0]).await.expect("opens again");
    assert_eq!(edith.applicant_name.expose(), "Edith Smith");
}

#[tokio::test]
async fn a_rep_of_another_merchant_finds_none_of_the_drafts() {
    let dir = temp_dir("scope-merchant");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    sign_in(&engine, DEMO_REP).await;
    let ids = three_drafts(&engine, &controls).await;
    engine.sign_out().await.expect("sign out");
    let applications = controls.stats().applications;

    sign_in(&engine, OTHER_MERCHANT_REP).await;
    assert_eq!(listed(&engine).await, Vec::<String>::new());
    assert_eq!(
        all_refused(&terminal, &ids, "draft_not_found").await,
        Vec::<String>::new()
    );
    assert_eq!(controls.stats().applications, applications, "nothing sent");
    assert_eq!(audited(&engine, AuditEvent::DraftOpened).await, 0);
    assert_eq!(audited(&engine, AuditEvent::DraftTakenOver).await, 0);
    let theirs = saved_draft(&engine, "Vendue").await;
    engine.sign_out().await.expect("sign out");

    // Nothing was changed by any of it, and the other merchant's draft is as hidden.
    sign_in(&engine, DEMO_REP).await;
    let mut mine = listed(&engine).await;
    mine.sort();
    let mut expected = ids.clone();
    expected.sort();
    assert_eq!(mine, expected);
    let mut statuses = Vec::new();
    for id in &ids {
        statuses.push(engine.open_draft(id).await.expect("open").status);
    }
    assert_eq!(
        statuses,
        [
            DraftStatus::Editing,
            DraftStatus::OutcomeUnknown,
            DraftStatus::Cancelled
        ]
    );
    assert_eq!(
        all_refused(&terminal, &[theirs], "draft_not_found").await,
        Vec::<String>::new()
    );
}

#[tokio::test]
async fn a_colleagues_draft_shows_no_applicant_and_opens_only_once_taken_over() {
    let dir = temp_dir("scope-colleague");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    sign_in(&engine, DEMO_REP).await;
    let own = saved_draft(&engine, "Propre").await;
    // The emulator knows one rep per merchant: the colleague's draft is planted in this
    // terminal's environment and merchant, as the colleague's session would have left it.
    let theirs = plant_draft(dir.path(), "colleague", "123456", "Collegue").await;

    let list = dispatch(&terminal, "list_drafts", json!({}))
        .await
        .expect("list");
    let line = |id: &str| {
        list.as_array()
            .expect("a list")
            .iter()
            .find(|d| d["id"] == id)
            .cloned()
            .unwrap_or_else(|| panic!("{id} listed"))
    };
    let (own_line, their_line) = (line(&own), line(&theirs));
    assert_eq!(
        (&own_line["mine"], &own_line["applicant_name"]),
        (&json!(true), &json!("Propre Smith"))
    );
    assert_eq!(
        (
            &their_line["mine"],
            &their_line["applicant_name"],
            &their_line["rep"]
        ),
        (&json!(false), &json!(""), &json!("colleague")),
        "a colleague's draft without the applicant's name"
    );
    assert!(!list.to_string().contains("Collegue"), "{list}");

    // Every command but the take-over refuses it, and reads nothing.
    let opened_before = audited(&engine, AuditEvent::DraftOpened).await;
    let mut wrong = Vec::new();
    for (command, args) in draft_commands(&theirs)
        .into_iter()
        .filter(|(c, _)| *c != "take_over_draft")
    {
        let code = refusal(&terminal, command, args).await;
        if code.as_deref() != Some("draft_of_another_rep") {
            wrong.push(format!("{command} -> {code:?}"));
        }
    }
    assert_eq!(wrong, Vec::<String>::new());
    assert_eq!(
        audited(&engine, AuditEvent::DraftOpened).await,
        opened_before
    );

    // The explicit take-over opens it and says from whom.
    let taken = dispatch(&terminal, "take_over_draft", json!({ "id": theirs }))
        .await
        .expect("taken over");
    assert_eq!(taken["fields"]["first_name"], "Collegue");
    let log = engine.audit_log(50).await.expect("audit");
    let handover = log
        .iter()
        .find(|r| r.event == AuditEvent::DraftTakenOver)
        .expect("the take-over is audited");
    assert_eq!(handover.rep_username.as_deref(), Some(DEMO_REP));
    assert_eq!(
        handover.detail.as_deref(),
        Some(format!("{theirs} from=colleague").as_str())
    );
    let list = engine.list_drafts().await.expect("list");
    let now_mine = list.iter().find(|d| d.id == theirs).expect("listed");
    assert!(now_mine.mine && now_mine.rep == DEMO_REP);
    assert_eq!(now_mine.applicant_name.expose(), "Collegue Smith");

    // Every opening is audited with the draft and the rep.
    for id in [&own, &theirs, &own] {
        dispatch(&terminal, "open_draft", json!({ "id": id }))
            .await
            .expect("open");
    }
    let opened: Vec<(Option<String>, Option<String>)> = engine
        .audit_log(50)
        .await
        .expect("audit")
        .into_iter()
        .rev()
        .filter(|r| r.event == AuditEvent::DraftOpened)
        .map(|r| (r.rep_username, r.detail))
        .collect();
    let line = |id: &str| (Some(DEMO_REP.to_owned()), Some(id.to_owned()));
    assert_eq!(opened, [line(&own), line(&theirs), line(&own)]);
}

/// `take_over_draft` opens the draft it names: on the rep's own draft it is an opening
/// like `open_draft`, and must leave the same audit line.
#[tokio::test]
async fn taking_over_ones_own_draft_is_an_audited_opening_too() {
    let dir = temp_dir("scope-own-take-over");
    let terminal = terminal(dir.path()).await;
    let engine = started(&terminal).await;
    sign_in(&engine, DEMO_REP).await;
    let own = saved_draft(&engine, "Mienne").await;
    let view = dispatch(&terminal, "take_over_draft", json!({ "id": own }))
        .await
        .expect("opens");
    assert_eq!(view["fields"]["first_name"], "Mienne");
    let opened: Vec<Option<String>> = engine
        .audit_log(50)
        .await
        .expect("audit")
        .into_iter()
        .filter(|r| {
            matches!(
                r.event,
                AuditEvent::DraftOpened | AuditEvent::DraftTakenOver
            )
        })
        .map(|r| r.detail)
        .collect();
    assert_eq!(
        opened.len(),
        1,
        "the read of applicant data is audited: {opened:?}"
    );
}
