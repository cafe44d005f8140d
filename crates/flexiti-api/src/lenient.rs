//! Tolerant readers for what Flexiti's documentation leaves loose: ids and amounts that
//! arrive as strings or numbers (`"1000.00"` or `1000`), per the contract's second rule.

use std::fmt;

use serde::de::{self, Deserializer, Visitor};
use serde::Deserialize;

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

/// A small whole number (a plan id, a term) sent as a number or a numeric string.
pub fn u32_lenient<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u32, D::Error> {
    let text = string_or_number(deserializer)?;
    text.trim()
        .parse::<u32>()
        .map_err(|_| de::Error::custom("expected a small whole number"))
}

/// [`string_or_number`] where `null` (or an absent field, with `#[serde(default)]`) is `None`.
pub fn opt_string_or_number<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<String>, D::Error> {
    Option::<Loose>::deserialize(deserializer).map(|v| v.map(|Loose(text)| text))
}

/// [`u32_lenient`] where `null` is `None`.
pub fn opt_u32<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Option<u32>, D::Error> {
    match opt_string_or_number(deserializer)? {
        None => Ok(None),
        Some(text) => text
            .trim()
            .parse::<u32>()
            .map(Some)
            .map_err(|_| de::Error::custom("expected a small whole number")),
    }
}

/// A list where `null` is the empty list.
pub fn list<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    deserializer: D,
) -> Result<Vec<T>, D::Error> {
    Option::<Vec<T>>::deserialize(deserializer).map(Option::unwrap_or_default)
}

/// A string or number as text, for `Option<…>` readers.
struct Loose(String);

impl<'de> Deserialize<'de> for Loose {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        string_or_number(deserializer).map(Loose)
    }
}

/// An amount of money in cents: pos-core's exact type. Read from `1000`, `1000.5`,
/// `"1000.00"`; more than two decimals is an error starting `bad_amount` (never rounded);
/// written as the shortest exact JSON number (`2500`, `1450.5`).
pub use pos_core::money::{Money, Rate};

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

    #[test]
    fn money_with_three_decimals_is_refused_not_rounded() {
        for json in ["659.505", "\"659.505\"", "0.001", "659.999"] {
            let error = serde_json::from_str::<Money>(json).unwrap_err().to_string();
            assert!(error.starts_with("bad_amount"), "{json}: {error}");
        }
    }

    /// An approval whose `credit_limit` has three decimals is an error (the client answers
    /// `Malformed`), never a limit rounded to the cent.
    #[test]
    fn approval_with_a_three_decimal_credit_limit_is_an_error() {
        use crate::model::apply::Approval;
        let approval = |limit: &str| {
            serde_json::from_str::<Approval>(&format!(
                r#"{{"creditapp_id":1,"account_number":"116994755","credit_limit":{limit},"card_ending_in":"5941"}}"#
            ))
        };
        assert_eq!(approval("5000.01").unwrap().credit_limit, Money(500_001));
        for limit in ["5000.005", "\"5000.005\"", "5000.999"] {
            let error = approval(limit)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(error.contains("bad_amount"), "{limit}: {error:?}");
        }
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
