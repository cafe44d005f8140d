//! The published OpenAPI description stays true to the routes, and the binary serves
//! the demo flow: token -> merchant login (fr) -> i18n (fr) -> apply -> replay.

use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use flexiti_sandbox::{
    CLIENT_ID, CLIENT_SECRET, CONTROL_ROUTES, OPENAPI_JSON, REP_PASSWORD, ROUTES,
};
use reqwest::StatusCode;
use serde_json::{json, Value};

use crate::support::{application, ref_id, start};

fn document() -> Value {
    serde_json::from_str(OPENAPI_JSON).expect("openapi.json is JSON")
}

fn collect_refs(value: &Value, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            if let Some(Value::String(r)) = map.get("$ref") {
                out.push(r.clone());
            }
            map.values().for_each(|v| collect_refs(v, out));
        }
        Value::Array(items) => items.iter().for_each(|v| collect_refs(v, out)),
        _ => {}
    }
}

#[test]
fn openapi_documents_every_route_and_nothing_else() {
    let doc = document();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let paths = doc["paths"].as_object().expect("paths");
    let mut documented = Vec::new();
    for (path, item) in paths {
        for method in item.as_object().unwrap().keys() {
            documented.push((method.to_uppercase(), path.clone()));
        }
    }
    let mut served: Vec<(String, String)> = ROUTES
        .iter()
        .map(|r| (r.method.to_string(), r.path.to_owned()))
        .collect();
    served.extend(
        CONTROL_ROUTES
            .iter()
            .map(|(m, p)| (m.to_string(), (*p).to_owned())),
    );
    documented.sort();
    served.sort();
    assert_eq!(documented, served);
    for route in ROUTES {
        let op = &paths[route.path][route.method.as_str().to_lowercase()];
        if route.name != "token" {
            assert_eq!(
                op["x-customer-scope"], route.customer_scope,
                "{} {}",
                route.method, route.path
            );
        }
    }
}

#[test]
fn openapi_references_all_resolve() {
    let doc = document();
    let mut refs = Vec::new();
    collect_refs(&doc, &mut refs);
    assert!(!refs.is_empty());
    for r in refs {
        let pointer = r.strip_prefix('#').expect("local reference");
        assert!(doc.pointer(pointer).is_some(), "{r} does not resolve");
    }
}

#[tokio::test]
async fn every_documented_operation_is_served() {
    let w = start().await;
    let served: Value = w
        .http
        .get(format!("{}/_sandbox/openapi.json", w.sandbox.base_url()))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(served, document());
    for (path, item) in served["paths"].as_object().unwrap() {
        for method in item.as_object().unwrap().keys() {
            let url = format!(
                "{}{}",
                w.sandbox.base_url(),
                path.replace("{client_id}", CLIENT_ID)
                    .replace("{key}", "provinces")
            );
            let method = reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap();
            let response = w.http.request(method.clone(), url).send().await.unwrap();
            assert!(
                response.status() != StatusCode::NOT_FOUND
                    && response.status() != StatusCode::METHOD_NOT_ALLOWED,
                "{method} {path} is documented but not served"
            );
        }
    }
}

struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

#[tokio::test]
async fn binary_serves_the_demo_flow_and_logs_without_secrets() {
    let child = Command::new(env!("CARGO_BIN_EXE_flexiti-sandbox"))
        .args(["--port", "0", "--token-lifetime", "30"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("binary starts");
    let mut running = Running(child);
    let stdout = running.0.stdout.take().unwrap();
    let mut lines = BufReader::new(stdout).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .strip_prefix("listening on ")
        .expect("first line names the address")
        .to_owned();
    let banner: Vec<String> = lines.by_ref().take(6).map(|l| l.unwrap()).collect();
    assert!(
        banner
            .iter()
            .any(|l| l.contains(CLIENT_ID) && l.contains(CLIENT_SECRET)),
        "{banner:?}"
    );
    assert!(banner.iter().any(|l| l.contains("vendeur")), "{banner:?}");

    let http = reqwest::Client::builder().no_proxy().build().unwrap();
    let api = format!("{base}/flexiti/pos-api/v2.5");
    let token: Value = http
        .post(format!("{api}/oauth/token"))
        .header("x-reference-id", ref_id())
        .form(&[("client_id", CLIENT_ID), ("client_secret", CLIENT_SECRET)])
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(token["expires_in"], 30);
    let bearer = token["access_token"].as_str().unwrap().to_owned();
    let call = |method: reqwest::Method, path: &str| {
        http.request(method, format!("{api}/client-id/{CLIENT_ID}{path}"))
            .bearer_auth(&bearer)
            .header("x-reference-id", ref_id())
    };
    let login: Value = call(reqwest::Method::POST, "/merchants/login?lang=fr")
        .json(&json!({ "merchant_username": "vendeur", "merchant_password": REP_PASSWORD }))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(login["form_values"]["province"]["options"]["QC"], "Québec");
    let i18n: Value = call(reqwest::Method::GET, "/i18n?lang=fr")
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(i18n["provinces"]["PE"], "Île-du-Prince-Édouard");
    let apply = || {
        call(reqwest::Method::POST, "/apply?lang=fr")
            .header("x-idempotency-key", "demo-1")
            .json(&application())
            .send()
    };
    let first = apply().await.unwrap();
    assert_eq!(first.status(), StatusCode::OK);
    let first: Value = first.json().await.unwrap();
    assert_eq!(first["status"], "approved");
    let again: Value = apply().await.unwrap().json().await.unwrap();
    assert_eq!(again, first, "the same key replays the same answer");
    let stats: Value = http
        .get(format!("{base}/_sandbox/stats"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            stats["applications"].as_u64(),
            stats["idempotent_replays"].as_u64()
        ),
        (Some(1), Some(1))
    );

    // The request log: one line per request, nothing secret, no applicant data.
    let _ = running.0.kill();
    let _ = running.0.wait();
    let mut log = String::new();
    running
        .0
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut log)
        .unwrap();
    assert!(
        log.contains("POST /flexiti/pos-api/v2.5/client-id/flexitidemo/apply 200"),
        "{log}"
    );
    assert!(log.contains("ref="), "{log}");
    assert_eq!(log.matches("/apply").count(), 2, "{log}");
    for secret in [
        CLIENT_SECRET,
        &bearer,
        REP_PASSWORD,
        "Smith",
        "130692544",
        "john@example.com",
        "4165550123",
        "lang=fr",
    ] {
        assert!(!log.contains(secret), "the log leaks {secret}");
    }
}
