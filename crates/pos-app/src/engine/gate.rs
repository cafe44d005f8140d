//! One gate decides whether a command may run now (signed in, not locked, not idle too
//! long), so every command obeys the same rules and they are tested without an engine.

use std::time::Duration;

use tokio::time::Instant;

use crate::error::{AppError, AppResult};

/// What a command needs from the rep's session before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Runs signed out or locked.
    Open,
    /// Needs a session, locked or not.
    SignedIn,
    /// Needs a session that is not locked. A session idle for the idle period is locked
    /// first; passing counts as the rep's activity.
    Unlocked,
}

/// The idle period of the `idle_lock_minutes` setting.
pub fn idle_period(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

/// The rep's session (when signed in), the screen lock, and the idle clock that locks it.
pub struct SessionGate<S> {
    session: Option<S>,
    locked: bool,
    last_activity: Instant,
    idle_period: Duration,
}

impl<S> SessionGate<S> {
    /// Signed out, unlocked.
    pub fn new(idle_period: Duration) -> Self {
        SessionGate {
            session: None,
            locked: false,
            last_activity: Instant::now(),
            idle_period,
        }
    }

    /// A new idle period applies from the next command on.
    pub fn set_idle_period(&mut self, idle_period: Duration) {
        self.idle_period = idle_period;
    }

    pub fn session(&self) -> Option<&S> {
        self.session.as_ref()
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Lets a command that needs `access` through, or says why not: signed out first,
    /// then locked (an idle session is locked here). An unlocked pass restarts the idle clock.
    pub fn admit(&mut self, access: Access) -> AppResult<()> {
        if access == Access::Open {
            return Ok(());
        }
        if self.session.is_none() {
            return Err(AppError::NotSignedIn);
        }
        if access == Access::SignedIn {
            return Ok(());
        }
        if self.last_activity.elapsed() >= self.idle_period {
            self.locked = true;
        }
        if self.locked {
            return Err(AppError::Locked);
        }
        self.last_activity = Instant::now();
        Ok(())
    }

    /// A rep signed in: the session starts unlocked, its idle clock at zero.
    pub fn begin(&mut self, session: S) {
        self.session = Some(session);
        self.locked = false;
        self.last_activity = Instant::now();
    }

    /// Ends the session and hands it back; the lock is left as it was.
    pub fn end(&mut self) -> Option<S> {
        self.session.take()
    }

    /// Locks a signed-in session; true when it was not locked already.
    pub fn lock(&mut self) -> bool {
        if self.session.is_none() {
            return false;
        }
        let newly_locked = !self.locked;
        self.locked = true;
        newly_locked
    }

    /// Unlocks (the caller has checked the rep) and restarts the idle clock.
    pub fn unlock(&mut self) {
        self.locked = false;
        self.last_activity = Instant::now();
    }
}

#[cfg(test)]
mod tests {
    use super::Access::{Open, SignedIn, Unlocked};
    use super::*;

    const MINUTE: Duration = Duration::from_secs(60);

    fn signed_in(idle_minutes: u32) -> SessionGate<&'static str> {
        let mut gate = SessionGate::new(idle_period(idle_minutes));
        gate.begin("merchantonline");
        gate
    }

    /// "ok", or the code of the refusal.
    fn pass(gate: &mut SessionGate<&str>, access: Access) -> &'static str {
        gate.admit(access).err().map_or("ok", |e| e.code())
    }

    #[tokio::test(start_paused = true)]
    async fn signed_out_is_refused_before_idleness_is_considered() {
        let mut gate: SessionGate<&str> = SessionGate::new(idle_period(1));
        tokio::time::advance(2 * MINUTE).await;
        assert_eq!(pass(&mut gate, Unlocked), "not_signed_in");
        assert_eq!(pass(&mut gate, SignedIn), "not_signed_in");
        assert_eq!(pass(&mut gate, Open), "ok");
        assert!(!gate.is_locked(), "no session, nothing to lock");
    }

    #[tokio::test(start_paused = true)]
    async fn the_idle_period_locks_the_session_without_signing_out() {
        let mut gate = signed_in(10);
        tokio::time::advance(10 * MINUTE).await;
        assert_eq!(pass(&mut gate, Unlocked), "session_locked");
        assert!(gate.is_locked(), "locked");
        assert!(gate.session().is_some(), "not signed out");
    }

    #[tokio::test(start_paused = true)]
    async fn a_locked_session_refuses_only_the_commands_that_need_it_unlocked() {
        let mut gate = signed_in(10);
        assert!(gate.lock());
        assert_eq!(pass(&mut gate, Unlocked), "session_locked");
        assert_eq!(pass(&mut gate, SignedIn), "ok");
        assert_eq!(pass(&mut gate, Open), "ok");
    }

    #[tokio::test(start_paused = true)]
    async fn activity_restarts_the_idle_clock() {
        let mut gate = signed_in(10);
        tokio::time::advance(9 * MINUTE).await;
        assert_eq!(pass(&mut gate, Unlocked), "ok", "at 9 minutes");
        tokio::time::advance(9 * MINUTE).await;
        assert_eq!(pass(&mut gate, Unlocked), "ok", "9 minutes after it");
        // Commands that do not need the rep at the terminal are not activity.
        tokio::time::advance(9 * MINUTE).await;
        assert_eq!(pass(&mut gate, SignedIn), "ok");
        assert_eq!(pass(&mut gate, Open), "ok");
        tokio::time::advance(MINUTE).await;
        assert_eq!(pass(&mut gate, Unlocked), "session_locked");
    }

    #[tokio::test(start_paused = true)]
    async fn lock_then_unlock() {
        let mut gate = signed_in(10);
        assert!(gate.lock(), "newly locked");
        assert!(!gate.lock(), "already locked");
        tokio::time::advance(20 * MINUTE).await;
        gate.unlock();
        assert!(!gate.is_locked());
        tokio::time::advance(9 * MINUTE).await;
        assert_eq!(
            pass(&mut gate, Unlocked),
            "ok",
            "unlock restarted the clock"
        );

        let mut signed_out: SessionGate<&str> = SessionGate::new(idle_period(10));
        assert!(!signed_out.lock(), "nothing to lock signed out");
        assert!(!signed_out.is_locked());
    }

    #[tokio::test(start_paused = true)]
    async fn a_new_session_starts_unlocked_and_ending_one_leaves_the_lock_flag() {
        let mut gate = signed_in(10);
        gate.lock();
        assert_eq!(gate.end(), Some("merchantonline"));
        assert!(gate.is_locked(), "end() leaves the lock to the caller");
        assert_eq!(pass(&mut gate, Unlocked), "not_signed_in");
        tokio::time::advance(30 * MINUTE).await;
        gate.begin("another rep");
        assert!(!gate.is_locked());
        assert_eq!(pass(&mut gate, Unlocked), "ok");
    }

    #[tokio::test(start_paused = true)]
    async fn a_shorter_idle_period_applies_at_once() {
        let mut gate = signed_in(10);
        tokio::time::advance(3 * MINUTE).await;
        gate.set_idle_period(idle_period(2));
        assert_eq!(pass(&mut gate, Unlocked), "session_locked");
    }
}
