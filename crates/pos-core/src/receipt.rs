//! What a purchase receipt says and in which order, decided once for the screen, the
//! print dialog and a receipt printer: the printed languages (the customer's; French
//! then English in a Quebec store, as the OQLF requires), one line per fact with its
//! label's Fluent id and its value formatted in the first printed language, and
//! Flexiti's messages verbatim in every printed language. Built only from what the
//! journal kept, so a receipt reprints with no network.

use serde::{Deserialize, Serialize};

use crate::display::{format_money, format_rate};
use crate::money::{Money, Rate};
use crate::Lang;

/// What a receipt is for: one money-moving operation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ReceiptKind {
    /// An authorization captured at once.
    Sale,
    /// An authorization held for a later capture.
    Hold,
    Capture,
    Release,
    Return,
    Refund,
}

impl ReceiptKind {
    /// The Fluent id of the receipt's title.
    pub fn title_id(self) -> &'static str {
        match self {
            ReceiptKind::Sale => "receipt-title-sale",
            ReceiptKind::Hold => "receipt-title-hold",
            ReceiptKind::Capture => "receipt-title-capture",
            ReceiptKind::Release => "receipt-title-release",
            ReceiptKind::Return => "receipt-title-return",
            ReceiptKind::Refund => "receipt-title-refund",
        }
    }
}

/// The financing chosen, in one language (quotes are fetched per printed language; the
/// numbers are taken from the first).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FinancingText {
    pub lang: Lang,
    /// The plan's name as Flexiti gave it; `None` for a regular (revolving) purchase.
    pub plan_name: Option<String>,
    /// Rate descriptions and messages, verbatim, with their rates.
    pub rates: Vec<RateText>,
    pub fees: Vec<FeeText>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RateText {
    pub description: String,
    pub rate: Rate,
    pub message: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct FeeText {
    pub description: String,
    pub amount: Money,
    pub message: Option<String>,
}

/// Every fact a receipt can carry, as the journal kept it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReceiptFacts {
    pub kind: ReceiptKind,
    /// The customer's preferred language: a receipt's first outside Quebec.
    pub customer_lang: Lang,
    /// The store's name in each language (its French legal name in Quebec).
    pub store_name_en: String,
    pub store_name_fr: String,
    pub store_id: String,
    /// The store's local date and time, `YYYY-MM-DD HH:MM` (24 h).
    pub local_time: String,
    pub terminal_id: String,
    pub rep: String,
    /// The purchase id's 32 hex digits; the receipt shows the last 8.
    pub purchase_id: String,
    pub authorization_id: Option<u64>,
    pub capture_id: Option<u64>,
    pub return_id: Option<u64>,
    /// The last 4 digits of the card.
    pub card_ending_in: String,
    /// "J. Smith".
    pub customer: String,
    pub amount: Money,
    /// The plan's term in months; `None` for a regular purchase or an after-sale receipt.
    pub term: Option<u32>,
    /// The monthly payment, or what is due by the term's end for a deferred plan.
    pub term_amount: Option<Money>,
    pub deferred: bool,
    /// The financing in each language Flexiti answered; empty after the sale.
    pub financing: Vec<FinancingText>,
    /// What remains of the authorization or capture after this operation, if known.
    pub remaining: Option<Money>,
}

/// In which languages, and in which order, a receipt is printed: French then English in
/// a Quebec store whatever the customer speaks; else the customer's language, with the
/// other after it when the customer asks for both.
pub fn printed_languages(customer: Lang, quebec_store: bool, both: bool) -> Vec<Lang> {
    if quebec_store {
        return vec![Lang::Fr, Lang::En];
    }
    let other = match customer {
        Lang::En => Lang::Fr,
        Lang::Fr => Lang::En,
    };
    if both {
        vec![customer, other]
    } else {
        vec![customer]
    }
}

/// A value on a receipt: a text (numbers already in the first printed language's
/// format), or one of our words (a Fluent id, shown in every printed language).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum ReceiptValue {
    Text(String),
    Word(&'static str),
}

/// One line of a receipt.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum ReceiptLine {
    /// The store's name in each printed language.
    Store {
        names: Vec<(Lang, String)>,
    },
    /// A heading: its Fluent id, shown in every printed language.
    Title {
        id: &'static str,
    },
    /// A fact: the label's Fluent id (shown in every printed language, joined by " / ")
    /// and the value once.
    Field {
        label: &'static str,
        value: ReceiptValue,
    },
    /// A rate or fee: Flexiti's description in each printed language, the value once.
    Described {
        descriptions: Vec<(Lang, String)>,
        value: String,
    },
    /// A text of Flexiti's, verbatim, in its language.
    Message {
        lang: Lang,
        text: String,
    },
    Rule,
}

/// A receipt, ready to lay out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Receipt {
    pub languages: Vec<Lang>,
    pub lines: Vec<ReceiptLine>,
}

/// Every Fluent id a receipt can use (each must exist in both locales).
pub const LABEL_IDS: &[&str] = &[
    "receipt-title-sale",
    "receipt-title-hold",
    "receipt-title-capture",
    "receipt-title-release",
    "receipt-title-return",
    "receipt-title-refund",
    "receipt-date",
    "receipt-store",
    "receipt-terminal",
    "receipt-rep",
    "receipt-reference",
    "receipt-authorization",
    "receipt-capture",
    "receipt-return",
    "receipt-card",
    "receipt-customer",
    "receipt-type",
    "receipt-type-regular",
    "receipt-type-plan",
    "receipt-plan",
    "receipt-term",
    "receipt-payment",
    "receipt-payment-deferred",
    "receipt-amount",
    "receipt-remaining",
];

fn text(label: &'static str, value: String) -> ReceiptLine {
    ReceiptLine::Field {
        label,
        value: ReceiptValue::Text(value),
    }
}

/// The receipt of `facts` in `languages` (from [`printed_languages`]; English if empty).
pub fn receipt(facts: &ReceiptFacts, languages: &[Lang]) -> Receipt {
    let languages = if languages.is_empty() {
        vec![Lang::En]
    } else {
        languages.to_vec()
    };
    let first = languages[0];
    let money = |m: Money| format_money(m, first);
    let in_lang = |lang: Lang| facts.financing.iter().find(|f| f.lang == lang);
    let last8 = facts.purchase_id.len().saturating_sub(8);
    let mut lines = vec![
        ReceiptLine::Store {
            names: languages
                .iter()
                .map(|&lang| {
                    let name = match lang {
                        Lang::En => &facts.store_name_en,
                        Lang::Fr => &facts.store_name_fr,
                    };
                    (lang, name.clone())
                })
                .collect(),
        },
        ReceiptLine::Title {
            id: facts.kind.title_id(),
        },
        text("receipt-date", facts.local_time.clone()),
        text("receipt-store", facts.store_id.clone()),
        text("receipt-terminal", facts.terminal_id.clone()),
        text("receipt-rep", facts.rep.clone()),
        text(
            "receipt-reference",
            facts
                .purchase_id
                .get(last8..)
                .unwrap_or_default()
                .to_owned(),
        ),
    ];
    for (label, id) in [
        ("receipt-authorization", facts.authorization_id),
        ("receipt-capture", facts.capture_id),
        ("receipt-return", facts.return_id),
    ] {
        if let Some(id) = id {
            lines.push(text(label, id.to_string()));
        }
    }
    lines.push(text(
        "receipt-card",
        format!("•••• {}", facts.card_ending_in),
    ));
    lines.push(text("receipt-customer", facts.customer.clone()));
    lines.push(ReceiptLine::Rule);

    if let Some(financing) = in_lang(first) {
        let plan = financing.plan_name.is_some();
        lines.push(ReceiptLine::Field {
            label: "receipt-type",
            value: ReceiptValue::Word(if plan {
                "receipt-type-plan"
            } else {
                "receipt-type-regular"
            }),
        });
        let names: Vec<(Lang, String)> = languages
            .iter()
            .filter_map(|&lang| Some((lang, in_lang(lang)?.plan_name.clone()?)))
            .collect();
        if !names.is_empty() {
            lines.push(ReceiptLine::Described {
                descriptions: names,
                value: String::new(),
            });
        }
        if let Some(term) = facts.term {
            lines.push(text("receipt-term", term.to_string()));
        }
        if let Some(term_amount) = facts.term_amount.filter(|_| plan) {
            let label = if facts.deferred {
                "receipt-payment-deferred"
            } else {
                "receipt-payment"
            };
            lines.push(text(label, money(term_amount)));
        }
        for (index, rate) in financing.rates.iter().enumerate() {
            lines.push(ReceiptLine::Described {
                descriptions: described(&languages, |lang| {
                    Some(in_lang(lang)?.rates.get(index)?.description.clone())
                }),
                value: format_rate(rate.rate, first),
            });
        }
        for (index, fee) in financing.fees.iter().enumerate() {
            lines.push(ReceiptLine::Described {
                descriptions: described(&languages, |lang| {
                    Some(in_lang(lang)?.fees.get(index)?.description.clone())
                }),
                value: money(fee.amount),
            });
        }
    }
    lines.push(text("receipt-amount", money(facts.amount)));
    if let Some(remaining) = facts.remaining {
        lines.push(text("receipt-remaining", money(remaining)));
    }
    // Flexiti's messages, verbatim, language by language in the printed order.
    let messages: Vec<ReceiptLine> = languages
        .iter()
        .filter_map(|&lang| in_lang(lang))
        .flat_map(|financing| {
            let lang = financing.lang;
            financing
                .rates
                .iter()
                .filter_map(|r| r.message.clone())
                .chain(financing.fees.iter().filter_map(|f| f.message.clone()))
                .map(move |text| ReceiptLine::Message { lang, text })
        })
        .collect();
    if !messages.is_empty() {
        lines.push(ReceiptLine::Rule);
        lines.extend(messages);
    }
    Receipt { languages, lines }
}

/// Flexiti's description of one rate or fee in every printed language that has it.
fn described(
    languages: &[Lang],
    description: impl Fn(Lang) -> Option<String>,
) -> Vec<(Lang, String)> {
    languages
        .iter()
        .filter_map(|&lang| Some((lang, description(lang)?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn financing(lang: Lang) -> FinancingText {
        let fr = lang == Lang::Fr;
        FinancingText {
            lang,
            plan_name: Some(
                if fr {
                    "Paiements égaux"
                } else {
                    "Equal Payments"
                }
                .into(),
            ),
            rates: vec![RateText {
                description: if fr {
                    "Taux d'intérêt annuel"
                } else {
                    "Annual Interest Rate"
                }
                .into(),
                rate: Rate::from_ten_thousandths(999),
                message: Some(if fr { "Message FR" } else { "Message EN" }.into()),
            }],
            fees: vec![],
        }
    }

    fn sale() -> ReceiptFacts {
        ReceiptFacts {
            kind: ReceiptKind::Sale,
            customer_lang: Lang::En,
            store_name_en: "ACME Jewellers".into(),
            store_name_fr: "Bijouterie ACME".into(),
            store_id: "00-54321".into(),
            local_time: "2026-11-28 14:05".into(),
            terminal_id: "T1".into(),
            rep: "vendeur".into(),
            purchase_id: "0123456789abcdef0123456789abcdef".into(),
            authorization_id: Some(12343),
            capture_id: Some(346123),
            return_id: None,
            card_ending_in: "7982".into(),
            customer: "F. MITester".into(),
            amount: Money::from_cents(100_000),
            term: Some(12),
            term_amount: Some(Money::from_cents(8791)),
            deferred: false,
            financing: vec![financing(Lang::En), financing(Lang::Fr)],
            remaining: None,
        }
    }

    fn value_of(receipt: &Receipt, label: &str) -> Option<ReceiptValue> {
        receipt.lines.iter().find_map(|line| match line {
            ReceiptLine::Field { label: l, value } if *l == label => Some(value.clone()),
            _ => None,
        })
    }

    #[test]
    fn quebec_prints_french_then_english_whatever_the_customer_speaks() {
        assert_eq!(
            printed_languages(Lang::En, true, false),
            [Lang::Fr, Lang::En]
        );
        assert_eq!(
            printed_languages(Lang::Fr, true, false),
            [Lang::Fr, Lang::En]
        );
        assert_eq!(printed_languages(Lang::En, false, false), [Lang::En]);
        assert_eq!(printed_languages(Lang::Fr, false, false), [Lang::Fr]);
        assert_eq!(
            printed_languages(Lang::En, false, true),
            [Lang::En, Lang::Fr]
        );
        assert_eq!(
            printed_languages(Lang::Fr, false, true),
            [Lang::Fr, Lang::En]
        );
    }

    #[test]
    fn numbers_once_in_the_first_language_messages_in_each_in_order() {
        let receipt = receipt(&sale(), &[Lang::Fr, Lang::En]);
        let text = |s: &str| Some(ReceiptValue::Text(s.into()));
        assert_eq!(
            value_of(&receipt, "receipt-amount"),
            text("1\u{a0}000,00\u{a0}$")
        );
        assert_eq!(value_of(&receipt, "receipt-payment"), text("87,91\u{a0}$"));
        assert_eq!(value_of(&receipt, "receipt-reference"), text("89abcdef"));
        assert_eq!(value_of(&receipt, "receipt-card"), text("•••• 7982"));
        assert_eq!(
            value_of(&receipt, "receipt-type"),
            Some(ReceiptValue::Word("receipt-type-plan"))
        );
        let messages: Vec<(Lang, &str)> = receipt
            .lines
            .iter()
            .filter_map(|l| match l {
                ReceiptLine::Message { lang, text } => Some((*lang, text.as_str())),
                _ => None,
            })
            .collect();
        assert_eq!(
            messages,
            [(Lang::Fr, "Message FR"), (Lang::En, "Message EN")]
        );
        let rate = receipt.lines.iter().find_map(|l| match l {
            ReceiptLine::Described {
                descriptions,
                value,
            } if !value.is_empty() => Some((descriptions.clone(), value.clone())),
            _ => None,
        });
        assert_eq!(
            rate,
            Some((
                vec![
                    (Lang::Fr, "Taux d'intérêt annuel".to_owned()),
                    (Lang::En, "Annual Interest Rate".to_owned())
                ],
                "9,99\u{a0}%".to_owned()
            ))
        );
    }

    #[test]
    fn a_regular_purchase_has_no_payment_and_an_after_sale_receipt_no_financing() {
        let mut regular = sale();
        regular.term = None;
        regular.financing = vec![FinancingText {
            plan_name: None,
            ..financing(Lang::En)
        }];
        let printed = receipt(&regular, &[Lang::En]);
        assert_eq!(value_of(&printed, "receipt-payment"), None);
        assert_eq!(
            value_of(&printed, "receipt-type"),
            Some(ReceiptValue::Word("receipt-type-regular"))
        );
        assert_eq!(
            value_of(&printed, "receipt-amount"),
            Some(ReceiptValue::Text("$1,000.00".into()))
        );

        let mut returned = sale();
        returned.kind = ReceiptKind::Return;
        returned.financing.clear();
        returned.return_id = Some(7_000_000_001);
        returned.remaining = Some(Money::from_cents(60_000));
        let printed = receipt(&returned, &[Lang::En]);
        assert_eq!(
            printed.lines[1],
            ReceiptLine::Title {
                id: "receipt-title-return"
            }
        );
        assert_eq!(value_of(&printed, "receipt-type"), None);
        assert_eq!(
            value_of(&printed, "receipt-remaining"),
            Some(ReceiptValue::Text("$600.00".into()))
        );
        assert!(!printed
            .lines
            .iter()
            .any(|l| matches!(l, ReceiptLine::Message { .. })));
    }

    #[test]
    fn every_label_used_is_declared() {
        let mut facts = sale();
        facts.deferred = true;
        facts.return_id = Some(1);
        facts.remaining = Some(Money::ZERO);
        for kind in [
            ReceiptKind::Sale,
            ReceiptKind::Hold,
            ReceiptKind::Capture,
            ReceiptKind::Release,
            ReceiptKind::Return,
            ReceiptKind::Refund,
        ] {
            facts.kind = kind;
            for line in receipt(&facts, &[Lang::En, Lang::Fr]).lines {
                let ids: Vec<&str> = match line {
                    ReceiptLine::Title { id } => vec![id],
                    ReceiptLine::Field {
                        label,
                        value: ReceiptValue::Word(word),
                    } => vec![label, word],
                    ReceiptLine::Field { label, .. } => vec![label],
                    _ => vec![],
                };
                for id in ids {
                    assert!(LABEL_IDS.contains(&id), "{id}");
                }
            }
        }
    }
}
