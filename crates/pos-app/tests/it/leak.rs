//! Nothing leaks, proved on a whole shift through the engine (every command the window
//! can call, the embedded sandbox over real HTTP, a real data directory, the app's own
//! logging at its most verbose allowed level):
//! - distinctive values planted in every applicant field appear in no file of the data
//!   directory (database, WAL, shared memory, journal, logs, key files), byte for byte,
//!   in UTF-8 or UTF-16, nor in digits-only form, during the shift and after it;
//! - no command's answer, as the webview would receive it (JSON, errors included), holds
//!   the client secret or any token the server issued.
//!
//! The app's logger is installed once per process, and other tests in this binary would
//! log into this shift's files: the shift runs alone in a child process of the binary.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use flexiti_sandbox::{Fault, FaultKind, CLIENT_SECRET, REP_PASSWORD};
use pos_app::dto::*;
use pos_app::purchase_dto::*;
use pos_app::AppResult;
use pos_testkit::engine::{demo_rep, open, valid_form};
use pos_testkit::valid_text;
use serde::Serialize;

/// The planted values, each distinctive enough that finding it anywhere means a leak.
const FIRST: &str = "Xanthippe";
const MIDDLE: &str = "Ottoline";
const LAST: &str = "Quellwasser";
const DOB: &str = "1971-07-23";
const EMAIL: &str = "xanthippe.q@zqx-example.com";
const PHONE: &str = "613 555 0187";
const ADDRESS_1: &str = "7713 Boulevard Quintessence";
const ADDRESS_2: &str = "Suite Zephyrus";
const CITY: &str = "Zeugmaville";
const POSTAL: &str = "K2K 3J9";
const HOUSING: &str = "1,789.37";
const EMPLOYER: &str = "Zygomatic Widgets";
const INCOME: &str = "98765";
const GOVID: &str = "Q7788-99001-12345";
const ANSWER: &str = "Marmalade Zeppelin";
const SIN: &str = "273 198 648";
const DOB_C: &str = "1968-02-29";
const DOB_D: &str = "1966-10-05";

/// Every planted value, and the forms it could take once normalised.
fn needles() -> Vec<String> {
    let mut needles: Vec<String> = [
        FIRST, MIDDLE, LAST, DOB, EMAIL, PHONE, ADDRESS_1, ADDRESS_2, CITY, POSTAL, HOUSING,
        EMPLOYER, INCOME, GOVID, ANSWER, SIN, DOB_C, DOB_D,
    ]
    .iter()
    .map(|s| (*s).to_owned())
    .collect();
    needles.extend(
        [
            "6135550187",
            "273198648",
            "K2K3J9",
            "1789.37",
            "Q77889900112345",
            "19710723",
        ]
        .map(str::to_owned),
    );
    needles.extend([FIRST, LAST, CITY].map(str::to_uppercase));
    needles
}

/// The shared valid application (pos-testkit) with every text field set here: planted
/// values where the text says who the applicant is, codes elsewhere; the checkboxes stay.
fn sentinel_fields() -> BTreeMap<String, FieldValue> {
    let planted = [
        ("salutation", "ms"),
        ("first_name", FIRST),
        ("middle_name", MIDDLE),
        ("last_name", LAST),
        ("dob", DOB),
        ("email", EMAIL),
        ("phone_number", PHONE),
        ("sin", SIN),
        ("address_1", ADDRESS_1),
        ("address_2", ADDRESS_2),
        ("city", CITY),
        ("province", "ON"),
        ("postal_code", POSTAL),
        ("housing_type", "Rent"),
        ("monthly_housing_payment", HOUSING),
        ("years_at_address", "3"),
        ("occupation", "FE"),
        ("employer_name", EMPLOYER),
        ("annual_income", INCOME),
        ("govid_type", "CADL"),
        ("govid_issuedby", "ON"),
        ("govid_number", GOVID),
        ("govid_expiry", valid_text("govid_expiry")),
        ("security_qid", "6"),
        ("security_answer", ANSWER),
        ("amount_requested", "2500"),
    ];
    let mut fields = valid_form();
    for (name, value) in planted {
        let old = fields.insert(name.to_owned(), FieldValue::Text(value.to_owned()));
        assert!(old.is_some(), "{name} is a field of the form");
    }
    // A text field added to the shared application must be set above, or it would go
    // unscanned.
    let kept: Vec<&str> = fields
        .keys()
        .map(String::as_str)
        .filter(|name| !planted.iter().any(|(planted, _)| planted == name))
        .collect();
    assert_eq!(
        kept,
        ["insurance", "qcpa_disclosure", "tos_agreement"],
        "only the checkboxes keep their shared values"
    );
    fields
}

/// A driver's licence barcode (AAMVA, as on the back of an Ontario licence) for the
/// planted applicant.
fn sentinel_licence() -> String {
    format!(
        "@\n\u{1e}\rANSI\n604428040101 DL00310219DLDCA\nDCBNONE\nDCDNONE\nDBA20310515\n\
         DCS{}\nDAC{}\nDAD{}\nDBD20210516\nDBB19710723\nDBCZ\nDAYBLU\nDAU163 cm\n\
         DAG{}\nDAI{}\nDAJON\nDAKK2K 3J9\nDAQQ77889900112345\nDCFPEJK368N4\nDCGCAN\r",
        LAST.to_uppercase(),
        FIRST.to_uppercase(),
        MIDDLE.to_uppercase(),
        ADDRESS_1.to_uppercase(),
        CITY.to_uppercase(),
    )
}

/// Every answer a command gave, as JSON, as Tauri would hand it to the webview.
#[derive(Default)]
struct Transcript(Vec<String>);

impl Transcript {
    fn record<T: Serialize>(&mut self, command: &str, result: AppResult<T>) -> Option<T> {
        let json = match &result {
            Ok(value) => serde_json::to_string(value),
            Err(error) => serde_json::to_string(&error.to_command_error()),
        }
        .expect("serialisable");
        self.0.push(format!("{command}: {json}"));
        result.ok()
    }
}

/// (file, needle, encoding) for every occurrence of every needle under `dir`.
fn scan(dir: &Path, needles: &[String]) -> Vec<(String, String, &'static str)> {
    let mut found = Vec::new();
    let mut files = 0;
    walk(dir, &mut |path| {
        // A journal can come and go while the app runs; what is gone holds nothing.
        let Ok(bytes) = std::fs::read(path) else {
            return;
        };
        files += 1;
        for needle in needles {
            let utf16: Vec<u8> = needle.encode_utf16().flat_map(u16::to_le_bytes).collect();
            for (form, encoding) in [(needle.as_bytes().to_vec(), "utf-8"), (utf16, "utf-16le")] {
                if bytes.windows(form.len()).any(|w| w == form.as_slice()) {
                    found.push((path.display().to_string(), needle.clone(), encoding));
                }
            }
        }
    });
    assert!(files >= 3, "the scan saw the files: {files}");
    found
}

/// Writes every file of the zip at `zip` under `into`.
fn unzip_into(zip: &Path, into: &Path) {
    let mut archive =
        zip::ZipArchive::new(std::fs::File::open(zip).expect("the bundle")).expect("a zip");
    for i in 0..archive.len() {
        let mut entry = archive.by_index(i).expect("entry");
        let Some(name) = entry.enclosed_name() else {
            panic!("an entry outside the bundle: {}", entry.name());
        };
        let path = into.join(name);
        if entry.is_dir() {
            std::fs::create_dir_all(&path).expect("dir");
            continue;
        }
        std::fs::create_dir_all(path.parent().expect("parent")).expect("dir");
        let mut out = std::fs::File::create(&path).expect("file");
        std::io::copy(&mut entry, &mut out).expect("unzip");
    }
}

fn walk(dir: &Path, visit: &mut dyn FnMut(&Path)) {
    for entry in std::fs::read_dir(dir).expect("read dir").flatten() {
        let path = entry.path();
        if path.is_dir() {
            walk(&path, visit);
        } else {
            visit(&path);
        }
    }
}

/// Set in the child process that runs the shift.
const IN_CHILD: &str = "POS_APP_LEAK_TEST_CHILD";

#[test]
fn a_whole_shift_leaves_no_applicant_value_in_any_file_and_no_secret_in_any_answer() {
    if std::env::var_os(IN_CHILD).is_some() {
        return tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .enable_all()
            .build()
            .expect("runtime")
            .block_on(whole_shift());
    }
    // The test's name as the harness knows it: its path without the crate's name.
    let path = concat!(
        module_path!(),
        "::a_whole_shift_leaves_no_applicant_value_in_any_file_and_no_secret_in_any_answer"
    );
    let name = path.split_once("::").map_or(path, |(_, name)| name);
    let child = Command::new(std::env::current_exe().expect("this test binary"))
        .args([name, "--exact", "--nocapture", "--test-threads=1"])
        .env(IN_CHILD, "1")
        .output()
        .expect("the test binary runs again");
    let stdout = String::from_utf8_lossy(&child.stdout);
    print!("{stdout}");
    eprint!("{}", String::from_utf8_lossy(&child.stderr));
    assert!(child.status.success(), "the shift failed: {}", child.status);
    assert!(
        stdout.contains("test result: ok. 1 passed"),
        "the child ran the shift"
    );
}

async fn whole_shift() {
    let dir = pos_testkit::temp_dir("leak");
    let data = dir.path().to_path_buf();
    assert!(
        pos_app::logging::init(
            &data,
            Some("info,pos_app=trace,pos_store=trace,flexiti_api=trace,flexiti_sandbox=trace")
        ),
        "the app's log file is installed"
    );
    let engine = open(&data).await;
    let controls = engine.sandbox_controls().await.expect("sandbox mode");
    let mut t = Transcript::default();
    let rep = demo_rep;

    t.record("app_status", Ok(engine.status().await));
    t.record("sign_in", engine.sign_in(rep("wrong")).await);
    t.record("sign_in", engine.sign_in(rep(REP_PASSWORD)).await);
    t.record("form_data", engine.form_data(Lang::En).await);
    t.record("set_language", engine.set_language(Lang::Fr).await);
    t.record("form_data", engine.form_data(Lang::Fr).await);
    let settings = t
        .record("get_settings", engine.get_settings().await)
        .expect("settings");
    let input = SettingsInput {
        environment: settings.environment,
        custom_url: settings.custom_url.clone(),
        client_id: settings.client_id.clone(),
        client_secret: None,
        store_id: settings.store_id.clone(),
        terminal_id: settings.terminal_id.clone(),
        idle_lock_minutes: settings.idle_lock_minutes,
        retention_days: settings.retention_days,
        store_province: None,
        store_lang: pos_app::dto::Lang::En,
        new_admin_passphrase: Some("counter admin passphrase".into()),
        kiosk: false,
    };
    t.record(
        "test_connection",
        engine.test_connection(input.clone()).await,
    );
    t.record("terms", engine.terms("ON", Lang::Fr).await);
    let prefill = t
        .record(
            "decode_licence",
            engine.decode_licence(&sentinel_licence()).await,
        )
        .expect("the licence decodes");
    assert_eq!(
        prefill.fields.get("last_name").map(|v| v.expose().as_str()),
        Some(LAST.to_uppercase().as_str())
    );

    // A: saved as the rep types, then submitted and approved.
    let a = t
        .record("new_draft", engine.new_draft().await)
        .expect("draft");
    let mut fields = sentinel_fields();
    fields.insert("city".into(), FieldValue::Text(CITY[..6].to_owned()));
    for fields in [fields, sentinel_fields()] {
        t.record(
            "save_draft",
            engine
                .save_draft(SaveDraftInput {
                    id: a.id.clone(),
                    applicant_lang: Lang::Fr,
                    fields,
                    tos_version: Some("2024-01".into()),
                    tos_lang: Some(Lang::En),
                })
                .await,
        );
    }
    t.record("lock", engine.lock().await);
    t.record("open_draft", engine.open_draft(&a.id).await);
    t.record("unlock", engine.unlock(rep(REP_PASSWORD)).await);
    t.record("list_drafts", engine.list_drafts().await);
    let decided = t
        .record("submit_draft", engine.submit_draft(&a.id).await)
        .expect("submitted");
    assert_eq!(decided.status, DraftStatus::Approved);

    // A buys: on a plan, verified by the security answer, its answer lost then found by
    // check again; then a second purchase by card with an SMS PIN, and its receipt.
    let account = controls
        .accounts()
        .into_iter()
        .find(|a| a.last_name == LAST)
        .expect("the approval opened an account");
    let purchase = t
        .record(
            "start_purchase",
            engine
                .start_purchase(PurchaseStart::Approved {
                    draft_id: a.id.clone(),
                })
                .await,
        )
        .expect("purchase");
    t.record(
        "quote_purchase",
        engine
            .quote_purchase(purchase.id.clone(), "1234.56".into())
            .await,
    );
    t.record(
        "choose_option",
        engine
            .choose_option(purchase.id.clone(), "plan-4-12".into())
            .await,
    );
    t.record(
        "start_verification",
        engine
            .start_verification(purchase.id.clone(), VerifyMethod::SecurityQuestion)
            .await,
    );
    t.record(
        "answer_security_question",
        engine
            .answer_security_question(purchase.id.clone(), ANSWER.into())
            .await,
    );
    controls
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .expect("fault");
    let lost = t
        .record(
            "charge_purchase",
            engine
                .charge_purchase(ChargeInput {
                    purchase_id: purchase.id.clone(),
                    pin: None,
                    hold: false,
                })
                .await,
        )
        .expect("sent");
    assert_eq!(lost.stage, PurchaseStage::OutcomeUnknown);
    let found = t
        .record(
            "check_purchase_again",
            engine.check_purchase_again(purchase.id.clone()).await,
        )
        .expect("found");
    assert_eq!(found.stage, PurchaseStage::Done);
    let by_card = t
        .record(
            "start_purchase",
            engine
                .start_purchase(PurchaseStart::Card {
                    number: account.card_number.clone(),
                })
                .await,
        )
        .expect("by card");
    t.record(
        "quote_purchase",
        engine.quote_purchase(by_card.id.clone(), "45".into()).await,
    );
    t.record(
        "choose_option",
        engine
            .choose_option(by_card.id.clone(), "regular".into())
            .await,
    );
    let sent = t
        .record(
            "start_verification",
            engine
                .start_verification(by_card.id.clone(), VerifyMethod::Sms)
                .await,
        )
        .expect("sms");
    let pin = controls.pins(account.account_number)[0].pin.clone();
    assert_eq!(
        sent.sandbox_pins,
        std::slice::from_ref(&pin),
        "the Sandbox banner shows it"
    );
    let charged = t
        .record(
            "charge_purchase",
            engine
                .charge_purchase(ChargeInput {
                    purchase_id: by_card.id.clone(),
                    pin: Some(pin.clone()),
                    hold: false,
                })
                .await,
        )
        .expect("charged");
    t.record(
        "purchase_receipt",
        engine
            .purchase_receipt(charged.charge_reference.clone().expect("reference"), true)
            .await,
    );
    t.record("todays_purchases", engine.todays_purchases().await);
    t.record("day_report", engine.day_report(None).await);
    t.record(
        "search_customers",
        engine
            .search_customers(CustomerSearchInput {
                first_name: FIRST.into(),
                last_name: LAST.into(),
                dob: DOB.into(),
                postal_code: None,
            })
            .await,
    );
    let account_number = account.account_number.to_string();
    let card_number = account.card_number.clone();

    // B: left being edited. C: the answer is lost, check again brings the approval.
    // D: the answer is lost, the rep cancels, then discards it. C and D are other
    // applicants (no SIN, their own birth dates), so Flexiti sees no duplicate.
    for (id, dob) in [("b", DOB), ("c", DOB_C), ("d", DOB_D)] {
        let draft = t
            .record("new_draft", engine.new_draft().await)
            .expect("draft");
        let mut fields = sentinel_fields();
        if id != "b" {
            fields.remove("sin");
            fields.insert("dob".into(), FieldValue::Text(dob.to_owned()));
        }
        t.record(
            "save_draft",
            engine
                .save_draft(SaveDraftInput {
                    id: draft.id.clone(),
                    applicant_lang: Lang::En,
                    fields,
                    tos_version: Some("2024-01".into()),
                    tos_lang: Some(Lang::En),
                })
                .await,
        );
        if id == "b" {
            continue;
        }
        controls
            .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
            .expect("fault");
        let lost = t
            .record("submit_draft", engine.submit_draft(&draft.id).await)
            .expect("submitted");
        assert_eq!(lost.status, DraftStatus::OutcomeUnknown, "{id}");
        controls.clear_faults();
        if id == "c" {
            let again = t
                .record("check_again", engine.check_again(&draft.id).await)
                .expect("checked");
            assert_eq!(again.status, DraftStatus::Approved);
        } else {
            let cancelled = t
                .record(
                    "cancel_submission",
                    engine.cancel_submission(&draft.id).await,
                )
                .expect("cancelled");
            assert_eq!(cancelled.status, DraftStatus::Cancelled);
        }
        t.record("open_draft", engine.open_draft(&draft.id).await);
        t.record("discard_draft", engine.discard_draft(&draft.id).await);
    }
    t.record("save_settings", engine.save_settings(input).await);
    t.record("sign_in", engine.sign_in(rep(REP_PASSWORD)).await);
    t.record("list_drafts", engine.list_drafts().await);

    // While the app runs: the database and its WAL hold the drafts, sealed.
    let mut needles = needles();
    // Nor the purchases' account number, whole card or PIN (the journal is sealed).
    needles.extend([
        account_number.clone(),
        card_number.clone(),
        format!("\"{pin}\""),
        format!("verification_code\":{pin}"),
    ]);
    assert_eq!(scan(&data, &needles), vec![], "during the shift");

    // The retention period passes.
    let later = chrono::Utc::now() + chrono::Duration::days(8);
    let report = engine.purge_expired_as_of(later).await.expect("purge");
    assert!(report.purged >= 2, "{report:?}");
    t.record("sign_out", engine.sign_out().await);
    t.record("app_status", Ok(engine.status().await));
    // Support asks for a bundle at the end of the shift.
    let bundle = t
        .record("support_bundle", engine.support_bundle().await)
        .expect("the support bundle");
    drop(engine);
    assert_eq!(scan(&data, &needles), vec![], "after the shift");

    // The bundle, unzipped: no planted value, and no secret, token or passphrase.
    let mut forbidden = needles.clone();
    forbidden.push(CLIENT_SECRET.to_owned());
    forbidden.push("counter admin passphrase".to_owned());
    forbidden.extend(controls.issued_tokens());
    let unzipped = dir.path().join("bundle-unzipped");
    unzip_into(std::path::Path::new(&bundle.path), &unzipped);
    assert!(
        unzipped.join("audit.log").is_file() && unzipped.join("logs").is_dir(),
        "the bundle was unzipped"
    );
    assert_eq!(scan(&unzipped, &forbidden), vec![], "in the support bundle");

    // The log was written (so the scan above covered it).
    let mut log_lines = 0;
    walk(&pos_app::logging::log_dir(&data), &mut |path| {
        log_lines += std::fs::read_to_string(path).expect("log").lines().count();
    });
    assert!(log_lines > 10, "the log holds the shift: {log_lines} lines");

    // The answers: applicant data, as the screen needs it, but never a credential.
    let transcript = t.0.join("\n");
    assert!(
        transcript.contains(LAST),
        "the transcript is the real answers"
    );
    // An account number or a whole card number never reaches the screen.
    for number in [&account_number, &card_number] {
        assert!(
            !transcript.contains(number.as_str()),
            "{number} in an answer"
        );
    }
    let tokens = controls.issued_tokens();
    assert!(
        tokens.len() >= 2,
        "the sandbox issued tokens: {}",
        tokens.len()
    );
    assert!(
        !transcript.contains(CLIENT_SECRET),
        "a command returned the client secret"
    );
    for token in &tokens {
        assert!(
            !transcript.contains(token.as_str()),
            "a command returned a token"
        );
    }
    for line in &t.0 {
        let lower = line.to_lowercase();
        for field in [
            "\"access_token\"",
            "\"refresh_token\"",
            "\"client_secret\"",
            "\"password\"",
        ] {
            assert!(!lower.contains(field), "{field} in an answer: {line}");
        }
    }
}
