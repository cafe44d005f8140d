//! `GET v2.5 customers/search` and `customers/lookup`: finding the account a purchase is
//! charged to, read tolerantly (ids and amounts as strings or numbers, a lookup answered
//! as an object or a one-element array, "no match" as 404 or `[]`).

use serde::Deserialize;
use serde_json::Value;

use crate::error::ApiError;
use crate::lenient::{list, opt_string_or_number, opt_u32, string_or_number, u32_lenient, Money};
use crate::sensitive::{AccountNumber, CardNumber};

/// What a search looks for: a name and a date of birth, and a postal code if known.
#[derive(Clone, PartialEq, Eq)]
pub struct CustomerSearch {
    pub first_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub dob: String,
    pub postal_code: Option<String>,
}

/// One account a search found (every status; an authorized user sees the business
/// account with their own `customer_id` and card ending).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct CustomerSummary {
    #[serde(deserialize_with = "string_or_number")]
    pub customer_id: String,
    #[serde(default)]
    pub account_status: Option<String>,
    #[serde(default)]
    pub account_status_reason_code: Option<String>,
    #[serde(default)]
    pub tos_agreement: Option<bool>,
    #[serde(default)]
    pub risk_rating: Option<String>,
    pub account_number: AccountNumber,
    #[serde(default)]
    pub account_type: Option<String>,
    #[serde(default)]
    pub credit_limit: Option<Money>,
    #[serde(default)]
    pub available_credit: Option<Money>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub originating_merchant_id: Option<String>,
    #[serde(default)]
    pub originating_merchant_name: Option<String>,
    #[serde(default)]
    pub first_name: Option<String>,
    #[serde(default)]
    pub last_name: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub card_ending_in: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub creation_date: Option<String>,
}

impl CustomerSummary {
    /// `account_status == "N"` and the cardholder agreement not refused: the only
    /// accounts a purchase may go on.
    pub fn purchasable(&self) -> bool {
        self.account_status.as_deref() == Some("N") && self.tos_agreement != Some(false)
    }
}

/// Who a lookup names: exactly one of the three.
#[derive(Clone, PartialEq, Eq)]
pub enum LookupBy {
    /// The card the customer holds (an authorized user's gives the primary account).
    Card(CardNumber),
    Account(AccountNumber),
    CustomerId(String),
}

impl std::fmt::Debug for LookupBy {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            LookupBy::Card(card) => write!(f, "Card({card:?})"),
            LookupBy::Account(account) => write!(f, "Account({account:?})"),
            LookupBy::CustomerId(_) => f.write_str("CustomerId(..)"),
        }
    }
}

impl LookupBy {
    /// The query parameter that carries it.
    pub(crate) fn query(&self) -> (&'static str, String) {
        match self {
            LookupBy::Card(card) => ("vcc_number", card.expose().to_owned()),
            LookupBy::Account(account) => ("account_number", account.expose().to_owned()),
            LookupBy::CustomerId(id) => ("customer_id", id.clone()),
        }
    }
}

/// The security question on file.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct SecurityQuestion {
    #[serde(deserialize_with = "u32_lenient")]
    pub id: u32,
    #[serde(default)]
    pub text: Option<String>,
}

/// A plan the account may use, with the terms on offer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct OfferType {
    #[serde(deserialize_with = "u32_lenient")]
    pub plan_id: u32,
    #[serde(default)]
    pub plan_name: Option<String>,
    /// `equal_billing` or `deferred_payment`.
    #[serde(default)]
    pub offer_category: Option<String>,
    #[serde(default, deserialize_with = "terms_list")]
    pub term_options: Vec<u32>,
}

fn terms_list<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<u32>, D::Error> {
    #[derive(Deserialize)]
    struct Term(#[serde(deserialize_with = "u32_lenient")] u32);
    list::<D, Term>(d).map(|terms| terms.into_iter().map(|Term(t)| t).collect())
}

/// The account a lookup found, purchasable (a lookup refuses the others with 409).
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct CustomerAccount {
    pub account_number: AccountNumber,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub customer_id: Option<String>,
    #[serde(default)]
    pub available_credit: Option<Money>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub card_ending_in: Option<String>,
    #[serde(default)]
    pub preferred_language: Option<String>,
    #[serde(default)]
    pub risk_rating: Option<String>,
    #[serde(default, deserialize_with = "security_question")]
    pub security_qid: Option<SecurityQuestion>,
    #[serde(default)]
    pub address_1: Option<String>,
    #[serde(default)]
    pub address_2: Option<String>,
    #[serde(default)]
    pub city: Option<String>,
    #[serde(default)]
    pub province: Option<String>,
    #[serde(default)]
    pub postal_code: Option<String>,
    #[serde(default)]
    pub payment_protection: Option<bool>,
    #[serde(default, deserialize_with = "list")]
    pub offer_types: Vec<OfferType>,
}

/// `{id, text}`, or the bare id.
fn security_question<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<SecurityQuestion>, D::Error> {
    match Option::<Value>::deserialize(d)? {
        None => Ok(None),
        Some(Value::Object(map)) => SecurityQuestion::deserialize(Value::Object(map))
            .map(Some)
            .map_err(serde::de::Error::custom),
        Some(other) => opt_u32(other)
            .map(|id| id.map(|id| SecurityQuestion { id, text: None }))
            .map_err(serde::de::Error::custom),
    }
}

impl CustomerAccount {
    /// The offer type of `plan_id`, if lookup listed it.
    pub fn offer(&self, plan_id: u32) -> Option<&OfferType> {
        self.offer_types.iter().find(|o| o.plan_id == plan_id)
    }
}

personal_debug!(CustomerSearch, CustomerSummary, CustomerAccount);

/// A search answer: an array (possibly empty) of summaries.
pub(crate) fn read_search(body: &[u8]) -> Result<Vec<CustomerSummary>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::Malformed)?;
    match value {
        Value::Array(_) => Vec::<CustomerSummary>::deserialize(value).map_err(|e| value_error(&e)),
        _ => Err(ApiError::Malformed),
    }
}

/// A lookup answer: one object, or an array holding exactly one (none is not found).
pub(crate) fn read_lookup(body: &[u8]) -> Result<CustomerAccount, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::Malformed)?;
    let value = match value {
        Value::Array(mut items) => match items.len() {
            0 => return Err(ApiError::NotFound),
            1 => items.remove(0),
            _ => return Err(ApiError::Malformed),
        },
        other => other,
    };
    CustomerAccount::deserialize(value).map_err(|e| value_error(&e))
}

/// The error of a value that does not read (see `transport::read_error`).
pub(crate) fn value_error(error: &serde_json::Error) -> ApiError {
    crate::transport::read_error(error)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_lookup_reads_an_object_or_a_one_element_array() {
        let object = br#"{"account_number":"116994755","customer_id":500001,"available_credit":"14000.00",
            "card_ending_in":"7982","security_qid":{"id":"6","text":"Colour?"},
            "offer_types":[{"plan_id":"4","plan_name":"Equal","offer_category":"equal_billing","term_options":[3,"6",12]}]}"#;
        let a = read_lookup(object).unwrap();
        let mut array = b"[".to_vec();
        array.extend_from_slice(object);
        array.push(b']');
        assert_eq!(read_lookup(&array).unwrap(), a);
        assert_eq!(a.available_credit, Some(Money(1_400_000)));
        assert_eq!(a.offer(4).unwrap().term_options, [3, 6, 12]);
        assert_eq!(a.security_qid.as_ref().unwrap().id, 6);
        assert_eq!(read_lookup(b"[]"), Err(ApiError::NotFound));
        assert_eq!(read_lookup(b"[{},{}]"), Err(ApiError::Malformed));
        assert_eq!(
            read_lookup(br#"{"account_number":1,"available_credit":"1.005"}"#),
            Err(ApiError::BadAmount)
        );
    }

    #[test]
    fn search_reads_strings_and_numbers_and_says_who_may_buy() {
        let rows = read_search(
            br#"[{"customer_id":"123321","account_status":"N","tos_agreement":true,"account_number":123456789,
                 "credit_limit":"1000.00","available_credit":659.51,"first_name":"John","card_ending_in":5941},
                {"customer_id":123412,"account_status":"F","account_number":"234567890","tos_agreement":null}]"#,
        )
        .unwrap();
        assert_eq!(rows.len(), 2);
        assert!(rows[0].purchasable() && !rows[1].purchasable());
        assert_eq!(rows[0].available_credit, Some(Money(65_951)));
        assert_eq!(rows[0].card_ending_in.as_deref(), Some("5941"));
        assert_eq!(rows[1].customer_id, "123412");
        assert!(read_search(b"[]").unwrap().is_empty());
        assert_eq!(read_search(b"{}"), Err(ApiError::Malformed));
        let debug = format!("{rows:?}");
        assert!(
            !debug.contains("John") && !debug.contains("123456789"),
            "{debug}"
        );
    }
}
