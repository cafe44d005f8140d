//! The engine every command calls, split by job into the modules below: it owns the store,
//! the secret chain, the embedded sandbox, the API client and the rep's session, and makes
//! network calls with the state unlocked so a slow Flexiti never freezes other commands.

mod drafts;
mod form_data;
mod gate;
mod retention;
mod sending;
mod session;
mod settings;
mod submission;

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
use crate::secrets::Secrets;
use crate::settings::TerminalSettings;

pub use gate::Access;
use gate::{idle_period, SessionGate};
pub use retention::PURGE_EVERY;
use sending::SendingDrafts;
use session::Session;

/// Where the engine keeps its files, how it finds the client secret, and where the key
/// that seals drafts is kept.
pub struct EngineConfig {
    pub data_dir: PathBuf,
    pub secrets: Secrets,
    pub data_keys: Secrets,
    /// Overrides the deadline of every Flexiti call (connect, request, apply): `None` in the
    /// app; tests that put delays past the deadline set a short one.
    pub client_timeout: Option<Duration>,
}

struct State {
    settings: TerminalSettings,
    lang: Lang,
    sandbox: Option<Sandbox>,
    client: Option<FlexitiClient>,
    /// The rep's session, the screen lock and the idle clock.
    gate: SessionGate<Session>,
    forms: HashMap<Lang, FormData>,
}

pub struct Engine {
    store: Store,
    secrets: Secrets,
    /// Where the data key lives (keyring or file), for the settings screen.
    data_key_source: SecretSource,
    state: Mutex<State>,
    /// The drafts being sent right now (one send per draft at a time).
    sending: SendingDrafts,
    client_timeout: Option<Duration>,
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
        std::fs::create_dir_all(&config.data_dir)
            .map_err(|_| AppError::Internal("data directory".into()))?;
        let (key, data_key_source) = data_key::load_or_create(&config.data_keys)?;
        let store = Store::open(&config.data_dir.join("pos.sqlite3"), key).await?;
        store.end_open_sessions(EndReason::AppClosed).await?;
        let settings = TerminalSettings::load(&store).await?;
        let lang = lang_of(store.setting("lang").await?.as_deref().unwrap_or("en"));
        let gate = SessionGate::new(idle_period(settings.idle_lock_minutes));
        let engine = Engine {
            store,
            secrets: config.secrets,
            data_key_source,
            state: Mutex::new(State {
                settings,
                lang,
                sandbox: None,
                client: None,
                gate,
                forms: HashMap::new(),
            }),
            sending: SendingDrafts::default(),
            client_timeout: config.client_timeout,
        };
        engine.purge_expired().await?;
        engine
            .ensure_sandbox(&mut *engine.state.lock().await)
            .await?;
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

    /// The client for the current settings, built on first use.
    fn client(&self, state: &mut State) -> AppResult<FlexitiClient> {
        if let Some(client) = &state.client {
            return Ok(client.clone());
        }
        let sandbox_url = state.sandbox.as_ref().map(|s| s.base_url().to_owned());
        let environment = state.settings.api_environment(sandbox_url.as_deref())?;
        let (secret, _) = self
            .secret_for(&state.settings)?
            .ok_or(AppError::NotConfigured)?;
        let mut config = ClientConfig::new(environment, state.settings.client_id.clone(), secret);
        if let Some(deadline) = self.client_timeout {
            config.connect_timeout = deadline;
            config.request_timeout = deadline;
            config.apply_timeout = deadline;
        }
        let client = FlexitiClient::new(config)?;
        state.client = Some(client.clone());
        Ok(client)
    }

    fn secret_for(&self, settings: &TerminalSettings) -> AppResult<Option<(Secret, SecretSource)>> {
        if settings.environment == EnvironmentKind::Sandbox {
            return Ok(Some((
                Secret::new(flexiti_sandbox::CLIENT_SECRET),
                SecretSource::Sandbox,
            )));
        }
        self.secrets
            .get(&settings.client_id)
            .map_err(|e| AppError::Keyring(e.to_string()))
    }

    /// The gate, for a command that does not otherwise need the state first.
    async fn admit(&self, access: Access) -> AppResult<()> {
        self.state.lock().await.gate.admit(access)
    }

    /// The gate for a command that needs the rep at the terminal; returns the rep.
    async fn rep(&self) -> AppResult<String> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Unlocked)?;
        state
            .gate
            .session()
            .map(|s| s.rep.clone())
            .ok_or(AppError::NotSignedIn)
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
