//! The terminal's settings, which decide which Flexiti the app talks to, open only to the
//! administrator once the terminal has left Sandbox: changing the environment or the
//! client ends the session, and the stored secret serves only the settings it was saved
//! with.

use chrono::{SecondsFormat, Utc};
use flexiti_api::{ClientConfig, FlexitiClient, Secret};
use pos_store::{AuditEvent, EndReason};

use super::admin::LEFT_SANDBOX;
use super::{idle_period, Access, Engine};
use crate::dto::{
    ConnectionCheck, EnvironmentKind, SettingsInput, SettingsView, UnresolvedDraftView,
};
use crate::error::{AppError, AppResult};
use crate::settings::{TerminalSettings, SECRET_BINDING};

/// A typed secret, if any (blank means "keep the stored one").
fn typed_secret(input: &SettingsInput) -> Option<Secret> {
    input
        .client_secret
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(Secret::new)
}

impl Engine {
    /// The settings screen: the settings, where the client secret and data key live, and
    /// the drafts kept past the retention period because their outcome is unknown.
    pub async fn get_settings(&self) -> AppResult<SettingsView> {
        let (settings, source) = {
            let mut state = self.state.lock().await;
            state.gate.admit(Access::Admin)?;
            (state.settings.clone(), state.secret_source)
        };
        let cutoff = (Utc::now() - chrono::Duration::days(i64::from(settings.retention_days)))
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let unresolved = self
            .store
            .unresolved_before(&cutoff)
            .await?
            .into_iter()
            .filter_map(|d| {
                Some(UnresolvedDraftView {
                    status: d.status.ok()?,
                    id: d.id,
                    rep: d.rep_username,
                    updated_at: d.updated_at,
                })
            })
            .collect();
        Ok(SettingsView {
            environment: settings.environment,
            custom_url: settings.custom_url,
            client_id: settings.client_id,
            store_id: settings.store_id,
            terminal_id: settings.terminal_id,
            idle_lock_minutes: settings.idle_lock_minutes,
            retention_days: settings.retention_days,
            store_province: settings.store_province,
            store_lang: settings.store_lang,
            secret_source: source,
            data_key_source: self.data_key_source,
            admin_passphrase_set: self.admin_passphrase_set().await?,
            kiosk: settings.kiosk,
            managed: self.managed.names(),
            unresolved,
        })
    }

    /// Saves the settings (the secret to the secret chain, never to SQLite). Leaving
    /// Sandbox needs an administrator's passphrase; a change of environment, URL or client
    /// id needs the secret typed again; the rep is signed out when those change.
    pub async fn save_settings(&self, input: SettingsInput) -> AppResult<SettingsView> {
        self.admit(Access::Admin).await?;
        let settings = TerminalSettings::from_input(&input)?;
        // What the managed configuration file sets is read-only here.
        self.managed.check(&settings)?;
        let sandbox = settings.environment == EnvironmentKind::Sandbox;
        let new_passphrase = input
            .new_admin_passphrase
            .as_deref()
            .filter(|p| !p.is_empty());
        let managed_hash = self.managed.admin_hash().is_some();
        if managed_hash && new_passphrase.is_some() {
            return Err(AppError::ManagedSetting(crate::managed::ADMIN_HASH_KEY));
        }
        // Leaving Sandbox for the first time always sets the passphrase anew: one typed
        // while the settings were open to anyone (Sandbox) must not guard a real terminal
        // (unless IT's managed configuration sets it).
        let leaving_sandbox = !sandbox && !super::admin::left_sandbox(&self.store).await?;
        if leaving_sandbox && new_passphrase.is_none() && !managed_hash {
            return Err(AppError::AdminPassphraseNeeded);
        }
        let secret = typed_secret(&input);
        let binding = self.store.setting(SECRET_BINDING).await?;
        if !sandbox && secret.is_none() && binding.as_deref() != Some(&settings.environment_key()) {
            return Err(AppError::SecretNeeded);
        }
        if let Some(new) = new_passphrase {
            self.set_admin_passphrase(new).await?;
        }
        if let Some(secret) = &secret {
            self.secrets
                .set(&settings.client_id, secret)
                .map_err(|e| AppError::Keyring(e.to_string()))?;
            self.store
                .set_setting(SECRET_BINDING, &settings.environment_key())
                .await?;
        }
        settings.save(&self.store, &self.managed.names()).await?;
        if !sandbox {
            self.store.set_setting(LEFT_SANDBOX, "1").await?;
        }
        let rep = self
            .state
            .lock()
            .await
            .gate
            .session()
            .map(|s| s.rep.clone());
        let detail = format!(
            "environment={} secret_changed={} passphrase_changed={}",
            settings.environment.code(),
            secret.is_some(),
            new_passphrase.is_some()
        );
        self.store
            .audit(
                AuditEvent::SettingsChanged,
                rep.as_deref(),
                &settings.terminal_id,
                "ok",
                Some(&detail),
            )
            .await?;
        let source = self.secret_source_of(&settings).await;
        let left_sandbox = super::admin::left_sandbox(&self.store).await?;
        let ended = {
            let mut state = self.state.lock().await;
            let changed = state.settings.environment_key() != settings.environment_key();
            state
                .gate
                .set_idle_period(idle_period(settings.idle_lock_minutes));
            if left_sandbox && !state.gate.admin_required() {
                // The terminal just left Sandbox: from now on the settings need the
                // passphrase; the administrator who set it keeps them open for now.
                state.gate.set_admin_free(false);
                state.gate.open_admin();
            }
            state.settings = settings;
            state.secret_source = source;
            state.client = None;
            let ended = if changed {
                self.purchases.clear();
                state.gate.end()
            } else {
                None
            };
            if state.gate.session().is_none() {
                // Nobody's session: the screen is in the store's language.
                state.lang = state.settings.store_lang;
            }
            if changed {
                state.forms.clear();
            }
            self.ensure_sandbox(&mut state).await?;
            ended
        };
        if let Some(session) = ended {
            self.store
                .end_session(session.id, EndReason::SignOut)
                .await?;
            self.audit(
                AuditEvent::SignOut,
                Some(&session.rep),
                "settings_changed",
                None,
            )
            .await?;
        }
        self.get_settings().await
    }

    /// Gets a token with the given settings, without saving them. The stored secret is
    /// used only when the settings tested are the ones it was saved for; for any other
    /// environment, URL or client id the secret must be typed.
    pub async fn test_connection(&self, input: SettingsInput) -> AppResult<ConnectionCheck> {
        self.admit(Access::Admin).await?;
        let settings = TerminalSettings::from_input(&input)?;
        let sandbox_url = self
            .state
            .lock()
            .await
            .sandbox
            .as_ref()
            .map(|s| s.base_url().to_owned());
        let secret = match typed_secret(&input) {
            Some(secret) => secret,
            None => self
                .secret_for(&settings)
                .await?
                .map(|(s, _)| s)
                .ok_or(AppError::SecretNeeded)?,
        };
        // Testing Sandbox from a terminal that is not in Sandbox mode: an emulator of its
        // own for the test, dropped after it.
        let mut _for_the_test = None;
        let sandbox_url = match (settings.environment, sandbox_url) {
            (EnvironmentKind::Sandbox, None) => {
                let sandbox =
                    flexiti_sandbox::Sandbox::start(flexiti_sandbox::SandboxConfig::default())
                        .await
                        .map_err(|_| AppError::Internal("sandbox".into()))?;
                let url = sandbox.base_url().to_owned();
                _for_the_test = Some(sandbox);
                Some(url)
            }
            (_, url) => url,
        };
        let environment = settings.api_environment(sandbox_url.as_deref())?;
        let terminal = settings.terminal_id.clone();
        let kind = settings.environment.code();
        let client =
            FlexitiClient::new(ClientConfig::new(environment, settings.client_id, secret))?;
        let check = match client.connect().await {
            Ok(()) => ConnectionCheck {
                ok: true,
                error: None,
            },
            Err(error) => ConnectionCheck {
                ok: false,
                error: Some(AppError::from(error).to_command_error()),
            },
        };
        let outcome = check.error.as_ref().map_or("ok", |e| e.code.as_str());
        let detail = format!("environment={kind}");
        self.store
            .audit(
                AuditEvent::ConnectionTested,
                None,
                &terminal,
                outcome,
                Some(&detail),
            )
            .await?;
        Ok(check)
    }

    /// "Reset this terminal" with the engine running: refused while a rep is signed in;
    /// erases drafts, sessions, settings (the administrator's passphrase with them), the
    /// client secret and the data key. The audit log stays (it holds no applicant data).
    pub(crate) async fn wipe(&self) -> AppResult<()> {
        let client_id = {
            let state = self.state.lock().await;
            if state.gate.session().is_some() {
                return Err(AppError::SignOutFirst);
            }
            state.settings.client_id.clone()
        };
        // The key first: if its keyring does not answer, nothing is erased yet; once it
        // is gone, whatever the wipe might leave is sealed with a key nobody has.
        crate::data_key::forget(&self.data_keys)?;
        self.store.wipe().await?;
        // The secret's entry may already be gone: what matters is that none is left.
        let _ = self.secrets.delete(&client_id);
        Ok(())
    }

    /// Writes the reset in the audit log of the terminal started afresh.
    pub(crate) async fn note_reset(&self) -> AppResult<()> {
        self.audit(AuditEvent::TerminalReset, None, "ok", None)
            .await
    }
}
