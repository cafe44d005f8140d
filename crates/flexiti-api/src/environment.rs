//! Where the client talks to: the embedded sandbox (its URL given by the caller),
//! Flexiti's Training, Merchant Integration and Production hosts, or a custom URL.

use url::Url;

use crate::error::ApiError;

/// A Flexiti environment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Environment {
    /// The embedded emulator, at the URL it was started on.
    Sandbox { base_url: String },
    /// `https://posapi-training.flexiti.fi` (scrubbed daily).
    Training,
    /// `https://posapi-mi.flexiti.fi` (pre-release code, persistent).
    MerchantIntegration,
    /// `https://posapi.flexiti.fi`: real applications, real credit bureau.
    Production,
    /// Any other base URL (https, or http on a loopback address only).
    Custom { base_url: String },
}

impl Environment {
    /// The `{base}` of the contract's URLs, checked.
    pub fn base_url(&self) -> Result<Url, ApiError> {
        let text = match self {
            Environment::Sandbox { base_url } | Environment::Custom { base_url } => {
                base_url.as_str()
            }
            Environment::Training => "https://posapi-training.flexiti.fi",
            Environment::MerchantIntegration => "https://posapi-mi.flexiti.fi",
            Environment::Production => "https://posapi.flexiti.fi",
        };
        let invalid = || ApiError::InvalidConfig { what: "base_url" };
        let url = Url::parse(text).map_err(|_| invalid())?;
        let loopback = match url.host() {
            Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
            Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
            Some(url::Host::Domain(d)) => d == "localhost",
            None => false,
        };
        let secure = url.scheme() == "https" || (url.scheme() == "http" && loopback);
        // No user info at all: a password in the URL would go out as a second
        // `Authorization` header beside the bearer token.
        let userinfo = !url.username().is_empty() || url.password().is_some();
        if !secure || url.cannot_be_a_base() || url.query().is_some() || userinfo {
            return Err(invalid());
        }
        Ok(url)
    }

    /// A stable name, for settings and the UI.
    pub fn name(&self) -> &'static str {
        match self {
            Environment::Sandbox { .. } => "sandbox",
            Environment::Training => "training",
            Environment::MerchantIntegration => "merchant-integration",
            Environment::Production => "production",
            Environment::Custom { .. } => "custom",
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_url_with_any_user_info_is_refused() {
        for url in [
            "https://user@flexiti.example.com",
            "https://:secret@flexiti.example.com",
            "https://user:secret@flexiti.example.com",
            "http://:secret@127.0.0.1:8080",
        ] {
            let custom = Environment::Custom {
                base_url: url.into(),
            };
            assert!(custom.base_url().is_err(), "{url} accepted");
        }
        let plain = Environment::Custom {
            base_url: "https://flexiti.example.com".into(),
        };
        assert!(plain.base_url().is_ok());
    }

    #[test]
    fn flexiti_hosts_are_the_documented_ones() {
        assert_eq!(
            Environment::Training.base_url().unwrap().as_str(),
            "https://posapi-training.flexiti.fi/"
        );
        assert_eq!(
            Environment::MerchantIntegration
                .base_url()
                .unwrap()
                .host_str(),
            Some("posapi-mi.flexiti.fi")
        );
        assert_eq!(
            Environment::Production.base_url().unwrap().host_str(),
            Some("posapi.flexiti.fi")
        );
    }

    #[test]
    fn plain_http_only_on_loopback() {
        let custom = |u: &str| Environment::Custom { base_url: u.into() }.base_url();
        assert!(custom("http://127.0.0.1:8787").is_ok());
        assert!(custom("http://localhost:8787").is_ok());
        assert!(custom("https://flexiti.example.com").is_ok());
        assert!(custom("http://flexiti.example.com").is_err());
        assert!(custom("ftp://127.0.0.1").is_err());
        assert!(custom("not a url").is_err());
        assert!(custom("https://user:pw@flexiti.example.com").is_err());
    }
}
