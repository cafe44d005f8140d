//! Property tests for exact money (issue 13): text and cents convert both ways without
//! loss, sums are exact, and monthly payments stay within the bounds their formula implies.

use pos_core::money::{equal_payment, Money, Rate};
use proptest::prelude::*;

fn config() -> ProptestConfig {
    let default = ProptestConfig::default();
    ProptestConfig::with_cases(default.cases.max(10_000))
}

/// A canonical money text: no leading zeros, no trailing decimal zeros, no `-0`.
fn canonical_text() -> impl Strategy<Value = String> {
    (
        any::<bool>(),
        0u64..1_000_000_000_000,
        prop_oneof![
            Just(String::new()),
            "[0-9][1-9]".prop_map(|d| format!(".{d}"))
        ],
        "[1-9]".prop_map(|d| format!(".{d}")),
        any::<bool>(),
    )
        .prop_map(|(negative, whole, two, one, use_two)| {
            let fraction = if use_two { two } else { one };
            let text = format!("{whole}{fraction}");
            if negative && text != "0" {
                format!("-{text}")
            } else {
                text
            }
        })
}

/// The exact decimal sum of two money texts, by schoolbook addition of their cents as
/// i128 (independent of `Money`'s own arithmetic).
fn decimal_sum(a: &str, b: &str) -> String {
    let cents = |t: &str| -> i128 {
        let (negative, t) = t.strip_prefix('-').map_or((false, t), |rest| (true, rest));
        let (whole, fraction) = t.split_once('.').unwrap_or((t, ""));
        let value = whole.parse::<i128>().unwrap() * 100
            + format!("{fraction:0<2}").parse::<i128>().unwrap();
        if negative {
            -value
        } else {
            value
        }
    };
    let sum = cents(a) + cents(b);
    let sign = if sum < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", sum.abs() / 100, sum.abs() % 100)
}

proptest! {
    #![proptest_config(config())]

    #[test]
    fn parse_after_format_is_identity(cents in -1_000_000_000_000_000_000i64..1_000_000_000_000_000_000) {
        let money = Money(cents);
        prop_assert_eq!(Money::parse(&money.to_string()), Ok(money));
        prop_assert_eq!(Money::parse(&money.to_json_number_text()), Ok(money));
    }

    #[test]
    fn parse_after_format_at_the_extremes(cents in prop_oneof![Just(i64::MIN), Just(i64::MAX), any::<i64>()]) {
        prop_assert_eq!(Money::parse(&Money(cents).to_string()), Ok(Money(cents)));
    }

    #[test]
    fn json_round_trips_exactly(cents in -99_999_999_999_999i64..99_999_999_999_999) {
        let json = serde_json::to_string(&Money(cents)).unwrap();
        prop_assert_eq!(&json, &Money(cents).to_json_number_text());
        prop_assert_eq!(serde_json::from_str::<Money>(&json).unwrap(), Money(cents));
    }

    #[test]
    fn format_after_parse_is_identity_on_canonical_texts(text in canonical_text()) {
        prop_assert_eq!(Money::parse(&text).unwrap().to_string(), text);
    }

    #[test]
    fn rate_format_after_parse_is_identity(value in -100_000_000i64..100_000_000) {
        let rate = Rate(value);
        prop_assert_eq!(Rate::parse(&rate.to_string()), Ok(rate));
        let json = serde_json::to_string(&rate).unwrap();
        prop_assert_eq!(serde_json::from_str::<Rate>(&json).unwrap(), rate);
    }

    #[test]
    fn sums_are_exact(a in canonical_text(), b in canonical_text()) {
        let sum = Money::parse(&a).unwrap().checked_add(Money::parse(&b).unwrap()).unwrap();
        prop_assert_eq!(sum, Money::parse(&decimal_sum(&a, &b)).unwrap());
    }

    #[test]
    fn three_decimals_are_refused_never_rounded(cents in 0i64..1_000_000_000_000, third in 1u8..10) {
        let text = format!("{}.{:02}{third}", cents / 100, cents % 100);
        prop_assert!(Money::parse(&text).is_err());
        let json = format!("\"{text}\"");
        prop_assert!(serde_json::from_str::<Money>(&json).is_err());
    }

    /// With interest, the exact payments repay more than `P` and at most simple interest on
    /// the whole of `P` for the whole term (`P < exact·n ≤ P·(1 + r·n)`, equal only when
    /// n = 1); rounding each payment once moves the total by at most half a cent a month.
    #[test]
    fn payments_with_interest_are_bounded(
        principal in 1_000i64..10_000_000_000,
        rate in 1i64..5_000,
        term in 1u32..=60,
    ) {
        let payment = equal_payment(Money(principal), Money(0), Money(0), Rate(rate), term).unwrap();
        let total = i128::from(payment.0) * i128::from(term);
        let (p, n) = (i128::from(principal), i128::from(term));
        // In half-cents: 2·total ≥ 2P − n.
        prop_assert!(2 * total >= 2 * p - n, "{total} too low for P={principal}");
        if term >= 2 && total < p {
            // Below P only by rounding, and only when the interest is under the slack.
            prop_assert!(2 * (p - total) <= n);
        }
        // P·(1 + r·n) with r = rate / 120 000, without division, plus the rounding slack:
        // 2·120 000·total ≤ 2·P·(120 000 + rate·n) + 120 000·n.
        prop_assert!(
            2 * 120_000 * total <= 2 * p * (120_000 + i128::from(rate) * n) + 120_000 * n,
            "{total} above P(1 + rn) for P={principal} rate={rate} n={term}"
        );
    }

    /// The contract's inequality holds without slack whenever the amounts are large enough
    /// for the interest to outweigh half a cent a month (≥ 1 000.00 at ≥ 1 %, 2-60 months).
    #[test]
    fn payments_with_interest_repay_more_than_principal(
        principal in 100_000i64..10_000_000_000,
        rate in 100i64..5_000,
        term in 2u32..=60,
    ) {
        let payment = equal_payment(Money(principal), Money(0), Money(0), Rate(rate), term).unwrap();
        let total = i128::from(payment.0) * i128::from(term);
        let (p, n) = (i128::from(principal), i128::from(term));
        prop_assert!(total > p);
        prop_assert!(total * 120_000 < p * (120_000 + i128::from(rate) * n));
    }

    #[test]
    fn zero_rate_payments_repay_within_a_cent_per_month(
        principal in 0i64..10_000_000_000,
        term in 1u32..=60,
    ) {
        let payment = equal_payment(Money(principal), Money(0), Money(0), Rate(0), term).unwrap();
        let total = payment.0 * i64::from(term);
        prop_assert!((total - principal).abs() <= i64::from(term), "{total} vs {principal}");
    }
}
