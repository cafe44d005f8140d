//! The support bundle (see [`crate::support_bundle`]): the `support_bundle` command for the
//! administrator, and the same bundle for the command line.

use chrono::Utc;
use serde_json::json;

use super::Engine;
use crate::dto::SupportBundle;
use crate::error::{AppError, AppResult};
use crate::support_bundle::{self, BundleFacts};

/// As many audit lines as the bundle reads back before keeping the last days' (a year of
/// a busy terminal's events is far below it).
const AUDIT_READ_LIMIT: u32 = 200_000;

impl Engine {
    /// The `support_bundle` command: writes the bundle into the data directory's
    /// `support/` folder and says where. Needs the administrator (its settings part is
    /// exactly what the settings screen shows, which never holds the secret).
    pub async fn support_bundle(&self) -> AppResult<SupportBundle> {
        let settings = self.get_settings().await?;
        let environment = settings.environment.code().to_owned();
        let settings = json!({
            "settings": settings,
            "client_secret_kept_in": settings.secret_source,
            "data_key_kept_in": settings.data_key_source,
            "data_directory": self.data_dir.display().to_string(),
        });
        self.write_support_bundle(environment, settings).await
    }

    /// The same bundle for `flexiti-pos --support-bundle`, run by the app's own user on
    /// the terminal (who can read the data directory anyway): no gate. Its settings part
    /// is the terminal's settings without the unresolved-draft list.
    pub async fn support_bundle_for_command_line(&self) -> AppResult<SupportBundle> {
        let (s, secret_source) = {
            let state = self.state.lock().await;
            (state.settings.clone(), state.secret_source)
        };
        let settings = json!({
            "settings": {
                "environment": s.environment,
                "custom_url": s.custom_url,
                "client_id": s.client_id,
                "store_id": s.store_id,
                "terminal_id": s.terminal_id,
                "idle_lock_minutes": s.idle_lock_minutes,
                "retention_days": s.retention_days,
                "store_province": s.store_province,
                "store_lang": s.store_lang,
            },
            "client_secret_kept_in": secret_source,
            "data_key_kept_in": self.data_key_source,
            "data_directory": self.data_dir.display().to_string(),
        });
        self.write_support_bundle(s.environment.code().to_owned(), settings)
            .await
    }

    async fn write_support_bundle(
        &self,
        environment: String,
        settings: serde_json::Value,
    ) -> AppResult<SupportBundle> {
        let now = Utc::now();
        let cutoff = support_bundle::audit_cutoff(now);
        let mut audit_lines: Vec<String> = self
            .store
            .audit_log(AUDIT_READ_LIMIT)
            .await?
            .iter()
            .filter(|r| r.at >= cutoff)
            .map(support_bundle::audit_line)
            .collect();
        audit_lines.reverse();
        let integrity = match self.store.integrity_problems().await {
            Ok(problems) if problems.is_empty() => "integrity_check: ok\n".to_owned(),
            Ok(problems) => format!("integrity_check: problems\n{}\n", problems.join("\n")),
            Err(error) => format!("integrity_check: could not run ({})\n", error.code()),
        };
        let integrity = match self.store.diagnostics().await {
            Ok(d) => format!(
                "{integrity}journal_mode: {}\nsynchronous: {}\nforeign_keys: {}\n\
                 secure_delete: {}\nschema_version: {:?}\n",
                d.journal_mode, d.synchronous, d.foreign_keys, d.secure_delete, d.schema_version
            ),
            Err(_) => integrity,
        };
        let drafts = self
            .store
            .draft_counts()
            .await?
            .into_iter()
            .map(|(status, count)| format!("{status}: {count}\n"))
            .collect::<String>();
        let drafts = if drafts.is_empty() {
            "no drafts\n".to_owned()
        } else {
            drafts
        };
        let facts = BundleFacts {
            environment,
            settings,
            audit_lines,
            integrity,
            drafts,
        };
        let data_dir = self.data_dir.clone();
        let (path, entries) =
            tokio::task::spawn_blocking(move || support_bundle::write(&data_dir, &facts, now))
                .await
                .map_err(|_| AppError::Internal("support bundle".into()))?
                .map_err(|_| AppError::Internal("support bundle".into()))?;
        tracing::info!(entries = entries.len(), "support bundle written");
        Ok(SupportBundle {
            path: path.display().to_string(),
            entries,
        })
    }
}
