//! The terminal's settings, which decide which Flexiti the app talks to: changing the
//! environment or the client ends the session and rebuilds the client.

use flexiti_api::{ClientConfig, FlexitiClient, Secret};
use pos_store::{AuditEvent, EndReason};

use super::{idle_period, Access, Engine};
use crate::dto::{ConnectionCheck, EnvironmentKind, SecretSource, SettingsInput, SettingsView};
use crate::error::{AppError, AppResult};
use crate::settings::TerminalSettings;

impl Engine {
    /// The settings screen: the settings and where the client secret and data key live.
    pub async fn get_settings(&self) -> AppResult<SettingsView> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Open)?;
        let source = match self.secret_for(&state.settings) {
            Ok(Some((_, source))) => source,
            _ => SecretSource::Missing,
        };
        let s = &state.settings;
        Ok(SettingsView {
            environment: s.environment,
            custom_url: s.custom_url.clone(),
            client_id: s.client_id.clone(),
            store_id: s.store_id.clone(),
            terminal_id: s.terminal_id.clone(),
            idle_lock_minutes: s.idle_lock_minutes,
            retention_days: s.retention_days,
            secret_source: source,
            data_key_source: self.data_key_source,
        })
    }

    /// Saves the settings (the secret to the secret chain, never to SQLite); signs the rep out
    /// when the environment or client changes.
    pub async fn save_settings(&self, input: SettingsInput) -> AppResult<SettingsView> {
        self.admit(Access::Open).await?;
        let settings = TerminalSettings::from_input(&input)?;
        if let Some(secret) = input
            .client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            self.secrets
                .set(&settings.client_id, &Secret::new(secret))
                .map_err(|e| AppError::Keyring(e.to_string()))?;
        }
        settings.save(&self.store).await?;
        let rep = self
            .state
            .lock()
            .await
            .gate
            .session()
            .map(|s| s.rep.clone());
        let environment = format!("{:?}", settings.environment).to_lowercase();
        self.store
            .audit(
                AuditEvent::SettingsChanged,
                rep.as_deref(),
                &settings.terminal_id,
                "ok",
                Some(&environment),
            )
            .await?;
        {
            let mut state = self.state.lock().await;
            let changed = state.settings.environment != settings.environment
                || state.settings.client_id != settings.client_id
                || state.settings.custom_url != settings.custom_url;
            state
                .gate
                .set_idle_period(idle_period(settings.idle_lock_minutes));
            state.settings = settings;
            state.client = None;
            if changed {
                if let Some(session) = state.gate.end() {
                    self.store
                        .end_session(session.id, EndReason::SignOut)
                        .await?;
                }
                state.forms.clear();
            }
            self.ensure_sandbox(&mut state).await?;
        }
        self.get_settings().await
    }

    /// Gets a token with the given settings, without saving them.
    pub async fn test_connection(&self, input: SettingsInput) -> AppResult<ConnectionCheck> {
        self.admit(Access::Open).await?;
        let settings = TerminalSettings::from_input(&input)?;
        let sandbox_url = self
            .state
            .lock()
            .await
            .sandbox
            .as_ref()
            .map(|s| s.base_url().to_owned());
        let secret = match input
            .client_secret
            .as_deref()
            .map(str::trim)
            .filter(|s| !s.is_empty())
        {
            Some(secret) => Secret::new(secret),
            None => self
                .secret_for(&settings)?
                .map(|(s, _)| s)
                .ok_or(AppError::NotConfigured)?,
        };
        let environment = match (settings.environment, sandbox_url) {
            (EnvironmentKind::Sandbox, None) => {
                return Err(AppError::Internal("sandbox not running".into()))
            }
            (_, url) => settings.api_environment(url.as_deref())?,
        };
        let client =
            FlexitiClient::new(ClientConfig::new(environment, settings.client_id, secret))?;
        Ok(match client.connect().await {
            Ok(()) => ConnectionCheck {
                ok: true,
                error: None,
            },
            Err(error) => ConnectionCheck {
                ok: false,
                error: Some(AppError::from(error).to_command_error()),
            },
        })
    }
}
