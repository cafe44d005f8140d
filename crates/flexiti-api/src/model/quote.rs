//! `POST v2.5.1 accounts/{n}/calculate-interest?lang=`: the quote a rep shows before the
//! customer chooses, kept exact (money in cents, rates in ten-thousandths) with every
//! description and message verbatim, since they go on the receipt.

use serde::{Deserialize, Serialize};

use crate::lenient::{list, u32_lenient, Money, Rate};
use crate::sensitive::AccountNumber;

/// What is asked: the total, tax included.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct QuoteRequest {
    pub amount: Money,
}

/// A fee of a quote row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Fee {
    #[serde(default)]
    pub description: Option<String>,
    pub amount: Money,
    /// `admin_total` or `admin_monthly`.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// A rate of a quote row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct AnnualRate {
    #[serde(default)]
    pub description: Option<String>,
    pub rate: Rate,
    /// `air` in the emulator.
    #[serde(default, rename = "type")]
    pub kind: Option<String>,
    #[serde(default)]
    pub message: Option<String>,
}

/// The customer as the quote names them.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct QuoteCustomer {
    #[serde(default)]
    pub available_credit: Option<Money>,
    #[serde(default)]
    pub air: Option<Rate>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default)]
    pub category_type: Option<String>,
}

personal_debug!(QuoteCustomer);

/// The regular (revolving) purchase row.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct RegularOffer {
    /// The amount itself.
    pub term_amount: Money,
    #[serde(default)]
    pub air: Option<Rate>,
    /// May be verified by `regular_purchase_bypass`.
    #[serde(default)]
    pub verify: bool,
    #[serde(default, deserialize_with = "list")]
    pub fees: Vec<Fee>,
}

/// One term of a promotional plan.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct TermOffer {
    #[serde(deserialize_with = "u32_lenient")]
    pub term: u32,
    /// Per month (equal payments), or the whole to clear by the term's end (deferred).
    pub term_amount: Money,
    #[serde(default, deserialize_with = "list")]
    pub fees: Vec<Fee>,
    #[serde(default, deserialize_with = "list")]
    pub annual_rates: Vec<AnnualRate>,
}

/// One promotional plan with its terms.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct PlanOffer {
    #[serde(deserialize_with = "u32_lenient")]
    pub plan_id: u32,
    #[serde(default)]
    pub plan_name: Option<String>,
    #[serde(default, deserialize_with = "list")]
    pub terms: Vec<TermOffer>,
}

/// The whole quote.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Quote {
    pub account_number: AccountNumber,
    #[serde(default)]
    pub account_type: Option<String>,
    pub amount: Money,
    #[serde(default)]
    pub customer: Option<QuoteCustomer>,
    #[serde(default)]
    pub regular_purchase: Option<RegularOffer>,
    #[serde(default, deserialize_with = "list")]
    pub promotional_purchase: Vec<PlanOffer>,
}

impl Quote {
    /// The term `term` of plan `plan_id`, if quoted.
    pub fn term(&self, plan_id: u32, term: u32) -> Option<&TermOffer> {
        // A plan listed twice (a server bug) still finds each of its terms.
        self.promotional_purchase
            .iter()
            .filter(|p| p.plan_id == plan_id)
            .flat_map(|p| p.terms.iter())
            .find(|t| t.term == term)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_quote_reads_money_and_rates_as_strings_or_numbers() {
        let quote: Quote = serde_json::from_str(
            r#"{"account_number":116994755,"account_type":"consumer","amount":"1000.00",
            "customer":{"available_credit":14000,"air":"0.3099","first_name":"Flexiti","category_type":"preferred"},
            "regular_purchase":{"term_amount":1000,"air":0.3099,"verify":false,"fees":[]},
            "promotional_purchase":[{"plan_id":4,"plan_name":"Equal","terms":[
              {"term":"3","term_amount":"338.90","fees":null,"annual_rates":[{"description":"Annual Interest Rate","rate":"0.0999","type":"air","message":"m"}]},
              {"term":12,"term_amount":87.91,"fees":[{"description":"Fee","amount":"49.99","type":"admin_total","message":"verbatim – é"}],"annual_rates":[]}]}]}"#,
        )
        .unwrap();
        assert_eq!(quote.amount, Money(100_000));
        assert_eq!(quote.customer.as_ref().unwrap().air, Some(Rate(3_099)));
        let three = quote.term(4, 3).unwrap();
        assert_eq!(three.term_amount, Money(33_890));
        assert_eq!(three.annual_rates[0].rate, Rate(999));
        assert!(three.fees.is_empty());
        let twelve = quote.term(4, 12).unwrap();
        assert_eq!(twelve.fees[0].amount, Money(4_999));
        assert_eq!(twelve.fees[0].message.as_deref(), Some("verbatim – é"));
        assert!(!format!("{quote:?}").contains("Flexiti"));
    }

    #[test]
    fn regular_purchase_is_optional_and_extra_decimals_are_refused() {
        let quote: Quote =
            serde_json::from_str(r#"{"account_number":"1","amount":10,"promotional_purchase":[]}"#)
                .unwrap();
        assert!(quote.regular_purchase.is_none());
        let three = serde_json::from_str::<Quote>(r#"{"account_number":"1","amount":"10.001"}"#);
        assert!(three.unwrap_err().to_string().starts_with("bad_amount"));
        let rate = serde_json::from_str::<Quote>(
            r#"{"account_number":"1","amount":10,"regular_purchase":{"term_amount":10,"air":0.29995}}"#,
        );
        assert!(rate.unwrap_err().to_string().starts_with("bad_rate"));
        assert_eq!(
            serde_json::to_string(&QuoteRequest {
                amount: Money(123_456)
            })
            .unwrap(),
            r#"{"amount":1234.56}"#
        );
    }
}
