//! The Tauri shell: logging, one instance per terminal, the window remembered, the
//! terminal started on the app's data directory (its idle lock and hourly purge running),
//! and the commands. Nothing below this
//! crate knows Tauri exists.

mod commands;

use std::path::PathBuf;

use pos_app::secrets::Secrets;
use pos_app::{EngineConfig, Terminal};
use tauri::Manager;

/// Overrides the data directory (tests, and terminals that keep data elsewhere).
pub const DATA_DIR_ENV: &str = "FLEXITI_POS_DATA_DIR";
/// When set, the app writes the milliseconds since the Unix epoch to this file once the
/// first page has loaded (start-up measurement; see scripts/measure-startup.sh).
pub const READY_FILE_ENV: &str = "FLEXITI_POS_READY_FILE";

fn note_page_loaded() {
    if let Some(path) = std::env::var_os(READY_FILE_ENV) {
        let now = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.as_millis())
            .unwrap_or(0);
        let _ = std::fs::write(path, now.to_string());
    }
}

fn data_dir(app: &tauri::App) -> Result<PathBuf, Box<dyn std::error::Error>> {
    if let Some(dir) = std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    Ok(app.path().app_data_dir()?)
}

/// The second line of defence for one instance per terminal, where there is no D-Bus
/// session for the single-instance plugin (kiosk sessions): an exclusive lock on a file
/// in the data directory, held for the life of the process.
pub struct InstanceLock(#[allow(dead_code)] std::fs::File);

fn hold_instance_lock(dir: &std::path::Path) -> Result<InstanceLock, Box<dyn std::error::Error>> {
    std::fs::create_dir_all(dir)?;
    let file = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.join("instance.lock"))?;
    match file.try_lock() {
        Ok(()) => Ok(InstanceLock(file)),
        Err(std::fs::TryLockError::WouldBlock) => {
            tracing::warn!("another instance of the app is running on this terminal; leaving");
            std::process::exit(0);
        }
        Err(std::fs::TryLockError::Error(error)) => Err(error.into()),
    }
}

/// The main window, from its configuration, with its title following the page's: the
/// window's title bar and task bar read in the screen's language (Tauri does not copy
/// `document.title` to the window by itself). In kiosk mode (the terminal's setting,
/// managed or local) it opens fullscreen without decorations; nothing else changes.
fn main_window(app: &tauri::App, kiosk: bool) -> Result<(), Box<dyn std::error::Error>> {
    let mut config = app
        .config()
        .app
        .windows
        .iter()
        .find(|w| w.label == "main")
        .cloned()
        .ok_or("no main window in tauri.conf.json")?;
    if kiosk {
        config.fullscreen = true;
        config.decorations = false;
        config.resizable = false;
    }
    tauri::WebviewWindowBuilder::from_config(app.handle(), &config)?
        .on_document_title_changed(|window, title| {
            if !title.trim().is_empty() {
                let _ = window.set_title(&title);
            }
        })
        .build()?;
    if kiosk {
        // Fullscreen is a request to the window manager; a kiosk session may have none
        // (X with no manager): cover the screen ourselves too.
        let window = app
            .get_webview_window("main")
            .ok_or("the main window was not created")?;
        if let Some(monitor) = window.primary_monitor()? {
            window.set_position(*monitor.position())?;
            window.set_size(*monitor.size())?;
        }
    }
    Ok(())
}

/// The app's identifier (tauri.conf.json): its data directory is
/// `$XDG_DATA_HOME/<identifier>` (or `~/.local/share/<identifier>`), as Tauri makes it.
const IDENTIFIER: &str = "ca.flexitipos.desktop";

/// `flexiti-pos --support-bundle <path>`: writes the support bundle of this terminal's
/// data directory to `path` (0600) and exits, without a window (see
/// `pos_app::support_bundle`). `None` when the flag is not given.
fn support_bundle_from_command_line(
    config_for: impl Fn(PathBuf) -> EngineConfig + Send + Sync + 'static,
) -> Option<i32> {
    let mut args = std::env::args_os().skip(1);
    let out = loop {
        match args.next() {
            None => return None,
            Some(arg) if arg == "--support-bundle" => break args.next(),
            Some(_) => {}
        }
    };
    let Some(out) = out.map(PathBuf::from) else {
        eprintln!("--support-bundle needs the path of the zip to write");
        return Some(2);
    };
    let dir = match std::env::var_os(DATA_DIR_ENV).filter(|d| !d.is_empty()) {
        Some(dir) => PathBuf::from(dir),
        None => match std::env::var_os("XDG_DATA_HOME").filter(|d| !d.is_empty()) {
            Some(data) => PathBuf::from(data).join(IDENTIFIER),
            None => match std::env::var_os("HOME") {
                Some(home) => PathBuf::from(home).join(".local/share").join(IDENTIFIER),
                None => {
                    eprintln!("no data directory: set {DATA_DIR_ENV}");
                    return Some(2);
                }
            },
        },
    };
    let data_dir = dir.clone();
    let make_config = move || config_for(data_dir.clone());
    let written = tauri::async_runtime::block_on(async {
        let terminal = Terminal::start(Box::new(make_config)).await;
        match terminal.engine().await {
            Ok(engine) => engine
                .support_bundle_for_command_line()
                .await
                .map(|b| PathBuf::from(b.path))
                .map_err(|e| e.code().to_owned()),
            Err(error) => pos_app::support_bundle::write_without_engine(&dir, error.code())
                .map(|(path, _)| path)
                .map_err(|e| e.to_string()),
        }
    });
    let copied = written.and_then(|bundle| {
        std::fs::copy(&bundle, &out).map_err(|e| e.to_string())?;
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&out, std::fs::Permissions::from_mode(0o600))
            .map_err(|e| e.to_string())
    });
    match copied {
        Ok(()) => {
            eprintln!("support bundle written to {}", out.display());
            Some(0)
        }
        Err(why) => {
            eprintln!("the support bundle could not be written: {why}");
            Some(1)
        }
    }
}

pub fn run() {
    // Before anything else, and before any thread exists: files made from now on are
    // private and the process is not dumpable (its memory holds secrets); the client
    // secret leaves the environment so WebKit's processes do not inherit it.
    let hardened = pos_app::private_files::harden_process();
    let env_secret = pos_app::secrets::take_env_secret();
    let config_secret = env_secret.clone();
    if let Some(code) = support_bundle_from_command_line(move |dir| EngineConfig {
        secrets: Secrets::standard(dir.clone(), config_secret.clone()),
        data_keys: Secrets::standard_data_key(dir.clone()),
        data_dir: dir,
        client_timeout: None,
        // The same managed configuration as the window's (see `setup` below).
        managed_config: Some(std::env::var_os("FLEXITI_POS_MANAGED_CONFIG").map_or_else(
            || PathBuf::from(pos_app::managed::DEFAULT_PATH),
            PathBuf::from,
        )),
    }) {
        std::process::exit(code);
    }
    let result = tauri::Builder::default()
        .plugin(tauri_plugin_single_instance::init(|app, _argv, _cwd| {
            if let Some(window) = app.get_webview_window("main") {
                let _ = window.unminimize();
                let _ = window.set_focus();
            }
        }))
        .plugin(tauri_plugin_window_state::Builder::default().build())
        .on_page_load(|_webview, payload| {
            if payload.event() == tauri::webview::PageLoadEvent::Finished {
                note_page_loaded();
            }
        })
        .setup(move |app| {
            let dir = data_dir(app)?;
            pos_app::logging::init(&dir, None);
            if let Err(not_hardened) = &hardened {
                tracing::warn!("{not_hardened}");
            }
            let instance = hold_instance_lock(&dir)?;
            app.manage(instance);
            let env_secret = env_secret.clone();
            // IT's managed configuration (FLEXITI_POS_MANAGED_CONFIG points elsewhere).
            let managed_config = std::env::var_os("FLEXITI_POS_MANAGED_CONFIG").map_or_else(
                || std::path::PathBuf::from(pos_app::managed::DEFAULT_PATH),
                std::path::PathBuf::from,
            );
            let make_config = move || EngineConfig {
                secrets: Secrets::standard(dir.clone(), env_secret.clone()),
                data_keys: Secrets::standard_data_key(dir.clone()),
                data_dir: dir.clone(),
                client_timeout: None,
                managed_config: Some(managed_config.clone()),
            };
            // A terminal that cannot start (its data key unreadable, its disk full) still
            // opens its window, on the start-up error screen: never a silent exit.
            let terminal = tauri::async_runtime::block_on(Terminal::start(Box::new(make_config)));
            let kiosk = tauri::async_runtime::block_on(async {
                match terminal.engine().await {
                    Ok(engine) => engine.kiosk().await,
                    Err(_) => false,
                }
            });
            app.manage(terminal);
            main_window(app, kiosk)?;
            let handle = app.handle().clone();
            tauri::async_runtime::spawn(async move {
                handle.state::<Terminal>().run_background().await;
            });
            Ok(())
        })
        .invoke_handler(commands::handler())
        .run(tauri::generate_context!());
    if let Err(error) = result {
        tracing::error!("the app stopped: {error}");
        std::process::exit(1);
    }
}
