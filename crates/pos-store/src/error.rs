//! The one error type of this crate. Each variant has a stable `code()` that the command
//! layer hands to the UI, which picks the Fluent message for it; the `Display` text is for
//! logs and developers only and may change.

use std::path::PathBuf;

use crate::{DraftStatus, JournalState, SealError};

pos_core::error_codes! {
    /// Every code a [`StoreError`] can have.
    pub enum ErrorCode {
        StoreUnavailable = "store_unavailable",
        StoreBusy = "store_busy",
        StoreFull = "store_full",
        DatabaseCorrupt = "database_corrupt",
        BackupFailed = "backup_failed",
        MigrationFailed = "migration_failed",
        SchemaTooNew = "schema_too_new",
        DraftNotFound = "draft_not_found",
        DraftLocked = "draft_locked",
        DraftNotSubmitting = "draft_not_submitting",
        SessionNotFound = "session_not_found",
        InvalidInput = "invalid_input",
        CorruptRow = "corrupt_row",
        DraftWrongKey = "draft_wrong_key",
        DraftTampered = "draft_tampered",
        RandomUnavailable = "random_unavailable",
        JournalOperationNotFound = "journal_operation_not_found",
        JournalWrongState = "journal_wrong_state",
        JournalOperationInFlight = "journal_operation_in_flight",
        JournalPurchaseNotCharged = "journal_purchase_not_charged",
        JournalWrongKey = "journal_wrong_key",
        JournalTampered = "journal_tampered",
    }
}

/// Everything that can go wrong in the store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The database file could not be opened, or a query failed for a reason not listed below
    /// (I/O error, read-only file, closed store).
    #[error("the store is unavailable: {0}")]
    Unavailable(#[source] sqlx::Error),

    /// Another process held the database for longer than the busy timeout.
    #[error("the store stayed busy past its timeout: {0}")]
    Busy(#[source] sqlx::Error),

    /// The disk (or the database's size limit) is full: nothing was saved.
    #[error("the disk is full: {0}")]
    Full(#[source] sqlx::Error),

    /// SQLite reports the file as damaged or not a database at all.
    #[error("the database file is damaged: {0}")]
    DatabaseCorrupt(#[source] sqlx::Error),

    /// The copy taken before migrating could not be written; no migration was attempted.
    #[error("could not back up the database to {path:?} before migrating: {reason}")]
    BackupFailed { path: PathBuf, reason: String },

    /// A migration failed (and was rolled back), or an applied one was changed since.
    #[error("migrating the database failed: {0}")]
    MigrationFailed(#[source] sqlx::migrate::MigrateError),

    /// The file was migrated by a newer version of the app than this one.
    #[error("the database has migration {version}, unknown to this version of the app")]
    SchemaTooNew { version: i64 },

    #[error("no draft {id}")]
    DraftNotFound { id: String },

    /// The draft's status does not allow this change (editing a draft that is being
    /// submitted, discarding one whose outcome is unknown, resubmitting a decided one).
    #[error("draft {id} is {status:?}: it cannot be changed that way")]
    DraftLocked { id: String, status: DraftStatus },

    /// A submission step (outcome unknown, decision, cancel) on a draft with no submission
    /// in flight.
    #[error("draft {id} is {status:?}, not being submitted")]
    DraftNotSubmitting { id: String, status: DraftStatus },

    #[error("no session {id}")]
    SessionNotFound { id: i64 },

    /// An argument the caller should have checked: unknown language, empty key, bad JSON.
    #[error("invalid {what}: {reason}")]
    InvalidInput {
        what: &'static str,
        reason: &'static str,
    },

    /// A row holds a value this version cannot read (an unknown status, a wrong type).
    #[error("row {key} of table {table} cannot be read: {detail}")]
    CorruptRow {
        table: &'static str,
        key: String,
        detail: String,
    },

    /// The personal part of a draft cannot be opened (another key, or damaged).
    #[error("draft {id} cannot be opened: {error:?}")]
    Sealed { id: String, error: SealError },

    /// The operating system's random number generator failed.
    #[error("no randomness available: {0}")]
    RandomUnavailable(getrandom::Error),

    /// No journal row with this operation reference in the caller's scope.
    #[error("no journal operation {reference}")]
    JournalOperationNotFound { reference: String },

    /// The journal row's state does not allow this step (completing a refused operation,
    /// beginning again one already done, freeing one still being sent).
    #[error("journal operation {reference} is {state:?}: it cannot be {action}")]
    JournalWrongState {
        reference: String,
        state: JournalState,
        action: &'static str,
    },

    /// Another operation of the same purchase (authorization) is still being sent or its
    /// outcome is unknown: one operation at a time per authorization.
    #[error("purchase {purchase_id} already has operation {in_flight} in flight")]
    JournalOperationInFlight {
        purchase_id: String,
        in_flight: String,
    },

    /// An operation after the sale (capture, release, return, refund) for a purchase whose
    /// sale or hold is not `done` in this scope's journal.
    #[error("purchase {purchase_id} has no completed sale or hold in the journal")]
    JournalPurchaseNotCharged { purchase_id: String },

    /// The sealed part of a journal row cannot be opened (another key, or damaged).
    #[error("journal operation {reference} cannot be opened: {error:?}")]
    JournalSealed { reference: String, error: SealError },
}

impl StoreError {
    /// A stable identifier for the UI and for logs.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            StoreError::Unavailable(_) => ErrorCode::StoreUnavailable,
            StoreError::Busy(_) => ErrorCode::StoreBusy,
            StoreError::Full(_) => ErrorCode::StoreFull,
            StoreError::DatabaseCorrupt(_) => ErrorCode::DatabaseCorrupt,
            StoreError::BackupFailed { .. } => ErrorCode::BackupFailed,
            StoreError::MigrationFailed(_) => ErrorCode::MigrationFailed,
            StoreError::SchemaTooNew { .. } => ErrorCode::SchemaTooNew,
            StoreError::DraftNotFound { .. } => ErrorCode::DraftNotFound,
            StoreError::DraftLocked { .. } => ErrorCode::DraftLocked,
            StoreError::DraftNotSubmitting { .. } => ErrorCode::DraftNotSubmitting,
            StoreError::SessionNotFound { .. } => ErrorCode::SessionNotFound,
            StoreError::InvalidInput { .. } => ErrorCode::InvalidInput,
            StoreError::CorruptRow { .. } => ErrorCode::CorruptRow,
            StoreError::Sealed { error, .. } => error.error_code(),
            StoreError::RandomUnavailable(_) => ErrorCode::RandomUnavailable,
            StoreError::JournalOperationNotFound { .. } => ErrorCode::JournalOperationNotFound,
            StoreError::JournalWrongState { .. } => ErrorCode::JournalWrongState,
            StoreError::JournalOperationInFlight { .. } => ErrorCode::JournalOperationInFlight,
            StoreError::JournalPurchaseNotCharged { .. } => ErrorCode::JournalPurchaseNotCharged,
            StoreError::JournalSealed { error, .. } => match error {
                SealError::WrongKey => ErrorCode::JournalWrongKey,
                SealError::Tampered => ErrorCode::JournalTampered,
            },
        }
    }

    /// [`StoreError::error_code`] as text.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

// SQLite's primary result codes (the low byte of an extended code).
const SQLITE_CORRUPT: i64 = 11;
const SQLITE_BUSY: i64 = 5;
const SQLITE_LOCKED: i64 = 6;
const SQLITE_FULL: i64 = 13;
const SQLITE_NOTADB: i64 = 26;

impl From<sqlx::Error> for StoreError {
    fn from(error: sqlx::Error) -> Self {
        let primary = match &error {
            sqlx::Error::Database(db) => db
                .code()
                .and_then(|code| code.parse::<i64>().ok())
                .map(|code| code & 0xff),
            _ => None,
        };
        match primary {
            Some(SQLITE_BUSY | SQLITE_LOCKED) => StoreError::Busy(error),
            Some(SQLITE_FULL) => StoreError::Full(error),
            Some(SQLITE_CORRUPT | SQLITE_NOTADB) => StoreError::DatabaseCorrupt(error),
            _ => StoreError::Unavailable(error),
        }
    }
}

impl From<sqlx::migrate::MigrateError> for StoreError {
    fn from(error: sqlx::migrate::MigrateError) -> Self {
        use sqlx::migrate::MigrateError;
        match error {
            MigrateError::VersionMissing(version) => StoreError::SchemaTooNew { version },
            // Failing to even read the migration table is the store failing, not a migration.
            MigrateError::Execute(inner) => StoreError::from(inner),
            other => StoreError::MigrationFailed(other),
        }
    }
}
