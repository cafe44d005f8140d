//! The HTTP server under the router: accepts connections on its own loop so that a
//! fault can close a connection without answering, logs one line per request (method,
//! path with its numbers masked, status, latency, x-reference-id; never a query string,
//! header value or body),
//! turns a panic into a 500 in the contract's shape, and bounds the time to send headers.

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::time::{Duration, Instant};

use axum::body::Body;
use axum::extract::Request;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Router;
use futures_util::FutureExt;
use hyper::body::Incoming;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;
use tokio::task::JoinSet;
use tower_service::Service;

use crate::faults::DropConnection;
use crate::headers::valid_reference_id;

/// A client has this long to send its request headers.
const HEADER_DEADLINE: Duration = Duration::from_secs(10);

/// Why a connection was closed without an answer.
#[derive(Debug, thiserror::Error)]
#[error("connection dropped by an injected fault")]
struct Dropped;

/// Serves `router` on `listener` until `shutdown` completes; open connections end with it.
pub async fn serve(listener: TcpListener, router: Router, shutdown: impl Future<Output = ()>) {
    let mut connections = JoinSet::new();
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            accepted = listener.accept() => {
                let Ok((stream, _peer)) = accepted else { continue };
                let router = router.clone();
                connections.spawn(async move {
                    let service = hyper::service::service_fn(move |request: Request<Incoming>| {
                        handle(router.clone(), request.map(Body::new))
                    });
                    let connection = hyper::server::conn::http1::Builder::new()
                        .timer(TokioTimer::new())
                        .header_read_timeout(HEADER_DEADLINE)
                        .serve_connection(TokioIo::new(stream), service);
                    // A dropped or reset connection is an ordinary event for this server.
                    let _ = connection.await;
                });
            }
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
        }
    }
    connections.shutdown().await;
}

async fn handle(mut router: Router, request: Request) -> Result<Response, Dropped> {
    let started = Instant::now();
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    let logged = loggable_path(&path);
    let reference = request
        .headers()
        .get("x-reference-id")
        .and_then(|v| v.to_str().ok())
        .filter(|v| valid_reference_id(v))
        .unwrap_or("-")
        .to_owned();
    let outcome = AssertUnwindSafe(router.call(request)).catch_unwind().await;
    let response = match outcome {
        Ok(Ok(response)) => response,
        Ok(Err(never)) => match never {},
        Err(_) => panic_response(&path),
    };
    let dropped = response.extensions().get::<DropConnection>().is_some();
    let latency_ms = started.elapsed().as_secs_f64() * 1000.0;
    let status: &dyn std::fmt::Display = if dropped {
        &"dropped"
    } else {
        &response.status().as_u16()
    };
    tracing::info!(target: "flexiti_sandbox::request", "{method} {logged} {status} {latency_ms:.1}ms ref={reference}");
    if dropped {
        return Err(Dropped);
    }
    Ok(response)
}

/// The path with every all-digit segment (account numbers, ids) replaced by `#`: an
/// account number never reaches a log line.
fn loggable_path(path: &str) -> String {
    path.split('/')
        .map(|segment| {
            if !segment.is_empty() && segment.bytes().all(|b| b.is_ascii_digit()) {
                "#"
            } else {
                segment
            }
        })
        .collect::<Vec<_>>()
        .join("/")
}

fn panic_response(path: &str) -> Response {
    let body = serde_json::json!({
        "url": path,
        "message": "The emulator failed to handle this request",
        "error": "general_error",
    });
    (StatusCode::INTERNAL_SERVER_ERROR, axum::Json(body)).into_response()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_in_paths_are_not_logged() {
        assert_eq!(
            loggable_path("/flexiti/pos-api/v2.5.1/client-id/flexitidemo/accounts/116994755/calculate-interest"),
            "/flexiti/pos-api/v2.5.1/client-id/flexitidemo/accounts/#/calculate-interest"
        );
        assert_eq!(loggable_path("/a/12/b/v2.5"), "/a/#/b/v2.5");
    }
}
