//! Shared helpers of the contract tests: a running emulator, a plain HTTP client, and
//! the documented demo application. Every test talks to the emulator over real HTTP.

use flexiti_sandbox::{Sandbox, SandboxConfig, CLIENT_ID, CLIENT_SECRET};
use reqwest::{Client, RequestBuilder, Response, StatusCode};
use serde_json::{json, Value};

pub struct World {
    pub sandbox: Sandbox,
    pub http: Client,
}

pub async fn start() -> World {
    let sandbox = Sandbox::start(SandboxConfig::default())
        .await
        .expect("sandbox starts");
    let http = Client::builder().no_proxy().build().expect("client");
    World { sandbox, http }
}

pub fn ref_id() -> String {
    (0..32)
        .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
        .collect()
}

impl World {
    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.sandbox.api_url(), path)
    }

    pub fn client_url(&self, path: &str) -> String {
        self.url(&format!("/client-id/{CLIENT_ID}{path}"))
    }

    /// A form-encoded token request with a reference id.
    pub fn token_request(&self, form: &[(&str, &str)]) -> RequestBuilder {
        self.http
            .post(self.url("/oauth/token"))
            .header("x-reference-id", ref_id())
            .form(form)
    }

    pub async fn grant(&self, scope: &str) -> Value {
        let response = self
            .token_request(&[
                ("client_id", CLIENT_ID),
                ("client_secret", CLIENT_SECRET),
                ("grant_type", "client_credentials"),
                ("scope", scope),
            ])
            .send()
            .await
            .expect("token call");
        assert_eq!(response.status(), StatusCode::OK);
        response.json().await.expect("token json")
    }

    pub async fn token(&self) -> String {
        self.grant("merchant").await["access_token"]
            .as_str()
            .expect("access token")
            .to_owned()
    }

    /// An authorised request to `/client-id/flexitidemo{path}`.
    pub fn call(&self, method: reqwest::Method, path: &str, token: &str) -> RequestBuilder {
        self.http
            .request(method, self.client_url(path))
            .bearer_auth(token)
            .header("x-reference-id", ref_id())
    }

    pub async fn apply(&self, token: &str, body: &Value, key: Option<&str>) -> Response {
        let mut request = self
            .call(reqwest::Method::POST, "/apply?lang=en", token)
            .json(body);
        if let Some(key) = key {
            request = request.header("x-idempotency-key", key);
        }
        request.send().await.expect("apply call")
    }
}

/// Status and JSON body; the body must be JSON whatever the status.
pub async fn status_json(response: Response) -> (StatusCode, Value) {
    let status = response.status();
    let text = response.text().await.expect("body");
    let body =
        serde_json::from_str(&text).unwrap_or_else(|_| panic!("JSON body expected, got {text:?}"));
    (status, body)
}

/// The `param`s of a `wrong_inputs` body.
pub fn params(body: &Value) -> Vec<String> {
    assert_eq!(body["error"], "wrong_inputs", "{body}");
    body["field_errors"]
        .as_array()
        .expect("field_errors")
        .iter()
        .map(|e| e["param"].as_str().unwrap_or_default().to_owned())
        .collect()
}

/// `msg` of one field in a `wrong_inputs` body.
pub fn msg_of<'a>(body: &'a Value, param: &str) -> Option<&'a str> {
    body["field_errors"]
        .as_array()?
        .iter()
        .find(|e| e["param"] == param)?["msg"]
        .as_str()
}

/// The shared valid application (`pos_testkit::valid_application`: the contract's example,
/// every optional field filled) as the body of `POST /apply`; its ID expires three years
/// from today, so it stays valid.
pub fn application() -> Value {
    pos_testkit::apply_body()
}

/// The example application for another person (so duplicate detection stays out of the way).
pub fn application_for(first: &str, middle: &str) -> Value {
    let mut body = application();
    let personal = &mut body["customer_identification"]["personal_information"];
    personal["first_name"] = json!(first);
    personal["middle_name"] = json!(middle);
    personal["sin"] = Value::Null;
    body
}

/// The lowercase hex SHA-256 of `bytes`: the `x-context-hash` of a money-moving body.
pub fn context_hash(bytes: &[u8]) -> String {
    use sha2::{Digest, Sha256};
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// 20 random digits: a verification's `request_id`.
pub fn request_id() -> String {
    (0..20)
        .map(|_| char::from_digit(fastrand::u32(0..10), 10).unwrap_or('0'))
        .collect()
}

/// 32 random lowercase hex: a purchase's `reference` or an idempotency key.
pub fn hex32() -> String {
    ref_id()
}

impl World {
    /// `{base}{prefix}/client-id/flexitidemo{path}` with `prefix` `/flexiti/pos-api/v2.5`
    /// or `…/v2.5.1`.
    pub fn versioned_url(&self, prefix: &str, path: &str) -> String {
        format!(
            "{}{prefix}/client-id/{}{path}",
            self.sandbox.base_url(),
            flexiti_sandbox::CLIENT_ID
        )
    }

    /// A JSON call with a bearer and a fresh reference id; `key` adds the idempotency
    /// key and the context hash of the exact bytes sent.
    pub async fn send_json(
        &self,
        method: reqwest::Method,
        url: &str,
        token: &str,
        body: &Value,
        key: Option<&str>,
    ) -> (StatusCode, Value) {
        let bytes = serde_json::to_vec(body).expect("body");
        let mut request = self
            .http
            .request(method, url)
            .bearer_auth(token)
            .header("x-reference-id", ref_id())
            .header("content-type", "application/json");
        if let Some(key) = key {
            request = request
                .header("x-idempotency-key", key)
                .header("x-context-hash", context_hash(&bytes));
        }
        status_json(request.body(bytes).send().await.expect("call")).await
    }

    /// `POST v2.5 account/{n}/verify`.
    pub async fn verify(&self, token: &str, account: u64, body: &Value) -> (StatusCode, Value) {
        let url = self.versioned_url(
            flexiti_sandbox::API_PREFIX,
            &format!("/account/{account}/verify"),
        );
        self.send_json(reqwest::Method::POST, &url, token, body, None)
            .await
    }

    /// The PIN of the newest verification of `account` (from the controls).
    pub fn latest_pin(&self, account: u64) -> String {
        self.sandbox.controls().pins(account)[0].pin.clone()
    }

    /// Verifies `account` by its security question and returns `(request_id, pin)`.
    pub async fn verified(&self, token: &str, account: u64) -> (String, String) {
        let holder = self
            .sandbox
            .controls()
            .accounts()
            .into_iter()
            .find(|a| a.account_number == account)
            .expect("seeded account");
        let request_id = request_id();
        let (status, body) = self
            .verify(
                token,
                account,
                &json!({
                    "format": "security_question",
                    "request_id": request_id,
                    "security_qid": holder.security_qid,
                    "security_answer": holder.security_answer,
                }),
            )
            .await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let pin = body["verification_code"].to_string();
        (request_id, pin)
    }

    /// `POST v2.5.1 authorization?lang=en` with an idempotency key.
    pub async fn authorize(&self, token: &str, body: &Value) -> (StatusCode, Value) {
        let url = self.versioned_url(flexiti_sandbox::API_PREFIX_V251, "/authorization?lang=en");
        self.send_json(reqwest::Method::POST, &url, token, body, Some(&hex32()))
            .await
    }
}

/// A sale's body: `account` buys `amount` on `option` (`regular_purchase`, or a plan and
/// term) at the Toronto store, captured at once.
pub fn sale(account: u64, amount: &str, option: Value, request_id: &str, pin: &str) -> Value {
    json!({
        "account_number": account,
        "reference": hex32(),
        "financing_option": option,
        "amount": serde_json::from_str::<Value>(amount).expect("an amount is a JSON number"),
        "auto_capture": true,
        "verification_code": pin.parse::<u64>().map(|n| json!(n)).unwrap_or(json!(pin)),
        "request_id": request_id,
        "external_location_id": "00-12345",
        "external_employee_id": "merchantonline",
    })
}

/// `financing_option` of a regular purchase.
pub fn regular() -> Value {
    json!({ "transaction_type": "regular_purchase" })
}

/// `financing_option` of plan `plan_id` over `term` months.
pub fn plan(plan_id: u32, term: u32) -> Value {
    json!({ "transaction_type": "promotional_purchase", "plan_id": plan_id, "term": term })
}
