//! One terminal as a browser test sees it: a real [`Engine`] (embedded emulator, SQLite,
//! secret chains) on a fresh temporary data directory, set up through the engine's own
//! methods so every starting state is one the app can reach. A reset builds a new world,
//! so tests never see each other's drafts, settings or emulator state.

use std::path::PathBuf;

use flexiti_sandbox::{Sandbox, SandboxConfig};
use pos_app::dto::{EnvironmentKind, Lang, SettingsInput};
use pos_app::secrets::{EnvSecret, FileSecret, Secrets};
use pos_app::{Engine, EngineConfig};
use pos_store::DataKey;
use serde::Deserialize;
use tempfile::TempDir;

use crate::keyring::MemoryKeyring;

/// The database file the engine keeps in its data directory (`Engine::open` names it).
const DATABASE_FILE: &str = "pos.sqlite3";

/// Where the terminal keeps its data key (and a client secret saved in the settings).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyHome {
    /// The system keyring (in memory here: see `keyring.rs`), the file only as fallback.
    #[default]
    Keyring,
    /// No keyring: the owner-only files in the data directory.
    File,
}

/// What a test asks of a fresh terminal. Absent fields keep the first-run defaults
/// (Sandbox mode, English, the engine's default settings).
#[derive(Debug, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ResetOptions {
    pub data_key: KeyHome,
    /// `custom` points the terminal at a second emulator on 127.0.0.1 that plays the
    /// remote Flexiti (no test reaches Flexiti's real hosts); the others are saved as is.
    pub environment: Option<EnvironmentKind>,
    /// Saved through the settings, as a manager would; absent outside Sandbox mode leaves
    /// the terminal not configured.
    pub client_secret: Option<String>,
    pub lang: Option<Lang>,
    pub idle_lock_minutes: Option<u32>,
    pub retention_days: Option<u32>,
}

pub struct World {
    pub engine: Engine,
    key_home: KeyHome,
    /// The data key's keyring service, shared with the engine's chain.
    data_key_ring: MemoryKeyring,
    /// The remote Flexiti of the `custom` environment.
    remote: Option<Sandbox>,
    /// Declared last: removed after the engine and its database are dropped.
    dir: TempDir,
}

fn engine_error(what: &str, error: pos_app::AppError) -> String {
    format!("{what}: {}", error.code())
}

impl World {
    pub async fn open(options: ResetOptions) -> Result<World, String> {
        let dir = tempfile::Builder::new()
            .prefix("pos-testbridge-")
            .tempdir()
            .map_err(|e| format!("temporary directory: {e}"))?;
        let data_dir = dir.path().to_path_buf();
        let data_key_ring = MemoryKeyring::default();
        let (secrets, data_keys) = match options.data_key {
            // As `Secrets::standard` and `Secrets::standard_data_key`, keyring in memory.
            KeyHome::Keyring => (
                Secrets::new(vec![
                    Box::new(EnvSecret),
                    Box::new(MemoryKeyring::default()),
                    Box::new(FileSecret::client_secret(&data_dir)),
                ]),
                data_key_chain(KeyHome::Keyring, &data_key_ring, &data_dir),
            ),
            KeyHome::File => (
                Secrets::without_keyring(data_dir.clone()),
                data_key_chain(KeyHome::File, &data_key_ring, &data_dir),
            ),
        };
        let engine = Engine::open(EngineConfig {
            data_dir,
            secrets,
            data_keys,
            client_timeout: None,
        })
        .await
        .map_err(|e| engine_error("open the engine", e))?;
        let mut world = World {
            engine,
            key_home: options.data_key,
            data_key_ring,
            remote: None,
            dir,
        };
        world.apply(options).await?;
        Ok(world)
    }

    /// Settings and language, through the same engine methods the settings screen and
    /// the language toggle call.
    async fn apply(&mut self, options: ResetOptions) -> Result<(), String> {
        let wants_settings = options.environment.is_some()
            || options.client_secret.is_some()
            || options.idle_lock_minutes.is_some()
            || options.retention_days.is_some();
        if wants_settings {
            let current = self
                .engine
                .get_settings()
                .await
                .map_err(|e| engine_error("read the settings", e))?;
            let environment = options.environment.unwrap_or(current.environment);
            let mut custom_url = current.custom_url;
            if environment == EnvironmentKind::Custom {
                let remote = Sandbox::start(SandboxConfig::default())
                    .await
                    .map_err(|e| format!("start the remote emulator: {e}"))?;
                custom_url = Some(remote.base_url().to_owned());
                self.remote = Some(remote);
            }
            self.engine
                .save_settings(SettingsInput {
                    environment,
                    custom_url,
                    client_id: current.client_id,
                    client_secret: options.client_secret,
                    store_id: current.store_id,
                    terminal_id: current.terminal_id,
                    idle_lock_minutes: options
                        .idle_lock_minutes
                        .unwrap_or(current.idle_lock_minutes),
                    retention_days: options.retention_days.unwrap_or(current.retention_days),
                })
                .await
                .map_err(|e| engine_error("save the settings", e))?;
        }
        if let Some(lang) = options.lang {
            self.engine
                .set_language(lang)
                .await
                .map_err(|e| engine_error("set the language", e))?;
        }
        Ok(())
    }

    /// The engine's database file.
    pub fn database(&self) -> PathBuf {
        self.dir.path().join(DATABASE_FILE)
    }

    /// The key the engine seals drafts with, read back through the same chain and code
    /// the engine used (it exists by now, so nothing is made).
    pub fn data_key(&self) -> Result<DataKey, String> {
        let chain = data_key_chain(self.key_home, &self.data_key_ring, self.dir.path());
        pos_app::data_key::load_or_create(&chain)
            .map(|(key, _)| key)
            .map_err(|e| engine_error("read the data key", e))
    }
}

fn data_key_chain(home: KeyHome, ring: &MemoryKeyring, data_dir: &std::path::Path) -> Secrets {
    match home {
        KeyHome::Keyring => Secrets::new(vec![
            Box::new(ring.clone()),
            Box::new(FileSecret::data_key(data_dir)),
        ]),
        KeyHome::File => Secrets::data_key_without_keyring(data_dir.to_path_buf()),
    }
}
