//! The audit log: sign in (and failures), sign out, lock, unlock, settings changed,
//! submit, decision and purge, each with rep, terminal, time and outcome. It never holds
//! applicant data: `detail` is for codes and draft ids only.

use serde::Serialize;

use crate::clock::now;
use crate::row::{RowKey, Stored};
use crate::{validate, Store, StoreError};

/// Declares [`AuditEvent`] with its stored name, `ALL` and the name lookups from one table
/// (the names are also listed in the table's CHECK, in `migrations/`).
macro_rules! audit_events {
    ($($(#[$doc:meta])* $variant:ident = $name:literal,)*) => {
        /// What happened.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
        #[serde(rename_all = "snake_case")]
        pub enum AuditEvent {
            $($(#[$doc])* $variant,)*
        }

        impl AuditEvent {
            pub const ALL: &'static [AuditEvent] = &[$(AuditEvent::$variant,)*];

            pub fn as_str(self) -> &'static str {
                match self {
                    $(AuditEvent::$variant => $name,)*
                }
            }
        }
    };
}

audit_events! {
    SignIn = "sign_in",
    SignInFailed = "sign_in_failed",
    SignOut = "sign_out",
    Lock = "lock",
    Unlock = "unlock",
    UnlockFailed = "unlock_failed",
    SettingsChanged = "settings_changed",
    Submit = "submit",
    Decision = "decision",
    Purge = "purge",
    /// The administrator opened the terminal's settings.
    SettingsOpened = "settings_opened",
    /// A wrong administrator passphrase (or one refused while throttled).
    SettingsOpenFailed = "settings_open_failed",
    /// A sign-in or unlock refused locally after too many failures.
    SignInThrottled = "sign_in_throttled",
    /// A rep opened a draft (a read of applicant data).
    DraftOpened = "draft_opened",
    /// A rep took a colleague's draft over (shift handover).
    DraftTakenOver = "draft_taken_over",
    /// The administrator tested a connection.
    ConnectionTested = "connection_tested",
    /// The terminal was reset: drafts, key, settings and secret wiped.
    TerminalReset = "terminal_reset",
    /// A purchase step that reads customer data or verifies: started, searched, verify.
    Purchase = "purchase",
    /// A money-moving operation sent to Flexiti (a sale, hold, capture, release, return,
    /// refund), or sent again.
    PurchaseCharge = "purchase_charge",
    /// What came back for one: done, refused, unknown, flagged.
    PurchaseOutcome = "purchase_outcome",
    /// The administrator approved an after-sale operation or freed a purchase.
    PurchaseApproval = "purchase_approval",
}

impl AuditEvent {
    pub fn parse(text: &str) -> Option<AuditEvent> {
        AuditEvent::ALL.iter().copied().find(|e| e.as_str() == text)
    }
}

/// One line of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AuditRecord {
    pub id: i64,
    pub at: String,
    pub event: AuditEvent,
    pub rep_username: Option<String>,
    pub terminal_id: String,
    pub outcome: String,
    pub detail: Option<String>,
}

/// A row of `audit_log` as read. `id` is the rowid (`INTEGER PRIMARY KEY`), always an
/// integer.
struct AuditRow {
    id: i64,
    at: Stored<String>,
    event: Stored<String>,
    rep_username: Option<Stored<String>>,
    terminal_id: Stored<String>,
    outcome: Stored<String>,
    detail: Option<Stored<String>>,
}

impl TryFrom<AuditRow> for AuditRecord {
    type Error = StoreError;

    fn try_from(row: AuditRow) -> Result<AuditRecord, StoreError> {
        let r = RowKey::new("audit_log", row.id.to_string());
        Ok(AuditRecord {
            id: row.id,
            at: r.get("at", row.at)?,
            event: r.parsed("event", row.event, AuditEvent::parse)?,
            rep_username: r.get_opt("rep_username", row.rep_username)?,
            terminal_id: r.get("terminal_id", row.terminal_id)?,
            outcome: r.get("outcome", row.outcome)?,
            detail: r.get_opt("detail", row.detail)?,
        })
    }
}

impl Store {
    /// Appends an event. `outcome` is a short code (`ok`, an error code, a decision).
    pub async fn audit(
        &self,
        event: AuditEvent,
        rep: Option<&str>,
        terminal_id: &str,
        outcome: &str,
        detail: Option<&str>,
    ) -> Result<(), StoreError> {
        validate::non_empty("terminal_id", terminal_id)?;
        validate::non_empty("outcome", outcome)?;
        let (at, event) = (now(), event.as_str());
        sqlx::query!(
            "INSERT INTO audit_log (at, event, rep_username, terminal_id, outcome, detail) \
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            at,
            event,
            rep,
            terminal_id,
            outcome,
            detail,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// Deletes the events older than `cutoff` (RFC 3339 UTC): the log is kept a year
    /// (the engine's choice, after PCI DSS 10.5.1), not forever. Returns how many went.
    pub async fn purge_audit_before(&self, cutoff: &str) -> Result<u64, StoreError> {
        Ok(sqlx::query!("DELETE FROM audit_log WHERE at < ?1", cutoff)
            .execute(&self.pool)
            .await?
            .rows_affected())
    }

    /// The newest `limit` events, newest first.
    pub async fn audit_log(&self, limit: u32) -> Result<Vec<AuditRecord>, StoreError> {
        let limit = i64::from(limit);
        sqlx::query_as!(
            AuditRow,
            r#"SELECT id, at AS "at: _", event AS "event: _", rep_username AS "rep_username: _",
               terminal_id AS "terminal_id: _", outcome AS "outcome: _", detail AS "detail: _"
               FROM audit_log ORDER BY id DESC LIMIT ?1"#,
            limit,
        )
        .fetch_all(&self.pool)
        .await?
        .into_iter()
        .map(AuditRecord::try_from)
        .collect()
    }
}
