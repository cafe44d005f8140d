//! Dates and age, with "today" always passed in so eligibility follows the store's local
//! date and every result is reproducible.

use chrono::{Datelike, NaiveDate};

use super::{FieldProblem, Province};

/// Parses a strict ISO date `YYYY-MM-DD` (surrounding whitespace ignored) that must be a
/// real calendar date (`2023-02-29` is not). Blank: `Required`; anything else:
/// `WrongFormat`.
pub fn parse_iso_date(s: &str) -> Result<NaiveDate, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    let b = t.as_bytes();
    let shape_ok = b.len() == 10
        && b.iter().enumerate().all(|(i, &c)| match i {
            4 | 7 => c == b'-',
            _ => c.is_ascii_digit(),
        });
    if !shape_ok {
        return Err(FieldProblem::WrongFormat);
    }
    let num = |r: std::ops::Range<usize>| {
        b[r].iter()
            .fold(0u32, |acc, &c| acc * 10 + u32::from(c - b'0'))
    };
    let (year, month, day) = (num(0..4), num(5..7), num(8..10));
    // `year` has at most 4 digits, so it always fits an i32.
    let year = i32::try_from(year).map_err(|_| FieldProblem::WrongFormat)?;
    NaiveDate::from_ymd_opt(year, month, day).ok_or(FieldProblem::WrongFormat)
}

fn is_leap_year(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

/// The (month, day) on which someone born on `dob` has their birthday in `year`:
/// a 29 February birthday falls on 1 March in non-leap years.
fn birthday_in(dob: NaiveDate, year: i32) -> (u32, u32) {
    if dob.month() == 2 && dob.day() == 29 && !is_leap_year(year) {
        (3, 1)
    } else {
        (dob.month(), dob.day())
    }
}

/// Age in full years on `today`. A 29 February birthday counts as 1 March in non-leap
/// years (so such a person turns 18 on 1 March, not 28 February). Negative when `dob`
/// is in the future.
pub fn age_on(dob: NaiveDate, today: NaiveDate) -> i32 {
    let mut years = today.year() - dob.year();
    if (today.month(), today.day()) < birthday_in(dob, today.year()) {
        years -= 1;
    }
    years
}

/// Whether someone born on `dob` has reached the age of majority of `p` on `today`:
/// eligible from the birthday itself, not the day before.
pub fn is_of_age(dob: NaiveDate, p: Province, today: NaiveDate) -> bool {
    i64::from(age_on(dob, today)) >= i64::from(p.age_of_majority())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    // parse_iso_date's cases are shared with the UI: crates/pos-testkit/vectors/dates.json,
    // run by tests/it/vectors.rs.

    #[test]
    fn age_counts_full_years() {
        let dob = d(1988, 7, 24);
        assert_eq!(age_on(dob, d(2026, 7, 23)), 37);
        assert_eq!(age_on(dob, d(2026, 7, 24)), 38);
        assert_eq!(age_on(dob, d(2026, 11, 23)), 38);
        assert_eq!(age_on(dob, d(1988, 7, 24)), 0);
        assert_eq!(age_on(dob, d(1988, 7, 23)), -1);
    }

    #[test]
    fn leap_day_birthday_counts_from_march_first() {
        let dob = d(2008, 2, 29);
        // 2026 is not a leap year: 18 on 1 March, not on 28 February.
        assert_eq!(age_on(dob, d(2026, 2, 28)), 17);
        assert_eq!(age_on(dob, d(2026, 3, 1)), 18);
        assert!(!is_of_age(dob, Province::ON, d(2026, 2, 28)));
        assert!(is_of_age(dob, Province::ON, d(2026, 3, 1)));
        // In a leap year the birthday is 29 February itself.
        let dob = d(2010, 2, 28);
        assert_eq!(age_on(d(2004, 2, 29), d(2028, 2, 28)), 23);
        assert_eq!(age_on(d(2004, 2, 29), d(2028, 2, 29)), 24);
        assert_eq!(age_on(dob, d(2028, 2, 28)), 18);
    }

    #[test]
    fn eligible_on_the_birthday_not_the_day_before() {
        let dob = d(2008, 11, 23);
        assert!(!is_of_age(dob, Province::ON, d(2026, 11, 22)));
        assert!(is_of_age(dob, Province::ON, d(2026, 11, 23)));
    }

    #[test]
    fn nineteen_in_bc_eighteen_in_on() {
        let today = d(2026, 11, 23);
        let eighteen = d(2008, 11, 23);
        assert!(is_of_age(eighteen, Province::ON, today));
        assert!(!is_of_age(eighteen, Province::BC, today));
        let nineteen = d(2007, 11, 23);
        assert!(is_of_age(nineteen, Province::BC, today));
        assert!(!is_of_age(d(2007, 11, 24), Province::BC, today));
    }
}
