//! The terminal's administrator: the passphrase that opens the settings once the terminal
//! has left Sandbox, throttled like a rep's sign-in, every opening audited, so nobody at
//! the counter can point the terminal (and its secret, and the reps' passwords) elsewhere.

use pos_store::{AuditEvent, Store};

use super::{throttle, Access, Engine};
use crate::dto::AppStatus;
use crate::error::{AppError, AppResult};
use crate::passphrase;
use crate::settings::SECRET_BINDING;

/// The setting that holds the passphrase's Argon2id hash (PHC string).
pub(super) const ADMIN_HASH: &str = "admin_hash";
/// The setting that records that the terminal was once saved with a non-Sandbox
/// environment: from then on its settings need the passphrase.
pub(super) const LEFT_SANDBOX: &str = "left_sandbox";

/// Whether the terminal ever left Sandbox.
pub(super) async fn left_sandbox(store: &Store) -> AppResult<bool> {
    Ok(store.setting(LEFT_SANDBOX).await?.as_deref() == Some("1"))
}

/// A terminal configured by a version without these guards is already out of Sandbox:
/// its settings need the passphrase from now on (none is set: IT provisions one, or the
/// terminal is reset), and its stored secret is taken as saved for its current settings.
pub(super) async fn adopt_settings_of_an_older_version(
    store: &Store,
    settings: &crate::settings::TerminalSettings,
) -> AppResult<()> {
    if store.setting(SECRET_BINDING).await?.is_none() {
        store
            .set_setting(SECRET_BINDING, &settings.environment_key())
            .await?;
    }
    if !left_sandbox(store).await? {
        store.set_setting(LEFT_SANDBOX, "1").await?;
    }
    Ok(())
}

impl Engine {
    /// The `admin_sign_in` command: opens the settings for [`super::ADMIN_WINDOW`] with the
    /// administrator's passphrase. Refused while a rep's session is locked, and locally
    /// (without checking) while too many failures are being waited out.
    pub async fn admin_sign_in(&self, passphrase: impl AsRef<str>) -> AppResult<AppStatus> {
        self.admit(Access::Open).await?;
        self.check_admin_passphrase(passphrase.as_ref(), AuditEvent::SettingsOpenFailed)
            .await?;
        self.audit(AuditEvent::SettingsOpened, None, "ok", None)
            .await?;
        let mut state = self.state.lock().await;
        state.gate.open_admin();
        Ok(self.status_view(&state))
    }

    /// Checks the administrator's passphrase, one check at a time and throttled like a
    /// rep's sign-in; a failure (or a refusal while throttled) is audited as `failed`.
    pub(super) async fn check_admin_passphrase(
        &self,
        passphrase: &str,
        failed: AuditEvent,
    ) -> AppResult<()> {
        let _one_check_at_a_time = self.credential_checks.lock().await;
        let subject = throttle::ADMIN_SUBJECT;
        if let Err(error) = self.throttle_check(&[subject]).await {
            self.audit(failed, None, error.code(), None).await?;
            return Err(error);
        }
        let stored = self.admin_hash().await?;
        let matches = match stored.as_deref() {
            Some(hash) => {
                let (typed, hash) = (passphrase.to_owned(), hash.to_owned());
                // Argon2id takes tens of milliseconds on purpose: off the runtime's workers.
                tokio::task::spawn_blocking(move || passphrase::verify(&typed, &hash))
                    .await
                    .unwrap_or(false)
            }
            None => false,
        };
        if !matches {
            self.throttle_failure(&[subject]).await?;
            self.audit(
                failed,
                None,
                AppError::AdminPassphraseWrong.code(),
                stored.is_none().then_some("no_passphrase_set"),
            )
            .await?;
            return Err(AppError::AdminPassphraseWrong);
        }
        self.throttle_success(&[subject]).await?;
        Ok(())
    }

    /// The `admin_sign_out` command: closes the settings.
    pub async fn admin_sign_out(&self) -> AppResult<AppStatus> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Always)?;
        state.gate.close_admin();
        Ok(self.status_view(&state))
    }

    /// The administrator's passphrase hash: the managed configuration's when it sets one,
    /// else the stored one.
    async fn admin_hash(&self) -> AppResult<Option<String>> {
        if let Some(hash) = self.managed.admin_hash() {
            return Ok(Some(hash.to_owned()));
        }
        Ok(self.store.setting(ADMIN_HASH).await?)
    }

    /// Stores a new passphrase's hash (the settings screen's "new passphrase"); refused
    /// when the managed configuration sets it.
    pub(super) async fn set_admin_passphrase(&self, new: &str) -> AppResult<()> {
        if self.managed.admin_hash().is_some() {
            return Err(AppError::ManagedSetting(crate::managed::ADMIN_HASH_KEY));
        }
        let new = new.to_owned();
        let hash = tokio::task::spawn_blocking(move || passphrase::hash(&new))
            .await
            .map_err(|_| AppError::Internal("hash task".into()))??;
        self.store.set_setting(ADMIN_HASH, &hash).await?;
        Ok(())
    }

    /// Whether an administrator's passphrase is set.
    pub(super) async fn admin_passphrase_set(&self) -> AppResult<bool> {
        Ok(self.admin_hash().await?.is_some())
    }
}
