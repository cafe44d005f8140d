//! The terminal's settings (environment, client id, store, terminal, idle lock, how long
//! drafts are kept), kept in
//! SQLite. Not secret: the client secret lives in [`crate::secrets`].

use crate::dto::{EnvironmentKind, Lang, SettingsInput};
use crate::error::{AppError, AppResult};

/// The longest idle lock allowed (PCI DSS 8.2.8: 15 minutes).
pub const MAX_IDLE_LOCK_MINUTES: u32 = 15;

/// How long an untouched draft is kept: 7 days unless the merchant sets 1 to 30.
pub const DEFAULT_RETENTION_DAYS: u32 = 7;
pub const MAX_RETENTION_DAYS: u32 = 30;

/// The setting that records which environment the stored client secret was saved for
/// (its [`TerminalSettings::environment_key`]): the secret serves those settings only.
/// (Its name avoids the words the store refuses in a setting's key, such as "secret".)
pub const SECRET_BINDING: &str = "credential_bound_to";

/// The provinces and territories a store can be in (Canada Post codes).
pub const PROVINCES: [&str; 13] = [
    "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
];

/// The store's language when none was chosen: French in Quebec, English elsewhere.
pub fn language_of_province(province: Option<&str>) -> Lang {
    if province == Some("QC") {
        Lang::Fr
    } else {
        Lang::En
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TerminalSettings {
    pub environment: EnvironmentKind,
    pub custom_url: Option<String>,
    pub client_id: String,
    pub store_id: String,
    pub terminal_id: String,
    pub idle_lock_minutes: u32,
    pub retention_days: u32,
    /// Where the store is (a province or territory code), when set.
    pub store_province: Option<String>,
    /// The store's language: the sign-in screen's, the one sign-out returns to, and a new
    /// applicant's until changed on purpose.
    pub store_lang: Lang,
    /// Kiosk mode: the window opens full screen without its frame (at the next start).
    pub kiosk: bool,
}

impl Default for TerminalSettings {
    /// First run: the embedded sandbox with the demo client and store.
    fn default() -> Self {
        TerminalSettings {
            environment: EnvironmentKind::Sandbox,
            custom_url: None,
            client_id: flexiti_sandbox::CLIENT_ID.to_owned(),
            store_id: flexiti_sandbox::STORES[0].to_owned(),
            terminal_id: "T-01".to_owned(),
            idle_lock_minutes: 10,
            retention_days: DEFAULT_RETENTION_DAYS,
            store_province: None,
            store_lang: Lang::En,
            kiosk: false,
        }
    }
}

fn clean(text: &str, max: usize, what: &'static str) -> AppResult<String> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > max || text.chars().any(char::is_control) {
        return Err(AppError::InvalidSettings(what));
    }
    Ok(text.to_owned())
}

impl TerminalSettings {
    /// Which Flexiti this terminal talks to: environment, base URL (custom only) and
    /// client id. Drafts are bound to it (with the merchant), and so is the stored secret.
    pub fn environment_key(&self) -> String {
        format!(
            "{}|{}|{}",
            self.environment.code(),
            self.custom_url.as_deref().unwrap_or_default(),
            self.client_id
        )
    }

    /// Checks the settings screen's input (the secret is handled apart).
    pub fn from_input(input: &SettingsInput) -> AppResult<Self> {
        let custom_url = match input.environment {
            EnvironmentKind::Custom => {
                let url = clean(
                    input.custom_url.as_deref().unwrap_or_default(),
                    500,
                    "custom_url",
                )?;
                flexiti_api::Environment::Custom {
                    base_url: url.clone(),
                }
                .base_url()
                .map_err(|_| AppError::InvalidSettings("custom_url"))?;
                Some(url)
            }
            _ => None,
        };
        if !(1..=MAX_IDLE_LOCK_MINUTES).contains(&input.idle_lock_minutes) {
            return Err(AppError::InvalidSettings("idle_lock_minutes"));
        }
        if !(1..=MAX_RETENTION_DAYS).contains(&input.retention_days) {
            return Err(AppError::InvalidSettings("retention_days"));
        }
        let store_province = match input.store_province.as_deref().map(str::trim) {
            None | Some("") => None,
            Some(code) if PROVINCES.contains(&code) => Some(code.to_owned()),
            Some(_) => return Err(AppError::InvalidSettings("store_province")),
        };
        Ok(TerminalSettings {
            store_province,
            store_lang: input.store_lang,
            environment: input.environment,
            custom_url,
            client_id: clean(&input.client_id, 100, "client_id")?,
            store_id: clean(&input.store_id, 50, "store_id")?,
            terminal_id: clean(&input.terminal_id, 50, "terminal_id")?,
            idle_lock_minutes: input.idle_lock_minutes,
            retention_days: input.retention_days,
            kiosk: input.kiosk,
        })
    }

    /// These settings as the settings screen would send them (no secret, no passphrase).
    pub fn to_input(&self) -> SettingsInput {
        SettingsInput {
            environment: self.environment,
            custom_url: self.custom_url.clone(),
            client_id: self.client_id.clone(),
            client_secret: None,
            store_id: self.store_id.clone(),
            terminal_id: self.terminal_id.clone(),
            idle_lock_minutes: self.idle_lock_minutes,
            retention_days: self.retention_days,
            store_province: self.store_province.clone(),
            store_lang: self.store_lang,
            kiosk: self.kiosk,
            new_admin_passphrase: None,
        }
    }

    pub async fn load(store: &pos_store::Store) -> AppResult<Self> {
        let mut settings = TerminalSettings::default();
        if let Some(env) = store
            .setting("environment")
            .await?
            .as_deref()
            .and_then(EnvironmentKind::parse)
        {
            settings.environment = env;
        }
        settings.custom_url = store.setting("custom_url").await?.filter(|u| !u.is_empty());
        if let Some(v) = store.setting("client_id").await? {
            settings.client_id = v;
        }
        if let Some(v) = store.setting("store_id").await? {
            settings.store_id = v;
        }
        if let Some(v) = store.setting("terminal_id").await? {
            settings.terminal_id = v;
        }
        if let Some(v) = store
            .setting("idle_lock_minutes")
            .await?
            .and_then(|v| v.parse().ok())
        {
            settings.idle_lock_minutes = u32::min(v, MAX_IDLE_LOCK_MINUTES).max(1);
        }
        settings.store_province = store
            .setting("store_province")
            .await?
            .filter(|p| PROVINCES.contains(&p.as_str()));
        settings.store_lang = match store.setting("store_lang").await?.as_deref() {
            Some(code) => Lang::parse(code).unwrap_or(Lang::En),
            None => language_of_province(settings.store_province.as_deref()),
        };
        if let Some(v) = store
            .setting("retention_days")
            .await?
            .and_then(|v| v.parse().ok())
        {
            settings.retention_days = u32::min(v, MAX_RETENTION_DAYS).max(1);
        }
        settings.kiosk = store.setting("kiosk").await?.as_deref() == Some("1");
        Ok(settings)
    }

    /// Stores the settings, except those named in `managed` (the managed configuration
    /// file's: the stored values stay what they were, for the day the file goes).
    pub async fn save(&self, store: &pos_store::Store, managed: &[String]) -> AppResult<()> {
        let idle = self.idle_lock_minutes.to_string();
        let retention = self.retention_days.to_string();
        let values: [(&str, &str); 10] = [
            (
                "store_province",
                self.store_province.as_deref().unwrap_or_default(),
            ),
            ("store_lang", self.store_lang.code()),
            ("environment", self.environment.code()),
            ("custom_url", self.custom_url.as_deref().unwrap_or_default()),
            ("client_id", &self.client_id),
            ("store_id", &self.store_id),
            ("terminal_id", &self.terminal_id),
            ("idle_lock_minutes", &idle),
            ("retention_days", &retention),
            ("kiosk", if self.kiosk { "1" } else { "0" }),
        ];
        for (key, value) in values {
            if !managed.iter().any(|m| m == key) {
                store.set_setting(key, value).await?;
            }
        }
        Ok(())
    }

    /// The client's environment; the sandbox needs the URL of the running emulator.
    pub fn api_environment(
        &self,
        sandbox_url: Option<&str>,
    ) -> AppResult<flexiti_api::Environment> {
        use flexiti_api::Environment;
        Ok(match self.environment {
            EnvironmentKind::Sandbox => Environment::Sandbox {
                base_url: sandbox_url
                    .ok_or(AppError::Internal("sandbox not running".into()))?
                    .to_owned(),
            },
            EnvironmentKind::Training => Environment::Training,
            EnvironmentKind::MerchantIntegration => Environment::MerchantIntegration,
            EnvironmentKind::Production => Environment::Production,
            EnvironmentKind::Custom => Environment::Custom {
                base_url: self.custom_url.clone().unwrap_or_default(),
            },
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input() -> SettingsInput {
        SettingsInput {
            environment: EnvironmentKind::Training,
            custom_url: None,
            client_id: " merchant-1 ".into(),
            client_secret: None,
            store_id: "00-12345".into(),
            terminal_id: "T-02".into(),
            idle_lock_minutes: 10,
            retention_days: DEFAULT_RETENTION_DAYS,
            new_admin_passphrase: None,
            store_province: Some("QC".into()),
            store_lang: Lang::Fr,
            kiosk: false,
        }
    }

    #[test]
    fn idle_lock_is_one_to_fifteen_minutes() {
        let mut bad = input();
        bad.idle_lock_minutes = 16;
        assert!(TerminalSettings::from_input(&bad).is_err());
        bad.idle_lock_minutes = 0;
        assert!(TerminalSettings::from_input(&bad).is_err());
        assert_eq!(
            TerminalSettings::from_input(&input()).unwrap().client_id,
            "merchant-1"
        );
    }

    #[test]
    fn the_store_province_is_a_canadian_code_and_quebec_speaks_french_by_default() {
        let mut bad = input();
        bad.store_province = Some("XX".into());
        assert!(TerminalSettings::from_input(&bad).is_err());
        bad.store_province = Some(String::new());
        assert_eq!(
            TerminalSettings::from_input(&bad).unwrap().store_province,
            None
        );
        assert_eq!(language_of_province(Some("QC")), Lang::Fr);
        assert_eq!(language_of_province(Some("ON")), Lang::En);
        assert_eq!(language_of_province(None), Lang::En);
    }

    #[test]
    fn retention_is_one_to_thirty_days() {
        for (days, ok) in [(0, false), (1, true), (7, true), (30, true), (31, false)] {
            let mut input = input();
            input.retention_days = days;
            assert_eq!(TerminalSettings::from_input(&input).is_ok(), ok, "{days}");
        }
    }

    #[test]
    fn custom_url_must_be_https_or_loopback() {
        let mut custom = input();
        custom.environment = EnvironmentKind::Custom;
        custom.custom_url = Some("http://flexiti.example.com".into());
        assert!(TerminalSettings::from_input(&custom).is_err());
        custom.custom_url = Some("https://flexiti.example.com".into());
        assert!(TerminalSettings::from_input(&custom).is_ok());
    }
}
