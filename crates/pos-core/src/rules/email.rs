//! Email addresses, checked by syntax alone (no DNS) so the answer is the same offline,
//! in the app and in the emulator.

use super::text::is_bidi_control;
use super::FieldProblem;

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

#[cfg(test)]
mod tests {
    use super::*;
    use FieldProblem::*;

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
}
