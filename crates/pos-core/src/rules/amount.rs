//! Amounts of money, typed English- or French-style and held in whole cents so no float
//! rounding ever reaches an amount.

use std::fmt;

use super::FieldProblem;

/// An amount of money in cents (never a float).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Cents(pub u64);

impl Cents {
    /// The largest amount accepted: $999,999,999.99.
    pub const MAX: Cents = Cents(99_999_999_999);
}

impl fmt::Display for Cents {
    /// `"1450.50"`: the plain form the API's JSON numbers use.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}.{:02}", self.0 / 100, self.0 % 100)
    }
}

/// Characters accepted as thousands separators besides the comma: space, no-break space
/// and narrow no-break space (the French-Canadian typographic one).
const SPACE_GROUPING: [char; 3] = [' ', '\u{00A0}', '\u{202F}'];

/// Parses an amount of dollars as typed, in English or French style.
///
/// Accepts `"1450"`, `"1450.5"`, `"1450.50"`, `"1,450.50"`, `"1 450,50"` (space, U+00A0
/// or U+202F as thousands separators; `,` is the decimal separator when it is followed
/// by 1-2 digits at the end and there is no `.`, otherwise a thousands separator).
/// Thousands groups must be of 3 digits and use one separator throughout. At most 2
/// decimals, no exponent, at least one digit before the decimal separator.
///
/// One dollar sign is accepted where either language writes it: before the number
/// (`"$2,500"`, `"$ 2500"`) or after it (`"2 500 $"`, `"2500$"`), with at most one space
/// (plain, U+00A0 or U+202F) between; a minus sign comes first (`"-$5"`).
///
/// Negative (`"-5"`): `Invalid`; more than [`Cents::MAX`]: `Invalid`; other junk
/// (`"$"`, `"$5$"`, `"$-5"`): `WrongFormat`; blank: `Required`.
pub fn parse_amount(s: &str) -> Result<Cents, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        // A well-formed negative amount is a number, just not an acceptable one.
        return match parse_unsigned_amount(without_dollar_sign(rest)) {
            Ok(_) | Err(FieldProblem::Invalid) => Err(FieldProblem::Invalid),
            Err(e) => Err(e),
        };
    }
    parse_unsigned_amount(without_dollar_sign(t))
}

/// `t` without one leading `$` (and one space after it) or one trailing `$` (and one
/// space before it); `t` itself when it has neither. What is left is still checked as a
/// number, so a second `$` or a lone `"$"` is refused there.
fn without_dollar_sign(t: &str) -> &str {
    let is_space = |c: &char| SPACE_GROUPING.contains(c);
    if let Some(rest) = t.strip_prefix('$') {
        let space = rest
            .chars()
            .next()
            .filter(is_space)
            .map_or(0, char::len_utf8);
        &rest[space..]
    } else if let Some(rest) = t.strip_suffix('$') {
        let space = rest
            .chars()
            .next_back()
            .filter(is_space)
            .map_or(0, char::len_utf8);
        &rest[..rest.len() - space]
    } else {
        t
    }
}

fn parse_unsigned_amount(t: &str) -> Result<Cents, FieldProblem> {
    let (int_part, frac_part, comma_is_decimal) = if let Some((i, f)) = t.split_once('.') {
        (i, Some(f), false)
    } else if let Some((i, f)) = t.rsplit_once(',') {
        if (1..=2).contains(&f.len()) && f.bytes().all(|b| b.is_ascii_digit()) {
            (i, Some(f), true)
        } else {
            (t, None, false)
        }
    } else {
        (t, None, false)
    };

    let frac_cents = match frac_part {
        None => 0,
        Some(f) if f.is_empty() || !f.bytes().all(|b| b.is_ascii_digit()) => {
            return Err(FieldProblem::WrongFormat)
        }
        Some(f) if f.len() > 2 => return Err(FieldProblem::WrongFormat),
        Some(f) => {
            let v = f
                .bytes()
                .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
            if f.len() == 1 {
                v * 10
            } else {
                v
            }
        }
    };

    let is_separator = |c: char| SPACE_GROUPING.contains(&c) || (c == ',' && !comma_is_decimal);
    let mut separator: Option<char> = None;
    for c in int_part.chars().filter(|&c| is_separator(c)) {
        match separator {
            None => separator = Some(c),
            Some(sep) if sep != c => return Err(FieldProblem::WrongFormat),
            Some(_) => {}
        }
    }
    let groups: Vec<&str> = match separator {
        Some(sep) => int_part.split(sep).collect(),
        None => vec![int_part],
    };
    for (i, g) in groups.iter().enumerate() {
        let len_ok = match (i, groups.len()) {
            (_, 1) => !g.is_empty(),
            (0, _) => (1..=3).contains(&g.len()),
            _ => g.len() == 3,
        };
        if !len_ok || !g.bytes().all(|b| b.is_ascii_digit()) {
            return Err(FieldProblem::WrongFormat);
        }
    }

    let digits: String = groups.concat();
    let significant = digits.trim_start_matches('0');
    // Cents::MAX is 999_999_999.99: more than 9 significant dollar digits is too much.
    if significant.len() > 9 {
        return Err(FieldProblem::Invalid);
    }
    let dollars = significant
        .bytes()
        .fold(0u64, |acc, b| acc * 10 + u64::from(b - b'0'));
    let cents = dollars * 100 + frac_cents;
    if cents > Cents::MAX.0 {
        return Err(FieldProblem::Invalid);
    }
    Ok(Cents(cents))
}

#[cfg(test)]
mod tests {
    use super::*;

    // parse_amount's cases are shared with the UI: crates/pos-testkit/vectors/money.json,
    // run by tests/it/vectors.rs.

    #[test]
    fn cents_display_is_plain_decimal() {
        assert_eq!(Cents(145_050).to_string(), "1450.50");
        assert_eq!(Cents(5).to_string(), "0.05");
        assert_eq!(Cents::MAX.to_string(), "999999999.99");
    }
}
