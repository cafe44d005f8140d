//! The kinds of Flexiti a terminal can talk to, one type for the engine, its settings and
//! the web UI.

use serde::{Deserialize, Serialize};

/// Which Flexiti a terminal talks to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum EnvironmentKind {
    /// The emulator embedded in the app (demo credentials, no account needed).
    Sandbox,
    Training,
    MerchantIntegration,
    Production,
    /// A URL typed in the settings.
    Custom,
}

impl EnvironmentKind {
    pub const ALL: [EnvironmentKind; 5] = [
        EnvironmentKind::Sandbox,
        EnvironmentKind::Training,
        EnvironmentKind::MerchantIntegration,
        EnvironmentKind::Production,
        EnvironmentKind::Custom,
    ];

    /// The name stored in settings and written in the audit log (the serde name).
    pub fn code(self) -> &'static str {
        match self {
            EnvironmentKind::Sandbox => "sandbox",
            EnvironmentKind::Training => "training",
            EnvironmentKind::MerchantIntegration => "merchant-integration",
            EnvironmentKind::Production => "production",
            EnvironmentKind::Custom => "custom",
        }
    }

    /// The kind named `code`.
    pub fn parse(code: &str) -> Option<EnvironmentKind> {
        EnvironmentKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serialised_in_kebab_case() {
        let env = serde_json::to_string(&EnvironmentKind::MerchantIntegration).unwrap_or_default();
        assert_eq!(env, "\"merchant-integration\"");
    }
}
