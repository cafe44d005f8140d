//! Where the Flexiti client secret lives. Never in SQLite, never in the settings, never
//! sent to the webview. Behind a trait so the app can use the OS keyring where one
//! exists and an explicit fallback where none does (kiosk Linux, CI):
//! 1. the `FLEXITI_CLIENT_SECRET` environment variable (set by IT for the kiosk session);
//! 2. the OS keyring;
//! 3. a file readable only by the app's user (`client-secret` in the data directory,
//!    mode 0600; refused if group or others can read it).
//!
//! The key that seals drafts at rest goes through the same trait: the OS keyring, else
//! the `data-key` file (see [`Secrets::standard_data_key`] and `data_key.rs`).

use std::path::{Path, PathBuf};

use flexiti_api::Secret;

use crate::dto::SecretSource;

/// The environment variable a kiosk deployment sets.
pub const SECRET_ENV: &str = "FLEXITI_CLIENT_SECRET";

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    #[error("no keyring is available")]
    Unavailable,
    #[error("the secret file can be read by other users")]
    FileTooOpen,
    #[error("the secret store failed")]
    Failed,
}

/// One place a secret can be kept.
pub trait SecretBackend: Send + Sync {
    fn source(&self) -> SecretSource;
    fn get(&self, client_id: &str) -> Result<Option<Secret>, SecretError>;
    fn set(&self, client_id: &str, secret: &Secret) -> Result<(), SecretError>;
}

/// Reads from the first backend that has the secret; writes to the first that accepts.
pub struct Secrets {
    backends: Vec<Box<dyn SecretBackend>>,
}

impl Secrets {
    pub fn new(backends: Vec<Box<dyn SecretBackend>>) -> Self {
        Secrets { backends }
    }

    /// Environment, then file: the chain for machines without a keyring.
    pub fn without_keyring(data_dir: PathBuf) -> Self {
        Secrets::new(vec![
            Box::new(EnvSecret),
            Box::new(FileSecret::client_secret(&data_dir)),
        ])
    }

    /// The app's chain: environment, OS keyring, then the file (used only where the
    /// keyring is unavailable, e.g. a kiosk session without a Secret Service).
    pub fn standard(data_dir: PathBuf) -> Self {
        Secrets::new(vec![
            Box::new(EnvSecret),
            Box::new(KeyringSecret::client_secrets()),
            Box::new(FileSecret::client_secret(&data_dir)),
        ])
    }

    /// Where the key that seals drafts is kept: the OS keyring, else a file only the
    /// app's user can read (less safe: it sits on the same disk as the database; the
    /// settings screen says which one is in use).
    pub fn standard_data_key(data_dir: PathBuf) -> Self {
        Secrets::new(vec![
            Box::new(KeyringSecret::data_key()),
            Box::new(FileSecret::data_key(&data_dir)),
        ])
    }

    /// The data key's chain on machines without a keyring: the file only.
    pub fn data_key_without_keyring(data_dir: PathBuf) -> Self {
        Secrets::new(vec![Box::new(FileSecret::data_key(&data_dir))])
    }

    pub fn get(&self, client_id: &str) -> Result<Option<(Secret, SecretSource)>, SecretError> {
        let mut last_error = None;
        for backend in &self.backends {
            match backend.get(client_id) {
                Ok(Some(secret)) => return Ok(Some((secret, backend.source()))),
                Ok(None) => {}
                Err(SecretError::Unavailable) => {}
                Err(error) => last_error = Some(error),
            }
        }
        last_error.map_or(Ok(None), Err)
    }

    pub fn set(&self, client_id: &str, secret: &Secret) -> Result<SecretSource, SecretError> {
        for backend in &self.backends {
            match backend.set(client_id, secret) {
                Ok(()) => return Ok(backend.source()),
                Err(SecretError::Unavailable) => {}
                Err(error) => return Err(error),
            }
        }
        Err(SecretError::Unavailable)
    }
}

/// `FLEXITI_CLIENT_SECRET`: read-only (IT sets it).
pub struct EnvSecret;

impl SecretBackend for EnvSecret {
    fn source(&self) -> SecretSource {
        SecretSource::Environment
    }

    fn get(&self, _client_id: &str) -> Result<Option<Secret>, SecretError> {
        Ok(std::env::var(SECRET_ENV)
            .ok()
            .filter(|s| !s.trim().is_empty())
            .map(|s| Secret::new(s.trim())))
    }

    fn set(&self, _client_id: &str, _secret: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Unavailable)
    }
}

/// The OS keyring (Secret Service on Linux): one entry per client id under the client
/// secrets' service, or the terminal's data key under its own.
pub struct KeyringSecret {
    service: &'static str,
}

impl KeyringSecret {
    pub fn client_secrets() -> Self {
        KeyringSecret {
            service: "flexiti-pos",
        }
    }

    pub fn data_key() -> Self {
        KeyringSecret {
            service: "flexiti-pos-data-key",
        }
    }
}

fn keyring_error(error: keyring::Error) -> SecretError {
    match error {
        keyring::Error::PlatformFailure(_) | keyring::Error::NoStorageAccess(_) => {
            SecretError::Unavailable
        }
        _ => SecretError::Failed,
    }
}

impl SecretBackend for KeyringSecret {
    fn source(&self) -> SecretSource {
        SecretSource::Keyring
    }

    fn get(&self, client_id: &str) -> Result<Option<Secret>, SecretError> {
        let entry = keyring::Entry::new(self.service, client_id).map_err(keyring_error)?;
        match entry.get_password() {
            Ok(secret) => Ok(Some(Secret::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn set(&self, client_id: &str, secret: &Secret) -> Result<(), SecretError> {
        let entry = keyring::Entry::new(self.service, client_id).map_err(keyring_error)?;
        entry.set_password(secret.expose()).map_err(keyring_error)
    }
}

/// A file only the app's user can read.
pub struct FileSecret {
    path: PathBuf,
}

impl FileSecret {
    pub fn new(path: PathBuf) -> Self {
        FileSecret { path }
    }

    /// `client-secret` in the data directory.
    pub fn client_secret(data_dir: &Path) -> Self {
        FileSecret::new(data_dir.join("client-secret"))
    }

    /// `data-key` in the data directory.
    pub fn data_key(data_dir: &Path) -> Self {
        FileSecret::new(data_dir.join("data-key"))
    }
}

impl SecretBackend for FileSecret {
    fn source(&self) -> SecretSource {
        SecretSource::File
    }

    fn get(&self, _client_id: &str) -> Result<Option<Secret>, SecretError> {
        let metadata = match std::fs::metadata(&self.path) {
            Ok(m) => m,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(SecretError::Failed),
        };
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            if metadata.permissions().mode() & 0o077 != 0 {
                return Err(SecretError::FileTooOpen);
            }
        }
        let _ = metadata;
        let text = std::fs::read_to_string(&self.path).map_err(|_| SecretError::Failed)?;
        Ok(Some(Secret::new(text.trim())).filter(|s| !s.is_empty()))
    }

    fn set(&self, _client_id: &str, secret: &Secret) -> Result<(), SecretError> {
        use std::io::Write;
        if let Some(parent) = self.path.parent() {
            std::fs::create_dir_all(parent).map_err(|_| SecretError::Failed)?;
        }
        let temp = self.path.with_extension("tmp");
        let mut options = std::fs::OpenOptions::new();
        options.write(true).create(true).truncate(true);
        #[cfg(unix)]
        {
            use std::os::unix::fs::OpenOptionsExt;
            options.mode(0o600);
        }
        let mut file = options.open(&temp).map_err(|_| SecretError::Failed)?;
        file.write_all(secret.expose().as_bytes())
            .map_err(|_| SecretError::Failed)?;
        file.sync_all().map_err(|_| SecretError::Failed)?;
        std::fs::rename(&temp, &self.path).map_err(|_| SecretError::Failed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_secret_round_trips_with_owner_only_permissions() {
        let temp = pos_testkit::temp_dir("secrets-roundtrip");
        let dir = temp.path().join("data");
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(&dir))]);
        assert_eq!(secrets.get("c").unwrap(), None);
        assert_eq!(
            secrets.set("c", &Secret::new("s3cret")).unwrap(),
            SecretSource::File
        );
        let (secret, source) = secrets.get("c").unwrap().unwrap();
        assert_eq!((secret.expose(), source), ("s3cret", SecretSource::File));
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = std::fs::metadata(dir.join("client-secret"))
                .unwrap()
                .permissions()
                .mode();
            assert_eq!(mode & 0o777, 0o600);
        }
    }

    #[cfg(unix)]
    #[test]
    fn a_secret_file_others_can_read_is_refused() {
        use std::os::unix::fs::PermissionsExt;
        let temp = pos_testkit::temp_dir("secrets-open");
        let dir = temp.path();
        let path = dir.join("client-secret");
        std::fs::write(&path, "s3cret").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(dir))]);
        assert_eq!(secrets.get("c").unwrap_err(), SecretError::FileTooOpen);
    }

    struct NoKeyring;
    impl SecretBackend for NoKeyring {
        fn source(&self) -> SecretSource {
            SecretSource::Keyring
        }
        fn get(&self, _: &str) -> Result<Option<Secret>, SecretError> {
            Err(SecretError::Unavailable)
        }
        fn set(&self, _: &str, _: &Secret) -> Result<(), SecretError> {
            Err(SecretError::Unavailable)
        }
    }

    #[test]
    fn without_a_session_bus_the_real_keyring_falls_back_to_the_file() {
        if std::env::var_os("DBUS_SESSION_BUS_ADDRESS").is_some() {
            eprintln!(
                "skipped: a session bus exists here; this test must not touch a real keyring"
            );
            return;
        }
        let temp = pos_testkit::temp_dir("secrets-real-keyring");
        let dir = temp.path().join("data");
        let secrets = Secrets::new(vec![
            Box::new(KeyringSecret::client_secrets()),
            Box::new(FileSecret::client_secret(&dir)),
        ]);
        assert_eq!(
            secrets.set("c", &Secret::new("x")).unwrap(),
            SecretSource::File
        );
        assert_eq!(
            secrets.get("c").unwrap().map(|(_, s)| s),
            Some(SecretSource::File)
        );
    }

    #[test]
    fn without_a_keyring_the_file_is_used() {
        let temp = pos_testkit::temp_dir("secrets-fallback");
        let dir = temp.path().join("data");
        let secrets = Secrets::new(vec![
            Box::new(NoKeyring),
            Box::new(FileSecret::client_secret(&dir)),
        ]);
        assert_eq!(
            secrets.set("c", &Secret::new("x")).unwrap(),
            SecretSource::File
        );
        assert_eq!(
            secrets.get("c").unwrap().map(|(_, s)| s),
            Some(SecretSource::File)
        );
    }
}
