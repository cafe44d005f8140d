//! Guessing is throttled: after five consecutive failures for a username, on the whole
//! terminal, or for the administrator's passphrase, attempts are refused locally (Flexiti
//! is not asked) for a delay that doubles from 30 seconds to 15 minutes. Counted in
//! SQLite, so a restart does not reset it.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use sha2::{Digest, Sha256};

use super::Engine;
use crate::error::{AppError, AppResult};

/// Failures allowed before the first delay.
pub const FAILURES_BEFORE_DELAY: u32 = 5;
const FIRST_DELAY: Duration = Duration::from_secs(30);
const LONGEST_DELAY: Duration = Duration::from_secs(15 * 60);

/// The counter of the whole terminal (any username).
pub(super) const TERMINAL_SUBJECT: &str = "terminal";
/// The counter of the administrator's passphrase.
pub(super) const ADMIN_SUBJECT: &str = "admin";

/// How long attempts are refused after `failures` consecutive failures: none before the
/// fifth, then 30 s, 60 s, 120 s... at most 15 minutes.
pub fn delay_after(failures: u32) -> Option<Duration> {
    let beyond = failures.checked_sub(FAILURES_BEFORE_DELAY)?;
    let factor = 1u32.checked_shl(beyond).unwrap_or(u32::MAX);
    Some(
        FIRST_DELAY
            .checked_mul(factor)
            .map_or(LONGEST_DELAY, |d| d.min(LONGEST_DELAY)),
    )
}

/// The counter of one username: a hash, so a password typed in the username field is not
/// kept in clear (usernames differing only in case or spaces count together).
pub(super) fn user_subject(username: &str) -> String {
    let digest = Sha256::digest(username.trim().to_lowercase().as_bytes());
    let hex: String = digest.iter().take(8).map(|b| format!("{b:02x}")).collect();
    format!("user:{hex}")
}

/// Whether Flexiti refused the credentials (what counts as a guess), as opposed to a
/// failure of the network or the service, which counts for nothing.
pub(super) fn wrong_credentials(error: &flexiti_api::ApiError) -> bool {
    matches!(
        error,
        flexiti_api::ApiError::Unauthorized
            | flexiti_api::ApiError::Business {
                code: flexiti_api::BusinessCode::AuthenticationFailure,
                ..
            }
    )
}

fn stamp(at: DateTime<Utc>) -> String {
    at.to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Engine {
    /// Refuses with `too_many_attempts` (and the time left) while any of `subjects` waits
    /// out its delay.
    pub(super) async fn throttle_check(&self, subjects: &[&str]) -> AppResult<()> {
        let now = Utc::now();
        let mut longest = 0u64;
        for subject in subjects {
            let Some(record) = self.store.attempts(subject).await? else {
                continue;
            };
            let until = record
                .blocked_until
                .as_deref()
                .and_then(|t| DateTime::parse_from_rfc3339(t).ok())
                .map(|t| t.with_timezone(&Utc));
            if let Some(until) = until.filter(|until| *until > now) {
                let left = (until - now).num_milliseconds().max(0);
                let seconds = u64::try_from(left).unwrap_or(0).div_ceil(1000).max(1);
                longest = longest.max(seconds);
            }
        }
        if longest > 0 {
            return Err(AppError::TooManyAttempts { seconds: longest });
        }
        Ok(())
    }

    /// Counts a failure for each of `subjects`; returns the largest failure count.
    pub(super) async fn throttle_failure(&self, subjects: &[&str]) -> AppResult<u32> {
        let mut most = 0;
        for subject in subjects {
            let record = self
                .store
                .record_failed_attempt(subject, |failures| {
                    delay_after(failures).map(|delay| {
                        stamp(Utc::now() + chrono::Duration::from_std(delay).unwrap_or_default())
                    })
                })
                .await?;
            most = most.max(record.failures);
        }
        Ok(most)
    }

    /// A success clears the counters of `subjects`.
    pub(super) async fn throttle_success(&self, subjects: &[&str]) -> AppResult<()> {
        for subject in subjects {
            self.store.clear_attempts(subject).await?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_delay_starts_at_the_fifth_failure_doubles_and_stops_at_fifteen_minutes() {
        let seconds: Vec<Option<u64>> = (0..=12)
            .map(|n| delay_after(n).map(|d| d.as_secs()))
            .collect();
        assert_eq!(
            seconds,
            [
                None,
                None,
                None,
                None,
                None,
                Some(30),
                Some(60),
                Some(120),
                Some(240),
                Some(480),
                Some(900),
                Some(900),
                Some(900)
            ]
        );
        assert_eq!(delay_after(u32::MAX).map(|d| d.as_secs()), Some(900));
    }

    #[test]
    fn a_username_is_counted_by_a_hash_that_ignores_case_and_spaces() {
        assert_eq!(
            user_subject(" MerchantOnline "),
            user_subject("merchantonline")
        );
        assert_ne!(
            user_subject("merchantonline"),
            user_subject("merchantstore")
        );
        assert!(!user_subject("hunter2-password").contains("hunter2"));
    }
}
