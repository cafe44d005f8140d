//! `POST /oauth/token` and the token store: form-encoded credentials only, the
//! `client_credentials` and `refresh_token` grants, rotation on refresh, no refresh once
//! the access token has expired, scopes, and RFC 6749-style error bodies.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{header, HeaderMap};
use axum::Json;
use serde_json::{json, Value};

use crate::body::read_bytes;
use crate::data::{client_secret_matches, CLIENT_ID};
use crate::errors::ApiError;
use crate::headers::valid_reference_id;
use crate::state::SharedState;

/// What a token may be used for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Scope {
    Merchant,
    Customer,
}

impl Scope {
    fn parse(text: &str) -> Option<Scope> {
        match text {
            "merchant" => Some(Scope::Merchant),
            "customer" => Some(Scope::Customer),
            _ => None,
        }
    }

    fn as_str(self) -> &'static str {
        match self {
            Scope::Merchant => "merchant",
            Scope::Customer => "customer",
        }
    }
}

/// One issued access/refresh pair.
#[derive(Debug, Clone)]
pub struct Grant {
    pub client_id: String,
    pub scope: Scope,
    pub expires_at: Instant,
    pub revoked: bool,
}

/// What a bearer token turned out to be.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Bearer {
    Valid { client_id: String, scope: Scope },
    Expired,
    Invalid,
}

/// Access tokens by value, and the access token each live refresh token belongs to.
#[derive(Default)]
pub struct TokenStore {
    by_access: HashMap<String, Grant>,
    by_refresh: HashMap<String, String>,
    /// Every token handed out (the latest [`ISSUED_KEPT`]), so a test can prove none of
    /// them ever reached a place it must not (the app's screens, files or logs).
    issued: Vec<String>,
}

/// How many issued tokens are remembered for [`TokenStore::issued`].
const ISSUED_KEPT: usize = 10_000;

/// Expired tokens are remembered this long, so that they are reported as expired rather than unknown.
const REMEMBER_EXPIRED: Duration = Duration::from_secs(3600);

impl TokenStore {
    pub fn check(&self, access_token: &str, now: Instant) -> Bearer {
        match self.by_access.get(access_token) {
            Some(grant) if grant.revoked => Bearer::Invalid,
            Some(grant) if now >= grant.expires_at => Bearer::Expired,
            Some(grant) => Bearer::Valid {
                client_id: grant.client_id.clone(),
                scope: grant.scope,
            },
            None => Bearer::Invalid,
        }
    }

    fn issue(
        &mut self,
        client_id: &str,
        scope: Scope,
        lifetime: Duration,
        now: Instant,
    ) -> (String, String) {
        self.by_access
            .retain(|_, g| now.saturating_duration_since(g.expires_at) < REMEMBER_EXPIRED);
        let access = random_hex_40();
        let refresh = random_hex_40();
        if self.issued.len() + 2 > ISSUED_KEPT {
            self.issued.drain(..2);
        }
        self.issued.extend([access.clone(), refresh.clone()]);
        self.by_refresh.insert(refresh.clone(), access.clone());
        self.by_access.insert(
            access.clone(),
            Grant {
                client_id: client_id.to_owned(),
                scope,
                expires_at: now + lifetime,
                revoked: false,
            },
        );
        (access, refresh)
    }

    /// Rotates a pair: the old access and refresh tokens stop working at once.
    fn refresh(
        &mut self,
        client_id: &str,
        refresh_token: &str,
        lifetime: Duration,
        now: Instant,
    ) -> Result<(Scope, String, String), ApiError> {
        let invalid = ApiError::OAuth {
            error: "invalid_grant",
            description: "The refresh token is invalid.",
        };
        let access = self
            .by_refresh
            .get(refresh_token)
            .ok_or(invalid.clone())?
            .clone();
        let grant = self.by_access.get(&access).ok_or(invalid.clone())?;
        if grant.client_id != client_id || grant.revoked {
            return Err(invalid);
        }
        if now >= grant.expires_at {
            return Err(ApiError::OAuth {
                error: "invalid_grant",
                description:
                    "The access token has expired: a token cannot be refreshed after it expires.",
            });
        }
        let scope = grant.scope;
        self.by_refresh.remove(refresh_token);
        self.by_access.remove(&access);
        let (access, refresh) = self.issue(client_id, scope, lifetime, now);
        Ok((scope, access, refresh))
    }

    /// The access and refresh tokens issued so far, oldest first.
    pub fn issued(&self) -> &[String] {
        &self.issued
    }

    /// Every access token stops working (a 401 on its next use).
    pub fn revoke_access(&mut self) {
        self.by_access.values_mut().for_each(|g| g.revoked = true);
    }

    /// Every refresh token stops working (a refresh gets `invalid_grant`).
    pub fn revoke_refresh(&mut self) {
        self.by_refresh.clear();
    }
}

fn random_hex_40() -> String {
    let mut bytes = [0u8; 20];
    // An emulator without an OS random source cannot run at all; fall back to a weak source
    // rather than panic, tokens here guard nothing of value.
    if getrandom::fill(&mut bytes).is_err() {
        bytes.iter_mut().for_each(|b| *b = fastrand::u8(..));
    }
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

const CREDENTIAL_PARAMS: [&str; 5] = [
    "client_id",
    "client_secret",
    "grant_type",
    "refresh_token",
    "scope",
];

fn invalid_request(description: &'static str) -> ApiError {
    ApiError::OAuth {
        error: "invalid_request",
        description,
    }
}

/// `POST /oauth/token`.
pub async fn token(
    State(state): State<SharedState>,
    request: Request,
) -> Result<Json<Value>, ApiError> {
    let (parts, body) = request.into_parts();
    check_token_request_shape(&parts.headers, parts.uri.query())?;
    let params = read_form(body).await?;
    let get = |name: &str| {
        params
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    };

    let client_id = get("client_id").unwrap_or_default();
    let secret = get("client_secret").unwrap_or_default();
    if client_id != CLIENT_ID || !client_secret_matches(secret) {
        return Err(ApiError::OAuth {
            error: "invalid_client",
            description: "Client credentials are invalid",
        });
    }
    let requested_scope = match get("scope").filter(|s| !s.is_empty()) {
        None => None,
        Some(text) => Some(Scope::parse(text).ok_or(ApiError::OAuth {
            error: "invalid_scope",
            description: "The scope must be merchant or customer.",
        })?),
    };
    let now = Instant::now();
    let mut inner = state.lock();
    let lifetime = inner.settings.token_lifetime();
    let (scope, access, refresh) = match get("grant_type").unwrap_or("client_credentials") {
        "client_credentials" => {
            let scope = requested_scope.unwrap_or(Scope::Merchant);
            let (access, refresh) = inner.tokens.issue(client_id, scope, lifetime, now);
            inner.stats.client_credentials_grants += 1;
            (scope, access, refresh)
        }
        "refresh_token" => {
            let presented =
                get("refresh_token")
                    .filter(|t| !t.is_empty())
                    .ok_or(invalid_request(
                        "The refresh_token parameter is required with grant_type refresh_token.",
                    ))?;
            let (scope, access, refresh) =
                inner.tokens.refresh(client_id, presented, lifetime, now)?;
            if requested_scope.is_some_and(|s| s != scope) {
                return Err(ApiError::OAuth {
                    error: "invalid_scope",
                    description: "A refresh keeps the scope of the original grant.",
                });
            }
            inner.stats.refresh_grants += 1;
            (scope, access, refresh)
        }
        _ => {
            return Err(invalid_request(
                "The grant_type must be client_credentials or refresh_token.",
            ))
        }
    };
    Ok(Json(json!({
        "token_type": "bearer",
        "access_token": access,
        "expires_in": lifetime.as_secs(),
        "refresh_token": refresh,
        "scope": scope.as_str(),
    })))
}

fn check_token_request_shape(headers: &HeaderMap, query: Option<&str>) -> Result<(), ApiError> {
    let reference = headers.get("x-reference-id").and_then(|v| v.to_str().ok());
    if !reference.is_some_and(valid_reference_id) {
        return Err(invalid_request(
            "The x-reference-id header is missing or is not 32 lowercase hexadecimal characters.",
        ));
    }
    let in_query = form_urlencoded::parse(query.unwrap_or_default().as_bytes())
        .any(|(k, _)| CREDENTIAL_PARAMS.contains(&k.as_ref()));
    if in_query {
        return Err(invalid_request("Parameters must be sent in an application/x-www-form-urlencoded body, not in the query string."));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    let essence = content_type.split(';').next().unwrap_or_default().trim();
    if !essence.eq_ignore_ascii_case("application/x-www-form-urlencoded") {
        return Err(invalid_request(
            "The body must be application/x-www-form-urlencoded.",
        ));
    }
    Ok(())
}

async fn read_form(body: Body) -> Result<Vec<(String, String)>, ApiError> {
    let bytes = read_bytes(body).await.map_err(|_| {
        invalid_request("The body could not be read, or is larger than the emulator accepts.")
    })?;
    if std::str::from_utf8(&bytes).is_err() {
        return Err(invalid_request("The body is not valid UTF-8."));
    }
    let params: Vec<(String, String)> = form_urlencoded::parse(&bytes)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    let duplicated = CREDENTIAL_PARAMS
        .iter()
        .any(|name| params.iter().filter(|(k, _)| k == name).count() > 1);
    if duplicated {
        return Err(invalid_request("A parameter is repeated."));
    }
    Ok(params)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refresh_rotates_both_tokens() {
        let mut store = TokenStore::default();
        let now = Instant::now();
        let life = Duration::from_secs(60);
        let (access, refresh) = store.issue("c", Scope::Merchant, life, now);
        let (_, new_access, new_refresh) =
            store.refresh("c", &refresh, life, now).expect("refresh");
        assert_eq!(store.check(&access, now), Bearer::Invalid);
        assert!(matches!(
            store.check(&new_access, now),
            Bearer::Valid { .. }
        ));
        assert!(store.refresh("c", &refresh, life, now).is_err());
        assert_ne!(new_refresh, refresh);
    }

    #[test]
    fn refresh_after_expiry_is_refused() {
        let mut store = TokenStore::default();
        let now = Instant::now();
        let (access, refresh) = store.issue("c", Scope::Merchant, Duration::from_secs(1), now);
        let later = now + Duration::from_secs(2);
        assert_eq!(store.check(&access, later), Bearer::Expired);
        assert!(store
            .refresh("c", &refresh, Duration::from_secs(1), later)
            .is_err());
    }

    #[test]
    fn tokens_are_40_lowercase_hex() {
        let token = random_hex_40();
        assert_eq!(token.len(), 40);
        assert!(token
            .chars()
            .all(|c| c.is_ascii_hexdigit() && !c.is_ascii_uppercase()));
    }
}
