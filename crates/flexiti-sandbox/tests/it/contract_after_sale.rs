//! After the sale over real HTTP: partial captures and releases to zero, holds that run
//! out, returns on day 100 and day 101, a regular purchase refused by return and accepted
//! by refund, the trainee's `not_permitted`, the errors in their order, the lists
//! (filters, pages, order, envelopes), the clock and PIN controls, and an `/apply`
//! approval that buys at once.

use std::time::Duration;

use flexiti_sandbox::{API_PREFIX, API_PREFIX_V251};
use pos_core::money::Money;
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{application_for, hex32, plan, regular, sale, start, World};

const MITESTER: u64 = 116994755;
const DAY: u64 = 24 * 60 * 60;

fn available(w: &World, account: u64) -> Money {
    w.sandbox
        .controls()
        .accounts()
        .into_iter()
        .find(|a| a.account_number == account)
        .expect("account")
        .available_credit
}

/// A verified sale of `amount` on `option`, captured at once unless `hold`.
async fn bought(
    w: &World,
    token: &str,
    account: u64,
    amount: &str,
    option: Value,
    hold: bool,
) -> Value {
    let (request_id, pin) = w.verified(token, account).await;
    let mut body = sale(account, amount, option, &request_id, &pin);
    body["auto_capture"] = json!(!hold);
    let (status, answer) = w.authorize(token, &body).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

fn after_sale_body(amount: Option<&str>) -> Value {
    let mut body = json!({
        "reference": format!("{}-1", hex32()),
        "external_location_id": "00-12345",
        "external_employee_id": "merchantonline",
    });
    if let Some(amount) = amount {
        body["amount"] = serde_json::from_str(amount).expect("amount");
    }
    body
}

impl World {
    async fn after_sale(&self, token: &str, path: &str, body: &Value) -> (StatusCode, Value) {
        let url = self.versioned_url(API_PREFIX, path);
        self.send_json(Method::POST, &url, token, body, Some(&hex32()))
            .await
    }

    async fn get_v251(&self, token: &str, path_and_query: &str) -> (StatusCode, Value) {
        let url = self.versioned_url(API_PREFIX_V251, path_and_query);
        let response = self
            .http
            .get(url)
            .bearer_auth(token)
            .header("x-reference-id", crate::support::ref_id())
            .send()
            .await
            .expect("call");
        crate::support::status_json(response).await
    }
}

fn id(answer: &Value, name: &str) -> u64 {
    answer[name]
        .as_u64()
        .unwrap_or_else(|| panic!("{name} in {answer}"))
}

#[tokio::test]
async fn partial_captures_take_a_hold_to_zero_then_it_has_ended() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    let hold = bought(&w, &token, MITESTER, "300.00", plan(4, 12), true).await;
    assert_eq!(hold["status"], "opened");
    assert_eq!(hold["captured_amount"], json!(0));
    assert_eq!(hold["captures"], json!([]));
    assert_eq!(
        available(&w, MITESTER),
        Money::from_cents(before.cents() - 30_000)
    );
    let auth = id(&hold, "authorization_id");
    let path = format!("/authorization/{auth}/capture");

    let (status, first) = w
        .after_sale(&token, &path, &after_sale_body(Some("100.5")))
        .await;
    assert_eq!(status, StatusCode::OK, "{first}");
    assert_eq!(first["authorization_id"], json!(auth));
    assert_eq!(first["amount"], json!(100.5));
    assert_eq!(first["remaining_authorization_amount"], json!(199.5));
    assert!(first["capture_id"].as_u64().is_some() && first["date"].as_str().is_some());

    let (status, body) = w
        .after_sale(&token, &path, &after_sale_body(Some("199.51")))
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::CONFLICT, &json!("auth_amount_exceeded"))
    );
    let (status, last) = w
        .after_sale(&token, &path, &after_sale_body(Some("199.50")))
        .await;
    assert_eq!(status, StatusCode::OK, "{last}");
    assert_eq!(last["remaining_authorization_amount"], json!(0));

    let (_, now) = w.get_v251(&token, &format!("/authorization/{auth}")).await;
    assert_eq!(now["status"], "closed");
    assert_eq!(now["captured_amount"], json!(300));
    assert_eq!(now["captures"].as_array().map(Vec::len), Some(2));
    let (status, body) = w
        .after_sale(&token, &path, &after_sale_body(Some("1")))
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::CONFLICT, &json!("authorization_ended"))
    );
    assert_eq!(w.sandbox.controls().stats().captures, 2);
}

#[tokio::test]
async fn releases_give_the_credit_back_and_without_an_amount_release_all_that_remains() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    let hold = bought(&w, &token, MITESTER, "500.00", regular(), true).await;
    let auth = id(&hold, "authorization_id");
    let path = format!("/authorization/{auth}/release");

    let (status, part) = w
        .after_sale(&token, &path, &after_sale_body(Some("120.25")))
        .await;
    assert_eq!(status, StatusCode::OK, "{part}");
    assert_eq!(part["released_amount"], json!(120.25));
    assert_eq!(part["remaining_authorization_amount"], json!(379.75));
    assert_eq!(part["status"], "opened");
    assert_eq!(
        available(&w, MITESTER),
        Money::from_cents(before.cents() - 37_975)
    );

    let (status, body) = w
        .after_sale(&token, &path, &after_sale_body(Some("379.76")))
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::CONFLICT, &json!("auth_amount_exceeded"))
    );
    let (status, rest) = w.after_sale(&token, &path, &after_sale_body(None)).await;
    assert_eq!(status, StatusCode::OK, "{rest}");
    assert_eq!(rest["released_amount"], json!(500));
    assert_eq!(rest["remaining_authorization_amount"], json!(0));
    assert_eq!(rest["status"], "closed");
    assert_eq!(available(&w, MITESTER), before);
    let (status, body) = w.after_sale(&token, &path, &after_sale_body(None)).await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::CONFLICT, &json!("authorization_ended"))
    );
    assert_eq!(w.sandbox.controls().stats().releases, 2);
}

#[tokio::test]
async fn a_hold_ends_after_its_lifetime_and_its_credit_comes_back() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    let hold = bought(&w, &token, MITESTER, "250.00", regular(), true).await;
    let auth = id(&hold, "authorization_id");
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(29 * DAY));
    let (_, still) = w.get_v251(&token, &format!("/authorization/{auth}")).await;
    assert_eq!(still["status"], "opened", "day 29: {still}");
    w.sandbox.controls().advance_clock(Duration::from_secs(DAY));
    let (_, ended) = w.get_v251(&token, &format!("/authorization/{auth}")).await;
    assert_eq!(ended["status"], "closed", "day 30: {ended}");
    assert_eq!(ended["released_amount"], json!(250));
    assert_eq!(available(&w, MITESTER), before);
    let path = format!("/authorization/{auth}/capture");
    let (status, body) = w
        .after_sale(&token, &path, &after_sale_body(Some("10")))
        .await;
    assert_eq!(
        (status, &body["error"]),
        (StatusCode::CONFLICT, &json!("authorization_ended"))
    );
}

#[tokio::test]
async fn after_sale_errors_come_in_their_order() {
    let w = start().await;
    let token = w.token().await;
    let hold = bought(&w, &token, MITESTER, "100.00", regular(), true).await;
    let auth = id(&hold, "authorization_id");
    for route in ["capture", "release"] {
        let path = format!("/authorization/{auth}/{route}");
        let mut body = after_sale_body(Some("10"));
        // Unknown authorization first, whatever else is wrong.
        body["external_location_id"] = json!("99-99999");
        body["external_employee_id"] = json!("trainee");
        for unknown in ["999999999", "1234567890", "abc"] {
            let (status, answer) = w
                .after_sale(&token, &format!("/authorization/{unknown}/{route}"), &body)
                .await;
            assert_eq!(
                (status, &answer["error"]),
                (StatusCode::NOT_FOUND, &json!("not_found"))
            );
        }
        let (status, answer) = w.after_sale(&token, &path, &body).await;
        assert_eq!(
            answer["error"], "external_location_id_not_found",
            "{route} {status}"
        );
        body["external_location_id"] = json!("00-54321");
        let (_, answer) = w.after_sale(&token, &path, &body).await;
        assert_eq!(answer["error"], "not_permitted", "{route}");
        body["amount"] = json!(100.01);
        body["external_employee_id"] = json!("merchantonline");
        let (_, answer) = w.after_sale(&token, &path, &body).await;
        assert_eq!(answer["error"], "auth_amount_exceeded", "{route}");
        let (status, answer) = w.after_sale(&token, &path, &json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        let mut params = crate::support::params(&answer);
        params.sort();
        let mut expected = vec!["external_employee_id", "external_location_id", "reference"];
        if route == "capture" {
            expected.insert(0, "amount");
        }
        assert_eq!(params, expected, "{route}");
    }
}

async fn capture_of(w: &World, token: &str, amount: &str, option: Value) -> (u64, u64) {
    let sale = bought(w, token, MITESTER, amount, option, false).await;
    let capture = id(&sale["captures"][0], "capture_id");
    (id(&sale, "authorization_id"), capture)
}

fn return_body(amount: &str, full: bool) -> Value {
    let mut body = after_sale_body(Some(amount));
    body["full_return"] = json!(full);
    body
}

#[tokio::test]
async fn a_return_on_day_100_is_accepted_and_on_day_101_refused() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    let (auth, capture) = capture_of(&w, &token, "1000.00", plan(4, 12)).await;
    let path = format!("/authorization/{auth}/capture/{capture}/return");
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(100 * DAY - 60));
    let (status, returned) = w
        .after_sale(&token, &path, &return_body("400.00", false))
        .await;
    assert_eq!(status, StatusCode::OK, "{returned}");
    assert_eq!(returned["capture_id"], json!(capture));
    assert_eq!(returned["amount"], json!(400));
    assert_eq!(returned["remaining_capture_amount"], json!(600));
    assert_eq!(returned["remaining_authorization_amount"], json!(0));
    assert!(returned["return_id"].as_u64().is_some());
    assert_eq!(
        available(&w, MITESTER),
        Money::from_cents(before.cents() - 60_000)
    );

    w.sandbox.controls().advance_clock(Duration::from_secs(DAY));
    let (status, refused) = w
        .after_sale(&token, &path, &return_body("100.00", false))
        .await;
    assert_eq!(
        (status, &refused["error"]),
        (StatusCode::CONFLICT, &json!("return_date_exceeded"))
    );
    assert_eq!(w.sandbox.controls().stats().returns, 1);
}

#[tokio::test]
async fn returns_are_bounded_by_what_remains_of_the_capture() {
    let w = start().await;
    let token = w.token().await;
    let (auth, capture) = capture_of(&w, &token, "200.00", plan(4, 6)).await;
    let path = format!("/authorization/{auth}/capture/{capture}/return");
    let (_, answer) = w
        .after_sale(&token, &path, &return_body("200.01", false))
        .await;
    assert_eq!(answer["error"], "capture_amount_exceeded");
    let (status, answer) = w
        .after_sale(&token, &path, &return_body("150.00", true))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        crate::support::msg_of(&answer, "amount"),
        Some("invalid"),
        "{answer}"
    );
    let (status, answer) = w
        .after_sale(&token, &path, &return_body("200.00", true))
        .await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    assert_eq!(answer["remaining_capture_amount"], json!(0));
    let (_, answer) = w
        .after_sale(&token, &path, &return_body("0.01", false))
        .await;
    assert_eq!(answer["error"], "capture_amount_exceeded");
    // Unknown capture of a known authorization, and the trainee.
    let (status, _) = w
        .after_sale(
            &token,
            &format!("/authorization/{auth}/capture/1/return"),
            &return_body("1", false),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let mut trainee = return_body("1", false);
    trainee["external_employee_id"] = json!("trainee");
    let (_, answer) = w.after_sale(&token, &path, &trainee).await;
    assert_eq!(answer["error"], "not_permitted");
}

fn refund_body(amount: &str, capture: u64) -> Value {
    let mut body = after_sale_body(Some(amount));
    body["capture_id"] = json!(capture);
    body
}

#[tokio::test]
async fn a_regular_purchase_is_refused_by_return_and_accepted_by_refund() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    let (auth, capture) = capture_of(&w, &token, "80.00", regular()).await;
    let path = format!("/authorization/{auth}/capture/{capture}/return");
    let (_, answer) = w
        .after_sale(&token, &path, &return_body("80.00", true))
        .await;
    assert_eq!(answer["error"], "wrong_transaction_type");

    let refund = format!("/accounts/{MITESTER}/refund");
    let (status, answer) = w
        .after_sale(&token, &refund, &refund_body("30.00", capture))
        .await;
    assert_eq!((status, answer), (StatusCode::OK, json!({})));
    assert_eq!(
        available(&w, MITESTER),
        Money::from_cents(before.cents() - 5_000)
    );
    let (_, answer) = w
        .after_sale(&token, &refund, &refund_body("50.01", capture))
        .await;
    assert_eq!(answer["error"], "capture_amount_exceeded");
    // No time limit on refunds.
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(400 * DAY));
    let (status, _) = w
        .after_sale(&token, &refund, &refund_body("50.00", capture))
        .await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(available(&w, MITESTER), before);
    assert_eq!(w.sandbox.controls().stats().refunds, 2);

    // A promotional capture is returned, not refunded.
    let (_, promo) = capture_of(&w, &token, "100.00", plan(4, 3)).await;
    let (_, answer) = w
        .after_sale(&token, &refund, &refund_body("10", promo))
        .await;
    assert_eq!(answer["error"], "wrong_transaction_type");
    // Another account's capture, an unknown account, and a missing capture id.
    let (status, _) = w
        .after_sale(
            &token,
            "/accounts/123456789/refund",
            &refund_body("10", capture),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, _) = w
        .after_sale(
            &token,
            "/accounts/999999999/refund",
            &refund_body("10", capture),
        )
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let (status, answer) = w
        .after_sale(&token, &refund, &after_sale_body(Some("10")))
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        crate::support::msg_of(&answer, "capture_id"),
        Some("required")
    );
}

#[tokio::test]
async fn lists_filter_page_and_keep_oldest_first() {
    let w = start().await;
    let token = w.token().await;
    let mut ids = Vec::new();
    for (amount, option, hold) in [
        ("11.00", regular(), false),
        ("12.00", plan(4, 3), false),
        ("13.00", regular(), true),
    ] {
        ids.push(id(
            &bought(&w, &token, MITESTER, amount, option, hold).await,
            "authorization_id",
        ));
    }
    bought(&w, &token, 300000001, "14.00", regular(), false).await;

    let (status, all) = w.get_v251(&token, "/authorizations?page_size=100").await;
    assert_eq!(status, StatusCode::OK, "{all}");
    assert_eq!(all["total"], json!(4));
    assert_eq!(
        (all["page_number"].clone(), all["page_size"].clone()),
        (json!(1), json!(100))
    );
    let listed: Vec<u64> = all["authorizations"]
        .as_array()
        .expect("array")
        .iter()
        .map(|a| id(a, "authorization_id"))
        .collect();
    assert_eq!(&listed[..3], &ids[..], "oldest first");

    let query =
        format!("/authorizations?account_number={MITESTER}&transaction_type=regular_purchase");
    let (_, regular_only) = w.get_v251(&token, &query).await;
    assert_eq!(regular_only["total"], json!(2));
    let (_, opened) = w
        .get_v251(&token, "/authorizations?authorization_status=opened")
        .await;
    assert_eq!(opened["total"], json!(1));
    assert_eq!(
        opened["authorizations"][0]["authorization_id"],
        json!(ids[2])
    );

    let (_, page2) = w
        .get_v251(&token, "/authorizations?page_size=3&page_number=2")
        .await;
    assert_eq!(page2["authorizations"].as_array().map(Vec::len), Some(1));
    let (_, page3) = w
        .get_v251(&token, "/authorizations?page_size=3&page_number=3")
        .await;
    assert_eq!(page3["authorizations"], json!([]));
    let (_, default) = w.get_v251(&token, "/authorizations").await;
    assert_eq!(default["page_size"], json!(10));

    // Dates are the emulator clock's UTC days, inclusive.
    let today = w.sandbox.controls().clock().now[..10].to_owned();
    let (_, dated) = w
        .get_v251(
            &token,
            &format!("/authorizations?creation_date_from={today}&creation_date_to={today}"),
        )
        .await;
    assert_eq!(dated["total"], json!(4));
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(2 * DAY));
    let tomorrow = w.sandbox.controls().clock().now[..10].to_owned();
    let (_, none) = w
        .get_v251(
            &token,
            &format!("/authorizations?creation_date_from={tomorrow}"),
        )
        .await;
    assert_eq!(none["total"], json!(0));

    let (_, captures) = w.get_v251(&token, "/captures?page_size=100").await;
    assert_eq!(
        captures["total"],
        json!(3),
        "the hold has no capture: {captures}"
    );
    let first = &captures["captures"][0];
    for member in [
        "capture_id",
        "authorization_id",
        "reference",
        "amount",
        "date",
        "remaining_capture_amount",
        "external_location_id",
    ] {
        assert!(!first[member].is_null(), "{member} in {first}");
    }
    let (_, of_one) = w
        .get_v251(&token, &format!("/captures?authorization_id={}", ids[1]))
        .await;
    assert_eq!(of_one["total"], json!(1));
    assert_eq!(of_one["captures"][0]["authorization_id"], json!(ids[1]));
}

#[tokio::test]
async fn list_filters_are_checked_all_at_once() {
    let w = start().await;
    let token = w.token().await;
    let (status, answer) = w
        .get_v251(
            &token,
            "/authorizations?page_size=101&page_number=0&creation_date_from=2026-13-01&transaction_type=cash&authorization_status=open",
        )
        .await;
    assert_eq!(status, StatusCode::CONFLICT);
    let mut params = crate::support::params(&answer);
    params.sort();
    assert_eq!(
        params,
        [
            "authorization_status",
            "creation_date_from",
            "page_number",
            "page_size",
            "transaction_type"
        ]
    );
    let (status, _) = w.get_v251(&token, "/captures?authorization_id=x").await;
    assert_eq!(status, StatusCode::CONFLICT);
    // Served under v2.5.1 only.
    let url = w.versioned_url(API_PREFIX, "/authorizations");
    let (status, _) = w
        .send_json(Method::GET, &url, &token, &json!({}), None)
        .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn clock_and_pins_are_controls_over_http_too() {
    let w = start().await;
    let token = w.token().await;
    let base = w.sandbox.base_url().to_owned();
    let clock: Value = w
        .http
        .get(format!("{base}/_sandbox/clock"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(clock["offset_secs"], json!(0));
    let advanced: Value = w
        .http
        .post(format!("{base}/_sandbox/clock/advance"))
        .json(&json!({ "secs": 3600 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(advanced["offset_secs"], json!(3600));
    let refused = w
        .http
        .post(format!("{base}/_sandbox/clock/advance"))
        .json(&json!({ "secs": -5 }))
        .send()
        .await
        .unwrap();
    assert_eq!(refused.status(), StatusCode::BAD_REQUEST);

    let request_id = crate::support::request_id();
    let (status, sent) = w
        .verify(
            &token,
            MITESTER,
            &json!({ "format": "sms", "request_id": request_id }),
        )
        .await;
    assert_eq!(
        (status, &sent["verification_code"]),
        (StatusCode::OK, &json!("verification_sent_to_sms"))
    );
    let pins: Value = w
        .http
        .get(format!("{base}/_sandbox/pins/{MITESTER}"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(pins[0]["request_id"], json!(request_id));
    assert_eq!(pins[0]["format"], "sms");
    assert_eq!(pins[0]["state"], "live");
    assert_eq!(pins[0]["sent_to"], "•••-•••-0101");
    let pin = pins[0]["pin"].as_str().unwrap();
    assert!(
        pin.len() == 4 && pin.bytes().all(|b| b.is_ascii_digit()),
        "{pin}"
    );
    // The API itself never carries an sms PIN.
    assert!(!sent.to_string().contains(pin));
    w.sandbox.controls().advance_clock(Duration::from_secs(601));
    assert_eq!(
        w.sandbox.controls().pins(MITESTER)[0].state,
        flexiti_sandbox::PinState::Expired
    );

    w.sandbox.controls().reset();
    assert_eq!(w.sandbox.controls().clock().offset_secs, 0);
    assert!(w.sandbox.controls().pins(MITESTER).is_empty());
}

#[tokio::test]
async fn an_approved_application_buys_at_once() {
    let w = start().await;
    let token = w.token().await;
    let response = w
        .apply(&token, &application_for("Nora", "A-RR_L"), None)
        .await;
    let (status, approval) = crate::support::status_json(response).await;
    assert_eq!(status, StatusCode::OK, "{approval}");
    let number = approval["account_number"].as_u64().expect("account number");
    let accounts = w.sandbox.controls().accounts();
    assert_eq!(accounts.len(), 14, "the 13 seeded and the new one");
    assert!(
        !accounts[..13].iter().any(|a| a.account_number == number),
        "a new number, not a seeded one"
    );
    let account = w
        .sandbox
        .controls()
        .accounts()
        .into_iter()
        .find(|a| a.account_number == number)
        .expect("the approval opened an account");
    assert_eq!(account.account_status, "N");
    assert_eq!(account.risk_rating, "L");
    assert!(account
        .card_number
        .ends_with(approval["card_ending_in"].as_str().unwrap()));
    assert_eq!(
        serde_json::to_value(account.credit_limit).unwrap(),
        approval["credit_limit"]
    );

    let sale = bought(&w, &token, number, "450.00", plan(4, 6), false).await;
    assert_eq!(sale["status"], "closed");
    assert_eq!(sale["account_number"], json!(number));
}

#[tokio::test]
async fn a_dropped_answer_has_charged_and_the_same_key_tells_what_happened() {
    use flexiti_sandbox::{Fault, FaultKind};
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let body = sale(MITESTER, "321.00", plan(4, 6), &request_id, &pin);
    let bytes = serde_json::to_vec(&body).unwrap();
    let key = hex32();
    let send = || {
        w.http
            .post(w.versioned_url(API_PREFIX_V251, "/authorization?lang=en"))
            .bearer_auth(&token)
            .header("x-reference-id", crate::support::ref_id())
            .header("x-idempotency-key", &key)
            .header("x-context-hash", crate::support::context_hash(&bytes))
            .header("content-type", "application/json")
            .body(bytes.clone())
            .send()
    };
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("authorization"), FaultKind::Drop).times(1))
        .unwrap();
    assert!(
        send().await.is_err(),
        "the connection closes without an answer"
    );
    assert_eq!(
        w.sandbox.controls().stats().authorizations,
        1,
        "yet it charged"
    );

    let replay = send().await.unwrap();
    assert_eq!(replay.status(), StatusCode::OK);
    assert_eq!(replay.headers()["x-idempotent-replayed"], "true");
    let answer: Value = replay.json().await.unwrap();
    assert_eq!(answer["amount"], json!(321));
    assert_eq!(
        w.sandbox.controls().stats().authorizations,
        1,
        "charged once"
    );
    let hashes = &w.sandbox.controls().stats().context_hashes["authorization"];
    assert_eq!(hashes.len(), 2);
    assert_eq!(hashes[0], hashes[1]);
}

#[tokio::test]
async fn an_expired_hold_gives_its_credit_back_to_every_reader() {
    let w = start().await;
    let token = w.token().await;
    let before = available(&w, MITESTER);
    bought(&w, &token, MITESTER, "250.00", regular(), true).await;
    w.sandbox
        .controls()
        .advance_clock(Duration::from_secs(30 * DAY));
    // The quote is the first reader after the expiry: no list or GET ran before it.
    let url = w.versioned_url(
        API_PREFIX_V251,
        &format!("/accounts/{MITESTER}/calculate-interest"),
    );
    let (status, quote) = w
        .send_json(Method::POST, &url, &token, &json!({ "amount": 10 }), None)
        .await;
    assert_eq!(status, StatusCode::OK, "{quote}");
    assert_eq!(
        quote["customer"]["available_credit"],
        serde_json::to_value(before).unwrap()
    );
}

#[tokio::test]
async fn a_request_id_whose_pin_is_used_cannot_verify_again() {
    let w = start().await;
    let token = w.token().await;
    let (request_id, pin) = w.verified(&token, MITESTER).await;
    let (status, _) = w
        .authorize(
            &token,
            &sale(MITESTER, "20.00", regular(), &request_id, &pin),
        )
        .await;
    assert_eq!(status, StatusCode::OK);
    let again = json!({
        "format": "security_question",
        "request_id": request_id,
        "security_qid": 6,
        "security_answer": "Rainbow",
    });
    let (status, body) = w.verify(&token, MITESTER, &again).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        crate::support::msg_of(&body, "request_id"),
        Some("invalid"),
        "{body}"
    );
}
