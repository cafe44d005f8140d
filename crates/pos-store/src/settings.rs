//! Non-secret settings (environment, store, terminal id, idle timeout...) as key/value text.
//! Secrets never belong here: they live in the OS keyring; a key that names one is refused,
//! as a tripwire against a slip, not as a guarantee.

use crate::clock::now;
use crate::{validate, Store, StoreError};

/// Words that mark a key as a secret's.
const SECRET_WORDS: [&str; 4] = ["secret", "password", "token", "api_key"];

impl Store {
    /// The value of setting `key`, if set.
    pub async fn setting(&self, key: &str) -> Result<Option<String>, StoreError> {
        // `_`: read with sqlx's run-time type check, as before the macros (a value of another
        // type is an error, not converted).
        let value = sqlx::query_scalar!(
            r#"SELECT value AS "value: _" FROM settings WHERE key = ?1"#,
            key
        )
        .fetch_optional(&self.pool)
        .await?;
        Ok(value)
    }

    /// Sets (or replaces) setting `key`.
    pub async fn set_setting(&self, key: &str, value: &str) -> Result<(), StoreError> {
        validate::non_empty("key", key)?;
        let lower = key.to_ascii_lowercase();
        if SECRET_WORDS.iter().any(|word| lower.contains(word)) {
            return Err(StoreError::InvalidInput {
                what: "key",
                reason: "secrets are kept in the OS keyring, never in the store",
            });
        }
        let updated_at = now();
        sqlx::query!(
            "INSERT INTO settings (key, value, updated_at) VALUES (?1, ?2, ?3) \
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, \
             updated_at = excluded.updated_at",
            key,
            value,
            updated_at,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }
}
