//! Free text (names, addresses, answers), refused when it holds characters that would
//! make it display as something it is not.

use super::FieldProblem;

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
}
