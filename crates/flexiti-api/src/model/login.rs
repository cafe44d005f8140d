//! `POST /client-id/{client_id}/merchants/login?lang=`: a rep signs in; the answer holds
//! the credit application's option lists in the requested language.

use serde::{Deserialize, Serialize};

use super::options::OptionLists;
use crate::lenient::string_or_number;

/// The request body. The password is only borrowed for the call.
#[derive(Serialize)]
pub(crate) struct LoginRequest<'a> {
    pub merchant_username: &'a str,
    pub merchant_password: &'a str,
}

/// The answer.
#[derive(Debug, Clone, Deserialize)]
pub struct MerchantLogin {
    pub merchant_name: String,
    #[serde(deserialize_with = "string_or_number")]
    pub merchant_id: String,
    /// Option lists by key (`salutation`, `province`, `govid_issuedby`, ...). A key of an
    /// unknown shape is dropped; a missing key is the caller's free-text field.
    #[serde(default)]
    pub form_values: OptionLists,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn documented_login_answer_parses() {
        let body = r#"{ "merchant_name": "ACME Jewellers", "merchant_id": "123456", "form_values": {
            "salutation": { "options": { "mr": "Mr.", "ms": "Ms.", "mrs": "Mrs.", "mss": "Miss." } },
            "govid_issuedby": { "option_depends": { "CAP": { "CANADA": "Canada" } } },
            "housing_type": { "Rent": "Rent" }, "offer_types": [ { "plan_id": 4 } ] } }"#;
        let login: MerchantLogin = serde_json::from_str(body).unwrap();
        assert_eq!(login.merchant_id, "123456");
        assert_eq!(
            login
                .form_values
                .get("salutation")
                .and_then(|l| l.label(None, "mss")),
            Some("Miss.")
        );
        assert!(login.form_values.get("offer_types").is_none());
        let numeric: MerchantLogin =
            serde_json::from_str(r#"{"merchant_name":"A","merchant_id":382}"#).unwrap();
        assert_eq!(numeric.merchant_id, "382");
    }
}
