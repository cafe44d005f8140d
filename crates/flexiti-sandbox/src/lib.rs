//! `flexiti-sandbox`: a strict, faithful emulator of the Flexiti POS API v2.5
//! (`../shared/flexiti-api/contract.md`), usable in-process and as a binary.
//!
//! ```no_run
//! # async fn demo() -> std::io::Result<()> {
//! let sandbox = flexiti_sandbox::Sandbox::start(Default::default()).await?;
//! println!("{}", sandbox.base_url()); // http://127.0.0.1:PORT
//! sandbox.controls().set_token_lifetime(std::time::Duration::from_secs(2));
//! # Ok(()) }
//! ```
//! The server stops when the [`Sandbox`] is dropped.

mod aamva;
mod applications;
mod auth;
mod body;
mod controls;
mod data;
mod errors;
mod faults;
mod handlers;
mod headers;
mod idempotency;
mod ledger;
mod routes;
mod server;
mod state;
mod tokens;
mod world;

use std::io;
use std::net::{IpAddr, Ipv4Addr, SocketAddr};
use std::time::Duration;

use axum::middleware::{from_fn, from_fn_with_state};
use axum::routing::{get, post};
use axum::Router;
use tokio::net::TcpListener;
use tokio::task::JoinHandle;

pub use applications::RecordedApplication;
pub use controls::{Clock, Controls};
pub use data::{CLIENT_ID, CLIENT_SECRET, EMPLOYEE_ID, REPS, REP_PASSWORD, STORES};
pub use faults::{Fault, FaultKind, HUGE_BODY_BYTES};
pub use ledger::{PinRecord, PinState, VerifyFormat};
pub use routes::{RouteSpec, API_PREFIX, API_PREFIX_V251, CONTROL_ROUTES, ROUTES};
pub use state::{Settings, Stats};
pub use world::{
    Account, AuthorizedUser, Category, Eligibility, Plan, PlanKind, PlanRate, Store, CATALOGUE,
    PLAN_MINIMUM, STORE_RULES,
};

/// The OpenAPI 3 description of the emulated routes and the controls, served at
/// `/_sandbox/openapi.json`.
pub const OPENAPI_JSON: &str = include_str!("../openapi.json");

/// Default `expires_in`: Flexiti's 20 minutes.
pub const DEFAULT_TOKEN_LIFETIME: Duration = Duration::from_secs(1200);

/// How to start the emulator.
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// Address to bind; 127.0.0.1 by default.
    pub host: IpAddr,
    /// Port to bind; 0 (the default) takes any free port.
    pub port: u16,
    /// `expires_in` of issued tokens (whole seconds, at least 1).
    pub token_lifetime: Duration,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        SandboxConfig {
            host: IpAddr::V4(Ipv4Addr::LOCALHOST),
            port: 0,
            token_lifetime: DEFAULT_TOKEN_LIFETIME,
        }
    }
}

impl SandboxConfig {
    fn settings(&self) -> Settings {
        Settings {
            token_lifetime_secs: self.token_lifetime.as_secs().max(1),
            latency_min_ms: 0,
            latency_max_ms: 0,
            pin_lifetime_secs: state::PIN_LIFETIME_SECS,
            auth_expiry_days: state::AUTH_EXPIRY_DAYS,
            merchant_override: false,
        }
    }
}

/// A running emulator. Dropping it stops the server and closes its connections.
pub struct Sandbox {
    addr: SocketAddr,
    base_url: String,
    controls: Controls,
    task: JoinHandle<()>,
}

impl Sandbox {
    /// Binds the address and starts serving on the current tokio runtime.
    pub async fn start(config: SandboxConfig) -> io::Result<Sandbox> {
        let listener = TcpListener::bind(SocketAddr::new(config.host, config.port)).await?;
        let addr = listener.local_addr()?;
        let state = state::Shared::new(config.settings());
        let controls = Controls {
            state: state.clone(),
        };
        let router = app(state, controls.clone());
        let task = tokio::spawn(server::serve(listener, router, std::future::pending()));
        let host = match addr.ip() {
            IpAddr::V6(ip) => format!("[{ip}]"),
            IpAddr::V4(ip) => ip.to_string(),
        };
        Ok(Sandbox {
            addr,
            base_url: format!("http://{host}:{}", addr.port()),
            controls,
            task,
        })
    }

    /// `http://HOST:PORT`, the `{base}` of the contract's URLs.
    pub fn base_url(&self) -> &str {
        &self.base_url
    }

    /// `{base}/flexiti/pos-api/v2.5`.
    pub fn api_url(&self) -> String {
        format!("{}{API_PREFIX}", self.base_url)
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    /// Settings, faults and counters of this emulator.
    pub fn controls(&self) -> &Controls {
        &self.controls
    }
}

impl Drop for Sandbox {
    fn drop(&mut self) {
        self.task.abort();
    }
}

/// The whole router: emulated routes (faults, then bearer checks, then the handler),
/// the controls, and contract-shaped answers for unknown routes and wrong methods.
fn app(state: state::SharedState, controls: Controls) -> Router {
    use handlers::{
        after_sale, apply, authorization, calculate_interest, customers, i18n, licence, lists,
        login, terms, verify,
    };
    let token = Router::new()
        .route(routes::TOKEN_PATH, post(tokens::token))
        .route_layer(from_fn_with_state(state.clone(), faults::inject));
    let api = Router::new()
        .route(routes::LOGIN_PATH, post(login::login))
        .route(routes::I18N_PATH, get(i18n::all).post(i18n::all))
        .route(routes::I18N_KEY_PATH, get(i18n::by_key).post(i18n::by_key))
        .route(routes::TERMS_PATH, get(terms::terms))
        .route(routes::LICENCE_PATH, post(licence::decode))
        .route(routes::APPLY_PATH, post(apply::apply))
        .route(routes::SEARCH_PATH, get(customers::search))
        .route(routes::LOOKUP_PATH, get(customers::lookup))
        .route(
            routes::CALCULATE_INTEREST_PATH,
            post(calculate_interest::calculate_interest),
        )
        .route(routes::VERIFY_PATH, post(verify::verify))
        .route(routes::AUTHORIZATION_PATH, post(authorization::authorize))
        .route(
            routes::AUTHORIZATION_GET_PATH,
            get(authorization::get_authorization),
        )
        .route(routes::AUTHORIZATIONS_PATH, get(lists::authorizations))
        .route(routes::CAPTURES_PATH, get(lists::captures))
        .route(routes::CAPTURE_PATH, post(after_sale::capture))
        .route(routes::RELEASE_PATH, post(after_sale::release))
        .route(routes::RETURN_PATH, post(after_sale::return_capture))
        .route(routes::REFUND_PATH, post(after_sale::refund))
        .route_layer(from_fn_with_state(state.clone(), auth::require_bearer))
        .route_layer(from_fn_with_state(state.clone(), faults::inject));
    token
        .merge(api)
        .with_state(state)
        .merge(controls::router(controls))
        .fallback(errors::unknown_route)
        .method_not_allowed_fallback(errors::method_not_allowed)
        .layer(from_fn(errors::finish_error_bodies))
}
