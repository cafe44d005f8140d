//! Postal codes, normalized to one spelling so the app and the emulator store the same
//! value and can check its first letter against the province.

use super::{FieldProblem, Province};

/// Letters Canada Post never uses in a postal code (they look like digits or each other).
const POSTAL_NEVER: [char; 6] = ['D', 'F', 'I', 'O', 'Q', 'U'];
/// Letters Canada Post never uses as the first letter.
const POSTAL_NEVER_FIRST: [char; 2] = ['W', 'Z'];

/// What may stand between the two halves of a postal code: a space, the no-break spaces
/// a pasted address often carries (U+00A0, U+202F), or a hyphen.
const POSTAL_SEPARATORS: [char; 4] = [' ', '\u{00A0}', '\u{202F}', '-'];

/// Normalizes a Canadian postal code `A1A1A1` to uppercase without the separator.
///
/// Accepts `"m5j2h7"`, `"M5J 2H7"`, `" M5J 2H7 "`, `"H2X\u{00A0}1Y4"`, `"H2X-1Y4"` (one
/// separator of [`POSTAL_SEPARATORS`], only between the two halves, is tolerated): all of
/// them are the same code as `"H2X 1Y4"`. D F I O Q U are never allowed, W and Z never
/// first. Blank: `Required`; anything else that is not a postal code: `WrongFormat`.
pub fn normalize_postal_code(s: &str) -> Result<String, FieldProblem> {
    let t = s.trim();
    if t.is_empty() {
        return Err(FieldProblem::Required);
    }
    let chars: Vec<char> = t.chars().collect();
    let compact: Vec<char> = match chars.len() {
        6 => chars,
        7 if POSTAL_SEPARATORS.contains(&chars[3]) => {
            chars[..3].iter().chain(&chars[4..]).copied().collect()
        }
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
///
/// The emulator's licence decoder uses it to answer the postal code as a licence shows it;
/// the app sends and stores the normalized form.
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

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

    #[test]
    fn postal_code_normalizes_case_and_space() {
        for s in ["m5j2h7", "M5J 2H7", " M5J 2H7 ", "M5J2H7", "m5J 2h7\t"] {
            assert_eq!(normalize_postal_code(s), Ok("M5J2H7".to_string()), "{s:?}");
        }
    }

    #[test]
    fn postal_code_accepts_a_pasted_or_hyphenated_separator() {
        for s in [
            "H2X 1Y4",
            "H2X\u{00A0}1Y4",
            "H2X\u{202F}1Y4",
            "H2X-1Y4",
            "h2x-1y4",
            " H2X\u{00A0}1Y4\u{00A0}",
        ] {
            assert_eq!(normalize_postal_code(s), Ok("H2X1Y4".to_string()), "{s:?}");
            assert_eq!(
                format_postal_code(&normalize_postal_code(s).unwrap_or_default()),
                "H2X 1Y4",
                "{s:?}"
            );
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
            "M5J", "M5J2H", "M5J2H77", "5MJ2H7", "M5J  2H7", "M5 J2H7", "M5J2H７", "ÉAB1C2",
            "12345", "M5J2H7X", "M5-J2H7", "M5J2-H7", "-M5J2H",
        ] {
            assert_eq!(normalize_postal_code(s), Err(WrongFormat), "{s:?}");
        }
        // One separator of the tolerated ones, nothing else between the halves.
        for sep in [
            "--", " -", "- ", "_", ".", "/", "\u{2011}", "\t", "\u{2009}",
        ] {
            let s = format!("M5J{sep}2H7");
            assert_eq!(normalize_postal_code(&s), Err(WrongFormat), "{s:?}");
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
}
