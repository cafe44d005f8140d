//! Reading request bodies without ever panicking or hanging: a size cap, a deadline,
//! and a contract-shaped error for anything that is not what the route expects.

use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::{FromRequest, Request};
use axum::http::StatusCode;
use http_body_util::{BodyExt, Limited};
use pos_core::rules::FieldProblem;
use serde_json::{Map, Value};

use crate::errors::ApiError;

/// The largest request body the emulator reads (the real service's limit is not documented).
pub const MAX_REQUEST_BODY: usize = 1024 * 1024;
/// How long a client may take to send its body.
const BODY_DEADLINE: Duration = Duration::from_secs(30);

/// Reads the whole body, at most [`MAX_REQUEST_BODY`] bytes, within [`BODY_DEADLINE`].
pub async fn read_bytes(body: Body) -> Result<Bytes, ApiError> {
    let limited = Limited::new(body, MAX_REQUEST_BODY);
    match tokio::time::timeout(BODY_DEADLINE, limited.collect()).await {
        Err(_) => Err(ApiError::Business {
            status: StatusCode::REQUEST_TIMEOUT,
            error: "request_timeout",
            message: "The request body did not arrive in time",
        }),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => Err(too_large()),
        Ok(Err(_)) => Err(ApiError::Business {
            status: StatusCode::BAD_REQUEST,
            error: "general_error",
            message: "The request body could not be read",
        }),
        Ok(Ok(collected)) => Ok(collected.to_bytes()),
    }
}

pub fn too_large() -> ApiError {
    ApiError::Business {
        status: StatusCode::PAYLOAD_TOO_LARGE,
        error: "payload_too_large",
        message: "The request body is too large",
    }
}

/// A JSON object body. A missing or empty body reads as `{}`, so the route's own
/// `required` errors tell the caller what is missing.
pub struct JsonObject(pub Map<String, Value>);

impl<S: Send + Sync> FromRequest<S> for JsonObject {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let RawBody(bytes) = RawBody::from_request(request, state).await?;
        parse_object(&bytes).map(JsonObject)
    }
}

/// The body's exact bytes (the money-moving routes hash them before reading them).
pub struct RawBody(pub Bytes);

impl<S: Send + Sync> FromRequest<S> for RawBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, _state: &S) -> Result<Self, Self::Rejection> {
        let declared = request
            .headers()
            .get(axum::http::header::CONTENT_LENGTH)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.parse::<u64>().ok());
        if declared.is_some_and(|len| len > MAX_REQUEST_BODY as u64) {
            return Err(too_large());
        }
        read_bytes(request.into_body()).await.map(RawBody)
    }
}

/// A JSON object from the body's bytes; empty reads as `{}`.
pub fn parse_object(bytes: &[u8]) -> Result<Map<String, Value>, ApiError> {
    let malformed = || ApiError::field("body", FieldProblem::WrongFormat);
    let text = std::str::from_utf8(bytes).map_err(|_| malformed())?;
    if text.trim().is_empty() {
        return Ok(Map::new());
    }
    match serde_json::from_str::<Value>(text) {
        Ok(Value::Object(map)) => Ok(map),
        _ => Err(malformed()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_body_reads_as_empty_object() {
        assert_eq!(parse_object(b"").ok(), Some(Map::new()));
        assert_eq!(parse_object(b"  \n").ok(), Some(Map::new()));
    }

    #[test]
    fn invalid_utf8_array_and_garbage_are_wrong_format() {
        for bad in [
            &b"\xff\xfe{"[..],
            b"[1,2]",
            b"{\"a\":",
            b"null",
            b"\"text\"",
        ] {
            let error = parse_object(bad).err();
            assert_eq!(
                error,
                Some(ApiError::field("body", FieldProblem::WrongFormat))
            );
        }
    }
}
