//! One gate decides whether a command may run now (signed in, not locked, not idle too
//! long, administrator's settings open), so every command obeys the same rules and they
//! are tested without an engine.

use std::time::Duration;

use tokio::time::Instant;

use crate::error::{AppError, AppResult};

/// What a command needs before it runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Access {
    /// Answered by the terminal itself, even when the engine did not start.
    Terminal,
    /// Runs in every state, a locked session included.
    Always,
    /// Runs signed out; refused while a rep's session is locked.
    Open,
    /// Needs a session, locked or not.
    SignedIn,
    /// Needs a session that is not locked. A session idle for the idle period is locked
    /// first; passing counts as the rep's activity.
    Unlocked,
    /// Needs the administrator's settings open (or a terminal that never left Sandbox);
    /// refused while a rep's session is locked. Passing keeps the settings open.
    Admin,
}

/// How long the administrator's settings stay open after the last settings command.
pub const ADMIN_WINDOW: Duration = Duration::from_secs(5 * 60);

/// The idle period of the `idle_lock_minutes` setting.
pub fn idle_period(minutes: u32) -> Duration {
    Duration::from_secs(u64::from(minutes) * 60)
}

/// The rep's session (when signed in), the screen lock and the idle clock that locks it,
/// and whether the administrator's settings are open.
pub struct SessionGate<S> {
    session: Option<S>,
    locked: bool,
    last_activity: Instant,
    idle_period: Duration,
    /// Until when the administrator's settings are open.
    admin_until: Option<Instant>,
    /// The terminal has never left Sandbox: its settings need no passphrase.
    admin_free: bool,
}

impl<S> SessionGate<S> {
    /// Signed out, unlocked, settings closed.
    pub fn new(idle_period: Duration) -> Self {
        SessionGate {
            session: None,
            locked: false,
            last_activity: Instant::now(),
            idle_period,
            admin_until: None,
            admin_free: false,
        }
    }

    /// A new idle period applies from the next command on.
    pub fn set_idle_period(&mut self, idle_period: Duration) {
        self.idle_period = idle_period;
    }

    /// Whether the settings need no passphrase (a terminal that never left Sandbox).
    pub fn set_admin_free(&mut self, free: bool) {
        self.admin_free = free;
    }

    pub fn session(&self) -> Option<&S> {
        self.session.as_ref()
    }

    pub fn session_mut(&mut self) -> Option<&mut S> {
        self.session.as_mut()
    }

    pub fn is_locked(&self) -> bool {
        self.locked
    }

    /// Locks a signed-in session whose idle period has passed; true when this call locked
    /// it. Reading the state this way is not activity (the engine's timer and the status
    /// call use it).
    pub fn lock_if_idle(&mut self) -> bool {
        if self.session.is_some()
            && !self.locked
            && self.last_activity.elapsed() >= self.idle_period
        {
            self.locked = true;
            return true;
        }
        false
    }

    /// Whether the administrator's settings are open now.
    pub fn admin_open(&self) -> bool {
        self.admin_free || self.admin_until.is_some_and(|until| Instant::now() < until)
    }

    /// Whether the settings need the passphrase.
    pub fn admin_required(&self) -> bool {
        !self.admin_free
    }

    /// Lets a command that needs `access` through, or says why not: signed out first,
    /// then locked (an idle session is locked here), then the administrator. An unlocked
    /// pass restarts the idle clock; an administrator's pass keeps the settings open.
    pub fn admit(&mut self, access: Access) -> AppResult<()> {
        match access {
            Access::Terminal | Access::Always => Ok(()),
            Access::Open => self.not_locked(),
            Access::SignedIn => self
                .session
                .as_ref()
                .map(|_| ())
                .ok_or(AppError::NotSignedIn),
            Access::Unlocked => {
                if self.session.is_none() {
                    return Err(AppError::NotSignedIn);
                }
                self.not_locked()?;
                self.last_activity = Instant::now();
                Ok(())
            }
            Access::Admin => {
                self.not_locked()?;
                if !self.admin_open() {
                    self.admin_until = None;
                    return Err(AppError::AdminRequired);
                }
                if !self.admin_free {
                    self.admin_until = Some(Instant::now() + ADMIN_WINDOW);
                }
                Ok(())
            }
        }
    }

    fn not_locked(&mut self) -> AppResult<()> {
        self.lock_if_idle();
        if self.session.is_some() && self.locked {
            return Err(AppError::Locked);
        }
        Ok(())
    }

    /// The administrator gave the passphrase: the settings open for [`ADMIN_WINDOW`].
    pub fn open_admin(&mut self) {
        self.admin_until = Some(Instant::now() + ADMIN_WINDOW);
    }

    /// Closes the administrator's settings.
    pub fn close_admin(&mut self) {
        self.admin_until = None;
    }

    /// A rep signed in: the session starts unlocked, its idle clock at zero, and the
    /// administrator's settings close (the rep is not the administrator).
    pub fn begin(&mut self, session: S) {
        self.session = Some(session);
        self.locked = false;
        self.last_activity = Instant::now();
        self.admin_until = None;
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
    use super::Access::{Admin, Always, Open, SignedIn, Terminal, Unlocked};
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
        assert_eq!(pass(&mut gate, Always), "ok");
        assert_eq!(pass(&mut gate, Terminal), "ok");
        assert_eq!(
            pass(&mut gate, Open),
            "session_locked",
            "no sign-in over a locked session"
        );
        gate.set_admin_free(true);
        assert_eq!(
            pass(&mut gate, Admin),
            "session_locked",
            "no settings from the lock screen"
        );
    }

    #[tokio::test(start_paused = true)]
    async fn reading_the_lock_is_not_activity() {
        let mut gate = signed_in(10);
        for _ in 0..9 {
            tokio::time::advance(MINUTE).await;
            assert!(!gate.lock_if_idle());
            assert_eq!(pass(&mut gate, Always), "ok");
        }
        tokio::time::advance(MINUTE).await;
        assert!(gate.lock_if_idle(), "the tenth minute locks, polls or not");
        assert!(!gate.lock_if_idle(), "once");
    }

    #[tokio::test(start_paused = true)]
    async fn the_settings_need_the_administrator_once_the_terminal_left_sandbox() {
        let mut gate: SessionGate<&str> = SessionGate::new(idle_period(10));
        gate.set_admin_free(true);
        assert_eq!(pass(&mut gate, Admin), "ok", "a Sandbox-only terminal");
        gate.set_admin_free(false);
        assert_eq!(pass(&mut gate, Admin), "admin_required");
        gate.open_admin();
        assert_eq!(pass(&mut gate, Admin), "ok");
        tokio::time::advance(ADMIN_WINDOW - Duration::from_secs(1)).await;
        assert_eq!(
            pass(&mut gate, Admin),
            "ok",
            "a settings command keeps them open"
        );
        tokio::time::advance(ADMIN_WINDOW - Duration::from_secs(1)).await;
        assert_eq!(pass(&mut gate, Admin), "ok");
        tokio::time::advance(ADMIN_WINDOW).await;
        assert_eq!(
            pass(&mut gate, Admin),
            "admin_required",
            "closed after the window"
        );
        gate.open_admin();
        gate.begin("merchantonline");
        assert_eq!(
            pass(&mut gate, Admin),
            "admin_required",
            "a rep's sign-in closes them"
        );
        gate.open_admin();
        gate.close_admin();
        assert_eq!(pass(&mut gate, Admin), "admin_required");
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
