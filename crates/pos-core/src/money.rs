//! Money in integer cents and rates in integer ten-thousandths, read and written as exact
//! decimal text and never through a float, so an amount is never silently rounded.
//!
//! - [`Money`]: cents; at most two decimals on the wire (`250`, `1450.5`, `"1450.50"`).
//! - [`Rate`]: ten-thousandths (`0.0999` → `999`); at most four decimals.
//! - [`equal_payment`], [`deferred_amount`]: the purchase contract's monthly payments,
//!   computed with big integers and rounded half-up to the cent once.
//!
//! A JSON number reaches serde as an `f64` (serde_json is built without
//! `arbitrary_precision`); it is read through its shortest round-trip text (`1450.505`
//! stays `"1450.505"` and is refused), never multiplied and rounded.

use std::fmt;

use num_bigint::BigInt;
use num_traits::{Signed, ToPrimitive, Zero};
use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// Why a decimal text was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DecimalError {
    /// Not an optional minus, digits, and an optional `.` followed by digits.
    #[error("not a plain decimal number")]
    Malformed,
    /// More decimals than the type holds (`1450.505` for money): refused, never rounded.
    #[error("more than {max} decimals")]
    TooManyDecimals { max: u32 },
    /// Does not fit in an `i64` of the type's unit.
    #[error("out of range")]
    OutOfRange,
}

/// An amount of money in cents.
///
/// Read from `1000`, `1000.5`, `"1000.00"` (at most two decimals; more is an error, never
/// rounded); written as the shortest exact JSON number (`1000`, `1000.5`, `1000.05`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    /// No money.
    pub const ZERO: Money = Money(0);

    pub const fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub const fn cents(self) -> i64 {
        self.0
    }

    /// Parses an optional minus, digits, and at most two decimals (`-12`, `1450.5`,
    /// `1450.50`); surrounding whitespace is ignored.
    pub fn parse(text: &str) -> Result<Money, DecimalError> {
        parse_fixed(text, 2).map(Money)
    }

    /// The shortest exact decimal text (`250`, `1450.5`, `1450.05`, `-3`): what the wire's
    /// JSON number says, and what [`Display`](fmt::Display) shows.
    pub fn to_json_number_text(self) -> String {
        format_fixed(self.0, 2)
    }

    pub fn checked_add(self, other: Money) -> Option<Money> {
        self.0.checked_add(other.0).map(Money)
    }

    pub fn checked_sub(self, other: Money) -> Option<Money> {
        self.0.checked_sub(other.0).map(Money)
    }

    /// This amount `factor` times (a payment times its term).
    pub fn checked_mul_int(self, factor: i64) -> Option<Money> {
        self.0.checked_mul(factor).map(Money)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_number_text())
    }
}

impl std::str::FromStr for Money {
    type Err = DecimalError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Money::parse(text)
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_fixed(self.0, 2, serializer)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_fixed(deserializer, 2, "bad_amount").map(Money)
    }
}

/// An annual rate in ten-thousandths (`0.0999`, i.e. 9.99 %, is `Rate(999)`).
///
/// Read from a number or a string with at most four decimals; written as the shortest
/// exact JSON number (`0.0999`, `0`, `0.3`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Rate(pub i64);

impl Rate {
    /// No interest.
    pub const ZERO: Rate = Rate(0);

    pub const fn from_ten_thousandths(value: i64) -> Self {
        Rate(value)
    }

    pub const fn ten_thousandths(self) -> i64 {
        self.0
    }

    /// Parses an optional minus, digits, and at most four decimals (`0.0999`, `0`).
    pub fn parse(text: &str) -> Result<Rate, DecimalError> {
        parse_fixed(text, 4).map(Rate)
    }

    /// The shortest exact decimal text (`0.0999`, `0`, `0.3`).
    pub fn to_json_number_text(self) -> String {
        format_fixed(self.0, 4)
    }
}

impl fmt::Display for Rate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_json_number_text())
    }
}

impl std::str::FromStr for Rate {
    type Err = DecimalError;
    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Rate::parse(text)
    }
}

impl Serialize for Rate {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serialize_fixed(self.0, 4, serializer)
    }
}

impl<'de> Deserialize<'de> for Rate {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserialize_fixed(deserializer, 4, "bad_rate").map(Rate)
    }
}

/// The longest term [`equal_payment`] computes (100 years): the exact power `(1 + r)^n`
/// grows with `n`, so an absurd term must not become an absurd computation.
pub const MAX_TERM_MONTHS: u32 = 1200;

/// The monthly payment of an equal-payments plan, exactly as `purchase.md` defines it.
///
/// `P` = `amount` + `admin_total`, `r` = `annual_rate` / 12, `n` = `term`; payment =
/// `P·r / (1 − (1 + r)^−n)` (`P / n` when `r` = 0), computed exactly with big integers,
/// rounded half-up (half away from zero) to the cent once, then `admin_monthly` added.
///
/// `None` for a term of 0 or above [`MAX_TERM_MONTHS`], a negative rate, or an amount out
/// of `i64` cents.
pub fn equal_payment(
    amount: Money,
    admin_total: Money,
    admin_monthly: Money,
    annual_rate: Rate,
    term: u32,
) -> Option<Money> {
    if term == 0 || term > MAX_TERM_MONTHS || annual_rate.0 < 0 {
        return None;
    }
    let principal = BigInt::from(amount.checked_add(admin_total)?.0);
    let (numerator, denominator) = if annual_rate.0 == 0 {
        (principal, BigInt::from(term))
    } else {
        // r = R / D with R the rate in ten-thousandths and D = 12 × 10 000, so
        // P·r / (1 − (1+r)^−n) = P·R·(D+R)^n / (D·((D+R)^n − D^n)).
        let d = BigInt::from(120_000u32);
        let r = BigInt::from(annual_rate.0);
        let growth = (&d + &r).pow(term);
        let base = d.pow(term);
        (principal * &r * &growth, d * (growth - base))
    };
    let cents = round_half_away_from_zero(&numerator, &denominator)?;
    Money(cents).checked_add(admin_monthly)
}

/// What a deferred plan asks to clear by the term's end: `amount` + `admin_total`.
pub fn deferred_amount(amount: Money, admin_total: Money) -> Option<Money> {
    amount.checked_add(admin_total)
}

/// `numerator / denominator` rounded to the nearest integer, ties away from zero.
fn round_half_away_from_zero(numerator: &BigInt, denominator: &BigInt) -> Option<i64> {
    if denominator.is_zero() {
        return None;
    }
    let negative = numerator.is_negative() != denominator.is_negative() && !numerator.is_zero();
    let (n, d) = (numerator.abs(), denominator.abs());
    let two = BigInt::from(2u8);
    let magnitude = (&n * &two + &d) / (&d * &two);
    let signed = if negative { -magnitude } else { magnitude };
    signed.to_i64()
}

/// Parses `[-]digits[.digits]` with at most `scale` decimals into units of 10^−scale.
fn parse_fixed(text: &str, scale: u32) -> Result<i64, DecimalError> {
    let text = text.trim();
    let (negative, digits) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text),
    };
    let (whole, fraction) = match digits.split_once('.') {
        Some((whole, fraction)) if !fraction.is_empty() => (whole, fraction),
        Some(_) => return Err(DecimalError::Malformed),
        None => (digits, ""),
    };
    let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
    if whole.is_empty() || !all_digits(whole) || !all_digits(fraction) {
        return Err(DecimalError::Malformed);
    }
    if fraction.len() > scale as usize {
        return Err(DecimalError::TooManyDecimals { max: scale });
    }
    let mut magnitude: u64 = 0;
    let padding = scale as usize - fraction.len();
    for digit in whole
        .bytes()
        .chain(fraction.bytes())
        .chain(std::iter::repeat_n(b'0', padding))
    {
        magnitude = magnitude
            .checked_mul(10)
            .and_then(|m| m.checked_add(u64::from(digit - b'0')))
            .ok_or(DecimalError::OutOfRange)?;
    }
    let magnitude = i128::from(magnitude);
    i64::try_from(if negative { -magnitude } else { magnitude })
        .map_err(|_| DecimalError::OutOfRange)
}

/// The shortest exact decimal text of `value` units of 10^−scale.
fn format_fixed(value: i64, scale: u32) -> String {
    let sign = if value < 0 { "-" } else { "" };
    let magnitude = value.unsigned_abs();
    let unit = 10u64.pow(scale);
    let (whole, fraction) = (magnitude / unit, magnitude % unit);
    if fraction == 0 {
        return format!("{sign}{whole}");
    }
    let fraction = format!("{fraction:0width$}", width = scale as usize);
    format!("{sign}{whole}.{}", fraction.trim_end_matches('0'))
}

/// Writes `value` units of 10^−scale as a JSON number with exactly its decimal text.
///
/// Whole values go out as integers. Others go out as the nearest `f64`, whose shortest
/// round-trip text (what serde_json writes) is the value's own text whenever it has at
/// most 15 significant digits (every `f64` holds 15 decimal digits); larger fractional
/// values are refused rather than written approximately.
fn serialize_fixed<S: Serializer>(
    value: i64,
    scale: u32,
    serializer: S,
) -> Result<S::Ok, S::Error> {
    let unit = 10i64.pow(scale);
    if value % unit == 0 {
        return serializer.serialize_i64(value / unit);
    }
    const EXACT_IN_F64: u64 = 1_000_000_000_000_000; // 10^15: 15 significant digits
    if value.unsigned_abs() >= EXACT_IN_F64 {
        return Err(serde::ser::Error::custom(
            "too many digits to write as an exact JSON number",
        ));
    }
    // Both operands are exact in f64 and the division is correctly rounded: the nearest
    // f64 to the decimal value.
    serializer.serialize_f64(value as f64 / unit as f64)
}

/// Reads a string or a number with at most `scale` decimals; `code` starts the error.
fn deserialize_fixed<'de, D: Deserializer<'de>>(
    deserializer: D,
    scale: u32,
    code: &'static str,
) -> Result<i64, D::Error> {
    struct FixedVisitor {
        scale: u32,
        code: &'static str,
    }
    impl FixedVisitor {
        fn parse<E: de::Error>(&self, text: &str) -> Result<i64, E> {
            parse_fixed(text, self.scale).map_err(|e| E::custom(format_args!("{}: {e}", self.code)))
        }
    }
    impl Visitor<'_> for FixedVisitor {
        type Value = i64;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            write!(
                f,
                "a number or a numeric string with at most {} decimals",
                self.scale
            )
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<i64, E> {
            self.parse(v)
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<i64, E> {
            self.parse(&v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<i64, E> {
            self.parse(&v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<i64, E> {
            if !v.is_finite() {
                return Err(E::custom(format_args!(
                    "{}: not a finite number",
                    self.code
                )));
            }
            // `Display` of an f64 is the shortest text that reads back as the same f64,
            // without an exponent: `1450.505` stays `1450.505` and is refused.
            self.parse(&v.to_string())
        }
    }
    deserializer.deserialize_any(FixedVisitor { scale, code })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn m(text: &str) -> Money {
        Money::parse(text).unwrap()
    }

    fn r(text: &str) -> Rate {
        Rate::parse(text).unwrap()
    }

    #[test]
    fn money_parses_at_most_two_decimals() {
        for (text, cents) in [
            ("250", 25_000),
            ("1450.5", 145_050),
            ("1450.50", 145_050),
            ("1450.05", 145_005),
            ("-3", -300),
            ("-0.01", -1),
            ("0", 0),
            ("-0", 0),
            (" 12.3 ", 1_230),
            ("007.10", 710),
        ] {
            assert_eq!(Money::parse(text), Ok(Money(cents)), "{text}");
        }
        assert_eq!(
            Money::parse("1450.505"),
            Err(DecimalError::TooManyDecimals { max: 2 })
        );
        assert_eq!(
            Money::parse("1450.500"),
            Err(DecimalError::TooManyDecimals { max: 2 })
        );
        for text in [
            "", "-", ".5", "5.", "+5", "1e3", "1,5", "12a", "--1", "1.-5", "1 000",
        ] {
            assert_eq!(Money::parse(text), Err(DecimalError::Malformed), "{text:?}");
        }
        assert_eq!(Money::parse("92233720368547758.07"), Ok(Money(i64::MAX)));
        assert_eq!(
            Money::parse("92233720368547758.08"),
            Err(DecimalError::OutOfRange)
        );
        assert_eq!(Money::parse("-92233720368547758.08"), Ok(Money(i64::MIN)));
        assert_eq!(
            Money::parse("99999999999999999999999"),
            Err(DecimalError::OutOfRange)
        );
    }

    #[test]
    fn money_formats_shortest() {
        for (cents, text) in [
            (25_000, "250"),
            (145_050, "1450.5"),
            (145_005, "1450.05"),
            (-300, "-3"),
            (-1, "-0.01"),
            (0, "0"),
            (i64::MAX, "92233720368547758.07"),
            (i64::MIN, "-92233720368547758.08"),
        ] {
            assert_eq!(Money(cents).to_string(), text);
            assert_eq!(Money(cents).to_json_number_text(), text);
        }
    }

    #[test]
    fn money_checked_arithmetic() {
        assert_eq!(m("0.1").checked_add(m("0.2")), Some(m("0.3")));
        assert_eq!(m("1").checked_sub(m("1.01")), Some(m("-0.01")));
        assert_eq!(m("338.9").checked_mul_int(3), Some(m("1016.7")));
        assert_eq!(Money(i64::MAX).checked_add(Money(1)), None);
        assert_eq!(Money(i64::MIN).checked_sub(Money(1)), None);
        assert_eq!(Money(i64::MAX).checked_mul_int(2), None);
    }

    #[test]
    fn money_json_reads_strings_and_numbers_and_refuses_three_decimals() {
        for (json, cents) in [
            ("\"1000.00\"", 100_000),
            ("1000", 100_000),
            ("1000.0", 100_000),
            ("659.51", 65_951),
            ("\"659.5\"", 65_950),
            ("0.1", 10),
            ("-2.5", -250),
            ("1450.50", 145_050),
        ] {
            assert_eq!(
                serde_json::from_str::<Money>(json).unwrap(),
                Money(cents),
                "{json}"
            );
        }
        for json in [
            "1450.505",
            "\"1450.505\"",
            "0.001",
            "\"abc\"",
            "true",
            "null",
            "1e300",
            "[1]",
        ] {
            assert!(serde_json::from_str::<Money>(json).is_err(), "{json}");
        }
        let error = serde_json::from_str::<Money>("1450.505")
            .unwrap_err()
            .to_string();
        assert!(
            error.starts_with("bad_amount: more than 2 decimals"),
            "{error}"
        );
    }

    #[test]
    fn money_json_writes_the_shortest_exact_number() {
        for (cents, json) in [
            (25_000, "250"),
            (145_050, "1450.5"),
            (145_005, "1450.05"),
            (1, "0.01"),
            (-5, "-0.05"),
            (999_999_999_999_999, "9999999999999.99"),
            (i64::MAX - 7, "92233720368547758"),
        ] {
            assert_eq!(serde_json::to_string(&Money(cents)).unwrap(), json);
        }
        assert!(serde_json::to_string(&Money(i64::MAX)).is_err());
    }

    #[test]
    fn rate_reads_and_writes_four_decimals() {
        assert_eq!(r("0.0999"), Rate(999));
        assert_eq!(r("0"), Rate(0));
        assert_eq!(r("0.3"), Rate(3_000));
        assert_eq!(r("1"), Rate(10_000));
        assert_eq!(
            Rate::parse("0.09999"),
            Err(DecimalError::TooManyDecimals { max: 4 })
        );
        for (rate, text) in [(999, "0.0999"), (0, "0"), (3_000, "0.3"), (2_999, "0.2999")] {
            assert_eq!(Rate(rate).to_string(), text);
            assert_eq!(serde_json::to_string(&Rate(rate)).unwrap(), text);
        }
        assert_eq!(serde_json::from_str::<Rate>("0.0999").unwrap(), Rate(999));
        assert_eq!(
            serde_json::from_str::<Rate>("\"0.3099\"").unwrap(),
            Rate(3_099)
        );
        assert_eq!(serde_json::from_str::<Rate>("0").unwrap(), Rate(0));
        let error = serde_json::from_str::<Rate>("0.09995")
            .unwrap_err()
            .to_string();
        assert!(error.starts_with("bad_rate"), "{error}");
    }

    /// `purchase.md`'s vectors: (amount, admin_total, rate, term) → (payment, cost).
    #[test]
    fn equal_payment_matches_the_contract_vectors() {
        let plan4 = r("0.0999");
        for (term, payment, cost) in [
            (3, "338.90", "1016.70"),
            (6, "171.56", "1029.36"),
            (12, "87.91", "1054.92"),
            (24, "46.14", "1107.36"),
        ] {
            let got = equal_payment(m("1000.00"), Money::ZERO, Money::ZERO, plan4, term).unwrap();
            assert_eq!(got, m(payment), "plan 4 × {term}");
            assert_eq!(
                got.checked_mul_int(i64::from(term)),
                Some(m(cost)),
                "plan 4 × {term}"
            );
        }
        let fee = m("49.99");
        let plan5 =
            |amount: &str, term| equal_payment(m(amount), fee, Money::ZERO, Rate::ZERO, term);
        assert_eq!(plan5("1000.00", 6), Some(m("175.00")));
        assert_eq!(plan5("1000.00", 12), Some(m("87.50")));
        assert_eq!(m("87.50").checked_mul_int(12), Some(m("1050.00")));
        // (1000.34 + 49.99) / 6 = 175.055 exactly: a tie, rounded up (f64 gives 175.05).
        assert_eq!(plan5("1000.34", 6), Some(m("175.06")));
        // Flexiti's own examples.
        assert_eq!(
            equal_payment(m("10.50"), Money::ZERO, Money::ZERO, plan4, 3),
            Some(m("3.56"))
        );
        assert_eq!(
            equal_payment(m("10.00"), fee, Money::ZERO, plan4, 3),
            Some(m("20.33"))
        );
        // Account 123456789's credit_exceeded vector: 650.00 plan 4 × 3 costs 660.84.
        let payment = equal_payment(m("650.00"), Money::ZERO, Money::ZERO, plan4, 3).unwrap();
        assert_eq!(payment.checked_mul_int(3), Some(m("660.84")));
    }

    #[test]
    fn equal_payment_adds_monthly_fees_after_rounding_and_refuses_nonsense() {
        let plain = equal_payment(m("1000"), Money::ZERO, Money::ZERO, r("0.0999"), 3).unwrap();
        let with_fee = equal_payment(m("1000"), Money::ZERO, m("2.5"), r("0.0999"), 3).unwrap();
        assert_eq!(with_fee, plain.checked_add(m("2.5")).unwrap());
        assert_eq!(
            equal_payment(m("1000"), Money::ZERO, Money::ZERO, r("0.0999"), 0),
            None
        );
        assert_eq!(
            equal_payment(
                m("1000"),
                Money::ZERO,
                Money::ZERO,
                r("0.0999"),
                MAX_TERM_MONTHS + 1
            ),
            None
        );
        assert_eq!(
            equal_payment(m("1000"), Money::ZERO, Money::ZERO, r("-0.1"), 3),
            None
        );
        assert_eq!(
            equal_payment(Money(i64::MAX), Money(1), Money::ZERO, Rate::ZERO, 3),
            None
        );
        assert!(equal_payment(
            m("1000"),
            Money::ZERO,
            Money::ZERO,
            r("0.0999"),
            MAX_TERM_MONTHS
        )
        .is_some());
    }

    #[test]
    fn deferred_amount_is_amount_plus_admin_total() {
        assert_eq!(deferred_amount(m("1000"), Money::ZERO), Some(m("1000")));
        assert_eq!(deferred_amount(m("1000"), m("49.99")), Some(m("1049.99")));
        assert_eq!(deferred_amount(Money(i64::MAX), Money(1)), None);
    }
}
