//! Money, rate and date cases that the Rust rules and the UI's `format.ts` must answer alike,
//! kept as JSON in `vectors/` so both languages' tests read the very same list.

use serde::Deserialize;

/// `vectors/money.json`.
pub const MONEY_JSON: &str = include_str!("../vectors/money.json");
/// `vectors/dates.json`.
pub const DATES_JSON: &str = include_str!("../vectors/dates.json");
/// `vectors/display.json`.
pub const DISPLAY_JSON: &str = include_str!("../vectors/display.json");

/// An amount in cents and how each language shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct ShownAmount {
    pub cents: i64,
    pub en: String,
    pub fr: String,
}

/// A rate in ten-thousandths and how each language shows it.
#[derive(Debug, Clone, Deserialize)]
pub struct ShownRate {
    pub ten_thousandths: i64,
    pub en: String,
    pub fr: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Display {
    pub money: Vec<ShownAmount>,
    pub rates: Vec<ShownRate>,
}

/// The display vectors.
pub fn display() -> Display {
    serde_json::from_str(DISPLAY_JSON).expect("vectors/display.json")
}

/// How a rule refuses a text, as the UI names it (`pos_core::FieldProblem` in Rust).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Problem {
    Required,
    Invalid,
    WrongFormat,
}

/// Texts refused with the same problem, for the same reason.
#[derive(Debug, Clone, Deserialize)]
pub struct Rejected {
    /// Why, in words; tests pick a group by it.
    pub why: String,
    pub problem: Problem,
    pub texts: Vec<String>,
}

/// An amount typed and the cents it means.
#[derive(Debug, Clone, Deserialize)]
pub struct Amount {
    pub text: String,
    pub cents: u64,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Money {
    pub accepted: Vec<Amount>,
    pub rejected: Vec<Rejected>,
}

/// A date typed, the calendar date it is (`YYYY-MM-DD`), and the date in words.
#[derive(Debug, Clone, Deserialize)]
pub struct Date {
    pub text: String,
    pub date: String,
    pub en: String,
    pub fr: String,
}

#[derive(Debug, Clone, Deserialize)]
pub struct Dates {
    pub valid: Vec<Date>,
    pub rejected: Vec<Rejected>,
}

/// The money vectors.
pub fn money() -> Money {
    serde_json::from_str(MONEY_JSON).expect("vectors/money.json")
}

/// The date vectors.
pub fn dates() -> Dates {
    serde_json::from_str(DATES_JSON).expect("vectors/dates.json")
}

/// The texts of the group of `rejected` whose `why` is `why`; panics if there is none,
/// so a renamed group fails the test instead of emptying it.
pub fn rejected<'a>(rejected: &'a [Rejected], why: &str) -> &'a Rejected {
    rejected
        .iter()
        .find(|r| r.why == why)
        .unwrap_or_else(|| panic!("no group {why:?} in the vectors"))
}
