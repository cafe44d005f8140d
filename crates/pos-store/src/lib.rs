//! The terminal's SQLite store for the Flexiti point-of-sale app: drafts of credit
//! applications (saved durably as the rep types, locked while a submission is in flight),
//! rep sessions, non-secret settings, a cache of the texts the server localises, and the
//! audit log. An applicant's data is sealed (XChaCha20-Poly1305) before it reaches the file,
//! cut down to a receipt once a decision comes back, and purged after the retention period.
//! Drafts are bound to the environment and merchant they were started under; failed
//! sign-ins are counted for the app's throttling; the files are the app user's alone, and
//! a reset of the terminal wipes all but the audit log.
//!
//! sqlx the boring way: one file, WAL, `synchronous=FULL`, a busy timeout, foreign keys,
//! migrations embedded from `/migrations` with a `VACUUM INTO` copy taken before migrating
//! a file that holds data. No Tauri, no HTTP: the app's commands call these functions.
//! Every failure is a [`StoreError`] with a stable [`StoreError::code`].

mod attempts;
mod audit;
mod backup;
mod cache;
mod clock;
mod diagnostics;
mod draft_id;
mod drafts;
mod end_reason;
mod error;
mod journal;
mod key_ids;
mod legacy;
mod migrations;
mod private_files;
mod retention;
mod row;
mod seal;
mod sessions;
mod settings;
mod store;
mod submission;
mod validate;
mod wipe;

pub use attempts::AttemptRecord;
pub use audit::{AuditEvent, AuditRecord};
pub use backup::{backup_if_migrations_pending, backup_path};
pub use cache::CachedBody;
pub use diagnostics::Diagnostics;
pub use drafts::{DraftRecord, DraftScope, DraftSummary, Terms};
pub use end_reason::EndReason;
pub use error::{ErrorCode, StoreError};
pub use journal::{
    short_customer_name, Approval, Completion, FlexitiIds, JournalFlag, JournalRecord,
    JournalState, NewApproval, NewOperation, OperationKind, FREED_BY_ADMINISTRATOR,
};
pub use key_ids::sealed_key_ids;
pub use migrations::{pending_migrations, MIGRATOR};
pub use pos_core::DraftStatus;
pub use retention::PurgeReport;
pub use row::CorruptColumn;
pub use seal::{DataKey, SealError};
pub use sessions::SessionRecord;
pub use store::{Store, BUSY_TIMEOUT};
