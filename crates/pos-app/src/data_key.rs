//! The terminal's data key, which seals every draft's personal part (see pos-store's
//! `seal.rs`): read from the secret chain (OS keyring, else the owner-only file), or made
//! on first run and stored there. A key that is present but unreadable stops the app with
//! a clear error instead of being replaced: replacing it would strand every saved draft.

use flexiti_api::Secret;
use pos_store::DataKey;

use crate::dto::SecretSource;
use crate::error::{AppError, AppResult};
use crate::secrets::{SecretError, Secrets};

/// The account name of the key in its keyring service.
const ACCOUNT: &str = "terminal";

/// The key and where it lives.
pub fn load_or_create(chain: &Secrets) -> AppResult<(DataKey, SecretSource)> {
    match chain.get(ACCOUNT).map_err(keyring_error)? {
        Some((stored, source)) => {
            let key = DataKey::from_hex(stored.expose())
                .ok_or_else(|| AppError::Keyring("the data key is damaged".into()))?;
            Ok((key, source))
        }
        None => {
            let key = DataKey::generate()?;
            let source = chain
                .set(ACCOUNT, &Secret::new(key.to_hex().as_str()))
                .map_err(keyring_error)?;
            tracing::info!(
                key_id = key.id(),
                ?source,
                "a new data key was made for this terminal"
            );
            Ok((key, source))
        }
    }
}

fn keyring_error(error: SecretError) -> AppError {
    AppError::Keyring(error.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::secrets::FileSecret;

    #[test]
    fn made_once_then_read_back_from_the_file_without_a_keyring() {
        let temp = pos_testkit::temp_dir("datakey-once");
        let dir = temp.path().join("data");
        let chain = Secrets::data_key_without_keyring(dir.clone());
        let (first, source) = load_or_create(&chain).unwrap();
        assert_eq!(source, SecretSource::File);
        let (again, _) = load_or_create(&chain).unwrap();
        assert_eq!(first.id(), again.id());
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("data-key"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[test]
    fn a_damaged_key_is_an_error_not_a_silent_new_key() {
        let temp = pos_testkit::temp_dir("datakey-damaged");
        let dir = temp.path().join("data");
        let chain = Secrets::new(vec![Box::new(FileSecret::data_key(&dir))]);
        load_or_create(&chain).unwrap();
        std::fs::write(dir.join("data-key"), "not a key").unwrap();
        let error = load_or_create(&chain).unwrap_err();
        assert_eq!(error.code(), "keyring_unavailable");
        assert_eq!(
            std::fs::read_to_string(dir.join("data-key")).unwrap(),
            "not a key"
        );
    }
}
