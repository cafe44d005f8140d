//! The amount and date rules against the vectors the UI's `format.test.mjs` also reads
//! (`crates/pos-testkit/vectors/`), so the form and the validator cannot disagree.

use chrono::NaiveDate;
use pos_core::rules::{parse_amount, parse_iso_date};
use pos_core::{Cents, FieldProblem};
use pos_testkit::vectors::{self, rejected, Problem, Rejected};

fn problem(p: Problem) -> FieldProblem {
    match p {
        Problem::Required => FieldProblem::Required,
        Problem::Invalid => FieldProblem::Invalid,
        Problem::WrongFormat => FieldProblem::WrongFormat,
    }
}

/// Every text of the group `why` of the money vectors is refused as the group says.
fn amounts_refused(why: &str, expected: FieldProblem) {
    let money = vectors::money();
    let Rejected {
        problem: p, texts, ..
    } = rejected(&money.rejected, why);
    assert_eq!(problem(*p), expected, "{why}");
    assert!(!texts.is_empty(), "{why}");
    for s in texts {
        assert_eq!(parse_amount(s), Err(expected), "{s:?}");
    }
}

#[test]
fn amount_accepts_english_and_french_forms() {
    let money = vectors::money();
    assert!(money.accepted.len() >= 17);
    for case in &money.accepted {
        assert_eq!(
            parse_amount(&case.text),
            Ok(Cents(case.cents)),
            "{:?}",
            case.text
        );
    }
}

#[test]
fn amount_blank_is_required() {
    amounts_refused("blank", FieldProblem::Required);
}

#[test]
fn amount_negative_is_invalid() {
    amounts_refused("negative", FieldProblem::Invalid);
}

#[test]
fn amount_over_max_is_invalid() {
    amounts_refused("over the maximum", FieldProblem::Invalid);
}

#[test]
fn amount_junk_is_wrong_format() {
    amounts_refused("not an amount", FieldProblem::WrongFormat);
}

#[test]
fn iso_date_is_strict() {
    let dates = vectors::dates();
    for case in &dates.valid {
        let date = NaiveDate::parse_from_str(&case.date, "%Y-%m-%d").expect("a date");
        assert_eq!(parse_iso_date(&case.text), Ok(date), "{:?}", case.text);
    }
    let mut refused = 0;
    for group in &dates.rejected {
        for s in &group.texts {
            assert_eq!(parse_iso_date(s), Err(problem(group.problem)), "{s:?}");
            refused += 1;
        }
    }
    assert!(refused >= 13, "{refused}");
}

#[test]
fn every_money_group_is_tested() {
    let groups: Vec<String> = vectors::money()
        .rejected
        .into_iter()
        .map(|g| g.why)
        .collect();
    assert_eq!(
        groups,
        ["blank", "negative", "over the maximum", "not an amount"],
        "a new group needs its test above"
    );
}

#[test]
fn money_and_rates_show_as_the_shared_cases_say() {
    use pos_core::display::{format_money, format_rate};
    use pos_core::money::{Money, Rate};
    use pos_core::Lang;
    let display = vectors::display();
    assert!(display.money.len() >= 8 && display.rates.len() >= 6);
    for case in &display.money {
        let amount = Money::from_cents(case.cents);
        assert_eq!(format_money(amount, Lang::En), case.en, "{}", case.cents);
        assert_eq!(format_money(amount, Lang::Fr), case.fr, "{}", case.cents);
    }
    for case in &display.rates {
        let rate = Rate::from_ten_thousandths(case.ten_thousandths);
        assert_eq!(
            format_rate(rate, Lang::En),
            case.en,
            "{}",
            case.ten_thousandths
        );
        assert_eq!(
            format_rate(rate, Lang::Fr),
            case.fr,
            "{}",
            case.ten_thousandths
        );
    }
}
