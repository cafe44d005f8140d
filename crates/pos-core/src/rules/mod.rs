//! Pure rules for single fields of the credit application.
//!
//! Each rule takes the text the rep typed and either returns the normalized value (what
//! the app sends and the emulator stores) or the [`FieldProblem`] that the contract puts
//! in `field_errors[].msg`. Nothing here reads a clock: the caller passes "today" (the
//! store's local date, never UTC) so results are reproducible and testable.
//!
//! The order of checks inside a rule is fixed: blank input is always
//! [`FieldProblem::Required`]; a value of the wrong shape is
//! [`FieldProblem::WrongFormat`]; a well-shaped value that breaks a business rule
//! (Luhn, area code, age, range) is [`FieldProblem::Invalid`].

use std::fmt;

use chrono::{Datelike, NaiveDate};

/// A field's problem: the contract's `msg` on the wire ([`FieldProblem::as_str`]), and
/// kebab-case for the UI's messages (`field-wrong-format`), which is how it serialises.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, thiserror::Error, serde::Serialize, serde::Deserialize,
)]
#[cfg_attr(feature = "ts", derive(ts_rs::TS))]
#[serde(rename_all = "kebab-case")]
pub enum FieldProblem {
    /// Absent or blank.
    #[error("required")]
    Required,
    /// Longer than the field allows.
    #[error("length")]
    Length,
    /// Well formed but not acceptable (not an option, fails a check digit, out of range).
    #[error("invalid")]
    Invalid,
    /// Not of the expected shape.
    #[error("wrong format")]
    WrongFormat,
}

impl FieldProblem {
    /// The contract's `msg` string.
    pub fn as_str(self) -> &'static str {
        match self {
            FieldProblem::Required => "required",
            FieldProblem::Length => "length",
            FieldProblem::Invalid => "invalid",
            FieldProblem::WrongFormat => "wrong format",
        }
    }
}

/// The thirteen provinces and territories, by their two-letter postal abbreviation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Province {
    AB,
    BC,
    MB,
    NB,
    NL,
    NS,
    NT,
    NU,
    ON,
    PE,
    QC,
    SK,
    YT,
}

impl Province {
    /// Every province and territory, in alphabetical order of code.
    pub const ALL: [Province; 13] = [
        Province::AB,
        Province::BC,
        Province::MB,
        Province::NB,
        Province::NL,
        Province::NS,
        Province::NT,
        Province::NU,
        Province::ON,
        Province::PE,
        Province::QC,
        Province::SK,
        Province::YT,
    ];

    /// The two-letter code, e.g. `"ON"`.
    pub fn code(self) -> &'static str {
        match self {
            Province::AB => "AB",
            Province::BC => "BC",
            Province::MB => "MB",
            Province::NB => "NB",
            Province::NL => "NL",
            Province::NS => "NS",
            Province::NT => "NT",
            Province::NU => "NU",
            Province::ON => "ON",
            Province::PE => "PE",
            Province::QC => "QC",
            Province::SK => "SK",
            Province::YT => "YT",
        }
    }

    /// The province for an exact uppercase code (surrounding whitespace ignored).
    /// `"on"` is not a code: the form sends codes from its option list, never typed text.
    pub fn from_code(s: &str) -> Option<Province> {
        let s = s.trim();
        Province::ALL.into_iter().find(|p| p.code() == s)
    }

    /// The age of majority: 18 in AB MB ON PE QC SK, 19 in BC NB NL NS NT NU YT.
    pub fn age_of_majority(self) -> u32 {
        match self {
            Province::AB | Province::MB | Province::ON | Province::PE | Province::QC => 18,
            Province::SK => 18,
            Province::BC | Province::NB | Province::NL | Province::NS => 19,
            Province::NT | Province::NU | Province::YT => 19,
        }
    }

    /// The first letters of postal codes in this province (Canada Post's forward
    /// sortation areas): A NL, B NS, C PE, E NB, G H J QC, K L M N P ON, R MB, S SK,
    /// T AB, V BC, X NT and NU, Y YT.
    pub fn postal_first_letters(self) -> &'static [char] {
        match self {
            Province::NL => &['A'],
            Province::NS => &['B'],
            Province::PE => &['C'],
            Province::NB => &['E'],
            Province::QC => &['G', 'H', 'J'],
            Province::ON => &['K', 'L', 'M', 'N', 'P'],
            Province::MB => &['R'],
            Province::SK => &['S'],
            Province::AB => &['T'],
            Province::BC => &['V'],
            Province::NT | Province::NU => &['X'],
            Province::YT => &['Y'],
        }
    }

    /// Quebec has its own rules (QCPA disclosure, its own terms and conditions group).
    pub fn is_quebec(self) -> bool {
        self == Province::QC
    }
}

impl fmt::Display for Province {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

// ---------------------------------------------------------------------------------------
// Postal code
// ---------------------------------------------------------------------------------------

/// Letters Canada Post never uses in a postal code (they look like digits or each other).
const POSTAL_NEVER: [char; 6] = ['D', 'F', 'I', 'O', 'Q', 'U'];
/// Letters Canada Post never uses as the first letter.
const POSTAL_NEVER_FIRST: [char; 2] = ['W', 'Z'];

/// Normalizes a Canadian postal code `A1A1A1` to uppercase without the space.
///
/// Accepts `"m5j2h7"`, `"M5J 2H7"`, `" M5J 2H7 "` (one space, only between the two
/// halves, is tolerated). D F I O Q U are never allowed, W and Z never first.
/// Blank: `Required`; anything else that is not a postal code: `WrongFormat`.
pub fn normalize_postal_code(s: &str) -> Result<String, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    let chars: Vec<char> = t.chars().collect();
    let compact: Vec<char> = match chars.len() {
        6 => chars,
        7 if chars[3] == ' ' => chars[..3].iter().chain(&chars[4..]).copied().collect(),
        _ => return Err(FieldProblem::WrongFormat),
    };
    let mut out = String::with_capacity(6);
    for (i, c) in compact.into_iter().enumerate() {
        let c = c.to_ascii_uppercase();
        let ok = if i % 2 == 0 {
            c.is_ascii_uppercase()
                && !POSTAL_NEVER.contains(&c)
                && !(i == 0 && POSTAL_NEVER_FIRST.contains(&c))
        } else {
            c.is_ascii_digit()
        };
        if !ok {
            return Err(FieldProblem::WrongFormat);
        }
        out.push(c);
    }
    Ok(out)
}

/// Formats a normalized postal code for display: `"M5J2H7"` becomes `"M5J 2H7"`.
/// Anything that is not six ASCII characters is returned unchanged.
pub fn format_postal_code(normalized: &str) -> String {
    match (normalized.len(), normalized.get(..3), normalized.get(3..)) {
        (6, Some(fsa), Some(ldu)) if normalized.is_ascii() => format!("{fsa} {ldu}"),
        _ => normalized.to_string(),
    }
}

/// Whether a normalized postal code's first letter belongs to the province.
pub fn postal_code_matches_province(normalized: &str, p: Province) -> bool {
    normalized
        .chars()
        .next()
        .is_some_and(|c| p.postal_first_letters().contains(&c))
}

// ---------------------------------------------------------------------------------------
// Phone
// ---------------------------------------------------------------------------------------

/// Normalizes a North American (NANP) phone number to its 10 digits.
///
/// Spaces, hyphens, dots and parentheses are dropped, as is a leading `+1` or a leading
/// `1` on an 11-digit number. Not 10 digits then (or any other character, or a `+`
/// not followed by 1): `WrongFormat`. The area code must start with 2-9, not have 9 as
/// its second digit, and not be N11; the exchange must start with 2-9 and not be N11:
/// otherwise `Invalid`. Blank: `Required`.
pub fn normalize_phone(s: &str) -> Result<String, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    let mut digits = String::with_capacity(11);
    let mut plus = false;
    for (i, c) in t.chars().enumerate() {
        match c {
            '0'..='9' => digits.push(c),
            '+' if i == 0 => plus = true,
            '-' | '.' | '(' | ')' => {}
            c if c.is_whitespace() => {}
            _ => return Err(FieldProblem::WrongFormat),
        }
    }
    let national = match (plus, digits.len(), digits.strip_prefix('1')) {
        (_, 11, Some(rest)) => rest,
        (false, 10, _) => digits.as_str(),
        _ => return Err(FieldProblem::WrongFormat),
    };
    let d = national.as_bytes();
    let n11 = |a: u8, b: u8| a == b'1' && b == b'1';
    let area_ok = d[0] >= b'2' && d[1] != b'9' && !n11(d[1], d[2]);
    let exchange_ok = d[3] >= b'2' && !n11(d[4], d[5]);
    if !(area_ok && exchange_ok) {
        return Err(FieldProblem::Invalid);
    }
    Ok(national.to_string())
}

/// Formats a normalized 10-digit number for display: `"4165550123"` becomes
/// `"(416) 555-0123"`. Anything that is not 10 ASCII digits is returned unchanged.
pub fn format_phone(normalized: &str) -> String {
    if normalized.len() == 10 && normalized.bytes().all(|b| b.is_ascii_digit()) {
        format!(
            "({}) {}-{}",
            &normalized[..3],
            &normalized[3..6],
            &normalized[6..]
        )
    } else {
        normalized.to_string()
    }
}

// ---------------------------------------------------------------------------------------
// Email
// ---------------------------------------------------------------------------------------

/// The longest email address accepted, in characters.
pub const EMAIL_MAX_CHARS: usize = 100;

/// Checks an email address syntactically (no DNS): trimmed; at most 100 characters
/// (`Length`); exactly one `@`; a non-empty local part without whitespace or control
/// characters; a domain of at least two dot-separated labels of `[A-Za-z0-9-]`, none
/// starting or ending with `-`, the last (TLD) alphabetic and at least 2 long
/// (`WrongFormat`). Blank: `Required`.
pub fn validate_email(s: &str) -> Result<(), FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    if t.chars().count() > EMAIL_MAX_CHARS {
        return Err(FieldProblem::Length);
    }
    let mut parts = t.split('@');
    let (Some(local), Some(domain), None) = (parts.next(), parts.next(), parts.next()) else {
        return Err(FieldProblem::WrongFormat);
    };
    if local.is_empty()
        || local
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || is_bidi_control(c))
    {
        return Err(FieldProblem::WrongFormat);
    }
    let labels: Vec<&str> = domain.split('.').collect();
    if labels.len() < 2 {
        return Err(FieldProblem::WrongFormat);
    }
    let label_ok = |l: &str| {
        !l.is_empty()
            && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            && !l.starts_with('-')
            && !l.ends_with('-')
    };
    if !labels.iter().all(|l| label_ok(l)) {
        return Err(FieldProblem::WrongFormat);
    }
    let tld_ok = labels
        .last()
        .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()));
    if !tld_ok {
        return Err(FieldProblem::WrongFormat);
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// SIN
// ---------------------------------------------------------------------------------------

/// The standard Luhn (mod 10) check. False for an empty string or any non-ASCII-digit.
pub fn luhn_valid(digits: &str) -> bool {
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return false;
    }
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
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
    sum.is_multiple_of(10)
}

/// Normalizes a Social Insurance Number to its 9 digits.
///
/// Spaces and hyphens are dropped (`"130 692 544"`, `"130-692-544"`). Not 9 ASCII
/// digits then (full-width digits included): `WrongFormat`. Failing the Luhn check, or
/// starting with 0 or 8 (never issued to individuals): `Invalid`. SINs starting with 9
/// (temporary residents) are accepted. Blank: `Required`.
pub fn normalize_sin(s: &str) -> Result<String, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    let digits: String = t.chars().filter(|&c| c != ' ' && c != '-').collect();
    if digits.len() != 9 || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return Err(FieldProblem::WrongFormat);
    }
    if digits.starts_with('0') || digits.starts_with('8') || !luhn_valid(&digits) {
        return Err(FieldProblem::Invalid);
    }
    Ok(digits)
}

// ---------------------------------------------------------------------------------------
// Dates and age
// ---------------------------------------------------------------------------------------

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

// ---------------------------------------------------------------------------------------
// Amounts
// ---------------------------------------------------------------------------------------

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
/// decimals, no sign, no exponent, at least one digit before the decimal separator.
/// Negative (`"-5"`): `Invalid`; more than [`Cents::MAX`]: `Invalid`; other junk:
/// `WrongFormat`; blank: `Required`.
pub fn parse_amount(s: &str) -> Result<Cents, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    if let Some(rest) = t.strip_prefix('-').or_else(|| t.strip_prefix('\u{2212}')) {
        // A well-formed negative amount is a number, just not an acceptable one.
        return match parse_unsigned_amount(rest) {
            Ok(_) | Err(FieldProblem::Invalid) => Err(FieldProblem::Invalid),
            Err(e) => Err(e),
        };
    }
    parse_unsigned_amount(t)
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

// ---------------------------------------------------------------------------------------
// Free text
// ---------------------------------------------------------------------------------------

/// Bidirectional embedding/override (U+202A..U+202E) and isolate (U+2066..U+2069)
/// controls: they can make text display differently from what it is.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// Characters that take no room on screen (zero-width space, word joiner, invisible
/// operators, byte-order mark, soft hyphen, the left-to-right/right-to-left/Arabic
/// letter marks, Mongolian vowel separator): text hiding them reads as something it is
/// not. The zero-width joiner and non-joiner are not in the list: some scripts need them.
pub fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{00AD}' | '\u{061C}' | '\u{180E}' | '\u{200B}' | '\u{200E}' | '\u{200F}' | '\u{2060}'
            ..='\u{2064}' | '\u{FEFF}'
    )
}

/// Checks free text (names, addresses, answers). Trimmed blank: `Required`; more than
/// `max_chars` characters (Unicode scalar values, after trimming): `Length`; any control
/// character, bidi override/isolate or invisible character ([`is_invisible`]), or nothing
/// but spaces and joiners: `Invalid`. Letters of any script, accents, apostrophes,
/// hyphens, underscores and digits are all fine.
pub fn check_text(s: &str, max_chars: usize) -> Result<(), FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    if t.chars().count() > max_chars {
        return Err(FieldProblem::Length);
    }
    if t.chars()
        .any(|c| c.is_control() || is_bidi_control(c) || is_invisible(c))
        || t.chars()
            .all(|c| c.is_whitespace() || c == '\u{200C}' || c == '\u{200D}')
    {
        return Err(FieldProblem::Invalid);
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

    fn d(y: i32, m: u32, day: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, day).unwrap()
    }

    #[test]
    fn text_made_of_or_hiding_invisible_characters_is_invalid() {
        for text in [
            "\u{200B}",
            "\u{FEFF}\u{200B}",
            "\u{200D}",
            "Jo\u{200B}hn",
            "\u{00AD}",
            "Zo\u{200E}é",
        ] {
            assert_eq!(check_text(text, 80), Err(Invalid), "{text:?}");
        }
        for text in [
            "Zoé",
            "O'Brien-Tremblay",
            "Nguyễn",
            "\u{0645}\u{200C}\u{0647}",
        ] {
            assert_eq!(check_text(text, 80), Ok(()), "{text:?}");
        }
    }

    // --- FieldProblem -----------------------------------------------------------------

    #[test]
    fn field_problem_wire_strings() {
        assert_eq!(Required.as_str(), "required");
        assert_eq!(Length.as_str(), "length");
        assert_eq!(Invalid.as_str(), "invalid");
        assert_eq!(WrongFormat.as_str(), "wrong format");
        for p in [Required, Length, Invalid, WrongFormat] {
            assert_eq!(p.to_string(), p.as_str());
        }
    }

    // --- Province -----------------------------------------------------------------------

    #[test]
    fn province_code_round_trips() {
        for p in Province::ALL {
            assert_eq!(Province::from_code(p.code()), Some(p));
            assert_eq!(Province::from_code(&format!(" {} ", p.code())), Some(p));
            assert_eq!(p.to_string(), p.code());
        }
    }

    #[test]
    fn province_from_code_is_exact_uppercase() {
        assert_eq!(Province::from_code("on"), None);
        assert_eq!(Province::from_code("On"), None);
        assert_eq!(Province::from_code("ONT"), None);
        assert_eq!(Province::from_code("Ontario"), None);
        assert_eq!(Province::from_code(""), None);
        assert_eq!(Province::from_code("PQ"), None);
    }

    #[test]
    fn age_of_majority_table() {
        use Province::*;
        for p in [AB, MB, ON, PE, QC, SK] {
            assert_eq!(p.age_of_majority(), 18, "{p}");
        }
        for p in [BC, NB, NL, NS, NT, NU, YT] {
            assert_eq!(p.age_of_majority(), 19, "{p}");
        }
    }

    #[test]
    fn postal_first_letter_table() {
        use Province::*;
        let expect: [(char, &[Province]); 18] = [
            ('A', &[NL]),
            ('B', &[NS]),
            ('C', &[PE]),
            ('E', &[NB]),
            ('G', &[QC]),
            ('H', &[QC]),
            ('J', &[QC]),
            ('K', &[ON]),
            ('L', &[ON]),
            ('M', &[ON]),
            ('N', &[ON]),
            ('P', &[ON]),
            ('R', &[MB]),
            ('S', &[SK]),
            ('T', &[AB]),
            ('V', &[BC]),
            ('X', &[NT, NU]),
            ('Y', &[YT]),
        ];
        for (letter, provinces) in expect {
            let found: Vec<Province> = Province::ALL
                .into_iter()
                .filter(|p| p.postal_first_letters().contains(&letter))
                .collect();
            assert_eq!(found, provinces, "{letter}");
        }
        // Every province has at least one letter, and only these 18 letters are used.
        let total: usize = Province::ALL
            .iter()
            .map(|p| p.postal_first_letters().len())
            .sum();
        assert_eq!(total, 19); // X counted twice (NT and NU)
    }

    #[test]
    fn only_quebec_is_quebec() {
        for p in Province::ALL {
            assert_eq!(p.is_quebec(), p == Province::QC);
        }
    }

    // --- Postal code --------------------------------------------------------------------

    #[test]
    fn postal_code_normalizes_case_and_space() {
        for s in ["m5j2h7", "M5J 2H7", " M5J 2H7 ", "M5J2H7", "m5J 2h7\t"] {
            assert_eq!(normalize_postal_code(s), Ok("M5J2H7".to_string()), "{s:?}");
        }
    }

    #[test]
    fn postal_code_blank_is_required() {
        assert_eq!(normalize_postal_code(""), Err(Required));
        assert_eq!(normalize_postal_code("   "), Err(Required));
    }

    #[test]
    fn postal_code_wrong_shape_is_wrong_format() {
        for s in [
            "M5J", "M5J2H", "M5J2H77", "5MJ2H7", "M5J  2H7", "M5 J2H7", "M5J-2H7", "M5J2H７",
            "ÉAB1C2", "12345", "M5J2H7X",
        ] {
            assert_eq!(normalize_postal_code(s), Err(WrongFormat), "{s:?}");
        }
    }

    #[test]
    fn postal_code_never_uses_d_f_i_o_q_u() {
        for bad in POSTAL_NEVER {
            for pos in [0usize, 2, 4] {
                let mut chars: Vec<char> = "K1A0B1".chars().collect();
                chars[pos] = bad;
                let s: String = chars.into_iter().collect();
                assert_eq!(normalize_postal_code(&s), Err(WrongFormat), "{s}");
            }
        }
    }

    #[test]
    fn postal_code_never_starts_with_w_or_z() {
        assert_eq!(normalize_postal_code("W1A1A1"), Err(WrongFormat));
        assert_eq!(normalize_postal_code("Z1A1A1"), Err(WrongFormat));
        // ...but W and Z are fine in later positions.
        assert_eq!(normalize_postal_code("K1W1Z1"), Ok("K1W1Z1".to_string()));
    }

    #[test]
    fn postal_code_first_letter_must_match_province() {
        assert!(postal_code_matches_province("M5J2H7", Province::ON));
        assert!(!postal_code_matches_province("M5J2H7", Province::QC));
        assert!(postal_code_matches_province("H2X1Y4", Province::QC));
        assert!(postal_code_matches_province("X0A0H0", Province::NU));
        assert!(postal_code_matches_province("X1A2P7", Province::NT));
        assert!(!postal_code_matches_province("V6B1A1", Province::AB));
        assert!(!postal_code_matches_province("", Province::ON));
    }

    #[test]
    fn format_postal_code_inserts_the_space() {
        assert_eq!(format_postal_code("M5J2H7"), "M5J 2H7");
        assert_eq!(format_postal_code("M5J"), "M5J");
        assert_eq!(format_postal_code("éé2H"), "éé2H");
    }

    // --- Phone ----------------------------------------------------------------------------

    #[test]
    fn phone_accepts_common_formats() {
        for s in [
            "4165550123",
            "416-555-0123",
            "(416) 555-0123",
            "416.555.0123",
            "416 555 0123",
            "+1 416 555 0123",
            "+14165550123",
            "1-416-555-0123",
            "14165550123",
            " +1 (416) 555-0123 ",
        ] {
            assert_eq!(normalize_phone(s), Ok("4165550123".to_string()), "{s:?}");
        }
    }

    #[test]
    fn phone_blank_is_required() {
        assert_eq!(normalize_phone(""), Err(Required));
        assert_eq!(normalize_phone("  "), Err(Required));
    }

    #[test]
    fn phone_not_ten_digits_is_wrong_format() {
        for s in [
            "416555012",
            "41655501234",
            "24165550123",
            "+4165550123",
            "+2 416 555 0123",
            "416-555-O123",
            "416 555 0123 x12",
            "416/555/0123",
            "1+4165550123",
            "+",
            "()",
        ] {
            assert_eq!(normalize_phone(s), Err(WrongFormat), "{s:?}");
        }
    }

    #[test]
    fn phone_area_code_rules_are_invalid() {
        // first digit 0 or 1, second digit 9, N11
        for s in [
            "0165550123",
            "1165550123",
            "1-116-555-0123",
            "4965550123",
            "2115550123",
            "9115550123",
        ] {
            assert_eq!(normalize_phone(s), Err(Invalid), "{s:?}");
        }
        assert_eq!(normalize_phone("2125550123"), Ok("2125550123".to_string()));
    }

    #[test]
    fn phone_exchange_rules_are_invalid() {
        for s in ["4160550123", "4161550123", "4164110123", "4169110123"] {
            assert_eq!(normalize_phone(s), Err(Invalid), "{s:?}");
        }
        assert_eq!(normalize_phone("4162120123"), Ok("4162120123".to_string()));
    }

    #[test]
    fn format_phone_groups_digits() {
        assert_eq!(format_phone("4165550123"), "(416) 555-0123");
        assert_eq!(format_phone("416"), "416");
    }

    // --- Email ----------------------------------------------------------------------------

    #[test]
    fn email_accepts_ordinary_addresses() {
        for s in [
            "john@example.com",
            " john.smith+pos@mail.example.co.uk ",
            "a@b.ca",
            "élodie@exemple.qc.ca",
            "x_y@sub-domain.example.org",
        ] {
            assert_eq!(validate_email(s), Ok(()), "{s:?}");
        }
    }

    #[test]
    fn email_blank_is_required() {
        assert_eq!(validate_email(""), Err(Required));
        assert_eq!(validate_email(" \t"), Err(Required));
    }

    #[test]
    fn email_over_100_chars_is_length() {
        let ok = format!("{}@example.com", "a".repeat(100 - 12));
        assert_eq!(ok.chars().count(), 100);
        assert_eq!(validate_email(&ok), Ok(()));
        let long = format!("{}@example.com", "a".repeat(101 - 12));
        assert_eq!(validate_email(&long), Err(Length));
    }

    #[test]
    fn email_bad_syntax_is_wrong_format() {
        for s in [
            "john",
            "john@",
            "@example.com",
            "john@@example.com",
            "john@doe@example.com",
            "john smith@example.com",
            "john@example",
            "john@example.c",
            "john@example.c0m",
            "john@-example.com",
            "john@example-.com",
            "john@example..com",
            "john@.example.com",
            "john@example.com.",
            "john@exa_mple.com",
            "john@exämple.com",
            "jo\u{202E}hn@example.com",
        ] {
            assert_eq!(validate_email(s), Err(WrongFormat), "{s:?}");
        }
    }

    // --- SIN ------------------------------------------------------------------------------

    #[test]
    fn luhn_known_values() {
        assert!(luhn_valid("130692544"));
        assert!(luhn_valid("046454286"));
        assert!(luhn_valid("79927398713"));
        assert!(!luhn_valid("130692545"));
        assert!(!luhn_valid("79927398710"));
        assert!(!luhn_valid(""));
        assert!(!luhn_valid("13069254a"));
        assert!(!luhn_valid("１３０"));
    }

    #[test]
    fn sin_accepts_spaces_and_hyphens() {
        for s in ["130692544", "130 692 544", "130-692-544", " 130 692 544 "] {
            assert_eq!(normalize_sin(s), Ok("130692544".to_string()), "{s:?}");
        }
    }

    #[test]
    fn sin_blank_is_required() {
        assert_eq!(normalize_sin(""), Err(Required));
        assert_eq!(normalize_sin("   "), Err(Required));
    }

    #[test]
    fn sin_not_nine_digits_is_wrong_format() {
        for s in [
            "13069254",
            "1306925440",
            "13069254a",
            "130.692.544",
            "１３０６９２５４４",
            "--",
        ] {
            assert_eq!(normalize_sin(s), Err(WrongFormat), "{s:?}");
        }
    }

    #[test]
    fn sin_failing_luhn_is_invalid() {
        assert_eq!(normalize_sin("130692545"), Err(Invalid));
        assert_eq!(normalize_sin("123456789"), Err(Invalid));
    }

    #[test]
    fn sin_starting_with_zero_or_eight_is_invalid() {
        // Both pass Luhn, and both are refused for their first digit.
        assert!(luhn_valid("046454286"));
        assert_eq!(normalize_sin("046454286"), Err(Invalid));
        assert!(luhn_valid("800000002"));
        assert_eq!(normalize_sin("800000002"), Err(Invalid));
    }

    #[test]
    fn sin_starting_with_nine_is_accepted() {
        assert!(luhn_valid("900000001"));
        assert_eq!(normalize_sin("900000001"), Ok("900000001".to_string()));
    }

    // --- Dates and age --------------------------------------------------------------------

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

    // --- Amounts --------------------------------------------------------------------------

    // parse_amount's cases are shared with the UI: crates/pos-testkit/vectors/money.json,
    // run by tests/it/vectors.rs.

    #[test]
    fn cents_display_is_plain_decimal() {
        assert_eq!(Cents(145_050).to_string(), "1450.50");
        assert_eq!(Cents(5).to_string(), "0.05");
        assert_eq!(Cents::MAX.to_string(), "999999999.99");
    }

    // --- Text -----------------------------------------------------------------------------

    #[test]
    fn text_blank_is_required() {
        assert_eq!(check_text("", 10), Err(Required));
        assert_eq!(check_text(" \n\t", 10), Err(Required));
    }

    #[test]
    fn text_over_max_chars_is_length() {
        assert_eq!(check_text("abcde", 5), Ok(()));
        assert_eq!(check_text("abcdef", 5), Err(Length));
        // Characters, not bytes: five accented letters are five.
        assert_eq!(check_text("ééééé", 5), Ok(()));
        // Surrounding whitespace is not counted.
        assert_eq!(check_text("  abcde  ", 5), Ok(()));
    }

    #[test]
    fn text_control_or_bidi_is_invalid() {
        for s in [
            "Jo\u{0}hn",
            "Jo\thn",
            "Jo\nhn",
            "Jo\u{7F}hn",
            "Jo\u{85}hn",
            "Jo\u{202E}hn",
            "Jo\u{202A}hn",
            "Jo\u{2066}hn",
            "Jo\u{2069}hn",
        ] {
            assert_eq!(check_text(s, 100), Err(Invalid), "{s:?}");
        }
    }

    #[test]
    fn text_accepts_names_of_every_kind() {
        for s in [
            "Zoë-Anne",
            "D'Aragon",
            "O’Brien",
            "A-RR_L",
            "Jean Baptiste",
            "Nguyễn",
            "Łukasz",
            "ᐃᓄᒃᑎᑐᑦ",
            "55 University Ave",
        ] {
            assert_eq!(check_text(s, 100), Ok(()), "{s:?}");
        }
    }
}
