//! The engine as the commands drive it, on a temp dir with the embedded sandbox, so each
//! test of the app starts from the same signed-in state in one call.

use std::collections::BTreeMap;
use std::path::Path;

use flexiti_sandbox::REP_PASSWORD;
use pos_app::dto::{EnvironmentKind, FieldValue, Lang, SettingsInput, SettingsView, SignInInput};
use pos_app::secrets::Secrets;
use pos_app::{Engine, EngineConfig, Terminal};

use crate::{valid_application, Answer};

/// The demo rep the embedded sandbox knows (password `flexiti_sandbox::REP_PASSWORD`).
pub const DEMO_REP: &str = "merchantonline";

/// The engine's configuration on `dir`: secrets and data key in files there, never in the
/// OS keyring (tests must not touch it).
pub fn config(dir: &Path) -> EngineConfig {
    EngineConfig {
        data_dir: dir.to_path_buf(),
        secrets: Secrets::without_keyring(dir.to_path_buf()),
        data_keys: Secrets::data_key_without_keyring(dir.to_path_buf()),
        client_timeout: None,
        managed_config: None,
    }
}

/// The engine on `dir`, as the app opens it (the first run is the embedded sandbox).
pub async fn open(dir: &Path) -> Engine {
    Engine::open(config(dir)).await.expect("engine opens")
}

/// The terminal on `dir`, as the app starts it (its engine made from [`config`]).
pub async fn terminal(dir: &Path) -> Terminal {
    let dir = dir.to_path_buf();
    Terminal::start(Box::new(move || config(&dir))).await
}

/// The demo rep's sign-in with `password`.
pub fn demo_rep(password: &str) -> SignInInput {
    SignInInput {
        username: DEMO_REP.into(),
        password: password.into(),
    }
}

/// The engine on `dir`, signed in as the demo rep, with the form's lists loaded (in
/// English) so drafts are checked against them.
pub async fn signed_in(dir: &Path) -> Engine {
    let engine = open(dir).await;
    engine
        .sign_in(demo_rep(REP_PASSWORD))
        .await
        .expect("sign in");
    engine.form_data(Lang::En).await.expect("form data");
    engine
}

/// The form's part of [`valid_application`] as a draft holds it.
pub fn valid_form() -> BTreeMap<String, FieldValue> {
    valid_application()
        .into_iter()
        .filter(|field| field.on_form)
        .map(|field| {
            let value = match field.typed {
                Answer::Text(text) => FieldValue::Text(text.to_owned()),
                Answer::Flag(flag) => FieldValue::Flag(flag),
            };
            (field.name.to_owned(), value)
        })
        .collect()
}

/// The administrator's passphrase the tests set when a terminal first leaves Sandbox.
pub const ADMIN_PASSPHRASE: &str = "counter admin passphrase";

/// Credentials for `username` with `password`.
pub fn rep(username: &str, password: &str) -> SignInInput {
    SignInInput {
        username: username.into(),
        password: password.into(),
    }
}

/// The settings screen as `view` shows it, saved back unchanged: no secret typed, no new
/// passphrase. Tests change the fields they are about.
pub fn unchanged(view: &SettingsView) -> SettingsInput {
    SettingsInput {
        environment: view.environment,
        custom_url: view.custom_url.clone(),
        client_id: view.client_id.clone(),
        client_secret: None,
        store_id: view.store_id.clone(),
        terminal_id: view.terminal_id.clone(),
        idle_lock_minutes: view.idle_lock_minutes,
        retention_days: view.retention_days,
        store_province: view.store_province.clone(),
        store_lang: view.store_lang,
        new_admin_passphrase: None,
        kiosk: view.kiosk,
    }
}

/// The first-run settings (the embedded sandbox, the demo client and store).
pub fn sandbox_settings() -> SettingsInput {
    SettingsInput {
        environment: EnvironmentKind::Sandbox,
        custom_url: None,
        client_id: flexiti_sandbox::CLIENT_ID.into(),
        client_secret: None,
        store_id: flexiti_sandbox::STORES[0].into(),
        terminal_id: "T-01".into(),
        idle_lock_minutes: 10,
        retention_days: 7,
        store_province: None,
        store_lang: pos_app::dto::Lang::En,
        new_admin_passphrase: None,
        kiosk: false,
    }
}

/// A custom Flexiti at `base_url` (another emulator, or whatever a test listens with),
/// with the demo client id and `secret` typed (`None`: the field left blank).
pub fn custom_settings(base_url: &str, secret: Option<&str>) -> SettingsInput {
    SettingsInput {
        environment: EnvironmentKind::Custom,
        custom_url: Some(base_url.into()),
        client_secret: secret.map(str::to_owned),
        ..sandbox_settings()
    }
}

/// Takes the terminal out of Sandbox the way its administrator first does: the custom
/// Flexiti at `base_url` (an emulator), its client secret typed and a new administrator's
/// passphrase ([`ADMIN_PASSPHRASE`]). The settings stay open for the administrator; the
/// rep signed in, if any, is signed out.
pub async fn leave_sandbox(engine: &Engine, base_url: &str) -> SettingsView {
    let mut input = custom_settings(base_url, Some(flexiti_sandbox::CLIENT_SECRET));
    input.new_admin_passphrase = Some(ADMIN_PASSPHRASE.into());
    engine
        .save_settings(input)
        .await
        .expect("the administrator takes the terminal out of Sandbox")
}
