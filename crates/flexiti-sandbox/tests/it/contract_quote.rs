//! `POST v2.5.1 accounts/{n}/calculate-interest` over real HTTP: purchase.md's vectors,
//! plan eligibility (category, the customer's province, the 10.00 minimum), the amount
//! rules, the errors in their order, the version, scope, faults and the seeded world.

use flexiti_sandbox::{FaultKind, API_PREFIX_V251, CLIENT_ID};
use pos_core::money::Money;
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{msg_of, params, ref_id, start, status_json, World};

fn quote_url(w: &World, prefix: &str, account: &str, query: &str) -> String {
    format!(
        "{}{prefix}/client-id/{CLIENT_ID}/accounts/{account}/calculate-interest{query}",
        w.sandbox.base_url()
    )
}

async fn quote_raw(
    w: &World,
    token: &str,
    account: &str,
    query: &str,
    body: Value,
) -> (StatusCode, Value) {
    let response = w
        .http
        .post(quote_url(w, API_PREFIX_V251, account, query))
        .bearer_auth(token)
        .header("x-reference-id", ref_id())
        .json(&body)
        .send()
        .await
        .unwrap();
    status_json(response).await
}

async fn quote(w: &World, token: &str, account: u64, amount: Value) -> Value {
    let (status, body) = quote_raw(
        w,
        token,
        &account.to_string(),
        "",
        json!({ "amount": amount }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    body
}

fn plan_ids(body: &Value) -> Vec<u64> {
    body["promotional_purchase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["plan_id"].as_u64().unwrap())
        .collect()
}

/// `(term, term_amount)` of one plan, amounts read exactly as `Money` (never a float).
fn terms(body: &Value, plan: u64) -> Vec<(u64, Money)> {
    body["promotional_purchase"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["plan_id"] == plan)
        .unwrap_or_else(|| panic!("plan {plan} offered in {body}"))["terms"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            let amount: Money = serde_json::from_value(t["term_amount"].clone()).unwrap();
            (t["term"].as_u64().unwrap(), amount)
        })
        .collect()
}

fn pairs(list: &[(u64, &str)]) -> Vec<(u64, Money)> {
    list.iter()
        .map(|(t, a)| (*t, Money::parse(a).unwrap()))
        .collect()
}

#[tokio::test]
async fn the_vectors_of_purchase_md() {
    let w = start().await;
    let token = w.token().await;
    // 116994755: preferred (L), Ontario, AIR 0.3099: plans 4, 5, 6.
    let body = quote(&w, &token, 116994755, json!(1000.00)).await;
    assert_eq!(body["account_number"], 116994755);
    assert_eq!(body["account_type"], "consumer");
    assert_eq!(body["amount"], json!(1000));
    assert_eq!(
        body["customer"],
        json!({ "available_credit": 14000, "air": 0.3099, "first_name": "Flexiti",
                "last_name": "MITester", "category_type": "preferred" })
    );
    assert_eq!(
        body["regular_purchase"],
        json!({ "term_amount": 1000, "air": 0.3099, "verify": false, "fees": [] })
    );
    assert_eq!(plan_ids(&body), [4, 5, 6]);
    assert_eq!(
        terms(&body, 4),
        pairs(&[(3, "338.90"), (6, "171.56"), (12, "87.91"), (24, "46.14")])
    );
    assert_eq!(terms(&body, 5), pairs(&[(6, "175.00"), (12, "87.50")]));
    assert_eq!(terms(&body, 6), pairs(&[(6, "1000.00"), (12, "1000.00")]));
    let plan4 = &body["promotional_purchase"][0];
    assert_eq!(plan4["plan_name"], "Equal payments, regular interest");
    let rate = &plan4["terms"][0]["annual_rates"][0];
    assert_eq!(rate["rate"], json!(0.0999));
    assert_eq!(rate["type"], "air");
    assert_eq!(rate["description"], "Annual Interest Rate");
    assert!(rate["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(plan4["terms"][0]["fees"], json!([]));
    let plan5 = &body["promotional_purchase"][1];
    let fee = &plan5["terms"][0]["fees"][0];
    assert_eq!(fee["amount"], json!(49.99));
    assert_eq!(fee["type"], "admin_total");
    assert!(fee["message"].as_str().is_some_and(|m| !m.is_empty()));
    assert_eq!(plan5["terms"][0]["annual_rates"][0]["rate"], json!(0));
    // Plan 6 accrues at the account's AIR.
    assert_eq!(
        body["promotional_purchase"][2]["terms"][0]["annual_rates"][0]["rate"],
        json!(0.3099)
    );

    // The tie f64 gets wrong: (1000.34 + 49.99) / 6 = 175.055 → 175.06.
    let body = quote(&w, &token, 116994755, json!(1000.34)).await;
    assert_eq!(terms(&body, 5)[0], (6, Money::parse("175.06").unwrap()));
    // Flexiti's own example: 10.50, plan 4, 3 months → 3.56.
    let body = quote(&w, &token, 116994755, json!("10.50")).await;
    assert_eq!(terms(&body, 4)[0], (3, Money::parse("3.56").unwrap()));
    assert_eq!(body["amount"], json!(10.5));
    assert_eq!(body["regular_purchase"]["verify"], true);

    // Sophie Gagnon: preferred, Quebec: plan 7 (deferred, no interest), never plan 6.
    let body = quote(&w, &token, 300000001, json!(1000)).await;
    assert_eq!(plan_ids(&body), [4, 5, 7]);
    assert_eq!(terms(&body, 7), pairs(&[(6, "1000.00"), (12, "1000.00")]));
    assert_eq!(
        body["promotional_purchase"][2]["terms"][0]["annual_rates"][0]["rate"],
        json!(0)
    );
}

#[tokio::test]
async fn eligibility_by_category_and_the_customers_province() {
    let w = start().await;
    let token = w.token().await;
    // Prime outside Quebec: 6, never 7 (John Smith, premium H, Ontario).
    let body = quote(&w, &token, 123456789, json!(500)).await;
    assert_eq!(body["customer"]["category_type"], "premium");
    assert_eq!(plan_ids(&body), [4, 5, 6]);
    // Prime in Quebec: 7, never 6.
    assert_eq!(
        plan_ids(&quote(&w, &token, 300000001, json!(500)).await),
        [4, 5, 7]
    );
    // Standard in the rest of Canada (Priya Patel, Y, BC): plan 4 only.
    let body = quote(&w, &token, 300000003, json!(500)).await;
    assert_eq!(body["customer"]["category_type"], "standard");
    assert_eq!(plan_ids(&body), [4]);
    // Standard in Quebec (Luc Bouchard, Z): plan 4 only, not 7 either.
    assert_eq!(
        plan_ids(&quote(&w, &token, 300000002, json!(500)).await),
        [4]
    );
    // A business account quotes too (Martin Côté, preferred, Ontario).
    let body = quote(&w, &token, 20035156, json!(500)).await;
    assert_eq!(body["account_type"], "business");
    assert_eq!(plan_ids(&body), [4, 5, 6]);
}

#[tokio::test]
async fn verify_turns_false_after_three_regular_purchases_in_24_hours() {
    use crate::support::{regular, sale};
    let w = start().await;
    let token = w.token().await;
    for n in 0..3 {
        let at = quote(&w, &token, 116994755, json!(50)).await;
        assert_eq!(
            at["regular_purchase"]["verify"], true,
            "after {n} purchases"
        );
        let (request_id, pin) = w.verified(&token, 116994755).await;
        let (status, body) = w
            .authorize(
                &token,
                &sale(116994755, "20.00", regular(), &request_id, &pin),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
    }
    let after = quote(&w, &token, 116994755, json!(50)).await;
    assert_eq!(after["regular_purchase"]["verify"], false);
    w.sandbox
        .controls()
        .advance_clock(std::time::Duration::from_secs(24 * 60 * 60));
    let next_day = quote(&w, &token, 116994755, json!(50)).await;
    assert_eq!(next_day["regular_purchase"]["verify"], true);
}

#[tokio::test]
async fn plans_start_at_ten_dollars_and_verify_stops_at_two_hundred() {
    let w = start().await;
    let token = w.token().await;
    let body = quote(&w, &token, 116994755, json!(9.99)).await;
    assert_eq!(body["promotional_purchase"], json!([]));
    assert_eq!(body["regular_purchase"]["term_amount"], json!(9.99));
    assert_eq!(
        plan_ids(&quote(&w, &token, 116994755, json!(10)).await),
        [4, 5, 6]
    );
    let at = quote(&w, &token, 116994755, json!(200)).await;
    assert_eq!(at["regular_purchase"]["verify"], true);
    let above = quote(&w, &token, 116994755, json!(200.01)).await;
    assert_eq!(above["regular_purchase"]["verify"], false);
    // Above the available credit still quotes (123456789 has 659.51).
    let body = quote(&w, &token, 123456789, json!(5000)).await;
    assert_eq!(body["customer"]["available_credit"], json!(659.51));
    assert_eq!(plan_ids(&body), [4, 5, 6]);
}

#[tokio::test]
async fn amounts_are_numbers_or_strings_and_never_rounded() {
    let w = start().await;
    let token = w.token().await;
    for good in [
        json!(0.01),
        json!("0.01"),
        json!(99999999.99),
        json!("99999999.99"),
        json!(" 12.5"),
    ] {
        let (status, body) =
            quote_raw(&w, &token, "116994755", "", json!({ "amount": good })).await;
        assert_eq!(status, StatusCode::OK, "{good}: {body}");
    }
    for bad in [
        json!(0),
        json!("0.00"),
        json!(-5),
        json!("-0.01"),
        json!(10.005),
        json!("1000.001"),
        json!(100000000),
        json!("100000000.00"),
        json!("12,50"),
        json!("abc"),
        json!(""),
        json!(true),
        json!([1]),
        json!({ "value": 1 }),
        json!(1e300),
    ] {
        let (status, body) = quote_raw(&w, &token, "116994755", "", json!({ "amount": bad })).await;
        assert_eq!(status, StatusCode::CONFLICT, "{bad}: {body}");
        assert_eq!(params(&body), ["amount"], "{bad}");
        assert_eq!(msg_of(&body, "amount"), Some("invalid"), "{bad}");
    }
    for missing in [json!({}), json!({ "amount": null })] {
        let (status, body) = quote_raw(&w, &token, "116994755", "", missing).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(msg_of(&body, "amount"), Some("required"));
    }
    // Every field at once: a bad lang and a bad amount.
    let (status, body) =
        quote_raw(&w, &token, "116994755", "?lang=de", json!({ "amount": 0 })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["lang", "amount"]);
}

#[tokio::test]
async fn errors_in_their_order() {
    let w = start().await;
    let token = w.token().await;
    let ok = json!({ "amount": 100 });
    // Unknown or malformed account numbers: 404 not_found.
    for account in ["999999999", "0", "123456789012345", "12a45"] {
        let (status, body) = quote_raw(&w, &token, account, "", ok.clone()).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{account}");
        assert_eq!(body["error"], "not_found");
    }
    // The body is checked first: an unknown account with a bad amount is wrong_inputs.
    let (status, body) = quote_raw(&w, &token, "999999999", "", json!({ "amount": -1 })).await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["amount"]);
    // Terms not accepted: user_not_active (Emma Brown, status N).
    let (status, body) = quote_raw(&w, &token, "300000009", "", ok.clone()).await;
    assert_eq!(
        (status, body["error"].clone()),
        (StatusCode::CONFLICT, json!("user_not_active"))
    );
    assert!(body["url"]
        .as_str()
        .unwrap()
        .ends_with("/accounts/300000009/calculate-interest"));
    // Every status but N: user_not_able_to_purchase.
    for account in [
        "300000005",
        "300000006",
        "300000007",
        "300000008",
        "234567890",
    ] {
        let (status, body) = quote_raw(&w, &token, account, "", ok.clone()).await;
        assert_eq!(status, StatusCode::CONFLICT, "{account}");
        assert_eq!(body["error"], "user_not_able_to_purchase", "{account}");
    }
    // Served under v2.5.1 only.
    let response = w
        .http
        .post(quote_url(&w, "/flexiti/pos-api/v2.5", "116994755", ""))
        .bearer_auth(&token)
        .header("x-reference-id", ref_id())
        .json(&ok)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    // GET is not the method.
    let response = w
        .http
        .get(quote_url(&w, API_PREFIX_V251, "116994755", ""))
        .bearer_auth(&token)
        .header("x-reference-id", ref_id())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    // Bearer and x-reference-id are checked as on every route.
    let response = w
        .http
        .post(quote_url(&w, API_PREFIX_V251, "116994755", ""))
        .header("x-reference-id", ref_id())
        .json(&ok)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    let (status, body) = status_json(
        w.http
            .post(quote_url(&w, API_PREFIX_V251, "116994755", ""))
            .bearer_auth(&token)
            .json(&ok)
            .send()
            .await
            .unwrap(),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["x-reference-id"]);
}

#[tokio::test]
async fn french_labels_customer_scope_faults_and_stats() {
    let w = start().await;
    // A customer-scope token may quote.
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    let (status, body) = quote_raw(
        &w,
        &customer,
        "300000001",
        "?lang=fr",
        json!({ "amount": "1000" }),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body["promotional_purchase"][0]["plan_name"],
        "Paiements égaux, taux d'intérêt standard"
    );
    assert_eq!(
        body["promotional_purchase"][0]["terms"][0]["annual_rates"][0]["description"],
        "Taux d'intérêt annuel"
    );
    // Faults name the route calculate_interest; the counter counts it.
    w.sandbox
        .controls()
        .add_fault(
            flexiti_sandbox::Fault::new(
                Some("calculate_interest"),
                FaultKind::Status { status: 503 },
            )
            .times(1),
        )
        .unwrap();
    let (status, _) = quote_raw(&w, &customer, "300000001", "", json!({ "amount": 1 })).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    let (status, _) = quote_raw(&w, &customer, "300000001", "", json!({ "amount": 1 })).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        w.sandbox.controls().stats().requests["calculate_interest"],
        3
    );
}

#[tokio::test]
async fn the_seeded_accounts_are_listed_and_reset_restores_them() {
    let w = start().await;
    let accounts: Value = w
        .http
        .get(format!("{}/_sandbox/accounts", w.sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    let accounts = accounts.as_array().unwrap();
    assert_eq!(accounts.len(), 13);
    let mitester = &accounts[0];
    assert_eq!(mitester["account_number"], 116994755);
    assert_eq!(mitester["customer_id"], "500001");
    assert_eq!(mitester["card_number"], "1070015210367982");
    assert_eq!(mitester["credit_limit"], json!(15000));
    assert_eq!(mitester["available_credit"], json!(14000));
    assert_eq!(mitester["air"], json!(0.3099));
    assert_eq!(mitester["risk_rating"], "L");
    assert_eq!(mitester["email"], "flexiti.mitester@example.com");
    let cote = accounts
        .iter()
        .find(|a| a["account_number"] == 20035156)
        .unwrap();
    assert_eq!(cote["authorized_users"][0]["customer_id"], "700001-2");
    assert_eq!(
        cote["authorized_users"][0]["card_number"],
        "1234567890101213"
    );
    let before = w.sandbox.controls().accounts();
    w.sandbox.controls().reset();
    assert_eq!(w.sandbox.controls().accounts(), before);
}
