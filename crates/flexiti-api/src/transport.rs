//! One HTTP exchange: the request with its headers, the answer read under a size cap,
//! and the failure classified (connect, timeout, reset). Nothing here retries.

use std::time::Duration;

use reqwest::header::{HeaderValue, AUTHORIZATION, CONTENT_TYPE};
use reqwest::Method;
use serde::de::DeserializeOwned;
use url::Url;

use crate::error::{ApiError, ErrorEnvelope, TransportKind};
use crate::ids::{IdempotencyKey, ReferenceId};
use crate::secret::Secret;

/// A request body.
#[derive(Debug, Clone)]
pub(crate) enum Payload {
    None,
    Json(Vec<u8>),
    Form(String),
}

/// Everything one attempt sends.
pub(crate) struct Exchange<'a> {
    pub method: Method,
    pub url: Url,
    pub reference: &'a ReferenceId,
    pub bearer: Option<&'a Secret>,
    pub idempotency: Option<&'a IdempotencyKey>,
    /// `x-context-hash`: lowercase hex SHA-256 of the body, with the idempotency key.
    pub context_hash: Option<&'a str>,
    pub payload: &'a Payload,
    pub timeout: Duration,
}

/// A complete answer with a success status.
#[derive(Debug)]
pub(crate) struct Answer {
    pub body: Vec<u8>,
}

impl Answer {
    pub fn json<T: DeserializeOwned>(&self) -> Result<T, ApiError> {
        serde_json::from_slice(&self.body).map_err(|e| match read_error(&e) {
            // The reader met a bad amount before the end: a body that is not JSON at all
            // is malformed whatever came first.
            ApiError::BadAmount
                if serde_json::from_slice::<serde::de::IgnoredAny>(&self.body).is_err() =>
            {
                ApiError::Malformed
            }
            error => error,
        })
    }
}

/// The error of a success body that does not read: `BadAmount` when an amount or a rate
/// was refused for its decimals (`pos_core::money`'s `bad_amount`/`bad_rate`), else
/// `Malformed`.
pub(crate) fn read_error(error: &serde_json::Error) -> ApiError {
    let text = error.to_string();
    if text.starts_with("bad_amount") || text.starts_with("bad_rate") {
        ApiError::BadAmount
    } else {
        ApiError::Malformed
    }
}

pub(crate) fn classify(error: &reqwest::Error) -> TransportKind {
    if error.is_timeout() {
        TransportKind::Timeout
    } else if error.is_connect() {
        TransportKind::Connect
    } else if error.is_request() || error.is_body() || error.is_decode() {
        TransportKind::Reset
    } else {
        TransportKind::Other
    }
}

/// Sends once. Success statuses come back as an [`Answer`]; everything else as a typed error.
pub(crate) async fn send(
    http: &reqwest::Client,
    exchange: Exchange<'_>,
    max_bytes: usize,
    token_endpoint: bool,
) -> Result<Answer, ApiError> {
    let mut request = http
        .request(exchange.method, exchange.url)
        .timeout(exchange.timeout)
        .header("x-reference-id", exchange.reference.as_str())
        .header("accept", "application/json");
    if let Some(bearer) = exchange.bearer {
        let mut value = HeaderValue::from_str(&format!("Bearer {}", bearer.expose()))
            .map_err(|_| ApiError::Malformed)?;
        value.set_sensitive(true);
        request = request.header(AUTHORIZATION, value);
    }
    if let Some(key) = exchange.idempotency {
        request = request.header("x-idempotency-key", key.as_str());
    }
    if let Some(hash) = exchange.context_hash {
        request = request.header("x-context-hash", hash);
    }
    request = match exchange.payload {
        Payload::None => request,
        Payload::Json(bytes) => request
            .header(CONTENT_TYPE, "application/json")
            .body(bytes.clone()),
        Payload::Form(text) => request
            .header(CONTENT_TYPE, "application/x-www-form-urlencoded")
            .body(text.clone()),
    };
    let mut response = request
        .send()
        .await
        .map_err(|e| ApiError::Transport { kind: classify(&e) })?;
    let status = response.status().as_u16();
    let content_type = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .map(str::to_owned);
    if response
        .content_length()
        .is_some_and(|len| len > max_bytes as u64)
    {
        return Err(ApiError::TooLarge);
    }
    let mut body = Vec::new();
    while let Some(chunk) = response
        .chunk()
        .await
        .map_err(|e| ApiError::Transport { kind: classify(&e) })?
    {
        if body.len() + chunk.len() > max_bytes {
            return Err(ApiError::TooLarge);
        }
        body.extend_from_slice(&chunk);
    }
    interpret(status, content_type.as_deref(), body, token_endpoint)
}

/// What a complete answer means: a success body to read, or the typed error of its
/// status and body (an HTML page, the error envelope, or the status alone). Pure, so
/// that the parser tests (`crate::fuzzing`) run exactly this on any input.
pub(crate) fn interpret(
    status: u16,
    content_type: Option<&str>,
    body: Vec<u8>,
    token_endpoint: bool,
) -> Result<Answer, ApiError> {
    let html = content_type.is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        || body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<');
    match status {
        200..=299 if html => Err(ApiError::HtmlPage { status }),
        200..=299 => Ok(Answer { body }),
        _ => {
            let envelope = serde_json::from_slice::<ErrorEnvelope>(&body).ok();
            match envelope {
                Some(envelope) => Err(envelope.into_error(status, token_endpoint)),
                None if html && !matches!(status, 401 | 403 | 404) => {
                    Err(ApiError::HtmlPage { status })
                }
                None => Err(ErrorEnvelope::default().into_error(status, token_endpoint)),
            }
        }
    }
}
