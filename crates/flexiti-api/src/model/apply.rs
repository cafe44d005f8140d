//! `POST /client-id/{client_id}/apply?lang=`: the credit application and its decision.
//! Pending and declined answers arrive as 409 errors; the client turns them into a
//! [`Decision`], because for the rep they are outcomes, not failures.

use serde::{Deserialize, Serialize};

use super::Lang;
use crate::lenient::{string_or_number, Money};

/// The applicant's identity, nested as the contract has it.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct PersonalInformation {
    pub salutation: String,
    pub first_name: String,
    /// Empty when none; Flexiti's test adjudication keys go here in test environments.
    pub middle_name: String,
    pub last_name: String,
    /// `YYYY-MM-DD`.
    pub dob: String,
    pub postal_code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sin: Option<String>,
}

#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct CustomerIdentification {
    pub personal_information: PersonalInformation,
}

/// The application as sent. Build it from a validated draft.
#[derive(Clone, Default, PartialEq, Eq, Serialize)]
pub struct ApplyRequest {
    pub customer_identification: CustomerIdentification,
    pub account_type: String,
    pub lang: Option<Lang>,
    pub email: String,
    pub phone_number: String,
    pub address_1: String,
    pub address_2: String,
    pub city: String,
    pub province: String,
    pub housing_type: String,
    pub monthly_housing_payment: Money,
    pub years_at_address: u32,
    pub occupation: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub employer_name: Option<String>,
    pub annual_income: Money,
    pub govid_type: String,
    pub govid_issuedby: String,
    pub govid_number: String,
    /// `YYYY-MM-DD`.
    pub govid_expiry: String,
    pub security_qid: u32,
    pub security_answer: String,
    pub insurance: bool,
    pub qcpa_disclosure: bool,
    pub tos_agreement: bool,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tos_version: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount_requested: Option<Money>,
    pub external_location_id: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub external_employee_id: Option<String>,
}

/// An approval: what the rep needs to tell the customer.
#[derive(Clone, PartialEq, Eq, Deserialize)]
pub struct Approval {
    #[serde(deserialize_with = "string_or_number")]
    pub creditapp_id: String,
    #[serde(default)]
    pub status: Option<String>,
    #[serde(deserialize_with = "string_or_number")]
    pub account_number: String,
    #[serde(default, deserialize_with = "optional_string_or_number")]
    pub customer_id: Option<String>,
    pub credit_limit: Money,
    #[serde(default)]
    pub available_credit: Option<Money>,
    #[serde(default)]
    pub risk_rating: Option<String>,
    #[serde(default)]
    pub category_type: Option<String>,
    #[serde(default)]
    pub account_type: Option<String>,
    /// Last four digits of the card.
    #[serde(deserialize_with = "string_or_number")]
    pub card_ending_in: String,
}

impl Approval {
    /// The last four characters of `card_ending_in` (all of them when fewer), so a receipt
    /// shows four digits whatever length Flexiti sends.
    pub fn card_last4(&self) -> String {
        let skip = self.card_ending_in.chars().count().saturating_sub(4);
        self.card_ending_in.chars().skip(skip).collect()
    }
}

fn optional_string_or_number<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> Result<Option<String>, D::Error> {
    string_or_number(d).map(Some)
}

personal_debug!(
    PersonalInformation,
    CustomerIdentification,
    ApplyRequest,
    Approval
);

/// The outcome of an application. Declines carry no reason a rep may see; the variant
/// number only tells the bureau (2) and fraud (3) declines apart for support.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Approved(Box<Approval>),
    /// `application_marked_pending_1` (review) or `_2` (fraud review).
    Pending {
        variant: u8,
    },
    /// `application_declined`, `_2`, `_3`.
    Declined {
        variant: u8,
    },
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn debug_shows_no_applicant_value_nor_account_number() {
        let request = ApplyRequest {
            customer_identification: CustomerIdentification {
                personal_information: PersonalInformation {
                    first_name: "Xanthippe".into(),
                    sin: Some("273198648".into()),
                    ..PersonalInformation::default()
                },
            },
            email: "x@zqx-example.com".into(),
            ..ApplyRequest::default()
        };
        let approval: Approval = serde_json::from_str(
            r#"{"creditapp_id":1,"status":"approved","account_number":"116994755","customer_id":"829825",
            "credit_limit":"5000.00","available_credit":5000,"card_ending_in":"5941"}"#,
        )
        .unwrap();
        let debug = format!("{request:?} {:?}", Decision::Approved(Box::new(approval)));
        for value in [
            "Xanthippe",
            "273198648",
            "zqx-example",
            "116994755",
            "829825",
        ] {
            assert!(!debug.contains(value), "{value} in {debug}");
        }
        assert!(debug.contains("ApplyRequest") && debug.contains("Approval"));
    }

    #[test]
    fn approval_reads_strings_and_numbers() {
        let body = r#"{"creditapp_id":1234567,"status":"approved","account_number":116994755,"customer_id":"829825",
            "credit_limit":"5000.00","available_credit":5000,"risk_rating":"L","category_type":"preferred",
            "account_type":"consumer","card_ending_in":"5941","vcc_number":"ignored"}"#;
        let approval: Approval = serde_json::from_str(body).unwrap();
        assert_eq!(approval.credit_limit, Money(500_000));
        assert_eq!(approval.account_number, "116994755");
        assert_eq!(approval.card_ending_in, "5941");
    }

    #[test]
    fn card_last4_keeps_the_last_four_characters() {
        let approval = |ending: &str| -> Approval {
            serde_json::from_value(serde_json::json!({
                "creditapp_id": 1, "account_number": "116994755",
                "credit_limit": "5000.00", "card_ending_in": ending,
            }))
            .unwrap()
        };
        assert_eq!(approval("5941").card_last4(), "5941");
        assert_eq!(approval("4111111111115941").card_last4(), "5941");
        assert_eq!(approval("41").card_last4(), "41");
        assert_eq!(approval("").card_last4(), "");
        assert_eq!(approval("ÉÉ5941").card_last4(), "5941");
    }

    #[test]
    fn request_serialises_in_the_contract_shape() {
        let request = ApplyRequest {
            monthly_housing_payment: Money(145_000),
            lang: Some(Lang::Fr),
            ..ApplyRequest::default()
        };
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["monthly_housing_payment"], 1450);
        assert_eq!(json["lang"], "fr");
        assert!(json["customer_identification"]["personal_information"].is_object());
        assert!(json.get("tos_version").is_none());
    }
}
