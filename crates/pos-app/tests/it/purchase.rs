//! The rep completes a sale through the engine against the emulator over HTTP: a
//! just-approved applicant buys on plan 4 for 12 months, a returning customer is found
//! by card and by name, an account that cannot buy says why in one sentence, the PIN
//! comes by SMS (read from the Sandbox banner), a lost answer is recovered by "check
//! again" with one charge at Flexiti, and the receipt reprints from the journal.

use flexiti_sandbox::{Fault, FaultKind};
use pos_app::dto::*;
use pos_app::purchase_dto::*;
use pos_testkit::engine::signed_in;
use pos_testkit::temp_dir;

use crate::support::saved_draft;

const MITESTER_CARD: &str = "1070 0152 1036 7982";

fn text_of(receipt: &ReceiptView, label: &str) -> Option<String> {
    receipt.lines.iter().find_map(|line| match line {
        ReceiptLineView::Field {
            label: l,
            value: ReceiptValueView::Text(text),
        } if l == label => Some(text.clone()),
        _ => None,
    })
}

async fn quoted(engine: &pos_app::Engine, from: PurchaseStart, amount: &str) -> PurchaseView {
    let started = engine.start_purchase(from).await.expect("start");
    assert_eq!(started.stage, PurchaseStage::Amount);
    let view = engine
        .quote_purchase(started.id.clone(), amount.into())
        .await
        .expect("quote");
    assert_eq!(view.stage, PurchaseStage::Choose);
    view
}

#[tokio::test]
async fn a_just_approved_customer_buys_on_plan_4_for_12_months() {
    let dir = temp_dir("purchase-approved");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    let id = saved_draft(&engine, "Noémie").await;
    let decided = engine.submit_draft(&id).await.expect("submit");
    assert_eq!(decided.status, DraftStatus::Approved);

    let view = quoted(
        &engine,
        PurchaseStart::Approved { draft_id: id },
        "1 000,00",
    )
    .await;
    assert_eq!(view.customer_name, "N. Smith");
    assert_eq!(view.amount_cents, Some(100_000));
    let row = view
        .options
        .iter()
        .find(|o| o.id == "plan-4-12")
        .expect("plan 4 × 12 offered");
    assert_eq!(row.term_amount_cents, 8791);
    assert_eq!(row.texts.len(), 2, "both languages: {:?}", row.texts);
    assert_eq!(row.texts[0].lang, Lang::En);
    assert!(
        view.options[0].id == "regular",
        "the regular purchase first"
    );

    let view = engine
        .choose_option(view.id.clone(), "plan-4-12".into())
        .await
        .expect("choose");
    assert_eq!(view.stage, PurchaseStage::Verify);
    assert!(
        !view.bypass_allowed,
        "a plan always needs the customer's verification"
    );
    let bypass = engine
        .start_verification(view.id.clone(), VerifyMethod::Bypass)
        .await;
    assert_eq!(bypass.err().map(|e| e.code()), Some("bypass_not_allowed"));
    let asked = engine
        .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
        .await
        .expect("question");
    assert!(asked
        .verification
        .as_ref()
        .and_then(|v| v.question.clone())
        .is_some());
    let wrong = engine
        .answer_security_question(view.id.clone(), "Sunshine".into())
        .await;
    assert_eq!(
        wrong.err().map(|e| e.code()),
        Some("secret_answer_mismatch")
    );
    let verified = engine
        .answer_security_question(view.id.clone(), " rainbow ".into())
        .await
        .expect("answer");
    assert_eq!(verified.stage, PurchaseStage::Charge);
    assert!(verified.verification.as_ref().is_some_and(|v| v.verified));

    let done = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: None,
            hold: false,
        })
        .await
        .expect("charge");
    assert_eq!(done.stage, PurchaseStage::Done);
    assert!(done.authorization_id.is_some());
    assert_eq!(controls.stats().authorizations, 1);

    let reference = done.charge_reference.clone().expect("reference");
    let receipt = engine
        .purchase_receipt(reference.clone(), false)
        .await
        .expect("receipt");
    assert_eq!(receipt.languages, [Lang::En]);
    assert_eq!(
        text_of(&receipt, "receipt-payment").as_deref(),
        Some("$87.91")
    );
    assert_eq!(
        text_of(&receipt, "receipt-amount").as_deref(),
        Some("$1,000.00")
    );
    assert_eq!(
        text_of(&receipt, "receipt-authorization"),
        done.authorization_id.map(|id| id.to_string())
    );
    let both = engine
        .purchase_receipt(reference, true)
        .await
        .expect("both");
    assert_eq!(both.languages, [Lang::En, Lang::Fr]);
    assert!(both
        .lines
        .iter()
        .any(|l| matches!(l, ReceiptLineView::Message { lang: Lang::Fr, .. })));

    // A charged purchase is locked: no second charge from it.
    let again = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id,
            pin: None,
            hold: false,
        })
        .await;
    assert_eq!(again.err().map(|e| e.code()), Some("purchase_locked"));
    assert_eq!(controls.stats().authorizations, 1);
    let today = engine.todays_purchases().await.expect("today");
    assert_eq!(today.len(), 1);
    assert_eq!(
        (today[0].state.as_str(), today[0].kind.as_str()),
        ("done", "sale")
    );
    assert_eq!(today[0].amount_cents, 100_000);
    assert_eq!((today[0].plan_id, today[0].term), (Some(4), Some(12)));
}

#[tokio::test]
async fn a_returning_customer_is_found_by_card_and_by_name_and_pays_with_an_sms_pin() {
    let dir = temp_dir("purchase-returning");
    let engine = signed_in(dir.path()).await;

    let by_card = quoted(
        &engine,
        PurchaseStart::Card {
            number: MITESTER_CARD.into(),
        },
        "250",
    )
    .await;
    assert_eq!(by_card.card_ending_in, "7982");
    assert_eq!(by_card.customer_name, "F. MITester", "from the quote");
    let wrong_card = engine
        .start_purchase(PurchaseStart::Card {
            number: "1234".into(),
        })
        .await;
    assert_eq!(
        wrong_card.err().map(|e| e.code()),
        Some("card_number_invalid")
    );

    let matches = engine
        .search_customers(CustomerSearchInput {
            first_name: "john".into(),
            last_name: "SMITH".into(),
            dob: "1900-01-01".into(),
            postal_code: None,
        })
        .await
        .expect("search");
    assert_eq!(matches.len(), 2);
    let frozen = matches
        .iter()
        .find(|m| m.card_ending_in == "6457")
        .expect("F account");
    assert_eq!(frozen.blocked.as_deref(), Some("purchase-blocked-f"));
    let refused = engine
        .start_purchase(PurchaseStart::Match {
            match_id: frozen.match_id.clone(),
        })
        .await;
    assert_eq!(
        refused.err().map(|e| e.code()),
        Some("user_not_able_to_purchase")
    );
    let good = matches
        .iter()
        .find(|m| m.blocked.is_none())
        .expect("N account");
    assert_eq!(good.preferred_lang, Lang::Fr);
    let view = quoted(
        &engine,
        PurchaseStart::Match {
            match_id: good.match_id.clone(),
        },
        "100",
    )
    .await;
    assert_eq!(view.customer_lang, Lang::Fr);
    assert_eq!(
        view.options[0].texts[0].lang,
        Lang::Fr,
        "the customer's language first"
    );

    // SMS: the PIN is read out by the customer (here from the Sandbox banner).
    let chosen = engine
        .choose_option(view.id.clone(), "regular".into())
        .await
        .expect("choose");
    assert!(
        chosen.bypass_allowed,
        "a regular 100.00 was quoted as needing no PIN"
    );
    let sent = engine
        .start_verification(view.id.clone(), VerifyMethod::Sms)
        .await
        .expect("sms");
    assert!(sent.verification.as_ref().is_some_and(|v| v.awaiting_pin));
    assert_eq!(sent.sandbox_pins.len(), 1);
    let pin = sent.sandbox_pins[0].clone();
    let bad = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: Some("12".into()),
            hold: false,
        })
        .await;
    assert_eq!(bad.err().map(|e| e.code()), Some("pin_invalid"));
    let done = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: Some(pin),
            hold: false,
        })
        .await
        .expect("charge");
    assert_eq!(done.stage, PurchaseStage::Done);
    let receipt = engine
        .purchase_receipt(done.charge_reference.expect("reference"), false)
        .await
        .expect("receipt");
    assert_eq!(receipt.languages, [Lang::Fr]);
    assert_eq!(
        text_of(&receipt, "receipt-amount").as_deref(),
        Some("100,00\u{a0}$")
    );
}

#[tokio::test]
async fn a_lost_answer_is_recovered_by_check_again_with_one_charge() {
    let dir = temp_dir("purchase-unknown");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    let view = quoted(
        &engine,
        PurchaseStart::Card {
            number: MITESTER_CARD.into(),
        },
        "321.00",
    )
    .await;
    engine
        .choose_option(view.id.clone(), "plan-4-6".into())
        .await
        .expect("choose");
    engine
        .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
        .await
        .expect("question");
    engine
        .answer_security_question(view.id.clone(), "Rainbow".into())
        .await
        .expect("answer");
    controls
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .expect("fault");
    let unknown = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: None,
            hold: false,
        })
        .await
        .expect("an unknown outcome is an answer, not an error");
    assert_eq!(unknown.stage, PurchaseStage::OutcomeUnknown);
    assert_eq!(controls.stats().authorizations, 1, "Flexiti did charge");
    let locked = engine.quote_purchase(view.id.clone(), "10".into()).await;
    assert_eq!(locked.err().map(|e| e.code()), Some("purchase_locked"));
    let today = engine.todays_purchases().await.expect("today");
    assert_eq!(today[0].state, "outcome_unknown");

    let checked = engine
        .check_purchase_again(view.id.clone())
        .await
        .expect("check again");
    assert_eq!(checked.stage, PurchaseStage::Done);
    assert_eq!(checked.flag, None);
    assert_eq!(
        controls.stats().authorizations,
        1,
        "found, not charged again"
    );
    assert_eq!(
        controls.stats().requests.get("authorization").copied(),
        Some(1),
        "no second send: the list found it"
    );
    let receipt = engine
        .purchase_receipt(checked.charge_reference.expect("reference"), false)
        .await
        .expect("receipt");
    assert_eq!(
        text_of(&receipt, "receipt-amount").as_deref(),
        Some("$321.00")
    );
}

#[tokio::test]
async fn a_refused_charge_charges_nothing_and_the_purchase_goes_on() {
    let dir = temp_dir("purchase-refused");
    let engine = signed_in(dir.path()).await;
    // 123456789 has 659.51 available: plan 4 × 3 of 650.00 costs 660.84.
    let matches = engine
        .search_customers(CustomerSearchInput {
            first_name: "John".into(),
            last_name: "Smith".into(),
            dob: "1900-01-01".into(),
            postal_code: Some("M1M 1M1".into()),
        })
        .await
        .expect("search");
    assert_eq!(matches.len(), 1);
    let view = quoted(
        &engine,
        PurchaseStart::Match {
            match_id: matches[0].match_id.clone(),
        },
        "650",
    )
    .await;
    let row = view
        .options
        .iter()
        .find(|o| o.id == "plan-4-3")
        .expect("row");
    assert!(row.over_credit, "shown as over the available credit");
    assert!(!view.options[0].over_credit, "the regular purchase fits");
    engine
        .choose_option(view.id.clone(), "plan-4-3".into())
        .await
        .expect("choose");
    engine
        .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
        .await
        .expect("question");
    engine
        .answer_security_question(view.id.clone(), "Rainbow".into())
        .await
        .expect("answer");
    let refused = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: None,
            hold: false,
        })
        .await;
    assert_eq!(refused.err().map(|e| e.code()), Some("credit_exceeded"));
    // The PIN is kept: the regular purchase goes through on the same verification.
    engine
        .choose_option(view.id.clone(), "regular".into())
        .await
        .expect("choose again");
    let done = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: None,
            hold: false,
        })
        .await
        .expect("charge");
    assert_eq!(done.stage, PurchaseStage::Done);
    let states: Vec<String> = engine
        .todays_purchases()
        .await
        .expect("today")
        .into_iter()
        .map(|p| p.state)
        .collect();
    assert_eq!(states, ["refused", "done"]);
}

/// A done sale (or hold) of `amount` by MITester on `option`, verified by the security
/// question; its journal reference.
async fn sold(engine: &pos_app::Engine, amount: &str, option: &str, hold: bool) -> String {
    let view = quoted(
        engine,
        PurchaseStart::Card {
            number: MITESTER_CARD.into(),
        },
        amount,
    )
    .await;
    engine
        .choose_option(view.id.clone(), option.into())
        .await
        .expect("choose");
    engine
        .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
        .await
        .expect("question");
    engine
        .answer_security_question(view.id.clone(), "Rainbow".into())
        .await
        .expect("answer");
    let done = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id,
            pin: None,
            hold,
        })
        .await
        .expect("charge");
    assert_eq!(done.stage, PurchaseStage::Done);
    done.charge_reference.expect("reference")
}

fn after(reference: &str, amount: Option<&str>, passphrase: Option<&str>) -> AfterSaleInput {
    AfterSaleInput {
        reference: reference.into(),
        amount: amount.map(Into::into),
        passphrase: passphrase.map(Into::into),
        reason: None,
    }
}

#[tokio::test]
async fn after_the_sale_partial_capture_release_return_on_day_99_and_101_refund_and_the_report() {
    use std::time::Duration;
    const DAY: u64 = 24 * 60 * 60;
    let dir = temp_dir("purchase-after-sale");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");

    // A hold: capture part, release the rest.
    let hold = sold(&engine, "300.00", "plan-4-12", true).await;
    let captured = engine
        .capture_hold(after(&hold, Some("100"), None))
        .await
        .expect("capture");
    assert_eq!(
        (captured.kind.as_str(), captured.state.as_str()),
        ("capture", "done")
    );
    assert!(captured.capture_id.is_some());
    let too_much = engine
        .capture_hold(after(&hold, Some("200.01"), None))
        .await;
    assert_eq!(
        too_much.err().map(|e| e.code()),
        Some("operation_not_possible")
    );
    let released = engine
        .release_hold(after(&hold, None, None))
        .await
        .expect("release the rest");
    assert_eq!(released.amount_cents, 20_000);
    assert_eq!(released.approved_by.as_deref(), Some("sandbox"));
    let nothing_left = engine.release_hold(after(&hold, None, None)).await;
    assert_eq!(
        nothing_left.err().map(|e| e.code()),
        Some("operation_not_possible")
    );

    // A plan sale: a return on day 99, refused on day 101.
    let sale = sold(&engine, "500.00", "plan-4-6", false).await;
    let operations = engine
        .purchase_operations(sale.clone())
        .await
        .expect("operations");
    assert!(operations[0].return_until.is_some());
    controls.advance_clock(Duration::from_secs(99 * DAY));
    let returned = engine
        .return_purchase(after(&sale, Some("200"), None))
        .await
        .expect("return on day 99");
    assert_eq!(returned.state, "done");
    assert!(returned.return_id.is_some());
    let receipt = engine
        .purchase_receipt(returned.reference.clone(), false)
        .await
        .expect("return receipt");
    assert_eq!(
        text_of(&receipt, "receipt-amount").as_deref(),
        Some("$200.00")
    );
    assert_eq!(
        text_of(&receipt, "receipt-remaining").as_deref(),
        Some("$300.00")
    );
    controls.advance_clock(Duration::from_secs(2 * DAY));
    let late = engine
        .return_purchase(after(&sale, Some("100"), None))
        .await;
    assert_eq!(late.err().map(|e| e.code()), Some("return_date_exceeded"));
    // A plan purchase is returned, never refunded.
    let wrong = engine.refund_purchase(after(&sale, Some("10"), None)).await;
    assert_eq!(
        wrong.err().map(|e| e.code()),
        Some("operation_not_possible")
    );

    // A regular purchase is refunded.
    let regular = sold(&engine, "80.00", "regular", false).await;
    let refunded = engine
        .refund_purchase(after(&regular, Some("30"), None))
        .await
        .expect("refund");
    assert_eq!(refunded.state, "done");
    assert_eq!(controls.stats().refunds, 1);
    let no_return = engine.return_purchase(after(&regular, None, None)).await;
    assert_eq!(
        no_return.err().map(|e| e.code()),
        Some("operation_not_possible")
    );
}

#[tokio::test]
async fn the_days_report_totals_the_journal_and_matches_flexiti() {
    let dir = temp_dir("purchase-report");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    sold(&engine, "1000.00", "plan-4-12", false).await;
    sold(&engine, "40.00", "regular", false).await;
    sold(&engine, "60.00", "regular", false).await;
    let report = engine.day_report(None).await.expect("report");
    assert!(report.reconciled);
    assert_eq!(report.mismatches, [], "{:?}", report.mismatches);
    assert_eq!(report.net_cents, 110_000);
    let regular = report
        .lines
        .iter()
        .find(|l| l.kind == "sale" && l.option == "regular")
        .expect("regular line");
    assert_eq!((regular.count, regular.total_cents), (2, 10_000));
    let csv = engine.day_report_csv(None).await.expect("csv");
    assert!(
        csv.contains(",total,merchantonline,sale,plan-4-12,1,1000.00,"),
        "{csv}"
    );

    // A charge Flexiti recorded while this terminal learnt nothing is shown, not fixed.
    let view = quoted(
        &engine,
        PurchaseStart::Card {
            number: MITESTER_CARD.into(),
        },
        "25",
    )
    .await;
    engine
        .choose_option(view.id.clone(), "regular".into())
        .await
        .expect("choose");
    engine
        .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
        .await
        .expect("question");
    engine
        .answer_security_question(view.id.clone(), "Rainbow".into())
        .await
        .expect("answer");
    controls
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .expect("fault");
    let unknown = engine
        .charge_purchase(ChargeInput {
            purchase_id: view.id,
            pin: None,
            hold: false,
        })
        .await
        .expect("unknown");
    assert_eq!(unknown.stage, PurchaseStage::OutcomeUnknown);
    let report = engine.day_report(None).await.expect("report");
    let problems: Vec<&str> = report
        .mismatches
        .iter()
        .map(|m| m.problem.as_str())
        .collect();
    assert_eq!(problems, ["unknown_here"]);
    assert_eq!(
        report.net_cents, 110_000,
        "an unknown outcome is not counted"
    );
}

#[tokio::test]
async fn after_sale_needs_the_administrator_once_the_terminal_left_sandbox() {
    use pos_testkit::engine::{leave_sandbox, ADMIN_PASSPHRASE, DEMO_REP};
    let flexiti = flexiti_sandbox::Sandbox::start(Default::default())
        .await
        .expect("emulator");
    let dir = temp_dir("purchase-admin");
    let engine = signed_in(dir.path()).await;
    leave_sandbox(&engine, flexiti.base_url()).await;
    engine
        .sign_in(pos_testkit::engine::rep(
            DEMO_REP,
            flexiti_sandbox::REP_PASSWORD,
        ))
        .await
        .expect("sign in again");
    let sale = sold(&engine, "90.00", "regular", false).await;
    let none = engine.refund_purchase(after(&sale, Some("10"), None)).await;
    assert_eq!(none.err().map(|e| e.code()), Some("admin_required"));
    let wrong = engine
        .refund_purchase(after(&sale, Some("10"), Some("not the passphrase")))
        .await;
    assert_eq!(
        wrong.err().map(|e| e.code()),
        Some("admin_passphrase_wrong")
    );
    assert_eq!(flexiti.controls().stats().refunds, 0, "nothing sent");
    let done = engine
        .refund_purchase(after(&sale, Some("10"), Some(ADMIN_PASSPHRASE)))
        .await
        .expect("approved");
    assert_eq!(done.approved_by.as_deref(), Some("administrator"));
    assert_eq!(flexiti.controls().stats().refunds, 1);
    // A capture needs no approval, but there is no hold here.
    let capture = engine.capture_hold(after(&sale, None, None)).await;
    assert_eq!(
        capture.err().map(|e| e.code()),
        Some("operation_not_possible")
    );
}

#[tokio::test]
async fn a_charge_cut_off_by_a_stop_is_unknown_at_the_next_start_and_check_again_settles_it_once() {
    use std::time::Duration;

    use pos_testkit::engine::{leave_sandbox, open, rep, DEMO_REP};
    // An emulator of its own, so Flexiti outlives the app's restart.
    let flexiti = flexiti_sandbox::Sandbox::start(Default::default())
        .await
        .expect("emulator");
    let dir = temp_dir("purchase-restart");
    let reference = {
        let engine = signed_in(dir.path()).await;
        leave_sandbox(&engine, flexiti.base_url()).await;
        engine
            .sign_in(rep(DEMO_REP, flexiti_sandbox::REP_PASSWORD))
            .await
            .expect("sign in");
        let view = quoted(
            &engine,
            PurchaseStart::Card {
                number: MITESTER_CARD.into(),
            },
            "77.00",
        )
        .await;
        engine
            .choose_option(view.id.clone(), "regular".into())
            .await
            .expect("choose");
        engine
            .start_verification(view.id.clone(), VerifyMethod::SecurityQuestion)
            .await
            .expect("question");
        engine
            .answer_security_question(view.id.clone(), "Rainbow".into())
            .await
            .expect("answer");
        // The app stops while the charge is on its way: the row is still `submitting`.
        flexiti
            .controls()
            .add_fault(Fault::new(Some("authorization"), FaultKind::Delay { ms: 2_000 }).times(1))
            .expect("fault");
        let charge = engine.charge_purchase(ChargeInput {
            purchase_id: view.id.clone(),
            pin: None,
            hold: false,
        });
        assert!(
            tokio::time::timeout(Duration::from_millis(300), charge)
                .await
                .is_err(),
            "cut off before the answer"
        );
        let today = engine.todays_purchases().await.expect("today");
        assert_eq!(today[0].state, "submitting");
        today[0].purchase_id.clone()
    };

    let engine = open(dir.path()).await;
    engine
        .sign_in(rep(DEMO_REP, flexiti_sandbox::REP_PASSWORD))
        .await
        .expect("sign in after the restart");
    let today = engine.todays_purchases().await.expect("today");
    assert_eq!(
        today[0].state, "outcome_unknown",
        "unknown at the next start"
    );
    // Whatever Flexiti did with the cut-off send, check again ends with one charge.
    tokio::time::sleep(Duration::from_millis(2_200)).await;
    let settled = engine
        .check_operation_again(reference.clone())
        .await
        .expect("check again");
    assert_eq!(settled.state, "done");
    assert_eq!(flexiti.controls().stats().authorizations, 1);
    let again = engine
        .check_operation_again(reference.clone())
        .await
        .expect("a second check changes nothing");
    assert_eq!(again.state, "done");
    assert_eq!(flexiti.controls().stats().authorizations, 1);
    let receipt = engine
        .purchase_receipt(reference, false)
        .await
        .expect("a receipt after the restart");
    assert_eq!(
        text_of(&receipt, "receipt-amount").as_deref(),
        Some("$77.00")
    );
}

#[tokio::test]
async fn a_third_wrong_code_ends_the_verification_and_a_new_one_charges() {
    let dir = temp_dir("purchase-wrong-codes");
    let engine = signed_in(dir.path()).await;
    let controls = engine.sandbox_controls().await.expect("sandbox");
    let view = quoted(
        &engine,
        PurchaseStart::Card {
            number: MITESTER_CARD.into(),
        },
        "120",
    )
    .await;
    engine
        .choose_option(view.id.clone(), "plan-4-3".into())
        .await
        .expect("choose");
    let sent = engine
        .start_verification(view.id.clone(), VerifyMethod::Sms)
        .await
        .expect("sms");
    let pin = sent.sandbox_pins[0].clone();
    let wrong = if pin == "1111" { "2222" } else { "1111" };
    let charge = |pin: &str| ChargeInput {
        purchase_id: view.id.clone(),
        pin: Some(pin.into()),
        hold: false,
    };
    for attempt in 1..=3 {
        let refused = engine.charge_purchase(charge(wrong)).await;
        assert_eq!(
            refused.err().map(|e| e.code()),
            Some("wrong_verification_code"),
            "attempt {attempt}"
        );
    }
    let after = engine
        .choose_option(view.id.clone(), "plan-4-3".into())
        .await
        .expect("still open");
    assert_eq!(
        after.stage,
        PurchaseStage::Verify,
        "a new verification is needed"
    );
    assert!(after.verification.is_none());
    let right_but_dropped = engine.charge_purchase(charge(&pin)).await;
    assert_eq!(
        right_but_dropped.err().map(|e| e.code()),
        Some("purchase_step_missing")
    );
    let again = engine
        .start_verification(view.id.clone(), VerifyMethod::Sms)
        .await
        .expect("a new code");
    let new_pin = again.sandbox_pins[0].clone();
    let done = engine
        .charge_purchase(charge(&new_pin))
        .await
        .expect("charge");
    assert_eq!(done.stage, PurchaseStage::Done);
    assert_eq!(controls.stats().authorizations, 1);
}

#[tokio::test]
async fn each_account_that_cannot_buy_has_its_sentence_and_cannot_start() {
    let dir = temp_dir("purchase-statuses");
    let engine = signed_in(dir.path()).await;
    for (first, last, dob, sentence) in [
        ("Karen", "Lee", "1970-01-15", "purchase-blocked-a"),
        ("Tom", "Wilson", "1966-05-30", "purchase-blocked-f"),
        ("Nadia", "Haddad", "1988-12-01", "purchase-blocked-z"),
        ("Marc", "Lavoie", "1975-07-07", "purchase-blocked-c"),
        ("Emma", "Brown", "2001-03-03", "purchase-blocked-terms"),
    ] {
        let found = engine
            .search_customers(CustomerSearchInput {
                first_name: first.into(),
                last_name: last.into(),
                dob: dob.into(),
                postal_code: None,
            })
            .await
            .expect("search");
        assert_eq!(found.len(), 1, "{first}");
        assert_eq!(found[0].blocked.as_deref(), Some(sentence), "{first}");
        let refused = engine
            .start_purchase(PurchaseStart::Match {
                match_id: found[0].match_id.clone(),
            })
            .await;
        let code = refused.err().map(|e| e.code().to_owned());
        let expected = if first == "Emma" {
            "user_not_active"
        } else {
            "user_not_able_to_purchase"
        };
        assert_eq!(code.as_deref(), Some(expected), "{first}");
    }
}
