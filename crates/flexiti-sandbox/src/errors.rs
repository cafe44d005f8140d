//! Every error the emulator answers, in the contract's exact body shapes.
//!
//! Handlers return [`ApiError`]; the `url` member of the contract's error body is the
//! request path, which a handler does not know, so the body is finished by
//! [`finish_error_bodies`], one middleware at the top of the router.

use axum::extract::Request;
use axum::http::StatusCode;
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::Json;
use pos_core::rules::FieldProblem;
use serde_json::{json, Map, Value};

/// One entry of `field_errors`. The contract's optional `value` is never sent back: it
/// would echo an applicant's personal data.
#[derive(Debug, Clone, PartialEq)]
pub struct FieldError {
    pub param: String,
    pub msg: &'static str,
}

impl FieldError {
    pub fn new(param: impl Into<String>, problem: FieldProblem) -> Self {
        FieldError {
            param: param.into(),
            msg: problem.as_str(),
        }
    }

    fn to_json(&self) -> Value {
        json!({ "param": self.param, "msg": self.msg })
    }
}

/// The errors of the emulated API.
#[derive(Debug, Clone, PartialEq)]
pub enum ApiError {
    /// `/oauth/token` errors, RFC 6749 style: `{error, error_description}`.
    OAuth {
        error: &'static str,
        description: &'static str,
    },
    /// 401 for a missing, unknown, revoked or expired bearer token.
    InvalidToken { expired: bool },
    /// 403 for a customer-scope token outside the customer-scope list.
    InsufficientScope,
    /// 409 `wrong_inputs` with every failing field at once.
    WrongInputs(Vec<FieldError>),
    /// A business rule (409 unless said otherwise) or any other `{url, message, error}` body.
    Business {
        status: StatusCode,
        error: &'static str,
        message: &'static str,
    },
}

impl ApiError {
    pub fn business(error: &'static str, message: &'static str) -> Self {
        ApiError::Business {
            status: StatusCode::CONFLICT,
            error,
            message,
        }
    }

    pub fn not_found() -> Self {
        ApiError::Business {
            status: StatusCode::NOT_FOUND,
            error: "not_found",
            message: "Not found",
        }
    }

    pub fn field(param: impl Into<String>, problem: FieldProblem) -> Self {
        ApiError::WrongInputs(vec![FieldError::new(param, problem)])
    }

    pub fn status(&self) -> StatusCode {
        match self {
            ApiError::OAuth { .. } => StatusCode::BAD_REQUEST,
            ApiError::InvalidToken { .. } => StatusCode::UNAUTHORIZED,
            ApiError::InsufficientScope => StatusCode::FORBIDDEN,
            ApiError::WrongInputs(_) => StatusCode::CONFLICT,
            ApiError::Business { status, .. } => *status,
        }
    }

    /// The body without `url`; [`finish_error_bodies`] adds it for the shapes that carry one.
    pub fn body(&self) -> Value {
        match self {
            ApiError::OAuth { error, description } => {
                json!({ "error": error, "error_description": description })
            }
            ApiError::InvalidToken { expired } => json!({
                "error": "invalid_token",
                "message": if *expired {
                    "The access token provided has expired."
                } else {
                    "The access token provided is invalid."
                },
            }),
            ApiError::InsufficientScope => json!({
                "error": "insufficient_scope",
                "message": "Insufficient scope: authorized scope is insufficient",
            }),
            ApiError::WrongInputs(fields) => json!({
                "message": "Some inputs are wrong or missing!",
                "error": "wrong_inputs",
                "field_errors": fields.iter().map(FieldError::to_json).collect::<Vec<_>>(),
            }),
            ApiError::Business { error, message, .. } => {
                json!({ "message": message, "error": error })
            }
        }
    }

    fn carries_url(&self) -> bool {
        matches!(self, ApiError::WrongInputs(_) | ApiError::Business { .. })
    }
}

/// Marks a response whose body still needs its `url` member.
#[derive(Clone)]
struct NeedsUrl(Map<String, Value>);

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let status = self.status();
        match (self.carries_url(), self.body()) {
            (true, Value::Object(map)) => {
                let mut response = status.into_response();
                response.extensions_mut().insert(NeedsUrl(map));
                response
            }
            (_, body) => (status, Json(body)).into_response(),
        }
    }
}

/// A JSON answer with a status, already complete (used for replayed and stored replies).
pub fn json_response(status: StatusCode, body: &Value) -> Response {
    (status, Json(body.clone())).into_response()
}

/// Top-level middleware: puts the request path in `url`, first member as in the contract.
pub async fn finish_error_bodies(request: Request, next: Next) -> Response {
    let path = request.uri().path().to_owned();
    let mut response = next.run(request).await;
    if let Some(NeedsUrl(map)) = response.extensions_mut().remove::<NeedsUrl>() {
        let mut body = Map::with_capacity(map.len() + 1);
        body.insert("url".into(), Value::String(path));
        body.extend(map);
        let status = response.status();
        return (status, Json(Value::Object(body))).into_response();
    }
    response
}

/// Unknown route: 404 `not_found` in the contract's shape.
pub async fn unknown_route() -> ApiError {
    ApiError::not_found()
}

/// Known route, wrong method.
pub async fn method_not_allowed() -> ApiError {
    ApiError::Business {
        status: StatusCode::METHOD_NOT_ALLOWED,
        error: "method_not_allowed",
        message: "This method is not allowed on this route",
    }
}
