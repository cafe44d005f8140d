//! The terminal administrator's passphrase, kept only as an Argon2id hash (PHC string) so
//! a copied database does not give it away, and checked in constant time by the library.

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;

use crate::error::{AppError, AppResult};

/// The shortest passphrase accepted.
pub const MIN_CHARS: usize = 12;
/// The longest (hashing cost grows with the input; nobody types more).
const MAX_CHARS: usize = 256;

/// Hashes a new passphrase (Argon2id, the library's defaults: 19 MiB, 2 passes, a random
/// 16-byte salt). Refuses one shorter than [`MIN_CHARS`].
pub fn hash(passphrase: &str) -> AppResult<String> {
    let chars = passphrase.chars().count();
    if chars < MIN_CHARS {
        return Err(AppError::AdminPassphraseTooShort);
    }
    if chars > MAX_CHARS {
        return Err(AppError::InvalidSettings("new_admin_passphrase"));
    }
    let mut salt = [0u8; 16];
    getrandom::fill(&mut salt).map_err(|_| AppError::Internal("random salt".into()))?;
    let salt = SaltString::encode_b64(&salt).map_err(|_| AppError::Internal("salt".into()))?;
    Argon2::default()
        .hash_password(passphrase.as_bytes(), &salt)
        .map(|hash| hash.to_string())
        .map_err(|_| AppError::Internal("hash the passphrase".into()))
}

/// Whether `passphrase` matches the stored hash (an unreadable hash matches nothing).
pub fn verify(passphrase: &str, stored: &str) -> bool {
    if passphrase.chars().count() > MAX_CHARS {
        return false;
    }
    PasswordHash::new(stored)
        .map(|hash| {
            Argon2::default()
                .verify_password(passphrase.as_bytes(), &hash)
                .is_ok()
        })
        .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hash_is_argon2id_salted_and_verifies_only_its_passphrase() {
        let first = hash("correct horse battery").unwrap();
        let second = hash("correct horse battery").unwrap();
        assert!(
            first.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{first}"
        );
        assert_ne!(first, second, "a fresh salt each time");
        assert!(verify("correct horse battery", &first));
        assert!(!verify("correct horse batterY", &first));
        assert!(!verify("", &first));
        assert!(!verify("correct horse battery", "not a hash"));
        assert!(!first.contains("correct"), "the hash holds no passphrase");
    }

    #[test]
    fn a_short_passphrase_is_refused() {
        assert_eq!(
            hash("elevenchars").unwrap_err().code(),
            "admin_passphrase_too_short"
        );
        assert!(hash("twelve chars").is_ok());
    }
}
