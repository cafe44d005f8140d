//! Money and rates as a rep and a customer read them, in each language (en `$1,234.56`,
//! `9.99%`; fr `1 234,56 $`, `9,99 %`): written out by hand rather than through ICU so
//! every screen and receipt shows the same characters, and kept equal to the UI's
//! `format.ts` by the shared cases of `pos-testkit/vectors/display.json`.

use crate::money::{Money, Rate};
use crate::Lang;

/// U+00A0 NO-BREAK SPACE: the French group separator, and before `$` and `%`.
pub const NBSP: char = '\u{00A0}';

fn group_thousands(digits: &str, separator: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3 * 2);
    for (i, digit) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(separator);
        }
        out.push(digit);
    }
    out
}

/// An amount as `lang` writes money.
pub fn format_money(amount: Money, lang: Lang) -> String {
    let cents = amount.cents();
    let sign = if cents < 0 { "-" } else { "" };
    let whole = cents.unsigned_abs();
    let dollars = (whole / 100).to_string();
    let rest = whole % 100;
    match lang {
        Lang::En => format!("{sign}${}.{rest:02}", group_thousands(&dollars, ',')),
        Lang::Fr => format!("{sign}{},{rest:02}{NBSP}$", group_thousands(&dollars, NBSP)),
    }
}

/// A rate as a percentage, two decimals unless it is whole (`0%`, `9.99%`, `10%`).
pub fn format_rate(rate: Rate, lang: Lang) -> String {
    let value = rate.ten_thousandths();
    let sign = if value < 0 { "-" } else { "" };
    let hundredths = value.unsigned_abs();
    let (whole, rest) = (hundredths / 100, hundredths % 100);
    let (point, space) = match lang {
        Lang::En => ('.', ""),
        Lang::Fr => (',', "\u{00A0}"),
    };
    if rest == 0 {
        format!("{sign}{whole}{space}%")
    } else {
        format!("{sign}{whole}{point}{rest:02}{space}%")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn thousands_are_grouped_from_the_right() {
        assert_eq!(group_thousands("1", ','), "1");
        assert_eq!(group_thousands("1234", ','), "1,234");
        assert_eq!(group_thousands("123456", ','), "123,456");
        assert_eq!(group_thousands("1234567", ','), "1,234,567");
    }

    #[test]
    fn the_extremes_of_cents_do_not_overflow() {
        assert!(format_money(Money::from_cents(i64::MIN), Lang::En).starts_with("-$"));
        assert!(format_money(Money::from_cents(i64::MAX), Lang::Fr).ends_with("\u{a0}$"));
    }
}
