//! Phone numbers, reduced to their 10 NANP digits so every way a rep types one is stored
//! and compared the same.

use super::FieldProblem;

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
///
/// Only tests call it (the unit tests here and the round-trip properties in `tests/it`):
/// the app and the emulator send and store the normalized form.
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

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

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
}
