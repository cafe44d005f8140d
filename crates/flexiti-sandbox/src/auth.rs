//! Bearer and `x-reference-id` checking for every route but `/oauth/token`: 401 for a
//! missing, unknown, revoked or expired token, 401 for a token of another client, 403 for
//! a customer-scope token outside the customer-scope list, then 409 `wrong_inputs` on a
//! missing or malformed `x-reference-id`.

use std::collections::HashMap;
use std::time::Instant;

use axum::extract::{MatchedPath, Path, Request, State};
use axum::http::header;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use pos_core::rules::FieldProblem;

use crate::errors::ApiError;
use crate::headers::valid_reference_id;
use crate::routes;
use crate::state::SharedState;
use crate::tokens::{Bearer, Scope};

/// The longest `authorization` header accepted (ASCII (1000) in the documentation).
const MAX_AUTHORIZATION: usize = 1000;

pub async fn require_bearer(
    State(state): State<SharedState>,
    matched: MatchedPath,
    Path(params): Path<HashMap<String, String>>,
    request: Request,
    next: Next,
) -> Response {
    let customer_allowed =
        routes::find(request.method(), matched.as_str()).is_some_and(|r| r.customer_scope);
    let token = request
        .headers()
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .filter(|v| v.len() <= MAX_AUTHORIZATION)
        .and_then(|v| v.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let bearer = match token {
        Some(token) => state.lock().tokens.check(token, Instant::now()),
        None => Bearer::Invalid,
    };
    match bearer {
        Bearer::Invalid => return ApiError::InvalidToken { expired: false }.into_response(),
        Bearer::Expired => return ApiError::InvalidToken { expired: true }.into_response(),
        Bearer::Valid { client_id, scope } => {
            if params.get("client_id") != Some(&client_id) {
                return ApiError::InvalidToken { expired: false }.into_response();
            }
            if scope == Scope::Customer && !customer_allowed {
                return ApiError::InsufficientScope.into_response();
            }
        }
    }
    let reference = request
        .headers()
        .get("x-reference-id")
        .map(|v| v.to_str().unwrap_or_default());
    match reference {
        None => ApiError::field("x-reference-id", FieldProblem::Required).into_response(),
        Some(value) if !valid_reference_id(value) => {
            ApiError::field("x-reference-id", FieldProblem::Invalid).into_response()
        }
        Some(_) => next.run(request).await,
    }
}
