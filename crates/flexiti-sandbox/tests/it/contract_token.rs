//! Contract tests of `POST /oauth/token`, one per rule, each with its negative case.

use std::time::Duration;

use flexiti_sandbox::{CLIENT_ID, CLIENT_SECRET};
use reqwest::StatusCode;
use serde_json::json;

use crate::support::{ref_id, start, status_json};

const CREDS: [(&str, &str); 2] = [("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)];

fn is_hex40(value: &serde_json::Value) -> bool {
    value.as_str().is_some_and(|s| {
        s.len() == 40
            && s.bytes()
                .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
    })
}

#[tokio::test]
async fn client_credentials_grant_issues_a_merchant_token_by_default() {
    let w = start().await;
    let (status, body) = status_json(w.token_request(&CREDS).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 1200);
    assert_eq!(body["scope"], "merchant");
    assert!(
        is_hex40(&body["access_token"]) && is_hex40(&body["refresh_token"]),
        "{body}"
    );
    assert_eq!(w.sandbox.controls().stats().client_credentials_grants, 1);
}

#[tokio::test]
async fn token_body_must_be_form_encoded_not_json() {
    let w = start().await;
    let response = w
        .http
        .post(w.url("/oauth/token"))
        .header("x-reference-id", ref_id())
        .json(&json!({ "client_id": CLIENT_ID, "client_secret": CLIENT_SECRET, "grant_type": "client_credentials" }))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    assert!(body["error_description"].is_string());
    assert_eq!(w.sandbox.controls().stats().token_grants(), 0);
}

#[tokio::test]
async fn token_credentials_in_the_query_string_are_refused() {
    let w = start().await;
    let url = format!(
        "{}?client_id={CLIENT_ID}&client_secret={CLIENT_SECRET}",
        w.url("/oauth/token")
    );
    let response = w
        .http
        .post(url)
        .header("x-reference-id", ref_id())
        .form(&CREDS)
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    // Only credentials are refused there: an unrelated query parameter is harmless.
    let url = format!("{}?trace=1", w.url("/oauth/token"));
    let response = w
        .http
        .post(url)
        .header("x-reference-id", ref_id())
        .form(&CREDS)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn token_requires_a_well_formed_reference_id() {
    let w = start().await;
    for reference in [
        None,
        Some("not-hex"),
        Some("0123456789ABCDEF0123456789ABCDEF"),
    ] {
        let mut request = w.http.post(w.url("/oauth/token")).form(&CREDS);
        if let Some(reference) = reference {
            request = request.header("x-reference-id", reference);
        }
        let (status, body) = status_json(request.send().await.unwrap()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_request")),
            "{reference:?}"
        );
    }
}

#[tokio::test]
async fn wrong_or_missing_client_credentials_are_invalid_client() {
    let w = start().await;
    for form in [
        vec![
            ("client_id", CLIENT_ID),
            ("client_secret", "77fde15a-0000-4e15-930a-76e4b3ae33e9"),
        ],
        vec![
            ("client_id", "someoneelse"),
            ("client_secret", CLIENT_SECRET),
        ],
        vec![("client_id", CLIENT_ID)],
        vec![],
    ] {
        let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_client")),
            "{form:?}"
        );
    }
}

#[tokio::test]
async fn unknown_grant_type_is_invalid_request() {
    let w = start().await;
    for grant in ["password", "authorization_code", "bogus"] {
        let form = [CREDS[0], CREDS[1], ("grant_type", grant)];
        let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
        assert_eq!(
            (status, body["error"].as_str()),
            (StatusCode::BAD_REQUEST, Some("invalid_request")),
            "{grant}"
        );
    }
}

#[tokio::test]
async fn scope_is_merchant_or_customer() {
    let w = start().await;
    assert_eq!(w.grant("customer").await["scope"], "customer");
    let form = [CREDS[0], CREDS[1], ("scope", "admin")];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_scope"))
    );
}

#[tokio::test]
async fn refresh_rotates_both_tokens_and_old_ones_stop_at_once() {
    let w = start().await;
    let first = w.grant("customer").await;
    let refresh = first["refresh_token"].as_str().unwrap();
    let form = [
        CREDS[0],
        CREDS[1],
        ("grant_type", "refresh_token"),
        ("refresh_token", refresh),
    ];
    let (status, second) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::OK);
    assert_ne!(second["access_token"], first["access_token"]);
    assert_ne!(second["refresh_token"], first["refresh_token"]);
    assert_eq!(
        second["scope"], "customer",
        "a refresh keeps the grant's scope"
    );

    // The old access token is dead...
    let old = first["access_token"].as_str().unwrap();
    let response = w
        .call(reqwest::Method::POST, "/i18n", old)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    // ...and so is the old refresh token.
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    let new = second["access_token"].as_str().unwrap();
    let response = w
        .call(reqwest::Method::POST, "/i18n", new)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(w.sandbox.controls().stats().refresh_grants, 1);
}

#[tokio::test]
async fn refresh_is_refused_after_expiry() {
    let w = start().await;
    w.sandbox
        .controls()
        .set_token_lifetime(Duration::from_secs(1));
    let first = w.grant("merchant").await;
    assert_eq!(first["expires_in"], 1);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let form = [
        CREDS[0],
        CREDS[1],
        ("grant_type", "refresh_token"),
        ("refresh_token", first["refresh_token"].as_str().unwrap()),
    ];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    assert!(
        body["error_description"]
            .as_str()
            .unwrap()
            .contains("expired"),
        "{body}"
    );
}

#[tokio::test]
async fn refresh_needs_a_refresh_token_of_this_client() {
    let w = start().await;
    let missing = [CREDS[0], CREDS[1], ("grant_type", "refresh_token")];
    let (status, body) = status_json(w.token_request(&missing).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
    let access = w.token().await;
    // An access token is not a refresh token.
    let form = [
        CREDS[0],
        CREDS[1],
        ("grant_type", "refresh_token"),
        ("refresh_token", access.as_str()),
    ];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
}

#[tokio::test]
async fn refresh_cannot_change_the_scope() {
    let w = start().await;
    let first = w.grant("customer").await;
    let form = [
        CREDS[0],
        CREDS[1],
        ("grant_type", "refresh_token"),
        ("refresh_token", first["refresh_token"].as_str().unwrap()),
        ("scope", "merchant"),
    ];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_scope"))
    );
}

#[tokio::test]
async fn repeated_form_parameters_are_refused() {
    let w = start().await;
    let form = [CREDS[0], CREDS[1], ("client_id", CLIENT_ID)];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

#[tokio::test]
async fn token_counters_count_every_request_and_grant() {
    let w = start().await;
    w.token().await;
    w.token().await;
    let _ = w.token_request(&[]).send().await.unwrap();
    let stats = w.sandbox.controls().stats();
    assert_eq!(stats.token_requests, 3);
    assert_eq!(stats.client_credentials_grants, 2);
    assert_eq!(stats.requests.get("token"), Some(&3));
}
