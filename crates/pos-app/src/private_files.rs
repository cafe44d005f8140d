//! Keeps the terminal's data private to the app's OS user, because the database's clear
//! metadata (decisions, rep names, the audit trail) and the logs must not be readable by
//! another account on a shared terminal (review F10), and keeps the process's memory,
//! which holds secrets and applicants' data, out of core dumps and same-user ptrace
//! (review F12).

use std::path::Path;

/// What [`secure_data_dir`] changed (the engine logs it): entries whose group or
/// others had access, now owner-only.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Repaired {
    /// The data directory itself was made (mode 0700).
    pub created: bool,
    /// Directories (the data directory included) made 0700 from looser.
    pub dirs: usize,
    /// Regular files made 0600 (their group and other bits removed).
    pub files: usize,
    /// Symbolic links found and left alone (neither followed nor changed).
    pub links_skipped: usize,
    /// Entries that could not be checked or changed (each logged with its path).
    pub failed: usize,
}

impl Repaired {
    /// Something was open to others (and is now private), or could not be made private:
    /// worth a line in the log. A directory just made is not counted.
    pub fn any(&self) -> bool {
        self.dirs > 0 || self.files > 0 || self.failed > 0
    }
}

/// Makes `dir` (the app's data directory) private: created with mode 0700 when missing,
/// set to 0700 when looser, then walked from the top, each sub-directory set to 0700
/// before it is read and each regular file stripped of group and other access (0644
/// becomes 0600). Links inside are never followed nor changed; `dir` itself is followed
/// when it is a link (IT may point the data directory elsewhere).
///
/// An error on `dir` itself is returned (it cannot be made or changed); an error on an
/// entry inside is logged, counted in [`Repaired::failed`], and the walk goes on.
#[cfg(unix)]
pub fn secure_data_dir(dir: &Path) -> std::io::Result<Repaired> {
    use std::os::unix::fs::DirBuilderExt;

    let mut repaired = Repaired::default();
    match std::fs::metadata(dir) {
        Ok(_) => {}
        Err(error) if error.kind() == std::io::ErrorKind::NotFound => {
            std::fs::DirBuilder::new()
                .recursive(true)
                .mode(0o700)
                .create(dir)?;
            repaired.created = true;
        }
        Err(error) => return Err(error),
    }
    let metadata = std::fs::metadata(dir)?;
    if !metadata.is_dir() {
        return Err(std::io::Error::new(
            std::io::ErrorKind::InvalidInput,
            "the data directory is not a directory",
        ));
    }
    if owner_only(dir, &metadata, 0o700)? {
        repaired.dirs += 1;
    }
    walk(dir, &mut repaired)?;
    Ok(repaired)
}

/// Elsewhere: nothing to do here (the directory is made if missing).
#[cfg(not(unix))]
pub fn secure_data_dir(dir: &Path) -> std::io::Result<Repaired> {
    let created = !dir.exists();
    std::fs::create_dir_all(dir)?;
    Ok(Repaired {
        created,
        ..Repaired::default()
    })
}

/// Removes group and other access from `path` (whose `metadata` was just read without
/// following a link); `max` is the owner bits kept at most. True when it was changed.
#[cfg(unix)]
fn owner_only(path: &Path, metadata: &std::fs::Metadata, max: u32) -> std::io::Result<bool> {
    use std::os::unix::fs::PermissionsExt;
    let mode = metadata.permissions().mode() & 0o7777;
    if mode & !0o700 == 0 {
        return Ok(false);
    }
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode & max))?;
    Ok(true)
}

/// The entries of `dir` (already private, so no other user can swap an entry for a link
/// between the check and the change), depth first.
#[cfg(unix)]
fn walk(dir: &Path, repaired: &mut Repaired) -> std::io::Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = match entry {
            Ok(entry) => entry.path(),
            Err(error) => {
                tracing::warn!(dir = %dir.display(), %error, "a data directory entry cannot be read");
                repaired.failed += 1;
                continue;
            }
        };
        let metadata = match std::fs::symlink_metadata(&path) {
            Ok(metadata) => metadata,
            Err(error) => {
                tracing::warn!(path = %path.display(), %error, "a data file cannot be checked");
                repaired.failed += 1;
                continue;
            }
        };
        let kind = metadata.file_type();
        let outcome = if kind.is_symlink() {
            repaired.links_skipped += 1;
            Ok(())
        } else if kind.is_dir() {
            owner_only(&path, &metadata, 0o700).and_then(|changed| {
                repaired.dirs += usize::from(changed);
                walk(&path, repaired)
            })
        } else if kind.is_file() {
            owner_only(&path, &metadata, 0o600).map(|changed| {
                repaired.files += usize::from(changed);
            })
        } else {
            // A socket or a FIFO: not the app's; left as it is.
            Ok(())
        };
        if let Err(error) = outcome {
            tracing::warn!(path = %path.display(), %error, "a data file cannot be made private");
            repaired.failed += 1;
        }
    }
    Ok(())
}

/// What [`harden_process`] could not apply (each step is tried regardless).
#[derive(Debug, Default)]
pub struct NotHardened(pub Vec<(&'static str, std::io::Error)>);

impl std::fmt::Display for NotHardened {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("process hardening not applied:")?;
        for (step, error) in &self.0 {
            write!(f, " {step} ({error});")?;
        }
        Ok(())
    }
}

impl std::error::Error for NotHardened {}

/// Call first thing in `main`: every file and directory the process (and the WebKit
/// processes it starts) creates from now on is private to its user (`umask 077`); no
/// core dump is written (`RLIMIT_CORE` 0, inherited by child processes); and on Linux
/// the process is not dumpable, so another process of the same user can neither ptrace
/// it nor read its `/proc/<pid>/environ` or memory. All three are process-wide, so
/// calling this after threads exist is safe. Returns what could not be applied, for the
/// log once logging is up.
pub fn harden_process() -> Result<(), NotHardened> {
    #[cfg(unix)]
    {
        let mut failed = Vec::new();
        rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
        let no_core = rustix::process::Rlimit {
            current: Some(0),
            maximum: Some(0),
        };
        if let Err(error) = rustix::process::setrlimit(rustix::process::Resource::Core, no_core) {
            failed.push(("setrlimit(RLIMIT_CORE, 0)", std::io::Error::from(error)));
        }
        #[cfg(target_os = "linux")]
        if let Err(error) =
            rustix::process::set_dumpable_behavior(rustix::process::DumpableBehavior::NotDumpable)
        {
            failed.push(("prctl(PR_SET_DUMPABLE, 0)", std::io::Error::from(error)));
        }
        if !failed.is_empty() {
            return Err(NotHardened(failed));
        }
    }
    Ok(())
}

#[cfg(test)]
#[cfg(unix)]
mod tests {
    use std::os::unix::fs::PermissionsExt;
    use std::path::Path;

    use super::*;

    fn mode_of(path: &Path) -> u32 {
        std::fs::symlink_metadata(path)
            .unwrap()
            .permissions()
            .mode()
            & 0o7777
    }

    fn set_mode(path: &Path, mode: u32) {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
    }

    #[test]
    fn a_missing_data_directory_is_made_owner_only() {
        let temp = pos_testkit::temp_dir("private-missing");
        let dir = temp.path().join("a").join("data");
        let repaired = secure_data_dir(&dir).unwrap();
        assert!(repaired.created);
        assert_eq!(mode_of(&dir), 0o700);
        // Nothing else to do, then or on the next start.
        assert_eq!((repaired.dirs, repaired.files, repaired.failed), (0, 0, 0));
        assert_eq!(secure_data_dir(&dir).unwrap(), Repaired::default());
    }

    #[test]
    fn loose_files_and_directories_are_made_owner_only_and_counted() {
        let temp = pos_testkit::temp_dir("private-loose");
        let dir = temp.path().join("data");
        let logs = dir.join("logs");
        std::fs::create_dir_all(&logs).unwrap();
        set_mode(&dir, 0o755);
        set_mode(&logs, 0o775);
        let db = dir.join("pos.sqlite3");
        let wal = dir.join("pos.sqlite3-wal");
        let log = logs.join("flexiti-pos.2026-11-28.log");
        let private = dir.join("data-key");
        for (path, mode) in [
            (&db, 0o644),
            (&wal, 0o666),
            (&log, 0o640),
            (&private, 0o600),
        ] {
            std::fs::write(path, "x").unwrap();
            set_mode(path, mode);
        }

        let repaired = secure_data_dir(&dir).unwrap();

        assert_eq!(
            repaired,
            Repaired {
                created: false,
                dirs: 2,
                files: 3,
                links_skipped: 0,
                failed: 0,
            }
        );
        assert_eq!(mode_of(&dir), 0o700);
        assert_eq!(mode_of(&logs), 0o700);
        for path in [&db, &wal, &log, &private] {
            assert_eq!(mode_of(path), 0o600, "{}", path.display());
        }
        assert_eq!(secure_data_dir(&dir).unwrap(), Repaired::default());
    }

    #[test]
    fn owner_bits_are_kept_and_only_group_and_other_bits_removed() {
        let temp = pos_testkit::temp_dir("private-owner-bits");
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        let read_only = dir.join("read-only");
        std::fs::write(&read_only, "x").unwrap();
        set_mode(&read_only, 0o444);
        secure_data_dir(&dir).unwrap();
        assert_eq!(mode_of(&read_only), 0o400);
    }

    #[test]
    fn links_inside_are_not_followed_and_their_targets_keep_their_mode() {
        let temp = pos_testkit::temp_dir("private-links");
        let dir = temp.path().join("data");
        std::fs::create_dir(&dir).unwrap();
        set_mode(&dir, 0o700);
        let outside_file = temp.path().join("outside-file");
        std::fs::write(&outside_file, "x").unwrap();
        set_mode(&outside_file, 0o644);
        let outside_dir = temp.path().join("outside-dir");
        std::fs::create_dir(&outside_dir).unwrap();
        set_mode(&outside_dir, 0o755);
        let inside_outside_dir = outside_dir.join("file");
        std::fs::write(&inside_outside_dir, "x").unwrap();
        set_mode(&inside_outside_dir, 0o644);
        std::os::unix::fs::symlink(&outside_file, dir.join("link-to-file")).unwrap();
        std::os::unix::fs::symlink(&outside_dir, dir.join("link-to-dir")).unwrap();

        let repaired = secure_data_dir(&dir).unwrap();

        assert_eq!(repaired.links_skipped, 2);
        assert_eq!((repaired.dirs, repaired.files), (0, 0));
        assert_eq!(mode_of(&outside_file), 0o644);
        assert_eq!(mode_of(&outside_dir), 0o755);
        assert_eq!(mode_of(&inside_outside_dir), 0o644);
        assert!(std::fs::symlink_metadata(dir.join("link-to-file"))
            .unwrap()
            .file_type()
            .is_symlink());
    }

    #[test]
    fn a_data_directory_that_is_a_link_is_followed() {
        let temp = pos_testkit::temp_dir("private-root-link");
        let real = temp.path().join("real");
        std::fs::create_dir(&real).unwrap();
        set_mode(&real, 0o755);
        let link = temp.path().join("data");
        std::os::unix::fs::symlink(&real, &link).unwrap();
        let repaired = secure_data_dir(&link).unwrap();
        assert_eq!(repaired.dirs, 1);
        assert_eq!(mode_of(&real), 0o700);
    }

    #[test]
    fn a_data_directory_path_that_is_a_file_is_an_error() {
        let temp = pos_testkit::temp_dir("private-not-dir");
        let path = temp.path().join("data");
        std::fs::write(&path, "x").unwrap();
        assert!(secure_data_dir(&path).is_err());
    }

    /// Set in the child process the next test starts.
    const CHILD: &str = "POS_APP_HARDEN_PROCESS_CHILD";

    /// Hardening changes the whole process (umask, core limit, dumpable): checked in a
    /// child process running this same test, so the other tests keep theirs.
    #[test]
    fn harden_process_sets_umask_no_core_dumps_and_not_dumpable() {
        if std::env::var_os(CHILD).is_none() {
            let child = std::process::Command::new(std::env::current_exe().unwrap())
                .args([
                    "--exact",
                    "private_files::tests::harden_process_sets_umask_no_core_dumps_and_not_dumpable",
                    "--test-threads=1",
                ])
                .env(CHILD, "1")
                .output()
                .unwrap();
            let out = String::from_utf8_lossy(&child.stdout);
            assert!(
                child.status.success() && out.contains("1 passed"),
                "the child test failed: {out}{}",
                String::from_utf8_lossy(&child.stderr)
            );
            return;
        }
        harden_process().unwrap();
        let previous = rustix::process::umask(rustix::fs::Mode::from_raw_mode(0o077));
        assert_eq!(previous.bits(), 0o077);
        let core = rustix::process::getrlimit(rustix::process::Resource::Core);
        assert_eq!((core.current, core.maximum), (Some(0), Some(0)));
        #[cfg(target_os = "linux")]
        assert_eq!(
            rustix::process::dumpable_behavior().unwrap(),
            rustix::process::DumpableBehavior::NotDumpable
        );
        // A new file is private without anyone asking.
        let temp = pos_testkit::temp_dir("private-harden");
        let file = temp.path().join("new");
        std::fs::write(&file, "x").unwrap();
        assert_eq!(mode_of(&file), 0o600);
    }
}
