//! The managed configuration file IT installs (`/etc/flexiti-pos/terminal.toml` on a store
//! terminal; a temp file here): what it sets is applied over the stored settings and
//! read-only, and every way it can be wrong stops the engine with the line and the reason
//! before anything is opened or written.

use std::os::unix::fs::PermissionsExt;
use std::path::{Path, PathBuf};

use pos_app::dto::EnvironmentKind;
use pos_app::{Engine, EngineConfig, Terminal};
use pos_testkit::engine::{config, unchanged, ADMIN_PASSPHRASE};
use pos_testkit::temp_dir;

/// `text` as the managed file in `dir` (owner-writable only, as IT installs it).
fn managed_file(dir: &Path, text: &str) -> PathBuf {
    let path = dir.join("terminal.toml");
    std::fs::write(&path, text).unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
    path
}

fn managed_config(dir: &Path, file: &Path) -> EngineConfig {
    EngineConfig {
        managed_config: Some(file.to_path_buf()),
        ..config(dir)
    }
}

/// Why the engine did not open with `text` as the managed file: (line, reason, key).
async fn refused(text: &str) -> (String, String, String) {
    let dir = temp_dir("managed-bad");
    let file = managed_file(dir.path(), text);
    refused_file(dir.path(), &file).await
}

async fn refused_file(dir: &Path, file: &Path) -> (String, String, String) {
    let Err(error) = Engine::open(managed_config(dir, file)).await else {
        panic!("the engine opened with a wrong managed file");
    };
    let error = error.to_command_error();
    assert_eq!(error.code, "managed_config_invalid");
    assert!(
        !dir.join("pos.sqlite3").exists(),
        "nothing is opened or written before the file is checked"
    );
    let arg = |name: &str| error.args.get(name).cloned().unwrap_or_default();
    (arg("line"), arg("reason"), arg("key"))
}

fn hash() -> String {
    pos_app::passphrase::hash(ADMIN_PASSPHRASE).unwrap()
}

fn happy_file() -> String {
    format!(
        "# IT's file\n\
         environment = \"training\"\n\
         client_id = \"chain-client\"\n\
         store_id = \"00-777\"\n\
         store_province = \"QC\"\n\
         idle_lock_minutes = 5\n\
         kiosk = true\n\
         admin_passphrase_hash = \"{}\"\n",
        hash()
    )
}

#[tokio::test]
async fn the_file_is_applied_listed_as_managed_and_read_only() {
    let dir = temp_dir("managed-ok");
    let file = managed_file(dir.path(), &happy_file());
    let engine = Engine::open(managed_config(dir.path(), &file))
        .await
        .expect("opens with a good file");
    assert!(engine.kiosk().await);
    // Out of Sandbox by the file: the settings need the file's passphrase (none stored).
    assert_eq!(
        engine.get_settings().await.unwrap_err().code(),
        "admin_required"
    );
    assert_eq!(
        engine
            .admin_sign_in("not the passphrase")
            .await
            .unwrap_err()
            .code(),
        "admin_passphrase_wrong"
    );
    engine
        .admin_sign_in(ADMIN_PASSPHRASE)
        .await
        .expect("the file's passphrase");
    let view = engine.get_settings().await.unwrap();
    assert_eq!(view.environment, EnvironmentKind::Training);
    assert_eq!(view.client_id, "chain-client");
    assert_eq!(view.store_id, "00-777");
    assert_eq!(view.store_province.as_deref(), Some("QC"));
    assert_eq!(view.idle_lock_minutes, 5);
    assert!(view.kiosk);
    assert!(view.admin_passphrase_set);
    assert_eq!(
        view.managed,
        [
            "environment",
            "client_id",
            "store_id",
            "store_province",
            "idle_lock_minutes",
            "kiosk",
            "admin_passphrase_hash"
        ]
    );

    // A managed value cannot be changed from the screen, nor the managed passphrase.
    let mut change = unchanged(&view);
    change.store_id = "00-999".into();
    let refusal = engine
        .save_settings(change)
        .await
        .unwrap_err()
        .to_command_error();
    assert_eq!(refusal.code, "managed_setting");
    assert_eq!(
        refusal.args.get("setting").map(String::as_str),
        Some("store_id")
    );
    let mut change = unchanged(&view);
    change.kiosk = false;
    assert_eq!(
        engine.save_settings(change).await.unwrap_err().code(),
        "managed_setting"
    );
    let mut change = unchanged(&view);
    change.new_admin_passphrase = Some("another long passphrase".into());
    assert_eq!(
        engine.save_settings(change).await.unwrap_err().code(),
        "managed_setting"
    );

    // What the file does not set is still the administrator's.
    let mut change = unchanged(&view);
    change.terminal_id = "T-09".into();
    change.retention_days = 12;
    let saved = engine
        .save_settings(change)
        .await
        .expect("a setting IT left open");
    assert_eq!(saved.terminal_id, "T-09");
    assert_eq!(saved.retention_days, 12);
    drop(engine);

    // At the next start: the file again, the local change kept.
    let engine = Engine::open(managed_config(dir.path(), &file))
        .await
        .unwrap();
    engine.admin_sign_in(ADMIN_PASSPHRASE).await.unwrap();
    let view = engine.get_settings().await.unwrap();
    assert_eq!(
        (view.terminal_id.as_str(), view.retention_days),
        ("T-09", 12)
    );
    assert_eq!(view.store_id, "00-777");
}

#[tokio::test]
async fn without_a_file_the_settings_are_the_terminals_own_and_kiosk_is_local() {
    let dir = temp_dir("managed-none");
    let absent = dir.path().join("no-such.toml");
    let engine = Engine::open(managed_config(dir.path(), &absent))
        .await
        .unwrap();
    assert!(!engine.kiosk().await);
    let view = engine.get_settings().await.unwrap();
    assert!(view.managed.is_empty());
    let mut change = unchanged(&view);
    change.kiosk = true;
    assert!(engine.save_settings(change).await.unwrap().kiosk);
    assert!(engine.kiosk().await);
}

#[tokio::test]
async fn an_unknown_key_stops_the_app_at_its_line() {
    assert_eq!(
        refused("client_id = \"a\"\nstore_colour = \"red\"\n").await,
        ("2".into(), "unknown-key".into(), "store_colour".into())
    );
    // A section is not a setting either.
    let (_, reason, key) = refused("[terminal]\nclient_id = \"a\"\n").await;
    assert_eq!((reason.as_str(), key.as_str()), ("unknown-key", "terminal"));
}

#[tokio::test]
async fn a_bad_environment_stops_the_app() {
    assert_eq!(
        refused("\nenvironment = \"staging\"\n").await,
        ("2".into(), "bad-value".into(), "environment".into())
    );
    // Custom without its address, by the settings screen's rule.
    let (line, reason, _) = refused("environment = \"custom\"\n").await;
    assert_eq!((line.as_str(), reason.as_str()), ("1", "bad-value"));
}

#[tokio::test]
async fn an_idle_lock_past_fifteen_minutes_stops_the_app() {
    assert_eq!(
        refused("client_id = \"a\"\nidle_lock_minutes = 16\n").await,
        ("2".into(), "bad-value".into(), "idle_lock_minutes".into())
    );
    let (_, reason, _) = refused("idle_lock_minutes = \"10\"\n").await;
    assert_eq!(reason, "bad-value", "a number, not text");
}

#[tokio::test]
async fn a_bad_province_stops_the_app() {
    assert_eq!(
        refused("store_province = \"XX\"\n").await,
        ("1".into(), "bad-value".into(), "store_province".into())
    );
}

#[tokio::test]
async fn a_hash_that_is_not_argon2id_stops_the_app() {
    assert_eq!(
        refused("admin_passphrase_hash = \"hunter2\"\n").await,
        (
            "1".into(),
            "bad-value".into(),
            "admin_passphrase_hash".into()
        )
    );
    let argon2i = hash().replace("$argon2id$", "$argon2i$");
    let (_, reason, _) = refused(&format!("admin_passphrase_hash = \"{argon2i}\"\n")).await;
    assert_eq!(reason, "bad-value");
}

#[tokio::test]
async fn a_syntax_error_stops_the_app_with_its_line() {
    let (line, reason, _) =
        refused("client_id = \"a\"\nstore_id = \"b\"\nterminal_id = T-03\n").await;
    assert_eq!((line.as_str(), reason.as_str()), ("3", "syntax"));
}

#[tokio::test]
async fn a_secret_in_the_file_stops_the_app() {
    for key in ["client_secret", "secret", "password", "admin_passphrase"] {
        let (line, reason, found) = refused(&format!("client_id = \"a\"\n{key} = \"x\"\n")).await;
        assert_eq!(
            (line.as_str(), reason.as_str(), found.as_str()),
            ("2", "secret", key)
        );
    }
}

#[tokio::test]
async fn a_file_others_can_write_stops_the_app() {
    let dir = temp_dir("managed-mode");
    let file = managed_file(dir.path(), "client_id = \"a\"\n");
    for mode in [0o666, 0o664, 0o646] {
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(mode)).unwrap();
        let (line, reason, _) = refused_file(dir.path(), &file).await;
        assert_eq!(
            (line.as_str(), reason.as_str()),
            ("0", "permissions"),
            "{mode:o}"
        );
    }
}

#[tokio::test]
async fn the_start_up_screen_gets_the_line_and_the_reason() {
    let dir = temp_dir("managed-startup");
    let file = managed_file(dir.path(), "idle_lock_minutes = 16\n");
    let (data, file) = (dir.path().to_path_buf(), file.clone());
    let terminal = Terminal::start(Box::new(move || managed_config(&data, &file))).await;
    let state = terminal.startup_state().await.unwrap();
    assert!(!state.started);
    let error = state.error.unwrap();
    assert_eq!(error.code, "managed_config_invalid");
    assert_eq!(error.args.get("line").map(String::as_str), Some("1"));
    assert_eq!(
        error.args.get("reason").map(String::as_str),
        Some("bad-value")
    );
}
