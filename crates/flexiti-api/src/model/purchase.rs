//! The money-moving calls of `purchase.md` (authorization, capture, release, return,
//! refund) and what they answer, plus the `authorizations` and `captures` lists that
//! reconciliation reads: requests serialise exactly once (the caller keeps the bytes),
//! answers read tolerantly (ids and amounts as strings or numbers).

use serde::{Deserialize, Serialize, Serializer};
use serde_json::Value;

use super::quote::{AnnualRate, Fee};
use crate::error::ApiError;
use crate::ids::RequestId;
use crate::lenient::{list, opt_string_or_number, opt_u32, string_or_number, Money};
use crate::sensitive::{AccountNumber, CardNumber, VerificationCode};

/// `transaction_type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum TransactionType {
    RegularPurchase,
    PromotionalPurchase,
}

impl TransactionType {
    pub fn as_str(self) -> &'static str {
        match self {
            TransactionType::RegularPurchase => "regular_purchase",
            TransactionType::PromotionalPurchase => "promotional_purchase",
        }
    }
}

/// What the customer chose from the quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FinancingChoice {
    Regular,
    Promotional { plan_id: u32, term: u32 },
}

impl FinancingChoice {
    pub fn transaction_type(self) -> TransactionType {
        match self {
            FinancingChoice::Regular => TransactionType::RegularPurchase,
            FinancingChoice::Promotional { .. } => TransactionType::PromotionalPurchase,
        }
    }
}

impl Serialize for FinancingChoice {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire {
            transaction_type: TransactionType,
            #[serde(skip_serializing_if = "Option::is_none")]
            plan_id: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            term: Option<u32>,
        }
        let (plan_id, term) = match *self {
            FinancingChoice::Regular => (None, None),
            FinancingChoice::Promotional { plan_id, term } => (Some(plan_id), Some(term)),
        };
        Wire {
            transaction_type: self.transaction_type(),
            plan_id,
            term,
        }
        .serialize(serializer)
    }
}

/// `POST v2.5.1 authorization`: the sale.
#[derive(Clone, PartialEq, Serialize)]
pub struct AuthorizationRequest {
    pub account_number: AccountNumber,
    /// Only when the account was found by a card (an authorized user's).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcc_number: Option<CardNumber>,
    /// The purchase id's 32-hex form.
    pub reference: String,
    pub financing_option: FinancingChoice,
    pub amount: Money,
    /// `true` charges now; `false` holds for a later capture.
    pub auto_capture: bool,
    pub verification_code: VerificationCode,
    /// The verify call's `request_id`.
    pub request_id: RequestId,
    pub external_location_id: String,
    pub external_employee_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_data: Option<Value>,
}

/// `POST v2.5 authorization/{id}/capture`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CaptureRequest {
    pub amount: Money,
    /// `{purchase}-{n}`.
    pub reference: String,
    pub external_location_id: String,
    pub external_employee_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_data: Option<Value>,
}

/// `POST v2.5 authorization/{id}/release`; no amount releases all that remains.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ReleaseRequest {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    pub reference: String,
    pub external_location_id: String,
    pub external_employee_id: String,
}

/// `POST v2.5 authorization/{a}/capture/{c}/return`.
#[derive(Clone, PartialEq, Serialize)]
pub struct ReturnRequest {
    pub reference: String,
    pub full_return: bool,
    pub amount: Money,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcc_number: Option<CardNumber>,
    pub external_location_id: String,
    pub external_employee_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_data: Option<Value>,
}

/// `POST v2.5 accounts/{n}/refund` (regular purchases).
#[derive(Clone, PartialEq, Serialize)]
pub struct RefundRequest {
    pub reference: String,
    pub amount: Money,
    #[serde(serialize_with = "id_as_number")]
    pub capture_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub vcc_number: Option<CardNumber>,
    pub external_location_id: String,
    pub external_employee_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sku_data: Option<Value>,
}

/// An id kept as text goes out as the number Flexiti gave when it is one.
fn id_as_number<S: Serializer>(id: &str, serializer: S) -> Result<S::Ok, S::Error> {
    match id.parse::<u64>() {
        Ok(n) if n.to_string() == id => serializer.serialize_u64(n),
        _ => serializer.serialize_str(id),
    }
}

personal_debug!(AuthorizationRequest, ReturnRequest, RefundRequest);

/// The financing of an authorization as Flexiti recorded it.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct FinancingOption {
    #[serde(default)]
    pub transaction_type: Option<String>,
    #[serde(default, deserialize_with = "opt_u32")]
    pub plan_id: Option<u32>,
    #[serde(default)]
    pub plan_name: Option<String>,
    #[serde(default, deserialize_with = "opt_u32")]
    pub term: Option<u32>,
    #[serde(default)]
    pub term_amount: Option<Money>,
    #[serde(default, deserialize_with = "list")]
    pub annual_rates: Vec<AnnualRate>,
    #[serde(default, deserialize_with = "list")]
    pub fees: Vec<Fee>,
}

/// A capture, as an authorization lists it, as `captures` lists it, or as capture answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Capture {
    #[serde(deserialize_with = "string_or_number")]
    pub capture_id: String,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub authorization_id: Option<String>,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub remaining_capture_amount: Option<Money>,
    /// In a capture's own answer: what is left to capture of the authorization.
    #[serde(default)]
    pub remaining_authorization_amount: Option<Money>,
    #[serde(default)]
    pub external_location_id: Option<String>,
}

/// An authorization.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Authorization {
    #[serde(deserialize_with = "string_or_number")]
    pub authorization_id: String,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default)]
    pub account_number: Option<AccountNumber>,
    /// `opened` while something remains to capture, else `closed`.
    #[serde(default)]
    pub status: Option<String>,
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub captured_amount: Option<Money>,
    #[serde(default)]
    pub released_amount: Option<Money>,
    #[serde(default)]
    pub remaining_authorization_amount: Option<Money>,
    /// `YYYY-MM-DDThh:mm:ssZ`.
    #[serde(default)]
    pub creation_date: Option<String>,
    #[serde(default)]
    pub external_location_id: Option<String>,
    #[serde(default)]
    pub external_employee_id: Option<String>,
    #[serde(default)]
    pub financing_option: Option<FinancingOption>,
    #[serde(default, deserialize_with = "list")]
    pub captures: Vec<Capture>,
}

/// What a release answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Release {
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub authorization_id: Option<String>,
    pub released_amount: Money,
    #[serde(default)]
    pub remaining_authorization_amount: Option<Money>,
    #[serde(default)]
    pub status: Option<String>,
}

/// What a return answers.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Return {
    #[serde(deserialize_with = "string_or_number")]
    pub return_id: String,
    #[serde(default)]
    pub reference: Option<String>,
    #[serde(default, deserialize_with = "opt_string_or_number")]
    pub capture_id: Option<String>,
    #[serde(default)]
    pub date: Option<String>,
    #[serde(default)]
    pub amount: Option<Money>,
    #[serde(default)]
    pub remaining_capture_amount: Option<Money>,
    /// What is still uncaptured.
    #[serde(default)]
    pub remaining_authorization_amount: Option<Money>,
}

/// `authorization_status`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AuthorizationStatus {
    Opened,
    Closed,
}

/// The filters of `authorizations` and `captures` (`authorization_id` of captures only).
/// Dates are UTC `YYYY-MM-DD`, both inclusive.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListFilter {
    pub account_number: Option<AccountNumber>,
    pub transaction_type: Option<TransactionType>,
    pub authorization_status: Option<AuthorizationStatus>,
    pub creation_date_from: Option<chrono::NaiveDate>,
    pub creation_date_to: Option<chrono::NaiveDate>,
    /// Captures only.
    pub authorization_id: Option<String>,
    /// 1 to 100 (clamped); `None` is 100, the fewest pages.
    pub page_size: Option<u32>,
}

impl ListFilter {
    /// The page size asked for: 1 to 100.
    pub fn page_size(&self) -> u32 {
        self.page_size.unwrap_or(100).clamp(1, 100)
    }

    /// The query of page `page_number`.
    pub(crate) fn query(&self, page_number: u32, captures: bool) -> Vec<(&'static str, String)> {
        let mut query = Vec::new();
        if let Some(account) = &self.account_number {
            query.push(("account_number", account.expose().to_owned()));
        }
        if let Some(kind) = self.transaction_type {
            query.push(("transaction_type", kind.as_str().to_owned()));
        }
        if let Some(status) = self.authorization_status {
            let status = match status {
                AuthorizationStatus::Opened => "opened",
                AuthorizationStatus::Closed => "closed",
            };
            query.push(("authorization_status", status.to_owned()));
        }
        if let Some(date) = self.creation_date_from {
            query.push(("creation_date_from", date.format("%Y-%m-%d").to_string()));
        }
        if let Some(date) = self.creation_date_to {
            query.push(("creation_date_to", date.format("%Y-%m-%d").to_string()));
        }
        if captures {
            if let Some(id) = &self.authorization_id {
                query.push(("authorization_id", id.clone()));
            }
        }
        query.push(("page_number", page_number.to_string()));
        query.push(("page_size", self.page_size().to_string()));
        query
    }
}

/// One page of a list, whatever its envelope.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// The page size the server says it used, if it says.
    pub page_size: Option<u32>,
    /// How many items the whole list holds, if the server says.
    pub total: Option<u64>,
}

/// The keys a list's array may come under, in the order they are tried.
pub(crate) const LIST_KEYS: [&str; 4] = ["authorizations", "captures", "items", "data"];

/// A list page: a bare array, or an object with the array under one of [`LIST_KEYS`].
/// Anything else is malformed, never an empty list (an empty list may lead to a re-send).
pub(crate) fn read_page<T: serde::de::DeserializeOwned>(body: &[u8]) -> Result<Page<T>, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::Malformed)?;
    let (array, page_size, total) = match value {
        Value::Array(items) => (items, None, None),
        Value::Object(mut map) => {
            let array = LIST_KEYS
                .iter()
                .find_map(|key| match map.remove(*key) {
                    Some(Value::Array(items)) => Some(items),
                    _ => None,
                })
                .ok_or(ApiError::Malformed)?;
            let number = |v: Option<&Value>| -> Option<u64> {
                match v? {
                    Value::Number(n) => n.as_u64(),
                    Value::String(s) => s.trim().parse().ok(),
                    _ => None,
                }
            };
            let page_size = number(map.get("page_size")).and_then(|n| u32::try_from(n).ok());
            (array, page_size, number(map.get("total")))
        }
        _ => return Err(ApiError::Malformed),
    };
    let items = array
        .into_iter()
        .map(|item| T::deserialize(item).map_err(|e| crate::transport::read_error(&e)))
        .collect::<Result<Vec<T>, ApiError>>()?;
    Ok(Page {
        items,
        page_size,
        total,
    })
}

/// The most pages a list is read to.
pub const MAX_PAGES: u32 = 20;

/// Whether `page` was the last: shorter than the page size (the smaller of the size
/// asked and the size the server says it used). `total` is not trusted to stop early: a
/// server that counts wrongly would hide a charge from "check again".
pub(crate) fn last_page<T>(page: &Page<T>, asked_size: u32) -> bool {
    let size = page
        .page_size
        .filter(|s| *s > 0)
        .map_or(asked_size, |s| s.min(asked_size));
    page.items.len() < size as usize
}

/// Oldest first: `creation_date`, then the id (numerically when both are numbers); an
/// authorization without a date comes last.
pub fn earliest_first(a: &Authorization, b: &Authorization) -> std::cmp::Ordering {
    let date = |x: &Authorization| (x.creation_date.is_none(), x.creation_date.clone());
    date(a).cmp(&date(b)).then_with(|| {
        match (
            a.authorization_id.parse::<u64>(),
            b.authorization_id.parse::<u64>(),
        ) {
            (Ok(x), Ok(y)) => x.cmp(&y),
            _ => a.authorization_id.cmp(&b.authorization_id),
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn auth(id: Value, date: Option<&str>) -> Value {
        json!({ "authorization_id": id, "reference": "r", "creation_date": date, "amount": "10.00" })
    }

    #[test]
    fn every_list_envelope_reads_alike() {
        let items = json!([
            auth(json!(1), Some("2026-01-01T12:00:00Z")),
            auth(json!("2"), None)
        ]);
        let bodies = [
            items.clone(),
            json!({ "page_number": 1, "page_size": 10, "total": 2, "authorizations": items }),
            json!({ "captures": items }),
            json!({ "items": items, "total": "2" }),
            json!({ "data": items }),
            json!({ "authorizations": null, "data": items }),
        ];
        for body in bodies {
            let page: Page<Authorization> = read_page(&serde_json::to_vec(&body).unwrap()).unwrap();
            assert_eq!(page.items.len(), 2, "{body}");
            assert_eq!(page.items[1].authorization_id, "2");
            assert_eq!(page.items[0].amount, Some(Money(1_000)));
        }
        for bad in [
            json!({}),
            json!({ "results": [] }),
            json!("x"),
            json!({ "data": {} }),
        ] {
            let page = read_page::<Authorization>(&serde_json::to_vec(&bad).unwrap());
            assert_eq!(page, Err(ApiError::Malformed), "{bad}");
        }
        let three = json!([{ "authorization_id": 1, "amount": 10.005 }]);
        assert_eq!(
            read_page::<Authorization>(&serde_json::to_vec(&three).unwrap()),
            Err(ApiError::BadAmount)
        );
    }

    #[test]
    fn paging_stops_at_a_short_page_only() {
        let page = |n: usize, size: Option<u32>, total: Option<u64>| Page {
            items: vec![(); n],
            page_size: size,
            total,
        };
        assert!(!last_page(&page(100, None, None), 100));
        assert!(last_page(&page(99, None, None), 100));
        assert!(last_page(&page(0, None, None), 100));
        // The server used a smaller size than asked: its own size decides.
        assert!(!last_page(&page(50, Some(50), None), 100));
        assert!(last_page(&page(49, Some(50), None), 100));
        // A server claiming a larger size than asked does not make a full page short.
        assert!(!last_page(&page(100, Some(1000), None), 100));
        // A full page is never the last, whatever `total` says.
        assert!(!last_page(&page(100, Some(100), Some(100)), 100));
        assert!(!last_page(&page(100, Some(0), Some(0)), 100));
    }

    #[test]
    fn requests_go_out_in_the_contract_shape() {
        let request = AuthorizationRequest {
            account_number: AccountNumber::parse("116994755").unwrap(),
            vcc_number: None,
            reference: "9f1c".into(),
            financing_option: FinancingChoice::Promotional {
                plan_id: 4,
                term: 12,
            },
            amount: Money(100_012),
            auto_capture: true,
            verification_code: VerificationCode::parse("0482").unwrap(),
            request_id: RequestId::parse("12345678901234567890").unwrap(),
            external_location_id: "00-12345".into(),
            external_employee_id: "merchantonline".into(),
            sku_data: None,
        };
        assert_eq!(
            serde_json::to_value(&request).unwrap(),
            json!({
                "account_number": 116994755, "reference": "9f1c",
                "financing_option": { "transaction_type": "promotional_purchase", "plan_id": 4, "term": 12 },
                "amount": 1000.12, "auto_capture": true, "verification_code": "0482",
                "request_id": "12345678901234567890", "external_location_id": "00-12345",
                "external_employee_id": "merchantonline"
            })
        );
        assert!(!format!("{request:?}").contains("116994755"));
        let regular = serde_json::to_value(FinancingChoice::Regular).unwrap();
        assert_eq!(regular, json!({ "transaction_type": "regular_purchase" }));
        let refund = RefundRequest {
            reference: "r-1".into(),
            amount: Money(500),
            capture_id: "346123".into(),
            vcc_number: None,
            external_location_id: "00-12345".into(),
            external_employee_id: "e".into(),
            sku_data: None,
        };
        assert_eq!(serde_json::to_value(&refund).unwrap()["capture_id"], 346123);
        let release = ReleaseRequest {
            amount: None,
            reference: "r-2".into(),
            external_location_id: "x".into(),
            external_employee_id: "e".into(),
        };
        assert!(serde_json::to_value(&release)
            .unwrap()
            .get("amount")
            .is_none());
    }

    #[test]
    fn earliest_first_is_by_date_then_numeric_id() {
        let a = |id: &str, date: Option<&str>| -> Authorization {
            serde_json::from_value(auth(json!(id), date)).unwrap()
        };
        let mut list = [
            a("10", Some("2026-01-01T12:00:00Z")),
            a("9", Some("2026-01-01T12:00:00Z")),
            a("1", None),
            a("99", Some("2025-12-31T23:59:59Z")),
        ];
        list.sort_by(earliest_first);
        let ids: Vec<&str> = list.iter().map(|x| x.authorization_id.as_str()).collect();
        assert_eq!(ids, ["99", "9", "10", "1"]);
    }

    #[test]
    fn the_contract_example_reads() {
        let body = json!({ "authorization_id": 12343, "reference": "9f1c", "account_number": 116994755,
          "status": "closed", "amount": 1000.12, "captured_amount": 1000.12, "released_amount": 0,
          "remaining_authorization_amount": 0, "creation_date": "2026-01-01T12:00:00Z",
          "external_location_id": "00-12345", "external_employee_id": "merchantonline",
          "financing_option": { "transaction_type": "promotional_purchase", "plan_id": 4,
            "plan_name": "Equal Payments, Regular Interest", "term": 12, "term_amount": 87.92,
            "annual_rates": [ { "description": "Annual Interest Rate", "rate": 0.0999,
              "type": "air", "message": "…" } ], "fees": [] },
          "captures": [ { "capture_id": 346123, "reference": "9f1c", "amount": 1000.12,
            "date": "2026-01-01T12:00:00Z", "remaining_capture_amount": 1000.12 } ] });
        let a: Authorization = serde_json::from_value(body).unwrap();
        assert_eq!(a.authorization_id, "12343");
        assert_eq!(a.captures[0].capture_id, "346123");
        assert_eq!(a.financing_option.unwrap().term_amount, Some(Money(8_792)));
    }
}
