//! One terminal as a browser test sees it: a real [`Terminal`] and its engine (embedded
//! emulator, SQLite, secret chains) on a fresh temporary data directory, set up through
//! the engine's own methods so every starting state is one the app can reach. A reset
//! builds a new world, so tests never see each other's drafts, settings or emulator state.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use flexiti_sandbox::{Sandbox, SandboxConfig};
use pos_app::dto::{EnvironmentKind, Lang, SettingsInput};
use pos_app::secrets::{FileSecret, Secrets};
use pos_app::{Engine, EngineConfig, Terminal};
use pos_store::DataKey;
use serde::Deserialize;
use tempfile::TempDir;

use crate::keyring::MemoryKeyring;

/// The administrator's passphrase a world outside Sandbox is set up with (the tests type
/// it in the administrator's dialog).
pub const ADMIN_PASSPHRASE: &str = "counter admin passphrase";

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
    /// The store's province (e.g. `QC`), and its language (else the province's).
    pub store_province: Option<String>,
    pub store_lang: Option<Lang>,
    /// The text of IT's managed configuration file (`terminal.toml`), installed before
    /// the terminal starts (mode 0644, as IT would).
    pub managed_config: Option<String>,
}

pub struct World {
    /// Declared first: dropped (database closed) before the directory is removed.
    terminal: Arc<Terminal>,
    key_home: KeyHome,
    /// The data key's keyring service, shared with the engine's chains.
    data_key_ring: MemoryKeyring,
    /// The client secrets' keyring service.
    secret_ring: MemoryKeyring,
    /// The remote Flexiti of the `custom` environment.
    remote: Option<Arc<Sandbox>>,
    /// Declared last: removed after the engine and its database are dropped (shared with
    /// a restarted world).
    dir: Arc<TempDir>,
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
        let (data_key_ring, secret_ring) = (MemoryKeyring::default(), MemoryKeyring::default());
        if let Some(text) = &options.managed_config {
            use std::os::unix::fs::PermissionsExt;
            let path = managed_config_path(dir.path());
            std::fs::write(&path, text).map_err(|e| format!("managed configuration: {e}"))?;
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644))
                .map_err(|e| format!("managed configuration: {e}"))?;
        }
        let terminal = Arc::new(
            Terminal::start(config_factory(
                options.data_key,
                &data_key_ring,
                &secret_ring,
                dir.path(),
            ))
            .await,
        );
        let mut world = World {
            terminal,
            key_home: options.data_key,
            data_key_ring,
            secret_ring,
            remote: None,
            dir: Arc::new(dir),
        };
        world.apply(options).await?;
        Ok(world)
    }

    pub fn terminal(&self) -> &Terminal {
        &self.terminal
    }

    /// The started engine (none when the terminal did not start).
    pub async fn engine(&self) -> Option<Arc<Engine>> {
        self.terminal.engine().await.ok()
    }

    /// The app closed and started again on the same data directory and keyrings.
    pub async fn restarted(&self) -> World {
        World {
            terminal: Arc::new(
                Terminal::start(config_factory(
                    self.key_home,
                    &self.data_key_ring,
                    &self.secret_ring,
                    self.dir.path(),
                ))
                .await,
            ),
            key_home: self.key_home,
            data_key_ring: self.data_key_ring.clone(),
            secret_ring: self.secret_ring.clone(),
            remote: self.remote.clone(),
            dir: Arc::clone(&self.dir),
        }
    }

    /// Makes the (in-memory) system keyrings answer "unavailable", or answer again.
    pub fn set_keyring_available(&self, available: bool) {
        self.data_key_ring.set_available(available);
        self.secret_ring.set_available(available);
    }

    /// Settings and language, through the same engine methods the settings screen and
    /// the language toggle call.
    async fn apply(&mut self, options: ResetOptions) -> Result<(), String> {
        let wants_settings = options.environment.is_some()
            || options.client_secret.is_some()
            || options.idle_lock_minutes.is_some()
            || options.retention_days.is_some()
            || options.store_province.is_some()
            || options.store_lang.is_some();
        if !wants_settings && options.lang.is_none() && options.managed_config.is_some() {
            // A wrong managed file is meant to stop the terminal: nothing else to apply.
            return Ok(());
        }
        let engine = self
            .engine()
            .await
            .ok_or_else(|| "the terminal did not start".to_owned())?;
        if wants_settings {
            let current = engine
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
                self.remote = Some(Arc::new(remote));
            }
            let sandbox = environment == EnvironmentKind::Sandbox;
            engine
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
                    new_admin_passphrase: (!sandbox).then(|| ADMIN_PASSPHRASE.to_owned()),
                    kiosk: false,
                    store_lang: options.store_lang.unwrap_or_else(|| {
                        match options.store_province.as_deref() {
                            Some(province) => {
                                pos_app::settings::language_of_province(Some(province))
                            }
                            None => current.store_lang,
                        }
                    }),
                    store_province: options.store_province.clone().or(current.store_province),
                })
                .await
                .map_err(|e| engine_error("save the settings", e))?;
            // Set up as IT would, then closed: the tests open them with the passphrase.
            engine
                .admin_sign_out()
                .await
                .map_err(|e| engine_error("close the settings", e))?;
        }
        if let Some(lang) = options.lang {
            engine
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
        pos_app::data_key::load_or_create(&chain, &[])
            .map(|(key, _)| key)
            .map_err(|e| engine_error("read the data key", e.into()))
    }
}

/// The engine's configuration, made afresh at every start (as `Secrets::standard` and
/// `Secrets::standard_data_key` would, the keyrings in memory).
fn config_factory(
    home: KeyHome,
    data_key_ring: &MemoryKeyring,
    secret_ring: &MemoryKeyring,
    data_dir: &Path,
) -> pos_app::terminal::ConfigFactory {
    let (data_key_ring, secret_ring) = (data_key_ring.clone(), secret_ring.clone());
    let data_dir = data_dir.to_path_buf();
    Box::new(move || EngineConfig {
        secrets: match home {
            KeyHome::Keyring => Secrets::new(vec![
                Box::new(secret_ring.clone()),
                Box::new(FileSecret::client_secret(&data_dir)),
            ]),
            KeyHome::File => Secrets::without_keyring(data_dir.clone()),
        },
        data_keys: data_key_chain(home, &data_key_ring, &data_dir),
        data_dir: data_dir.clone(),
        client_timeout: None,
        managed_config: Some(managed_config_path(&data_dir)),
    })
}

/// Where a test's managed configuration file is (absent unless a reset asked for one).
fn managed_config_path(data_dir: &Path) -> PathBuf {
    data_dir.join("terminal.toml")
}

fn data_key_chain(home: KeyHome, ring: &MemoryKeyring, data_dir: &Path) -> Secrets {
    match home {
        KeyHome::Keyring => Secrets::new(vec![
            Box::new(ring.clone()),
            Box::new(FileSecret::data_key(data_dir)),
        ]),
        KeyHome::File => Secrets::data_key_without_keyring(data_dir.to_path_buf()),
    }
}
