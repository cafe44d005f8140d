//! The token lifecycle a rep never notices: a `client_credentials` grant, refreshed
//! before it expires (margin measured on a monotonic clock), one token request in
//! flight however many calls wait, a fresh grant when a refresh fails, and the token
//! dropped on a 401. Tokens live in memory only.

use std::sync::{Arc, RwLock};
use std::time::Duration;

use tokio::time::Instant;

use crate::error::ApiError;
use crate::model::token::TokenResponse;
use crate::secret::Secret;
use crate::transport::Answer;

/// The longest token life the client believes; longer `expires_in` values are cut to this.
const MAX_LIFETIME: Duration = Duration::from_secs(3600);

/// A token in use. `Debug` shows no token.
#[derive(Debug)]
pub(crate) struct Token {
    pub access: Secret,
    refresh: Option<Secret>,
    refresh_at: Instant,
    expires_at: Instant,
}

impl Token {
    /// `requested_at` is when the token request was sent: the token is assumed to have
    /// started its life then, which errs on the safe side.
    pub fn from_response(
        response: TokenResponse,
        requested_at: Instant,
        margin: Duration,
    ) -> Result<Token, ApiError> {
        // RFC 6750 b64token: a token with other bytes could never be sent as a header, and
        // would fail every call (an /apply among them) for its whole life.
        let b64token = |c: char| c.is_ascii_alphanumeric() || "-._~+/=".contains(c);
        if response.expires_in == 0
            || response.access_token.is_empty()
            || !response.access_token.expose().chars().all(b64token)
        {
            return Err(ApiError::Malformed);
        }
        let life = Duration::from_secs(response.expires_in).min(MAX_LIFETIME);
        let margin = margin.min(life / 2);
        Ok(Token {
            access: response.access_token,
            refresh: response.refresh_token.filter(|r| !r.is_empty()),
            refresh_at: requested_at + (life - margin),
            expires_at: requested_at + life,
        })
    }

    /// The token of a token endpoint's success answer: exactly what the client reads.
    pub fn from_answer(
        answer: &Answer,
        requested_at: Instant,
        margin: Duration,
    ) -> Result<Token, ApiError> {
        Token::from_response(answer.json()?, requested_at, margin)
    }

    fn fresh(&self, now: Instant) -> bool {
        now < self.refresh_at
    }

    /// The refresh token, while a refresh is still allowed (before expiry).
    pub fn refreshable(&self, now: Instant) -> Option<&Secret> {
        self.refresh.as_ref().filter(|_| now < self.expires_at)
    }
}

/// Where tokens come from: the client's token calls.
pub(crate) trait TokenSource {
    async fn grant(&self) -> Result<Token, ApiError>;
    async fn refresh(&self, refresh_token: &Secret) -> Result<Token, ApiError>;
}

#[derive(Default)]
pub(crate) struct TokenManager {
    current: RwLock<Option<Arc<Token>>>,
    /// Held while a token request is in flight: the single flight.
    fetching: tokio::sync::Mutex<()>,
}

impl TokenManager {
    fn current(&self) -> Option<Arc<Token>> {
        self.current
            .read()
            .unwrap_or_else(|p| p.into_inner())
            .clone()
    }

    fn fresh(&self) -> Option<Arc<Token>> {
        self.current().filter(|t| t.fresh(Instant::now()))
    }

    /// A token with more than the margin left, fetching one if needed.
    pub async fn bearer(&self, source: &impl TokenSource) -> Result<Arc<Token>, ApiError> {
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let _single_flight = self.fetching.lock().await;
        if let Some(token) = self.fresh() {
            return Ok(token);
        }
        let old = self.current();
        let refreshed = match old.as_deref().and_then(|t| t.refreshable(Instant::now())) {
            Some(refresh_token) => match source.refresh(refresh_token).await {
                Ok(token) => Some(token),
                Err(error) => {
                    tracing::warn!(
                        code = error.code(),
                        "token refresh failed; requesting a new token"
                    );
                    None
                }
            },
            None => None,
        };
        let token = match refreshed {
            Some(token) => token,
            None => source.grant().await?,
        };
        let token = Arc::new(token);
        *self.current.write().unwrap_or_else(|p| p.into_inner()) = Some(token.clone());
        Ok(token)
    }

    /// Drops `used` after a 401, unless another call already replaced it.
    pub fn invalidate(&self, used: &Arc<Token>) {
        let mut current = self.current.write().unwrap_or_else(|p| p.into_inner());
        if current.as_ref().is_some_and(|t| Arc::ptr_eq(t, used)) {
            *current = None;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicU32, Ordering};

    fn response(expires_in: u64) -> TokenResponse {
        serde_json::from_value(serde_json::json!({ "access_token": "a", "refresh_token": "r", "expires_in": expires_in })).unwrap()
    }

    #[tokio::test(start_paused = true)]
    async fn margin_is_at_most_half_the_life() {
        let now = Instant::now();
        let token = Token::from_response(response(4), now, Duration::from_secs(60)).unwrap();
        assert!(token.fresh(now + Duration::from_millis(1900)));
        assert!(!token.fresh(now + Duration::from_millis(2100)));
        assert!(token
            .refreshable(now + Duration::from_millis(3900))
            .is_some());
        assert!(token.refreshable(now + Duration::from_secs(4)).is_none());
        let long = Token::from_response(response(1200), now, Duration::from_secs(60)).unwrap();
        assert!(long.fresh(now + Duration::from_secs(1139)));
        assert!(!long.fresh(now + Duration::from_secs(1140)));
        assert!(Token::from_response(response(0), now, Duration::from_secs(60)).is_err());
    }

    #[test]
    fn a_token_that_could_not_be_sent_as_a_header_is_refused_at_once() {
        let now = Instant::now();
        for bad in ["a b", "tok\nen", "jeton-é", "a\"b"] {
            let answer: TokenResponse = serde_json::from_value(
                serde_json::json!({ "access_token": bad, "expires_in": 60 }),
            )
            .unwrap();
            assert!(
                Token::from_response(answer, now, Duration::from_secs(1)).is_err(),
                "{bad:?} accepted"
            );
        }
        let good: TokenResponse = serde_json::from_value(
            serde_json::json!({ "access_token": "eyJh.bG-c_i~O+iJ/IUz=", "expires_in": 60 }),
        )
        .unwrap();
        assert!(Token::from_response(good, now, Duration::from_secs(1)).is_ok());
    }

    struct Counting {
        grants: AtomicU32,
        refreshes: AtomicU32,
        refresh_fails: bool,
    }

    impl TokenSource for Counting {
        async fn grant(&self) -> Result<Token, ApiError> {
            self.grants.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(50)).await;
            Token::from_response(response(10), Instant::now(), Duration::from_secs(2))
        }
        async fn refresh(&self, _: &Secret) -> Result<Token, ApiError> {
            self.refreshes.fetch_add(1, Ordering::SeqCst);
            if self.refresh_fails {
                return Err(ApiError::OAuth {
                    code: crate::error::OAuthCode::InvalidGrant,
                });
            }
            Token::from_response(response(10), Instant::now(), Duration::from_secs(2))
        }
    }

    async fn concurrent_bearers(manager: &Arc<TokenManager>, source: &Arc<Counting>, n: usize) {
        let calls: Vec<_> = (0..n)
            .map(|_| {
                let (m, s) = (manager.clone(), source.clone());
                tokio::spawn(async move { m.bearer(&*s).await.map(|_| ()) })
            })
            .collect();
        for call in calls {
            call.await.expect("task").expect("token");
        }
    }

    #[tokio::test(start_paused = true)]
    async fn a_thousand_waiting_calls_cause_one_grant_then_one_refresh() {
        let manager = Arc::new(TokenManager::default());
        let source = Arc::new(Counting {
            grants: AtomicU32::new(0),
            refreshes: AtomicU32::new(0),
            refresh_fails: false,
        });
        concurrent_bearers(&manager, &source, 1000).await;
        assert_eq!(source.grants.load(Ordering::SeqCst), 1);
        tokio::time::advance(Duration::from_secs(9)).await;
        concurrent_bearers(&manager, &source, 1000).await;
        assert_eq!(
            (
                source.grants.load(Ordering::SeqCst),
                source.refreshes.load(Ordering::SeqCst)
            ),
            (1, 1)
        );
    }

    #[tokio::test(start_paused = true)]
    async fn failed_refresh_falls_back_to_a_grant_and_expired_tokens_are_not_refreshed() {
        let manager = TokenManager::default();
        let source = Counting {
            grants: AtomicU32::new(0),
            refreshes: AtomicU32::new(0),
            refresh_fails: true,
        };
        manager.bearer(&source).await.unwrap();
        tokio::time::advance(Duration::from_secs(9)).await;
        manager.bearer(&source).await.unwrap();
        assert_eq!(
            (
                source.grants.load(Ordering::SeqCst),
                source.refreshes.load(Ordering::SeqCst)
            ),
            (2, 1)
        );
        tokio::time::advance(Duration::from_secs(60)).await;
        manager.bearer(&source).await.unwrap();
        assert_eq!(
            source.refreshes.load(Ordering::SeqCst),
            1,
            "no refresh after expiry"
        );
        assert_eq!(source.grants.load(Ordering::SeqCst), 3);
    }

    #[tokio::test(start_paused = true)]
    async fn invalidate_drops_only_the_token_that_failed() {
        let manager = TokenManager::default();
        let source = Counting {
            grants: AtomicU32::new(0),
            refreshes: AtomicU32::new(0),
            refresh_fails: false,
        };
        let first = manager.bearer(&source).await.unwrap();
        manager.invalidate(&first);
        let second = manager.bearer(&source).await.unwrap();
        manager.invalidate(&first);
        let third = manager.bearer(&source).await.unwrap();
        assert!(Arc::ptr_eq(&second, &third));
        assert_eq!(source.grants.load(Ordering::SeqCst), 2);
        assert!(!format!("{third:?}").contains("\"a\""));
    }
}
