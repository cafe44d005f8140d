//! The client: one method per endpoint, each a logical operation with its own
//! `x-reference-id` (reused by its retries), the bearer from the token manager, one
//! retry after a 401, and backoff retries for what is safe to repeat. A submission
//! (`/apply`) is repeated only with its idempotency key and only where the request
//! cannot have been acted on; when it may have been, the answer is `OutcomeUnknown`.

use std::sync::Arc;
use std::time::Duration;

use reqwest::Method;
use url::Url;

use crate::config::ClientConfig;
use crate::environment::Environment;
use crate::error::{ApiError, BusinessCode, TransportKind};
use crate::ids::{IdempotencyKey, ReferenceId};
use crate::model::apply::{ApplyRequest, Approval, Decision};
use crate::model::i18n::I18n;
use crate::model::licence::{Licence, LicenceRequest};
use crate::model::login::{LoginRequest, MerchantLogin};
use crate::model::terms::Terms;
use crate::model::Lang;
use crate::routes::{ApiVersion, Route};
use crate::secret::Secret;
use crate::tokens::{Token, TokenManager, TokenSource};
use crate::transport::{self, Answer, Exchange, Payload};

/// The identifiers of one submission, kept by the caller (in SQLite) so that "check
/// again" after a restart re-sends the very same request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Submission {
    pub idempotency_key: IdempotencyKey,
    pub reference_id: ReferenceId,
}

impl Submission {
    pub fn new() -> Self {
        Submission {
            idempotency_key: IdempotencyKey::new(),
            reference_id: ReferenceId::new(),
        }
    }
}

impl Default for Submission {
    fn default() -> Self {
        Self::new()
    }
}

/// Whether a call may simply be repeated.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Safety {
    Repeatable,
    Submission,
}

pub(crate) struct Call<'a> {
    /// The route's name, for logs: never the path, which may hold an account number.
    pub route: &'static str,
    pub method: Method,
    pub version: ApiVersion,
    pub path: String,
    pub query: Vec<(&'static str, String)>,
    pub payload: Payload,
    pub safety: Safety,
    pub reference: ReferenceId,
    pub idempotency: Option<&'a IdempotencyKey>,
    /// `x-context-hash`, sent with the idempotency key.
    pub context_hash: Option<String>,
}

/// The Flexiti POS API client. Cheap to clone; clones share the token.
#[derive(Clone)]
pub struct FlexitiClient {
    pub(crate) inner: Arc<Inner>,
}

pub(crate) struct Inner {
    http: reqwest::Client,
    config: ClientConfig,
    /// `{base}/`: each route's version prefix is joined to it.
    base: Url,
    tokens: TokenManager,
}

impl std::fmt::Debug for FlexitiClient {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("FlexitiClient")
            .field("environment", &self.inner.config.environment)
            .finish_non_exhaustive()
    }
}

impl FlexitiClient {
    pub fn new(config: ClientConfig) -> Result<Self, ApiError> {
        if config.client_id.is_empty() || config.client_id.len() > 100 {
            return Err(ApiError::InvalidConfig { what: "client_id" });
        }
        if config.client_secret.is_empty() {
            return Err(ApiError::InvalidConfig {
                what: "client_secret",
            });
        }
        let base = config.environment.base_url()?;
        // Every version's prefix must join onto the base.
        for version in [ApiVersion::V2_5, ApiVersion::V2_5_1] {
            base.join(version.prefix())
                .map_err(|_| ApiError::InvalidConfig { what: "base_url" })?;
        }
        let mut builder = reqwest::Client::builder()
            .connect_timeout(config.connect_timeout)
            .redirect(reqwest::redirect::Policy::none())
            .user_agent(concat!("flexiti-pos/", env!("CARGO_PKG_VERSION")));
        // Plain http is only ever loopback (`base_url` refuses anything else): a proxy set
        // in the kiosk's environment must not see the client secret in clear on its way.
        if matches!(config.environment, Environment::Sandbox { .. }) || base.scheme() == "http" {
            builder = builder.no_proxy();
        }
        let http = builder.build().map_err(|_| ApiError::InvalidConfig {
            what: "http_client",
        })?;
        Ok(FlexitiClient {
            inner: Arc::new(Inner {
                http,
                config,
                base,
                tokens: TokenManager::default(),
            }),
        })
    }

    pub fn environment(&self) -> &Environment {
        &self.inner.config.environment
    }

    /// Gets a token now (e.g. for "test connection"), so the first real call does not wait.
    pub async fn connect(&self) -> Result<(), ApiError> {
        self.inner.tokens.bearer(&*self.inner).await.map(|_| ())
    }

    /// Signs a rep in; the answer carries the form's option lists in `lang`.
    pub async fn merchant_login(
        &self,
        lang: Lang,
        username: &str,
        password: &Secret,
    ) -> Result<MerchantLogin, ApiError> {
        let body = LoginRequest {
            merchant_username: username,
            merchant_password: password.expose(),
        };
        let call = self
            .call(Route::MerchantsLogin, "merchants/login", Some(lang))
            .json(&body)?;
        self.inner.execute(call).await?.json()
    }

    /// The whole i18n structure in `lang`.
    pub async fn i18n(&self, lang: Lang) -> Result<I18n, ApiError> {
        self.inner
            .execute(self.call(Route::I18n, "i18n", Some(lang)))
            .await?
            .json()
    }

    /// One key of the i18n structure (`{key: value}`).
    pub async fn i18n_key(&self, lang: Lang, key: &str) -> Result<I18n, ApiError> {
        let mut path = String::from("i18n/");
        path.extend(url::form_urlencoded::byte_serialize(key.as_bytes()));
        self.inner
            .execute(self.call(Route::I18nKey, &path, Some(lang)))
            .await?
            .json()
    }

    /// The terms and conditions of `province`'s group, in `lang`.
    pub async fn terms(&self, lang: Lang, province: &str) -> Result<Terms, ApiError> {
        let mut call = self.call(Route::Terms, "terms-and-conditions", Some(lang));
        call.query.push(("province", province.to_owned()));
        self.inner.execute(call).await?.json()
    }

    /// Decodes the raw text a scanner typed from a licence's PDF417 barcode.
    pub async fn decode_licence(&self, code: &str) -> Result<Licence, ApiError> {
        let call = self
            .call(Route::DriversLicense, "customers/driverslicense", None)
            .json(&LicenceRequest { code })?;
        self.inner.execute(call).await?.json()
    }

    /// Submits an application. Send the same `submission` to "check again": the answer is
    /// the original decision, never a second application (where the server deduplicates).
    pub async fn apply(
        &self,
        lang: Lang,
        request: &ApplyRequest,
        submission: &Submission,
    ) -> Result<Decision, ApiError> {
        self.apply_body(lang, apply_body(request)?, submission)
            .await
    }

    /// Submits an application whose body was serialised before ([`apply_body`]) and kept:
    /// every retry and every "check again" sends these exact bytes, whatever changed since
    /// (another rep, another store id), so the idempotency key always matches its body.
    pub async fn apply_body(
        &self,
        lang: Lang,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<Decision, ApiError> {
        let mut call = self.call(Route::Apply, "apply", Some(lang));
        call.payload = Payload::Json(body);
        call.safety = Safety::Submission;
        call.reference = submission.reference_id.clone();
        call.idempotency = Some(&submission.idempotency_key);
        decide(self.inner.execute(call).await)
    }

    /// A call of `route` to `path` (below `client-id/{client_id}/`, its variable segments
    /// already encoded with [`path_segment`]), with `?lang=` when given.
    pub(crate) fn call(&self, route: Route, path: &str, lang: Option<Lang>) -> Call<'static> {
        Call {
            route: route.name(),
            method: route.method(),
            version: route.version(),
            path: format!(
                "client-id/{}/{path}",
                path_segment(&self.inner.config.client_id)
            ),
            query: lang
                .map(|lang| vec![("lang", lang.code().to_owned())])
                .unwrap_or_default(),
            payload: Payload::None,
            safety: Safety::Repeatable,
            reference: ReferenceId::new(),
            idempotency: None,
            context_hash: None,
        }
    }
}

impl<'a> Call<'a> {
    pub(crate) fn json(mut self, body: &impl serde::Serialize) -> Result<Self, ApiError> {
        self.payload = Payload::Json(json_bytes(body)?);
        Ok(self)
    }
}

pub(crate) fn json_bytes(body: &impl serde::Serialize) -> Result<Vec<u8>, ApiError> {
    serde_json::to_vec(body).map_err(|_| ApiError::InvalidConfig {
        what: "request_body",
    })
}

/// The exact bytes an application is sent as: the app keeps them (sealed) from the first
/// send and re-sends them with [`FlexitiClient::apply_body`].
pub fn apply_body(request: &ApplyRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// `text` as one URL path segment: unreserved characters kept, every other byte
/// percent-encoded, so a client id cannot move a request to another path (`/`, `..`, `?`).
pub(crate) fn path_segment(text: &str) -> String {
    text.bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b"-._~".contains(&b) {
                char::from(b).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

/// The decision an `/apply` exchange carries, once its retries are over: an approval
/// body, or the 409 business error of a pending or declined application.
pub(crate) fn decide(answer: Result<Answer, ApiError>) -> Result<Decision, ApiError> {
    match answer {
        // An approval we cannot read may still be an approval: never a plain failure.
        // A 200 that does not say "approved" (a pending or declined status in a 200 body)
        // is not shown as an approval: its outcome is unknown.
        Ok(answer) => answer
            .json::<Approval>()
            .ok()
            .filter(|approval| {
                approval
                    .status
                    .as_deref()
                    .is_none_or(|status| status.eq_ignore_ascii_case("approved"))
            })
            .map(|approval| Decision::Approved(Box::new(approval)))
            .ok_or(ApiError::OutcomeUnknown),
        Err(ApiError::Business {
            code: BusinessCode::ApplicationPending(variant),
            ..
        }) => Ok(Decision::Pending { variant }),
        Err(ApiError::Business {
            code: BusinessCode::ApplicationDeclined(variant),
            ..
        }) => Ok(Decision::Declined { variant }),
        Err(error) => Err(error),
    }
}

/// The error a submission ends with: `OutcomeUnknown` when the server may have acted on it.
pub(crate) fn settle_submission(error: ApiError, reference: &ReferenceId) -> ApiError {
    if maybe_acted_on(&error) {
        tracing::warn!(reference = %reference, code = error.code(), "submission outcome unknown");
        ApiError::OutcomeUnknown
    } else {
        error
    }
}

/// Whether a failed submission may have been acted on by the server.
fn maybe_acted_on(error: &ApiError) -> bool {
    match error {
        ApiError::Transport { kind } => *kind != TransportKind::Connect,
        ApiError::Server { .. }
        | ApiError::Malformed
        | ApiError::BadAmount
        | ApiError::TooLarge => true,
        ApiError::HtmlPage { status } | ApiError::UnexpectedStatus { status } => {
            *status >= 500 || *status < 300
        }
        _ => false,
    }
}

/// Whether a failed submission may be sent again with its idempotency key: only when it
/// never left (connect) or a gateway said the server was unavailable.
pub(crate) fn submission_retryable(error: &ApiError) -> bool {
    match error {
        ApiError::Transport { kind } => *kind == TransportKind::Connect,
        ApiError::Server { status } | ApiError::HtmlPage { status } => matches!(status, 502..=504),
        _ => false,
    }
}

impl Inner {
    fn url(
        &self,
        version: ApiVersion,
        path: &str,
        query: &[(&'static str, String)],
    ) -> Result<Url, ApiError> {
        let mut url = self
            .base
            .join(version.prefix())
            .and_then(|api| api.join(path))
            .map_err(|_| ApiError::InvalidConfig { what: "base_url" })?;
        if !query.is_empty() {
            url.query_pairs_mut()
                .extend_pairs(query.iter().map(|(k, v)| (*k, v.as_str())));
        }
        Ok(url)
    }

    fn timeout(&self, safety: Safety) -> Duration {
        match safety {
            Safety::Repeatable => self.config.request_timeout,
            Safety::Submission => self.config.apply_timeout,
        }
    }

    /// Runs one logical operation to its end.
    pub(crate) async fn execute(&self, call: Call<'_>) -> Result<Answer, ApiError> {
        let url = self.url(call.version, &call.path, &call.query)?;
        let mut attempt = 1;
        let mut reauthenticated = false;
        loop {
            let token = self.tokens.bearer(self).await?;
            let exchange = Exchange {
                method: call.method.clone(),
                url: url.clone(),
                reference: &call.reference,
                bearer: Some(&token.access),
                idempotency: call.idempotency,
                context_hash: call.context_hash.as_deref(),
                payload: &call.payload,
                timeout: self.timeout(call.safety),
            };
            let error =
                match transport::send(&self.http, exchange, self.config.max_response_bytes, false)
                    .await
                {
                    Ok(answer) => return Ok(answer),
                    Err(error) => error,
                };
            tracing::debug!(route = call.route, reference = %call.reference, attempt, code = error.code(), "flexiti call failed");
            if error == ApiError::Unauthorized && !reauthenticated {
                // The token was refused before anything was done: drop it, try once more.
                self.tokens.invalidate(&token);
                reauthenticated = true;
                continue;
            }
            let retry = match call.safety {
                Safety::Repeatable => error.is_transient(),
                Safety::Submission => submission_retryable(&error),
            };
            if retry && attempt < self.config.retry.max_attempts {
                tokio::time::sleep(self.config.retry.delay(attempt)).await;
                attempt += 1;
                continue;
            }
            if call.safety == Safety::Submission {
                return Err(settle_submission(error, &call.reference));
            }
            return Err(error);
        }
    }

    /// One token request, retried while safe; its own reference id for all attempts.
    async fn token_call(&self, form: Vec<(&'static str, &str)>) -> Result<Token, ApiError> {
        let token = Route::Token.spec();
        let url = self.url(token.version, token.template, &[])?;
        let body: String = url::form_urlencoded::Serializer::new(String::new())
            .extend_pairs(form)
            .finish();
        let body = Payload::Form(body);
        let reference = ReferenceId::new();
        let mut attempt = 1;
        loop {
            let requested_at = tokio::time::Instant::now();
            let exchange = Exchange {
                method: Method::POST,
                url: url.clone(),
                reference: &reference,
                bearer: None,
                idempotency: None,
                context_hash: None,
                payload: &body,
                timeout: self.config.request_timeout,
            };
            match transport::send(&self.http, exchange, self.config.max_response_bytes, true).await
            {
                Ok(answer) => {
                    return Token::from_answer(&answer, requested_at, self.config.refresh_margin)
                }
                Err(error) if error.is_transient() && attempt < self.config.retry.max_attempts => {
                    tracing::debug!(reference = %reference, attempt, code = error.code(), "token call failed");
                    tokio::time::sleep(self.config.retry.delay(attempt)).await;
                    attempt += 1;
                }
                Err(error) => return Err(error),
            }
        }
    }
}

impl TokenSource for Inner {
    async fn grant(&self) -> Result<Token, ApiError> {
        let form = vec![
            ("grant_type", "client_credentials"),
            ("client_id", self.config.client_id.as_str()),
            ("client_secret", self.config.client_secret.expose()),
            ("scope", self.config.scope.as_str()),
        ];
        self.token_call(form).await
    }

    async fn refresh(&self, refresh_token: &Secret) -> Result<Token, ApiError> {
        let form = vec![
            ("grant_type", "refresh_token"),
            ("client_id", self.config.client_id.as_str()),
            ("client_secret", self.config.client_secret.expose()),
            ("refresh_token", refresh_token.expose()),
        ];
        self.token_call(form).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_200_that_does_not_say_approved_is_an_unknown_outcome_not_an_approval() {
        let body = |status: &str| {
            let json = serde_json::json!({
                "creditapp_id": "1", "status": status, "account_number": "2",
                "credit_limit": "5000.00", "card_ending_in": "0042"
            });
            Ok(crate::transport::Answer {
                body: serde_json::to_vec(&json).unwrap(),
            })
        };
        assert!(matches!(
            decide(body("approved")),
            Ok(Decision::Approved(_))
        ));
        assert!(matches!(
            decide(body("APPROVED")),
            Ok(Decision::Approved(_))
        ));
        for other in ["pending", "declined", ""] {
            assert!(
                matches!(decide(body(other)), Err(ApiError::OutcomeUnknown)),
                "{other}"
            );
        }
    }

    #[test]
    fn a_client_id_stays_one_path_segment() {
        assert_eq!(path_segment("flexitidemo"), "flexitidemo");
        assert_eq!(path_segment("acme-store_1.x~"), "acme-store_1.x~");
        assert_eq!(path_segment("../admin?x=1#y"), "..%2Fadmin%3Fx%3D1%23y");
        assert_eq!(path_segment("é /"), "%C3%A9%20%2F");
    }

    #[test]
    fn submissions_are_unknown_only_when_they_may_have_been_acted_on() {
        assert!(!maybe_acted_on(&ApiError::Transport {
            kind: TransportKind::Connect
        }));
        assert!(maybe_acted_on(&ApiError::Transport {
            kind: TransportKind::Timeout
        }));
        assert!(maybe_acted_on(&ApiError::Transport {
            kind: TransportKind::Reset
        }));
        assert!(maybe_acted_on(&ApiError::Server { status: 500 }));
        assert!(maybe_acted_on(&ApiError::HtmlPage { status: 200 }));
        assert!(!maybe_acted_on(&ApiError::Unauthorized));
        assert!(!maybe_acted_on(&ApiError::WrongInputs {
            field_errors: vec![]
        }));
        assert!(submission_retryable(&ApiError::Server { status: 503 }));
        assert!(!submission_retryable(&ApiError::Server { status: 500 }));
        assert!(!submission_retryable(&ApiError::Transport {
            kind: TransportKind::Timeout
        }));
    }
}
