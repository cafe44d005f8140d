//! Account numbers, card numbers and PINs: values the purchase flow must send but that
//! must never reach a log, so `Debug` masks them (the last four digits at most, nothing
//! for a PIN) and none of them has `Display`.

use std::fmt;

use serde::de::{self, Deserializer};
use serde::{Deserialize, Serialize, Serializer};
use zeroize::Zeroize;

use crate::lenient::string_or_number;

fn all_digits(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_digit())
}

fn last4(text: &str) -> &str {
    &text[text.len().saturating_sub(4)..]
}

/// Digits go out as a JSON number when that number reads back as the same digits (no
/// leading zero, fits a `u64`), else as a string.
fn digits_as_number<S: Serializer>(digits: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match digits.parse::<u64>() {
        Ok(n) if !digits.starts_with('0') || digits == "0" => serializer.serialize_u64(n),
        _ => serializer.serialize_str(digits),
    }
}

/// A Flexiti account number: 1 to 20 digits (the contract says at most 14; readers are
/// tolerant). Sent as a number; `Debug` shows only the last four digits.
#[derive(Clone, PartialEq, Eq, Hash)]
pub struct AccountNumber(String);

impl AccountNumber {
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        (all_digits(text) && text.len() <= 20).then(|| AccountNumber(text.to_owned()))
    }

    /// The digits, for the path, the body and the sealed journal: nowhere else.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// What a screen or a receipt may show.
    pub fn last4(&self) -> &str {
        last4(&self.0)
    }
}

impl fmt::Debug for AccountNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "AccountNumber(…{})", self.last4())
    }
}

impl Serialize for AccountNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        digits_as_number(&self.0, serializer)
    }
}

impl<'de> Deserialize<'de> for AccountNumber {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = string_or_number(deserializer)?;
        AccountNumber::parse(&text).ok_or_else(|| de::Error::custom("not an account number"))
    }
}

/// A card number (`vcc_number`): 16 digits, sent as a string, wiped on drop; `Debug`
/// shows only the last four digits.
#[derive(Clone, PartialEq, Eq)]
pub struct CardNumber(String);

impl CardNumber {
    pub fn parse(text: &str) -> Option<Self> {
        let digits: String = text.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
        (digits.len() == 16 && all_digits(&digits)).then_some(CardNumber(digits))
    }

    /// The digits, for the one request that sends them.
    pub fn expose(&self) -> &str {
        &self.0
    }

    pub fn last4(&self) -> &str {
        last4(&self.0)
    }
}

impl fmt::Debug for CardNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "CardNumber(…{})", self.last4())
    }
}

impl Serialize for CardNumber {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0)
    }
}

impl Drop for CardNumber {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

/// A verification code (the PIN): digits kept as text (a leading zero survives), sent as
/// a number unless it has one; `Debug` prints `[redacted]`; wiped on drop.
#[derive(Clone, PartialEq, Eq)]
pub struct VerificationCode(String);

impl VerificationCode {
    /// A PIN as Flexiti sent it: 1 to 20 digits.
    pub fn parse(text: &str) -> Option<Self> {
        let text = text.trim();
        (all_digits(text) && text.len() <= 20).then(|| VerificationCode(text.to_owned()))
    }

    /// A PIN the customer read out: 4 to 8 digits.
    pub fn entered(text: &str) -> Option<Self> {
        let text = text.trim();
        ((4..=8).contains(&text.len()) && all_digits(text))
            .then(|| VerificationCode(text.to_owned()))
    }

    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for VerificationCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("VerificationCode([redacted])")
    }
}

impl Serialize for VerificationCode {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        digits_as_number(&self.0, serializer)
    }
}

impl Drop for VerificationCode {
    fn drop(&mut self) {
        self.0.zeroize();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_never_prints_a_whole_number_nor_a_pin() {
        let account = AccountNumber::parse("116994755").unwrap();
        let card = CardNumber::parse("1070 0152 1036 7982").unwrap();
        let pin = VerificationCode::parse("4821").unwrap();
        let debug = format!("{account:?} {card:?} {pin:?}");
        assert_eq!(
            debug,
            "AccountNumber(…4755) CardNumber(…7982) VerificationCode([redacted])"
        );
        assert_eq!(card.expose(), "1070015210367982");
    }

    #[test]
    fn numbers_go_out_as_numbers_unless_a_leading_zero_would_be_lost() {
        let json = |v: &dyn erased::Ser| v.json();
        assert_eq!(
            json(&AccountNumber::parse("116994755").unwrap()),
            "116994755"
        );
        assert_eq!(json(&AccountNumber::parse("0123").unwrap()), "\"0123\"");
        assert_eq!(json(&VerificationCode::parse("4821").unwrap()), "4821");
        assert_eq!(json(&VerificationCode::parse("0482").unwrap()), "\"0482\"");
        assert_eq!(
            json(&CardNumber::parse("1070015210367982").unwrap()),
            "\"1070015210367982\""
        );
    }

    mod erased {
        pub trait Ser {
            fn json(&self) -> String;
        }
        impl<T: serde::Serialize> Ser for T {
            fn json(&self) -> String {
                serde_json::to_string(self).unwrap()
            }
        }
    }

    #[test]
    fn account_numbers_read_as_strings_or_numbers() {
        let a: AccountNumber = serde_json::from_str("116994755").unwrap();
        let b: AccountNumber = serde_json::from_str("\"116994755\"").unwrap();
        assert_eq!(a, b);
        assert!(serde_json::from_str::<AccountNumber>("\"12a\"").is_err());
        assert!(serde_json::from_str::<AccountNumber>("-5").is_err());
        assert!(serde_json::from_str::<AccountNumber>("null").is_err());
    }

    #[test]
    fn entered_pins_are_four_to_eight_digits() {
        assert!(VerificationCode::entered("123").is_none());
        assert!(VerificationCode::entered("1234").is_some());
        assert!(VerificationCode::entered("12345678").is_some());
        assert!(VerificationCode::entered("123456789").is_none());
        assert!(VerificationCode::entered("12a4").is_none());
        assert!(CardNumber::parse("123").is_none());
    }
}
