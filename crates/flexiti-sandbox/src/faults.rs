//! Latency and fault injection, per route or for all: a share of error statuses, an
//! HTML error page, a connection dropped after the request was handled, malformed JSON,
//! a body over 10 MiB, or extra delay. Also where each emulated request is counted.
//!
//! Status and HTML faults answer *instead of* the route (as a failing proxy would: the
//! request has no effect). Drop, malformed JSON and huge body faults act *after* the route
//! has run (the request took effect and its answer was lost or mangled), which is the
//! case a client must treat as "outcome unknown".

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{MatchedPath, Request, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use http_body_util::BodyExt;
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::errors::ApiError;
use crate::headers::valid_reference_id;
use crate::routes;
use crate::state::{SharedState, RECENT_REFERENCE_IDS};

/// Size of the oversized body fault: over 10 MiB, as the contract asks.
pub const HUGE_BODY_BYTES: usize = 11 * 1024 * 1024;

/// What a fault does.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum FaultKind {
    /// Answer this status instead of handling the request (JSON body in the contract's
    /// shape; `invalid_token` for 401).
    Status { status: u16 },
    /// Answer an HTML error page with this status (default 502), as a proxy would.
    Html {
        #[serde(default = "default_html_status")]
        status: u16,
    },
    /// Handle the request, then close the connection without answering.
    Drop,
    /// Handle the request, then answer 200 with its JSON body cut in half.
    MalformedJson,
    /// Handle the request, then answer 200 with a JSON body over 10 MiB.
    HugeBody,
    /// Wait this long before handling the request.
    Delay { ms: u64 },
}

fn default_html_status() -> u16 {
    502
}

fn default_probability() -> f64 {
    1.0
}

/// One fault rule.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Fault {
    /// A route name of the route table (`token`, `apply`, ...); absent: every emulated route.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    #[serde(flatten)]
    pub kind: FaultKind,
    /// The share of matching requests it hits, 0.0 to 1.0 (default 1.0).
    #[serde(default = "default_probability")]
    pub probability: f64,
    /// How many more times it may hit; absent: no limit.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub times: Option<u32>,
}

impl Fault {
    pub fn new(route: Option<&str>, kind: FaultKind) -> Self {
        Fault {
            route: route.map(str::to_owned),
            kind,
            probability: 1.0,
            times: None,
        }
    }

    /// Limits the rule to the next `n` hits.
    pub fn times(mut self, n: u32) -> Self {
        self.times = Some(n);
        self
    }

    pub fn probability(mut self, share: f64) -> Self {
        self.probability = share;
        self
    }

    /// Why the rule cannot be used, if it cannot.
    pub fn problem(&self) -> Option<&'static str> {
        if !(0.0..=1.0).contains(&self.probability) {
            return Some("probability must be between 0 and 1");
        }
        if self
            .route
            .as_deref()
            .is_some_and(|r| !routes::is_route_name(r))
        {
            return Some("route must be a route name of the emulator");
        }
        match self.kind {
            FaultKind::Status { status } | FaultKind::Html { status }
                if !(400..=599).contains(&status) =>
            {
                Some("status must be an error status, 400 to 599")
            }
            FaultKind::Delay { ms } if ms > 600_000 => Some("a delay is at most 600000 ms"),
            _ => None,
        }
    }
}

/// Put in a response's extensions: the server closes the connection instead of answering.
#[derive(Debug, Clone, Copy)]
pub struct DropConnection;

/// What the rules decided for one request.
#[derive(Default)]
struct Plan {
    delay: Duration,
    instead: Option<FaultKind>,
    after: Option<FaultKind>,
}

fn plan_for(
    state: &SharedState,
    route: &str,
    reference: Option<&str>,
    context_hash: Option<&str>,
) -> Plan {
    let mut inner = state.lock();
    *inner.stats.requests.entry(route.to_owned()).or_default() += 1;
    let well_formed = |h: &&str| h.len() == 64 && h.bytes().all(|b| b.is_ascii_hexdigit());
    if let Some(hash) = context_hash.filter(well_formed) {
        let recent = inner
            .stats
            .context_hashes
            .entry(route.to_owned())
            .or_default();
        if recent.len() == RECENT_REFERENCE_IDS {
            recent.remove(0);
        }
        recent.push(hash.to_owned());
    }
    if let Some(reference) = reference.filter(|r| valid_reference_id(r)) {
        let recent = inner
            .stats
            .reference_ids
            .entry(route.to_owned())
            .or_default();
        if recent.len() == RECENT_REFERENCE_IDS {
            recent.remove(0);
        }
        recent.push(reference.to_owned());
    }
    let settings = inner.settings;
    let mut plan = Plan {
        delay: Duration::from_millis(random_between(
            settings.latency_min_ms,
            settings.latency_max_ms,
        )),
        ..Plan::default()
    };
    for fault in inner.faults.iter_mut() {
        let targets = fault.route.as_deref().is_none_or(|r| r == route);
        if !targets || fault.times == Some(0) || fastrand::f64() >= fault.probability {
            continue;
        }
        let slot = match &fault.kind {
            FaultKind::Delay { ms } => {
                plan.delay += Duration::from_millis(*ms);
                None
            }
            FaultKind::Status { .. } | FaultKind::Html { .. } => Some(&mut plan.instead),
            FaultKind::Drop | FaultKind::MalformedJson | FaultKind::HugeBody => {
                Some(&mut plan.after)
            }
        };
        if let Some(slot) = slot {
            if slot.is_some() {
                continue;
            }
            *slot = Some(fault.kind.clone());
        }
        if let Some(times) = fault.times.as_mut() {
            *times -= 1;
        }
    }
    inner.faults.retain(|f| f.times != Some(0));
    plan
}

fn random_between(min: u64, max: u64) -> u64 {
    if max <= min {
        min
    } else {
        fastrand::u64(min..=max)
    }
}

/// Counts concurrent `/oauth/token` requests for [`crate::Stats::max_concurrent_token_requests`].
struct InFlight<'a>(&'a SharedState);

impl<'a> InFlight<'a> {
    fn enter(state: &'a SharedState) -> Self {
        let mut inner = state.lock();
        inner.token_requests_in_flight += 1;
        inner.stats.token_requests += 1;
        let now = inner.token_requests_in_flight;
        let max = &mut inner.stats.max_concurrent_token_requests;
        *max = (*max).max(now);
        InFlight(state)
    }
}

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        let mut inner = self.0.lock();
        inner.token_requests_in_flight = inner.token_requests_in_flight.saturating_sub(1);
    }
}

/// Route-layer middleware on every emulated route.
pub async fn inject(
    State(state): State<SharedState>,
    matched: MatchedPath,
    request: Request,
    next: Next,
) -> Response {
    let route = routes::find(request.method(), matched.as_str()).map_or("unknown", |r| r.name);
    let _in_flight = (route == "token").then(|| InFlight::enter(&state));
    let reference = request
        .headers()
        .get("x-reference-id")
        .and_then(|v| v.to_str().ok());
    let context_hash = request
        .headers()
        .get("x-context-hash")
        .and_then(|v| v.to_str().ok());
    let plan = plan_for(&state, route, reference, context_hash);
    if !plan.delay.is_zero() {
        tokio::time::sleep(plan.delay).await;
    }
    match plan.instead {
        Some(FaultKind::Status { status }) => return status_fault(status),
        Some(FaultKind::Html { status }) => return html_fault(status),
        _ => {}
    }
    let response = next.run(request).await;
    match plan.after {
        Some(FaultKind::Drop) => {
            let mut dropped = StatusCode::INTERNAL_SERVER_ERROR.into_response();
            dropped.extensions_mut().insert(DropConnection);
            dropped
        }
        Some(FaultKind::MalformedJson) => malformed(response).await,
        Some(FaultKind::HugeBody) => huge_body(),
        _ => response,
    }
}

fn status_code(status: u16) -> StatusCode {
    StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR)
}

fn status_fault(status: u16) -> Response {
    let status = status_code(status);
    match status {
        StatusCode::UNAUTHORIZED => ApiError::InvalidToken { expired: false }.into_response(),
        StatusCode::FORBIDDEN => ApiError::InsufficientScope.into_response(),
        _ => ApiError::Business {
            status,
            error: if status.is_server_error() {
                "server_error"
            } else {
                "general_error"
            },
            message: "Injected fault",
        }
        .into_response(),
    }
}

fn html_fault(status: u16) -> Response {
    let status = status_code(status);
    let reason = status.canonical_reason().unwrap_or("Error");
    let page = format!(
        "<!DOCTYPE html>\n<html><head><title>{code} {reason}</title></head>\
         <body><center><h1>{code} {reason}</h1></center><hr><center>nginx</center></body></html>\n",
        code = status.as_u16()
    );
    let mut response = (status, page).into_response();
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("text/html; charset=utf-8"),
    );
    response
}

async fn malformed(response: Response) -> Response {
    let bytes = response
        .into_body()
        .collect()
        .await
        .map(|c| c.to_bytes())
        .unwrap_or_default();
    let cut = bytes.slice(..bytes.len() / 2);
    let mut mangled = (StatusCode::OK, cut).into_response();
    mangled.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    mangled
}

/// A syntactically valid JSON object over 10 MiB, streamed in chunks (no length given).
fn huge_body() -> Response {
    const CHUNK: usize = 64 * 1024;
    let filler = Bytes::from(vec![b'a'; CHUNK]);
    let chunks = HUGE_BODY_BYTES / CHUNK;
    let head = Bytes::from_static(b"{\"padding\":\"");
    let tail = Bytes::from_static(b"\"}");
    let stream = futures_util::stream::iter(
        std::iter::once(head)
            .chain(std::iter::repeat_n(filler, chunks))
            .chain(std::iter::once(tail))
            .map(Ok::<Bytes, std::convert::Infallible>),
    );
    let mut response = Response::new(Body::from_stream(stream));
    response.headers_mut().insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/json"),
    );
    response
}

/// The JSON of a rule, for `/_sandbox/faults` and error messages.
pub fn describe(faults: &[Fault]) -> serde_json::Value {
    json!({ "faults": faults })
}
