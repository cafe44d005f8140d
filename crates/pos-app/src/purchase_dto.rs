//! What the purchase screens send and get: finding the customer, the quote's options in
//! both languages, the verification, the charge's outcome and its receipt. Account and
//! card numbers never cross: a match is named by an opaque id, a card by its last 4.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

use crate::dto::Lang;

/// A search by name, birth date and postal code (a customer without their card).
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerSearchInput {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub dob: String,
    pub postal_code: Option<String>,
}

impl std::fmt::Debug for CustomerSearchInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("CustomerSearchInput(..)")
    }
}

/// One account a search found.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct CustomerMatchView {
    /// Names this match for `start_purchase` (the account number stays in the engine).
    pub match_id: String,
    /// "J. Smith".
    pub name: String,
    pub card_ending_in: String,
    /// `consumer` or `business`.
    pub account_type: String,
    pub preferred_lang: Lang,
    /// Why this account cannot buy (a Fluent id), if it cannot.
    pub blocked: Option<String>,
}

impl std::fmt::Debug for CustomerMatchView {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CustomerMatchView")
            .field("match_id", &self.match_id)
            .finish_non_exhaustive()
    }
}

/// Where a purchase starts.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "from", rename_all = "snake_case")]
pub enum PurchaseStart {
    /// The customer of an approved application on this terminal.
    Approved { draft_id: String },
    /// The customer's Flexiti card number (16 digits, spaces allowed).
    Card { number: String },
    /// An account a search found.
    Match { match_id: String },
}

impl std::fmt::Debug for PurchaseStart {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            PurchaseStart::Approved { draft_id } => write!(f, "Approved({draft_id})"),
            PurchaseStart::Card { .. } => f.write_str("Card(..)"),
            PurchaseStart::Match { match_id } => write!(f, "Match({match_id})"),
        }
    }
}

/// A rate of an option, Flexiti's words verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct RateView {
    pub description: String,
    /// Ten-thousandths: `0.0999` is 999.
    #[ts(type = "number")]
    pub rate: i64,
    pub message: Option<String>,
}

/// A fee of an option, Flexiti's words verbatim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct FeeView {
    pub description: String,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub message: Option<String>,
}

/// An option's words in one language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptionText {
    pub lang: Lang,
    /// Flexiti's plan name (or the i18n label, or none for the regular purchase).
    pub plan_name: Option<String>,
    pub rates: Vec<RateView>,
    pub fees: Vec<FeeView>,
}

/// One row of the quote: the regular purchase or a plan × term.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OptionView {
    /// `regular` or `plan-{id}-{term}`.
    pub id: String,
    pub plan_id: Option<u32>,
    pub term: Option<u32>,
    /// The monthly payment, or what is due by the term's end when `deferred`.
    #[ts(type = "number")]
    pub term_amount_cents: i64,
    pub deferred: bool,
    /// A plan the customer's account did not list (shown plainly: "{term} months").
    pub unlisted: bool,
    /// What it costs the customer is more than the available credit.
    pub over_credit: bool,
    /// Texts in the customer's language first, then the other one if Flexiti gave it.
    pub texts: Vec<OptionText>,
}

/// How the customer proves the account is theirs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum VerifyMethod {
    Sms,
    Email,
    SecurityQuestion,
    /// A small regular purchase Flexiti quoted as needing no PIN.
    Bypass,
}

/// Where the verification stands.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct VerificationView {
    pub method: VerifyMethod,
    /// The PIN was sent: the customer reads it out, the rep types it.
    pub awaiting_pin: bool,
    /// The security question to ask (in the customer's language), until answered.
    pub question: Option<String>,
    /// The engine holds a PIN for this verification (never shown).
    pub verified: bool,
}

/// Where a purchase is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
pub enum PurchaseStage {
    /// No amount quoted yet.
    Amount,
    /// Quoted: the customer chooses.
    Choose,
    /// Chosen: the customer verifies.
    Verify,
    /// Verified: ready to charge.
    Charge,
    /// Charged: Flexiti's ids and the receipt.
    Done,
    /// Sent, no answer: locked until "check again" learns the outcome.
    OutcomeUnknown,
}

/// A purchase in progress or done, as the screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurchaseView {
    pub id: String,
    pub stage: PurchaseStage,
    /// "J. Smith".
    pub customer_name: String,
    pub card_ending_in: String,
    /// The customer's language: the options and the receipt's first.
    pub customer_lang: Lang,
    #[ts(type = "number | null")]
    pub available_credit_cents: Option<i64>,
    #[ts(type = "number | null")]
    pub amount_cents: Option<i64>,
    pub options: Vec<OptionView>,
    pub chosen: Option<String>,
    /// The chosen row is the regular purchase and Flexiti quoted it as needing no PIN.
    pub bypass_allowed: bool,
    pub verification: Option<VerificationView>,
    /// Flexiti's authorization id once charged.
    pub authorization_id: Option<u64>,
    /// The journal's reference of the charge sent (the receipt's, and "check again"'s).
    pub charge_reference: Option<String>,
    /// The refusal's error code of the last charge, if refused (nothing charged).
    pub refused: Option<String>,
    /// Set when "check again" found more than one charge or a different one.
    pub flag: Option<String>,
    /// Sandbox only: the PINs the emulator sent, so a demo works without a phone.
    pub sandbox_pins: Vec<String>,
}

/// The charge: the customer's PIN when it was sent to them, and whether to hold.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ChargeInput {
    pub purchase_id: String,
    pub pin: Option<String>,
    pub hold: bool,
}

impl std::fmt::Debug for ChargeInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ChargeInput")
            .field("purchase_id", &self.purchase_id)
            .field("hold", &self.hold)
            .finish_non_exhaustive()
    }
}

/// A value on a receipt line: our words (a Fluent id) or a text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ReceiptValueView {
    Text(String),
    Word(String),
}

/// One line of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReceiptLineView {
    Store {
        names: Vec<(Lang, String)>,
    },
    Title {
        id: String,
    },
    Field {
        label: String,
        value: ReceiptValueView,
    },
    Described {
        descriptions: Vec<(Lang, String)>,
        value: String,
    },
    Message {
        lang: Lang,
        text: String,
    },
    Rule,
}

/// A receipt: its printed languages (labels in each, joined by " / ") and its lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReceiptView {
    pub languages: Vec<Lang>,
    pub lines: Vec<ReceiptLineView>,
}

/// One purchase of the day on this terminal, from the journal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct PurchaseSummaryView {
    pub purchase_id: String,
    /// `sale` (captured at once) or `hold` (to capture later).
    pub kind: String,
    /// `HH:MM`, the store's local time.
    pub time: String,
    pub rep: String,
    pub customer_name: String,
    pub card_ending_in: String,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub plan_id: Option<u32>,
    pub term: Option<u32>,
    /// `submitting`, `outcome_unknown`, `done` or `refused`.
    pub state: String,
    pub flag: Option<String>,
    pub authorization_id: Option<u64>,
}

/// An operation after the sale (capture, release, return, refund) or freeing a purchase
/// whose outcome is unknown: the sale's reference, the amount (none: all that remains),
/// and the administrator's passphrase where `purchase.md` asks for an approval.
#[derive(Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct AfterSaleInput {
    /// The sale's (or hold's) reference, as the day's purchases list shows it.
    pub reference: String,
    pub amount: Option<String>,
    pub passphrase: Option<String>,
    /// Why (freeing a purchase needs one).
    pub reason: Option<String>,
}

impl std::fmt::Debug for AfterSaleInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("AfterSaleInput")
            .field("reference", &self.reference)
            .field("amount", &self.amount)
            .finish_non_exhaustive()
    }
}

/// One journaled operation, as the after-sale screens show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct OperationView {
    pub reference: String,
    pub purchase_id: String,
    /// `sale`, `hold`, `capture`, `release`, `return` or `refund`.
    pub kind: String,
    /// `submitting`, `outcome_unknown`, `done` or `refused`.
    pub state: String,
    #[ts(type = "number")]
    pub amount_cents: i64,
    pub plan_id: Option<u32>,
    pub term: Option<u32>,
    pub authorization_id: Option<u64>,
    pub capture_id: Option<u64>,
    pub return_id: Option<u64>,
    /// `HH:MM`, the store's local time of the first send.
    pub time: String,
    /// `YYYY-MM-DD`, the store's local day.
    pub local_date: String,
    pub rep: String,
    pub customer_name: String,
    pub card_ending_in: String,
    /// The refusal's error code.
    pub refused: Option<String>,
    pub flag: Option<String>,
    /// Approved by the administrator (the role recorded).
    pub approved_by: Option<String>,
    /// A plan purchase's last day for a return (`YYYY-MM-DD`, 100 days after the sale).
    pub return_until: Option<String>,
    /// A hold's age in days (the screens warn from day 7).
    #[ts(type = "number | null")]
    pub hold_age_days: Option<i64>,
}

/// The day's report: the journal's totals per rep and per plan, reconciled with Flexiti's
/// lists for the day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct DayReportView {
    /// `YYYY-MM-DD`, the store's local day.
    pub date: String,
    pub lines: Vec<ReportLineView>,
    /// Net of the day: sales and captures less releases, returns and refunds (cents).
    #[ts(type = "number")]
    pub net_cents: i64,
    /// What does not match between the journal and Flexiti, one line each.
    pub mismatches: Vec<ReportMismatchView>,
    /// Flexiti's lists answered (when false, the mismatches are not known).
    pub reconciled: bool,
}

/// Totals of one (rep, kind, plan) group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportLineView {
    pub rep: String,
    pub kind: String,
    /// `regular` or `plan-{id}-{term}`.
    pub option: String,
    pub count: u32,
    #[ts(type = "number")]
    pub total_cents: i64,
}

/// One difference between the journal and Flexiti.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
pub struct ReportMismatchView {
    /// `missing_at_flexiti` (done here, not found there), `unknown_here` (found there for
    /// a row not done here), `amount` (the amounts differ), `not_ours` (there, with no
    /// journal row of this terminal).
    pub problem: String,
    pub reference: Option<String>,
    pub authorization_id: Option<u64>,
    #[ts(type = "number | null")]
    pub journal_cents: Option<i64>,
    #[ts(type = "number | null")]
    pub flexiti_cents: Option<i64>,
}
