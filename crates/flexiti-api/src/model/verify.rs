//! `POST v2.5 account/{n}/verify` (singular `account`): proving the customer is there
//! before a charge, by a PIN sent to their phone or email (which they read out) or a PIN
//! handed back for a security answer, a bypass or a merchant override.

use serde::{Serialize, Serializer};
use serde_json::Value;

use crate::error::ApiError;
use crate::ids::RequestId;
use crate::secret::Secret;
use crate::sensitive::{CardNumber, VerificationCode};

/// How the customer is verified.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum VerifyFormat {
    Sms,
    Email,
    SecurityQuestion,
    RegularPurchaseBypass,
    MerchantOverride,
}

/// One verification attempt. A new attempt takes a new `request_id`; a retry of the same
/// one keeps it (the server then re-sends the same PIN).
#[derive(Clone, PartialEq, Eq)]
pub struct VerifyRequest {
    pub format: VerifyFormat,
    pub request_id: RequestId,
    pub security_qid: Option<u32>,
    pub security_answer: Option<Secret>,
    /// The card presented, when the account was found by it (an authorized user's).
    pub vcc_number: Option<CardNumber>,
}

impl VerifyRequest {
    /// A request of `format` with a new `request_id` and nothing else.
    pub fn new(format: VerifyFormat) -> Self {
        VerifyRequest {
            format,
            request_id: RequestId::new(),
            security_qid: None,
            security_answer: None,
            vcc_number: None,
        }
    }
}

impl std::fmt::Debug for VerifyRequest {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("VerifyRequest")
            .field("format", &self.format)
            .field("request_id", &self.request_id)
            .field("security_qid", &self.security_qid)
            .field("security_answer", &self.security_answer)
            .field("vcc_number", &self.vcc_number)
            .finish()
    }
}

impl Serialize for VerifyRequest {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        #[derive(Serialize)]
        struct Wire<'a> {
            format: VerifyFormat,
            request_id: &'a RequestId,
            #[serde(skip_serializing_if = "Option::is_none")]
            security_qid: Option<u32>,
            #[serde(skip_serializing_if = "Option::is_none")]
            security_answer: Option<&'a str>,
            #[serde(skip_serializing_if = "Option::is_none")]
            vcc_number: Option<&'a CardNumber>,
        }
        Wire {
            format: self.format,
            request_id: &self.request_id,
            security_qid: self.security_qid,
            security_answer: self.security_answer.as_ref().map(Secret::expose),
            vcc_number: self.vcc_number.as_ref(),
        }
        .serialize(serializer)
    }
}

/// What verify answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verification {
    /// A PIN went to the customer's mobile: ask them for it.
    SentToSms,
    /// A PIN went to the customer's email: ask them for it.
    SentToEmail,
    /// The PIN itself (security answer, bypass, override): used, never shown.
    Pin(VerificationCode),
}

/// `{"verification_code": ...}`: one of the two "sent" words, or a PIN as a number or a
/// digit string (kept as text, so a leading zero survives).
pub(crate) fn read_verification(body: &[u8]) -> Result<Verification, ApiError> {
    let value: Value = serde_json::from_slice(body).map_err(|_| ApiError::Malformed)?;
    match value.get("verification_code") {
        Some(Value::String(s)) if s.eq_ignore_ascii_case("verification_sent_to_sms") => {
            Ok(Verification::SentToSms)
        }
        Some(Value::String(s)) if s.eq_ignore_ascii_case("verification_sent_to_email") => {
            Ok(Verification::SentToEmail)
        }
        Some(Value::String(s)) => VerificationCode::parse(s)
            .map(Verification::Pin)
            .ok_or(ApiError::Malformed),
        Some(Value::Number(n)) => n
            .as_u64()
            .and_then(|n| VerificationCode::parse(&n.to_string()))
            .map(Verification::Pin)
            .ok_or(ApiError::Malformed),
        _ => Err(ApiError::Malformed),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn verify_answers_read_as_sent_or_a_pin() {
        let read = |json: &str| read_verification(json.as_bytes());
        assert_eq!(
            read(r#"{"verification_code":"verification_sent_to_sms"}"#),
            Ok(Verification::SentToSms)
        );
        assert_eq!(
            read(r#"{"verification_code":"verification_sent_to_email"}"#),
            Ok(Verification::SentToEmail)
        );
        let pin = |text: &str| Ok(Verification::Pin(VerificationCode::parse(text).unwrap()));
        assert_eq!(read(r#"{"verification_code":4821}"#), pin("4821"));
        assert_eq!(read(r#"{"verification_code":"0482"}"#), pin("0482"));
        for bad in [
            r#"{"verification_code":"12a"}"#,
            r#"{"verification_code":-1}"#,
            r#"{"verification_code":1.5}"#,
            "{}",
            "[]",
            r#"{"verification_code":null}"#,
        ] {
            assert_eq!(read(bad), Err(ApiError::Malformed), "{bad}");
        }
        assert!(!format!("{:?}", pin("4821")).contains("4821"));
    }

    #[test]
    fn the_request_goes_out_in_the_contract_shape_and_debug_hides_the_answer() {
        let mut request = VerifyRequest::new(VerifyFormat::SecurityQuestion);
        request.security_qid = Some(6);
        request.security_answer = Some(Secret::new("Rainbow"));
        request.vcc_number = CardNumber::parse("1234567890101213");
        let json = serde_json::to_value(&request).unwrap();
        assert_eq!(json["format"], "security_question");
        assert_eq!(json["request_id"], request.request_id.as_str());
        assert_eq!(json["security_qid"], 6);
        assert_eq!(json["security_answer"], "Rainbow");
        assert_eq!(json["vcc_number"], "1234567890101213");
        let debug = format!("{request:?}");
        assert!(
            !debug.contains("Rainbow") && !debug.contains("12345678901"),
            "{debug}"
        );
        let sms = serde_json::to_value(VerifyRequest::new(VerifyFormat::Sms)).unwrap();
        assert_eq!(sms.as_object().unwrap().len(), 2);
        assert!(sms["request_id"].is_string());
    }
}
