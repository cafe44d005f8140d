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
