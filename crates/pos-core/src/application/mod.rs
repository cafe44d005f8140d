//! Validation of a whole credit application, as the contract's "Credit application"
//! section states it.
//!
//! The same [`validate`] runs in the app (to show the rep every problem before sending)
//! and in the emulator (to answer `409 wrong_inputs` with one `field_errors` entry per
//! failing field, all at once). It returns at most one [`FieldError`] per field, in
//! [`crate::FIELDS`] order, so both sides produce the same list for the same input.
//!
//! `tos_agreement` is deliberately not checked here: the contract answers a missing
//! agreement with its own business error (`409 tos_agreement_required`), not a field
//! error, so the caller handles it.

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Months, NaiveDate};

use crate::field::Field;
pub use crate::field::{max_chars, FIELDS, REQUIRED_FIELDS};
use crate::rules::{
    check_text, is_of_age, normalize_phone, normalize_postal_code, normalize_sin, parse_amount,
    parse_iso_date, postal_code_matches_province, validate_email, FieldProblem, Province,
};

/// One application as typed: every field the text the rep entered (None = absent).
/// Personal data: `Debug` prints no value (see the impl below).
#[derive(Clone, Default, PartialEq)]
pub struct ApplicationInput {
    pub salutation: Option<String>,
    pub first_name: Option<String>,
    pub middle_name: Option<String>,
    pub last_name: Option<String>,
    pub dob: Option<String>,
    pub postal_code: Option<String>,
    pub sin: Option<String>,
    pub email: Option<String>,
    pub phone_number: Option<String>,
    pub address_1: Option<String>,
    pub address_2: Option<String>,
    pub city: Option<String>,
    pub province: Option<String>,
    pub housing_type: Option<String>,
    pub monthly_housing_payment: Option<String>,
    pub years_at_address: Option<String>,
    pub occupation: Option<String>,
    pub employer_name: Option<String>,
    pub annual_income: Option<String>,
    pub govid_type: Option<String>,
    pub govid_issuedby: Option<String>,
    pub govid_number: Option<String>,
    pub govid_expiry: Option<String>,
    pub security_qid: Option<String>,
    pub security_answer: Option<String>,
    pub insurance: Option<bool>,
    pub qcpa_disclosure: Option<bool>,
    pub tos_agreement: Option<bool>,
    pub tos_version: Option<String>,
    pub amount_requested: Option<String>,
    pub account_type: Option<String>,
    pub lang: Option<String>,
    pub external_location_id: Option<String>,
    pub external_employee_id: Option<String>,
}

/// Never the answers: this struct is an applicant's personal data, and a `{:?}` must not
/// carry it into a log.
impl std::fmt::Debug for ApplicationInput {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ApplicationInput").finish_non_exhaustive()
    }
}

/// The option lists the form offers (codes only). An empty set means "the list is
/// unknown: accept any non-empty text".
#[derive(Debug, Clone, Default)]
pub struct FormOptions {
    pub salutation: BTreeSet<String>,
    pub security_qid: BTreeSet<String>,
    pub govid_type: BTreeSet<String>,
    /// Issuers allowed for each `govid_type` code (`option_depends`). A type missing
    /// from the map, or mapped to an empty set, accepts any non-empty issuer.
    pub govid_issuedby: BTreeMap<String, BTreeSet<String>>,
    pub occupation: BTreeSet<String>,
    pub housing_type: BTreeSet<String>,
}

/// One failing field: `param` is one of [`crate::FIELDS`], `problem` becomes the wire `msg`.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{param}: {problem}")]
pub struct FieldError {
    pub param: &'static str,
    pub problem: FieldProblem,
}

/// Applicants older than this are taken to be a typing error.
const MAX_AGE_YEARS: u32 = 120;
/// Longest plausible time at one address.
const MAX_YEARS_AT_ADDRESS: u32 = 120;
/// Age of majority used when the province itself is missing or invalid.
const DEFAULT_AGE_OF_MAJORITY: u32 = 18;

/// Validates a whole application against the contract's rules, with `today` the store's
/// local date. Returns every failure at once, at most one per field, in [`crate::FIELDS`] order;
/// an empty list means the application may be sent. A blank string counts as absent.
pub fn validate(
    input: &ApplicationInput,
    options: &FormOptions,
    today: NaiveDate,
) -> Vec<FieldError> {
    let mut errors = Vec::new();
    let mut check = |param: &'static str, result: Result<(), FieldProblem>| {
        if let Err(problem) = result {
            errors.push(FieldError { param, problem });
        }
    };

    let province = present(&input.province).and_then(Province::from_code);
    let govid_type = present(&input.govid_type).filter(|t| in_options(t, &options.govid_type));

    check(
        "salutation",
        required(&input.salutation).and_then(|v| one_of(v, &options.salutation)),
    );
    check("first_name", required_text(&input.first_name, "first_name"));
    check(
        "middle_name",
        optional_text(&input.middle_name, "middle_name"),
    );
    check("last_name", required_text(&input.last_name, "last_name"));
    check(
        "dob",
        required(&input.dob).and_then(|v| check_dob(v, province, today)),
    );
    check(
        "postal_code",
        required(&input.postal_code).and_then(|v| check_postal(v, province)),
    );
    check("sin", optional(&input.sin, |v| normalize_sin(v).map(drop)));
    check("email", required(&input.email).and_then(validate_email));
    check(
        "phone_number",
        required(&input.phone_number).and_then(|v| normalize_phone(v).map(drop)),
    );
    check("address_1", required_text(&input.address_1, "address_1"));
    check("address_2", optional_text(&input.address_2, "address_2"));
    check("city", required_text(&input.city, "city"));
    check(
        "province",
        required(&input.province).and_then(|v| {
            Province::from_code(v)
                .map(drop)
                .ok_or(FieldProblem::Invalid)
        }),
    );
    check(
        "housing_type",
        required(&input.housing_type).and_then(|v| one_of(v, &options.housing_type)),
    );
    check(
        "monthly_housing_payment",
        required(&input.monthly_housing_payment).and_then(|v| parse_amount(v).map(drop)),
    );
    check(
        "years_at_address",
        required(&input.years_at_address).and_then(check_years_at_address),
    );
    check(
        "occupation",
        required(&input.occupation).and_then(|v| one_of(v, &options.occupation)),
    );
    check(
        "employer_name",
        optional_text(&input.employer_name, "employer_name"),
    );
    check(
        "annual_income",
        required(&input.annual_income).and_then(|v| parse_amount(v).map(drop)),
    );
    check(
        "govid_type",
        required(&input.govid_type).and_then(|v| one_of(v, &options.govid_type)),
    );
    check(
        "govid_issuedby",
        required(&input.govid_issuedby).and_then(|v| {
            match govid_type.and_then(|t| options.govid_issuedby.get(t)) {
                Some(issuers) => one_of(v, issuers),
                // Unknown or invalid type: nothing to check the issuer against.
                None => Ok(()),
            }
        }),
    );
    check(
        "govid_number",
        required_text(&input.govid_number, "govid_number"),
    );
    check(
        "govid_expiry",
        required(&input.govid_expiry).and_then(|v| check_expiry(v, today)),
    );
    check(
        "security_qid",
        required(&input.security_qid).and_then(|v| one_of(v, &options.security_qid)),
    );
    check(
        "security_answer",
        required_text(&input.security_answer, "security_answer"),
    );
    // insurance: any value, or none.
    check(
        "qcpa_disclosure",
        if province.is_some_and(Province::is_quebec) && input.qcpa_disclosure != Some(true) {
            Err(FieldProblem::Required)
        } else {
            Ok(())
        },
    );
    // tos_agreement: the caller's business error, not a field error.
    check(
        "tos_version",
        optional_text(&input.tos_version, "tos_version"),
    );
    check(
        "amount_requested",
        optional(&input.amount_requested, |v| match parse_amount(v)? {
            amount if amount.0 == 0 => Err(FieldProblem::Invalid),
            _ => Ok(()),
        }),
    );
    check(
        "account_type",
        optional(&input.account_type, |v| fixed(v, &["consumer", "business"])),
    );
    check("lang", optional(&input.lang, |v| fixed(v, &["en", "fr"])));
    check(
        "external_location_id",
        required_text(&input.external_location_id, "external_location_id"),
    );
    check(
        "external_employee_id",
        optional_text(&input.external_employee_id, "external_employee_id"),
    );

    // The checks above run in the order the rules need; the answer is in field order.
    errors.sort_by_key(|error| Field::parse(error.param));
    errors
}

/// The trimmed text of a field, or `None` when absent or blank.
fn present(value: &Option<String>) -> Option<&str> {
    value.as_deref().map(str::trim).filter(|v| !v.is_empty())
}

fn required(value: &Option<String>) -> Result<&str, FieldProblem> {
    present(value).ok_or(FieldProblem::Required)
}

fn optional(
    value: &Option<String>,
    rule: impl FnOnce(&str) -> Result<(), FieldProblem>,
) -> Result<(), FieldProblem> {
    present(value).map_or(Ok(()), rule)
}

fn limit(param: &str) -> usize {
    // Every caller passes a free-text field, which `max_chars` knows; 0 would make a
    // forgotten one fail loudly in tests rather than accept anything.
    max_chars(param).unwrap_or(0)
}

fn required_text(value: &Option<String>, param: &str) -> Result<(), FieldProblem> {
    required(value).and_then(|v| check_text(v, limit(param)))
}

fn optional_text(value: &Option<String>, param: &str) -> Result<(), FieldProblem> {
    optional(value, |v| check_text(v, limit(param)))
}

fn in_options(value: &str, options: &BTreeSet<String>) -> bool {
    options.is_empty() || options.contains(value)
}

fn one_of(value: &str, options: &BTreeSet<String>) -> Result<(), FieldProblem> {
    if in_options(value, options) {
        Ok(())
    } else {
        Err(FieldProblem::Invalid)
    }
}

fn fixed(value: &str, allowed: &[&str]) -> Result<(), FieldProblem> {
    if allowed.contains(&value) {
        Ok(())
    } else {
        Err(FieldProblem::Invalid)
    }
}

fn check_dob(
    value: &str,
    province: Option<Province>,
    today: NaiveDate,
) -> Result<(), FieldProblem> {
    let dob = parse_iso_date(value)?;
    let oldest = today.checked_sub_months(Months::new(MAX_AGE_YEARS * 12));
    if dob > today || oldest.is_some_and(|oldest| dob < oldest) {
        return Err(FieldProblem::Invalid);
    }
    let of_age = match province {
        Some(p) => is_of_age(dob, p, today),
        None => i64::from(crate::rules::age_on(dob, today)) >= i64::from(DEFAULT_AGE_OF_MAJORITY),
    };
    if of_age {
        Ok(())
    } else {
        Err(FieldProblem::Invalid)
    }
}

fn check_postal(value: &str, province: Option<Province>) -> Result<(), FieldProblem> {
    let normalized = normalize_postal_code(value)?;
    match province {
        Some(p) if !postal_code_matches_province(&normalized, p) => Err(FieldProblem::Invalid),
        _ => Ok(()),
    }
}

fn check_years_at_address(value: &str) -> Result<(), FieldProblem> {
    if !value.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldProblem::WrongFormat);
    }
    let significant = value.trim_start_matches('0');
    // More than 3 significant digits is above 120 whatever they are (and cannot overflow).
    let years = if significant.len() > 3 {
        u32::MAX
    } else {
        significant
            .bytes()
            .fold(0u32, |acc, b| acc * 10 + u32::from(b - b'0'))
    };
    if years > MAX_YEARS_AT_ADDRESS {
        Err(FieldProblem::Invalid)
    } else {
        Ok(())
    }
}

fn check_expiry(value: &str, today: NaiveDate) -> Result<(), FieldProblem> {
    if parse_iso_date(value)? < today {
        Err(FieldProblem::Invalid)
    } else {
        Ok(())
    }
}

#[cfg(test)]
mod tests;
