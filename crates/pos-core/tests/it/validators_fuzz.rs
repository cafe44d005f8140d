//! Fuzz-style property tests of `validate` and the field rules with hostile text: control
//! characters, bidi overrides, zero-width and Unicode spaces, digits of other scripts
//! (full-width, Arabic-Indic...), strings up to ~10 KB, blanks, any province, any date
//! and any "today" a clock could give. A rep can paste anything into the form and a
//! scanner can type anything; `validate` must never panic, must name only known fields,
//! must agree with the single-field rules, and must give the same answer every time.
//!
//! The `properties` module covers valid values, round trips and the ordering of errors on
//! printable text; this one covers what it does not. cargo-fuzz needs nightly, so this is
//! proptest on stable with a fixed number of cases per property (`FUZZ_CASES=<n>` runs
//! `n` per property instead).

use std::collections::{BTreeMap, BTreeSet};

use chrono::{Datelike, NaiveDate};
use pos_core::rules::{
    age_on, check_text, format_phone, is_bidi_control, is_invisible, luhn_valid, normalize_phone,
    normalize_postal_code, normalize_sin, parse_amount, parse_iso_date,
    postal_code_matches_province, validate_email,
};
use pos_core::{
    max_chars, validate, ApplicationInput, Cents, FieldProblem, FormOptions, Province, FIELDS,
    REQUIRED_FIELDS,
};
use pos_testkit::Answer;
use proptest::prelude::*;
use proptest::sample::select;

// ---------------------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------------------

/// Cases per property: `default`, or `FUZZ_CASES` when set.
fn config(default: u32) -> ProptestConfig {
    let cases = std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default);
    ProptestConfig {
        cases,
        // A failure prints its minimal input, to be kept as a named regression test rather
        // than as a file next to the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---------------------------------------------------------------------------------------
// The application as a list of texts
// ---------------------------------------------------------------------------------------

/// The checkbox fields of [`ApplicationInput`]; every other field is text.
const FLAGS: [&str; 3] = ["insurance", "qcpa_disclosure", "tos_agreement"];

/// The text fields of [`ApplicationInput`], in form order (`FIELDS` minus the flags).
static TEXT_FIELDS: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    FIELDS
        .iter()
        .copied()
        .filter(|f| !FLAGS.contains(f))
        .collect()
});

fn slot<'a>(input: &'a mut ApplicationInput, field: &str) -> &'a mut Option<String> {
    match field {
        "salutation" => &mut input.salutation,
        "first_name" => &mut input.first_name,
        "middle_name" => &mut input.middle_name,
        "last_name" => &mut input.last_name,
        "dob" => &mut input.dob,
        "postal_code" => &mut input.postal_code,
        "sin" => &mut input.sin,
        "email" => &mut input.email,
        "phone_number" => &mut input.phone_number,
        "address_1" => &mut input.address_1,
        "address_2" => &mut input.address_2,
        "city" => &mut input.city,
        "province" => &mut input.province,
        "housing_type" => &mut input.housing_type,
        "monthly_housing_payment" => &mut input.monthly_housing_payment,
        "years_at_address" => &mut input.years_at_address,
        "occupation" => &mut input.occupation,
        "employer_name" => &mut input.employer_name,
        "annual_income" => &mut input.annual_income,
        "govid_type" => &mut input.govid_type,
        "govid_issuedby" => &mut input.govid_issuedby,
        "govid_number" => &mut input.govid_number,
        "govid_expiry" => &mut input.govid_expiry,
        "security_qid" => &mut input.security_qid,
        "security_answer" => &mut input.security_answer,
        "tos_version" => &mut input.tos_version,
        "amount_requested" => &mut input.amount_requested,
        "account_type" => &mut input.account_type,
        "lang" => &mut input.lang,
        "external_location_id" => &mut input.external_location_id,
        "external_employee_id" => &mut input.external_employee_id,
        other => panic!("not a text field: {other}"),
    }
}

fn input_of(texts: &[Option<String>], flags: &[Option<bool>]) -> ApplicationInput {
    let mut input = ApplicationInput {
        insurance: flags[0],
        qcpa_disclosure: flags[1],
        tos_agreement: flags[2],
        ..ApplicationInput::default()
    };
    for (field, text) in TEXT_FIELDS.iter().zip(texts) {
        *slot(&mut input, field) = text.clone();
    }
    input
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 23).unwrap()
}

fn set(items: &[&str]) -> BTreeSet<String> {
    items.iter().map(|i| i.to_string()).collect()
}

/// The emulator seed's option lists (codes only).
fn seed_options() -> FormOptions {
    let all = [
        "AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT",
    ];
    let mut issuers = BTreeMap::new();
    issuers.insert("CADL".to_string(), set(&all));
    issuers.insert(
        "CAHC".to_string(),
        set(&["BC", "NB", "NL", "NT", "NU", "QC", "SK", "YT"]),
    );
    issuers.insert("CAPID".to_string(), set(&["ON"]));
    issuers.insert("CAP".to_string(), set(&["CANADA"]));
    issuers.insert("CAEMPTY".to_string(), BTreeSet::new());
    FormOptions {
        salutation: set(&["mr", "ms", "mrs", "mss"]),
        security_qid: set(&["4", "5", "6", "7", "8", "9"]),
        govid_type: set(&["CADL", "CAHC", "CAPID", "CAP", "CAEMPTY", "CAPRC"]),
        govid_issuedby: issuers,
        occupation: set(&[
            "FE", "PE", "SE", "RT", "ST", "HM", "DS", "SW", "UE", "UW", "OT",
        ]),
        housing_type: set(&["Rent", "Owned", "Relatives", "Other"]),
    }
}

/// The shared valid application (`pos_testkit::valid_application`, the contract's
/// example as a rep types it), valid on [`today`].
fn valid() -> ApplicationInput {
    let mut input = ApplicationInput::default();
    for field in pos_testkit::valid_application() {
        match (field.name, field.typed) {
            ("insurance", Answer::Flag(b)) => input.insurance = Some(b),
            ("qcpa_disclosure", Answer::Flag(b)) => input.qcpa_disclosure = Some(b),
            ("tos_agreement", Answer::Flag(b)) => input.tos_agreement = Some(b),
            (name, Answer::Text(text)) => *slot(&mut input, name) = Some(text.to_owned()),
            (name, typed) => panic!("{name}: {typed:?}"),
        }
    }
    input
}

#[test]
fn the_starting_application_is_valid() {
    assert_eq!(validate(&valid(), &seed_options(), today()), vec![]);
    assert_eq!(TEXT_FIELDS.len(), 31);
    assert!(FLAGS.iter().all(|f| FIELDS.contains(f)));
}

// ---------------------------------------------------------------------------------------
// Hostile text
// ---------------------------------------------------------------------------------------

/// Characters that look like nothing, like something else, or break layout.
#[rustfmt::skip]
const HOSTILE: &[char] = &[
    // C0, DEL, C1 controls (some of them whitespace)
    '\u{0}', '\u{7}', '\u{8}', '\t', '\n', '\u{b}', '\u{c}', '\r', '\u{1b}', '\u{7f}', '\u{80}',
    '\u{85}', '\u{9f}',
    // bidi embeddings, overrides, isolates, and marks
    '\u{202a}', '\u{202b}', '\u{202c}', '\u{202d}', '\u{202e}', '\u{2066}', '\u{2067}',
    '\u{2068}', '\u{2069}', '\u{200e}', '\u{200f}', '\u{61c}',
    // zero-width and format characters
    '\u{200b}', '\u{200c}', '\u{200d}', '\u{2060}', '\u{feff}', '\u{ad}',
    // Unicode spaces (trimmed as whitespace) and separators
    '\u{a0}', '\u{1680}', '\u{2000}', '\u{2007}', '\u{2009}', '\u{2028}', '\u{2029}',
    '\u{202f}', '\u{205f}', '\u{3000}',
    // digits of other scripts
    '０', '５', '９', '\u{660}', '\u{669}', '\u{6f4}', '\u{966}', '\u{9e6}', '\u{1d7ce}', '¹',
    '½', 'Ⅻ',
    // full-width and confusable letters and signs; the last is KELVIN SIGN
    'Ａ', 'Ｍ', 'ｍ', '＠', '．', '－', '\u{2010}', '\u{2011}', '\u{2212}', '\u{ff0c}', 'О',
    'ı', 'İ', 'ß', 'ﬀ', '\u{212a}',
    // combining marks, emoji, the last scalar
    '\u{301}', '\u{36f}', '\u{1f600}', '\u{1f1e8}', '\u{10ffff}', '\u{fffd}',
];

/// Blank in the eyes of `str::trim` (Unicode White_Space), and some that are not.
const BLANKS: &[&str] = &[
    "",
    " ",
    "\t",
    "\n\r",
    "\u{a0}",
    "\u{3000}",
    "\u{2028}",
    "\u{85}",
    " \u{2007} ",
    "\u{200b}",
    "\u{feff}",
];

fn ascii_char() -> impl Strategy<Value = char> {
    select(
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789 @.,'-_()+/"
            .chars()
            .collect::<Vec<_>>(),
    )
}

fn hostile_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => select(HOSTILE),
        1 => any::<char>(),
    ]
}

fn mixed_char() -> impl Strategy<Value = char> {
    prop_oneof![3 => ascii_char(), 1 => hostile_char()]
}

/// Anything a field could hold: hostile, mixed, arbitrary, huge, blank.
fn hostile_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::collection::vec(hostile_char(), 0..16).prop_map(String::from_iter),
        4 => prop::collection::vec(mixed_char(), 0..24).prop_map(String::from_iter),
        2 => prop::collection::vec(any::<char>(), 0..16).prop_map(String::from_iter),
        // Up to ~10 KB: a unit repeated, with something else at either end.
        1 => (prop::collection::vec(mixed_char(), 1..4), 1usize..2_500, mixed_char(), mixed_char())
            .prop_map(|(unit, n, head, tail)| {
                let mut text = String::from(head);
                text.push_str(&String::from_iter(unit).repeat(n));
                text.push(tail);
                text
            }),
        1 => select(BLANKS).prop_map(str::to_owned),
    ]
}

/// `base` with one character inserted, replaced or removed, or padded with Unicode spaces.
fn near_miss(base: String) -> impl Strategy<Value = String> {
    (any::<usize>(), 0u8..4, hostile_char()).prop_map(move |(at, how, c)| {
        let mut chars: Vec<char> = base.chars().collect();
        let len = chars.len();
        match how {
            0 => chars.insert(at % (len + 1), c),
            1 if len > 0 => chars[at % len] = c,
            2 if len > 0 => {
                chars.remove(at % len);
            }
            _ => {
                chars.insert(0, c);
                chars.push(c);
            }
        }
        chars.into_iter().collect()
    })
}

/// Text of `max - 1`, `max` or `max + 1` characters once trimmed, padded with spaces.
fn at_the_limit(max: usize) -> impl Strategy<Value = String> {
    (
        prop::collection::vec(mixed_char(), 1..4),
        max.saturating_sub(1)..=max + 1,
        select(vec!["", " ", "\u{3000}"]),
    )
        .prop_map(|(unit, len, pad)| {
            let unit: Vec<char> = unit.into_iter().filter(|c| !c.is_whitespace()).collect();
            let unit = if unit.is_empty() { vec!['a'] } else { unit };
            let body: String = unit.iter().cycle().take(len).collect();
            format!("{pad}{body}{pad}")
        })
}

/// A province field: codes, codes typed wrongly, anything.
fn province_text() -> impl Strategy<Value = String> {
    let codes: Vec<&str> = Province::ALL.iter().map(|p| p.code()).collect();
    prop_oneof![
        3 => select(codes.clone()).prop_map(str::to_owned),
        2 => select(codes.clone()).prop_map(|c| format!("\u{3000}{c}\n")),
        1 => select(codes.clone()).prop_map(|c| c.to_lowercase()),
        1 => select(codes).prop_map(|c| {
            // Full-width letters: 'A' is U+FF21.
            c.chars().map(|l| char::from_u32(l as u32 - 'A' as u32 + 0xff21).unwrap()).collect()
        }),
        2 => hostile_text(),
    ]
}

/// Any date chrono can hold, with the ends and the present more likely.
fn any_date() -> impl Strategy<Value = NaiveDate> {
    let (min, max) = (
        NaiveDate::MIN.num_days_from_ce(),
        NaiveDate::MAX.num_days_from_ce(),
    );
    let modern = NaiveDate::from_ymd_opt(1900, 1, 1)
        .unwrap()
        .num_days_from_ce()
        ..=NaiveDate::from_ymd_opt(2100, 12, 31)
            .unwrap()
            .num_days_from_ce();
    prop_oneof![
        2 => min..=max,
        3 => modern,
        1 => select(vec![min, min + 1, max - 1, max, 1, 0, 730_000]),
    ]
    .prop_map(|days| NaiveDate::from_num_days_from_ce_opt(days).unwrap())
}

/// A date field: `YYYY-MM-DD` of any numbers (real or not), a real date, or anything.
fn date_text() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => (0u32..=9_999, 0u32..=99, 0u32..=99)
            .prop_map(|(y, m, d)| format!("{y:04}-{m:02}-{d:02}")),
        3 => any_date().prop_map(|d| d.format("%Y-%m-%d").to_string()),
        1 => near_miss("1988-07-24".to_string()),
        1 => hostile_text(),
    ]
}

/// Option lists made of hostile codes.
fn hostile_options() -> impl Strategy<Value = FormOptions> {
    let codes = || prop::collection::btree_set(hostile_text(), 0..3);
    let issuers = prop::collection::btree_map(hostile_text(), codes(), 0..3);
    (codes(), codes(), codes(), issuers, codes(), codes()).prop_map(
        |(salutation, security_qid, govid_type, govid_issuedby, occupation, housing_type)| {
            FormOptions {
                salutation,
                security_qid,
                govid_type,
                govid_issuedby,
                occupation,
                housing_type,
            }
        },
    )
}

/// Option lists: unknown (empty), the seed's, or made of hostile codes.
fn options() -> impl Strategy<Value = FormOptions> {
    prop_oneof![
        1 => Just(FormOptions::default()),
        2 => Just(seed_options()),
        1 => hostile_options(),
    ]
}

/// One field's text in an otherwise arbitrary application.
fn field_text(field: &'static str) -> BoxedStrategy<Option<String>> {
    let base = slot(&mut valid(), field).clone().unwrap_or_default();
    let specific = match (field, max_chars(field)) {
        ("province", _) => province_text().boxed(),
        ("dob" | "govid_expiry", _) => date_text().boxed(),
        (_, Some(max)) => prop_oneof![
            2 => near_miss(base.clone()),
            1 => at_the_limit(max),
        ]
        .boxed(),
        _ => near_miss(base.clone()).boxed(),
    };
    prop_oneof![
        1 => Just(None),
        1 => Just(Some(base)),
        3 => specific.prop_map(Some),
        3 => hostile_text().prop_map(Some),
    ]
    .boxed()
}

fn all_field_texts() -> impl Strategy<Value = Vec<Option<String>>> {
    TEXT_FIELDS
        .iter()
        .map(|f| field_text(f))
        .collect::<Vec<_>>()
}

// ---------------------------------------------------------------------------------------
// What a single field's rule says (the oracle for `validate`)
// ---------------------------------------------------------------------------------------

fn present(value: Option<&str>) -> Option<&str> {
    value.map(str::trim).filter(|v| !v.is_empty())
}

fn member(value: &str, options: &BTreeSet<String>) -> Option<FieldProblem> {
    (!options.is_empty() && !options.contains(value)).then_some(FieldProblem::Invalid)
}

/// What `validate` must report for `field` holding `value` when every other field is as
/// in [`valid`] (province ON, ID type CADL, seed options, [`today`]); `None` where the
/// rule needs more than the field (`dob` and `years_at_address` have no public rule).
fn expected(field: &str, value: Option<&str>) -> Option<Option<FieldProblem>> {
    let options = seed_options();
    let Some(v) = present(value) else {
        return Some(
            REQUIRED_FIELDS
                .contains(&field)
                .then_some(FieldProblem::Required),
        );
    };
    Some(match field {
        "salutation" => member(v, &options.salutation),
        "housing_type" => member(v, &options.housing_type),
        "occupation" => member(v, &options.occupation),
        "security_qid" => member(v, &options.security_qid),
        "govid_type" => member(v, &options.govid_type),
        "govid_issuedby" => member(v, &options.govid_issuedby["CADL"]),
        "email" => validate_email(v).err(),
        "sin" => normalize_sin(v).err(),
        "phone_number" => normalize_phone(v).err(),
        "postal_code" => match normalize_postal_code(v) {
            Err(problem) => Some(problem),
            Ok(code) => (!postal_code_matches_province(&code, Province::ON))
                .then_some(FieldProblem::Invalid),
        },
        "province" => Province::from_code(v)
            .is_none()
            .then_some(FieldProblem::Invalid),
        "monthly_housing_payment" | "annual_income" => parse_amount(v).err(),
        "amount_requested" => match parse_amount(v) {
            Err(problem) => Some(problem),
            Ok(Cents(0)) => Some(FieldProblem::Invalid),
            Ok(_) => None,
        },
        "govid_expiry" => match parse_iso_date(v) {
            Err(problem) => Some(problem),
            Ok(date) => (date < today()).then_some(FieldProblem::Invalid),
        },
        "account_type" => (!["consumer", "business"].contains(&v)).then_some(FieldProblem::Invalid),
        "lang" => (!["en", "fr"].contains(&v)).then_some(FieldProblem::Invalid),
        "dob" | "years_at_address" => return None,
        text => check_text(v, max_chars(text).expect("a free-text field")).err(),
    })
}

/// The fields whose answer may change when `field` changes.
fn affected(field: &'static str) -> Vec<&'static str> {
    match field {
        "province" => vec!["province", "dob", "postal_code", "qcpa_disclosure"],
        "govid_type" => vec!["govid_type", "govid_issuedby"],
        _ => vec![field],
    }
}

/// The model of `check_text`, from its documentation.
fn check_text_model(s: &str, max: usize) -> Result<(), FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        Err(FieldProblem::Required)
    } else if t.chars().count() > max {
        Err(FieldProblem::Length)
    } else if t
        .chars()
        .any(|c| c.is_control() || is_bidi_control(c) || is_invisible(c))
        || t.chars()
            .all(|c| c.is_whitespace() || c == '\u{200C}' || c == '\u{200D}')
    {
        Err(FieldProblem::Invalid)
    } else {
        Ok(())
    }
}

// ---------------------------------------------------------------------------------------
// Properties
// ---------------------------------------------------------------------------------------

proptest! {
    #![proptest_config(config(2_000))]

    /// Every field hostile at once, any option lists, any "today" chrono can hold.
    #[test]
    fn validate_survives_anything_and_names_only_known_fields(
        texts in all_field_texts(),
        flags in prop::collection::vec(proptest::option::of(any::<bool>()), 3),
        options in options(),
        today in any_date(),
    ) {
        let input = input_of(&texts, &flags);
        let errors = validate(&input, &options, today);
        let mut seen = BTreeSet::new();
        for error in &errors {
            prop_assert!(FIELDS.contains(&error.param), "unknown field {}", error.param);
            prop_assert!(seen.insert(error.param), "{} twice", error.param);
            // Never checked here: the caller's business error, and a free choice.
            prop_assert!(!matches!(error.param, "tos_agreement" | "insurance"));
            let _ = error.to_string();
        }
        // Required exactly where a required field is blank (Unicode spaces included);
        // `qcpa_disclosure` is required for Quebec only.
        for (field, text) in TEXT_FIELDS.iter().zip(&texts) {
            let blank = present(text.as_deref()).is_none();
            let required = errors
                .iter()
                .any(|e| e.param == *field && e.problem == FieldProblem::Required);
            prop_assert_eq!(
                required,
                blank && REQUIRED_FIELDS.contains(field),
                "{} {:?}", field, text
            );
        }
        let province = TEXT_FIELDS.iter().position(|f| *f == "province").unwrap();
        let quebec = texts[province].as_deref().and_then(Province::from_code) == Some(Province::QC);
        let qcpa = errors.iter().any(|e| e.param == "qcpa_disclosure");
        prop_assert_eq!(qcpa, quebec && flags[1] != Some(true));
        // Deterministic: the same answer again, and for a copy.
        prop_assert_eq!(&validate(&input.clone(), &options, today), &errors);
    }
}

proptest! {
    #![proptest_config(config(5_000))]

    /// One field changed in a valid application: only that field (and the fields that
    /// depend on it) may fail, and as the field's own rule says.
    #[test]
    fn one_bad_field_fails_alone_and_as_its_rule_says(
        (field, text) in select(TEXT_FIELDS.to_vec()).prop_flat_map(|f| (Just(f), field_text(f))),
    ) {
        let mut input = valid();
        *slot(&mut input, field) = text.clone();
        let errors = validate(&input, &seed_options(), today());
        let allowed = affected(field);
        for error in &errors {
            prop_assert!(allowed.contains(&error.param), "{} failed for {} = {:?}", error.param, field, text);
        }
        if let Some(expected) = expected(field, text.as_deref()) {
            let got = errors.iter().find(|e| e.param == field).map(|e| e.problem);
            prop_assert_eq!(got, expected, "{} = {:?}", field, text);
        }
    }

    /// Each rule on hostile text: no panic, and what it accepts has the canonical shape.
    #[test]
    fn field_rules_accept_only_canonical_shapes(text in hostile_text(), max in 0usize..300) {
        let trimmed = text.trim();
        prop_assert_eq!(check_text(&text, max), check_text_model(&text, max));
        if let Ok(sin) = normalize_sin(&text) {
            prop_assert!(sin.len() == 9 && sin.bytes().all(|b| b.is_ascii_digit()), "{:?}", sin);
            prop_assert!(luhn_valid(&sin) && !sin.starts_with(['0', '8']));
        }
        if let Ok(phone) = normalize_phone(&text) {
            prop_assert!(phone.len() == 10 && phone.bytes().all(|b| b.is_ascii_digit()), "{:?}", phone);
            prop_assert_eq!(normalize_phone(&format_phone(&phone)), Ok(phone.clone()));
        }
        if let Ok(code) = normalize_postal_code(&text) {
            prop_assert!(code.len() == 6, "{:?}", code);
            prop_assert!(code.bytes().all(|b| b.is_ascii_uppercase() || b.is_ascii_digit()));
        }
        if let Ok(amount) = parse_amount(&text) {
            prop_assert!(amount <= Cents::MAX);
            prop_assert_eq!(parse_amount(&amount.to_string()), Ok(amount));
        }
        if let Ok(date) = parse_iso_date(&text) {
            prop_assert_eq!(date.format("%Y-%m-%d").to_string(), trimmed);
        }
        if validate_email(&text).is_ok() {
            prop_assert!(trimmed.chars().count() <= 100);
            prop_assert!(!trimmed
                .chars()
                .any(|c| c.is_control() || is_bidi_control(c) || c.is_whitespace()));
            prop_assert_eq!(trimmed.matches('@').count(), 1);
        }
        if let Some(province) = Province::from_code(&text) {
            prop_assert_eq!(trimmed, province.code());
        }
        // Blank is Required for every rule, whatever the Unicode space.
        if trimmed.is_empty() {
            prop_assert_eq!(normalize_sin(&text), Err(FieldProblem::Required));
            prop_assert_eq!(normalize_phone(&text), Err(FieldProblem::Required));
            prop_assert_eq!(normalize_postal_code(&text), Err(FieldProblem::Required));
            prop_assert_eq!(parse_amount(&text), Err(FieldProblem::Required));
            prop_assert_eq!(parse_iso_date(&text), Err(FieldProblem::Required));
            prop_assert_eq!(validate_email(&text), Err(FieldProblem::Required));
        }
    }

    /// A digit of another script (full-width, Arabic-Indic, Devanagari...) in place of one
    /// ASCII digit of a valid value is a wrong format, never read as the digit.
    #[test]
    fn digits_of_other_scripts_are_a_wrong_format(
        field in select(vec!["sin", "phone_number", "postal_code", "dob", "govid_expiry",
            "monthly_housing_payment", "annual_income", "amount_requested", "years_at_address"]),
        script in select(vec![0xff10u32, 0x660, 0x6f0, 0x966, 0x9e6, 0xe50, 0x1d7ce, 0x1d7ec]),
        at in any::<usize>(),
    ) {
        let mut input = valid();
        let value = slot(&mut input, field).clone().unwrap();
        let positions: Vec<usize> = value
            .char_indices()
            .filter(|(_, c)| c.is_ascii_digit())
            .map(|(i, _)| i)
            .collect();
        let i = positions[at % positions.len()];
        let digit = value.as_bytes()[i] - b'0';
        let foreign = char::from_u32(script + u32::from(digit)).unwrap();
        prop_assert!(foreign.is_numeric() && !foreign.is_ascii_digit());
        let changed = format!("{}{foreign}{}", &value[..i], &value[i + 1..]);
        *slot(&mut input, field) = Some(changed.clone());
        let errors = validate(&input, &seed_options(), today());
        let got: Vec<_> = errors.iter().map(|e| (e.param, e.problem)).collect();
        prop_assert_eq!(got, vec![(field, FieldProblem::WrongFormat)], "{:?}", changed);
    }

    /// Any date of birth and expiry against any "today": a future birth date or an
    /// expired ID is invalid, an accepted birth date is of age.
    #[test]
    fn dates_hold_against_any_today(
        dob in date_text(),
        expiry in date_text(),
        province in province_text(),
        today in any_date(),
    ) {
        let mut input = valid();
        input.dob = Some(dob.clone());
        input.govid_expiry = Some(expiry.clone());
        input.province = Some(province.clone());
        let errors = validate(&input, &seed_options(), today);
        let problem = |field: &str| errors.iter().find(|e| e.param == field).map(|e| e.problem);
        let expected_expiry = match parse_iso_date(&expiry) {
            Err(p) => Some(p),
            Ok(date) => (date < today).then_some(FieldProblem::Invalid),
        };
        prop_assert_eq!(problem("govid_expiry"), expected_expiry);
        match parse_iso_date(&dob) {
            Err(p) => prop_assert_eq!(problem("dob"), Some(p)),
            Ok(born) if born > today => prop_assert_eq!(problem("dob"), Some(FieldProblem::Invalid)),
            Ok(born) => {
                if problem("dob").is_none() {
                    let majority =
                        Province::from_code(&province).map_or(18, Province::age_of_majority);
                    prop_assert!(i64::from(age_on(born, today)) >= i64::from(majority));
                    prop_assert!(age_on(born, today) <= 120);
                }
            }
        }
    }
}
