//! The test controls (library handle and `/_sandbox/` over HTTP), fault injection, and
//! malformed requests: every bad request gets a JSON answer, never a panic or a hang.

use std::time::{Duration, Instant};

use flexiti_sandbox::{Fault, FaultKind, HUGE_BODY_BYTES};
use reqwest::{Method, StatusCode};
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{application, msg_of, ref_id, start, status_json};

#[tokio::test]
async fn status_fault_answers_instead_of_the_route_then_stops() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Status { status: 503 }).times(1))
        .unwrap();
    let (status, body) =
        status_json(w.call(Method::GET, "/i18n", &token).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::SERVICE_UNAVAILABLE);
    assert!(body["url"].is_string() && body["error"].is_string());
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert!(
        w.sandbox.controls().faults().is_empty(),
        "a spent rule is removed"
    );
}

#[tokio::test]
async fn fault_targets_only_its_route() {
    let w = start().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Status { status: 500 }))
        .unwrap();
    let token = w.token().await;
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    assert_eq!(
        w.apply(&token, &application(), None).await.status(),
        StatusCode::INTERNAL_SERVER_ERROR
    );
    assert_eq!(
        w.sandbox.controls().stats().applications,
        0,
        "a status fault has no effect"
    );
}

#[tokio::test]
async fn status_fault_share_hits_about_that_share() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n_key"), FaultKind::Status { status: 502 }).probability(0.5))
        .unwrap();
    let mut failed = 0;
    for _ in 0..200 {
        if w.call(Method::GET, "/i18n/provinces", &token)
            .send()
            .await
            .unwrap()
            .status()
            == StatusCode::BAD_GATEWAY
        {
            failed += 1;
        }
    }
    assert!(
        (60..=140).contains(&failed),
        "{failed} of 200 failed for a share of 0.5"
    );
}

#[tokio::test]
async fn injected_401_looks_like_an_invalid_token() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(None, FaultKind::Status { status: 401 }).times(1))
        .unwrap();
    let (status, body) =
        status_json(w.call(Method::GET, "/i18n", &token).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::UNAUTHORIZED, Some("invalid_token"))
    );
}

#[tokio::test]
async fn html_fault_is_an_html_error_page() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Html { status: 502 }))
        .unwrap();
    let response = w.call(Method::GET, "/i18n", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_GATEWAY);
    assert!(response.headers()["content-type"]
        .to_str()
        .unwrap()
        .starts_with("text/html"));
    assert!(response.text().await.unwrap().contains("<html>"));
}

#[tokio::test]
async fn drop_fault_closes_the_connection_after_the_request_took_effect() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("apply"), FaultKind::Drop).times(1))
        .unwrap();
    let error = w
        .call(Method::POST, "/apply", &token)
        .header("x-idempotency-key", "drop-1")
        .json(&application())
        .send()
        .await
        .expect_err("no answer");
    assert!(!error.is_timeout(), "{error:?}");
    assert_eq!(
        w.sandbox.controls().stats().applications,
        1,
        "the application was recorded"
    );
    // The same key gets the decision that was lost.
    let (status, body) = status_json(w.apply(&token, &application(), Some("drop-1")).await).await;
    assert_eq!(
        (status, body["status"].as_str()),
        (StatusCode::OK, Some("approved"))
    );
    assert_eq!(w.sandbox.controls().stats().applications, 1);
}

#[tokio::test]
async fn malformed_json_fault_cuts_the_body() {
    let w = start().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("token"), FaultKind::MalformedJson))
        .unwrap();
    let response = w
        .token_request(&[
            ("client_id", flexiti_sandbox::CLIENT_ID),
            ("client_secret", flexiti_sandbox::CLIENT_SECRET),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let text = response.text().await.unwrap();
    assert!(
        text.starts_with('{') && serde_json::from_str::<Value>(&text).is_err(),
        "{text}"
    );
}

#[tokio::test]
async fn huge_body_fault_streams_over_ten_mebibytes() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::HugeBody))
        .unwrap();
    let response = w.call(Method::GET, "/i18n", &token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let bytes = response.bytes().await.unwrap();
    assert!(bytes.len() > 10 * 1024 * 1024 && bytes.len() >= HUGE_BODY_BYTES);
    assert!(
        serde_json::from_slice::<Value>(&bytes).is_ok(),
        "valid JSON, only too big"
    );
}

#[tokio::test]
async fn delay_fault_and_latency_setting_slow_requests_down() {
    let w = start().await;
    let token = w.token().await;
    w.sandbox
        .controls()
        .add_fault(Fault::new(Some("i18n"), FaultKind::Delay { ms: 300 }).times(1))
        .unwrap();
    let started = Instant::now();
    w.call(Method::GET, "/i18n", &token).send().await.unwrap();
    assert!(started.elapsed() >= Duration::from_millis(300));
    w.sandbox
        .controls()
        .set_latency(Duration::from_millis(150), Duration::from_millis(200));
    let started = Instant::now();
    w.call(Method::GET, "/i18n/provinces", &token)
        .send()
        .await
        .unwrap();
    assert!(started.elapsed() >= Duration::from_millis(150));
}

#[tokio::test]
async fn unusable_fault_rules_are_refused() {
    let w = start().await;
    let controls = w.sandbox.controls();
    assert!(controls
        .add_fault(Fault::new(Some("nowhere"), FaultKind::Drop))
        .is_err());
    assert!(controls
        .add_fault(Fault::new(None, FaultKind::Status { status: 200 }))
        .is_err());
    assert!(controls
        .add_fault(Fault::new(None, FaultKind::Drop).probability(1.5))
        .is_err());
    assert!(controls.faults().is_empty());
}

#[tokio::test]
async fn revoking_refresh_tokens_refuses_the_next_refresh() {
    let w = start().await;
    let grant = w.grant("merchant").await;
    w.sandbox.controls().revoke_refresh_tokens();
    let form = [
        ("client_id", flexiti_sandbox::CLIENT_ID),
        ("client_secret", flexiti_sandbox::CLIENT_SECRET),
        ("grant_type", "refresh_token"),
        ("refresh_token", grant["refresh_token"].as_str().unwrap()),
    ];
    let (status, body) = status_json(w.token_request(&form).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_grant"))
    );
    // The access token itself still works.
    let token = grant["access_token"].as_str().unwrap();
    assert_eq!(
        w.call(Method::GET, "/i18n", token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn http_controls_mirror_the_library_handle() {
    let w = start().await;
    let base = w.sandbox.base_url().to_owned();
    let http = &w.http;
    let settings: Value = http
        .put(format!("{base}/_sandbox/settings"))
        .json(&json!({ "token_lifetime_secs": 5, "latency_max_ms": 0 }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(settings["token_lifetime_secs"], 5);
    assert_eq!(w.grant("merchant").await["expires_in"], 5);

    let added = http
        .post(format!("{base}/_sandbox/faults"))
        .json(&json!({ "route": "i18n", "kind": "status", "status": 503, "times": 1 }))
        .send()
        .await
        .unwrap();
    assert_eq!(added.status(), StatusCode::CREATED);
    let listed: Value = http
        .get(format!("{base}/_sandbox/faults"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(listed["faults"][0]["kind"], "status");
    let bad = http
        .post(format!("{base}/_sandbox/faults"))
        .json(&json!({ "kind": "explode" }))
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(bad).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_control"))
    );
    assert_eq!(
        http.delete(format!("{base}/_sandbox/faults"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    assert!(w.sandbox.controls().faults().is_empty());

    let token = w.token().await;
    let revoke = http
        .post(format!("{base}/_sandbox/tokens/revoke"))
        .json(&json!({ "refresh": false }))
        .send()
        .await
        .unwrap();
    assert_eq!(revoke.status(), StatusCode::NO_CONTENT);
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::UNAUTHORIZED
    );

    let stats: Value = http
        .get(format!("{base}/_sandbox/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(stats["client_credentials_grants"], 2);
    assert_eq!(stats["requests"]["i18n"], 1);

    assert_eq!(
        http.post(format!("{base}/_sandbox/reset"))
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::NO_CONTENT
    );
    let stats = w.sandbox.controls().stats();
    assert_eq!((stats.token_requests, stats.token_grants()), (0, 0));
    assert_eq!(
        w.sandbox.controls().settings().token_lifetime_secs,
        1200,
        "reset restores start-up settings"
    );
}

#[tokio::test]
async fn unknown_route_and_wrong_method_get_contract_json() {
    let w = start().await;
    let (status, body) =
        status_json(w.http.get(w.url("/nothing/here")).send().await.unwrap()).await;
    assert_eq!(status, StatusCode::NOT_FOUND);
    assert_eq!(
        body,
        json!({ "url": "/flexiti/pos-api/v2.5/nothing/here", "message": "Not found", "error": "not_found" })
    );
    let (status, body) = status_json(w.http.get(w.url("/oauth/token")).send().await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::METHOD_NOT_ALLOWED, Some("method_not_allowed"))
    );
}

#[tokio::test]
async fn malformed_bodies_get_contract_json_errors() {
    let w = start().await;
    let token = w.token().await;
    let post = |body: Vec<u8>| {
        w.call(Method::POST, "/apply", &token)
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    for bad in [
        b"{\"a\":".to_vec(),
        vec![0xff, 0xfe, b'{', b'}'],
        b"[1,2,3]".to_vec(),
        b"null".to_vec(),
    ] {
        let (status, body) = status_json(post(bad.clone()).await.unwrap()).await;
        assert_eq!(status, StatusCode::CONFLICT, "{bad:?}");
        assert_eq!(msg_of(&body, "body"), Some("wrong format"));
    }
    let huge = vec![b' '; 2 * 1024 * 1024];
    let (status, body) = status_json(post(huge).await.unwrap()).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::PAYLOAD_TOO_LARGE, Some("payload_too_large"))
    );
    // Invalid UTF-8 in a form-encoded token request.
    let response = w
        .http
        .post(w.url("/oauth/token"))
        .header("x-reference-id", ref_id())
        .header("content-type", "application/x-www-form-urlencoded")
        .body(vec![0xff, 0xfe, 0x3d])
        .send()
        .await
        .unwrap();
    let (status, body) = status_json(response).await;
    assert_eq!(
        (status, body["error"].as_str()),
        (StatusCode::BAD_REQUEST, Some("invalid_request"))
    );
}

#[tokio::test]
async fn garbage_on_the_socket_does_not_hang_the_server() {
    let w = start().await;
    let mut stream = tokio::net::TcpStream::connect(w.sandbox.local_addr())
        .await
        .unwrap();
    stream
        .write_all(b"\x16\x03\x01 this is not http\r\n\r\n")
        .await
        .unwrap();
    let mut answer = Vec::new();
    let read = tokio::time::timeout(Duration::from_secs(5), stream.read_to_end(&mut answer)).await;
    assert!(read.is_ok(), "the server closes a garbage connection");
    // And keeps serving others.
    let token = w.token().await;
    assert_eq!(
        w.call(Method::GET, "/i18n", &token)
            .send()
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
}

#[tokio::test]
async fn dropping_the_handle_stops_the_server() {
    let w = start().await;
    let addr = w.sandbox.local_addr();
    drop(w);
    tokio::time::sleep(Duration::from_millis(50)).await;
    assert!(tokio::net::TcpStream::connect(addr).await.is_err());
}

#[tokio::test]
async fn concurrent_token_requests_are_counted() {
    let w = start().await;
    w.sandbox
        .controls()
        .set_latency(Duration::from_millis(100), Duration::from_millis(100));
    let calls = (0..5).map(|_| w.token());
    futures_util::future::join_all(calls).await;
    let stats = w.sandbox.controls().stats();
    assert_eq!(stats.client_credentials_grants, 5);
    assert!(stats.max_concurrent_token_requests >= 2, "{stats:?}");
}

#[tokio::test]
async fn a_web_page_cannot_drive_the_controls_and_a_huge_token_lifetime_does_not_break_tokens() {
    let w = start().await;
    let base = w.sandbox.base_url().trim_end_matches('/').to_owned();
    // What a page open on the terminal could send: a plain-text POST, no preflight.
    for (method, path) in [
        (Method::POST, "/_sandbox/reset"),
        (Method::POST, "/_sandbox/faults"),
        (Method::PUT, "/_sandbox/settings"),
        (Method::DELETE, "/_sandbox/faults"),
    ] {
        let refused = w
            .http
            .request(method.clone(), format!("{base}{path}"))
            .header("origin", "https://evil.example")
            .header("content-type", "text/plain")
            .body(r#"{"route":"apply","kind":"status","status":500}"#)
            .send()
            .await
            .unwrap();
        assert_eq!(refused.status(), StatusCode::FORBIDDEN, "{method} {path}");
    }
    assert!(
        w.sandbox.controls().faults().is_empty(),
        "no fault was added"
    );
    let set = w
        .http
        .put(format!("{base}/_sandbox/settings"))
        .json(&json!({ "token_lifetime_secs": u64::MAX }))
        .send()
        .await
        .unwrap();
    assert!(set.status().is_success());
    let grant = w.grant("merchant").await;
    assert!(
        grant["access_token"].is_string(),
        "tokens still issued: {grant}"
    );
}
