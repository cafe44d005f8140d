//! Where the Flexiti client secret lives, so that it is never in SQLite, never in the
//! settings and never sent to the webview. Behind a trait so the app can use the OS keyring
//! where one exists and an explicit fallback where none does (kiosk Linux, CI):
//! 1. the `FLEXITI_CLIENT_SECRET` environment variable (set by IT for the kiosk session),
//!    read once at start and removed from the environment (see [`take_env_secret`]);
//! 2. the OS keyring;
//! 3. a file only the app's user can read (`client-secret` in the data directory, mode
//!    0600, owned by the app's user, not a link; refused otherwise).
//!
//! The key that seals drafts goes through the same trait: the OS keyring, else the
//! `data-key` file (see [`Secrets::standard_data_key`] and `data_key.rs`).

use std::ffi::OsString;
use std::path::{Path, PathBuf};

use flexiti_api::Secret;
use zeroize::Zeroize;

use crate::dto::SecretSource;

/// The environment variable a kiosk deployment sets.
pub const SECRET_ENV: &str = "FLEXITI_CLIENT_SECRET";

/// The largest secret file read: a client secret or a hex key is far shorter.
const MAX_SECRET_FILE: u64 = 64 * 1024;

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum SecretError {
    /// The backend cannot be reached right now (a keyring without a Secret Service, a
    /// locked keyring whose prompt was dismissed), or cannot do this at all (the
    /// environment cannot be written or deleted).
    #[error("the secret store is not available")]
    Unavailable,
    /// The file is a link, is not a regular file, belongs to another user, or its group
    /// or others have any access to it.
    #[error("the secret file is not private to the app's user")]
    FileTooOpen,
    #[error("the secret store failed")]
    Failed,
}

/// One place a secret can be kept.
pub trait SecretBackend: Send + Sync {
    fn source(&self) -> SecretSource;
    /// `Ok(None)`: this backend answered and holds nothing for `account`.
    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError>;
    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError>;
    /// Forgets the secret; `Ok(())` also when there was none.
    fn delete(&self, account: &str) -> Result<(), SecretError>;
}

/// What a chain found for an account.
#[derive(Debug, PartialEq, Eq)]
pub enum Lookup {
    /// The first backend that had it. `unavailable`: the backends before it that could
    /// not be asked (one of them may hold another value that would have come first).
    Found {
        secret: Secret,
        source: SecretSource,
        unavailable: Vec<SecretSource>,
    },
    /// No backend that answered has it. `unavailable`: the backends that could not be
    /// asked; when not empty, "absent" may only mean "not reachable right now".
    Absent { unavailable: Vec<SecretSource> },
}

/// What every backend holds for one account: the secrets found, in the chain's order,
/// and the backends that could not be asked.
pub struct Everywhere {
    pub found: Vec<(Secret, SecretSource)>,
    pub unavailable: Vec<SecretSource>,
}

/// Reads from the first backend that has the secret; writes to the first that accepts.
pub struct Secrets {
    backends: Vec<Box<dyn SecretBackend>>,
}

impl Secrets {
    pub fn new(backends: Vec<Box<dyn SecretBackend>>) -> Self {
        Secrets { backends }
    }

    /// Environment, then file: the chain for machines without a keyring, and for tests.
    /// The environment variable is read here but not removed (see [`take_env_secret`]
    /// for why removing it is for the very start of the process only).
    pub fn without_keyring(data_dir: PathBuf) -> Self {
        Secrets::new(vec![
            Box::new(EnvSecret::copied_from_process()),
            Box::new(FileSecret::client_secret(&data_dir)),
        ])
    }

    /// The app's chain: the environment's secret (taken at start by
    /// [`take_env_secret`]), the OS keyring, then the file (used only where the keyring
    /// is unavailable, e.g. a kiosk session without a Secret Service).
    pub fn standard(data_dir: PathBuf, env_secret: Option<Secret>) -> Self {
        Secrets::new(vec![
            Box::new(EnvSecret::new(env_secret)),
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

    /// The secret from the first backend that has it, telling "nothing stored" from "a
    /// backend could not be asked". A backend that fails (not merely unavailable) is
    /// skipped when a later one has the secret; its error is returned when none has.
    pub fn lookup(&self, account: &str) -> Result<Lookup, SecretError> {
        let mut unavailable = Vec::new();
        let mut failed = None;
        for backend in &self.backends {
            match backend.get(account) {
                Ok(Some(secret)) => {
                    return Ok(Lookup::Found {
                        secret,
                        source: backend.source(),
                        unavailable,
                    })
                }
                Ok(None) => {}
                Err(SecretError::Unavailable) => unavailable.push(backend.source()),
                Err(error) => {
                    failed.get_or_insert(error);
                }
            }
        }
        match failed {
            Some(error) => Err(error),
            None => Ok(Lookup::Absent { unavailable }),
        }
    }

    /// The secret from every backend that has one, in the chain's order, and the backends
    /// that could not be asked. (The data key: a keyring and the file may each hold one,
    /// from different times; the right one is the one the data was sealed with.)
    pub fn everywhere(&self, account: &str) -> Result<Everywhere, SecretError> {
        let (mut found, mut unavailable, mut failed) = (Vec::new(), Vec::new(), None);
        for backend in &self.backends {
            match backend.get(account) {
                Ok(Some(secret)) => found.push((secret, backend.source())),
                Ok(None) => {}
                Err(SecretError::Unavailable) => unavailable.push(backend.source()),
                Err(error) => {
                    failed.get_or_insert(error);
                }
            }
        }
        match failed {
            Some(error) if found.is_empty() => Err(error),
            _ => Ok(Everywhere { found, unavailable }),
        }
    }

    /// [`Secrets::lookup`] where "unavailable" and "absent" need no telling apart (the
    /// client secret: either way the settings screen asks for it).
    pub fn get(&self, account: &str) -> Result<Option<(Secret, SecretSource)>, SecretError> {
        Ok(match self.lookup(account)? {
            Lookup::Found { secret, source, .. } => Some((secret, source)),
            Lookup::Absent { .. } => None,
        })
    }

    pub fn set(&self, account: &str, secret: &Secret) -> Result<SecretSource, SecretError> {
        for backend in &self.backends {
            match backend.set(account, secret) {
                Ok(()) => return Ok(backend.source()),
                Err(SecretError::Unavailable) => {}
                Err(error) => return Err(error),
            }
        }
        Err(SecretError::Unavailable)
    }

    /// Forgets the secret in every backend ("reset this terminal"), not only the first:
    /// a secret may also sit in the file from a time the keyring was away. The
    /// environment cannot be changed from here and is skipped (IT removes the variable).
    /// Every backend is tried; the first failure is returned, or `Unavailable` when a
    /// keyring could not be reached (its entry may remain: the reset is not complete).
    pub fn delete(&self, account: &str) -> Result<(), SecretError> {
        let mut unreachable = false;
        let mut failed = None;
        for backend in &self.backends {
            match backend.delete(account) {
                Ok(()) => {}
                Err(SecretError::Unavailable) => {
                    if backend.source() != SecretSource::Environment {
                        unreachable = true;
                    }
                }
                Err(error) => {
                    failed.get_or_insert(error);
                }
            }
        }
        match failed {
            Some(error) => Err(error),
            None if unreachable => Err(SecretError::Unavailable),
            None => Ok(()),
        }
    }
}

/// Takes `FLEXITI_CLIENT_SECRET` out of the process environment, so that the processes
/// the app starts (WebKit's web and network processes) do not inherit it, and returns
/// it (`None` when unset or blank). The variable is removed even when blank.
///
/// Call it at the very start of `main`/`run`, before any thread exists: changing the
/// environment races with any other thread reading it (a C library's `getenv`
/// included), which is why Rust 2024 makes `remove_var` unsafe. The original bytes
/// stay in the process's initial environment block (`/proc/<pid>/environ`); with
/// [`crate::private_files::harden_process`] called first, only root can read that file.
pub fn take_env_secret() -> Option<Secret> {
    let value = std::env::var_os(SECRET_ENV)?;
    std::env::remove_var(SECRET_ENV);
    secret_from_env(value)
}

/// A zeroizing [`Secret`] from the variable's value; the copy read is wiped.
fn secret_from_env(value: OsString) -> Option<Secret> {
    match value.into_string() {
        Ok(mut text) => {
            let secret = Some(Secret::new(text.trim())).filter(|s| !s.is_empty());
            text.zeroize();
            secret
        }
        Err(other) => {
            wipe_os_string(other);
            None
        }
    }
}

#[cfg(unix)]
fn wipe_os_string(value: OsString) {
    use std::os::unix::ffi::OsStringExt;
    value.into_vec().zeroize();
}

#[cfg(not(unix))]
fn wipe_os_string(value: OsString) {
    drop(value);
}

/// `FLEXITI_CLIENT_SECRET`, read once (IT sets it; the app never writes or deletes it).
/// Its secret answers for any account.
pub struct EnvSecret {
    secret: Option<Secret>,
}

impl EnvSecret {
    /// The secret taken at start by [`take_env_secret`] (or none).
    pub fn new(secret: Option<Secret>) -> Self {
        EnvSecret { secret }
    }

    /// Takes the variable out of the environment ([`take_env_secret`]: before any thread
    /// starts).
    pub fn from_process() -> Self {
        EnvSecret::new(take_env_secret())
    }

    /// Reads the variable and leaves it in the environment: for tests and tools that
    /// already run threads, where removing it would race.
    pub fn copied_from_process() -> Self {
        EnvSecret::new(std::env::var_os(SECRET_ENV).and_then(secret_from_env))
    }
}

impl SecretBackend for EnvSecret {
    fn source(&self) -> SecretSource {
        SecretSource::Environment
    }

    fn get(&self, _account: &str) -> Result<Option<Secret>, SecretError> {
        Ok(self.secret.clone())
    }

    fn set(&self, _account: &str, _secret: &Secret) -> Result<(), SecretError> {
        Err(SecretError::Unavailable)
    }

    fn delete(&self, _account: &str) -> Result<(), SecretError> {
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

    fn get(&self, account: &str) -> Result<Option<Secret>, SecretError> {
        let entry = keyring::Entry::new(self.service, account).map_err(keyring_error)?;
        match entry.get_password() {
            Ok(secret) => Ok(Some(Secret::new(secret))),
            Err(keyring::Error::NoEntry) => Ok(None),
            Err(error) => Err(keyring_error(error)),
        }
    }

    fn set(&self, account: &str, secret: &Secret) -> Result<(), SecretError> {
        let entry = keyring::Entry::new(self.service, account).map_err(keyring_error)?;
        entry.set_password(secret.expose()).map_err(keyring_error)
    }

    fn delete(&self, account: &str) -> Result<(), SecretError> {
        let entry = keyring::Entry::new(self.service, account).map_err(keyring_error)?;
        match entry.delete_credential() {
            Ok(()) | Err(keyring::Error::NoEntry) => Ok(()),
            Err(error) => Err(keyring_error(error)),
        }
    }
}

/// A file only the app's user can read. Read through one handle opened without following
/// a link, whose owner, type and mode are checked on the handle itself; written to a new
/// file with a random name, made 0600 before the secret goes in, synced, renamed over
/// the old one, and the directory synced.
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

    fn get(&self, _account: &str) -> Result<Option<Secret>, SecretError> {
        file_store::read(&self.path)
    }

    fn set(&self, _account: &str, secret: &Secret) -> Result<(), SecretError> {
        file_store::write(&self.path, secret)
    }

    fn delete(&self, _account: &str) -> Result<(), SecretError> {
        file_store::delete(&self.path)
    }
}

#[cfg(unix)]
mod file_store {
    use std::fs::{File, OpenOptions, Permissions};
    use std::io::{ErrorKind, Read, Write};
    use std::os::unix::fs::{DirBuilderExt, MetadataExt, OpenOptionsExt, PermissionsExt};
    use std::path::Path;

    use flexiti_api::Secret;
    use rustix::fs::OFlags;
    use rustix::io::Errno;
    use zeroize::Zeroize;

    use super::{SecretError, MAX_SECRET_FILE};

    /// Never follow a link at the last component; never block on a FIFO planted there.
    /// (std opens every file with `O_CLOEXEC` already.)
    fn no_follow() -> i32 {
        (OFlags::NOFOLLOW | OFlags::NONBLOCK | OFlags::CLOEXEC).bits() as i32
    }

    pub(super) fn read(path: &Path) -> Result<Option<Secret>, SecretError> {
        let mut file = match OpenOptions::new()
            .read(true)
            .custom_flags(no_follow())
            .open(path)
        {
            Ok(file) => file,
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(None),
            // O_NOFOLLOW on a link.
            Err(error) if error.raw_os_error() == Some(Errno::LOOP.raw_os_error()) => {
                tracing::warn!(path = %path.display(), "the secret file is a link: refused");
                return Err(SecretError::FileTooOpen);
            }
            Err(_) => return Err(SecretError::Failed),
        };
        let metadata = file.metadata().map_err(|_| SecretError::Failed)?;
        if !metadata.file_type().is_file()
            || metadata.uid() != rustix::process::geteuid().as_raw()
            || metadata.mode() & 0o077 != 0
        {
            tracing::warn!(
                path = %path.display(),
                "the secret file is not a regular file private to the app's user: refused"
            );
            return Err(SecretError::FileTooOpen);
        }
        if metadata.len() > MAX_SECRET_FILE {
            return Err(SecretError::Failed);
        }
        let mut bytes = Vec::new();
        let read = (&mut file)
            .take(MAX_SECRET_FILE + 1)
            .read_to_end(&mut bytes);
        let secret = match (read, std::str::from_utf8(&bytes)) {
            (Ok(_), Ok(text)) => Ok(Some(Secret::new(text.trim())).filter(|s| !s.is_empty())),
            _ => Err(SecretError::Failed),
        };
        bytes.zeroize();
        secret
    }

    pub(super) fn write(path: &Path, secret: &Secret) -> Result<(), SecretError> {
        let (dir, name) = match (path.parent(), path.file_name()) {
            (Some(dir), Some(name)) => (dir, name),
            _ => return Err(SecretError::Failed),
        };
        let dir = if dir.as_os_str().is_empty() {
            Path::new(".")
        } else {
            dir
        };
        std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir)
            .map_err(|_| SecretError::Failed)?;
        let mut random = [0u8; 12];
        getrandom::fill(&mut random).map_err(|_| SecretError::Failed)?;
        let suffix: String = random.iter().map(|b| format!("{b:02x}")).collect();
        let temp = dir.join(format!(".{}.{suffix}.tmp", name.to_string_lossy()));
        let file = OpenOptions::new()
            .write(true)
            .create_new(true)
            .mode(0o600)
            .custom_flags(no_follow())
            .open(&temp)
            .map_err(|_| SecretError::Failed)?;
        let written = fill_and_rename(file, &temp, path, secret);
        if written.is_err() {
            let _ = std::fs::remove_file(&temp);
        }
        written?;
        sync_dir(dir)
    }

    fn fill_and_rename(
        mut file: File,
        temp: &Path,
        path: &Path,
        secret: &Secret,
    ) -> Result<(), SecretError> {
        // Exactly 0600 whatever the umask, before the secret goes in.
        file.set_permissions(Permissions::from_mode(0o600))
            .map_err(|_| SecretError::Failed)?;
        file.write_all(secret.expose().as_bytes())
            .map_err(|_| SecretError::Failed)?;
        file.sync_all().map_err(|_| SecretError::Failed)?;
        drop(file);
        // rename replaces a link at `path` itself, never its target.
        std::fs::rename(temp, path).map_err(|_| SecretError::Failed)
    }

    pub(super) fn delete(path: &Path) -> Result<(), SecretError> {
        match std::fs::remove_file(path) {
            Ok(()) => {}
            Err(error) if error.kind() == ErrorKind::NotFound => return Ok(()),
            Err(_) => return Err(SecretError::Failed),
        }
        match path.parent() {
            Some(dir) if !dir.as_os_str().is_empty() => sync_dir(dir),
            _ => Ok(()),
        }
    }

    /// Makes a rename or an unlink in `dir` durable.
    fn sync_dir(dir: &Path) -> Result<(), SecretError> {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|_| SecretError::Failed)
    }
}

#[cfg(not(unix))]
mod file_store {
    use std::io::ErrorKind;
    use std::path::Path;

    use flexiti_api::Secret;

    use super::SecretError;

    pub(super) fn read(path: &Path) -> Result<Option<Secret>, SecretError> {
        match std::fs::read_to_string(path) {
            Ok(text) => Ok(Some(Secret::new(text.trim())).filter(|s| !s.is_empty())),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(None),
            Err(_) => Err(SecretError::Failed),
        }
    }

    pub(super) fn write(path: &Path, secret: &Secret) -> Result<(), SecretError> {
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|_| SecretError::Failed)?;
        }
        std::fs::write(path, secret.expose()).map_err(|_| SecretError::Failed)
    }

    pub(super) fn delete(path: &Path) -> Result<(), SecretError> {
        match std::fs::remove_file(path) {
            Ok(()) => Ok(()),
            Err(error) if error.kind() == ErrorKind::NotFound => Ok(()),
            Err(_) => Err(SecretError::Failed),
        }
    }
}

/// Backends the unit tests of this crate share.
#[cfg(test)]
pub(crate) mod test_backends {
    use super::*;

    /// A keyring that never answers (no Secret Service, or its prompt dismissed).
    pub(crate) struct NoKeyring;
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
        fn delete(&self, _: &str) -> Result<(), SecretError> {
            Err(SecretError::Unavailable)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::test_backends::NoKeyring;
    use super::*;

    #[cfg(unix)]
    fn mode_of(path: &Path) -> u32 {
        use std::os::unix::fs::PermissionsExt;
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o777
    }

    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

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
        assert_eq!(mode_of(&dir.join("client-secret")), 0o600);
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

    #[cfg(unix)]
    #[test]
    fn a_link_in_place_of_the_secret_file_is_refused_even_to_a_private_file() {
        use std::os::unix::fs::PermissionsExt;
        let temp = pos_testkit::temp_dir("secrets-link");
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        // Another 0600 file of the app's user: following the link would make it "the
        // client secret" (review F13).
        let other = temp.path().join("other-private-file");
        std::fs::write(&other, "not the secret").unwrap();
        std::fs::set_permissions(&other, std::fs::Permissions::from_mode(0o600)).unwrap();
        std::os::unix::fs::symlink(&other, dir.join("client-secret")).unwrap();
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(&dir))]);
        assert_eq!(secrets.get("c").unwrap_err(), SecretError::FileTooOpen);
    }

    #[cfg(unix)]
    #[test]
    fn a_directory_or_a_fifo_in_place_of_the_secret_file_is_refused_without_blocking() {
        let temp = pos_testkit::temp_dir("secrets-not-regular");
        let dir = temp.path();
        std::fs::create_dir(dir.join("client-secret")).unwrap();
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(dir))]);
        assert_eq!(secrets.get("c").unwrap_err(), SecretError::FileTooOpen);

        let fifo = dir.join("data-key");
        rustix::fs::mknodat(
            rustix::fs::CWD,
            &fifo,
            rustix::fs::FileType::Fifo,
            rustix::fs::Mode::from_raw_mode(0o600),
            0,
        )
        .unwrap();
        let keys = Secrets::new(vec![Box::new(FileSecret::data_key(dir))]);
        assert_eq!(keys.get("terminal").unwrap_err(), SecretError::FileTooOpen);
    }

    #[cfg(unix)]
    #[test]
    fn a_write_over_an_open_file_leaves_an_owner_only_file_and_no_temp_file() {
        use std::os::unix::fs::PermissionsExt;
        let temp = pos_testkit::temp_dir("secrets-rewrite");
        let dir = temp.path();
        let path = dir.join("client-secret");
        std::fs::write(&path, "old").unwrap();
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(dir))]);
        secrets.set("c", &Secret::new("new")).unwrap();
        assert_eq!(mode_of(&path), 0o600);
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "new");
        assert_eq!(names_in(dir), vec!["client-secret".to_owned()]);
    }

    #[cfg(unix)]
    #[test]
    fn a_planted_link_at_the_old_temp_name_is_not_written_through() {
        use std::os::unix::fs::PermissionsExt;
        let temp = pos_testkit::temp_dir("secrets-temp-link");
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        let victim = temp.path().join("victim");
        std::fs::write(&victim, "victim").unwrap();
        std::fs::set_permissions(&victim, std::fs::Permissions::from_mode(0o644)).unwrap();
        // The name the old code wrote through (`client-secret.tmp`, create + truncate).
        std::os::unix::fs::symlink(&victim, dir.join("client-secret.tmp")).unwrap();
        let secrets = Secrets::new(vec![Box::new(FileSecret::client_secret(&dir))]);
        secrets.set("c", &Secret::new("s3cret")).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
        assert_eq!(mode_of(&victim), 0o644);
        assert_eq!(
            names_in(&dir),
            vec!["client-secret".to_owned(), "client-secret.tmp".to_owned()]
        );
        assert_eq!(
            secrets.get("c").unwrap().map(|(s, _)| s),
            Some(Secret::new("s3cret"))
        );
    }

    #[cfg(unix)]
    #[test]
    fn a_link_at_the_secret_path_is_replaced_not_written_through() {
        let temp = pos_testkit::temp_dir("secrets-target-link");
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        let victim = temp.path().join("victim");
        std::fs::write(&victim, "victim").unwrap();
        std::os::unix::fs::symlink(&victim, dir.join("data-key")).unwrap();
        let keys = Secrets::new(vec![Box::new(FileSecret::data_key(&dir))]);
        keys.set("terminal", &Secret::new("k")).unwrap();
        assert_eq!(std::fs::read_to_string(&victim).unwrap(), "victim");
        let path = dir.join("data-key");
        assert!(std::fs::symlink_metadata(&path)
            .unwrap()
            .file_type()
            .is_file());
        assert_eq!(mode_of(&path), 0o600);
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

    #[test]
    fn lookup_tells_an_unreachable_keyring_from_nothing_stored() {
        let temp = pos_testkit::temp_dir("secrets-lookup");
        let dir = temp.path().join("data");
        let unreachable = Secrets::new(vec![
            Box::new(NoKeyring),
            Box::new(FileSecret::client_secret(&dir)),
        ]);
        assert_eq!(
            unreachable.lookup("c").unwrap(),
            Lookup::Absent {
                unavailable: vec![SecretSource::Keyring]
            }
        );
        // `get` keeps its old answer: nothing.
        assert_eq!(unreachable.get("c").unwrap(), None);

        let file_only = Secrets::new(vec![Box::new(FileSecret::client_secret(&dir))]);
        assert_eq!(
            file_only.lookup("c").unwrap(),
            Lookup::Absent {
                unavailable: vec![]
            }
        );

        file_only.set("c", &Secret::new("x")).unwrap();
        assert_eq!(
            unreachable.lookup("c").unwrap(),
            Lookup::Found {
                secret: Secret::new("x"),
                source: SecretSource::File,
                unavailable: vec![SecretSource::Keyring],
            }
        );
    }

    #[test]
    fn the_environment_secret_is_given_for_any_account_and_cannot_be_changed() {
        let env = EnvSecret::new(Some(Secret::new("from-it")));
        assert_eq!(env.get("any").unwrap(), Some(Secret::new("from-it")));
        assert_eq!(
            env.set("any", &Secret::new("x")).unwrap_err(),
            SecretError::Unavailable
        );
        assert_eq!(env.delete("any").unwrap_err(), SecretError::Unavailable);
        assert_eq!(EnvSecret::new(None).get("any").unwrap(), None);
    }

    #[test]
    fn an_environment_value_is_trimmed_and_a_blank_one_is_none() {
        assert_eq!(
            secret_from_env(OsString::from("  s3cret\n")),
            Some(Secret::new("s3cret"))
        );
        assert_eq!(secret_from_env(OsString::from(" \n")), None);
    }

    #[test]
    fn delete_forgets_the_secret_in_every_backend_and_skips_the_environment() {
        let temp = pos_testkit::temp_dir("secrets-delete");
        let dir = temp.path().join("data");
        // A secret in the file and in a second file (as one in the keyring and one left
        // in the file from a time the keyring was away).
        let first = temp.path().join("first");
        FileSecret::new(first.clone())
            .set("c", &Secret::new("a"))
            .unwrap();
        FileSecret::client_secret(&dir)
            .set("c", &Secret::new("b"))
            .unwrap();
        let secrets = Secrets::new(vec![
            Box::new(EnvSecret::new(Some(Secret::new("env")))),
            Box::new(FileSecret::new(first.clone())),
            Box::new(FileSecret::client_secret(&dir)),
        ]);
        secrets.delete("c").unwrap();
        assert!(!first.exists());
        assert!(!dir.join("client-secret").exists());
        // Nothing left to delete is fine.
        secrets.delete("c").unwrap();
    }

    #[test]
    fn delete_says_so_when_a_keyring_could_not_be_reached() {
        let temp = pos_testkit::temp_dir("secrets-delete-unreachable");
        let dir = temp.path().join("data");
        FileSecret::client_secret(&dir)
            .set("c", &Secret::new("b"))
            .unwrap();
        let secrets = Secrets::new(vec![
            Box::new(NoKeyring),
            Box::new(FileSecret::client_secret(&dir)),
        ]);
        assert_eq!(secrets.delete("c").unwrap_err(), SecretError::Unavailable);
        // The rest was still deleted.
        assert!(!dir.join("client-secret").exists());
    }
}
