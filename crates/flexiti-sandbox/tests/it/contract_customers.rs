//! `GET v2.5 customers/search` and `customers/lookup` over real HTTP, as purchase.md
//! decides: matching rules, answer shapes, authorized users, every error in its order.

use reqwest::{Method, StatusCode};
use serde_json::{json, Value};

use crate::support::{msg_of, params, start, status_json, World};

async fn get(w: &World, token: &str, path: &str) -> (StatusCode, Value) {
    status_json(w.call(Method::GET, path, token).send().await.unwrap()).await
}

fn numbers(body: &Value) -> Vec<u64> {
    body.as_array()
        .unwrap()
        .iter()
        .map(|r| r["account_number"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn search_answers_flexitis_example_for_john_smith() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = get(
        &w,
        &token,
        "/customers/search?first_name=John&last_name=Smith&dob=1900-01-01",
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!([
          { "customer_id": "123321", "account_status": "N", "account_status_reason_code": "NNOR",
            "tos_agreement": true, "risk_rating": "H", "account_number": 123456789,
            "account_type": "consumer", "credit_limit": "1000.00", "available_credit": "659.51",
            "originating_merchant_id": "12345", "originating_merchant_name": "ACME Jewellers",
            "first_name": "John", "last_name": "Smith", "card_ending_in": "5941",
            "preferred_language": "fr-CA", "creation_date": "2019-05-15" },
          { "customer_id": "123412", "account_status": "F", "account_status_reason_code": "FLCK",
            "tos_agreement": true, "risk_rating": "Y", "account_number": 234567890,
            "account_type": "business", "credit_limit": "1000.00", "available_credit": "847.00",
            "originating_merchant_id": "23456", "originating_merchant_name": "ACME Restorations",
            "first_name": "John", "last_name": "Smith", "card_ending_in": "6457",
            "preferred_language": "en-CA", "creation_date": "2019-04-15" }
        ])
    );
    // The postal code narrows, a space tolerated; another one finds nothing.
    let (_, body) = get(
        &w,
        &token,
        "/customers/search?first_name=john&last_name=SMITH&dob=1900-01-01&postal_code=k1a%200b1",
    )
    .await;
    assert_eq!(numbers(&body), [234567890]);
    let (status, body) = get(
        &w,
        &token,
        "/customers/search?first_name=John&last_name=Smith&dob=1900-01-01&postal_code=H2X1Y4",
    )
    .await;
    assert_eq!(
        (status, body["error"].clone()),
        (StatusCode::NOT_FOUND, json!("not_found"))
    );
}

#[tokio::test]
async fn search_ignores_case_and_accents_and_shows_authorized_users() {
    let w = start().await;
    let token = w.token().await;
    let (_, body) = get(
        &w,
        &token,
        "/customers/search?first_name=MARTIN&last_name=Cote&dob=1972-10-10",
    )
    .await;
    assert_eq!(numbers(&body), [20035156]);
    assert_eq!(body[0]["last_name"], "Côté");
    assert_eq!(body[0]["customer_id"], "700001");
    // The authorized user sees the business account with their own id and card.
    let (_, body) = get(
        &w,
        &token,
        "/customers/search?first_name=julie&last_name=c%C3%B4te&dob=1992-04-12",
    )
    .await;
    assert_eq!(numbers(&body), [20035156]);
    assert_eq!(body[0]["customer_id"], "700001-2");
    assert_eq!(body[0]["card_ending_in"], "1213");
    assert_eq!(body[0]["first_name"], "Julie");
    assert_eq!(body[0]["account_type"], "business");
    // Every status is listed (Marc Lavoie, C, reason null).
    let (_, body) = get(
        &w,
        &token,
        "/customers/search?first_name=Marc&last_name=Lavoie&dob=1975-07-07",
    )
    .await;
    assert_eq!(body[0]["account_status"], "C");
    assert_eq!(body[0]["account_status_reason_code"], Value::Null);
    // The wrong birth date finds nobody.
    let (status, _) = get(
        &w,
        &token,
        "/customers/search?first_name=Martin&last_name=Cote&dob=1972-10-11",
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
}

#[tokio::test]
async fn search_refuses_bad_criteria_all_at_once_and_customer_tokens() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = get(&w, &token, "/customers/search").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["first_name", "last_name", "dob"]);
    assert_eq!(msg_of(&body, "dob"), Some("required"));
    let long_first = "a".repeat(36);
    let long_last = "b".repeat(51);
    let (status, body) = get(
        &w,
        &token,
        &format!("/customers/search?first_name={long_first}&last_name={long_last}&dob=1900-13-01&postal_code=12345"),
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(
        params(&body),
        ["first_name", "last_name", "dob", "postal_code"]
    );
    assert_eq!(msg_of(&body, "first_name"), Some("length"));
    assert_eq!(msg_of(&body, "last_name"), Some("length"));
    assert_eq!(msg_of(&body, "dob"), Some("wrong format"));
    assert_eq!(msg_of(&body, "postal_code"), Some("wrong format"));
    // At the limits: 35 and 50 characters are fine (nobody matches: 404).
    let (status, _) = get(
        &w,
        &token,
        &format!(
            "/customers/search?first_name={}&last_name={}&dob=1900-01-01",
            "a".repeat(35),
            "b".repeat(50)
        ),
    )
    .await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    let customer = w.grant("customer").await["access_token"]
        .as_str()
        .unwrap()
        .to_owned();
    for path in [
        "/customers/search?first_name=John&last_name=Smith&dob=1900-01-01",
        "/customers/lookup?account_number=116994755",
    ] {
        let response = w.call(Method::GET, path, &customer).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::FORBIDDEN, "{path}");
    }
}

#[tokio::test]
async fn lookup_by_account_card_or_customer_id() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = get(&w, &token, "/customers/lookup?account_number=116994755").await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(
        body,
        json!({ "account_number": 116994755, "customer_id": 500001, "available_credit": 14000,
                "card_ending_in": "7982", "preferred_language": "en-CA", "risk_rating": "L",
                "security_qid": { "id": 6, "text": "What was the first concert you attended?" },
                "address_1": "123 ANY STREET", "address_2": "", "city": "TORONTO",
                "province": "ON", "postal_code": "M5J2H7", "payment_protection": false,
                "offer_types": [
                  { "plan_id": 4, "plan_name": "Equal payments, regular interest",
                    "offer_category": "equal_billing", "term_options": [3, 6, 12, 24] },
                  { "plan_id": 5, "plan_name": "Equal payments, no interest",
                    "offer_category": "equal_billing", "term_options": [6, 12] },
                  { "plan_id": 6, "plan_name": "No interest, no payments (S.A.C.)",
                    "offer_category": "deferred_payment", "term_options": [6, 12] } ] })
    );
    let (_, by_card) = get(&w, &token, "/customers/lookup?vcc_number=1070015210367982").await;
    assert_eq!(by_card, body);
    let (_, by_id) = get(&w, &token, "/customers/lookup?customer_id=500001").await;
    assert_eq!(by_id, body);
    // In French, a Quebec customer: plan 7, not 6; labels in French.
    let (_, body) = get(
        &w,
        &token,
        "/customers/lookup?account_number=300000001&lang=fr",
    )
    .await;
    let ids: Vec<u64> = body["offer_types"]
        .as_array()
        .unwrap()
        .iter()
        .map(|o| o["plan_id"].as_u64().unwrap())
        .collect();
    assert_eq!(ids, [4, 5, 7]);
    assert_eq!(
        body["security_qid"],
        json!({ "id": 7, "text": "Quel est le nom de la rue où vous avez grandi\u{202f}?" })
    );
    assert_eq!(body["city"], "MONTRÉAL");
    // A standard customer: plan 4 only.
    let (_, body) = get(&w, &token, "/customers/lookup?account_number=300000003").await;
    assert_eq!(body["offer_types"].as_array().unwrap().len(), 1);
    // An authorized user's card: the primary account, the user's card ending and question.
    let (_, body) = get(&w, &token, "/customers/lookup?vcc_number=1234567890101213").await;
    assert_eq!(body["account_number"], 20035156);
    assert_eq!(body["customer_id"], 700001);
    assert_eq!(body["card_ending_in"], "1213");
    assert_eq!(body["security_qid"]["id"], 4);
    // The holder's own card: the holder's ending and question.
    let (_, body) = get(&w, &token, "/customers/lookup?vcc_number=1070015220035156").await;
    assert_eq!(body["card_ending_in"], "5156");
    assert_eq!(body["security_qid"]["id"], 8);
}

#[tokio::test]
async fn lookup_errors_in_their_order() {
    let w = start().await;
    let token = w.token().await;
    let (status, body) = get(&w, &token, "/customers/lookup").await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["account_number"]);
    assert_eq!(msg_of(&body, "account_number"), Some("required"));
    let (_, body) = get(&w, &token, "/customers/lookup?lang=en").await;
    assert_eq!(params(&body), ["account_number"]);
    let (status, body) = get(
        &w,
        &token,
        "/customers/lookup?account_number=116994755&customer_id=500001",
    )
    .await;
    assert_eq!(status, StatusCode::CONFLICT);
    assert_eq!(params(&body), ["query"]);
    assert_eq!(msg_of(&body, "query"), Some("invalid"));
    for card in ["107001521036798", "10700152103679821", "107001521036798x"] {
        let (status, body) = get(&w, &token, &format!("/customers/lookup?vcc_number={card}")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{card}");
        assert_eq!(params(&body), ["vcc_number"]);
    }
    let (_, body) = get(
        &w,
        &token,
        "/customers/lookup?account_number=116994755&lang=de",
    )
    .await;
    assert_eq!(params(&body), ["lang"]);
    for path in [
        "/customers/lookup?account_number=999999999",
        "/customers/lookup?account_number=123456789012345",
        "/customers/lookup?account_number=12a",
        "/customers/lookup?vcc_number=1070015299999999",
        "/customers/lookup?customer_id=999999",
        // Customer ids are the primary holder's.
        "/customers/lookup?customer_id=700001-2",
    ] {
        let (status, body) = get(&w, &token, path).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{path}");
        assert_eq!(body["error"], "not_found");
    }
    let (status, body) = get(&w, &token, "/customers/lookup?account_number=300000009").await;
    assert_eq!(
        (status, body["error"].clone()),
        (StatusCode::CONFLICT, json!("user_not_active"))
    );
    for n in [
        "300000005",
        "300000006",
        "300000007",
        "300000008",
        "234567890",
    ] {
        let (status, body) =
            get(&w, &token, &format!("/customers/lookup?account_number={n}")).await;
        assert_eq!(status, StatusCode::CONFLICT, "{n}");
        assert_eq!(body["error"], "user_not_able_to_purchase", "{n}");
    }
    // Served under v2.5 only; faults name the routes.
    let response = w
        .http
        .get(format!(
            "{}{}/client-id/flexitidemo/customers/lookup?account_number=116994755",
            w.sandbox.base_url(),
            flexiti_sandbox::API_PREFIX_V251
        ))
        .bearer_auth(&token)
        .header("x-reference-id", crate::support::ref_id())
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    for (route, path) in [
        (
            "customers_lookup",
            "/customers/lookup?account_number=116994755",
        ),
        (
            "customers_search",
            "/customers/search?first_name=John&last_name=Smith&dob=1900-01-01",
        ),
    ] {
        w.sandbox
            .controls()
            .add_fault(
                flexiti_sandbox::Fault::new(
                    Some(route),
                    flexiti_sandbox::FaultKind::Status { status: 502 },
                )
                .times(1),
            )
            .unwrap();
        assert_eq!(
            get(&w, &token, path).await.0,
            StatusCode::BAD_GATEWAY,
            "{route}"
        );
        assert_eq!(get(&w, &token, path).await.0, StatusCode::OK, "{route}");
    }
}
