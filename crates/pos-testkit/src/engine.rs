//! The engine as the commands drive it, on a temp dir with the embedded sandbox, so each
//! test of the app starts from the same signed-in state in one call.

use std::collections::BTreeMap;
use std::path::Path;

use flexiti_sandbox::REP_PASSWORD;
use pos_app::dto::{FieldValue, Lang, SignInInput};
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
