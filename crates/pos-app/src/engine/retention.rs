//! Drafts past the retention period are purged at start and on a timer, so applicant data
//! never outstays the terminal's setting.

use std::time::Duration;

use chrono::{DateTime, SecondsFormat, Utc};
use pos_store::{AuditEvent, PurgeReport};

use super::Engine;
use crate::error::AppResult;

/// How long the audit log is kept (PCI DSS 10.5.1 asks for a year of audit history).
pub const AUDIT_KEPT_DAYS: i64 = 366;

/// How often drafts past the retention period are purged while the app runs.
pub const PURGE_EVERY: Duration = Duration::from_secs(60 * 60);

impl Engine {
    /// Purges the drafts not touched for the retention period (in-flight ones are kept),
    /// and writes a `purge` line in the audit log when any went.
    pub async fn purge_expired(&self) -> AppResult<PurgeReport> {
        self.purge_expired_as_of(Utc::now()).await
    }

    /// [`Engine::purge_expired`] as if it were `now`.
    pub async fn purge_expired_as_of(&self, now: DateTime<Utc>) -> AppResult<PurgeReport> {
        let days = self.state.lock().await.settings.retention_days;
        let cutoff = (now - chrono::Duration::days(i64::from(days)))
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let report = self.store.purge_drafts_before(&cutoff).await?;
        // The copies taken before a migration hold drafts too: same period.
        let backups = self
            .store
            .purge_backups_older_than(Duration::from_secs(u64::from(days) * 24 * 60 * 60))
            .await?;
        let audit_cutoff = (now - chrono::Duration::days(AUDIT_KEPT_DAYS))
            .to_rfc3339_opts(SecondsFormat::Millis, true);
        let audit_purged = self.store.purge_audit_before(&audit_cutoff).await?;
        if audit_purged > 0 {
            tracing::info!(audit_purged, "audit lines older than a year deleted");
        }
        if backups > 0 {
            tracing::info!(
                backups,
                "pre-migration copies past the retention period deleted"
            );
        }
        if report.purged > 0 {
            let detail = format!(
                "purged={} kept_in_flight={} retention_days={days}",
                report.purged, report.kept_in_flight
            );
            self.audit(AuditEvent::Purge, None, "ok", Some(&detail))
                .await?;
            tracing::info!(
                purged = report.purged,
                kept_in_flight = report.kept_in_flight,
                "drafts past the retention period purged"
            );
        }
        Ok(report)
    }
}
