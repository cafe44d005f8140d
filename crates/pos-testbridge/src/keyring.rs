//! The OS keyring, in memory: headless test machines have no Secret Service, yet the
//! settings screen must be tested with the data key and the client secret "in the system
//! keyring". The engine sees a [`SecretBackend`] that reports [`SecretSource::Keyring`],
//! exactly the seam the real keyring plugs into; only where the bytes live differs.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};

use flexiti_api::Secret;
use pos_app::dto::SecretSource;
use pos_app::secrets::{SecretBackend, SecretError};

/// One keyring service (the client secrets', or the data key's), shared by its clones so
/// the bridge can hand one clone to the engine and keep another.
#[derive(Clone, Default)]
pub struct MemoryKeyring {
    entries: Arc<Mutex<HashMap<String, String>>>,
    /// Set: the keyring answers "unavailable" (a Secret Service not up yet, a locked
    /// keyring whose prompt was dismissed), keeping its entries for when it comes back.
    unavailable: Arc<AtomicBool>,
}

impl MemoryKeyring {
    pub fn set_available(&self, available: bool) {
        self.unavailable.store(!available, Ordering::SeqCst);
    }

    fn check(&self) -> Result<(), SecretError> {
        if self.unavailable.load(Ordering::SeqCst) {
            return Err(SecretError::Unavailable);
        }
        Ok(())
    }
}

impl SecretBackend for MemoryKeyring {
    fn source(&self) -> SecretSource {
        SecretSource::Keyring
    }

    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        self.check()?;
        let entries = self.entries.lock().map_err(|_| SecretError::Failed)?;
        Ok(entries.get(account).map(|s| Secret::new(s.as_str())))
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        self.check()?;
        let mut entries = self.entries.lock().map_err(|_| SecretError::Failed)?;
        entries.insert(account.to_owned(), secret.expose().to_owned());
        Ok(())
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        self.check()?;
        let mut entries = self.entries.lock().map_err(|_| SecretError::Failed)?;
        entries.remove(account);
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn clones_share_entries_and_report_the_keyring() {
        let keyring = MemoryKeyring::default();
        let other = keyring.clone();
        assert!(keyring.get("terminal").unwrap().is_none());
        other.set("terminal", &Secret::new("k")).unwrap();
        let read = keyring.get("terminal").unwrap().unwrap();
        assert_eq!(read.expose(), "k");
        assert_eq!(keyring.source(), SecretSource::Keyring);
        other.set_available(false);
        assert_eq!(
            keyring.get("terminal").unwrap_err(),
            SecretError::Unavailable
        );
        keyring.set_available(true);
        assert!(keyring.get("terminal").unwrap().is_some(), "entries kept");
        keyring.delete("terminal").unwrap();
        assert!(keyring.get("terminal").unwrap().is_none());
    }
}
