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

// One file per kind of field; every rule is re-exported here, so callers keep writing
// `rules::X`.
mod amount;
mod date;
mod email;
mod phone;
mod postal;
mod province;
mod sin;
mod text;

pub use amount::{parse_amount, Cents};
pub use date::{age_on, is_of_age, parse_iso_date};
pub use email::{validate_email, EMAIL_MAX_CHARS};
pub use phone::{format_phone, normalize_phone};
pub use postal::{format_postal_code, normalize_postal_code, postal_code_matches_province};
pub use province::Province;
pub use sin::{luhn_valid, normalize_sin};
pub use text::{check_text, is_bidi_control, is_invisible};

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

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

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
}
