//! What crosses the IPC boundary: every command's arguments and results, and the one
//! error shape. TypeScript bindings are generated from these types and from the command
//! list (`ui/src/bindings.ts`, checked by the `bindings_are_current` test), so the UI
//! never hand-writes a command's name or types. Nothing here ever holds a token; what
//! carries a secret the rep or the manager types (`SignInInput.password`,
//! `SettingsInput.client_secret`) has a `Debug` that hides it, and no answer carries one.

use std::collections::BTreeMap;

use pos_core::Personal;
use serde::{Deserialize, Serialize};
use ts_rs::TS;

pub use pos_core::{DraftStatus, EnvironmentKind, FieldProblem, Lang};

/// Where the client secret comes from (never the secret itself).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "kebab-case")]
pub enum SecretSource {
    /// The embedded sandbox's demo secret.
    Sandbox,
    /// The OS keyring.
    Keyring,
    /// The `FLEXITI_CLIENT_SECRET` environment variable (kiosk deployments).
    Environment,
    /// A file readable only by the app's user (the client secret: provisioned by IT; the
    /// data key: made by the app where there is no keyring).
    File,
    /// None yet: the settings screen must be filled in.
    Missing,
}

/// The signed-in rep, as the header shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SessionView {
    pub rep: String,
    pub merchant_name: String,
    pub started_at: String,
}

/// Everything the shell needs to decide what to show.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AppStatus {
    pub environment: EnvironmentKind,
    /// Shown as an unmistakable TRAINING banner: every environment but production.
    pub training_banner: bool,
    /// The screen's language: the rep's choice for their session, else the store's.
    pub lang: Lang,
    /// The store's language: where sign-out returns, and a new applicant's language.
    pub store_lang: Lang,
    pub session: Option<SessionView>,
    /// Idle lock: the form stays, the rep signs in again.
    pub locked: bool,
    pub idle_lock_minutes: u32,
    /// Client id, secret and store are set.
    pub configured: bool,
    /// The terminal's settings are open (the administrator's passphrase was given, or
    /// the terminal has never left Sandbox and needs none).
    pub admin_open: bool,
    /// The settings need the administrator's passphrase (the terminal has left Sandbox).
    pub admin_required: bool,
    /// The app's version (the About line).
    pub version: String,
}

/// Whether the terminal started. When it did not, the window shows the start-up error
/// screen (in both languages) with "try again" and, as the last resort, "reset".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct StartupState {
    pub started: bool,
    /// Why it did not start: a code with its sentence in both locales.
    pub error: Option<CommandError>,
}

/// Rep credentials for sign in and unlock. The password is dropped after the call.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SignInInput {
    pub username: String,
    pub password: String,
}

impl std::fmt::Debug for SignInInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SignInInput")
            .field("username", &self.username)
            .finish_non_exhaustive()
    }
}

/// One option of a select: the code stored in drafts, the label shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct Choice {
    pub code: String,
    pub label: String,
}

/// The form's option lists and disclosure texts in one language, from `form_values`
/// and `i18n`. A list absent here makes its field free text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FormData {
    pub lang: Lang,
    /// `salutation`, `province`, `security_qid`, `govid_type`, `occupation`, `housing_type`.
    pub lists: BTreeMap<String, Vec<Choice>>,
    /// `govid_issuedby` options by `govid_type` code.
    pub dependent: BTreeMap<String, BTreeMap<String, Vec<Choice>>>,
    /// `qcpa_disclosure`, `insurance`, `insurance_tc`, `annual_fees`.
    pub texts: BTreeMap<String, String>,
}

/// A form field's value: text as typed, or a checkbox. Personal data: `Debug` shows
/// which kind it is, never the text.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(untagged)]
pub enum FieldValue {
    Text(String),
    Flag(bool),
}

impl std::fmt::Debug for FieldValue {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            FieldValue::Text(_) => f.write_str("Text([personal])"),
            FieldValue::Flag(flag) => write!(f, "Flag({flag})"),
        }
    }
}

/// A field's problem, named for the UI's messages (`field-required`, ...).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FieldIssue {
    pub field: String,
    pub problem: FieldProblem,
}

/// What the rep tells the customer. Declines carry no reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DecisionView {
    /// `approved`, `pending` or `declined`.
    pub outcome: String,
    /// Approved: the credit limit in cents.
    #[ts(type = "number | null")]
    pub credit_limit_cents: Option<i64>,
    /// Approved: last four digits of the card.
    pub card_last4: Option<String>,
}

/// A draft as the form edits it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftView {
    pub id: String,
    pub status: DraftStatus,
    /// The applicant's language: what Flexiti records as the customer's preferred
    /// language, and the language the terms are shown in first. Never the screen's.
    pub applicant_lang: Lang,
    /// "First Last", as the drafts list and the decision show it.
    #[ts(type = "string")]
    pub applicant_name: Personal<String>,
    /// The answers; empty once a decision came back (the receipt keeps the name only).
    pub fields: BTreeMap<String, FieldValue>,
    pub tos_version: Option<String>,
    /// The language the applicant accepted the terms in.
    pub tos_lang: Option<Lang>,
    pub updated_at: String,
    #[ts(type = "number")]
    pub revision: i64,
    /// The rules of the contract, checked now.
    pub errors: Vec<FieldIssue>,
    pub decision: Option<DecisionView>,
}

/// A line of the drafts list.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DraftSummaryView {
    pub id: String,
    #[ts(type = "string")]
    pub applicant_name: Personal<String>,
    /// Set when the draft cannot be opened: `draft_wrong_key` (sealed with a key this
    /// terminal no longer has) or `draft_tampered`. It can still be discarded.
    pub unreadable: Option<String>,
    pub status: DraftStatus,
    pub updated_at: String,
    /// The rep who owns it.
    pub rep: String,
    /// The signed-in rep's own draft. A colleague's is listed without the applicant's
    /// name (`applicant_name` empty) and opens only once taken over.
    pub mine: bool,
}

/// A save from the form (debounced as the rep types).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SaveDraftInput {
    pub id: String,
    /// The applicant's language (the form's field, changed only on purpose), never the
    /// screen's.
    pub applicant_lang: Lang,
    pub fields: BTreeMap<String, FieldValue>,
    pub tos_version: Option<String>,
    /// The language of the terms the applicant accepted (with `tos_version`).
    pub tos_lang: Option<Lang>,
}

/// Acknowledged only after the commit: the draft is on disk.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SavedDraft {
    pub id: String,
    #[ts(type = "number")]
    pub revision: i64,
    pub saved_at: String,
    pub errors: Vec<FieldIssue>,
}

/// Terms and conditions for the applicant's province group and language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct TermsView {
    pub version: String,
    pub province_group: String,
    pub lang: Lang,
    pub text: String,
}

/// Fields filled from a scanned driver's licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct LicencePrefill {
    #[ts(type = "{ [key in string]?: string }")]
    pub fields: BTreeMap<String, Personal<String>>,
}

/// The settings screen, as shown (the secret never comes back).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsView {
    pub environment: EnvironmentKind,
    pub custom_url: Option<String>,
    pub client_id: String,
    pub store_id: String,
    pub terminal_id: String,
    pub idle_lock_minutes: u32,
    /// Days an untouched draft is kept before it is purged (1 to 30).
    pub retention_days: u32,
    pub secret_source: SecretSource,
    /// Where the key that seals drafts is kept: `keyring`, or `file` (less safe).
    pub data_key_source: SecretSource,
    pub store_province: Option<String>,
    pub store_lang: Lang,
    /// An administrator's passphrase is set.
    pub admin_passphrase_set: bool,
    /// Kiosk mode: full screen without the window's frame (applies at the next start).
    pub kiosk: bool,
    /// The settings the managed configuration file sets (read-only here): `environment`,
    /// `client_id`... and `admin_passphrase_hash` when it sets the passphrase.
    pub managed: Vec<String>,
    /// Drafts whose outcome is still unknown past the retention period: kept (they are
    /// the only way to learn what Flexiti did), listed here for the administrator.
    pub unresolved: Vec<UnresolvedDraftView>,
}

/// A draft kept past the retention period because its outcome is not known.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct UnresolvedDraftView {
    pub id: String,
    pub rep: String,
    pub status: DraftStatus,
    pub updated_at: String,
}

/// The settings screen, as saved. `client_secret: null` keeps the stored secret.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SettingsInput {
    pub environment: EnvironmentKind,
    pub custom_url: Option<String>,
    pub client_id: String,
    pub client_secret: Option<String>,
    pub store_id: String,
    pub terminal_id: String,
    pub idle_lock_minutes: u32,
    pub retention_days: u32,
    /// The store's province or territory code (empty or null: not set).
    pub store_province: Option<String>,
    /// The store's language (French for a Quebec store unless IT decides otherwise).
    pub store_lang: Lang,
    /// Kiosk mode (applies at the next start).
    pub kiosk: bool,
    /// A new administrator's passphrase (at least 12 characters): required when the
    /// terminal first leaves Sandbox, optional later (null keeps the current one).
    pub new_admin_passphrase: Option<String>,
}

impl std::fmt::Debug for SettingsInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("SettingsInput")
            .field("environment", &self.environment)
            .field("client_id", &self.client_id)
            .field("store_id", &self.store_id)
            .finish_non_exhaustive()
    }
}

/// The answer of "test connection".
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ConnectionCheck {
    pub ok: bool,
    pub error: Option<CommandError>,
}

/// Every command's error: a stable code the UI turns into a Fluent sentence
/// (`error-<code>` with `_` as `-`), its arguments, and field problems if any.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CommandError {
    #[ts(type = "ErrorCode")]
    pub code: crate::error::ErrorCode,
    pub args: BTreeMap<String, String>,
    pub fields: Vec<FieldIssue>,
}

/// The TypeScript of every type above and of the purchase screens', in one file.
pub fn typescript_bindings() -> String {
    use crate::purchase_dto::{
        AfterSaleInput, ChargeInput, CustomerMatchView, CustomerSearchInput, DayReportView,
        FeeView, OperationView, OptionText, OptionView, PurchaseStage, PurchaseStart,
        PurchaseSummaryView, PurchaseView, RateView, ReceiptLineView, ReceiptValueView,
        ReceiptView, ReportLineView, ReportMismatchView, VerificationView, VerifyMethod,
    };
    let decls = [
        Lang::decl(),
        EnvironmentKind::decl(),
        SecretSource::decl(),
        SessionView::decl(),
        AppStatus::decl(),
        StartupState::decl(),
        SignInInput::decl(),
        Choice::decl(),
        FormData::decl(),
        FieldValue::decl(),
        FieldProblem::decl(),
        FieldIssue::decl(),
        DraftStatus::decl(),
        DecisionView::decl(),
        DraftView::decl(),
        DraftSummaryView::decl(),
        SaveDraftInput::decl(),
        SavedDraft::decl(),
        TermsView::decl(),
        LicencePrefill::decl(),
        SettingsView::decl(),
        UnresolvedDraftView::decl(),
        SettingsInput::decl(),
        ConnectionCheck::decl(),
        SupportBundle::decl(),
        CommandError::decl(),
        CustomerSearchInput::decl(),
        CustomerMatchView::decl(),
        PurchaseStart::decl(),
        RateView::decl(),
        FeeView::decl(),
        OptionText::decl(),
        OptionView::decl(),
        VerifyMethod::decl(),
        VerificationView::decl(),
        PurchaseStage::decl(),
        PurchaseView::decl(),
        ChargeInput::decl(),
        ReceiptValueView::decl(),
        ReceiptLineView::decl(),
        ReceiptView::decl(),
        PurchaseSummaryView::decl(),
        AfterSaleInput::decl(),
        OperationView::decl(),
        DayReportView::decl(),
        ReportLineView::decl(),
        ReportMismatchView::decl(),
    ];
    let mut out = String::from(
        "// Generated from crates/pos-app/src/dto.rs, error.rs and commands/list.rs by the\n\
         // `bindings_are_current` test. Do not edit: run\n\
         // `UPDATE_BINDINGS=1 cargo test -p pos-app --test it surface_files`.\n\n\
         import { invoke } from '@tauri-apps/api/core';\n\n",
    );
    for decl in decls {
        out.push_str("export ");
        out.push_str(&decl);
        out.push_str("\n\n");
    }
    let codes = crate::error::ErrorCode::texts();
    out.push_str(
        "/** Every error code a command can answer with (`error-<code>` in the locales). */\n",
    );
    out.push_str("export const ERROR_CODES = [\n");
    for code in &codes {
        out.push_str(&format!("  '{code}',\n"));
    }
    out.push_str("] as const;\n\nexport type ErrorCode = (typeof ERROR_CODES)[number];\n\n");
    out.push_str(&crate::commands::typescript_client());
    out.truncate(out.trim_end().len());
    out.push('\n');
    out
}

/// The support bundle just written: where it is (the data directory's `support/` folder,
/// readable only by the app's user) and what it holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct SupportBundle {
    pub path: String,
    pub entries: Vec<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_of_what_carries_applicant_data_shows_none_of_it() {
        let fields: BTreeMap<String, FieldValue> = [
            (
                "first_name".to_owned(),
                FieldValue::Text("Xanthippe".into()),
            ),
            ("sin".to_owned(), FieldValue::Text("273198648".into())),
            ("insurance".to_owned(), FieldValue::Flag(true)),
        ]
        .into();
        let view = DraftView {
            id: "d1".into(),
            status: DraftStatus::Editing,
            applicant_lang: Lang::Fr,
            applicant_name: Personal::new("Xanthippe Quellwasser".into()),
            fields: fields.clone(),
            tos_version: None,
            tos_lang: None,
            updated_at: String::new(),
            revision: 1,
            errors: Vec::new(),
            decision: None,
        };
        let save = SaveDraftInput {
            id: "d1".into(),
            applicant_lang: Lang::Fr,
            fields,
            tos_version: None,
            tos_lang: None,
        };
        let summary = DraftSummaryView {
            id: "d1".into(),
            applicant_name: Personal::new("Xanthippe Quellwasser".into()),
            unreadable: None,
            status: DraftStatus::Editing,
            updated_at: String::new(),
            rep: "merchantonline".into(),
            mine: true,
        };
        let prefill = LicencePrefill {
            fields: [("last_name".to_owned(), Personal::new("QUELLWASSER".into()))].into(),
        };
        let sign_in = SignInInput {
            username: "merchantonline".into(),
            password: "hunter2-password".into(),
        };
        let debug = format!("{view:?} {save:?} {summary:?} {prefill:?} {sign_in:?}");
        for secret in [
            "Xanthippe",
            "Quellwasser",
            "QUELLWASSER",
            "273198648",
            "hunter2",
        ] {
            assert!(!debug.contains(secret), "{secret} in {debug}");
        }
        assert!(debug.contains("first_name") && debug.contains("Flag(true)"));
        // The webview still gets the values: serialisation is not redacted.
        assert!(serde_json::to_string(&view).unwrap().contains("Xanthippe"));
    }
}
