//! The engine's one error type, with the stable codes the UI localises
//! (`error-<code>` in `locales/*/app.ftl`). Every library error maps into it; the
//! command layer turns it into a [`CommandError`] and nothing else. [`ErrorCode`] is the
//! union of every crate's codes: the type of `CommandError.code` here and in TypeScript.

use std::collections::BTreeMap;

use flexiti_api::ApiError;
use serde::{Deserialize, Deserializer, Serialize, Serializer};

use crate::dto::{CommandError, FieldIssue};

pos_core::error_codes! {
    /// The codes of the engine's own errors.
    pub enum AppCode {
        WrongInputs = "wrong_inputs",
        NotConfigured = "not_configured",
        NotSignedIn = "not_signed_in",
        SessionLocked = "session_locked",
        WrongRep = "wrong_rep",
        InvalidSettings = "invalid_settings",
        KeyringUnavailable = "keyring_unavailable",
        Internal = "internal",
        /// A command's arguments did not have the declared shape.
        BadArguments = "bad_arguments",
        /// A name that is not in the command list.
        UnknownCommand = "unknown_command",
        /// The draft is being sent by another command right now.
        DraftBusy = "draft_busy",
        /// "Apply again" on a draft that was not set aside.
        DraftNotSetAside = "draft_not_set_aside",
        /// The keyring holding the data key does not answer right now (retry may help).
        DataKeyUnavailable = "data_key_unavailable",
        /// The database holds sealed data but no data key is stored anywhere.
        DataKeyMissing = "data_key_missing",
        /// The stored data key is not the one the database was sealed with.
        DataKeyMismatch = "data_key_mismatch",
        /// The terminal's settings need the administrator's passphrase.
        AdminRequired = "admin_required",
        /// The administrator's passphrase was wrong.
        AdminPassphraseWrong = "admin_passphrase_wrong",
        /// Leaving Sandbox needs an administrator's passphrase to be set.
        AdminPassphraseNeeded = "admin_passphrase_needed",
        /// A new administrator's passphrase shorter than 12 characters.
        AdminPassphraseTooShort = "admin_passphrase_too_short",
        /// The environment, URL or client id changed: the client secret must be typed again.
        SecretNeeded = "secret_needed",
        /// Too many failed attempts: refused locally for `seconds` more.
        TooManyAttempts = "too_many_attempts",
        /// A colleague's draft: it opens once taken over.
        DraftOfAnotherRep = "draft_of_another_rep",
        /// Five failed unlocks ended the session (the form was saved).
        UnlockAttemptsExhausted = "unlock_attempts_exhausted",
        /// "Reset this terminal" without the typed confirmation.
        ResetNotConfirmed = "reset_not_confirmed",
        /// The command needs nobody signed in (reset).
        SignOutFirst = "sign_out_first",
        /// The managed configuration file sets this setting: read-only on this terminal.
        ManagedSetting = "managed_setting",
        /// The managed configuration file is wrong (`line`, `reason`, `key`): the app stops.
        ManagedConfigInvalid = "managed_config_invalid",
        /// No such purchase for this rep (never started, another rep's, or signed out).
        PurchaseNotFound = "purchase_not_found",
        /// A draft that was not approved cannot start a purchase.
        NotApproved = "not_approved",
        /// A card number is 16 digits.
        CardNumberInvalid = "card_number_invalid",
        /// The step needs an earlier one first (an amount, a choice, a verification).
        PurchaseStepMissing = "purchase_step_missing",
        /// A regular purchase Flexiti did not quote as needing no PIN, or a plan.
        BypassNotAllowed = "bypass_not_allowed",
        /// The customer's PIN is 4 to 8 digits.
        PinInvalid = "pin_invalid",
        /// The quote was older than 15 minutes and the chosen row changed: quote again.
        QuoteChanged = "quote_changed",
        /// The purchase is being charged or checked right now.
        PurchaseBusy = "purchase_busy",
        /// Charged, or its outcome unknown: no second charge from this purchase.
        PurchaseLocked = "purchase_locked",
        /// In a Quebec store the French quote is needed before a charge.
        FrenchQuoteMissing = "french_quote_missing",
        /// Flexiti's record moved by another amount than the operation's: the
        /// administrator decides (adopt, or free for a new submission).
        OutcomeNeedsAdministrator = "outcome_needs_administrator",
        /// An after-sale operation does not fit this purchase (a return of a regular
        /// purchase, a capture of a sale already captured, more than what remains).
        OperationNotPossible = "operation_not_possible",
    }
}

/// Any code a command can answer with: the engine's, the Flexiti client's or the store's.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ErrorCode {
    App(AppCode),
    Api(flexiti_api::ErrorCode),
    Store(pos_store::ErrorCode),
}

impl ErrorCode {
    /// Every code, once per crate (a code two crates share, such as `wrong_inputs`,
    /// appears twice; [`ErrorCode::texts`] lists each text once).
    pub fn all() -> impl Iterator<Item = ErrorCode> {
        let app = AppCode::ALL.iter().map(|c| ErrorCode::App(*c));
        let api = flexiti_api::ErrorCode::ALL
            .iter()
            .map(|c| ErrorCode::Api(*c));
        let store = pos_store::ErrorCode::ALL
            .iter()
            .map(|c| ErrorCode::Store(*c));
        app.chain(api).chain(store)
    }

    /// Every code's text, sorted, each once.
    pub fn texts() -> Vec<&'static str> {
        let mut texts: Vec<&'static str> = ErrorCode::all().map(ErrorCode::as_str).collect();
        texts.sort_unstable();
        texts.dedup();
        texts
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::App(code) => code.as_str(),
            ErrorCode::Api(code) => code.as_str(),
            ErrorCode::Store(code) => code.as_str(),
        }
    }

    /// The code with this text (the first crate's, when two share it).
    pub fn parse(text: &str) -> Option<ErrorCode> {
        ErrorCode::all().find(|code| code.as_str() == text)
    }
}

impl std::fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A code compares equal to its text, so tests and logs can name it plainly.
impl PartialEq<&str> for ErrorCode {
    fn eq(&self, other: &&str) -> bool {
        self.as_str() == *other
    }
}

impl Serialize for ErrorCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> Deserialize<'de> for ErrorCode {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        ErrorCode::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("unknown error code {text:?}")))
    }
}

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Flexiti: {0}")]
    Api(#[from] ApiError),
    #[error("store: {0}")]
    Store(#[from] pos_store::StoreError),
    #[error("the application has field problems")]
    Fields(Vec<FieldIssue>),
    #[error("the terminal is not configured")]
    NotConfigured,
    #[error("no rep is signed in")]
    NotSignedIn,
    #[error("the session is locked")]
    Locked,
    #[error("another rep cannot unlock this session")]
    WrongRep,
    #[error("invalid settings: {0}")]
    InvalidSettings(&'static str),
    #[error("the secret store failed: {0}")]
    Keyring(String),
    #[error("internal error: {0}")]
    Internal(String),
    #[error("the arguments do not match the command")]
    BadArguments,
    #[error("no such command")]
    UnknownCommand,
    #[error("the draft is being sent right now")]
    DraftBusy,
    #[error("only a draft set aside can be applied for again")]
    DraftNotSetAside,
    #[error("the data key's keyring is unavailable")]
    DataKeyUnavailable,
    #[error("no data key is stored for the sealed data")]
    DataKeyMissing,
    #[error("the data key does not match the sealed data")]
    DataKeyMismatch,
    #[error("the administrator's passphrase is needed")]
    AdminRequired,
    #[error("wrong administrator passphrase")]
    AdminPassphraseWrong,
    #[error("an administrator's passphrase must be set first")]
    AdminPassphraseNeeded,
    #[error("the administrator's passphrase is too short")]
    AdminPassphraseTooShort,
    #[error("the client secret must be typed again")]
    SecretNeeded,
    #[error("too many attempts; {seconds} s to wait")]
    TooManyAttempts { seconds: u64 },
    #[error("a colleague's draft")]
    DraftOfAnotherRep,
    #[error("too many failed unlocks")]
    UnlockAttemptsExhausted,
    #[error("reset not confirmed")]
    ResetNotConfirmed,
    #[error("sign out first")]
    SignOutFirst,
    #[error("the managed configuration sets {0}")]
    ManagedSetting(&'static str),
    #[error("the managed configuration file is invalid at line {line}: {reason} {key}")]
    ManagedConfigInvalid {
        line: usize,
        reason: &'static str,
        key: String,
    },
    #[error("no such purchase")]
    PurchaseNotFound,
    #[error("the draft was not approved")]
    NotApproved,
    #[error("a card number is 16 digits")]
    CardNumberInvalid,
    #[error("an earlier step of the purchase is missing")]
    PurchaseStepMissing,
    #[error("no bypass for this purchase")]
    BypassNotAllowed,
    #[error("the PIN is 4 to 8 digits")]
    PinInvalid,
    #[error("the quote changed")]
    QuoteChanged,
    #[error("the purchase is busy")]
    PurchaseBusy,
    #[error("the purchase is charged or its outcome unknown")]
    PurchaseLocked,
    #[error("the French quote is missing")]
    FrenchQuoteMissing,
    #[error("the outcome needs the administrator")]
    OutcomeNeedsAdministrator,
    #[error("this operation does not fit this purchase")]
    OperationNotPossible,
    /// The engine did not start; every command but the start-up screen's answers why.
    #[error("the terminal did not start: {}", .0.code)]
    NotStarted(Box<CommandError>),
}

impl AppError {
    /// The stable code the UI localises.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            AppError::Api(error) => ErrorCode::Api(error.error_code()),
            AppError::Store(error) => ErrorCode::Store(error.error_code()),
            AppError::Fields(_) => ErrorCode::App(AppCode::WrongInputs),
            AppError::NotConfigured => ErrorCode::App(AppCode::NotConfigured),
            AppError::NotSignedIn => ErrorCode::App(AppCode::NotSignedIn),
            AppError::Locked => ErrorCode::App(AppCode::SessionLocked),
            AppError::WrongRep => ErrorCode::App(AppCode::WrongRep),
            AppError::InvalidSettings(_) => ErrorCode::App(AppCode::InvalidSettings),
            AppError::Keyring(_) => ErrorCode::App(AppCode::KeyringUnavailable),
            AppError::Internal(_) => ErrorCode::App(AppCode::Internal),
            AppError::BadArguments => ErrorCode::App(AppCode::BadArguments),
            AppError::UnknownCommand => ErrorCode::App(AppCode::UnknownCommand),
            AppError::DraftBusy => ErrorCode::App(AppCode::DraftBusy),
            AppError::DraftNotSetAside => ErrorCode::App(AppCode::DraftNotSetAside),
            AppError::DataKeyUnavailable => ErrorCode::App(AppCode::DataKeyUnavailable),
            AppError::DataKeyMissing => ErrorCode::App(AppCode::DataKeyMissing),
            AppError::DataKeyMismatch => ErrorCode::App(AppCode::DataKeyMismatch),
            AppError::AdminRequired => ErrorCode::App(AppCode::AdminRequired),
            AppError::AdminPassphraseWrong => ErrorCode::App(AppCode::AdminPassphraseWrong),
            AppError::AdminPassphraseNeeded => ErrorCode::App(AppCode::AdminPassphraseNeeded),
            AppError::AdminPassphraseTooShort => ErrorCode::App(AppCode::AdminPassphraseTooShort),
            AppError::SecretNeeded => ErrorCode::App(AppCode::SecretNeeded),
            AppError::TooManyAttempts { .. } => ErrorCode::App(AppCode::TooManyAttempts),
            AppError::DraftOfAnotherRep => ErrorCode::App(AppCode::DraftOfAnotherRep),
            AppError::UnlockAttemptsExhausted => ErrorCode::App(AppCode::UnlockAttemptsExhausted),
            AppError::ResetNotConfirmed => ErrorCode::App(AppCode::ResetNotConfirmed),
            AppError::SignOutFirst => ErrorCode::App(AppCode::SignOutFirst),
            AppError::ManagedSetting(_) => ErrorCode::App(AppCode::ManagedSetting),
            AppError::ManagedConfigInvalid { .. } => ErrorCode::App(AppCode::ManagedConfigInvalid),
            AppError::PurchaseNotFound => ErrorCode::App(AppCode::PurchaseNotFound),
            AppError::NotApproved => ErrorCode::App(AppCode::NotApproved),
            AppError::CardNumberInvalid => ErrorCode::App(AppCode::CardNumberInvalid),
            AppError::PurchaseStepMissing => ErrorCode::App(AppCode::PurchaseStepMissing),
            AppError::BypassNotAllowed => ErrorCode::App(AppCode::BypassNotAllowed),
            AppError::PinInvalid => ErrorCode::App(AppCode::PinInvalid),
            AppError::QuoteChanged => ErrorCode::App(AppCode::QuoteChanged),
            AppError::PurchaseBusy => ErrorCode::App(AppCode::PurchaseBusy),
            AppError::PurchaseLocked => ErrorCode::App(AppCode::PurchaseLocked),
            AppError::FrenchQuoteMissing => ErrorCode::App(AppCode::FrenchQuoteMissing),
            AppError::OutcomeNeedsAdministrator => {
                ErrorCode::App(AppCode::OutcomeNeedsAdministrator)
            }
            AppError::OperationNotPossible => ErrorCode::App(AppCode::OperationNotPossible),
            AppError::NotStarted(why) => why.code,
        }
    }

    /// [`AppError::error_code`] as text (logs, the audit log).
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// What the UI receives: a code, its arguments, field problems. Never a Display string.
    pub fn to_command_error(&self) -> CommandError {
        if let AppError::NotStarted(why) = self {
            return (**why).clone();
        }
        let mut args = BTreeMap::new();
        let fields = match self {
            AppError::Fields(fields) => fields.clone(),
            AppError::Api(ApiError::WrongInputs { field_errors }) => field_errors
                .iter()
                .map(|e| FieldIssue {
                    field: e.param.clone(),
                    problem: e.msg.problem(),
                })
                .collect(),
            _ => Vec::new(),
        };
        match self {
            AppError::Api(
                ApiError::Server { status }
                | ApiError::HtmlPage { status }
                | ApiError::UnexpectedStatus { status },
            ) => {
                args.insert("status".into(), status.to_string());
            }
            AppError::InvalidSettings(what) | AppError::ManagedSetting(what) => {
                args.insert("setting".into(), (*what).to_owned());
            }
            AppError::ManagedConfigInvalid { line, reason, key } => {
                args.insert("line".into(), line.to_string());
                args.insert("reason".into(), (*reason).to_owned());
                args.insert("key".into(), key.clone());
            }
            AppError::TooManyAttempts { seconds } => {
                args.insert("seconds".into(), seconds.to_string());
                args.insert("minutes".into(), seconds.div_ceil(60).to_string());
            }
            _ => {}
        }
        CommandError {
            code: self.error_code(),
            args,
            fields,
        }
    }
}

pub type AppResult<T> = Result<T, AppError>;

#[cfg(test)]
mod tests {
    use super::*;

    /// The message ids of a Fluent file (`id =` at the start of a line).
    fn message_ids(locale: &str) -> std::collections::BTreeSet<String> {
        let path = format!(
            "{}/../../locales/{locale}/app.ftl",
            env!("CARGO_MANIFEST_DIR")
        );
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        assert!(!text.is_empty(), "{path} is missing or empty");
        text.lines()
            .filter_map(|line| line.split_once(" ="))
            .map(|(id, _)| id.to_owned())
            .filter(|id| !id.starts_with(['#', ' ', '.', '-']))
            .collect()
    }

    #[test]
    fn every_error_code_has_a_sentence_in_both_locales() {
        for locale in ["en-CA", "fr-CA"] {
            let ids = message_ids(locale);
            let missing: Vec<String> = ErrorCode::texts()
                .into_iter()
                .map(|code| format!("error-{}", code.replace('_', "-")))
                .filter(|id| !ids.contains(id))
                .collect();
            assert!(
                missing.is_empty(),
                "{locale} has no sentence for {missing:?}"
            );
            assert!(ids.contains("error-unknown"), "{locale}: no fallback");
        }
    }

    #[test]
    fn every_receipt_label_and_blocked_account_sentence_exists_in_both_locales() {
        let blocked = [
            "purchase-blocked-terms",
            "purchase-blocked-a",
            "purchase-blocked-f",
            "purchase-blocked-z",
            "purchase-blocked-c",
            "purchase-blocked-other",
        ];
        for locale in ["en-CA", "fr-CA"] {
            let ids = message_ids(locale);
            let missing: Vec<&str> = pos_core::receipt::LABEL_IDS
                .iter()
                .chain(blocked.iter())
                .copied()
                .filter(|id| !ids.contains(*id))
                .collect();
            assert!(missing.is_empty(), "{locale} lacks {missing:?}");
        }
    }

    #[test]
    fn codes_round_trip_through_json_and_unknown_text_is_refused() {
        for code in ErrorCode::all() {
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
            let back: ErrorCode =
                serde_json::from_str(&json).unwrap_or(ErrorCode::App(AppCode::Internal));
            assert_eq!(back.as_str(), code.as_str());
        }
        assert!(serde_json::from_str::<ErrorCode>("\"no_such_code\"").is_err());
        assert_eq!(AppError::Locked.code(), "session_locked");
        assert_eq!(
            AppError::Api(ApiError::OutcomeUnknown)
                .to_command_error()
                .code,
            ErrorCode::Api(flexiti_api::ErrorCode::OutcomeUnknown)
        );
    }
}
