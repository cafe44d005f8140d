//! Tolerant readers for what Flexiti's documentation leaves loose: ids and amounts that
//! arrive as strings or numbers (`"1000.00"` or `1000`), per the contract's second rule.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::{Deserialize, Serialize, Serializer};

/// An id sent as a string or a number, kept as text (`"123456"` and `123456` are equal).
pub fn string_or_number<'de, D: Deserializer<'de>>(deserializer: D) -> Result<String, D::Error> {
    struct V;
    impl Visitor<'_> for V {
        type Value = String;
        fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
            f.write_str("a string or a number")
        }
        fn visit_str<E: de::Error>(self, v: &str) -> Result<String, E> {
            Ok(v.to_owned())
        }
        fn visit_u64<E: de::Error>(self, v: u64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_i64<E: de::Error>(self, v: i64) -> Result<String, E> {
            Ok(v.to_string())
        }
        fn visit_f64<E: de::Error>(self, v: f64) -> Result<String, E> {
            Ok(v.to_string())
        }
    }
    deserializer.deserialize_any(V)
}

/// A whole number sent as a number or a numeric string (`expires_in`).
pub fn u64_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u64, D::Error> {
    let text = string_or_number(deserializer)?;
    text.trim()
        .parse::<u64>()
        .map_err(|_| de::Error::custom("expected a whole number"))
}

/// An amount of money in cents. Read from `1000`, `1000.5`, `"1000.00"`; written as a
/// JSON number with at most two decimals.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct Money(pub i64);

impl Money {
    pub fn from_cents(cents: i64) -> Self {
        Money(cents)
    }

    pub fn cents(self) -> i64 {
        self.0
    }

    /// Parses a plain decimal (`-12`, `1000.5`, `1000.00`); at most two decimals.
    pub fn parse(text: &str) -> Option<Money> {
        let text = text.trim();
        let (negative, digits) = match text.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, text),
        };
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let all_digits = |s: &str| s.bytes().all(|b| b.is_ascii_digit());
        if whole.is_empty()
            || whole.len() > 15
            || fraction.len() > 2
            || !all_digits(whole)
            || !all_digits(fraction)
        {
            return None;
        }
        let whole: i64 = whole.parse().ok()?;
        let fraction: i64 = format!("{fraction:0<2}").parse().ok()?;
        let cents = whole.checked_mul(100)?.checked_add(fraction)?;
        Some(Money(if negative { -cents } else { cents }))
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        write!(f, "{sign}{}.{:02}", abs / 100, abs % 100)
    }
}

impl<'de> Deserialize<'de> for Money {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = string_or_number(deserializer)?;
        // f64 renderings of amounts never need more than two decimals once rounded.
        Money::parse(&text)
            .or_else(|| {
                text.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite() && f.abs() < 1e15)
                    .map(|f| Money((f * 100.0).round() as i64))
            })
            .ok_or_else(|| de::Error::custom("expected an amount"))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        // Whole dollars as an integer, otherwise a number with two decimals at most.
        if self.0 % 100 == 0 {
            serializer.serialize_i64(self.0 / 100)
        } else {
            serializer.serialize_f64(self.0 as f64 / 100.0)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Deserialize)]
    struct Id {
        #[serde(deserialize_with = "string_or_number")]
        id: String,
    }

    #[test]
    fn ids_as_strings_or_numbers_are_equal() {
        let a: Id = serde_json::from_str(r#"{"id":"123456"}"#).unwrap();
        let b: Id = serde_json::from_str(r#"{"id":123456}"#).unwrap();
        assert_eq!(a.id, b.id);
        assert!(serde_json::from_str::<Id>(r#"{"id":[1]}"#).is_err());
    }

    #[test]
    fn money_reads_strings_and_numbers() {
        for (json, cents) in [
            ("\"1000.00\"", 100_000),
            ("1000", 100_000),
            ("659.51", 65_951),
            ("\"659.5\"", 65_950),
            ("0.1", 10),
        ] {
            assert_eq!(
                serde_json::from_str::<Money>(json).unwrap(),
                Money(cents),
                "{json}"
            );
        }
        assert!(serde_json::from_str::<Money>("\"abc\"").is_err());
        assert!(serde_json::from_str::<Money>("true").is_err());
        assert_eq!(Money(65_951).to_string(), "659.51");
        assert_eq!(serde_json::to_string(&Money(250_000)).unwrap(), "2500");
        assert_eq!(serde_json::to_string(&Money(145_050)).unwrap(), "1450.5");
    }

    proptest::proptest! {
        #[test]
        fn money_round_trips_through_json(cents in -1_000_000_000_000i64..1_000_000_000_000) {
            let json = serde_json::to_string(&Money(cents)).unwrap();
            proptest::prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), Money(cents));
        }

        #[test]
        fn money_parse_never_panics(text in ".{0,40}") {
            let _ = Money::parse(&text);
            let _ = serde_json::from_str::<Money>(&text);
        }
    }
}
