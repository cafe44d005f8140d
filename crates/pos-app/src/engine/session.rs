//! The rep's session from sign in to sign out, with the lock in between, kept together
//! because each step changes what the gate lets through and what the audit log says.

use flexiti_api::{OptionLists, Secret};
use pos_store::{AuditEvent, EndReason};

use super::throttle::{user_subject, wrong_credentials, TERMINAL_SUBJECT};
use super::{now_text, Access, Engine, State};
use crate::dto::{AppStatus, EnvironmentKind, Lang, SecretSource, SessionView, SignInInput};
use crate::error::{AppError, AppResult};

/// Failed unlocks that end the session (the form is saved; the rep signs in again).
pub const UNLOCK_FAILURES_END_SESSION: u32 = 5;

/// A signed-in rep.
pub(super) struct Session {
    pub(super) id: i64,
    pub(super) rep: String,
    pub(super) merchant_id: String,
    pub(super) merchant_name: String,
    pub(super) started_at: String,
    /// Failed unlocks since the lock.
    pub(super) unlock_failures: u32,
    /// The merchant login's `form_values`, in the language of the sign in.
    pub(super) login_lists: (Lang, OptionLists),
}

impl Engine {
    pub(super) fn status_view(&self, state: &State) -> AppStatus {
        AppStatus {
            environment: state.settings.environment,
            training_banner: state.settings.environment != EnvironmentKind::Production,
            lang: state.lang,
            store_lang: state.settings.store_lang,
            session: state.gate.session().map(|s| SessionView {
                rep: s.rep.clone(),
                merchant_name: s.merchant_name.clone(),
                started_at: s.started_at.clone(),
            }),
            locked: state.gate.is_locked(),
            idle_lock_minutes: state.settings.idle_lock_minutes,
            configured: state.secret_source != SecretSource::Missing,
            admin_open: state.gate.admin_open(),
            admin_required: state.gate.admin_required(),
            version: env!("CARGO_PKG_VERSION").to_owned(),
        }
    }

    /// The `app_status` command: [`Engine::status`], which never fails.
    pub async fn app_status(&self) -> AppResult<AppStatus> {
        Ok(self.status().await)
    }

    /// What the shell shows. Reading it is not activity: an idle session is locked here
    /// (as by the engine's timer), never kept alive.
    pub async fn status(&self) -> AppStatus {
        let newly_locked = {
            let mut state = self.state.lock().await;
            let newly = state.gate.lock_if_idle();
            newly
                .then(|| state.gate.session().map(|s| s.rep.clone()))
                .flatten()
        };
        if let Some(rep) = newly_locked {
            let _ = self.audit(AuditEvent::Lock, Some(&rep), "idle", None).await;
        }
        self.status_view(&*self.state.lock().await)
    }

    /// Locks the session the moment its idle period has passed (the engine's timer calls
    /// this every second; the window learns it from the status it polls).
    pub async fn lock_if_idle(&self) -> AppResult<()> {
        let rep = {
            let mut state = self.state.lock().await;
            let newly = state.gate.lock_if_idle();
            newly
                .then(|| state.gate.session().map(|s| s.rep.clone()))
                .flatten()
        };
        if let Some(rep) = rep {
            self.audit(AuditEvent::Lock, Some(&rep), "idle", None)
                .await?;
        }
        Ok(())
    }

    pub async fn set_language(&self, lang: Lang) -> AppResult<AppStatus> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Always)?;
        // For this session only (or, signed out, until the next sign-out or start): the
        // store's language is the terminal's, not the last rep's.
        state.lang = lang;
        Ok(self.status_view(&state))
    }

    /// Signs a rep in against Flexiti. Throttled per username and per terminal (refused
    /// locally, Flexiti not asked, while a delay runs); a failure is audited with the
    /// username only when it is a rep this terminal knows (a password typed in the
    /// username field is not kept in clear).
    pub async fn sign_in(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (lang, terminal) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Open)?;
            (state.lang, state.settings.terminal_id.clone())
        };
        let _one_check_at_a_time = self.credential_checks.lock().await;
        let username: String = input.username.trim().chars().take(100).collect();
        let user = user_subject(&username);
        let subjects = [user.as_str(), TERMINAL_SUBJECT];
        let known = self.store.known_rep(&username).await?;
        let audited_name = known.then_some(username.as_str());
        if let Err(error) = self.throttle_check(&subjects).await {
            self.audit(
                AuditEvent::SignInThrottled,
                audited_name,
                error.code(),
                None,
            )
            .await?;
            return Err(error);
        }
        let client = self.client().await?;
        let login = match client
            .merchant_login(lang, &username, &Secret::new(input.password))
            .await
        {
            Ok(login) => login,
            Err(error) => {
                if wrong_credentials(&error) {
                    let failures = self.throttle_failure(&subjects).await?;
                    let detail = format!("failures={failures}");
                    self.audit(
                        AuditEvent::SignInFailed,
                        audited_name,
                        error.code(),
                        Some(&detail),
                    )
                    .await?;
                } else {
                    self.audit(AuditEvent::SignInFailed, audited_name, error.code(), None)
                        .await?;
                }
                return Err(error.into());
            }
        };
        self.throttle_success(&subjects).await?;
        self.audit(AuditEvent::SignIn, Some(&username), "ok", None)
            .await?;
        let id = self
            .store
            .start_session(
                &username,
                &login.merchant_id,
                &login.merchant_name,
                &terminal,
            )
            .await?;
        let mut state = self.state.lock().await;
        if let Some(previous) = {
            self.purchases.clear();
            state.gate.end()
        } {
            self.store
                .end_session(previous.id, EndReason::SignOut)
                .await?;
        }
        let scope = pos_store::DraftScope {
            environment_key: state.settings.environment_key(),
            merchant_id: login.merchant_id.clone(),
        };
        let claimed = self.store.claim_unscoped_drafts(&scope).await?;
        if claimed > 0 {
            tracing::info!(
                claimed,
                "drafts from before environment binding joined this merchant"
            );
        }
        state.gate.begin(Session {
            id,
            rep: username,
            merchant_id: login.merchant_id,
            merchant_name: login.merchant_name,
            started_at: now_text(),
            unlock_failures: 0,
            login_lists: (lang, login.form_values),
        });
        state.forms.clear();
        Ok(self.status_view(&state))
    }

    /// Ends the session, if any (signed out or locked, it simply answers the status).
    pub async fn sign_out(&self) -> AppResult<AppStatus> {
        let ended = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Always)?;
            {
                self.purchases.clear();
                state.gate.end()
            }
        };
        if let Some(session) = ended {
            self.store
                .end_session(session.id, EndReason::SignOut)
                .await?;
            self.audit(AuditEvent::SignOut, Some(&session.rep), "ok", None)
                .await?;
        }
        let mut state = self.state.lock().await;
        state.gate.unlock();
        state.forms.clear();
        state.lang = state.settings.store_lang;
        Ok(self.status_view(&state))
    }

    /// Locks the screen (signed out, it simply answers the status).
    pub async fn lock(&self) -> AppResult<AppStatus> {
        let rep = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Always)?;
            let newly_locked = state.gate.lock();
            state
                .gate
                .session()
                .filter(|_| newly_locked)
                .map(|s| s.rep.clone())
        };
        if let Some(rep) = rep {
            self.audit(AuditEvent::Lock, Some(&rep), "ok", None).await?;
        }
        Ok(self.status_view(&*self.state.lock().await))
    }

    /// The same rep signs in again; the form and drafts stay as they were. Throttled like
    /// sign-in; the fifth failure ends the session (its drafts are saved).
    pub async fn unlock(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (lang, rep) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::SignedIn)?;
            let rep = state
                .gate
                .session()
                .map(|s| s.rep.clone())
                .ok_or(AppError::NotSignedIn)?;
            (state.lang, rep)
        };
        let _one_check_at_a_time = self.credential_checks.lock().await;
        let user = user_subject(&rep);
        let subjects = [user.as_str(), TERMINAL_SUBJECT];
        if let Err(error) = self.throttle_check(&subjects).await {
            self.audit(AuditEvent::SignInThrottled, Some(&rep), error.code(), None)
                .await?;
            return Err(error);
        }
        if !input.username.trim().is_empty() && input.username.trim() != rep {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), "wrong_rep", None)
                .await?;
            return Err(AppError::WrongRep);
        }
        let client = self.client().await?;
        if let Err(error) = client
            .merchant_login(lang, &rep, &Secret::new(input.password))
            .await
        {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), error.code(), None)
                .await?;
            if wrong_credentials(&error) {
                self.throttle_failure(&subjects).await?;
                return Err(self.count_failed_unlock(error.into()).await?);
            }
            return Err(error.into());
        }
        self.throttle_success(&subjects).await?;
        self.audit(AuditEvent::Unlock, Some(&rep), "ok", None)
            .await?;
        let mut state = self.state.lock().await;
        state.gate.unlock();
        if let Some(session) = state.gate.session_mut() {
            session.unlock_failures = 0;
        }
        Ok(self.status_view(&state))
    }

    /// Counts a failed unlock; the fifth ends the session. Returns the error to answer.
    async fn count_failed_unlock(&self, error: AppError) -> AppResult<AppError> {
        let ended = {
            let mut state = self.state.lock().await;
            let failures = state.gate.session_mut().map_or(0, |s| {
                s.unlock_failures += 1;
                s.unlock_failures
            });
            if failures < UNLOCK_FAILURES_END_SESSION {
                return Ok(error);
            }
            let ended = {
                self.purchases.clear();
                state.gate.end()
            };
            state.gate.unlock();
            state.forms.clear();
            state.lang = state.settings.store_lang;
            ended
        };
        if let Some(session) = ended {
            self.store
                .end_session(session.id, EndReason::SignOut)
                .await?;
            self.audit(
                AuditEvent::SignOut,
                Some(&session.rep),
                AppError::UnlockAttemptsExhausted.code(),
                None,
            )
            .await?;
        }
        Ok(AppError::UnlockAttemptsExhausted)
    }
}
