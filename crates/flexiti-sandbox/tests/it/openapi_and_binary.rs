//! The published OpenAPI description stays true to the routes and to the statuses they
//! answer (a tour over real HTTP provokes each documented status, and accepts no answer the
//! document does not list), and the binary serves the demo flow: token -> merchant login
//! (fr) -> i18n (fr) -> apply -> replay.

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader, Read};
use std::process::{Child, Command, Stdio};

use flexiti_sandbox::{
    CLIENT_ID, CLIENT_SECRET, CONTROL_ROUTES, OPENAPI_JSON, REP_PASSWORD, ROUTES,
};
use reqwest::StatusCode;
use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use crate::support::{
    application, application_for, context_hash, hex32, plan, ref_id, regular, request_id, sale,
    start, World,
};

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

// The tour: a scripted walk over real HTTP that makes every documented status honest. Each
// answer must be a status the document lists for that operation, and each status the
// document lists (bar `NOT_TOURED`) must be answered at least once.

/// Documented statuses the tour does not provoke, and why.
const NOT_TOURED: &[(u16, &str)] = &[(408, "a body that takes more than 30 s to arrive")];

/// One byte over the emulator's 1 MiB body cap.
const OVER_THE_CAP: usize = 1024 * 1024 + 1;

/// `contract_routes`' sample licence (the reference's barcode).
const SAMPLE_LICENCE: &str = "@\n\u{1e}\rANSI\n604428040101 DL00310219DLDCAunavI\nDCBNONE\nDCDNONE\nDBA20200515\nDCSNUMBER1\nDACENSTREAM \nDAD\nDBD20140516\nDBB19740515\nDBCZ\nDAYBLU\nDAU163 cm\nDAG55 UNIVERSITY AVE\nDAITORONTO\nDAJON\nDAKM5J 2H7\nDAQD61014070660905\nDCFPEJK368N4\nDCGCAN\nDDEU\nDDFU\nDDGU\r";

/// The seeded account most of the tour buys with (preferred, Ontario, 14 000.00 available).
const BUYER: &str = "116994755";
/// An account number of the right shape that nobody holds.
const NOBODY: &str = "99999999999999";

/// One documented operation.
struct Op {
    method: reqwest::Method,
    path: String,
    documented: BTreeSet<u16>,
    body: bool,
    customer_scope: bool,
}

impl Op {
    fn is_api(&self) -> bool {
        self.path.starts_with("/flexiti/")
    }
}

/// Every operation of the document, by `operationId` (unique).
fn operations(doc: &Value) -> BTreeMap<String, Op> {
    let mut ops = BTreeMap::new();
    for (path, item) in doc["paths"].as_object().unwrap() {
        for (method, op) in item.as_object().unwrap() {
            let id = op["operationId"]
                .as_str()
                .expect("every operation has an id");
            let documented = op["responses"]
                .as_object()
                .unwrap()
                .keys()
                .map(|s| s.parse().unwrap())
                .collect();
            let op = Op {
                method: reqwest::Method::from_bytes(method.to_uppercase().as_bytes()).unwrap(),
                path: path.clone(),
                documented,
                body: op.get("requestBody").is_some(),
                customer_scope: op["x-customer-scope"] == true,
            };
            assert!(ops.insert(id.to_owned(), op).is_none(), "{id} twice");
        }
    }
    ops
}

/// What came back: headers and JSON body (`null` when empty).
struct Answer {
    headers: reqwest::header::HeaderMap,
    body: Value,
}

/// A row of the tour: operation, why, request, expected status.
type Row<'a> = (&'a str, &'a str, reqwest::RequestBuilder, u16);

struct Tour<'a> {
    w: &'a World,
    ops: BTreeMap<String, Op>,
    merchant: String,
    customer: String,
    seen: BTreeSet<(String, u16)>,
}

impl Tour<'_> {
    fn op(&self, id: &str) -> &Op {
        self.ops
            .get(id)
            .unwrap_or_else(|| panic!("{id} is not documented"))
    }

    /// The operation's URL: `{client_id}` filled in, then `params` (name, value), then `query`.
    fn url(&self, id: &str, params: &[(&str, &str)], query: &str) -> String {
        let mut path = self.op(id).path.replace("{client_id}", CLIENT_ID);
        for (name, value) in params {
            path = path.replace(&format!("{{{name}}}"), value);
        }
        assert!(!path.contains('{'), "{id}: a path parameter is missing");
        format!("{}{path}{query}", self.w.sandbox.base_url())
    }

    /// A request without credentials (controls, or a POS route without a bearer).
    fn bare(&self, id: &str, params: &[(&str, &str)], query: &str) -> reqwest::RequestBuilder {
        let op = self.op(id);
        self.w
            .http
            .request(op.method.clone(), self.url(id, params, query))
    }

    /// A POS request with the merchant's bearer and a fresh `x-reference-id`.
    fn api(&self, id: &str, params: &[(&str, &str)], query: &str) -> reqwest::RequestBuilder {
        self.bare(id, params, query)
            .bearer_auth(&self.merchant)
            .header("x-reference-id", ref_id())
    }

    /// A money-moving request: the body's exact bytes under an idempotency key and their hash.
    fn keyed(
        &self,
        id: &str,
        params: &[(&str, &str)],
        query: &str,
        key: &str,
        body: &Value,
    ) -> reqwest::RequestBuilder {
        let bytes = serde_json::to_vec(body).unwrap();
        self.api(id, params, query)
            .header("content-type", "application/json")
            .header("x-idempotency-key", key)
            .header("x-context-hash", context_hash(&bytes))
            .body(bytes)
    }

    /// Sends each row in order; checks the status expected and documented.
    async fn run(&mut self, rows: Vec<Row<'_>>) -> Vec<Answer> {
        let mut answers = Vec::with_capacity(rows.len());
        for (id, why, request, expected) in rows {
            let response = request.send().await.unwrap();
            let status = response.status().as_u16();
            let headers = response.headers().clone();
            let text = response.text().await.unwrap();
            let body = serde_json::from_str(&text).unwrap_or(Value::Null);
            self.saw(id, why, status, expected, &text);
            answers.push(Answer { headers, body });
        }
        answers
    }

    fn saw(&mut self, id: &str, why: &str, status: u16, expected: u16, body: &str) {
        assert_eq!(status, expected, "{id}: {why}: {body}");
        assert!(
            self.op(id).documented.contains(&status),
            "{id} answered {status} ({why}), which the document does not list"
        );
        self.seen.insert((id.to_owned(), status));
    }

    /// The rules every operation shares: the bearer, the scope and `x-reference-id` on
    /// the POS routes, the body's cap, shape and framing, and web pages on the controls.
    async fn shared_rules(&mut self) {
        let samples = [
            ("key", "provinces"),
            ("account_number", BUYER),
            ("authorization_id", "12343"),
            ("capture_id", "346123"),
        ];
        let ids: Vec<String> = self.ops.keys().cloned().collect();
        for id in &ids {
            let id = id.as_str();
            let op = self.op(id);
            let params: Vec<(&str, &str)> = samples
                .iter()
                .filter(|(name, _)| op.path.contains(&format!("{{{name}}}")))
                .copied()
                .collect();
            let (api, body, customer_scope) = (op.is_api(), op.body, op.customer_scope);
            let is_control_change = !api && op.method != reqwest::Method::GET;
            if id == "token" {
                continue; // its own rows below: it answers only 200 or 400
            }
            let mut rows: Vec<Row> = Vec::new();
            let with_credentials = |tour: &Self| {
                if api {
                    tour.api(id, &params, "")
                } else {
                    tour.bare(id, &params, "")
                }
            };
            if api {
                let no_bearer = self
                    .bare(id, &params, "")
                    .header("x-reference-id", ref_id());
                rows.push((id, "no bearer", no_bearer, 401));
                if !customer_scope {
                    let customer = self
                        .bare(id, &params, "")
                        .bearer_auth(&self.customer)
                        .header("x-reference-id", ref_id());
                    rows.push((id, "a customer-scope token", customer, 403));
                }
                let no_reference = self.bare(id, &params, "").bearer_auth(&self.merchant);
                rows.push((id, "no x-reference-id", no_reference, 409));
            }
            if body {
                let huge = with_credentials(self)
                    .header("content-type", "application/json")
                    .body(vec![b' '; OVER_THE_CAP]);
                rows.push((id, "a body over 1 MiB", huge, 413));
                let array = with_credentials(self)
                    .header("content-type", "application/json")
                    .body("[1]");
                rows.push((id, "a body that is not a JSON object", array, 409));
            }
            if is_control_change {
                let from_a_page = self
                    .bare(id, &params, "")
                    .header("origin", "http://example.com")
                    .header("content-type", "application/json")
                    .body("{}");
                rows.push((id, "sent by a web page", from_a_page, 403));
            }
            self.run(rows).await;
            if body {
                let status = self.broken_body(id, &params).await;
                self.saw(id, "a broken chunked body", status, 400, "");
            }
        }
    }

    /// Sends a chunked body whose first chunk size is not hexadecimal; the status answered.
    async fn broken_body(&self, id: &str, params: &[(&str, &str)]) -> u16 {
        let op = self.op(id);
        let url = self.url(id, params, "");
        let path = url.strip_prefix(self.w.sandbox.base_url()).unwrap();
        let mut head = format!(
            "{} {path} HTTP/1.1\r\nhost: sandbox\r\ncontent-type: application/json\r\n\
             transfer-encoding: chunked\r\nconnection: close\r\n",
            op.method
        );
        if op.is_api() {
            head += &format!(
                "authorization: Bearer {}\r\nx-reference-id: {}\r\n",
                self.merchant,
                ref_id()
            );
        }
        head += "\r\nzz\r\n{}\r\n";
        let mut stream = tokio::net::TcpStream::connect(self.w.sandbox.local_addr())
            .await
            .unwrap();
        stream.write_all(head.as_bytes()).await.unwrap();
        let mut answer = Vec::new();
        let read = tokio::time::timeout(
            std::time::Duration::from_secs(10),
            stream.read_to_end(&mut answer),
        )
        .await;
        assert!(read.is_ok(), "{id}: no answer to a broken body");
        let answer = String::from_utf8_lossy(&answer);
        answer
            .strip_prefix("HTTP/1.1 ")
            .and_then(|rest| rest.get(..3))
            .and_then(|code| code.parse().ok())
            .unwrap_or_else(|| panic!("{id}: not an HTTP answer: {answer:?}"))
    }
}

/// An after-sale body at the Toronto store: `amount` (if any) and `extra` fields.
fn after_sale(employee: &str, amount: Option<&str>, extra: Value) -> Value {
    let mut body = json!({
        "reference": format!("{}-1", hex32()),
        "external_location_id": "00-12345",
        "external_employee_id": employee,
    });
    if let Some(amount) = amount {
        body["amount"] = serde_json::from_str(amount).unwrap();
    }
    for (k, v) in extra.as_object().unwrap() {
        body[k] = v.clone();
    }
    body
}

#[tokio::test]
async fn every_documented_status_is_answered_and_every_answer_documented() {
    let w = start().await;
    let mut t = Tour {
        w: &w,
        ops: operations(&document()),
        merchant: w.token().await,
        customer: w.grant("customer").await["access_token"]
            .as_str()
            .unwrap()
            .to_owned(),
        seen: BTreeSet::new(),
    };
    t.shared_rules().await;

    // Before any sale: the routes that need no earlier answer.
    let credentials = [
        ("client_id", CLIENT_ID),
        ("client_secret", CLIENT_SECRET),
        ("grant_type", "client_credentials"),
    ];
    let wrong_secret = [("client_id", CLIENT_ID), ("client_secret", "nope")];
    let rep = |user: &str, password: &str| json!({ "merchant_username": user, "merchant_password": password });
    let who = "?first_name=John&last_name=Smith&dob=1900-01-01";
    let nobody = "?first_name=No&last_name=Body&dob=1900-01-01";
    let question = |qid: u32, answer: &str| {
        json!({ "format": "security_question", "request_id": request_id(),
                "security_qid": qid, "security_answer": answer })
    };
    let sms = json!({ "format": "sms", "request_id": request_id() });
    let apply_key = hex32();
    #[rustfmt::skip]
    let rows: Vec<Row> = vec![
        ("token", "client credentials", w.token_request(&credentials), 200),
        ("token", "a wrong secret", w.token_request(&wrong_secret), 400),
        ("merchantsLogin", "the demo rep", t.api("merchantsLogin", &[], "?lang=fr").json(&rep("merchantonline", REP_PASSWORD)), 200),
        ("merchantsLogin", "a wrong password", t.api("merchantsLogin", &[], "").json(&rep("merchantonline", "nope")), 409),
        ("i18nGet", "every key", t.api("i18nGet", &[], "?lang=fr"), 200),
        ("i18nPost", "every key", t.api("i18nPost", &[], ""), 200),
        ("i18nKeyGet", "one key", t.api("i18nKeyGet", &[("key", "provinces")], ""), 200),
        ("i18nKeyGet", "an unknown key", t.api("i18nKeyGet", &[("key", "nope")], ""), 404),
        ("i18nKeyPost", "one key", t.api("i18nKeyPost", &[("key", "provinces")], ""), 200),
        ("i18nKeyPost", "an unknown key", t.api("i18nKeyPost", &[("key", "nope")], ""), 404),
        ("termsAndConditions", "Ontario", t.api("termsAndConditions", &[], "?province=ON"), 200),
        ("termsAndConditions", "no province", t.api("termsAndConditions", &[], ""), 409),
        ("driversLicense", "the sample", t.api("driversLicense", &[], "").json(&json!({ "code": SAMPLE_LICENCE })), 200),
        ("driversLicense", "not a barcode", t.api("driversLicense", &[], "").json(&json!({ "code": "nope" })), 409),
        ("apply", "the demo application", t.api("apply", &[], "").header("x-idempotency-key", &apply_key).json(&application()), 200),
        ("apply", "the same again: replayed", t.api("apply", &[], "").header("x-idempotency-key", &apply_key).json(&application()), 200),
        ("apply", "a declined applicant", t.api("apply", &[], "").json(&application_for("Dee", "D-NO_HIT")), 409),
        ("customersSearch", "John Smith", t.api("customersSearch", &[], who), 200),
        ("customersSearch", "nobody", t.api("customersSearch", &[], nobody), 404),
        ("customersLookup", "by account", t.api("customersLookup", &[], &format!("?account_number={BUYER}")), 200),
        ("customersLookup", "an unknown account", t.api("customersLookup", &[], &format!("?account_number={NOBODY}")), 404),
        ("customersLookup", "a frozen account", t.api("customersLookup", &[], "?account_number=300000006"), 409),
        ("calculateInterest", "1000.00", t.api("calculateInterest", &[("account_number", BUYER)], "").json(&json!({ "amount": 1000 })), 200),
        ("calculateInterest", "an unknown account", t.api("calculateInterest", &[("account_number", NOBODY)], "").json(&json!({ "amount": 1000 })), 404),
        ("calculateInterest", "terms not accepted", t.api("calculateInterest", &[("account_number", "300000009")], "").json(&json!({ "amount": 1000 })), 409),
        ("verify", "a PIN by sms", t.api("verify", &[("account_number", BUYER)], "").json(&sms), 200),
        ("verify", "sms without a mobile", t.api("verify", &[("account_number", "300000004")], "").json(&sms), 400),
        ("verify", "an unknown account", t.api("verify", &[("account_number", NOBODY)], "").json(&sms), 404),
        ("verify", "a wrong answer", t.api("verify", &[("account_number", "300000003")], "").json(&question(9, "Rabat")), 409),
        ("listAuthorizations", "none yet", t.api("listAuthorizations", &[], "?page_size=100"), 200),
        ("listAuthorizations", "page_size 0", t.api("listAuthorizations", &[], "?page_size=0"), 409),
        ("listCaptures", "none yet", t.api("listCaptures", &[], ""), 200),
        ("listCaptures", "a bad date", t.api("listCaptures", &[], "?creation_date_from=2026-13-01"), 409),
    ];
    let answers = t.run(rows).await;
    assert_eq!(answers[15].headers["x-idempotent-replayed"], "true");

    // The sales: a plan, a regular purchase and a hold, each with its own verification.
    let buyer: u64 = BUYER.parse().unwrap();
    let (r1, p1) = w.verified(&t.merchant, buyer).await;
    let (r2, p2) = w.verified(&t.merchant, buyer).await;
    let (r3, p3) = w.verified(&t.merchant, buyer).await;
    let plan_sale = sale(buyer, "1000.00", plan(4, 12), &r1, &p1);
    let mut hold = sale(buyer, "300.00", plan(4, 3), &r3, &p3);
    hold["auto_capture"] = json!(false);
    let stranger = sale(NOBODY.parse().unwrap(), "10.00", regular(), &r2, &p2);
    let used_pin = sale(buyer, "10.00", regular(), &r1, &p1);
    let sale_key = hex32();
    let authorize = |key: &str, body: &Value| t.keyed("authorize", &[], "?lang=en", key, body);
    #[rustfmt::skip]
    let rows: Vec<Row> = vec![
        ("authorize", "plan 4 × 12, captured", authorize(&sale_key, &plan_sale), 200),
        ("authorize", "a regular purchase", authorize(&hex32(), &sale(buyer, "50.00", regular(), &r2, &p2)), 200),
        ("authorize", "a hold", authorize(&hex32(), &hold), 200),
        ("authorize", "the first again: replayed", authorize(&sale_key, &plan_sale), 200),
        ("authorize", "an unknown account", authorize(&hex32(), &stranger), 404),
        ("authorize", "a used PIN", authorize(&hex32(), &used_pin), 409),
    ];
    let answers = t.run(rows).await;
    assert_eq!(answers[3].headers["x-idempotent-replayed"], "true");
    assert_eq!(answers[3].body, answers[0].body);
    let number = |value: &Value| value.as_u64().unwrap().to_string();
    let a1 = number(&answers[0].body["authorization_id"]);
    let c1 = number(&answers[0].body["captures"][0]["capture_id"]);
    let a2 = number(&answers[1].body["authorization_id"]);
    let c2 = number(&answers[1].body["captures"][0]["capture_id"]);
    let a3 = number(&answers[2].body["authorization_id"]);

    // After the sales.
    let staff = "merchantonline";
    let refund_key = hex32();
    let refund = json!({ "capture_id": c2 });
    let refund_body = after_sale(staff, Some("5.00"), refund.clone());
    let return_body =
        |employee: &str| after_sale(employee, Some("10.00"), json!({ "full_return": false }));
    let key = hex32;
    #[rustfmt::skip]
    let rows: Vec<Row> = vec![
        ("getAuthorization", "the plan sale", t.api("getAuthorization", &[("authorization_id", &a1)], ""), 200),
        ("getAuthorization", "an unknown id", t.api("getAuthorization", &[("authorization_id", "1")], ""), 404),
        ("listAuthorizations", "the buyer's", t.api("listAuthorizations", &[], &format!("?account_number={BUYER}")), 200),
        ("listCaptures", "the plan sale's", t.api("listCaptures", &[], &format!("?authorization_id={a1}")), 200),
        ("capture", "part of the hold", t.keyed("capture", &[("authorization_id", &a3)], "", &key(), &after_sale(staff, Some("100.00"), json!({}))), 200),
        ("capture", "an unknown authorization", t.keyed("capture", &[("authorization_id", "1")], "", &key(), &after_sale(staff, Some("1.00"), json!({}))), 404),
        ("capture", "a closed sale", t.keyed("capture", &[("authorization_id", &a1)], "", &key(), &after_sale(staff, Some("1.00"), json!({}))), 409),
        ("release", "the rest of the hold", t.keyed("release", &[("authorization_id", &a3)], "", &key(), &after_sale(staff, None, json!({}))), 200),
        ("release", "an unknown authorization", t.keyed("release", &[("authorization_id", "1")], "", &key(), &after_sale(staff, None, json!({}))), 404),
        ("release", "nothing left", t.keyed("release", &[("authorization_id", &a3)], "", &key(), &after_sale(staff, None, json!({}))), 409),
        ("returnCapture", "10.00 of the plan sale", t.keyed("returnCapture", &[("authorization_id", &a1), ("capture_id", &c1)], "", &key(), &return_body(staff)), 200),
        ("returnCapture", "an unknown capture", t.keyed("returnCapture", &[("authorization_id", &a1), ("capture_id", "1")], "", &key(), &return_body(staff)), 404),
        ("returnCapture", "by the trainee", t.keyed("returnCapture", &[("authorization_id", &a1), ("capture_id", &c1)], "", &key(), &return_body("trainee")), 409),
        ("returnCapture", "a regular purchase", t.keyed("returnCapture", &[("authorization_id", &a2), ("capture_id", &c2)], "", &key(), &return_body(staff)), 409),
        ("refund", "5.00 of the regular purchase", t.keyed("refund", &[("account_number", BUYER)], "", &refund_key, &refund_body), 200),
        ("refund", "the same key, another body", t.keyed("refund", &[("account_number", BUYER)], "", &refund_key, &after_sale(staff, Some("1.00"), refund.clone())), 409),
        ("refund", "an unknown account", t.keyed("refund", &[("account_number", NOBODY)], "", &key(), &after_sale(staff, Some("1.00"), refund)), 404),
        ("refund", "a plan sale", t.keyed("refund", &[("account_number", BUYER)], "", &key(), &after_sale(staff, Some("1.00"), json!({ "capture_id": c1 }))), 409),
    ];
    t.run(rows).await;

    // The controls.
    let ctl = |id: &str| t.bare(id, &[], "");
    let fault = json!({ "route": "refund", "kind": "delay", "ms": 0, "times": 1 });
    #[rustfmt::skip]
    let rows: Vec<Row> = vec![
        ("sandboxStats", "counters", ctl("sandboxStats"), 200),
        ("sandboxSettings", "settings", ctl("sandboxSettings"), 200),
        ("sandboxPutSettings", "PINs live 20 min", ctl("sandboxPutSettings").json(&json!({ "pin_lifetime_secs": 1200 })), 200),
        ("sandboxPutSettings", "a PIN that never lives", ctl("sandboxPutSettings").json(&json!({ "pin_lifetime_secs": 0 })), 400),
        ("sandboxFaults", "the rules", ctl("sandboxFaults"), 200),
        ("sandboxAddFault", "a harmless delay", ctl("sandboxAddFault").json(&fault), 201),
        ("sandboxAddFault", "an unknown route", ctl("sandboxAddFault").json(&json!({ "route": "nope", "kind": "drop" })), 400),
        ("sandboxClearFaults", "clear", ctl("sandboxClearFaults"), 204),
        ("sandboxOmittedLists", "none", ctl("sandboxOmittedLists"), 200),
        ("sandboxPutOmittedLists", "serve every list", ctl("sandboxPutOmittedLists").json(&json!({ "lists": [] })), 200),
        ("sandboxPutOmittedLists", "an unknown list", ctl("sandboxPutOmittedLists").json(&json!({ "lists": ["nope"] })), 400),
        ("sandboxRevoke", "revoke nothing", ctl("sandboxRevoke").json(&json!({ "access": false, "refresh": false })), 204),
        ("sandboxRevoke", "an unknown field", ctl("sandboxRevoke").json(&json!({ "everything": true })), 400),
        ("sandboxAccounts", "the world", ctl("sandboxAccounts"), 200),
        ("sandboxPins", "the buyer's", t.bare("sandboxPins", &[("account_number", BUYER)], ""), 200),
        ("sandboxPins", "not a number", t.bare("sandboxPins", &[("account_number", "abc")], ""), 400),
        ("sandboxClock", "now", ctl("sandboxClock"), 200),
        ("sandboxAdvanceClock", "a day", ctl("sandboxAdvanceClock").json(&json!({ "secs": 86_400 })), 200),
        ("sandboxAdvanceClock", "backwards", ctl("sandboxAdvanceClock").json(&json!({ "secs": -1 })), 400),
        ("sandboxOpenapi", "this document", ctl("sandboxOpenapi"), 200),
        ("sandboxReset", "reset", ctl("sandboxReset"), 204),
    ];
    t.run(rows).await;

    // Every documented status was answered, bar those the tour cannot provoke.
    let mut missing = Vec::new();
    for (id, op) in &t.ops {
        for status in &op.documented {
            let untoured = NOT_TOURED.iter().any(|(s, _)| s == status);
            if !untoured && !t.seen.contains(&(id.clone(), *status)) {
                missing.push(format!("{id} {status}"));
            }
        }
    }
    assert!(
        missing.is_empty(),
        "documented, never answered: {missing:?}"
    );
}
