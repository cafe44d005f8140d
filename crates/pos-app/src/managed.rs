//! The managed configuration: an optional TOML file IT installs on a store terminal
//! (`/etc/flexiti-pos/terminal.toml`) whose settings override the stored ones and are
//! read-only in the settings screen. Every key is optional; an unknown key, a bad value
//! (the settings screen's rules), a syntax error, a client secret in the file or loose
//! permissions stop the app: the file is applied whole or not at all.
//!
//! ```toml
//! environment = "production"        # sandbox, training, merchant-integration, production, custom
//! custom_url = "https://…"          # with environment = "custom" only
//! client_id = "merchant-1"
//! store_id = "00-12345"
//! terminal_id = "T-02"
//! store_province = "QC"             # a Canada Post code, "" for none
//! store_lang = "fr"                 # fr or en
//! idle_lock_minutes = 10            # 1 to 15
//! retention_days = 7                # 1 to 30
//! kiosk = true                      # full screen, no window frame
//! admin_passphrase_hash = "$argon2id$v=19$m=19456,t=2,p=1$…"
//! ```

use std::path::Path;

use crate::dto::{EnvironmentKind, Lang};
use crate::error::{AppError, AppResult};
use crate::settings::TerminalSettings;

/// Where the app looks for the file on a store terminal.
pub const DEFAULT_PATH: &str = "/etc/flexiti-pos/terminal.toml";

/// Every key the file may set, in the order the README lists them.
pub const KEYS: [&str; 11] = [
    "environment",
    "custom_url",
    "client_id",
    "store_id",
    "terminal_id",
    "store_province",
    "store_lang",
    "idle_lock_minutes",
    "retention_days",
    "kiosk",
    "admin_passphrase_hash",
];

/// The administrator's passphrase hash key (not a field of [`TerminalSettings`]).
pub const ADMIN_HASH_KEY: &str = "admin_passphrase_hash";

/// Why the file was refused (the `reason` argument of `managed_config_invalid`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    /// The file is not TOML.
    Syntax,
    /// A key the app does not know (or a section).
    UnknownKey,
    /// A value of the wrong type or outside the settings screen's rules.
    BadValue,
    /// A secret or password: it comes from the keyring, the environment or its own file.
    Secret,
    /// Writable by group or others, or owned by someone other than root or the app's user.
    Permissions,
    /// The file exists but cannot be read.
    Unreadable,
}

impl Reason {
    pub fn code(self) -> &'static str {
        match self {
            Reason::Syntax => "syntax",
            Reason::UnknownKey => "unknown-key",
            Reason::BadValue => "bad-value",
            Reason::Secret => "secret",
            Reason::Permissions => "permissions",
            Reason::Unreadable => "unreadable",
        }
    }
}

/// A refused file: the line (1-based, 0 when it is about the whole file), the reason and
/// the key concerned (empty when none).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invalid {
    pub line: usize,
    pub reason: Reason,
    pub key: String,
}

impl From<Invalid> for AppError {
    fn from(invalid: Invalid) -> Self {
        AppError::ManagedConfigInvalid {
            line: invalid.line,
            reason: invalid.reason.code(),
            key: invalid.key,
        }
    }
}

/// What the file sets: the keys present and their values, checked.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Managed {
    /// The keys the file sets.
    keys: Vec<&'static str>,
    /// The file's values over the first-run settings, checked as the settings screen does.
    values: TerminalSettings,
    admin_hash: Option<String>,
}

/// The line (1-based) where `key` is set, else 0.
fn line_of(text: &str, key: &str) -> usize {
    text.lines()
        .position(|line| {
            let line = line.trim_start();
            let line = line
                .strip_prefix(key)
                .or_else(|| line.strip_prefix(&format!("\"{key}\"")));
            line.is_some_and(|rest| rest.trim_start().starts_with('='))
        })
        .map_or(0, |i| i + 1)
}

fn line_at(text: &str, offset: usize) -> usize {
    text.get(..offset)
        .map_or(0, |before| before.matches('\n').count())
        + 1
}

/// Whether a key names a secret (never in this file).
fn is_secret(key: &str) -> bool {
    let key = key.to_ascii_lowercase();
    ["secret", "password", "token"]
        .iter()
        .any(|w| key.contains(w))
        || (key.contains("passphrase") && key != ADMIN_HASH_KEY)
}

/// Whether `hash` is an Argon2id PHC string with a salt and a hash.
fn is_argon2id(hash: &str) -> bool {
    argon2::PasswordHash::new(hash)
        .is_ok_and(|h| h.algorithm.as_str() == "argon2id" && h.salt.is_some() && h.hash.is_some())
}

impl Managed {
    /// Reads the file at `path`: `None` when there is none.
    pub fn load(path: &Path) -> Result<Option<Managed>, Invalid> {
        let whole = |reason| Invalid {
            line: 0,
            reason,
            key: String::new(),
        };
        let meta = match std::fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(_) => return Err(whole(Reason::Unreadable)),
        };
        check_permissions(&meta).map_err(|()| whole(Reason::Permissions))?;
        let text = std::fs::read_to_string(path).map_err(|_| whole(Reason::Unreadable))?;
        Managed::parse(&text).map(Some)
    }

    /// Checks the file's text: every key known, every value as the settings screen
    /// accepts it, no secret.
    pub fn parse(text: &str) -> Result<Managed, Invalid> {
        let table: toml::Table = text.parse().map_err(|e: toml::de::Error| Invalid {
            line: e.span().map_or(0, |span| line_at(text, span.start)),
            reason: Reason::Syntax,
            key: String::new(),
        })?;
        let mut values = TerminalSettings::default();
        let mut keys = Vec::new();
        let mut admin_hash = None;
        for (key, value) in &table {
            let line = line_of(text, key);
            let fail = |reason| Invalid {
                line,
                reason,
                key: key.clone(),
            };
            if is_secret(key) {
                return Err(fail(Reason::Secret));
            }
            let Some(known) = KEYS.iter().copied().find(|k| k == key) else {
                return Err(fail(Reason::UnknownKey));
            };
            let bad = || fail(Reason::BadValue);
            let text_value = || value.as_str().map(str::to_owned).ok_or_else(bad);
            let number = || {
                value
                    .as_integer()
                    .and_then(|n| u32::try_from(n).ok())
                    .ok_or_else(bad)
            };
            match known {
                "environment" => {
                    values.environment = EnvironmentKind::parse(&text_value()?).ok_or_else(bad)?;
                }
                "custom_url" => values.custom_url = Some(text_value()?),
                "client_id" => values.client_id = text_value()?,
                "store_id" => values.store_id = text_value()?,
                "terminal_id" => values.terminal_id = text_value()?,
                "store_province" => values.store_province = Some(text_value()?),
                "store_lang" => values.store_lang = Lang::parse(&text_value()?).ok_or_else(bad)?,
                "idle_lock_minutes" => values.idle_lock_minutes = number()?,
                "retention_days" => values.retention_days = number()?,
                "kiosk" => values.kiosk = value.as_bool().ok_or_else(bad)?,
                _ => {
                    let hash = text_value()?;
                    if !is_argon2id(&hash) {
                        return Err(bad());
                    }
                    admin_hash = Some(hash);
                }
            }
            keys.push(known);
        }
        // The settings screen's rules, on the file's values over the first-run settings.
        let values = TerminalSettings::from_input(&values.to_input()).map_err(|e| {
            let key = match e {
                AppError::InvalidSettings(name) => name,
                _ => "environment",
            };
            let line = match line_of(text, key) {
                // A custom environment without its URL: the environment's line.
                0 => line_of(text, "environment"),
                line => line,
            };
            Invalid {
                line,
                reason: Reason::BadValue,
                key: key.to_owned(),
            }
        })?;
        keys.sort_by_key(|k| KEYS.iter().position(|known| known == k));
        Ok(Managed {
            keys,
            values,
            admin_hash,
        })
    }

    /// The setting names the file sets.
    pub fn names(&self) -> Vec<String> {
        self.keys.iter().map(|k| (*k).to_owned()).collect()
    }

    pub fn sets(&self, key: &str) -> bool {
        self.keys.contains(&key)
    }

    /// The administrator's passphrase hash the file sets.
    pub fn admin_hash(&self) -> Option<&str> {
        self.admin_hash.as_deref()
    }

    /// The environment the file sets.
    pub fn environment(&self) -> Option<EnvironmentKind> {
        self.sets("environment").then_some(self.values.environment)
    }

    /// The stored settings with the file's values over them.
    pub fn apply(&self, settings: &mut TerminalSettings) {
        for key in &self.keys {
            self.apply_one(key, settings);
        }
    }

    fn apply_one(&self, key: &str, settings: &mut TerminalSettings) {
        let v = &self.values;
        match key {
            "environment" => settings.environment = v.environment,
            "custom_url" => settings.custom_url.clone_from(&v.custom_url),
            "client_id" => settings.client_id.clone_from(&v.client_id),
            "store_id" => settings.store_id.clone_from(&v.store_id),
            "terminal_id" => settings.terminal_id.clone_from(&v.terminal_id),
            "store_province" => settings.store_province.clone_from(&v.store_province),
            "store_lang" => settings.store_lang = v.store_lang,
            "idle_lock_minutes" => settings.idle_lock_minutes = v.idle_lock_minutes,
            "retention_days" => settings.retention_days = v.retention_days,
            "kiosk" => settings.kiosk = v.kiosk,
            _ => {}
        }
    }

    /// Refuses settings that change what the file sets (`managed_setting`).
    pub fn check(&self, new: &TerminalSettings) -> AppResult<()> {
        for key in self.keys.iter().copied() {
            // A custom URL matters only in the custom environment.
            if key == "custom_url" && new.environment != EnvironmentKind::Custom {
                continue;
            }
            let mut expected = new.clone();
            self.apply_one(key, &mut expected);
            if expected != *new {
                return Err(AppError::ManagedSetting(key));
            }
        }
        Ok(())
    }
}

/// Refuses a file others could have written: writable by group or others, or owned by
/// someone other than root or the app's user.
#[cfg(unix)]
fn check_permissions(meta: &std::fs::Metadata) -> Result<(), ()> {
    use std::os::unix::fs::MetadataExt;
    let owner = meta.uid();
    let me = rustix::process::geteuid().as_raw();
    if meta.mode() & 0o022 != 0 || (owner != 0 && owner != me) {
        return Err(());
    }
    Ok(())
}

#[cfg(not(unix))]
fn check_permissions(_meta: &std::fs::Metadata) -> Result<(), ()> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_syntax_error_names_its_line() {
        let err = Managed::parse("client_id = \"a\"\nstore_id = \n").unwrap_err();
        assert_eq!(err.reason, Reason::Syntax);
        assert_eq!(err.line, 2);
    }

    #[test]
    fn secrets_and_unknown_keys_are_refused_at_their_line() {
        let err = Managed::parse("client_id = \"a\"\nclient_secret = \"s\"\n").unwrap_err();
        assert_eq!((err.reason, err.line), (Reason::Secret, 2));
        let err = Managed::parse("\n\ncolour = \"red\"\n").unwrap_err();
        assert_eq!(
            (err.reason, err.line, err.key.as_str()),
            (Reason::UnknownKey, 3, "colour")
        );
    }

    #[test]
    fn custom_needs_its_url() {
        let err = Managed::parse("environment = \"custom\"\n").unwrap_err();
        assert_eq!((err.reason, err.line), (Reason::BadValue, 1));
        assert!(Managed::parse(
            "environment = \"custom\"\ncustom_url = \"https://f.example.com\"\n"
        )
        .is_ok());
    }
}
