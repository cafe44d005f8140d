//! Which API version serves each route, in one table, so that a route moving to another
//! version is one line here and never a path string scattered through the client.

use reqwest::Method;

/// A version of the POS API, the `v2.5` or `v2.5.1` of the path.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ApiVersion {
    V2_5,
    V2_5_1,
}

impl ApiVersion {
    /// The path prefix every route of this version lives under (no leading slash).
    pub fn prefix(self) -> &'static str {
        match self {
            ApiVersion::V2_5 => "flexiti/pos-api/v2.5/",
            ApiVersion::V2_5_1 => "flexiti/pos-api/v2.5.1/",
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ApiVersion::V2_5 => "v2.5",
            ApiVersion::V2_5_1 => "v2.5.1",
        }
    }
}

/// Every route the client calls, named as the emulator names them (counters, faults).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Route {
    Token,
    MerchantsLogin,
    I18n,
    I18nKey,
    Terms,
    DriversLicense,
    Apply,
    CustomersSearch,
    CustomersLookup,
    CalculateInterest,
    Verify,
    Authorization,
    AuthorizationGet,
    Authorizations,
    Captures,
    Capture,
    Release,
    Return,
    Refund,
}

/// One row of the table.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RouteSpec {
    pub route: Route,
    /// The emulator's name of the route (`calculate_interest`, `authorization_get`...).
    pub name: &'static str,
    pub method: Method,
    pub version: ApiVersion,
    /// The path below `client-id/{client_id}/` (`oauth/token` is below the version).
    pub template: &'static str,
}

const fn spec(
    route: Route,
    name: &'static str,
    method: Method,
    version: ApiVersion,
    template: &'static str,
) -> RouteSpec {
    RouteSpec {
        route,
        name,
        method,
        version,
        template,
    }
}

use ApiVersion::{V2_5, V2_5_1};

/// The client's table of routes: which version serves which route.
pub const ROUTES: &[RouteSpec] = &[
    spec(Route::Token, "token", Method::POST, V2_5, "oauth/token"),
    spec(
        Route::MerchantsLogin,
        "merchants_login",
        Method::POST,
        V2_5,
        "merchants/login",
    ),
    spec(Route::I18n, "i18n", Method::GET, V2_5, "i18n"),
    spec(Route::I18nKey, "i18n_key", Method::GET, V2_5, "i18n/{key}"),
    spec(
        Route::Terms,
        "terms",
        Method::GET,
        V2_5,
        "terms-and-conditions",
    ),
    spec(
        Route::DriversLicense,
        "driverslicense",
        Method::POST,
        V2_5,
        "customers/driverslicense",
    ),
    spec(Route::Apply, "apply", Method::POST, V2_5, "apply"),
    spec(
        Route::CustomersSearch,
        "customers_search",
        Method::GET,
        V2_5,
        "customers/search",
    ),
    spec(
        Route::CustomersLookup,
        "customers_lookup",
        Method::GET,
        V2_5,
        "customers/lookup",
    ),
    spec(
        Route::CalculateInterest,
        "calculate_interest",
        Method::POST,
        V2_5_1,
        "accounts/{account_number}/calculate-interest",
    ),
    spec(
        Route::Verify,
        "verify",
        Method::POST,
        V2_5,
        "account/{account_number}/verify",
    ),
    spec(
        Route::Authorization,
        "authorization",
        Method::POST,
        V2_5_1,
        "authorization",
    ),
    spec(
        Route::AuthorizationGet,
        "authorization_get",
        Method::GET,
        V2_5_1,
        "authorization/{authorization_id}",
    ),
    spec(
        Route::Authorizations,
        "authorizations",
        Method::GET,
        V2_5_1,
        "authorizations",
    ),
    spec(Route::Captures, "captures", Method::GET, V2_5_1, "captures"),
    spec(
        Route::Capture,
        "capture",
        Method::POST,
        V2_5,
        "authorization/{authorization_id}/capture",
    ),
    spec(
        Route::Release,
        "release",
        Method::POST,
        V2_5,
        "authorization/{authorization_id}/release",
    ),
    spec(
        Route::Return,
        "return",
        Method::POST,
        V2_5,
        "authorization/{authorization_id}/capture/{capture_id}/return",
    ),
    spec(
        Route::Refund,
        "refund",
        Method::POST,
        V2_5,
        "accounts/{account_number}/refund",
    ),
];

impl Route {
    /// This route's row of [`ROUTES`].
    pub fn spec(self) -> &'static RouteSpec {
        // Every route has its row (checked by a test); the first row is never reached.
        ROUTES
            .iter()
            .find(|r| r.route == self)
            .unwrap_or(&ROUTES[0])
    }

    pub fn version(self) -> ApiVersion {
        self.spec().version
    }

    pub fn method(self) -> Method {
        self.spec().method.clone()
    }

    pub fn name(self) -> &'static str {
        self.spec().name
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_has_exactly_one_row() {
        let all = [
            Route::Token,
            Route::MerchantsLogin,
            Route::I18n,
            Route::I18nKey,
            Route::Terms,
            Route::DriversLicense,
            Route::Apply,
            Route::CustomersSearch,
            Route::CustomersLookup,
            Route::CalculateInterest,
            Route::Verify,
            Route::Authorization,
            Route::AuthorizationGet,
            Route::Authorizations,
            Route::Captures,
            Route::Capture,
            Route::Release,
            Route::Return,
            Route::Refund,
        ];
        assert_eq!(all.len(), ROUTES.len());
        for route in all {
            assert_eq!(
                ROUTES.iter().filter(|r| r.route == route).count(),
                1,
                "{route:?}"
            );
            assert_eq!(route.spec().route, route);
        }
    }

    #[test]
    fn versions_are_those_of_purchase_md() {
        let v251: Vec<&str> = ROUTES
            .iter()
            .filter(|r| r.version == ApiVersion::V2_5_1)
            .map(|r| r.name)
            .collect();
        assert_eq!(
            v251,
            [
                "calculate_interest",
                "authorization",
                "authorization_get",
                "authorizations",
                "captures"
            ]
        );
        assert_eq!(
            Route::Verify.spec().template,
            "account/{account_number}/verify"
        );
        assert_eq!(Route::Refund.version().prefix(), "flexiti/pos-api/v2.5/");
    }
}
