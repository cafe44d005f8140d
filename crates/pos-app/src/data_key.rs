//! The terminal's data key, which seals every draft's personal part (see pos-store's
//! `seal.rs`), is never silently replaced: a new key would strand every draft sealed with
//! the old one (review F4). It is read from the secret chain (OS keyring, else the
//! owner-only file) and made only on a true first run: nothing stored anywhere and no
//! sealed data in the database. Every other case stops the app with an error that says
//! whether retrying may help (the keyring did not answer) or IT is needed (no key, the
//! wrong key, a damaged key).

use flexiti_api::Secret;
use pos_store::DataKey;

use crate::dto::SecretSource;
use crate::error::AppError;
use crate::secrets::{Everywhere, SecretError, Secrets};

/// The account name of the key in its keyring service.
const ACCOUNT: &str = "terminal";

/// Why the data key cannot be used. Each maps to an [`AppError`] with a stable code.
#[derive(Debug, thiserror::Error)]
pub enum DataKeyError {
    /// No key was found, or not the right one, while a backend that may hold it (the
    /// keyring) did not answer: retrying once it is up may help. `data_key_unavailable`.
    #[error("the keyring that may hold the data key does not answer")]
    Unavailable,
    /// The database holds sealed data, and every backend answered: no key is stored
    /// anywhere. `data_key_missing`.
    #[error("the database holds sealed data but no data key is stored")]
    Missing,
    /// The key found is not one the database's data was sealed with (`found` is its
    /// public id). It is left as it is. `data_key_mismatch`.
    #[error("the stored data key {found} is not one the database was sealed with")]
    Mismatch { found: String },
    /// The stored key is not a key (not 64 hex digits). It is left as it is.
    /// `keyring_unavailable`.
    #[error("the data key is damaged")]
    Damaged,
    /// The secret store failed (the file is not private, a keyring error other than "not
    /// available"). `keyring_unavailable`.
    #[error("the data key's store failed: {0}")]
    Store(SecretError),
    /// First run: the system could not make a random key. `random_unavailable`.
    #[error("no data key could be made: {0}")]
    Random(pos_store::StoreError),
}

impl From<DataKeyError> for AppError {
    fn from(error: DataKeyError) -> AppError {
        match error {
            DataKeyError::Unavailable => AppError::DataKeyUnavailable,
            DataKeyError::Missing => AppError::DataKeyMissing,
            DataKeyError::Mismatch { .. } => AppError::DataKeyMismatch,
            DataKeyError::Damaged | DataKeyError::Store(_) => AppError::Keyring(error.to_string()),
            DataKeyError::Random(error) => AppError::Store(error),
        }
    }
}

/// The key and where it lives. `sealed_key_ids`: the ids of the keys the database holds
/// sealed data under (`pos_store::sealed_key_ids`), empty for a new or empty database.
///
/// - Every backend is asked (the keyring and the file may each hold a key, from
///   different times). With sealed data, the key it was sealed with is used, wherever it
///   is; with none, the first key found.
/// - Keys found but none the data was sealed with: [`DataKeyError::Mismatch`], or
///   [`DataKeyError::Unavailable`] when a backend did not answer (the right key may be
///   there). A key that is not a key: [`DataKeyError::Damaged`] when no other serves.
/// - No key anywhere: made and stored (in the first backend that accepts it: the file
///   when the keyring does not answer) only when the database holds nothing sealed;
///   otherwise [`DataKeyError::Unavailable`] when a backend did not answer, else
///   [`DataKeyError::Missing`]. A stored key is never overwritten.
pub fn load_or_create(
    chain: &Secrets,
    sealed_key_ids: &[String],
) -> Result<(DataKey, SecretSource), DataKeyError> {
    let Everywhere { found, unavailable } =
        chain.everywhere(ACCOUNT).map_err(DataKeyError::Store)?;
    let mut damaged = false;
    let mut keys = Vec::new();
    for (secret, source) in found {
        match DataKey::from_hex(secret.expose()) {
            Some(key) => keys.push((key, source)),
            None => damaged = true,
        }
    }
    if sealed_key_ids.is_empty() {
        if damaged && keys.is_empty() {
            return Err(DataKeyError::Damaged);
        }
        if let Some(first) = keys.into_iter().next() {
            return Ok(first);
        }
        let key = DataKey::generate().map_err(DataKeyError::Random)?;
        let source = chain
            .set(ACCOUNT, &Secret::new(key.to_hex().as_str()))
            .map_err(|error| match error {
                SecretError::Unavailable => DataKeyError::Unavailable,
                error => DataKeyError::Store(error),
            })?;
        tracing::info!(
            key_id = key.id(),
            ?source,
            ?unavailable,
            "a new data key was made for this terminal"
        );
        return Ok((key, source));
    }
    let found_ids: Vec<String> = keys.iter().map(|(k, _)| k.id().to_owned()).collect();
    if let Some(right) = keys
        .into_iter()
        .find(|(key, _)| sealed_key_ids.iter().any(|id| id == key.id()))
    {
        return Ok(right);
    }
    tracing::error!(
        found = ?found_ids,
        sealed_with = ?sealed_key_ids,
        ?unavailable,
        damaged,
        "no stored data key is one the saved drafts were sealed with"
    );
    if !unavailable.is_empty() {
        Err(DataKeyError::Unavailable)
    } else if let Some(found) = found_ids.into_iter().next() {
        Err(DataKeyError::Mismatch { found })
    } else if damaged {
        Err(DataKeyError::Damaged)
    } else {
        Err(DataKeyError::Missing)
    }
}

/// "Reset this terminal": forgets the data key in every backend of the chain (the
/// keyring and the file), so the next start makes a new one. A keyring that does not
/// answer keeps its entry; that is harmless, because the key used is always the one the
/// data was sealed with (see [`load_or_create`]), and the reset must work on a kiosk with
/// no keyring at all.
pub fn forget(chain: &Secrets) -> Result<(), DataKeyError> {
    match chain.delete(ACCOUNT) {
        Ok(()) => Ok(()),
        Err(SecretError::Unavailable) => {
            tracing::warn!("the keyring did not answer: its copy of the old data key remains");
            Ok(())
        }
        Err(error) => Err(DataKeyError::Store(error)),
    }
}

#[cfg(test)]
mod tests {
    use std::path::Path;
    use std::sync::Mutex;

    use super::*;
    use crate::secrets::test_backends::NoKeyring;
    use crate::secrets::{FileSecret, SecretBackend};

    /// A keyring that answers, holding at most one entry.
    #[derive(Default)]
    struct OneEntryKeyring(Mutex<Option<String>>);
    impl SecretBackend for OneEntryKeyring {
        fn source(&self) -> SecretSource {
            SecretSource::Keyring
        }
        fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
            Ok(self.0.lock().unwrap().as_deref().map(Secret::new))
        }
        fn set(&self, _: &str, secret: &Secret) -> Result<(), SecretError> {
            *self.0.lock().unwrap() = Some(secret.expose().to_owned());
            Ok(())
        }
        fn delete(&self, _: &str) -> Result<(), SecretError> {
            *self.0.lock().unwrap() = None;
            Ok(())
        }
    }

    /// One keyring seen by several chains.
    struct SharedKeyring(std::sync::Arc<OneEntryKeyring>);
    impl SecretBackend for SharedKeyring {
        fn source(&self) -> SecretSource {
            self.0.source()
        }
        fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
            self.0.get(account)
        }
        fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
            self.0.set(account, secret)
        }
        fn delete(&self, account: &str) -> Result<(), SecretError> {
            self.0.delete(account)
        }
    }

    fn file_only(dir: &Path) -> Secrets {
        Secrets::data_key_without_keyring(dir.to_path_buf())
    }

    fn unreachable_keyring_then_file(dir: &Path) -> Secrets {
        Secrets::new(vec![
            Box::new(NoKeyring),
            Box::new(FileSecret::data_key(dir)),
        ])
    }

    fn ids(keys: &[&DataKey]) -> Vec<String> {
        keys.iter().map(|k| k.id().to_owned()).collect()
    }

    fn stored(dir: &Path) -> Option<String> {
        std::fs::read_to_string(dir.join("data-key")).ok()
    }

    #[test]
    fn made_once_then_read_back_from_the_file_without_a_keyring() {
        let temp = pos_testkit::temp_dir("datakey-once");
        let dir = temp.path().join("data");
        let chain = file_only(&dir);
        let (first, source) = load_or_create(&chain, &[]).unwrap();
        assert_eq!(source, SecretSource::File);
        let (again, _) = load_or_create(&chain, &ids(&[&first])).unwrap();
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
    fn first_run_with_the_keyring_not_answering_makes_the_key_in_the_file() {
        let temp = pos_testkit::temp_dir("datakey-first-run-no-keyring");
        let dir = temp.path().join("data");
        let (key, source) = load_or_create(&unreachable_keyring_then_file(&dir), &[]).unwrap();
        assert_eq!(source, SecretSource::File);
        let (again, _) = load_or_create(&file_only(&dir), &ids(&[&key])).unwrap();
        assert_eq!(again.id(), key.id());
    }

    #[test]
    fn a_key_found_is_used_when_the_data_was_sealed_with_it_among_others() {
        let temp = pos_testkit::temp_dir("datakey-found");
        let dir = temp.path().join("data");
        let (key, _) = load_or_create(&file_only(&dir), &[]).unwrap();
        let sealed = vec!["0123456789abcdef".to_owned(), key.id().to_owned()];
        let (found, source) = load_or_create(&file_only(&dir), &sealed).unwrap();
        assert_eq!((found.id(), source), (key.id(), SecretSource::File));
    }

    #[test]
    fn a_key_the_data_was_not_sealed_with_is_a_mismatch_and_is_kept() {
        let temp = pos_testkit::temp_dir("datakey-mismatch");
        let dir = temp.path().join("data");
        let (key, _) = load_or_create(&file_only(&dir), &[]).unwrap();
        let before = stored(&dir);
        let sealed = vec!["0123456789abcdef".to_owned()];
        let error = load_or_create(&file_only(&dir), &sealed).unwrap_err();
        assert!(
            matches!(&error, DataKeyError::Mismatch { found } if found == key.id()),
            "{error:?}"
        );
        assert_eq!(AppError::from(error).code(), "data_key_mismatch");
        assert_eq!(stored(&dir), before);
    }

    #[test]
    fn the_wrong_key_in_the_file_while_the_keyring_does_not_answer_is_unavailable_not_mismatch() {
        // The F4 history: the key is in the keyring; a stale key sits in the file. While
        // the keyring does not answer, the file's key is found but is not the right one:
        // retrying once the keyring is up may help, so no "mismatch" (which sends IT
        // towards a reset).
        let temp = pos_testkit::temp_dir("datakey-stale-file");
        let dir = temp.path().join("data");
        load_or_create(&file_only(&dir), &[]).unwrap();
        let before = stored(&dir);
        let sealed = vec!["0123456789abcdef".to_owned()];
        let error = load_or_create(&unreachable_keyring_then_file(&dir), &sealed).unwrap_err();
        assert!(matches!(error, DataKeyError::Unavailable), "{error:?}");
        assert_eq!(AppError::from(error).code(), "data_key_unavailable");
        assert_eq!(stored(&dir), before);
    }

    #[test]
    fn the_keyring_key_comes_before_a_stale_file_key() {
        let temp = pos_testkit::temp_dir("datakey-keyring-first");
        let dir = temp.path().join("data");
        let (stale, _) = load_or_create(&file_only(&dir), &[]).unwrap();
        let keyring = OneEntryKeyring::default();
        let right = DataKey::generate().unwrap();
        keyring
            .set(ACCOUNT, &Secret::new(right.to_hex().as_str()))
            .unwrap();
        let chain = Secrets::new(vec![
            Box::new(keyring),
            Box::new(FileSecret::data_key(&dir)),
        ]);
        let (found, source) = load_or_create(&chain, &ids(&[&stale, &right])).unwrap();
        assert_eq!((found.id(), source), (right.id(), SecretSource::Keyring));
    }

    #[test]
    fn no_key_while_the_keyring_does_not_answer_and_data_is_sealed_is_unavailable_and_nothing_is_made(
    ) {
        let temp = pos_testkit::temp_dir("datakey-unavailable");
        let dir = temp.path().join("data");
        let sealed = vec!["0123456789abcdef".to_owned()];
        let error = load_or_create(&unreachable_keyring_then_file(&dir), &sealed).unwrap_err();
        assert!(matches!(error, DataKeyError::Unavailable), "{error:?}");
        assert_eq!(AppError::from(error).code(), "data_key_unavailable");
        assert_eq!(stored(&dir), None);
    }

    #[test]
    fn no_key_anywhere_and_data_is_sealed_is_missing_and_nothing_is_made() {
        let temp = pos_testkit::temp_dir("datakey-missing");
        let dir = temp.path().join("data");
        let sealed = vec!["0123456789abcdef".to_owned()];
        let error = load_or_create(&file_only(&dir), &sealed).unwrap_err();
        assert!(matches!(error, DataKeyError::Missing), "{error:?}");
        assert_eq!(AppError::from(error).code(), "data_key_missing");
        assert_eq!(stored(&dir), None);

        // The same with a keyring that answers and holds nothing.
        let chain = Secrets::new(vec![
            Box::new(OneEntryKeyring::default()),
            Box::new(FileSecret::data_key(&dir)),
        ]);
        let error = load_or_create(&chain, &sealed).unwrap_err();
        assert!(matches!(error, DataKeyError::Missing), "{error:?}");
        assert_eq!(stored(&dir), None);
    }

    #[test]
    fn first_run_with_nowhere_to_store_the_key_is_unavailable() {
        let chain = Secrets::new(vec![Box::new(NoKeyring)]);
        let error = load_or_create(&chain, &[]).unwrap_err();
        assert!(matches!(error, DataKeyError::Unavailable), "{error:?}");
    }

    #[test]
    fn a_damaged_key_is_an_error_not_a_silent_new_key() {
        let temp = pos_testkit::temp_dir("datakey-damaged");
        let dir = temp.path().join("data");
        let chain = Secrets::new(vec![Box::new(FileSecret::data_key(&dir))]);
        load_or_create(&chain, &[]).unwrap();
        std::fs::write(dir.join("data-key"), "not a key").unwrap();
        for sealed in [vec![], vec!["0123456789abcdef".to_owned()]] {
            let error = load_or_create(&chain, &sealed).unwrap_err();
            assert!(matches!(error, DataKeyError::Damaged), "{error:?}");
            assert_eq!(AppError::from(error).code(), "keyring_unavailable");
            assert_eq!(stored(&dir).as_deref(), Some("not a key"));
        }
    }

    #[test]
    fn forget_removes_the_key_everywhere_so_the_next_start_makes_a_new_one() {
        let temp = pos_testkit::temp_dir("datakey-forget");
        let dir = temp.path().join("data");
        let keyring = std::sync::Arc::new(OneEntryKeyring::default());
        let chain = || {
            Secrets::new(vec![
                Box::new(SharedKeyring(keyring.clone())),
                Box::new(FileSecret::data_key(&dir)),
            ])
        };
        let (old, source) = load_or_create(&chain(), &[]).unwrap();
        assert_eq!(source, SecretSource::Keyring);
        // A stale key in the file too (made while the keyring was away).
        load_or_create(&file_only(&dir), &[]).unwrap();
        forget(&chain()).unwrap();
        assert_eq!(stored(&dir), None);
        assert!(keyring.0.lock().unwrap().is_none());
        let (new, _) = load_or_create(&chain(), &[]).unwrap();
        assert_ne!(new.id(), old.id());
    }

    #[test]
    fn forget_while_the_keyring_does_not_answer_clears_the_file_and_goes_on() {
        let temp = pos_testkit::temp_dir("datakey-forget-unavailable");
        let dir = temp.path().join("data");
        load_or_create(&file_only(&dir), &[]).unwrap();
        forget(&unreachable_keyring_then_file(&dir)).expect("a kiosk without a keyring resets");
        assert_eq!(stored(&dir), None);
    }

    #[test]
    fn a_stale_keyring_key_left_by_a_reset_never_hides_the_key_the_data_was_sealed_with() {
        let temp = pos_testkit::temp_dir("datakey-stale-keyring");
        let dir = temp.path().join("data");
        // The keyring kept an old key (it did not answer at the reset); the new one was
        // made in the file while it was away, and the data is sealed with it.
        let keyring = OneEntryKeyring::default();
        let old = DataKey::generate().unwrap();
        keyring
            .set(ACCOUNT, &Secret::new(old.to_hex().as_str()))
            .unwrap();
        let (new, _) = load_or_create(&file_only(&dir), &[]).unwrap();
        let chain = Secrets::new(vec![
            Box::new(keyring),
            Box::new(FileSecret::data_key(&dir)),
        ]);
        let (found, source) = load_or_create(&chain, &ids(&[&new])).unwrap();
        assert_eq!((found.id(), source), (new.id(), SecretSource::File));
    }

    #[cfg(unix)]
    #[test]
    fn a_key_file_others_can_read_is_a_store_error_and_is_kept() {
        use std::os::unix::fs::PermissionsExt;
        let temp = pos_testkit::temp_dir("datakey-open");
        let dir = temp.path().join("data");
        load_or_create(&file_only(&dir), &[]).unwrap();
        let before = stored(&dir);
        let path = dir.join("data-key");
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let error = load_or_create(&file_only(&dir), &[]).unwrap_err();
        assert!(
            matches!(error, DataKeyError::Store(SecretError::FileTooOpen)),
            "{error:?}"
        );
        assert_eq!(AppError::from(error).code(), "keyring_unavailable");
        assert_eq!(stored(&dir), before);
    }
}
