//! Social Insurance Numbers, checked by Luhn and first digit so a mistyped SIN is caught
//! before it is sent.

use super::FieldProblem;

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

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

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
}
