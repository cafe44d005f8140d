//! Property tests for the field rules (research note §4.2): generated valid values must
//! pass and round-trip, single-digit errors must be caught, and no input may panic.
//!
//! Each property runs at least 10,000 cases (more with `PROPTEST_CASES`), except the
//! whole-application one, which generates 31 strings a case and runs 2,000.

use chrono::{Datelike, Duration, NaiveDate};
use pos_core::rules::{
    age_on, check_text, format_phone, format_postal_code, is_of_age, luhn_valid, normalize_phone,
    normalize_postal_code, normalize_sin, parse_amount, parse_iso_date,
    postal_code_matches_province, validate_email,
};
use pos_core::{validate, ApplicationInput, Cents, FieldProblem, FormOptions, Province};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig::with_cases(default.cases.max(10_000))
}

/// The check digit that makes `first8` followed by it pass Luhn.
fn luhn_check_digit(first8: &[u8]) -> u8 {
    // Positions counted from the right of the full 9-digit number: the check digit is
    // position 0, so the last of `first8` is position 1 (doubled).
    let sum: u32 = first8
        .iter()
        .rev()
        .enumerate()
        .map(|(i, &d)| {
            let d = u32::from(d);
            if i % 2 == 0 {
                let x = d * 2;
                if x > 9 {
                    x - 9
                } else {
                    x
                }
            } else {
                d
            }
        })
        .sum();
    ((10 - sum % 10) % 10) as u8
}

fn digits_to_string(digits: &[u8]) -> String {
    digits.iter().map(|d| char::from(b'0' + d)).collect()
}

/// A valid SIN: first digit 1-7 or 9, 7 random digits, the Luhn check digit.
fn valid_sin() -> impl Strategy<Value = String> {
    (
        prop_oneof![1u8..=7, Just(9u8)],
        proptest::collection::vec(0u8..=9, 7),
    )
        .prop_map(|(first, rest)| {
            let mut digits = vec![first];
            digits.extend(rest);
            digits.push(luhn_check_digit(&digits));
            digits_to_string(&digits)
        })
}

const POSTAL_FIRST: &str = "ABCEGHJKLMNPRSTVXY";
const POSTAL_OTHER: &str = "ABCEGHJKLMNPRSTVWXYZ";

fn letter_from(set: &'static str) -> impl Strategy<Value = char> {
    proptest::sample::select(set.chars().collect::<Vec<_>>())
}

fn digit() -> impl Strategy<Value = char> {
    (0u8..=9).prop_map(|d| char::from(b'0' + d))
}

/// A valid normalized postal code.
fn valid_postal() -> impl Strategy<Value = String> {
    (
        letter_from(POSTAL_FIRST),
        digit(),
        letter_from(POSTAL_OTHER),
        digit(),
        letter_from(POSTAL_OTHER),
        digit(),
    )
        .prop_map(|(a, b, c, d, e, f)| [a, b, c, d, e, f].iter().collect())
}

/// A valid postal code as a rep might type or paste it: any case, optional middle
/// separator (space, no-break space, narrow no-break space or hyphen), padding.
fn typed_postal() -> impl Strategy<Value = (String, String)> {
    (
        valid_postal(),
        proptest::collection::vec(any::<bool>(), 6),
        proptest::option::of(proptest::sample::select(vec![
            ' ', '\u{00A0}', '\u{202F}', '-',
        ])),
        "[ \t]{0,2}",
        "[ \t]{0,2}",
    )
        .prop_map(|(code, lower, separator, pre, post)| {
            let mut typed = pre;
            for (i, (c, low)) in code.chars().zip(lower).enumerate() {
                if i == 3 {
                    typed.extend(separator);
                }
                typed.push(if low { c.to_ascii_lowercase() } else { c });
            }
            typed.push_str(&post);
            (code, typed)
        })
}

/// A valid NANP number: area NXX (second digit not 9, not N11), exchange NXX (not N11).
fn valid_phone() -> impl Strategy<Value = String> {
    let area =
        (2u8..=9, 0u8..=8, 0u8..=9).prop_filter("N11 area", |&(_, b, c)| !(b == 1 && c == 1));
    let exchange =
        (2u8..=9, 0u8..=9, 0u8..=9).prop_filter("N11 exchange", |&(_, b, c)| !(b == 1 && c == 1));
    (area, exchange, proptest::collection::vec(0u8..=9, 4)).prop_map(|(a, e, line)| {
        let mut digits = vec![a.0, a.1, a.2, e.0, e.1, e.2];
        digits.extend(line);
        digits_to_string(&digits)
    })
}

/// Groups the integer part by thousands with `sep`.
fn group_thousands(n: u64, sep: &str) -> String {
    let s = n.to_string();
    let head = match s.len() % 3 {
        0 => 3,
        r => r,
    };
    let mut out = s[..head].to_string();
    let mut rest = &s[head..];
    while !rest.is_empty() {
        out.push_str(sep);
        out.push_str(&rest[..3]);
        rest = &rest[3..];
    }
    out
}

#[test]
fn group_thousands_groups_from_the_right() {
    assert_eq!(group_thousands(0, ","), "0");
    assert_eq!(group_thousands(999, ","), "999");
    assert_eq!(group_thousands(1000, ","), "1,000");
    assert_eq!(group_thousands(123_456_789, " "), "123 456 789");
    assert_eq!(group_thousands(1_234_567, " "), "1 234 567");
}

fn date_between(from: NaiveDate, to: NaiveDate) -> impl Strategy<Value = NaiveDate> {
    let days = (to - from).num_days();
    (0..=days).prop_map(move |d| from + Duration::days(d))
}

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

/// The date someone born on `dob` turns `years`, computed independently of the library:
/// 29 February falls on 1 March in non-leap years.
fn nth_birthday(dob: NaiveDate, years: i32) -> NaiveDate {
    let y = dob.year() + years;
    NaiveDate::from_ymd_opt(y, dob.month(), dob.day()).unwrap_or_else(|| ymd(y, 3, 1))
}

proptest! {
    #![proptest_config(config())]

    // --- SIN --------------------------------------------------------------------------

    #[test]
    fn generated_sin_validates(sin in valid_sin()) {
        prop_assert!(luhn_valid(&sin));
        prop_assert_eq!(normalize_sin(&sin), Ok(sin.clone()));
        // Formatting variants normalize to the same value.
        let spaced = format!(" {} {} {} ", &sin[..3], &sin[3..6], &sin[6..]);
        let hyphenated = format!("{}-{}-{}", &sin[..3], &sin[3..6], &sin[6..]);
        prop_assert_eq!(normalize_sin(&spaced), Ok(sin.clone()));
        prop_assert_eq!(normalize_sin(&hyphenated), Ok(sin));
    }

    #[test]
    fn sin_with_any_one_digit_changed_fails(sin in valid_sin()) {
        for pos in 0..9 {
            for replacement in b'0'..=b'9' {
                let mut bytes = sin.clone().into_bytes();
                if bytes[pos] == replacement {
                    continue;
                }
                bytes[pos] = replacement;
                let changed = String::from_utf8(bytes).unwrap();
                prop_assert!(!luhn_valid(&changed), "{} passes Luhn", changed);
                prop_assert_eq!(normalize_sin(&changed), Err(FieldProblem::Invalid));
            }
        }
    }

    #[test]
    fn sin_with_adjacent_digits_swapped_fails_unless_0_9(sin in valid_sin()) {
        for pos in 0..8 {
            let mut bytes = sin.clone().into_bytes();
            let (a, b) = (bytes[pos], bytes[pos + 1]);
            if a == b {
                continue;
            }
            bytes.swap(pos, pos + 1);
            let swapped = String::from_utf8(bytes).unwrap();
            let is_0_9_pair = (a == b'0' && b == b'9') || (a == b'9' && b == b'0');
            prop_assert_eq!(luhn_valid(&swapped), is_0_9_pair, "{} -> {}", sin, swapped);
        }
    }

    // --- Postal code ------------------------------------------------------------------

    #[test]
    fn typed_postal_normalizes_and_round_trips((code, typed) in typed_postal()) {
        let normalized = normalize_postal_code(&typed);
        prop_assert_eq!(normalized.as_deref(), Ok(code.as_str()));
        // Idempotent, and format/normalize round-trip.
        prop_assert_eq!(normalize_postal_code(&code), Ok(code.clone()));
        let formatted = format_postal_code(&code);
        prop_assert_eq!(formatted.len(), 7);
        prop_assert_eq!(&formatted[3..4], " ");
        prop_assert_eq!(normalize_postal_code(&formatted), Ok(code.clone()));
        // Every valid code belongs to some province (X to both NT and NU).
        let matching = Province::ALL
            .iter()
            .filter(|p| postal_code_matches_province(&code, **p))
            .count();
        prop_assert_eq!(matching, if code.starts_with('X') { 2 } else { 1 });
    }

    #[test]
    fn postal_normalize_is_idempotent_on_any_input(s in "\\PC{0,10}|[a-zA-Z0-9 ]{5,8}") {
        if let Ok(n) = normalize_postal_code(&s) {
            prop_assert_eq!(normalize_postal_code(&n), Ok(n.clone()));
            prop_assert_eq!(normalize_postal_code(&format_postal_code(&n)), Ok(n.clone()));
            prop_assert!(!n.contains(['D', 'F', 'I', 'O', 'Q', 'U']));
            prop_assert!(!n.starts_with(['W', 'Z']));
        }
    }

    // --- Phone ------------------------------------------------------------------------

    #[test]
    fn phone_round_trips_with_any_separators(
        number in valid_phone(),
        prefix in prop_oneof![Just(""), Just("1"), Just("1 "), Just("1-"), Just("+1"), Just("+1 "), Just("+1-")],
        parens in any::<bool>(),
        sep1 in prop_oneof![Just(""), Just(" "), Just("-"), Just("."), Just(" - ")],
        sep2 in prop_oneof![Just(""), Just(" "), Just("-"), Just(".")],
        pad in "[ ]{0,2}",
    ) {
        let area = &number[..3];
        let area = if parens { format!("({area})") } else { area.to_string() };
        let typed = format!("{pad}{prefix}{area}{sep1}{}{sep2}{}{pad}", &number[3..6], &number[6..]);
        prop_assert_eq!(normalize_phone(&typed), Ok(number.clone()));
        let formatted = format_phone(&number);
        prop_assert_eq!(normalize_phone(&formatted), Ok(number));
    }

    #[test]
    fn phone_with_bad_area_code_is_invalid(number in valid_phone(), first in 0u8..=1) {
        let bad = format!("{first}{}", &number[1..]);
        prop_assert_eq!(normalize_phone(&bad), Err(FieldProblem::Invalid));
    }

    // --- Amounts ----------------------------------------------------------------------

    #[test]
    fn amount_english_and_french_forms_agree(cents in 0u64..=Cents::MAX.0) {
        let (dollars, rest) = (cents / 100, cents % 100);
        let plain = format!("{dollars}.{rest:02}");
        let english = format!("{}.{rest:02}", group_thousands(dollars, ","));
        let french = format!("{},{rest:02}", group_thousands(dollars, " "));
        let french_nbsp = format!("{},{rest:02}", group_thousands(dollars, "\u{00A0}"));
        let french_narrow = format!("{},{rest:02}", group_thousands(dollars, "\u{202F}"));
        for s in [&plain, &english, &french, &french_nbsp, &french_narrow] {
            prop_assert_eq!(parse_amount(s), Ok(Cents(cents)), "{:?}", s);
        }
        prop_assert_eq!(parse_amount(&Cents(cents).to_string()), Ok(Cents(cents)));
        if cents > 0 {
            prop_assert_eq!(parse_amount(&format!("-{plain}")), Err(FieldProblem::Invalid));
        }
        prop_assert_eq!(parse_amount(&format!("{plain}5")), Err(FieldProblem::WrongFormat));
        prop_assert_eq!(parse_amount(&format!("{plain}e2")), Err(FieldProblem::WrongFormat));
    }

    #[test]
    fn amount_with_a_dollar_sign_is_the_same_amount(
        cents in 0u64..=Cents::MAX.0,
        space in prop_oneof![Just(""), Just(" "), Just("\u{00A0}"), Just("\u{202F}")],
    ) {
        let (dollars, rest) = (cents / 100, cents % 100);
        let english = format!("{}.{rest:02}", group_thousands(dollars, ","));
        let french = format!("{},{rest:02}", group_thousands(dollars, "\u{00A0}"));
        for s in [
            format!("${space}{english}"),
            format!("{english}{space}$"),
            format!("{french}{space}$"),
            format!("${space}{french}"),
        ] {
            prop_assert_eq!(parse_amount(&s), Ok(Cents(cents)), "{:?}", s);
        }
        // One sign only, and a minus sign before it.
        prop_assert_eq!(parse_amount(&format!("${english}$")), Err(FieldProblem::WrongFormat));
        prop_assert_eq!(parse_amount(&format!("$${english}")), Err(FieldProblem::WrongFormat));
        prop_assert_eq!(parse_amount(&format!("{french}{space}$$")), Err(FieldProblem::WrongFormat));
        if cents > 0 {
            prop_assert_eq!(parse_amount(&format!("-${english}")), Err(FieldProblem::Invalid));
            prop_assert_eq!(parse_amount(&format!("-{french}{space}$")), Err(FieldProblem::Invalid));
        }
    }

    #[test]
    fn amount_above_max_is_invalid(cents in (Cents::MAX.0 + 1)..=u64::MAX / 2) {
        let s = format!("{}.{:02}", cents / 100, cents % 100);
        prop_assert_eq!(parse_amount(&s), Err(FieldProblem::Invalid));
    }

    // --- Age --------------------------------------------------------------------------

    #[test]
    fn of_age_on_the_birthday_not_the_day_before(
        dob in date_between(ymd(1900, 1, 1), ymd(2030, 12, 31)),
        p in proptest::sample::select(Province::ALL.to_vec()),
    ) {
        let majority = i32::try_from(p.age_of_majority()).unwrap();
        let birthday = nth_birthday(dob, majority);
        let day_before = birthday.pred_opt().unwrap();
        prop_assert!(is_of_age(dob, p, birthday));
        prop_assert!(!is_of_age(dob, p, day_before));
        prop_assert_eq!(age_on(dob, birthday), majority);
        prop_assert_eq!(age_on(dob, day_before), majority - 1);
    }

    #[test]
    fn leap_day_birthdays_turn_over_on_march_first_in_common_years(
        leap_year in (476i32..525).prop_map(|q| q * 4), // 1904..=2096, all leap years
        years in 1i32..=3,
    ) {
        let dob = ymd(leap_year, 2, 29);
        let common = leap_year + years; // 1-3 years after a leap year is never a leap year
        prop_assert_eq!(age_on(dob, ymd(common, 2, 28)), years - 1);
        prop_assert_eq!(age_on(dob, ymd(common, 3, 1)), years);
    }

    // --- Nothing panics ---------------------------------------------------------------

    #[test]
    fn no_rule_panics_on_any_text(s in "\\PC{0,40}|[-0-9 ,.+()]{0,20}", max in 0usize..50) {
        let _ = normalize_postal_code(&s);
        let _ = format_postal_code(&s);
        let _ = normalize_phone(&s);
        let _ = format_phone(&s);
        let _ = validate_email(&s);
        let _ = luhn_valid(&s);
        let _ = normalize_sin(&s);
        let _ = parse_iso_date(&s);
        let _ = parse_amount(&s);
        let _ = check_text(&s, max);
        let _ = Province::from_code(&s);
        for p in Province::ALL {
            let _ = postal_code_matches_province(&s, p);
        }
    }

}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(ProptestConfig::default().cases.max(2_000)))]

    #[test]
    fn validate_reports_at_most_one_error_per_field_in_order(
        texts in proptest::collection::vec(proptest::option::of("\\PC{0,12}|[0-9 ,.-]{0,12}"), 31),
        flags in proptest::collection::vec(proptest::option::of(any::<bool>()), 3),
    ) {
        let t = |i: usize| texts[i].clone();
        let input = ApplicationInput {
            salutation: t(0), first_name: t(1), middle_name: t(2), last_name: t(3), dob: t(4),
            postal_code: t(5), sin: t(6), email: t(7), phone_number: t(8), address_1: t(9),
            address_2: t(10), city: t(11), province: t(12), housing_type: t(13),
            monthly_housing_payment: t(14), years_at_address: t(15), occupation: t(16),
            employer_name: t(17), annual_income: t(18), govid_type: t(19), govid_issuedby: t(20),
            govid_number: t(21), govid_expiry: t(22), security_qid: t(23), security_answer: t(24),
            insurance: flags[0], qcpa_disclosure: flags[1], tos_agreement: flags[2],
            tos_version: t(25), amount_requested: t(26), account_type: t(27), lang: t(28),
            external_location_id: t(29), external_employee_id: t(30),
        };
        let errors = validate(&input, &FormOptions::default(), ymd(2026, 11, 23));
        let positions: Vec<usize> = errors
            .iter()
            .map(|e| pos_core::FIELDS.iter().position(|f| *f == e.param).unwrap())
            .collect();
        prop_assert!(positions.windows(2).all(|w| w[0] < w[1]), "{:?}", errors);
    }
}
