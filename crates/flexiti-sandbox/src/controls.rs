//! Test controls: the same operations from the library handle ([`Controls`]) and over
//! HTTP under `/_sandbox/` (for black-box tests in another process). A user of the app
//! never sees them; they exist so tests can prove what reached the server.

use std::collections::BTreeSet;
use std::time::Duration;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::Value;

use crate::body::JsonObject;
use crate::data::list_names;
use crate::errors::ApiError;
use crate::faults::{describe, Fault};
use crate::state::{Settings, SharedState, Stats};

/// Handle on a running emulator's settings, faults and counters.
#[derive(Clone)]
pub struct Controls {
    pub(crate) state: SharedState,
}

impl Controls {
    pub fn stats(&self) -> Stats {
        self.state.lock().stats.clone()
    }

    pub fn settings(&self) -> Settings {
        self.state.lock().settings
    }

    /// Tokens issued from now on live this long (`expires_in` is in whole seconds).
    pub fn set_token_lifetime(&self, lifetime: Duration) {
        self.state.lock().settings.token_lifetime_secs = lifetime.as_secs().max(1);
    }

    /// Every request waits a random time between `min` and `max` before it is handled.
    pub fn set_latency(&self, min: Duration, max: Duration) {
        let mut inner = self.state.lock();
        inner.settings.latency_min_ms = min.as_millis() as u64;
        inner.settings.latency_max_ms = (max.max(min)).as_millis() as u64;
    }

    /// Adds a fault rule; refused with the reason when it cannot be used.
    pub fn add_fault(&self, fault: Fault) -> Result<(), &'static str> {
        if let Some(problem) = fault.problem() {
            return Err(problem);
        }
        self.state.lock().faults.push(fault);
        Ok(())
    }

    pub fn faults(&self) -> Vec<Fault> {
        self.state.lock().faults.clone()
    }

    pub fn clear_faults(&self) {
        self.state.lock().faults.clear();
    }

    /// Every access token issued so far answers 401 from now on.
    pub fn revoke_access_tokens(&self) {
        self.state.lock().tokens.revoke_access();
    }

    /// Every access and refresh token issued since start or reset, oldest first (the
    /// latest 10,000). Library only: never served over HTTP.
    pub fn issued_tokens(&self) -> Vec<String> {
        self.state.lock().tokens.issued().to_vec()
    }

    /// Every refresh token issued so far is refused from now on.
    pub fn revoke_refresh_tokens(&self) {
        self.state.lock().tokens.revoke_refresh();
    }

    /// Leaves these option lists (`form_values` keys: `occupation`, `security_qid`, ...) out
    /// of what `merchants/login` (`form_values`) and `i18n` serve, in both languages, as a
    /// Flexiti that lacks them would; `i18n/{key}` of one answers 404. Replaces the previous
    /// set (empty serves every list again); `/apply` still checks codes against every list.
    /// Refused, with nothing changed, when a name is not a list of `form_values`.
    pub fn set_omitted_lists<I, S>(&self, names: I) -> Result<(), &'static str>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let names: BTreeSet<String> = names.into_iter().map(Into::into).collect();
        if names.iter().any(|n| !list_names().any(|known| known == n)) {
            return Err(UNKNOWN_LIST);
        }
        self.state.lock().omitted_lists = names;
        Ok(())
    }

    /// The option lists left out, sorted by name.
    pub fn omitted_lists(&self) -> Vec<String> {
        self.state.lock().omitted_lists.iter().cloned().collect()
    }

    /// The PINs issued for `account_number`, newest first (the app's Sandbox banner and
    /// tests read them here; the API never answers one sent by sms or email).
    pub fn pins(&self, account_number: u64) -> Vec<crate::ledger::PinRecord> {
        let inner = self.state.lock();
        inner.ledger.pins_of(account_number, inner.now())
    }

    /// The emulator's clock: now and its lead over UTC.
    pub fn clock(&self) -> Clock {
        let inner = self.state.lock();
        Clock {
            now: crate::ledger::timestamp(inner.now()),
            offset_secs: inner.clock_offset_secs,
        }
    }

    /// Moves the emulator's clock forward (PIN expiry, hold expiry, the 24 h and 48 h
    /// windows, the 100 days of returns, list dates; not tokens).
    pub fn advance_clock(&self, by: Duration) {
        let secs = i64::try_from(by.as_secs()).unwrap_or(MAX_ADVANCE_SECS);
        let mut inner = self.state.lock();
        inner.clock_offset_secs = inner
            .clock_offset_secs
            .saturating_add(secs)
            .min(MAX_ADVANCE_SECS);
    }

    /// Allows or refuses `merchant_override` verifications.
    pub fn set_merchant_override(&self, allowed: bool) {
        self.state.lock().settings.merchant_override = allowed;
    }

    /// Every account of the purchase world, whole card and balances, in seed order.
    pub fn accounts(&self) -> Vec<crate::world::Account> {
        let mut inner = self.state.lock();
        crate::handlers::money::expire_holds(&mut inner);
        inner.accounts.clone()
    }

    /// Start-up settings, no tokens, applications, faults or counts; every list served;
    /// the seeded accounts; no purchases, PINs or idempotency keys; the clock back to UTC.
    pub fn reset(&self) {
        self.state.reset();
    }

    /// Every application recorded (approved, pending, declined), oldest first: what a
    /// test counts applications per customer from.
    pub fn recorded_applications(&self) -> Vec<crate::applications::RecordedApplication> {
        self.recorded_applications_from(0)
    }

    /// The applications recorded after the first `start` ones (a long test reads only
    /// what is new each time).
    pub fn recorded_applications_from(
        &self,
        start: usize,
    ) -> Vec<crate::applications::RecordedApplication> {
        let inner = self.state.lock();
        inner
            .applications
            .recorded()
            .get(start..)
            .map(<[_]>::to_vec)
            .unwrap_or_default()
    }
}

/// The clock can be ahead by at most ten years (dates stay printable).
const MAX_ADVANCE_SECS: i64 = 10 * 366 * 24 * 60 * 60;

/// `GET /_sandbox/clock`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Clock {
    /// `YYYY-MM-DDThh:mm:ssZ`.
    pub now: String,
    pub offset_secs: i64,
}

/// `POST /_sandbox/clock/advance` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Advance {
    secs: u64,
}

/// `PUT /_sandbox/settings` body: any subset of the settings.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct SettingsPatch {
    token_lifetime_secs: Option<u64>,
    latency_min_ms: Option<u64>,
    latency_max_ms: Option<u64>,
    pin_lifetime_secs: Option<u64>,
    auth_expiry_days: Option<u64>,
    merchant_override: Option<bool>,
}

const UNKNOWN_LIST: &str = "lists are form_values keys: salutation, province, security_qid, \
     govid_type, govid_issuedby, occupation, housing_type, transaction_type, plan_id";

/// `PUT /_sandbox/omitted-lists` body and the answer of both its methods.
#[derive(Debug, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct OmittedLists {
    lists: Vec<String>,
}

/// `POST /_sandbox/tokens/revoke` body.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct Revoke {
    #[serde(default = "yes")]
    access: bool,
    #[serde(default = "yes")]
    refresh: bool,
}

fn yes() -> bool {
    true
}

fn control_error(message: &'static str) -> ApiError {
    ApiError::Business {
        status: StatusCode::BAD_REQUEST,
        error: "invalid_control",
        message,
    }
}

fn from_body<T: serde::de::DeserializeOwned>(
    body: serde_json::Map<String, Value>,
    message: &'static str,
) -> Result<T, ApiError> {
    serde_json::from_value(Value::Object(body)).map_err(|_| control_error(message))
}

async fn stats(State(controls): State<Controls>) -> Json<Stats> {
    Json(controls.stats())
}

async fn settings(State(controls): State<Controls>) -> Json<Settings> {
    Json(controls.settings())
}

async fn put_settings(
    State(controls): State<Controls>,
    JsonObject(body): JsonObject,
) -> Result<Json<Settings>, ApiError> {
    let patch: SettingsPatch = from_body(
        body,
        "settings are token_lifetime_secs, latency_min_ms, latency_max_ms, pin_lifetime_secs \
         and auth_expiry_days (whole numbers) and merchant_override (true or false)",
    )?;
    if patch.token_lifetime_secs == Some(0) {
        return Err(control_error("token_lifetime_secs must be at least 1"));
    }
    if patch
        .pin_lifetime_secs
        .is_some_and(|s| s == 0 || s > 86_400)
        || patch.auth_expiry_days.is_some_and(|d| d == 0 || d > 3_660)
    {
        return Err(control_error(
            "pin_lifetime_secs is 1 to 86400, auth_expiry_days 1 to 3660",
        ));
    }
    let mut inner = controls.state.lock();
    let s = &mut inner.settings;
    s.token_lifetime_secs = patch.token_lifetime_secs.unwrap_or(s.token_lifetime_secs);
    s.latency_min_ms = patch.latency_min_ms.unwrap_or(s.latency_min_ms);
    s.latency_max_ms = patch
        .latency_max_ms
        .unwrap_or(s.latency_max_ms)
        .max(s.latency_min_ms);
    s.pin_lifetime_secs = patch.pin_lifetime_secs.unwrap_or(s.pin_lifetime_secs);
    s.auth_expiry_days = patch.auth_expiry_days.unwrap_or(s.auth_expiry_days);
    s.merchant_override = patch.merchant_override.unwrap_or(s.merchant_override);
    Ok(Json(*s))
}

async fn faults(State(controls): State<Controls>) -> Json<Value> {
    Json(describe(&controls.faults()))
}

async fn add_fault(
    State(controls): State<Controls>,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let fault: Fault = from_body(
        body,
        "a fault is {route?, kind, status?, ms?, probability?, times?}",
    )?;
    controls.add_fault(fault).map_err(control_error)?;
    Ok((StatusCode::CREATED, Json(describe(&controls.faults()))).into_response())
}

async fn clear_faults(State(controls): State<Controls>) -> StatusCode {
    controls.clear_faults();
    StatusCode::NO_CONTENT
}

async fn revoke(
    State(controls): State<Controls>,
    JsonObject(body): JsonObject,
) -> Result<StatusCode, ApiError> {
    let revoke: Revoke = from_body(body, "revoke takes {access?: bool, refresh?: bool}")?;
    if revoke.access {
        controls.revoke_access_tokens();
    }
    if revoke.refresh {
        controls.revoke_refresh_tokens();
    }
    Ok(StatusCode::NO_CONTENT)
}

async fn omitted_lists(State(controls): State<Controls>) -> Json<OmittedLists> {
    Json(OmittedLists {
        lists: controls.omitted_lists(),
    })
}

async fn put_omitted_lists(
    State(controls): State<Controls>,
    JsonObject(body): JsonObject,
) -> Result<Json<OmittedLists>, ApiError> {
    let request: OmittedLists = from_body(body, "omitted lists are {lists: [name, ...]}")?;
    controls
        .set_omitted_lists(request.lists)
        .map_err(control_error)?;
    Ok(omitted_lists(State(controls)).await)
}

async fn accounts(State(controls): State<Controls>) -> Json<Vec<crate::world::Account>> {
    Json(controls.accounts())
}

async fn pins(
    State(controls): State<Controls>,
    axum::extract::Path(account_number): axum::extract::Path<String>,
) -> Result<Json<Vec<crate::ledger::PinRecord>>, ApiError> {
    let number = account_number
        .parse()
        .map_err(|_| control_error("an account number is digits"))?;
    Ok(Json(controls.pins(number)))
}

async fn clock(State(controls): State<Controls>) -> Json<Clock> {
    Json(controls.clock())
}

async fn advance_clock(
    State(controls): State<Controls>,
    JsonObject(body): JsonObject,
) -> Result<Json<Clock>, ApiError> {
    let advance: Advance = from_body(body, "advance takes {secs: whole number ≥ 0}")?;
    controls.advance_clock(Duration::from_secs(advance.secs));
    Ok(Json(controls.clock()))
}

async fn reset(State(controls): State<Controls>) -> StatusCode {
    controls.reset();
    StatusCode::NO_CONTENT
}

async fn openapi() -> Response {
    (
        [(axum::http::header::CONTENT_TYPE, "application/json")],
        crate::OPENAPI_JSON,
    )
        .into_response()
}

/// Refuses a control request that a web page sent: a browser names the page's origin on
/// every cross-site POST, PUT and DELETE (a plain-text body needs no preflight), while the
/// tests and tools that drive the emulator send none. A page open on the terminal must
/// not be able to fault or reset the training emulator.
async fn refuse_web_pages(
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let changes = request.method() != axum::http::Method::GET;
    if changes && request.headers().contains_key(axum::http::header::ORIGIN) {
        return (
            StatusCode::FORBIDDEN,
            Json(serde_json::json!({
                "error": "control_from_a_web_page",
                "error_description": "The emulator's controls do not answer web pages."
            })),
        )
            .into_response();
    }
    next.run(request).await
}

/// The `/_sandbox/` routes.
pub fn router(controls: Controls) -> Router {
    Router::new()
        .route("/_sandbox/stats", get(stats))
        .route("/_sandbox/settings", get(settings).put(put_settings))
        .route(
            "/_sandbox/faults",
            get(faults).post(add_fault).delete(clear_faults),
        )
        .route(
            "/_sandbox/omitted-lists",
            get(omitted_lists).put(put_omitted_lists),
        )
        .route("/_sandbox/tokens/revoke", post(revoke))
        .route("/_sandbox/accounts", get(accounts))
        .route("/_sandbox/pins/{account_number}", get(pins))
        .route("/_sandbox/clock", get(clock))
        .route("/_sandbox/clock/advance", post(advance_clock))
        .route("/_sandbox/reset", post(reset))
        .route("/_sandbox/openapi.json", get(openapi))
        .layer(axum::middleware::from_fn(refuse_web_pages))
        .with_state(controls)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_refusal_names_every_list() {
        let names: Vec<&str> = list_names().collect();
        assert!(UNKNOWN_LIST.ends_with(&names.join(", ")), "{UNKNOWN_LIST}");
    }
}
