//! Checks on arguments before they reach SQL, so a caller's mistake is an `invalid_input`
//! error with a name rather than a CHECK-constraint failure or a row the app can't read back.

use serde::de::IgnoredAny;

use crate::{DraftScope, StoreError};

/// The languages the app and the server speak.
pub(crate) fn lang(lang: &str) -> Result<(), StoreError> {
    match lang {
        "en" | "fr" => Ok(()),
        _ => Err(StoreError::InvalidInput {
            what: "lang",
            reason: "must be \"en\" or \"fr\"",
        }),
    }
}

pub(crate) fn non_empty(what: &'static str, value: &str) -> Result<(), StoreError> {
    if value.trim().is_empty() {
        return Err(StoreError::InvalidInput {
            what,
            reason: "must not be empty",
        });
    }
    Ok(())
}

/// Well-formed JSON (any value); the store does not look inside.
pub(crate) fn json(what: &'static str, text: &str) -> Result<(), StoreError> {
    serde_json::from_str::<IgnoredAny>(text)
        .map(|_| ())
        .map_err(|_| StoreError::InvalidInput {
            what,
            reason: "must be well-formed JSON",
        })
}

/// A scope names both an environment and a merchant.
pub(crate) fn scope(scope: &DraftScope) -> Result<(), StoreError> {
    non_empty("environment_key", &scope.environment_key)?;
    non_empty("merchant_id", &scope.merchant_id)
}
