//! `POST v2.5.1 authorization` and `GET v2.5.1 authorization/{id}` over real HTTP, as
//! purchase.md decides them: the answer of a regular sale, a plan sale and a hold, the
//! credit taken, every error in its order (each with the case that passes), the PIN's
//! life (never issued, expired, used, dropped, bypass misused; a refusal keeps it), the
//! body's `wrong_inputs`, versions and scopes; then idempotency on the money-moving
//! routes (headers, replay, reuse, keys shared with `/apply`, refusals stored nowhere,
//! concurrent sends, capture and release).

use std::time::Duration;

use flexiti_sandbox::{PinState, API_PREFIX, API_PREFIX_V251};
use pos_core::money::Money;
use reqwest::header::HeaderMap;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{
    application, context_hash, hex32, params, plan, ref_id, regular, request_id, sale, start,
    status_json, World,
};

const MITESTER: u64 = 116994755;
const SMITH: u64 = 123456789;
const COTE: u64 = 20035156;
const MONTREAL: &str = "00-54321";

fn available(w: &World, account: u64) -> Money {
    w.sandbox
        .controls()
        .accounts()
        .into_iter()
        .find(|a| a.account_number == account)
        .unwrap()
        .available_credit
}

fn money(text: &str) -> Money {
    Money::parse(text).unwrap()
}

fn as_money(value: &Value) -> Money {
    serde_json::from_value(value.clone()).unwrap_or_else(|_| panic!("an amount: {value}"))
}

fn authorization_url(w: &World, prefix: &str) -> String {
    w.versioned_url(prefix, "/authorization?lang=en")
}

/// A POST of exact `bytes` with the given extra headers: status, headers and JSON body.
async fn post_raw(
    w: &World,
    url: &str,
    token: &str,
    bytes: Vec<u8>,
    headers: &[(&str, String)],
) -> (StatusCode, HeaderMap, Value) {
    let mut request = w
        .http
        .post(url)
        .bearer_auth(token)
        .header("x-reference-id", ref_id())
        .header("content-type", "application/json");
    for (name, value) in headers {
        request = request.header(*name, value);
    }
    let response = request.body(bytes).send().await.unwrap();
    let headers = response.headers().clone();
    let (status, body) = status_json(response).await;
    (status, headers, body)
}

/// `POST authorization` with a key and the hash of the exact bytes.
async fn post_keyed(
    w: &World,
    token: &str,
    body: &Value,
    key: &str,
) -> (StatusCode, HeaderMap, Value) {
    let bytes = serde_json::to_vec(body).unwrap();
    let hash = context_hash(&bytes);
    post_raw(
        w,
        &authorization_url(w, API_PREFIX_V251),
        token,
        bytes,
        &[
            ("x-idempotency-key", key.to_owned()),
            ("x-context-hash", hash),
        ],
    )
    .await
}

/// Headers sent, then the `param` and `msg` of the `wrong_inputs` answered.
type Case = (Vec<(&'static str, String)>, &'static str, &'static str);

fn replayed(headers: &HeaderMap) -> bool {
    headers
        .get("x-idempotent-replayed")
        .is_some_and(|v| v == "true")
}

/// The error of a refused sale (any status but 200).
async fn error_of(w: &World, token: &str, body: &Value) -> (StatusCode, Value) {
    let (status, answer) = w.authorize(token, body).await;
    assert_ne!(status, StatusCode::OK, "{answer}");
    (status, answer["error"].clone())
}

async fn charged(w: &World, token: &str, body: &Value) -> Value {
    let (status, answer) = w.authorize(token, body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

fn conflict(error: &str) -> (StatusCode, Value) {
    (StatusCode::CONFLICT, json!(error))
}

fn at(body: &Value, store: &str) -> Value {
    let mut body = body.clone();
    body["external_location_id"] = json!(store);
    body
}

fn hold(body: &Value) -> Value {
    let mut body = body.clone();
    body["auto_capture"] = json!(false);
    body
}

fn with_code(body: &Value, code: &str) -> Value {
    let mut body = body.clone();
    body["verification_code"] = json!(code.parse::<u64>().unwrap());
    body
}

fn wrong_code(pin: &str) -> String {
    if pin == "9999" { "1000" } else { "9999" }.to_owned()
}

fn is_timestamp(value: &Value) -> bool {
    value.as_str().is_some_and(|t| {
        t.len() == 20 && t.ends_with('Z') && chrono::DateTime::parse_from_rfc3339(t).is_ok()
    })
}

async fn get_authorization(w: &World, token: &str, prefix: &str, id: &str) -> (StatusCode, Value) {
    let response = w
        .http
        .get(w.versioned_url(prefix, &format!("/authorization/{id}")))
        .bearer_auth(token)
        .header("x-reference-id", ref_id())
        .send()
        .await
        .unwrap();
    status_json(response).await
}

#[tokio::test]
async fn a_regular_sale_is_closed_captured_and_takes_the_credit() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "1000.00", regular(), &request_id, &pin);
    let answer = charged(&w, &token, &body).await;
    assert!(answer["authorization_id"].as_u64().is_some(), "{answer}");
    assert_eq!(answer["reference"], body["reference"]);
    assert_eq!(answer["account_number"], json!(MITESTER));
    assert_eq!(answer["status"], "closed");
    assert_eq!(as_money(&answer["amount"]), money("1000.00"));
    assert_eq!(as_money(&answer["captured_amount"]), money("1000.00"));
    assert_eq!(as_money(&answer["released_amount"]), Money::ZERO);
    assert_eq!(
        as_money(&answer["remaining_authorization_amount"]),
        Money::ZERO
    );
    assert!(is_timestamp(&answer["creation_date"]), "{answer}");
    assert_eq!(answer["external_location_id"], "00-12345");
    assert_eq!(answer["external_employee_id"], "merchantonline");
    let option = &answer["financing_option"];
    assert_eq!(option["transaction_type"], "regular_purchase");
    assert_eq!(as_money(&option["term_amount"]), money("1000.00"));
    assert_eq!(option["annual_rates"][0]["type"], "air");
    assert_eq!(option["annual_rates"][0]["rate"], json!(0.3099));
    assert_eq!(option["fees"], json!([]));
    assert!(option.get("plan_id").is_none() && option.get("term").is_none());
    let captures = answer["captures"].as_array().unwrap();
    assert_eq!(captures.len(), 1);
    assert!(captures[0]["capture_id"].as_u64().is_some());
    assert_eq!(captures[0]["reference"], body["reference"]);
    assert_eq!(as_money(&captures[0]["amount"]), money("1000.00"));
    assert_eq!(
        as_money(&captures[0]["remaining_capture_amount"]),
        money("1000.00")
    );
    assert!(is_timestamp(&captures[0]["date"]));
    assert_eq!(available(&w, MITESTER), money("13000.00"));
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.authorizations, stats.captures), (1, 1));
    assert_eq!(w.sandbox.controls().pins(MITESTER)[0].state, PinState::Used);
}

#[tokio::test]
async fn a_plan_sale_answers_the_plan_and_takes_the_amount() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let answer = charged(
        &w,
        &token,
        &sale(MITESTER, "1000.00", plan(4, 12), &request_id, &pin),
    )
    .await;
    assert_eq!(answer["status"], "closed");
    assert_eq!(as_money(&answer["captured_amount"]), money("1000.00"));
    assert_eq!(answer["captures"].as_array().unwrap().len(), 1);
    let option = &answer["financing_option"];
    assert_eq!(option["transaction_type"], "promotional_purchase");
    assert_eq!(option["plan_id"], 4);
    assert_eq!(option["term"], 12);
    assert_eq!(as_money(&option["term_amount"]), money("87.91"));
    assert_eq!(option["plan_name"], "Equal payments, regular interest");
    assert_eq!(option["annual_rates"][0]["rate"], json!(0.0999));
    assert_eq!(option["annual_rates"][0]["type"], "air");
    assert_eq!(option["fees"], json!([]));
    // The amount, not the cost with interest (1054.92), leaves the available credit.
    assert_eq!(available(&w, MITESTER), money("13000.00"));

    // Plan 5 carries its fee.
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let answer = charged(
        &w,
        &token,
        &sale(MITESTER, "1000.00", plan(5, 6), &request_id, &pin),
    )
    .await;
    let option = &answer["financing_option"];
    assert_eq!(as_money(&option["term_amount"]), money("175.00"));
    assert_eq!(as_money(&option["fees"][0]["amount"]), money("49.99"));
    assert_eq!(option["fees"][0]["type"], "admin_total");
    assert_eq!(available(&w, MITESTER), money("12000.00"));
}

#[tokio::test]
async fn a_hold_is_opened_and_captures_nothing() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let answer = charged(
        &w,
        &token,
        &hold(&sale(MITESTER, "1000.00", regular(), &request_id, &pin)),
    )
    .await;
    assert_eq!(answer["status"], "opened");
    assert_eq!(as_money(&answer["captured_amount"]), Money::ZERO);
    assert_eq!(
        as_money(&answer["remaining_authorization_amount"]),
        money("1000.00")
    );
    assert_eq!(answer["captures"], json!([]));
    assert_eq!(available(&w, MITESTER), money("13000.00"));
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.authorizations, stats.captures), (1, 0));
}

#[tokio::test]
async fn unknown_accounts_are_not_found_first() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    for account in [99999999u64, 123456789012345] {
        let mut body = sale(account, "10.00", regular(), &request_id, &pin);
        // Before every other rule: a foreign card, an unknown store.
        body["vcc_number"] = json!("1070015212345941");
        body["external_location_id"] = json!("00-99999");
        assert_eq!(
            error_of(&w, &token, &body).await,
            (StatusCode::NOT_FOUND, json!("not_found")),
            "{account}"
        );
    }
    // The account number as a string is accepted.
    let mut body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    body["account_number"] = json!(MITESTER.to_string());
    charged(&w, &token, &body).await;
}

#[tokio::test]
async fn a_card_of_another_account_is_a_mismatch_before_the_store() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let mut body = at(
        &sale(MITESTER, "10.00", regular(), &request_id, &pin),
        "00-99999",
    );
    body["vcc_number"] = json!("1070015212345941");
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("vcc_account_mismatch")
    );
    // The account's own card passes on to the store check, then the sale.
    body["vcc_number"] = json!("1070015210367982");
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("external_location_id_not_found")
    );
    charged(&w, &token, &at(&body, "00-12345")).await;
    // An authorized user's card on the business account.
    let user_request = request_id_for_user(&w, &token).await;
    let mut body = sale(COTE, "10.00", regular(), &user_request.0, &user_request.1);
    body["vcc_number"] = json!("1234567890101213");
    charged(&w, &token, &body).await;
}

/// Verifies Julie Côté, authorized user of 20035156, by her own question.
async fn request_id_for_user(w: &World, token: &str) -> (String, String) {
    let id = request_id();
    let (status, body) = w
        .verify(
            token,
            COTE,
            &json!({ "format": "security_question", "request_id": id, "security_qid": 4,
                     "security_answer": "Max", "vcc_number": "1234567890101213" }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    (id, body["verification_code"].to_string())
}

#[tokio::test]
async fn an_unregistered_store_is_refused_before_the_account_status() {
    let w = start().await;
    let token = w.token().await;
    let body = sale(300000009, "10.00", regular(), &request_id(), "1234");
    assert_eq!(
        error_of(&w, &token, &at(&body, "00-99999")).await,
        conflict("external_location_id_not_found")
    );
    // A registered store: on to the account's status.
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("user_not_active")
    );
    assert_eq!(
        error_of(&w, &token, &at(&body, MONTREAL)).await,
        conflict("user_not_active")
    );
}

#[tokio::test]
async fn inactive_and_blocked_accounts_cannot_buy() {
    let w = start().await;
    let token = w.token().await;
    // Before verification_code_required: no code at all.
    let mut body = sale(300000009, "10.00", regular(), &request_id(), "1234");
    body.as_object_mut().unwrap().remove("verification_code");
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("user_not_active")
    );
    for account in [300000005, 300000006, 300000007, 300000008] {
        body["account_number"] = json!(account);
        assert_eq!(
            error_of(&w, &token, &body).await,
            conflict("user_not_able_to_purchase"),
            "{account}"
        );
    }
    // The F business account at the Montréal store: its status comes first.
    body["account_number"] = json!(234567890);
    assert_eq!(
        error_of(&w, &token, &at(&body, MONTREAL)).await,
        conflict("user_not_able_to_purchase")
    );
    // An N account with terms accepted goes on (to the missing code).
    body["account_number"] = json!(300000001);
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("verification_code_required")
    );
}

#[tokio::test]
async fn business_accounts_are_refused_at_the_montreal_store() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, COTE).await;
    let body = sale(COTE, "10.00", regular(), &request_id, &pin);
    assert_eq!(
        error_of(&w, &token, &at(&body, MONTREAL)).await,
        conflict("account_type_not_permitted")
    );
    // Before verification_code_required.
    let mut no_code = at(&body, MONTREAL);
    no_code.as_object_mut().unwrap().remove("verification_code");
    assert_eq!(
        error_of(&w, &token, &no_code).await,
        conflict("account_type_not_permitted")
    );
    // Toronto takes it; Montréal takes a consumer account.
    charged(&w, &token, &body).await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    charged(
        &w,
        &token,
        &at(
            &sale(MITESTER, "10.00", regular(), &request_id, &pin),
            MONTREAL,
        ),
    )
    .await;
}

#[tokio::test]
async fn a_verification_code_is_required_before_the_pin_is_looked_up() {
    let w = start().await;
    let token = w.token().await;
    let mut body = sale(MITESTER, "10.00", regular(), &request_id(), "1234");
    body.as_object_mut().unwrap().remove("verification_code");
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("verification_code_required")
    );
    body["verification_code"] = Value::Null;
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("verification_code_required")
    );
    // With a code: the PIN is looked up (never issued).
    body["verification_code"] = json!(1234);
    assert_eq!(error_of(&w, &token, &body).await, conflict("not_verified"));
}

#[tokio::test]
async fn not_verified_when_the_pin_was_never_issued_expired_or_used() {
    let w = start().await;
    let token = w.token().await;
    // Never issued for this account and request_id.
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let mut other = body.clone();
    other["request_id"] = json!(crate::support::request_id());
    assert_eq!(error_of(&w, &token, &other).await, conflict("not_verified"));
    // A PIN is bound to its account: 300000001 cannot use it.
    let mut elsewhere = body.clone();
    elsewhere["account_number"] = json!(300000001);
    assert_eq!(
        error_of(&w, &token, &elsewhere).await,
        conflict("not_verified")
    );
    // Used by a previous sale.
    charged(&w, &token, &body).await;
    let mut again = body.clone();
    again["reference"] = json!(hex32());
    assert_eq!(error_of(&w, &token, &again).await, conflict("not_verified"));

    // Expired after 10 minutes; live until then.
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let late = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let in_time = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    w.sandbox.controls().advance_clock(Duration::from_secs(590));
    charged(&w, &token, &in_time).await;
    w.sandbox.controls().advance_clock(Duration::from_secs(11));
    assert_eq!(error_of(&w, &token, &late).await, conflict("not_verified"));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[1].state,
        PinState::Expired
    );
}

#[tokio::test]
async fn three_wrong_codes_drop_the_pin() {
    let w = start().await;
    let token = w.token().await;
    // Two wrong codes leave the PIN usable (a leading zero is another code).
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    assert_eq!(
        error_of(&w, &token, &with_code(&body, &wrong_code(&pin))).await,
        conflict("wrong_verification_code")
    );
    let mut leading_zero = body.clone();
    leading_zero["verification_code"] = json!(format!("0{pin}"));
    assert_eq!(
        error_of(&w, &token, &leading_zero).await,
        conflict("wrong_verification_code")
    );
    // The code as a string is accepted.
    let mut as_string = body.clone();
    as_string["verification_code"] = json!(pin);
    charged(&w, &token, &as_string).await;
    // The third drops it: the right code then finds no PIN.
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    for _ in 0..3 {
        assert_eq!(
            error_of(&w, &token, &with_code(&body, &wrong_code(&pin))).await,
            conflict("wrong_verification_code")
        );
    }
    assert_eq!(error_of(&w, &token, &body).await, conflict("not_verified"));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[0].state,
        PinState::Dropped
    );
    // not_verified comes before wrong_verification_code.
    assert_eq!(
        error_of(&w, &token, &with_code(&body, &wrong_code(&pin))).await,
        conflict("not_verified")
    );
}

#[tokio::test]
async fn a_bypass_pin_serves_only_a_regular_purchase_up_to_200() {
    let w = start().await;
    let token = w.token().await;
    let id = request_id();
    let (status, answer) = w
        .verify(
            &token,
            MITESTER,
            &json!({ "format": "regular_purchase_bypass", "request_id": id }),
        )
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let pin = answer["verification_code"].to_string();
    assert_eq!(
        error_of(&w, &token, &sale(MITESTER, "50.00", plan(4, 3), &id, &pin)).await,
        conflict("not_verified")
    );
    assert_eq!(
        error_of(&w, &token, &sale(MITESTER, "200.01", regular(), &id, &pin)).await,
        conflict("not_verified")
    );
    // Neither refusal touched the PIN.
    charged(&w, &token, &sale(MITESTER, "200.00", regular(), &id, &pin)).await;
    // A security-question PIN serves a plan above 200.00.
    let (id, pin) = w.verified(&token, MITESTER).await;
    charged(&w, &token, &sale(MITESTER, "500.00", plan(4, 3), &id, &pin)).await;
}

#[tokio::test]
async fn a_hold_is_refused_where_the_store_cannot_place_one() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = at(
        &hold(&sale(MITESTER, "10.00", regular(), &request_id, &pin)),
        MONTREAL,
    );
    assert_eq!(
        error_of(&w, &token, &body).await,
        conflict("auth_not_allowed")
    );
    // After the code check: a wrong code answers wrong_verification_code.
    assert_eq!(
        error_of(&w, &token, &with_code(&body, &wrong_code(&pin))).await,
        conflict("wrong_verification_code")
    );
    // Before the plan checks.
    let mut unknown_plan = body.clone();
    unknown_plan["financing_option"] = plan(9, 12);
    assert_eq!(
        error_of(&w, &token, &unknown_plan).await,
        conflict("auth_not_allowed")
    );
    // Captured at once, Montréal takes the sale (the same PIN: refusals keep it).
    let mut sale_now = body.clone();
    sale_now["auto_capture"] = json!(true);
    charged(&w, &token, &sale_now).await;
}

#[tokio::test]
async fn plans_and_terms_not_in_the_catalogue_are_not_set() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    for (plan_id, term) in [(9, 12), (4, 5), (5, 3), (0, 12)] {
        assert_eq!(
            error_of(
                &w,
                &token,
                &sale(MITESTER, "100.00", plan(plan_id, term), &request_id, &pin)
            )
            .await,
            conflict("plan_term_not_set"),
            "{plan_id} x {term}"
        );
    }
    // Before plan_term_not_available (9.99 is below the minimum).
    assert_eq!(
        error_of(
            &w,
            &token,
            &sale(MITESTER, "9.99", plan(9, 12), &request_id, &pin)
        )
        .await,
        conflict("plan_term_not_set")
    );
    charged(
        &w,
        &token,
        &sale(MITESTER, "100.00", plan(4, 3), &request_id, &pin),
    )
    .await;
}

#[tokio::test]
async fn plans_not_offered_to_the_customer_are_not_available() {
    let w = start().await;
    let token = w.token().await;
    let cases: [(u64, &str, Value, bool); 8] = [
        // Plan 5 is for prime customers: not 300000003 (standard), yes 116994755.
        (300000003, "1000.00", plan(5, 6), false),
        (MITESTER, "1000.00", plan(5, 6), true),
        // Plan 6 is not for Quebec customers; plan 7 only for them.
        (300000001, "1000.00", plan(6, 6), false),
        (300000001, "1000.00", plan(7, 6), true),
        (MITESTER, "1000.00", plan(7, 12), false),
        (MITESTER, "1000.00", plan(6, 12), true),
        // Plans start at 10.00.
        (MITESTER, "9.99", plan(4, 3), false),
        (MITESTER, "10.00", plan(4, 3), true),
    ];
    for (account, amount, option, passes) in cases {
        let (request_id, pin) = w.verified(&token, account).await;
        let body = sale(account, amount, option.clone(), &request_id, &pin);
        if passes {
            charged(&w, &token, &body).await;
        } else {
            assert_eq!(
                error_of(&w, &token, &body).await,
                conflict("plan_term_not_available"),
                "{account} {amount} {option}"
            );
            // A refusal keeps the PIN: a regular sale with it goes through.
            charged(
                &w,
                &token,
                &sale(account, amount, regular(), &request_id, &pin),
            )
            .await;
        }
    }
    // Before credit_exceeded: plan 7 for 5000.00 on 123456789 (Ontario, 659.51 left).
    let (request_id, pin) = w.verified(&token, SMITH).await;
    assert_eq!(
        error_of(
            &w,
            &token,
            &sale(SMITH, "5000.00", plan(7, 6), &request_id, &pin)
        )
        .await,
        conflict("plan_term_not_available")
    );
}

#[tokio::test]
async fn credit_exceeded_counts_interest_and_a_refusal_keeps_the_pin() {
    let w = start().await;
    let token = w.token().await;
    assert_eq!(available(&w, SMITH), money("659.51"));
    let (request_id, pin) = w.verified(&token, SMITH).await;
    // 659.52 regular: over by a cent.
    assert_eq!(
        error_of(
            &w,
            &token,
            &sale(SMITH, "659.52", regular(), &request_id, &pin)
        )
        .await,
        conflict("credit_exceeded")
    );
    // 650.00 over 3 months costs 660.84 > 659.51.
    assert_eq!(
        error_of(
            &w,
            &token,
            &sale(SMITH, "650.00", plan(4, 3), &request_id, &pin)
        )
        .await,
        conflict("credit_exceeded")
    );
    assert_eq!(w.sandbox.controls().pins(SMITH)[0].state, PinState::Live);
    assert_eq!(w.sandbox.controls().stats().authorizations, 0);
    // The same PIN: 650.00 regular passes.
    charged(
        &w,
        &token,
        &sale(SMITH, "650.00", regular(), &request_id, &pin),
    )
    .await;
    assert_eq!(available(&w, SMITH), money("9.51"));
}

#[tokio::test]
async fn wrong_inputs_lists_every_bad_field_at_once_with_flat_names() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let good = sale(MITESTER, "100.00", plan(4, 3), &request_id, &pin);
    let sorted = |body: &Value| {
        let mut p = params(body);
        p.sort();
        p
    };

    // Plan id and term not numbers, 3 decimals, an unknown account (the body comes first).
    let mut body = good.clone();
    body["account_number"] = json!(99999999);
    body["financing_option"] = json!({ "transaction_type": "promotional_purchase",
                                       "plan_id": "four", "term": -3 });
    body["amount"] = json!(100.001);
    let (status, answer) = w.authorize(&token, &body).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(sorted(&answer), ["amount", "plan_id", "term"]);

    // An unknown transaction type, auto_capture not a boolean, missing request_id and store.
    let mut body = good.clone();
    body["financing_option"] = json!({ "transaction_type": "layaway" });
    body["auto_capture"] = json!("yes");
    body["amount"] = json!("12.345");
    let object = body.as_object_mut().unwrap();
    object.remove("request_id");
    object.remove("external_location_id");
    body["external_employee_id"] = json!("e".repeat(51));
    body["verification_code"] = json!("12ab");
    let (_, answer) = w.authorize(&token, &body).await;
    assert_eq!(
        sorted(&answer),
        [
            "amount",
            "auto_capture",
            "external_employee_id",
            "external_location_id",
            "request_id",
            "transaction_type",
            "verification_code"
        ]
    );
    assert_eq!(
        crate::support::msg_of(&answer, "external_employee_id"),
        Some("length")
    );

    // A promotional purchase without plan and term; a regular one with them.
    let mut body = good.clone();
    body["financing_option"] = json!({ "transaction_type": "promotional_purchase" });
    let (_, answer) = w.authorize(&token, &body).await;
    assert_eq!(sorted(&answer), ["plan_id", "term"]);
    assert_eq!(crate::support::msg_of(&answer, "term"), Some("required"));
    body["financing_option"] = json!({ "transaction_type": "regular_purchase", "term": 3 });
    let (_, answer) = w.authorize(&token, &body).await;
    assert_eq!(sorted(&answer), ["term"]);
    body["financing_option"] = json!({ "transaction_type": "regular_purchase",
                                       "plan_id": 4, "term": 3 });
    let (_, answer) = w.authorize(&token, &body).await;
    assert_eq!(sorted(&answer), ["plan_id", "term"]);
    // Amounts: zero, negative, too large.
    for amount in [json!(0), json!(-1), json!(100000000), json!("ten")] {
        let mut body = good.clone();
        body["amount"] = amount.clone();
        let (_, answer) = w.authorize(&token, &body).await;
        assert_eq!(sorted(&answer), ["amount"], "{amount}");
    }
    // Nothing was recorded and the PIN is still live: the good body goes through.
    assert_eq!(w.sandbox.controls().stats().authorizations, 0);
    let mut body = good.clone();
    body["amount"] = json!("100.00");
    charged(&w, &token, &body).await;
}

#[tokio::test]
async fn get_authorization_answers_the_object_under_v2_5_1_for_merchants_only() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let answer = charged(
        &w,
        &token,
        &sale(MITESTER, "1000.00", plan(4, 12), &request_id, &pin),
    )
    .await;
    let id = answer["authorization_id"].to_string();
    let (status, got) = get_authorization(&w, &token, API_PREFIX_V251, &id).await;
    assert_eq!(status, StatusCode::OK, "{got}");
    assert_eq!(got, answer);
    // Unknown, 10 digits, not a number: 404.
    for bad in ["999999999", "1234567890", "12a", &format!("0{id}0")] {
        let (status, body) = get_authorization(&w, &token, API_PREFIX_V251, bad).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{bad}");
        assert_eq!(body["error"], "not_found", "{bad}");
    }
    // Another client id's path does not show it.
    let other = format!(
        "{}{API_PREFIX_V251}/client-id/otherclient/authorization/{id}",
        w.sandbox.base_url()
    );
    let response = w
        .http
        .get(other)
        .bearer_auth(&token)
        .header("x-reference-id", ref_id())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // Served only under v2.5.1.
    let (status, _) = get_authorization(&w, &token, API_PREFIX, &id).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    // A customer token may not read it.
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = get_authorization(&w, &customer, API_PREFIX_V251, &id).await;
    assert_eq!(status, StatusCode::FORBIDDEN, "{body}");
    // A hold's object follows its capture.
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let held = charged(
        &w,
        &token,
        &hold(&sale(MITESTER, "100.00", regular(), &request_id, &pin)),
    )
    .await;
    let id = held["authorization_id"].to_string();
    let (_, got) = get_authorization(&w, &token, API_PREFIX_V251, &id).await;
    assert_eq!(got["status"], "opened");
    assert_eq!(got, held);
}

#[tokio::test]
async fn post_is_served_only_under_v2_5_1_and_customer_tokens_may_charge() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let (status, _) = w
        .send_json(
            Method::POST,
            &authorization_url(&w, API_PREFIX),
            &token,
            &body,
            None,
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(w.sandbox.controls().stats().authorizations, 0);
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    charged(&w, &customer, &body).await;
}

// --- Idempotency on the money-moving routes ---

#[tokio::test]
async fn without_idempotency_headers_a_sale_goes_through() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let (status, headers, answer) = post_raw(
        &w,
        &authorization_url(&w, API_PREFIX_V251),
        &token,
        serde_json::to_vec(&body).unwrap(),
        &[],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(!replayed(&headers));
    assert_eq!(w.sandbox.controls().stats().authorizations, 1);
}

#[tokio::test]
async fn a_key_needs_its_hash_and_a_hash_its_key() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let bytes = serde_json::to_vec(&body).unwrap();
    let url = authorization_url(&w, API_PREFIX_V251);
    let key = hex32();
    let hash = context_hash(&bytes);
    let cases: [Case; 4] = [
        (
            vec![("x-idempotency-key", key.clone())],
            "x-context-hash",
            "required",
        ),
        (
            vec![("x-context-hash", hash.clone())],
            "x-idempotency-key",
            "required",
        ),
        (
            vec![
                ("x-idempotency-key", key.clone()),
                ("x-context-hash", context_hash(b"other bytes")),
            ],
            "x-context-hash",
            "invalid",
        ),
        (
            vec![
                ("x-idempotency-key", key.clone()),
                ("x-context-hash", hash.to_uppercase()),
            ],
            "x-context-hash",
            "invalid",
        ),
    ];
    let cases = cases.into_iter().chain([
        (
            vec![
                ("x-idempotency-key", "a key".to_owned()),
                ("x-context-hash", hash.clone()),
            ],
            "x-idempotency-key",
            "invalid",
        ),
        (
            vec![
                ("x-idempotency-key", "k".repeat(256)),
                ("x-context-hash", hash.clone()),
            ],
            "x-idempotency-key",
            "invalid",
        ),
    ]);
    for (headers, param, msg) in cases {
        let (status, _, answer) = post_raw(&w, &url, &token, bytes.clone(), &headers).await;
        assert_eq!(status, StatusCode::CONFLICT, "{answer}");
        assert_eq!(params(&answer), [param]);
        assert_eq!(crate::support::msg_of(&answer, param), Some(msg));
    }
    assert_eq!(w.sandbox.controls().stats().authorizations, 0);
    // A key of 255 visible characters with the hash of the exact bytes: the sale.
    let (status, headers, answer) = post_raw(
        &w,
        &url,
        &token,
        bytes,
        &[
            ("x-idempotency-key", "k".repeat(255)),
            ("x-context-hash", hash),
        ],
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(!replayed(&headers));
}

#[tokio::test]
async fn the_same_key_and_bytes_replay_the_answer_and_charge_once() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "1000.00", regular(), &request_id, &pin);
    let key = hex32();
    let (status, headers, first) = post_keyed(&w, &token, &body, &key).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(!replayed(&headers));
    // The PIN is used now; the replay comes before that check.
    assert_eq!(w.sandbox.controls().pins(MITESTER)[0].state, PinState::Used);
    for _ in 0..2 {
        let (status, headers, again) = post_keyed(&w, &token, &body, &key).await;
        assert_eq!(status, StatusCode::OK, "{again}");
        assert!(replayed(&headers));
        assert_eq!(again, first);
    }
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.authorizations, stats.captures), (1, 1));
    assert_eq!(stats.idempotent_replays, 2);
    assert_eq!(available(&w, MITESTER), money("13000.00"));
    // Another key with the same bytes is another sale: refused, the PIN is used.
    let (status, _, answer) = post_keyed(&w, &token, &body, &hex32()).await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("not_verified"))
    );
}

#[tokio::test]
async fn the_same_key_with_other_bytes_or_on_another_route_is_refused() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let key = hex32();
    let (status, _, first) = post_keyed(&w, &token, &body, &key).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    // Other bytes: another amount, or the same JSON spaced differently.
    let mut other = body.clone();
    other["amount"] = json!(11);
    let (status, headers, answer) = post_keyed(&w, &token, &other, &key).await;
    assert_eq!(status, StatusCode::CONFLICT, "{answer}");
    assert_eq!(answer["error"], "idempotency_key_reused");
    assert!(!replayed(&headers));
    let spaced = serde_json::to_vec_pretty(&body).unwrap();
    let hash = context_hash(&spaced);
    let (status, _, answer) = post_raw(
        &w,
        &authorization_url(&w, API_PREFIX_V251),
        &token,
        spaced,
        &[("x-idempotency-key", key.clone()), ("x-context-hash", hash)],
    )
    .await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("idempotency_key_reused"))
    );
    // The same bytes on the capture route.
    let bytes = serde_json::to_vec(&body).unwrap();
    let hash = context_hash(&bytes);
    let capture = w.versioned_url(
        API_PREFIX,
        &format!("/authorization/{}/capture", first["authorization_id"]),
    );
    let (status, _, answer) = post_raw(
        &w,
        &capture,
        &token,
        bytes,
        &[("x-idempotency-key", key), ("x-context-hash", hash)],
    )
    .await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("idempotency_key_reused"))
    );
    assert_eq!(w.sandbox.controls().stats().authorizations, 1);
}

#[tokio::test]
async fn a_key_taken_by_apply_is_refused_on_authorization() {
    let w = start().await;
    let token = w.token().await;
    let key = hex32();
    let (status, answer) = status_json(w.apply(&token, &application(), Some(&key)).await).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let (status, _, answer) = post_keyed(&w, &token, &body, &key).await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("idempotency_key_reused"))
    );
    assert_eq!(w.sandbox.controls().stats().authorizations, 0);
    // A fresh key: the sale (the PIN was kept).
    let (status, _, answer) = post_keyed(&w, &token, &body, &hex32()).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
}

#[tokio::test]
async fn a_refused_request_stores_nothing_under_its_key() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let key = hex32();
    // A business refusal, then a body refusal, under one key.
    let (status, _, answer) =
        post_keyed(&w, &token, &with_code(&body, &wrong_code(&pin)), &key).await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("wrong_verification_code"))
    );
    let mut bad = body.clone();
    bad["amount"] = json!(10.001);
    let (status, _, answer) = post_keyed(&w, &token, &bad, &key).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&answer), ["amount"]);
    // The fixed body under the same key: processed afresh.
    let (status, headers, answer) = post_keyed(&w, &token, &body, &key).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert!(!replayed(&headers));
    assert_eq!(w.sandbox.controls().stats().authorizations, 1);
    // From now on the key is taken by that sale.
    let (status, headers, again) = post_keyed(&w, &token, &body, &key).await;
    assert_eq!(status, StatusCode::OK);
    assert!(replayed(&headers));
    assert_eq!(again, answer);
}

#[tokio::test]
async fn twenty_concurrent_sends_with_one_key_record_one_authorization() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "1000.00", regular(), &request_id, &pin);
    let key = hex32();
    let sends = (0..20).map(|_| post_keyed(&w, &token, &body, &key));
    let answers = futures_util::future::join_all(sends).await;
    let first = &answers[0].2;
    for (status, _, answer) in &answers {
        assert_eq!(*status, StatusCode::OK, "{answer}");
        assert_eq!(answer, first);
    }
    assert_eq!(answers.iter().filter(|(_, h, _)| !replayed(h)).count(), 1);
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.authorizations, stats.captures), (1, 1));
    assert_eq!(stats.idempotent_replays, 19);
    assert_eq!(available(&w, MITESTER), money("13000.00"));
}

#[tokio::test]
async fn the_stats_record_the_context_hashes_sent() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "10.00", regular(), &request_id, &pin);
    let bytes = serde_json::to_vec(&body).unwrap();
    let (status, _, _) = post_keyed(&w, &token, &body, &hex32()).await;
    assert_eq!(status, StatusCode::OK);
    // A refused send is recorded too: it is what was sent.
    let mut other = body.clone();
    other["reference"] = json!(hex32());
    let other_bytes = serde_json::to_vec(&other).unwrap();
    let (status, _, _) = post_keyed(&w, &token, &other, &hex32()).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let hashes = w.sandbox.controls().stats().context_hashes["authorization"].clone();
    assert_eq!(hashes, [context_hash(&bytes), context_hash(&other_bytes)]);
}

#[tokio::test]
async fn capture_and_release_replay_by_key_and_move_money_once() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let sale_body = hold(&sale(MITESTER, "1000.00", regular(), &request_id, &pin));
    let held = charged(&w, &token, &sale_body).await;
    let id = held["authorization_id"].to_string();
    let reference = sale_body["reference"].as_str().unwrap();
    let after_sale =
        |what: &str| w.versioned_url(API_PREFIX, &format!("/authorization/{id}/{what}"));
    let keyed = |body: &Value, key: &str| {
        let bytes = serde_json::to_vec(body).unwrap();
        let hash = context_hash(&bytes);
        (
            bytes,
            vec![
                ("x-idempotency-key", key.to_owned()),
                ("x-context-hash", hash),
            ],
        )
    };

    // Capture 400.00 twice with one key: one capture.
    let capture = json!({ "amount": 400, "reference": format!("{reference}-1"),
                          "external_location_id": "00-12345",
                          "external_employee_id": "merchantonline" });
    let key = hex32();
    let (bytes, headers) = keyed(&capture, &key);
    let (status, h1, first) =
        post_raw(&w, &after_sale("capture"), &token, bytes.clone(), &headers).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert!(!replayed(&h1));
    let (status, h2, again) = post_raw(&w, &after_sale("capture"), &token, bytes, &headers).await;
    assert_eq!(status, StatusCode::OK);
    assert!(replayed(&h2));
    assert_eq!(again, first);
    assert_eq!(w.sandbox.controls().stats().captures, 1);
    // The same key with another amount: refused.
    let mut more = capture.clone();
    more["amount"] = json!(500);
    let (bytes, headers) = keyed(&more, &key);
    let (status, _, answer) = post_raw(&w, &after_sale("capture"), &token, bytes, &headers).await;
    assert_eq!(
        (status, &answer["error"]),
        (StatusCode::CONFLICT, &json!("idempotency_key_reused"))
    );
    // A key without its hash on release.
    let release = json!({ "reference": format!("{reference}-2"),
                          "external_location_id": "00-12345",
                          "external_employee_id": "merchantonline" });
    let key = hex32();
    let (bytes, headers) = keyed(&release, &key);
    let (status, _, answer) = post_raw(
        &w,
        &after_sale("release"),
        &token,
        bytes.clone(),
        &headers[..1],
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&answer), ["x-context-hash"]);
    // Release the rest twice with one key: the credit comes back once.
    let (status, _, first) =
        post_raw(&w, &after_sale("release"), &token, bytes.clone(), &headers).await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(as_money(&first["released_amount"]), money("600.00"));
    let (status, h, again) = post_raw(&w, &after_sale("release"), &token, bytes, &headers).await;
    assert_eq!(status, StatusCode::OK);
    assert!(replayed(&h));
    assert_eq!(again, first);
    assert_eq!(w.sandbox.controls().stats().releases, 1);
    assert_eq!(available(&w, MITESTER), money("13600.00"));
    let (_, got) = get_authorization(&w, &token, API_PREFIX_V251, &id).await;
    assert_eq!(got["status"], "closed");
    assert_eq!(as_money(&got["captured_amount"]), money("400.00"));
    assert_eq!(as_money(&got["released_amount"]), money("600.00"));
}

#[tokio::test]
async fn get_authorization_shows_a_hold_closed_after_30_days() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let held = charged(
        &w,
        &token,
        &hold(&sale(MITESTER, "100.00", regular(), &request_id, &pin)),
    )
    .await;
    let id = held["authorization_id"].to_string();
    // Open until its 30th day.
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(30 * 86_400 - 60));
    let (_, got) = get_authorization(&w, &token, API_PREFIX_V251, &id).await;
    assert_eq!(got["status"], "opened");
    assert_eq!(available(&w, MITESTER), money("13900.00"));
    w.sandbox.controls().advance_clock(Duration::from_secs(60));
    let (_, got) = get_authorization(&w, &token, API_PREFIX_V251, &id).await;
    assert_eq!(got["status"], "closed");
    assert_eq!(as_money(&got["released_amount"]), money("100.00"));
    assert_eq!(
        as_money(&got["remaining_authorization_amount"]),
        Money::ZERO
    );
    assert_eq!(available(&w, MITESTER), money("14000.00"));
}
