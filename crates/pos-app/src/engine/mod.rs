//! The engine every command calls, split by job into the modules below: it owns the store,
//! the secret chain, the embedded sandbox, the API client and the rep's session, and makes
//! network calls with the state unlocked so a slow Flexiti never freezes other commands.

mod admin;
mod drafts;
mod form_data;
mod gate;
mod purchase;
mod retention;
mod scope;
mod sending;
mod session;
mod settings;
mod submission;
mod support;
mod throttle;

use std::collections::HashMap;
use std::path::PathBuf;
use std::time::Duration;

use chrono::{SecondsFormat, Utc};
use flexiti_api::{ClientConfig, FlexitiClient, Secret};
use flexiti_sandbox::{Sandbox, SandboxConfig};
use pos_store::{AuditEvent, EndReason, Store};
use tokio::sync::Mutex;

use crate::data_key;
use crate::dto::{EnvironmentKind, FormData, Lang, SecretSource};
use crate::error::{AppError, AppResult};
use crate::managed::Managed;
use crate::private_files;
use crate::secrets::Secrets;
use crate::settings::TerminalSettings;

use gate::{idle_period, SessionGate};
pub use gate::{Access, ADMIN_WINDOW};
pub use retention::PURGE_EVERY;
use sending::SendingDrafts;
use session::Session;
pub use throttle::{delay_after, FAILURES_BEFORE_DELAY};

/// Where the engine keeps its files, how it finds the client secret, and where the key
/// that seals drafts is kept.
pub struct EngineConfig {
    pub data_dir: PathBuf,
    pub secrets: Secrets,
    pub data_keys: Secrets,
    /// Overrides the deadline of every Flexiti call (connect, request, apply): `None` in the
    /// app; tests that put delays past the deadline set a short one.
    pub client_timeout: Option<Duration>,
    /// The managed configuration file IT may install (`None`: none is read). What it sets
    /// overrides the stored settings and is read-only; a wrong file stops the engine.
    pub managed_config: Option<PathBuf>,
}

struct State {
    settings: TerminalSettings,
    /// Where the current settings' client secret comes from (read once per change of
    /// settings, never under a keyring call per status poll).
    secret_source: SecretSource,
    lang: Lang,
    sandbox: Option<Sandbox>,
    client: Option<FlexitiClient>,
    /// The rep's session, the screen lock and the idle clock.
    gate: SessionGate<Session>,
    forms: HashMap<Lang, FormData>,
}

pub struct Engine {
    store: Store,
    /// The data directory (the support bundle reads its logs and writes into it).
    data_dir: PathBuf,
    secrets: Secrets,
    data_keys: Secrets,
    /// Where the data key lives (keyring or file), for the settings screen.
    data_key_source: SecretSource,
    state: Mutex<State>,
    /// The drafts being sent right now (one send per draft at a time).
    sending: SendingDrafts,
    /// One credential check at a time (sign-in, unlock, administrator): the throttle's
    /// check, Flexiti's answer and the count happen as one, so guesses sent together
    /// cannot all slip under the limit.
    credential_checks: Mutex<()>,
    client_timeout: Option<Duration>,
    /// What the managed configuration file sets (nothing when there is none).
    managed: Managed,
    /// The rep session's purchases before their charge is journaled.
    purchases: purchase::Purchases,
}

/// The language of a stored draft or setting (`en` unless it says `fr`; the store only
/// ever writes the two codes).
fn lang_of(code: &str) -> Lang {
    Lang::parse(code).unwrap_or(Lang::En)
}

fn now_text() -> String {
    Utc::now().to_rfc3339_opts(SecondsFormat::Millis, true)
}

impl Engine {
    /// Opens the database in `data_dir` with the terminal's data key (made on first run),
    /// closes sessions a crash left open, purges drafts past the retention period, and
    /// starts the embedded sandbox when the terminal is (still) in Sandbox mode.
    pub async fn open(config: EngineConfig) -> AppResult<Engine> {
        // The managed configuration first: a wrong file stops the app before anything is
        // opened or written, so it is never half-applied.
        let managed = match &config.managed_config {
            Some(path) => Managed::load(path)?.unwrap_or_default(),
            None => Managed::default(),
        };
        let repaired = private_files::secure_data_dir(&config.data_dir)
            .map_err(|_| AppError::Internal("data directory".into()))?;
        if repaired.any() {
            tracing::warn!(
                ?repaired,
                "files of the data directory were open to others; made private"
            );
        }
        let path = config.data_dir.join("pos.sqlite3");
        let sealed = pos_store::sealed_key_ids(&path).await?;
        let (key, data_key_source) = data_key::load_or_create(&config.data_keys, &sealed)?;
        let store = Store::open(&path, key).await?;
        store.end_open_sessions(EndReason::AppClosed).await?;
        // A charge still `submitting` when the app stopped may have reached Flexiti: its
        // outcome is unknown until "check again" learns it.
        let unknown = store.unknown_after_crash().await?;
        if unknown > 0 {
            tracing::warn!(
                unknown,
                "charges in flight at the last stop are now outcome unknown"
            );
        }
        let mut settings = TerminalSettings::load(&store).await?;
        managed.apply(&mut settings);
        // The sign-in screen opens in the store's language, whoever used the terminal last.
        let lang = settings.store_lang;
        if settings.environment != EnvironmentKind::Sandbox {
            admin::adopt_settings_of_an_older_version(&store, &settings).await?;
        }
        let mut gate = SessionGate::new(idle_period(settings.idle_lock_minutes));
        gate.set_admin_free(!admin::left_sandbox(&store).await?);
        let engine = Engine {
            store,
            data_dir: config.data_dir.clone(),
            secrets: config.secrets,
            data_keys: config.data_keys,
            data_key_source,
            state: Mutex::new(State {
                secret_source: SecretSource::Missing,
                settings,
                lang,
                sandbox: None,
                client: None,
                gate,
                forms: HashMap::new(),
            }),
            sending: SendingDrafts::default(),
            credential_checks: Mutex::new(()),
            client_timeout: config.client_timeout,
            managed,
            purchases: purchase::Purchases::default(),
        };
        engine.purge_expired().await?;
        {
            let mut state = engine.state.lock().await;
            engine.ensure_sandbox(&mut state).await?;
            state.secret_source = engine.secret_source_of(&state.settings).await;
        }
        Ok(engine)
    }

    async fn ensure_sandbox(&self, state: &mut State) -> AppResult<()> {
        let wanted = state.settings.environment == EnvironmentKind::Sandbox;
        if wanted && state.sandbox.is_none() {
            let sandbox = Sandbox::start(SandboxConfig::default())
                .await
                .map_err(|_| AppError::Internal("sandbox".into()))?;
            state.sandbox = Some(sandbox);
        } else if !wanted {
            state.sandbox = None;
        }
        Ok(())
    }

    /// The client for the current settings, built on first use. Takes the state's lock
    /// itself, and not across the keyring call.
    async fn client(&self) -> AppResult<FlexitiClient> {
        let (settings, sandbox_url) = {
            let state = self.state.lock().await;
            if let Some(client) = &state.client {
                return Ok(client.clone());
            }
            let sandbox_url = state.sandbox.as_ref().map(|s| s.base_url().to_owned());
            (state.settings.clone(), sandbox_url)
        };
        let environment = settings.api_environment(sandbox_url.as_deref())?;
        let (secret, _) = self
            .secret_for(&settings)
            .await?
            .ok_or(AppError::NotConfigured)?;
        let mut config = ClientConfig::new(environment, settings.client_id.clone(), secret);
        if let Some(deadline) = self.client_timeout {
            config.connect_timeout = deadline;
            config.request_timeout = deadline;
            config.apply_timeout = deadline;
        }
        let client = FlexitiClient::new(config)?;
        let mut state = self.state.lock().await;
        if state.settings == settings {
            state.client = Some(client.clone());
        }
        Ok(client)
    }

    /// The client secret for `settings`: the emulator's in Sandbox; otherwise the stored
    /// one, and only when it was saved for exactly these settings (environment, URL,
    /// client id: its binding). A secret is never sent where it was not saved for.
    async fn secret_for(
        &self,
        settings: &TerminalSettings,
    ) -> AppResult<Option<(Secret, SecretSource)>> {
        if settings.environment == EnvironmentKind::Sandbox {
            return Ok(Some((
                Secret::new(flexiti_sandbox::CLIENT_SECRET),
                SecretSource::Sandbox,
            )));
        }
        if self
            .store
            .setting(crate::settings::SECRET_BINDING)
            .await?
            .as_deref()
            != Some(settings.environment_key().as_str())
        {
            return Ok(None);
        }
        // A keyring call can block on D-Bus (a locked keyring's prompt): the callers hold
        // no lock of the state across it, and the status poll never makes one.
        self.secrets
            .get(&settings.client_id)
            .map_err(|e| AppError::Keyring(e.to_string()))
    }

    /// Where the secret for `settings` comes from, `missing` when there is none for them.
    async fn secret_source_of(&self, settings: &TerminalSettings) -> SecretSource {
        match self.secret_for(settings).await {
            Ok(Some((_, source))) => source,
            _ => SecretSource::Missing,
        }
    }

    /// The gate, for a command that does not otherwise need the state first.
    async fn admit(&self, access: Access) -> AppResult<()> {
        self.state.lock().await.gate.admit(access)
    }

    /// Writes one line of the audit log (never applicant data: codes and draft ids only).
    async fn audit(
        &self,
        event: AuditEvent,
        rep: Option<&str>,
        outcome: &str,
        detail: Option<&str>,
    ) -> AppResult<()> {
        let terminal = self.state.lock().await.settings.terminal_id.clone();
        Ok(self
            .store
            .audit(event, rep, &terminal, outcome, detail)
            .await?)
    }

    /// The newest lines of the audit log.
    pub async fn audit_log(&self, limit: u32) -> AppResult<Vec<pos_store::AuditRecord>> {
        Ok(self.store.audit_log(limit).await?)
    }

    /// Kiosk mode (managed or local): the shell opens the window full screen without its
    /// frame when it starts.
    pub async fn kiosk(&self) -> bool {
        self.state.lock().await.settings.kiosk
    }

    /// The embedded emulator's controls, when the terminal is in Sandbox mode (tests use
    /// them to inject faults; the app itself never does).
    pub async fn sandbox_controls(&self) -> Option<flexiti_sandbox::Controls> {
        self.state
            .lock()
            .await
            .sandbox
            .as_ref()
            .map(|s| s.controls().clone())
    }
}
