//! The store's files are readable by the app's user only (security review F10): the
//! database is created 0600 before SQLite opens it (SQLite then gives its `-wal` and `-shm`
//! the same mode), a file an older version left with a looser mode is narrowed at open,
//! and every backup copy is created 0600 before anything is written into it.

use std::fs::{File, OpenOptions};
use std::io;
use std::path::{Path, PathBuf};

use crate::StoreError;

/// Owner read and write, nothing for the group or others.
#[cfg(unix)]
const PRIVATE: u32 = 0o600;

/// The files SQLite keeps beside the database.
const COMPANIONS: [&str; 3] = ["-wal", "-shm", "-journal"];

/// Creates the database file (empty, 0600) if it does not exist, without truncating one
/// that does, and narrows the database and the journals beside it to 0600 if their mode
/// is looser.
pub(crate) fn prepare_database_file(path: &Path) -> Result<(), StoreError> {
    let mut options = OpenOptions::new();
    options.write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE);
    options.open(path).map_err(io_error)?;
    narrow(path).map_err(io_error)?;
    for suffix in COMPANIONS {
        match narrow(&companion(path, suffix)) {
            Err(error) if error.kind() != io::ErrorKind::NotFound => return Err(io_error(error)),
            _ => {}
        }
    }
    Ok(())
}

/// A new file at `path`, 0600, refused if one exists already (a copy is never written
/// over, nor through a link someone planted there).
pub(crate) fn create_new_private(path: &Path) -> io::Result<File> {
    let mut options = OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, PRIVATE);
    options.open(path)
}

/// Sets the mode of `path` to 0600 if the group or others have any access to it.
pub(crate) fn narrow(path: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(path)?.permissions().mode();
        if mode & 0o077 != 0 {
            std::fs::set_permissions(path, std::fs::Permissions::from_mode(PRIVATE))?;
        }
    }
    #[cfg(not(unix))]
    std::fs::metadata(path)?;
    Ok(())
}

/// `<db>-wal` and its kin.
pub(crate) fn companion(db_path: &Path, suffix: &str) -> PathBuf {
    let mut name = db_path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// A file operation of the store that failed: the store is unavailable (`store_unavailable`).
pub(crate) fn io_error(error: io::Error) -> StoreError {
    StoreError::Unavailable(sqlx::Error::Io(error))
}
