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
