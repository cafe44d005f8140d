//! What the purchase routes record: verification PINs, authorizations with their
//! captures, returns and refunds, and wrong security answers; with the JSON shapes of
//! `purchase.md` they are answered in. The rules that decide live in the handlers.

use chrono::{DateTime, Utc};
use pos_core::money::Money;
use serde::Serialize;
use serde_json::{json, Value};

/// `YYYY-MM-DDThh:mm:ssZ`, the contract's times.
pub fn timestamp(at: DateTime<Utc>) -> String {
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn money(value: Money) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// How a customer is verified (`verify`'s `format`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyFormat {
    Sms,
    Email,
    SecurityQuestion,
    RegularPurchaseBypass,
    MerchantOverride,
}

impl VerifyFormat {
    pub fn parse(text: &str) -> Option<Self> {
        Some(match text {
            "sms" => VerifyFormat::Sms,
            "email" => VerifyFormat::Email,
            "security_question" => VerifyFormat::SecurityQuestion,
            "regular_purchase_bypass" => VerifyFormat::RegularPurchaseBypass,
            "merchant_override" => VerifyFormat::MerchantOverride,
            _ => return None,
        })
    }
}

/// Where a PIN stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum PinState {
    Live,
    /// Consumed by a successful authorization.
    Used,
    /// Past its lifetime.
    Expired,
    /// After 3 wrong codes.
    Dropped,
}

/// One PIN issued by `verify`, bound to (account, `request_id`).
#[derive(Debug, Clone)]
pub struct Pin {
    pub account_number: u64,
    pub request_id: String,
    pub format: VerifyFormat,
    pub pin: String,
    /// The masked phone or email it went to (sms, email only).
    pub sent_to: Option<String>,
    pub issued_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    /// Live, used or dropped; "expired" is read from the clock.
    pub state: PinState,
    pub wrong_codes: u8,
}

impl Pin {
    pub fn state_at(&self, now: DateTime<Utc>) -> PinState {
        match self.state {
            PinState::Live if now >= self.expires_at => PinState::Expired,
            state => state,
        }
    }
}

/// A PIN as the controls show it (tests and the app's Sandbox banner; never the API).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PinRecord {
    pub request_id: String,
    pub format: VerifyFormat,
    pub pin: String,
    pub sent_to: Option<String>,
    pub issued_at: String,
    pub expires_at: String,
    pub state: PinState,
}

/// A regular (revolving) purchase or a promotional plan.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransactionType {
    Regular,
    Promotional,
}

impl TransactionType {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "regular_purchase" => Some(TransactionType::Regular),
            "promotional_purchase" => Some(TransactionType::Promotional),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            TransactionType::Regular => "regular_purchase",
            TransactionType::Promotional => "promotional_purchase",
        }
    }
}

/// One capture of an authorization, and what is left of it to return or refund.
#[derive(Debug, Clone)]
pub struct Capture {
    pub capture_id: u64,
    pub authorization_id: u64,
    pub reference: String,
    pub amount: Money,
    pub date: DateTime<Utc>,
    /// The capture's amount less what was returned or refunded.
    pub remaining: Money,
    pub store: String,
}

impl Capture {
    pub fn to_json(&self) -> Value {
        json!({
            "capture_id": self.capture_id,
            "reference": self.reference,
            "amount": money(self.amount),
            "date": timestamp(self.date),
            "remaining_capture_amount": money(self.remaining),
        })
    }

    /// The `captures` list's item.
    pub fn list_item(&self) -> Value {
        json!({
            "capture_id": self.capture_id,
            "authorization_id": self.authorization_id,
            "reference": self.reference,
            "amount": money(self.amount),
            "date": timestamp(self.date),
            "remaining_capture_amount": money(self.remaining),
            "external_location_id": self.store,
        })
    }
}

/// One authorization (a sale or a hold) of one client id.
#[derive(Debug, Clone)]
pub struct Authorization {
    pub authorization_id: u64,
    pub client_id: String,
    pub reference: String,
    pub account_number: u64,
    pub transaction_type: TransactionType,
    /// `financing_option` as answered (plan name, payment, rates, fees).
    pub financing_option: Value,
    pub amount: Money,
    pub captured: Money,
    pub released: Money,
    pub creation_date: DateTime<Utc>,
    pub store: String,
    pub employee: String,
    pub captures: Vec<Capture>,
}

impl Authorization {
    /// What is left to capture.
    pub fn remaining(&self) -> Money {
        Money::from_cents(self.amount.cents() - self.captured.cents() - self.released.cents())
    }

    /// `opened` while something remains to capture, else `closed`.
    pub fn status(&self) -> &'static str {
        if self.remaining() > Money::ZERO {
            "opened"
        } else {
            "closed"
        }
    }

    pub fn to_json(&self) -> Value {
        json!({
            "authorization_id": self.authorization_id,
            "reference": self.reference,
            "account_number": self.account_number,
            "status": self.status(),
            "amount": money(self.amount),
            "captured_amount": money(self.captured),
            "released_amount": money(self.released),
            "remaining_authorization_amount": money(self.remaining()),
            "creation_date": timestamp(self.creation_date),
            "external_location_id": self.store,
            "external_employee_id": self.employee,
            "financing_option": self.financing_option,
            "captures": self.captures.iter().map(Capture::to_json).collect::<Vec<_>>(),
        })
    }
}

/// Everything the purchase routes recorded since start or reset.
#[derive(Debug, Default)]
pub struct Ledger {
    pub pins: Vec<Pin>,
    pub authorizations: Vec<Authorization>,
    /// Wrong security answers: (account, customer id of the card holder, when).
    pub wrong_answers: Vec<(u64, String, DateTime<Utc>)>,
    next_authorization: u64,
    next_capture: u64,
    next_return: u64,
}

impl Ledger {
    /// Authorization ids start at 12343 (Flexiti's example), captures at 346123.
    pub fn next_authorization_id(&mut self) -> u64 {
        self.next_authorization += 1;
        12_342 + self.next_authorization
    }

    pub fn next_capture_id(&mut self) -> u64 {
        self.next_capture += 1;
        346_122 + self.next_capture
    }

    /// Return ids, up to 16 digits.
    pub fn next_return_id(&mut self) -> u64 {
        self.next_return += 1;
        7_000_000_000 + self.next_return
    }

    /// The authorization `id` of `client_id`.
    pub fn authorization_mut(&mut self, client_id: &str, id: u64) -> Option<&mut Authorization> {
        self.authorizations
            .iter_mut()
            .find(|a| a.authorization_id == id && a.client_id == client_id)
    }

    /// Every PIN of `account`, newest first, as the controls show them.
    pub fn pins_of(&self, account: u64, now: DateTime<Utc>) -> Vec<PinRecord> {
        self.pins
            .iter()
            .rev()
            .filter(|p| p.account_number == account)
            .map(|p| PinRecord {
                request_id: p.request_id.clone(),
                format: p.format,
                pin: p.pin.clone(),
                sent_to: p.sent_to.clone(),
                issued_at: timestamp(p.issued_at),
                expires_at: timestamp(p.expires_at),
                state: p.state_at(now),
            })
            .collect()
    }
}
