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

pub use crate::field::{max_chars, FIELDS, REQUIRED_FIELDS};
use crate::field::Field;
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
mod tests {
    use super::*;
    use FieldProblem::*;

    /// Sets one field of an application (table-driven tests).
    type SetField = fn(&mut ApplicationInput, Option<String>);
    /// Changes an application in one place (table-driven tests).
    type Change = fn(&mut ApplicationInput);

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
    }

    fn s(v: &str) -> Option<String> {
        Some(v.to_string())
    }

    fn set(items: &[&str]) -> BTreeSet<String> {
        items.iter().map(|i| i.to_string()).collect()
    }

    /// The option lists of the seed (codes only).
    fn seed_options() -> FormOptions {
        let provinces = [
            "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
        ];
        let mut issuers = BTreeMap::new();
        issuers.insert("CADL".to_string(), set(&provinces));
        issuers.insert(
            "CAHC".to_string(),
            set(&["BC", "NB", "NL", "NT", "NU", "QC", "SK", "YT"]),
        );
        issuers.insert("CAPID".to_string(), set(&["ON"]));
        issuers.insert("CAP".to_string(), set(&["CANADA"]));
        FormOptions {
            salutation: set(&["mr", "mrs", "ms", "miss", "dr"]),
            security_qid: set(&["1", "2", "3", "4", "5", "6"]),
            govid_type: set(&["CADL", "CAHC", "CAPID", "CAP"]),
            govid_issuedby: issuers,
            occupation: set(&[
                "FE", "PE", "SE", "RT", "ST", "HM", "DS", "SW", "UE", "UW", "OT",
            ]),
            housing_type: set(&["Rent", "Owned", "Relatives", "Other"]),
        }
    }

    /// The contract's example application, with the rep's text.
    fn john_smith() -> ApplicationInput {
        ApplicationInput {
            salutation: s("mr"),
            first_name: s("John"),
            middle_name: s(""),
            last_name: s("Smith"),
            dob: s("1988-07-24"),
            postal_code: s("M5J2H7"),
            sin: s("130692544"),
            email: s("john@example.com"),
            phone_number: s("4165550123"),
            address_1: s("55 University Ave"),
            address_2: s(""),
            city: s("Toronto"),
            province: s("ON"),
            housing_type: s("Rent"),
            monthly_housing_payment: s("1450.00"),
            years_at_address: s("3"),
            occupation: s("FE"),
            employer_name: s("Acme"),
            annual_income: s("55000"),
            govid_type: s("CADL"),
            govid_issuedby: s("ON"),
            govid_number: s("D6101-40706-60905"),
            govid_expiry: s("2029-05-15"),
            security_qid: s("6"),
            security_answer: s("Rainbow"),
            insurance: Some(false),
            qcpa_disclosure: Some(false),
            tos_agreement: Some(true),
            tos_version: s("2024-01"),
            amount_requested: s("2500.00"),
            account_type: s("consumer"),
            lang: s("en"),
            external_location_id: s("00-12345"),
            external_employee_id: s("12345-SMITH"),
        }
    }

    fn errors_of(input: &ApplicationInput) -> Vec<(&'static str, FieldProblem)> {
        validate(input, &seed_options(), today())
            .into_iter()
            .map(|e| (e.param, e.problem))
            .collect()
    }

    fn only_error(input: &ApplicationInput) -> Option<(&'static str, FieldProblem)> {
        let errors = errors_of(input);
        assert!(errors.len() <= 1, "more than one error: {errors:?}");
        errors.into_iter().next()
    }

    #[test]
    fn complete_valid_application_has_no_errors() {
        assert_eq!(errors_of(&john_smith()), vec![]);
        // ...and with unknown option lists too.
        assert_eq!(
            validate(&john_smith(), &FormOptions::default(), today()),
            vec![]
        );
    }

    #[test]
    fn minimal_valid_application_has_no_errors() {
        let input = ApplicationInput {
            middle_name: None,
            sin: None,
            address_2: None,
            employer_name: None,
            insurance: None,
            qcpa_disclosure: None,
            tos_agreement: None,
            tos_version: None,
            amount_requested: None,
            account_type: None,
            lang: None,
            external_employee_id: None,
            ..john_smith()
        };
        assert_eq!(errors_of(&input), vec![]);
    }

    #[test]
    fn empty_input_lists_exactly_the_required_fields() {
        let errors = errors_of(&ApplicationInput::default());
        let expected = [
            "salutation",
            "first_name",
            "last_name",
            "dob",
            "email",
            "phone_number",
            "address_1",
            "city",
            "province",
            "postal_code",
            "housing_type",
            "monthly_housing_payment",
            "years_at_address",
            "occupation",
            "annual_income",
            "govid_type",
            "govid_issuedby",
            "govid_number",
            "govid_expiry",
            "security_qid",
            "security_answer",
            "external_location_id",
        ];
        let expected: Vec<(&str, FieldProblem)> = expected.iter().map(|p| (*p, Required)).collect();
        assert_eq!(errors, expected);
        assert_eq!(
            errors.iter().map(|(p, _)| *p).collect::<Vec<_>>(),
            REQUIRED_FIELDS
        );
    }

    #[test]
    fn blank_strings_count_as_absent() {
        let blank = s("  \t ");
        let input = ApplicationInput {
            salutation: blank.clone(),
            first_name: blank.clone(),
            last_name: blank.clone(),
            dob: blank.clone(),
            postal_code: blank.clone(),
            sin: blank.clone(),
            email: blank.clone(),
            phone_number: blank.clone(),
            address_1: blank.clone(),
            address_2: blank.clone(),
            city: blank.clone(),
            province: blank.clone(),
            housing_type: blank.clone(),
            monthly_housing_payment: blank.clone(),
            years_at_address: blank.clone(),
            occupation: blank.clone(),
            employer_name: blank.clone(),
            annual_income: blank.clone(),
            govid_type: blank.clone(),
            govid_issuedby: blank.clone(),
            govid_number: blank.clone(),
            govid_expiry: blank.clone(),
            security_qid: blank.clone(),
            security_answer: blank.clone(),
            tos_version: blank.clone(),
            amount_requested: blank.clone(),
            account_type: blank.clone(),
            lang: blank.clone(),
            external_location_id: blank.clone(),
            external_employee_id: blank.clone(),
            middle_name: blank,
            ..ApplicationInput::default()
        };
        assert_eq!(errors_of(&input), errors_of(&ApplicationInput::default()));
    }

    #[test]
    fn fields_lists_every_struct_field_once() {
        assert_eq!(FIELDS.len(), 34);
        let unique: BTreeSet<&str> = FIELDS.iter().copied().collect();
        assert_eq!(unique.len(), FIELDS.len());
        // REQUIRED_FIELDS is a subsequence of FIELDS (same order).
        let mut it = FIELDS.iter();
        for r in REQUIRED_FIELDS {
            assert!(it.any(|f| f == r), "{r} out of order or unknown");
        }
    }

    #[test]
    fn every_text_field_has_a_limit() {
        for f in [
            "first_name",
            "middle_name",
            "last_name",
            "address_1",
            "address_2",
            "city",
            "employer_name",
            "govid_number",
            "security_answer",
            "external_location_id",
            "external_employee_id",
            "tos_version",
        ] {
            assert!(max_chars(f).is_some_and(|n| n > 0), "{f}");
        }
        assert_eq!(max_chars("province"), None);
    }

    #[test]
    fn all_failures_at_once_in_fields_order() {
        let input = ApplicationInput {
            first_name: s(&"J".repeat(81)),
            postal_code: s("H2X1Y4"),
            phone_number: s("0165550123"),
            sin: s("130692545"),
            lang: s("de"),
            ..john_smith()
        };
        assert_eq!(
            errors_of(&input),
            vec![
                ("first_name", Length),
                ("sin", Invalid),
                ("phone_number", Invalid),
                ("postal_code", Invalid),
                ("lang", Invalid),
            ]
        );
    }

    #[test]
    fn quebec_resident_needs_qcpa_disclosure() {
        let quebec = ApplicationInput {
            postal_code: s("H2X 1Y4"),
            city: s("Montréal"),
            province: s("QC"),
            address_1: s("1234, rue Saint-Denis"),
            govid_issuedby: s("QC"),
            lang: s("fr"),
            qcpa_disclosure: Some(true),
            ..john_smith()
        };
        assert_eq!(errors_of(&quebec), vec![]);
        for missing in [None, Some(false)] {
            let input = ApplicationInput {
                qcpa_disclosure: missing,
                ..quebec.clone()
            };
            assert_eq!(only_error(&input), Some(("qcpa_disclosure", Required)));
        }
        // Outside Quebec it is not needed.
        let ontario = ApplicationInput {
            qcpa_disclosure: None,
            ..john_smith()
        };
        assert_eq!(only_error(&ontario), None);
        // 18 is the age of majority in Quebec.
        let young = ApplicationInput {
            dob: s("2008-11-23"),
            ..quebec
        };
        assert_eq!(only_error(&young), None);
    }

    #[test]
    fn postal_code_first_letter_must_match_province() {
        let input = ApplicationInput {
            postal_code: s("V6B 1A1"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("postal_code", Invalid)));
        let bc = ApplicationInput {
            province: s("BC"),
            ..input
        };
        assert_eq!(only_error(&bc), None);
    }

    #[test]
    fn postal_code_malformed_is_wrong_format() {
        let input = ApplicationInput {
            postal_code: s("M5J2H"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("postal_code", WrongFormat)));
    }

    #[test]
    fn invalid_province_skips_postal_match_and_uses_eighteen() {
        let input = ApplicationInput {
            province: s("on"),
            postal_code: s("V6B1A1"),
            dob: s("2008-11-23"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("province", Invalid)));
        let input = ApplicationInput {
            dob: s("2008-11-24"),
            ..input
        };
        assert_eq!(
            errors_of(&input),
            vec![("dob", Invalid), ("province", Invalid)]
        );
    }

    #[test]
    fn nineteen_in_bc_eighteen_in_on() {
        let eighteen_today = s("2008-11-23");
        let on = ApplicationInput {
            dob: eighteen_today.clone(),
            ..john_smith()
        };
        assert_eq!(only_error(&on), None);
        let bc = ApplicationInput {
            dob: eighteen_today,
            province: s("BC"),
            postal_code: s("V6B1A1"),
            govid_issuedby: s("BC"),
            ..john_smith()
        };
        assert_eq!(only_error(&bc), Some(("dob", Invalid)));
        let bc_nineteen = ApplicationInput {
            dob: s("2007-11-23"),
            ..bc
        };
        assert_eq!(only_error(&bc_nineteen), None);
    }

    #[test]
    fn dob_under_age_is_invalid() {
        let input = ApplicationInput {
            dob: s("2008-11-24"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("dob", Invalid)));
    }

    #[test]
    fn dob_in_future_or_over_120_years_is_invalid() {
        for dob in ["2026-11-24", "2100-01-01", "1906-11-22", "1800-01-01"] {
            let input = ApplicationInput {
                dob: s(dob),
                ..john_smith()
            };
            assert_eq!(only_error(&input), Some(("dob", Invalid)), "{dob}");
        }
        let exactly_120 = ApplicationInput {
            dob: s("1906-11-23"),
            ..john_smith()
        };
        assert_eq!(only_error(&exactly_120), None);
    }

    #[test]
    fn dob_not_a_date_is_wrong_format() {
        for dob in ["1988-02-30", "24/07/1988", "1988-7-24"] {
            let input = ApplicationInput {
                dob: s(dob),
                ..john_smith()
            };
            assert_eq!(only_error(&input), Some(("dob", WrongFormat)), "{dob}");
        }
    }

    #[test]
    fn sin_is_optional_but_checked_when_given() {
        let cases = [
            (None, None),
            (s(""), None),
            (s("130 692 544"), None),
            (s("130692545"), Some(("sin", Invalid))),
            (s("046454286"), Some(("sin", Invalid))),
            (s("13069254"), Some(("sin", WrongFormat))),
        ];
        for (sin, expected) in cases {
            let input = ApplicationInput {
                sin: sin.clone(),
                ..john_smith()
            };
            assert_eq!(only_error(&input), expected, "{sin:?}");
        }
    }

    #[test]
    fn email_and_phone_use_their_rules() {
        let input = ApplicationInput {
            email: s("john@example"),
            phone_number: s("(416) 555-0123"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("email", WrongFormat)));
        let input = ApplicationInput {
            phone_number: s("416555012"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("phone_number", WrongFormat)));
    }

    #[test]
    fn text_lengths_per_field() {
        let cases: [(&str, usize, SetField); 12] = [
            ("first_name", 80, |i, v| i.first_name = v),
            ("middle_name", 80, |i, v| i.middle_name = v),
            ("last_name", 130, |i, v| i.last_name = v),
            ("address_1", 250, |i, v| i.address_1 = v),
            ("address_2", 100, |i, v| i.address_2 = v),
            ("city", 100, |i, v| i.city = v),
            ("employer_name", 100, |i, v| i.employer_name = v),
            ("govid_number", 30, |i, v| i.govid_number = v),
            ("security_answer", 100, |i, v| i.security_answer = v),
            ("external_location_id", 50, |i, v| {
                i.external_location_id = v
            }),
            ("external_employee_id", 50, |i, v| {
                i.external_employee_id = v
            }),
            ("tos_version", 20, |i, v| i.tos_version = v),
        ];
        for (param, max, set_field) in cases {
            let mut input = john_smith();
            set_field(&mut input, s(&"é".repeat(max)));
            assert_eq!(only_error(&input), None, "{param} at {max}");
            set_field(&mut input, s(&"é".repeat(max + 1)));
            assert_eq!(
                only_error(&input),
                Some((param, Length)),
                "{param} over {max}"
            );
            set_field(&mut input, s("a\u{202E}b"));
            assert_eq!(only_error(&input), Some((param, Invalid)), "{param} bidi");
        }
    }

    #[test]
    fn names_accept_accents_apostrophes_and_test_keys() {
        let input = ApplicationInput {
            first_name: s("Zoë-Anne"),
            middle_name: s("A-RR_L"),
            last_name: s("D'Aragon-Lévesque"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), None);
        let input = ApplicationInput {
            last_name: s("Smith\u{0007}"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("last_name", Invalid)));
    }

    #[test]
    fn options_must_be_offered_when_known() {
        let cases: [(&str, Change); 5] = [
            ("salutation", |i| i.salutation = s("sir")),
            ("housing_type", |i| i.housing_type = s("Castle")),
            ("occupation", |i| i.occupation = s("XX")),
            ("govid_type", |i| i.govid_type = s("PASSPORT")),
            ("security_qid", |i| i.security_qid = s("99")),
        ];
        for (param, change) in cases {
            let mut input = john_smith();
            change(&mut input);
            assert_eq!(only_error(&input), Some((param, Invalid)), "{param}");
            // An unknown list accepts any non-empty text.
            assert_eq!(validate(&input, &FormOptions::default(), today()), vec![]);
        }
    }

    #[test]
    fn govid_issuedby_must_fit_govid_type() {
        let input = ApplicationInput {
            govid_type: s("CAPID"),
            govid_issuedby: s("QC"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("govid_issuedby", Invalid)));
        let input = ApplicationInput {
            govid_type: s("CAP"),
            govid_issuedby: s("CANADA"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), None);
        // No check when the type itself is invalid: only the type is reported.
        let input = ApplicationInput {
            govid_type: s("PASSPORT"),
            govid_issuedby: s("ZZ"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("govid_type", Invalid)));
        // Still required when the type is missing.
        let input = ApplicationInput {
            govid_type: None,
            govid_issuedby: None,
            ..john_smith()
        };
        assert_eq!(
            errors_of(&input),
            vec![("govid_type", Required), ("govid_issuedby", Required)]
        );
        // A type the map does not know accepts any issuer.
        let mut options = seed_options();
        options.govid_type.insert("CALCB".to_string());
        let input = ApplicationInput {
            govid_type: s("CALCB"),
            govid_issuedby: s("anything"),
            ..john_smith()
        };
        assert_eq!(validate(&input, &options, today()), vec![]);
    }

    #[test]
    fn govid_expiry_in_the_past_is_invalid() {
        let cases = [
            ("2026-11-22", Some(("govid_expiry", Invalid))),
            ("2026-11-23", None),
            ("2026-13-01", Some(("govid_expiry", WrongFormat))),
        ];
        for (expiry, expected) in cases {
            let input = ApplicationInput {
                govid_expiry: s(expiry),
                ..john_smith()
            };
            assert_eq!(only_error(&input), expected, "{expiry}");
        }
    }

    #[test]
    fn amounts_use_parse_amount() {
        let input = ApplicationInput {
            monthly_housing_payment: s("1 450,00"),
            annual_income: s("55,000.00"),
            amount_requested: s("2500"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), None);
        let input = ApplicationInput {
            annual_income: s("-55000"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), Some(("annual_income", Invalid)));
        let input = ApplicationInput {
            monthly_housing_payment: s("1450.005"),
            ..john_smith()
        };
        assert_eq!(
            only_error(&input),
            Some(("monthly_housing_payment", WrongFormat))
        );
        // Zero is a fine payment or income...
        let input = ApplicationInput {
            monthly_housing_payment: s("0"),
            annual_income: s("0.00"),
            ..john_smith()
        };
        assert_eq!(only_error(&input), None);
    }

    #[test]
    fn amount_requested_must_be_positive_when_given() {
        for (amount, expected) in [
            ("0", Some(("amount_requested", Invalid))),
            ("0,00", Some(("amount_requested", Invalid))),
            ("0.01", None),
            ("abc", Some(("amount_requested", WrongFormat))),
        ] {
            let input = ApplicationInput {
                amount_requested: s(amount),
                ..john_smith()
            };
            assert_eq!(only_error(&input), expected, "{amount}");
        }
    }

    #[test]
    fn years_at_address_is_an_integer_up_to_120() {
        for (years, expected) in [
            ("0", None),
            (" 120 ", None),
            ("007", None),
            ("121", Some(("years_at_address", Invalid))),
            ("99999999999999999999", Some(("years_at_address", Invalid))),
            ("3.5", Some(("years_at_address", WrongFormat))),
            ("-1", Some(("years_at_address", WrongFormat))),
            ("three", Some(("years_at_address", WrongFormat))),
            ("3 ans", Some(("years_at_address", WrongFormat))),
        ] {
            let input = ApplicationInput {
                years_at_address: s(years),
                ..john_smith()
            };
            assert_eq!(only_error(&input), expected, "{years:?}");
        }
    }

    #[test]
    fn account_type_and_lang_are_fixed_lists() {
        for (account_type, lang, expected) in [
            ("business", "fr", None),
            ("Consumer", "en", Some(("account_type", Invalid))),
            ("consumer", "EN", Some(("lang", Invalid))),
            ("consumer", "es", Some(("lang", Invalid))),
        ] {
            let input = ApplicationInput {
                account_type: s(account_type),
                lang: s(lang),
                ..john_smith()
            };
            assert_eq!(only_error(&input), expected, "{account_type} {lang}");
        }
    }

    #[test]
    fn insurance_and_tos_agreement_are_not_checked() {
        for b in [None, Some(false), Some(true)] {
            let input = ApplicationInput {
                insurance: b,
                tos_agreement: b,
                ..john_smith()
            };
            assert_eq!(only_error(&input), None);
        }
    }

    #[test]
    fn field_error_displays_param_and_msg() {
        let e = FieldError {
            param: "postal_code",
            problem: WrongFormat,
        };
        assert_eq!(e.to_string(), "postal_code: wrong format");
    }
}
