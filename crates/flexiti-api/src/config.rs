//! The client's settings, with the defaults a store terminal needs.

use std::time::Duration;

use crate::environment::Environment;
use crate::model::token::Scope;
use crate::retry::RetryPolicy;
use crate::secret::Secret;

/// How the client talks to Flexiti. `Debug` shows no secret.
#[derive(Debug, Clone)]
pub struct ClientConfig {
    pub environment: Environment,
    pub client_id: String,
    pub client_secret: Secret,
    /// `merchant` for the in-store app.
    pub scope: Scope,
    /// Refresh when less than this remains of the token's life (at most half its life).
    pub refresh_margin: Duration,
    pub connect_timeout: Duration,
    /// Whole-call deadline of everything but the submissions.
    pub request_timeout: Duration,
    /// Whole-call deadline of a submission: `/apply` (the bureau can be slow) and the
    /// money-moving calls (authorization, capture, release, return, refund), whose lost
    /// answer costs a "check again".
    pub apply_timeout: Duration,
    /// Larger answers are refused (`response_too_large`) without being read to the end.
    pub max_response_bytes: usize,
    pub retry: RetryPolicy,
}

impl ClientConfig {
    pub fn new(
        environment: Environment,
        client_id: impl Into<String>,
        client_secret: Secret,
    ) -> Self {
        ClientConfig {
            environment,
            client_id: client_id.into(),
            client_secret,
            scope: Scope::Merchant,
            refresh_margin: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(5),
            request_timeout: Duration::from_secs(15),
            apply_timeout: Duration::from_secs(45),
            max_response_bytes: 2 * 1024 * 1024,
            retry: RetryPolicy::default(),
        }
    }
}
