//! The table of emulated routes: one place that names each route (for counters and
//! fault targeting), says whether a customer-scope token may call it, and that the
//! router, the OpenAPI test and the README all follow.

use axum::http::Method;

/// Where every v2.5 route lives.
pub const API_PREFIX: &str = "/flexiti/pos-api/v2.5";

/// One emulated route.
#[derive(Debug, Clone)]
pub struct RouteSpec {
    /// Short name used by counters and faults (`token`, `apply`, ...).
    pub name: &'static str,
    pub method: Method,
    /// The axum/OpenAPI path template, prefix included.
    pub path: &'static str,
    /// On the customer-scope list of `reference.md` §2.3.
    pub customer_scope: bool,
}

const fn route(
    name: &'static str,
    method: Method,
    path: &'static str,
    customer_scope: bool,
) -> RouteSpec {
    RouteSpec {
        name,
        method,
        path,
        customer_scope,
    }
}

pub const TOKEN_PATH: &str = "/flexiti/pos-api/v2.5/oauth/token";
pub const LOGIN_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/merchants/login";
pub const I18N_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/i18n";
pub const I18N_KEY_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/i18n/{key}";
pub const TERMS_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/terms-and-conditions";
pub const LICENCE_PATH: &str =
    "/flexiti/pos-api/v2.5/client-id/{client_id}/customers/driverslicense";
pub const APPLY_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/apply";
pub const SEARCH_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/customers/search";
pub const LOOKUP_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/customers/lookup";

/// Where the v2.5.1 routes live (each route is served under its version only).
pub const API_PREFIX_V251: &str = "/flexiti/pos-api/v2.5.1";
pub const CALCULATE_INTEREST_PATH: &str =
    "/flexiti/pos-api/v2.5.1/client-id/{client_id}/accounts/{account_number}/calculate-interest";

pub const VERIFY_PATH: &str =
    "/flexiti/pos-api/v2.5/client-id/{client_id}/account/{account_number}/verify";
pub const CAPTURE_PATH: &str =
    "/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{authorization_id}/capture";
pub const RELEASE_PATH: &str =
    "/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{authorization_id}/release";
pub const RETURN_PATH: &str = "/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{authorization_id}/capture/{capture_id}/return";
pub const REFUND_PATH: &str =
    "/flexiti/pos-api/v2.5/client-id/{client_id}/accounts/{account_number}/refund";
pub const AUTHORIZATION_PATH: &str = "/flexiti/pos-api/v2.5.1/client-id/{client_id}/authorization";
pub const AUTHORIZATION_GET_PATH: &str =
    "/flexiti/pos-api/v2.5.1/client-id/{client_id}/authorization/{authorization_id}";
pub const AUTHORIZATIONS_PATH: &str =
    "/flexiti/pos-api/v2.5.1/client-id/{client_id}/authorizations";
pub const CAPTURES_PATH: &str = "/flexiti/pos-api/v2.5.1/client-id/{client_id}/captures";

/// Every emulated route of the POS API.
pub const ROUTES: &[RouteSpec] = &[
    route("token", Method::POST, TOKEN_PATH, true),
    route("merchants_login", Method::POST, LOGIN_PATH, false),
    route("i18n", Method::GET, I18N_PATH, false),
    route("i18n", Method::POST, I18N_PATH, true),
    route("i18n_key", Method::GET, I18N_KEY_PATH, false),
    route("i18n_key", Method::POST, I18N_KEY_PATH, true),
    route("terms", Method::GET, TERMS_PATH, true),
    route("driverslicense", Method::POST, LICENCE_PATH, true),
    route("apply", Method::POST, APPLY_PATH, true),
    route("customers_search", Method::GET, SEARCH_PATH, false),
    route("customers_lookup", Method::GET, LOOKUP_PATH, false),
    route(
        "calculate_interest",
        Method::POST,
        CALCULATE_INTEREST_PATH,
        true,
    ),
    route("verify", Method::POST, VERIFY_PATH, true),
    route("authorization", Method::POST, AUTHORIZATION_PATH, true),
    route(
        "authorization_get",
        Method::GET,
        AUTHORIZATION_GET_PATH,
        false,
    ),
    route("authorizations", Method::GET, AUTHORIZATIONS_PATH, false),
    route("captures", Method::GET, CAPTURES_PATH, false),
    route("capture", Method::POST, CAPTURE_PATH, false),
    route("release", Method::POST, RELEASE_PATH, false),
    route("return", Method::POST, RETURN_PATH, false),
    route("refund", Method::POST, REFUND_PATH, false),
];

/// The route a matched path template and method belong to.
pub fn find(method: &Method, template: &str) -> Option<&'static RouteSpec> {
    ROUTES
        .iter()
        .find(|r| r.method == *method && r.path == template)
}

/// The distinct route names, for validating fault targets.
pub fn is_route_name(name: &str) -> bool {
    ROUTES.iter().any(|r| r.name == name)
}

/// The control routes under `/_sandbox/` (method, path), documented in the OpenAPI file.
pub const CONTROL_ROUTES: &[(Method, &str)] = &[
    (Method::GET, "/_sandbox/stats"),
    (Method::GET, "/_sandbox/settings"),
    (Method::PUT, "/_sandbox/settings"),
    (Method::GET, "/_sandbox/faults"),
    (Method::POST, "/_sandbox/faults"),
    (Method::DELETE, "/_sandbox/faults"),
    (Method::GET, "/_sandbox/omitted-lists"),
    (Method::PUT, "/_sandbox/omitted-lists"),
    (Method::POST, "/_sandbox/tokens/revoke"),
    (Method::GET, "/_sandbox/accounts"),
    (Method::GET, "/_sandbox/pins/{account_number}"),
    (Method::GET, "/_sandbox/clock"),
    (Method::POST, "/_sandbox/clock/advance"),
    (Method::POST, "/_sandbox/reset"),
    (Method::GET, "/_sandbox/openapi.json"),
];
