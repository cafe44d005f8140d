//! The rep's session from sign in to sign out, with the lock in between, kept together
//! because each step changes what the gate lets through and what the audit log says.

use flexiti_api::{OptionLists, Secret};
use pos_store::{AuditEvent, EndReason};

use super::{now_text, Access, Engine, State};
use crate::dto::{AppStatus, EnvironmentKind, Lang, SessionView, SignInInput};
use crate::error::{AppError, AppResult};

/// A signed-in rep.
pub(super) struct Session {
    pub(super) id: i64,
    pub(super) rep: String,
    pub(super) merchant_name: String,
    pub(super) started_at: String,
    /// The merchant login's `form_values`, in the language of the sign in.
    pub(super) login_lists: (Lang, OptionLists),
}

impl Engine {
    fn status_view(&self, state: &State) -> AppStatus {
        AppStatus {
            environment: state.settings.environment,
            training_banner: state.settings.environment != EnvironmentKind::Production,
            lang: state.lang,
            session: state.gate.session().map(|s| SessionView {
                rep: s.rep.clone(),
                merchant_name: s.merchant_name.clone(),
                started_at: s.started_at.clone(),
            }),
            locked: state.gate.is_locked(),
            idle_lock_minutes: state.settings.idle_lock_minutes,
            configured: matches!(self.secret_for(&state.settings), Ok(Some(_))),
        }
    }

    /// The `app_status` command: [`Engine::status`], which never fails.
    pub async fn app_status(&self) -> AppResult<AppStatus> {
        Ok(self.status().await)
    }

    /// What the shell shows. Signed in, it passes the gate as unlocked work does and ignores
    /// a refusal: an idle session is locked here, and the call counts as activity.
    pub async fn status(&self) -> AppStatus {
        let mut state = self.state.lock().await;
        let _ = state.gate.admit(Access::Unlocked);
        self.status_view(&state)
    }

    pub async fn set_language(&self, lang: Lang) -> AppResult<AppStatus> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Open)?;
        state.lang = lang;
        self.store.set_setting("lang", lang.code()).await?;
        Ok(self.status_view(&state))
    }

    pub async fn sign_in(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (client, lang, terminal) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Open)?;
            (
                self.client(&mut state)?,
                state.lang,
                state.settings.terminal_id.clone(),
            )
        };
        let username: String = input.username.trim().chars().take(100).collect();
        let login = match client
            .merchant_login(lang, &username, &Secret::new(input.password))
            .await
        {
            Ok(login) => login,
            Err(error) => {
                self.audit(
                    AuditEvent::SignInFailed,
                    Some(&username),
                    error.code(),
                    None,
                )
                .await?;
                return Err(error.into());
            }
        };
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
        if let Some(previous) = state.gate.end() {
            self.store
                .end_session(previous.id, EndReason::SignOut)
                .await?;
        }
        state.gate.begin(Session {
            id,
            rep: username,
            merchant_name: login.merchant_name,
            started_at: now_text(),
            login_lists: (lang, login.form_values),
        });
        state.forms.clear();
        Ok(self.status_view(&state))
    }

    /// Ends the session, if any (signed out or locked, it simply answers the status).
    pub async fn sign_out(&self) -> AppResult<AppStatus> {
        let ended = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Open)?;
            state.gate.end()
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
        Ok(self.status_view(&state))
    }

    /// Locks the screen (signed out, it simply answers the status).
    pub async fn lock(&self) -> AppResult<AppStatus> {
        let rep = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Open)?;
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

    /// The same rep signs in again; the form and drafts stay as they were.
    pub async fn unlock(&self, input: SignInInput) -> AppResult<AppStatus> {
        let (client, lang, rep) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::SignedIn)?;
            let rep = state
                .gate
                .session()
                .map(|s| s.rep.clone())
                .ok_or(AppError::NotSignedIn)?;
            (self.client(&mut state)?, state.lang, rep)
        };
        if !input.username.trim().is_empty() && input.username.trim() != rep {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), "wrong_rep", None)
                .await?;
            return Err(AppError::WrongRep);
        }
        if let Err(error) = client
            .merchant_login(lang, &rep, &Secret::new(input.password))
            .await
        {
            self.audit(AuditEvent::UnlockFailed, Some(&rep), error.code(), None)
                .await?;
            return Err(error.into());
        }
        self.audit(AuditEvent::Unlock, Some(&rep), "ok", None)
            .await?;
        let mut state = self.state.lock().await;
        state.gate.unlock();
        Ok(self.status_view(&state))
    }
}
