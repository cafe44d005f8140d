//! Exponential backoff with jitter for calls that are safe to repeat.

use std::time::Duration;

/// How often and how patiently a repeatable call is tried again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in all, the first included.
    pub max_attempts: u32,
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 3,
            base_delay: Duration::from_millis(200),
            max_delay: Duration::from_secs(2),
        }
    }
}

impl RetryPolicy {
    /// The wait before attempt `attempt + 1`: the exponential step `base * 2^(attempt-1)`
    /// (at most `max_delay`), times a random factor in [0.5, 1.0] so that terminals that
    /// failed together do not retry together.
    pub fn delay(&self, attempt: u32) -> Duration {
        let step = self
            .base_delay
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let cap = step.min(self.max_delay);
        cap.mul_f64(0.5 + fastrand::f64() * 0.5)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn delays_grow_within_the_jitter_window_and_the_cap() {
        let policy = RetryPolicy::default();
        for _ in 0..1000 {
            let first = policy.delay(1);
            assert!(first >= Duration::from_millis(100) && first <= Duration::from_millis(200));
            let third = policy.delay(3);
            assert!(third >= Duration::from_millis(400) && third <= Duration::from_millis(800));
            assert!(policy.delay(30) <= Duration::from_secs(2));
        }
    }

    #[test]
    fn jitter_spreads_retries() {
        let policy = RetryPolicy::default();
        let delays: std::collections::BTreeSet<u128> =
            (0..100).map(|_| policy.delay(2).as_micros()).collect();
        assert!(delays.len() > 50, "{} distinct delays of 100", delays.len());
    }
}
