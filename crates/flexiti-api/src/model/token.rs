//! `POST /oauth/token`: the answer of a grant.

use serde::Deserialize;

use crate::lenient::u64_lenient;
use crate::secret::Secret;

/// The scope of a token.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Scope {
    /// In-store use: allowed on every endpoint.
    #[default]
    Merchant,
    /// Customer-facing endpoints only.
    Customer,
}

impl Scope {
    pub fn as_str(self) -> &'static str {
        match self {
            Scope::Merchant => "merchant",
            Scope::Customer => "customer",
        }
    }
}

/// A token answer; `Debug` shows no token.
#[derive(Debug, Clone, Deserialize)]
pub struct TokenResponse {
    #[serde(default)]
    pub token_type: Option<String>,
    pub access_token: Secret,
    #[serde(deserialize_with = "u64_lenient")]
    pub expires_in: u64,
    #[serde(default)]
    pub refresh_token: Option<Secret>,
    #[serde(default)]
    pub scope: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_answers_parse_and_debug_hides_tokens() {
        let old = r#"{"token_type":"bearer","access_token":"3d8f373a9a2b1e61baf5abb69930ff4f0e08cdb0","expires_in":1200,"refresh_token":"36e0fc3d7415185f4b1d71512c459fd6eaa13aa8"}"#;
        let token: TokenResponse = serde_json::from_str(old).unwrap();
        assert_eq!(token.expires_in, 1200);
        let shown = format!("{token:?}");
        assert!(
            !shown.contains("3d8f373a") && !shown.contains("36e0fc3d"),
            "{shown}"
        );
        let online: TokenResponse = serde_json::from_str(r#"{"token_type":"Bearer","access_token":"x","expires_in":"1199","scope":"merchant","extra":1}"#).unwrap();
        assert_eq!(online.expires_in, 1199);
        assert!(
            serde_json::from_str::<TokenResponse>(r#"{"access_token":"x","expires_in":-5}"#)
                .is_err()
        );
    }
}
