//! `POST v2.5 account/{n}/verify` over real HTTP, as purchase.md decides it: each format's
//! answer, the PIN kept by the emulator (bound to account and `request_id`, re-sent on a
//! retry), the errors in their order (each with the case that passes), the security
//! answer's comparison and its 48 h lock, an authorized user's own question, the bypass's
//! 24 h limit, the override setting, customer tokens and the version.

use std::time::Duration;

use flexiti_sandbox::{PinState, VerifyFormat, API_PREFIX_V251};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{params, regular, request_id, sale, start, World};

const MITESTER: u64 = 116994755;
const COTE: u64 = 20035156;
const USER_CARD: &str = "1234567890101213";

fn question(request_id: &str, qid: u32, answer: &str) -> Value {
    json!({
        "format": "security_question",
        "request_id": request_id,
        "security_qid": qid,
        "security_answer": answer,
    })
}

fn format(format: &str, request_id: &str) -> Value {
    json!({ "format": format, "request_id": request_id })
}

/// `(status, error)` of a verify call.
async fn refused(w: &World, token: &str, account: u64, body: &Value) -> (StatusCode, Value) {
    let (status, body) = w.verify(token, account, body).await;
    (status, body["error"].clone())
}

/// The PIN of a verify answer that carries one: a number of 4 digits (1000-9999).
fn pin_of(body: &Value) -> String {
    let pin = body["verification_code"]
        .as_u64()
        .unwrap_or_else(|| panic!("a PIN number in {body}"));
    assert!((1000..=9999).contains(&pin), "{body}");
    pin.to_string()
}

async fn ok(w: &World, token: &str, account: u64, body: &Value) -> Value {
    let (status, answer) = w.verify(token, account, body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

#[tokio::test]
async fn sms_and_email_ask_the_customer_and_the_pin_stays_with_the_emulator() {
    let w = start().await;
    let token = w.token().await;
    let sms_id = request_id();
    let body = ok(&w, &token, MITESTER, &format("sms", &sms_id)).await;
    assert_eq!(
        body,
        json!({ "verification_code": "verification_sent_to_sms" })
    );
    let pins = w.sandbox.controls().pins(MITESTER);
    assert_eq!(pins.len(), 1);
    assert_eq!(pins[0].request_id, sms_id);
    assert_eq!(pins[0].format, VerifyFormat::Sms);
    assert_eq!(pins[0].state, PinState::Live);
    let sent_to = pins[0].sent_to.clone().unwrap();
    assert!(sent_to.ends_with("0101") && !sent_to.contains("4165550101"));
    let pin: u32 = pins[0].pin.parse().unwrap();
    assert!((1000..=9999).contains(&pin));
    // Valid 10 minutes.
    let at = |t: &str| chrono::DateTime::parse_from_rfc3339(t).unwrap();
    assert_eq!(
        at(&pins[0].expires_at) - at(&pins[0].issued_at),
        chrono::Duration::minutes(10)
    );

    let body = ok(&w, &token, MITESTER, &format("email", &request_id())).await;
    assert_eq!(
        body,
        json!({ "verification_code": "verification_sent_to_email" })
    );
    let pins = w.sandbox.controls().pins(MITESTER);
    assert_eq!(pins.len(), 2);
    assert_eq!(pins[0].format, VerifyFormat::Email);
    let sent_to = pins[0].sent_to.clone().unwrap();
    assert!(sent_to.ends_with("@example.com") && !sent_to.contains("mitester"));
}

#[tokio::test]
async fn the_security_question_and_the_bypass_answer_the_pin() {
    let w = start().await;
    let token = w.token().await;
    let body = ok(&w, &token, MITESTER, &question(&request_id(), 6, "Rainbow")).await;
    assert_eq!(pin_of(&body), w.latest_pin(MITESTER));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[0].format,
        VerifyFormat::SecurityQuestion
    );
    let body = ok(
        &w,
        &token,
        MITESTER,
        &format("regular_purchase_bypass", &request_id()),
    )
    .await;
    assert_eq!(pin_of(&body), w.latest_pin(MITESTER));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[0].format,
        VerifyFormat::RegularPurchaseBypass
    );
    // Unknown format: wrong_inputs.
    let (status, body) = w
        .verify(&token, MITESTER, &format("voice", &request_id()))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["format"]);
}

#[tokio::test]
async fn merchant_override_follows_the_setting() {
    let w = start().await;
    let token = w.token().await;
    assert!(!w.sandbox.controls().settings().merchant_override);
    let body = format("merchant_override", &request_id());
    assert_eq!(
        refused(&w, &token, MITESTER, &body).await,
        (
            StatusCode::CONFLICT,
            json!("merchant_override_is_not_allowed")
        )
    );
    assert!(w.sandbox.controls().pins(MITESTER).is_empty());
    w.sandbox.controls().set_merchant_override(true);
    let answer = ok(&w, &token, MITESTER, &body).await;
    assert_eq!(pin_of(&answer), w.latest_pin(MITESTER));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[0].format,
        VerifyFormat::MerchantOverride
    );
}

#[tokio::test]
async fn unknown_accounts_are_not_found_first() {
    let w = start().await;
    let token = w.token().await;
    let body = format("sms", &request_id());
    for account in [99999999, 12345678901234, 123456789012345] {
        assert_eq!(
            refused(&w, &token, account, &body).await,
            (StatusCode::NOT_FOUND, json!("not_found")),
            "{account}"
        );
    }
    // Before the card check.
    let foreign = json!({ "format": "sms", "request_id": request_id(),
                          "vcc_number": "1070015212345941" });
    assert_eq!(refused(&w, &token, 99999999, &foreign).await.1, "not_found");
    ok(&w, &token, MITESTER, &body).await;
}

#[tokio::test]
async fn a_card_of_another_account_is_a_mismatch_before_the_status() {
    let w = start().await;
    let token = w.token().await;
    let with_card =
        |card: &str| json!({ "format": "sms", "request_id": request_id(), "vcc_number": card });
    // 123456789's card on 116994755.
    assert_eq!(
        refused(&w, &token, MITESTER, &with_card("1070015212345941")).await,
        (StatusCode::CONFLICT, json!("vcc_account_mismatch"))
    );
    // Before user_not_active (300000009) and user_not_able_to_purchase (300000005).
    for account in [300000009, 300000005] {
        assert_eq!(
            refused(&w, &token, account, &with_card("1070015210367982"))
                .await
                .1,
            "vcc_account_mismatch"
        );
    }
    // The account's own card, and an authorized user's on the business account, pass.
    ok(&w, &token, MITESTER, &with_card("1070015210367982")).await;
    ok(&w, &token, COTE, &with_card(USER_CARD)).await;
}

#[tokio::test]
async fn terms_not_accepted_is_user_not_active() {
    let w = start().await;
    let token = w.token().await;
    assert_eq!(
        refused(&w, &token, 300000009, &format("sms", &request_id())).await,
        (StatusCode::CONFLICT, json!("user_not_active"))
    );
    // Before wrong_inputs: a security_qid not on file.
    assert_eq!(
        refused(&w, &token, 300000009, &question(&request_id(), 1, "x"))
            .await
            .1,
        "user_not_active"
    );
    assert!(w.sandbox.controls().pins(300000009).is_empty());
}

#[tokio::test]
async fn accounts_not_in_good_standing_cannot_verify() {
    let w = start().await;
    let token = w.token().await;
    // A, F, Z, C and the F business account.
    for account in [300000005, 300000006, 300000007, 300000008, 234567890] {
        assert_eq!(
            refused(&w, &token, account, &format("email", &request_id())).await,
            (StatusCode::CONFLICT, json!("user_not_able_to_purchase")),
            "{account}"
        );
        // Before wrong_inputs (a security_qid not on file).
        assert_eq!(
            refused(&w, &token, account, &question(&request_id(), 1, "x"))
                .await
                .1,
            "user_not_able_to_purchase",
            "{account}"
        );
        assert!(w.sandbox.controls().pins(account).is_empty());
    }
    // N accounts verify.
    for account in [300000001, 300000002, 300000003] {
        ok(&w, &token, account, &format("email", &request_id())).await;
    }
}

#[tokio::test]
async fn wrong_inputs_every_missing_field_a_reused_request_id_and_a_question_not_on_file() {
    let w = start().await;
    let token = w.token().await;
    // Every missing field at once.
    let (status, body) = w.verify(&token, MITESTER, &json!({})).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut missing = params(&body);
    missing.sort();
    assert_eq!(missing, ["format", "request_id"]);
    // The security question needs its id and answer.
    let (_, body) = w
        .verify(
            &token,
            MITESTER,
            &format("security_question", &request_id()),
        )
        .await;
    let mut missing = params(&body);
    missing.sort();
    assert_eq!(missing, ["security_answer", "security_qid"]);

    // A request_id used with another format.
    let used = request_id();
    ok(&w, &token, MITESTER, &format("sms", &used)).await;
    let (status, body) = w.verify(&token, MITESTER, &format("email", &used)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["request_id"]);
    // The same format is a retry; the same request_id on another account is another one.
    ok(&w, &token, MITESTER, &format("sms", &used)).await;
    ok(&w, &token, 300000001, &format("email", &used)).await;

    // A security_qid not on file (116994755 has 6), even with the right answer.
    let (status, body) = w
        .verify(&token, MITESTER, &question(&request_id(), 7, "Rainbow"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["security_qid"]);
    // Checked before the answer: no wrong answer counted.
    for _ in 0..3 {
        let (_, body) = w
            .verify(&token, MITESTER, &question(&request_id(), 7, "wrong"))
            .await;
        assert_eq!(params(&body), ["security_qid"]);
    }
    ok(&w, &token, MITESTER, &question(&request_id(), 6, "Rainbow")).await;
    // Both at once: every bad field in one wrong_inputs.
    let used = request_id();
    ok(&w, &token, MITESTER, &format("sms", &used)).await;
    let (status, body) = w
        .verify(&token, MITESTER, &question(&used, 7, "Rainbow"))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut both = params(&body);
    both.sort();
    assert_eq!(both, ["request_id", "security_qid"]);

    // wrong_inputs comes before sms_not_valid_phone.
    let used = request_id();
    ok(&w, &token, 300000004, &format("email", &used)).await;
    let (status, body) = w.verify(&token, 300000004, &format("sms", &used)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["request_id"]);
}

#[tokio::test]
async fn sms_without_a_mobile_is_a_400() {
    let w = start().await;
    let token = w.token().await;
    assert_eq!(
        refused(&w, &token, 300000004, &format("sms", &request_id())).await,
        (StatusCode::BAD_REQUEST, json!("sms_not_valid_phone"))
    );
    assert!(w.sandbox.controls().pins(300000004).is_empty());
    // Email and the question still work.
    ok(&w, &token, 300000004, &format("email", &request_id())).await;
    ok(
        &w,
        &token,
        300000004,
        &question(&request_id(), 6, "Rainbow"),
    )
    .await;
    // A mobile on file: sms works.
    ok(&w, &token, 300000003, &format("sms", &request_id())).await;
}

#[tokio::test]
async fn three_wrong_answers_lock_the_question_for_48_hours() {
    let w = start().await;
    let token = w.token().await;
    for _ in 0..3 {
        assert_eq!(
            refused(&w, &token, MITESTER, &question(&request_id(), 6, "Snow")).await,
            (StatusCode::CONFLICT, json!("secret_answer_mismatch"))
        );
    }
    // Checked before the answer: the right one is refused too.
    assert_eq!(
        refused(&w, &token, MITESTER, &question(&request_id(), 6, "Rainbow")).await,
        (StatusCode::CONFLICT, json!("tries_exceed"))
    );
    assert!(w.sandbox.controls().pins(MITESTER).is_empty());
    // Other formats still verify.
    ok(&w, &token, MITESTER, &format("sms", &request_id())).await;
    // Still locked just before 48 h; free after.
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(47 * 3600));
    assert_eq!(
        refused(&w, &token, MITESTER, &question(&request_id(), 6, "Rainbow"))
            .await
            .1,
        "tries_exceed"
    );
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(3600 + 1));
    let body = ok(&w, &token, MITESTER, &question(&request_id(), 6, "Rainbow")).await;
    assert_eq!(pin_of(&body), w.latest_pin(MITESTER));

    // Two wrong answers do not lock (another account, its own count).
    for _ in 0..2 {
        assert_eq!(
            refused(&w, &token, 300000003, &question(&request_id(), 9, "Paris"))
                .await
                .1,
            "secret_answer_mismatch"
        );
    }
    ok(
        &w,
        &token,
        300000003,
        &question(&request_id(), 9, "Casablanca"),
    )
    .await;
}

#[tokio::test]
async fn answers_compare_trimmed_without_case_or_accents() {
    let w = start().await;
    let token = w.token().await;
    ok(
        &w,
        &token,
        MITESTER,
        &question(&request_id(), 6, "  rAÏNBÔW \t"),
    )
    .await;
    ok(
        &w,
        &token,
        300000001,
        &question(&request_id(), 7, "RUE PRINCIPALE"),
    )
    .await;
    ok(
        &w,
        &token,
        300000001,
        &question(&request_id(), 7, " rue principalé "),
    )
    .await;
    ok(&w, &token, COTE, &question(&request_id(), 8, "mme roy")).await;
    // Anything more is another answer.
    for wrong in ["Rainbows", "Rain bow", "Rainbow."] {
        assert_eq!(
            refused(&w, &token, 300000003, &question(&request_id(), 9, wrong))
                .await
                .1,
            "secret_answer_mismatch",
            "{wrong}"
        );
        w.sandbox
            .controls()
            .advance_clock(Duration::from_secs(49 * 3600));
    }
    assert_eq!(
        refused(
            &w,
            &token,
            MITESTER,
            &question(&request_id(), 6, "Rainbows")
        )
        .await
        .1,
        "secret_answer_mismatch"
    );
}

#[tokio::test]
async fn a_retry_with_the_same_request_id_resends_the_same_pin() {
    let w = start().await;
    let token = w.token().await;
    let sms = request_id();
    ok(&w, &token, MITESTER, &format("sms", &sms)).await;
    let first = w.latest_pin(MITESTER);
    ok(&w, &token, MITESTER, &format("sms", &sms)).await;
    let pins = w.sandbox.controls().pins(MITESTER);
    assert_eq!(pins.len(), 1, "{pins:?}");
    assert_eq!(pins[0].pin, first);

    let asked = request_id();
    let one = pin_of(&ok(&w, &token, MITESTER, &question(&asked, 6, "Rainbow")).await);
    let two = pin_of(&ok(&w, &token, MITESTER, &question(&asked, 6, "rainbow")).await);
    assert_eq!(one, two);
    assert_eq!(w.sandbox.controls().pins(MITESTER).len(), 2);
    // A new request_id is a new verification with its own PIN record.
    ok(&w, &token, MITESTER, &format("sms", &request_id())).await;
    let pins = w.sandbox.controls().pins(MITESTER);
    assert_eq!(pins.len(), 3);
    assert!(pins.iter().all(|p| p.state == PinState::Live));
}

#[tokio::test]
async fn an_authorized_user_answers_their_own_question() {
    let w = start().await;
    let token = w.token().await;
    let user = |qid: u32, answer: &str| {
        let mut body = question(&request_id(), qid, answer);
        body["vcc_number"] = json!(USER_CARD);
        body
    };
    let body = ok(&w, &token, COTE, &user(4, "Max")).await;
    assert_eq!(pin_of(&body), w.latest_pin(COTE));
    // Not the holder's question, nor the holder's answer.
    let (status, body) = w.verify(&token, COTE, &user(8, "Mme Roy")).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["security_qid"]);
    // Without the card, the holder answers theirs.
    ok(&w, &token, COTE, &question(&request_id(), 8, "Mme Roy")).await;
    let (_, body) = w
        .verify(&token, COTE, &question(&request_id(), 4, "Max"))
        .await;
    assert_eq!(params(&body), ["security_qid"]);
    // An sms goes to the user's own mobile.
    let mut sms = format("sms", &request_id());
    sms["vcc_number"] = json!(USER_CARD);
    ok(&w, &token, COTE, &sms).await;
    let sent_to = w.sandbox.controls().pins(COTE)[0].sent_to.clone().unwrap();
    assert!(sent_to.ends_with("0112"), "{sent_to}");
}

#[tokio::test]
async fn the_bypass_is_refused_after_three_regular_purchases_in_24_hours() {
    let w = start().await;
    let token = w.token().await;
    let bypass = || format("regular_purchase_bypass", &request_id());
    let buy = |option: Value| {
        let w = &w;
        let token = &token;
        async move {
            let (request_id, pin) = w.verified(token, MITESTER).await;
            let (status, body) = w
                .authorize(token, &sale(MITESTER, "20.00", option, &request_id, &pin))
                .await;
            assert_eq!(status, StatusCode::OK, "{body}");
        }
    };
    ok(&w, &token, MITESTER, &bypass()).await;
    // Two regular purchases and a plan: still allowed.
    buy(regular()).await;
    buy(regular()).await;
    buy(crate::support::plan(4, 3)).await;
    ok(&w, &token, MITESTER, &bypass()).await;
    // The third regular purchase closes the bypass for 24 h.
    buy(regular()).await;
    assert_eq!(
        refused(&w, &token, MITESTER, &bypass()).await,
        (
            StatusCode::CONFLICT,
            json!("regular_purchase_bypass_is_not_allowed")
        )
    );
    // Other formats still verify.
    ok(&w, &token, MITESTER, &format("sms", &request_id())).await;
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(24 * 3600 + 1));
    ok(&w, &token, MITESTER, &bypass()).await;
}

#[tokio::test]
async fn customer_tokens_may_verify_and_only_v2_5_serves_it() {
    let w = start().await;
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let body = ok(
        &w,
        &customer,
        MITESTER,
        &question(&request_id(), 6, "Rainbow"),
    )
    .await;
    assert_eq!(pin_of(&body), w.latest_pin(MITESTER));
    // v2.5.1 does not serve verify.
    let url = w.versioned_url(API_PREFIX_V251, &format!("/account/{MITESTER}/verify"));
    let token = w.token().await;
    let (status, body) = w
        .send_json(
            reqwest::Method::POST,
            &url,
            &token,
            &format("sms", &request_id()),
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND, "{body}");
    assert_eq!(w.sandbox.controls().pins(MITESTER).len(), 1);
}
