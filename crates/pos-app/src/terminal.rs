//! The terminal as the window sees it: the engine once it started, or why it could not
//! start, so the start-up error screen, "try again" and "reset this terminal" work through
//! the same command surface as everything else, and the idle lock and the purge keep
//! running across a reset.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use tokio::sync::RwLock;

use crate::dto::StartupState;
use crate::engine::{Engine, EngineConfig, PURGE_EVERY};
use crate::error::{AppError, AppResult};

/// Makes the engine's configuration afresh (its secret chains are not `Clone`): called at
/// start, at every "try again" and after a reset.
pub type ConfigFactory = Box<dyn Fn() -> EngineConfig + Send + Sync>;

/// The words that confirm "reset this terminal" (any case): the English and French the
/// screen asks for.
pub const RESET_WORDS: [&str; 2] = ["RESET", "EFFACER"];

/// How often the idle lock is checked: the lock falls within this of the idle period.
const LOCK_TICK: Duration = Duration::from_secs(1);

enum Slot {
    Started(Arc<Engine>),
    Failed(Box<crate::dto::CommandError>),
}

pub struct Terminal {
    make_config: ConfigFactory,
    slot: RwLock<Slot>,
}

async fn open(config: EngineConfig) -> Slot {
    match Engine::open(config).await {
        Ok(engine) => Slot::Started(Arc::new(engine)),
        Err(error) => {
            tracing::error!(code = error.code(), "the terminal did not start");
            Slot::Failed(Box::new(error.to_command_error()))
        }
    }
}

impl Terminal {
    /// Opens the engine; a failure is kept and shown, never fatal.
    pub async fn start(make_config: ConfigFactory) -> Terminal {
        let slot = open(make_config()).await;
        Terminal {
            make_config,
            slot: RwLock::new(slot),
        }
    }

    /// The started engine, or why it did not start.
    pub async fn engine(&self) -> AppResult<Arc<Engine>> {
        match &*self.slot.read().await {
            Slot::Started(engine) => Ok(engine.clone()),
            Slot::Failed(why) => Err(AppError::NotStarted(why.clone())),
        }
    }

    fn state_of(slot: &Slot) -> StartupState {
        match slot {
            Slot::Started(_) => StartupState {
                started: true,
                error: None,
            },
            Slot::Failed(why) => StartupState {
                started: false,
                error: Some((**why).clone()),
            },
        }
    }

    /// The `startup_state` command.
    pub async fn startup_state(&self) -> AppResult<StartupState> {
        Ok(Terminal::state_of(&*self.slot.read().await))
    }

    /// The `retry_start` command: opens the engine again if it did not start.
    pub async fn retry_start(&self) -> AppResult<StartupState> {
        let mut slot = self.slot.write().await;
        if let Slot::Failed(_) = &*slot {
            *slot = open((self.make_config)()).await;
        }
        Ok(Terminal::state_of(&slot))
    }

    /// The `reset_terminal` command: wipes drafts, data key, settings and client secret,
    /// then starts as on first run. Refused while a rep is signed in (locked or not), and
    /// without the typed confirmation. It needs no passphrase because it gives nothing
    /// away: what it does not erase is sealed with a key it erases.
    pub async fn reset_terminal(&self, confirmation: impl AsRef<str>) -> AppResult<StartupState> {
        let typed = confirmation.as_ref().trim();
        if !RESET_WORDS.iter().any(|w| w.eq_ignore_ascii_case(typed)) {
            return Err(AppError::ResetNotConfirmed);
        }
        let mut slot = self.slot.write().await;
        let config = (self.make_config)();
        match &*slot {
            Slot::Started(engine) => {
                engine.wipe().await?;
            }
            Slot::Failed(_) => {
                // The key first: if its keyring does not answer, nothing is erased yet and
                // the screen's "cannot be read" stays true. The client secret's keyring entry
                // is named by a client id that sits in the database being erased; left
                // behind, it is never used again: a stored secret serves only the settings
                // it was saved with (its binding, erased).
                crate::data_key::forget(&config.data_keys)?;
                wipe_files(&config.data_dir)?;
            }
        }
        *slot = open(config).await;
        if let Slot::Started(engine) = &*slot {
            engine.note_reset().await?;
        }
        Ok(Terminal::state_of(&slot))
    }

    /// Locks the session if its idle period has passed (the background loop's tick).
    pub async fn lock_if_idle(&self) {
        if let Ok(engine) = self.engine().await {
            if let Err(error) = engine.lock_if_idle().await {
                tracing::warn!(code = error.code(), "the idle lock could not be recorded");
            }
        }
    }

    /// Runs for as long as the app does: locks an idle session the moment its idle period
    /// passes (not only at the next command), and purges drafts past the retention period
    /// every [`PURGE_EVERY`]. Survives a reset (it asks for the engine at every tick).
    pub async fn run_background(&self) {
        let mut ticks = tokio::time::interval(LOCK_TICK);
        ticks.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        let mut last_purge = tokio::time::Instant::now();
        loop {
            ticks.tick().await;
            self.lock_if_idle().await;
            let Ok(engine) = self.engine().await else {
                continue;
            };
            if last_purge.elapsed() >= PURGE_EVERY {
                last_purge = tokio::time::Instant::now();
                if let Err(error) = engine.purge_expired().await {
                    tracing::warn!(code = error.code(), "the hourly purge failed");
                }
            }
        }
    }
}

/// Deletes the database (with its WAL, shared memory and pre-migration copies) and the
/// file-kept secrets of a terminal whose engine could not start.
fn wipe_files(dir: &Path) -> AppResult<()> {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(()),
        Err(_) => return Err(AppError::Internal("data directory".into())),
    };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        let ours = name.starts_with("pos.sqlite3") || name == "client-secret" || name == "data-key";
        if ours {
            std::fs::remove_file(entry.path())
                .map_err(|_| AppError::Internal("wipe the data directory".into()))?;
        }
    }
    Ok(())
}
