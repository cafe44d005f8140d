//! One error type for everything the client can meet, each variant with a stable code
//! (`ApiError::code`) that the app maps to a localized sentence. Nothing here carries a
//! token, a secret or a raw server body; a business error keeps the server's short
//! `message`, which the contract allows as detail.

use serde::Deserialize;

pos_core::error_codes! {
    /// Every code an [`ApiError`] can have.
    pub enum ErrorCode {
        TransportConnect = "transport_connect",
        TransportTimeout = "transport_timeout",
        TransportReset = "transport_reset",
        TransportOther = "transport_other",
        ServerError = "server_error",
        HtmlPage = "html_page",
        UnexpectedStatus = "unexpected_status",
        Unauthorized = "unauthorized",
        InsufficientScope = "insufficient_scope",
        NotFound = "not_found",
        OauthInvalidClient = "oauth_invalid_client",
        OauthInvalidGrant = "oauth_invalid_grant",
        OauthInvalidScope = "oauth_invalid_scope",
        OauthInvalidRequest = "oauth_invalid_request",
        WrongInputs = "wrong_inputs",
        AuthenticationFailure = "authentication_failure",
        TosAgreementRequired = "tos_agreement_required",
        CustomerAlreadyExists = "customer_already_exists",
        ApplicationCreateError = "application_create_error",
        ExternalLocationIdNotFound = "external_location_id_not_found",
        AccountTypeNotPermitted = "account_type_not_permitted",
        NotVerified = "not_verified",
        InvalidRole = "invalid_role",
        GeneralError = "general_error",
        CreditappIdNotFound = "creditapp_id_not_found",
        CustomerIdentityNotFound = "customer_identity_not_found",
        IdempotencyKeyReused = "idempotency_key_reused",
        UserNotActive = "user_not_active",
        UserNotAbleToPurchase = "user_not_able_to_purchase",
        VccAccountMismatch = "vcc_account_mismatch",
        SmsNotValidPhone = "sms_not_valid_phone",
        TriesExceed = "tries_exceed",
        SecretAnswerMismatch = "secret_answer_mismatch",
        RegularPurchaseBypassIsNotAllowed = "regular_purchase_bypass_is_not_allowed",
        MerchantOverrideIsNotAllowed = "merchant_override_is_not_allowed",
        PiwMismatch = "piw_mismatch",
        VerificationCodeRequired = "verification_code_required",
        WrongVerificationCode = "wrong_verification_code",
        AuthNotAllowed = "auth_not_allowed",
        PlanTermNotSet = "plan_term_not_set",
        PlanTermNotAvailable = "plan_term_not_available",
        CreditExceeded = "credit_exceeded",
        AuthorizationEnded = "authorization_ended",
        AuthAmountExceeded = "auth_amount_exceeded",
        NotPermitted = "not_permitted",
        WrongTransactionType = "wrong_transaction_type",
        ReturnDateExceeded = "return_date_exceeded",
        CaptureAmountExceeded = "capture_amount_exceeded",
        ApplicationDeclined = "application_declined",
        ApplicationPending = "application_pending",
        BusinessError = "business_error",
        MalformedResponse = "malformed_response",
        BadAmount = "bad_amount",
        ListIncomplete = "list_incomplete",
        ResponseTooLarge = "response_too_large",
        OutcomeUnknown = "outcome_unknown",
        InvalidConfig = "invalid_config",
    }
}

/// How a request failed to get an answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TransportKind {
    /// The connection could not be made (refused, DNS, TLS): the request was not sent.
    Connect,
    /// No complete answer within the deadline.
    Timeout,
    /// The connection closed or reset before the answer was complete.
    Reset,
    /// Anything else on the way (redirect refused, protocol error).
    Other,
}

/// `error` of an OAuth answer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OAuthCode {
    InvalidRequest,
    InvalidClient,
    InvalidGrant,
    InvalidScope,
    UnsupportedGrantType,
    Other(String),
}

impl OAuthCode {
    pub fn from_wire(code: &str) -> Self {
        match code {
            "invalid_request" => OAuthCode::InvalidRequest,
            "invalid_client" => OAuthCode::InvalidClient,
            "invalid_grant" => OAuthCode::InvalidGrant,
            "invalid_scope" => OAuthCode::InvalidScope,
            "unsupported_grant_type" => OAuthCode::UnsupportedGrantType,
            other => OAuthCode::Other(truncate(other)),
        }
    }
}

/// The business codes of `reference.md` §5.3 and `purchase.md` that the implemented
/// endpoints can return.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BusinessCode {
    AuthenticationFailure,
    TosAgreementRequired,
    CustomerAlreadyExists,
    /// A third party timed out at Flexiti; the application may be sent again.
    ApplicationCreateError,
    ExternalLocationIdNotFound,
    AccountTypeNotPermitted,
    NotVerified,
    InvalidRole,
    GeneralError,
    CreditappIdNotFound,
    CustomerIdentityNotFound,
    IdempotencyKeyReused,
    UserNotActive,
    UserNotAbleToPurchase,
    VccAccountMismatch,
    SmsNotValidPhone,
    TriesExceed,
    SecretAnswerMismatch,
    RegularPurchaseBypassIsNotAllowed,
    MerchantOverrideIsNotAllowed,
    PiwMismatch,
    VerificationCodeRequired,
    WrongVerificationCode,
    AuthNotAllowed,
    PlanTermNotSet,
    PlanTermNotAvailable,
    CreditExceeded,
    AuthorizationEnded,
    AuthAmountExceeded,
    NotPermitted,
    WrongTransactionType,
    ReturnDateExceeded,
    CaptureAmountExceeded,
    /// `application_declined`, `_2`, `_3` (1, 2, 3) outside `/apply`.
    ApplicationDeclined(u8),
    /// `application_marked_pending_1`, `_2` outside `/apply`.
    ApplicationPending(u8),
    Other(String),
}

impl BusinessCode {
    pub fn from_wire(code: &str) -> Self {
        match code {
            "authentication_failure" => BusinessCode::AuthenticationFailure,
            "tos_agreement_required" => BusinessCode::TosAgreementRequired,
            "customer_already_exists" => BusinessCode::CustomerAlreadyExists,
            "application_create_error" => BusinessCode::ApplicationCreateError,
            "external_location_id_not_found" => BusinessCode::ExternalLocationIdNotFound,
            "account_type_not_permitted" => BusinessCode::AccountTypeNotPermitted,
            "not_verified" => BusinessCode::NotVerified,
            "invalid_role" => BusinessCode::InvalidRole,
            "general_error" | "generic_error" => BusinessCode::GeneralError,
            "creditapp_id_not_found" => BusinessCode::CreditappIdNotFound,
            "customer_identity_not_found" => BusinessCode::CustomerIdentityNotFound,
            "idempotency_key_reused" => BusinessCode::IdempotencyKeyReused,
            "user_not_active" => BusinessCode::UserNotActive,
            "user_not_able_to_purchase" => BusinessCode::UserNotAbleToPurchase,
            "vcc_account_mismatch" => BusinessCode::VccAccountMismatch,
            "sms_not_valid_phone" => BusinessCode::SmsNotValidPhone,
            "tries_exceed" => BusinessCode::TriesExceed,
            "secret_answer_mismatch" => BusinessCode::SecretAnswerMismatch,
            "regular_purchase_bypass_is_not_allowed" => {
                BusinessCode::RegularPurchaseBypassIsNotAllowed
            }
            "merchant_override_is_not_allowed" => BusinessCode::MerchantOverrideIsNotAllowed,
            "piw_mismatch" => BusinessCode::PiwMismatch,
            "verification_code_required" => BusinessCode::VerificationCodeRequired,
            "wrong_verification_code" => BusinessCode::WrongVerificationCode,
            "auth_not_allowed" => BusinessCode::AuthNotAllowed,
            "plan_term_not_set" => BusinessCode::PlanTermNotSet,
            "plan_term_not_available" => BusinessCode::PlanTermNotAvailable,
            "credit_exceeded" => BusinessCode::CreditExceeded,
            "authorization_ended" => BusinessCode::AuthorizationEnded,
            "auth_amount_exceeded" => BusinessCode::AuthAmountExceeded,
            "not_permitted" => BusinessCode::NotPermitted,
            "wrong_transaction_type" => BusinessCode::WrongTransactionType,
            "return_date_exceeded" => BusinessCode::ReturnDateExceeded,
            "capture_amount_exceeded" => BusinessCode::CaptureAmountExceeded,
            "application_declined" => BusinessCode::ApplicationDeclined(1),
            "application_declined_2" => BusinessCode::ApplicationDeclined(2),
            "application_declined_3" => BusinessCode::ApplicationDeclined(3),
            "application_marked_pending_1" => BusinessCode::ApplicationPending(1),
            "application_marked_pending_2" => BusinessCode::ApplicationPending(2),
            other => BusinessCode::Other(truncate(other)),
        }
    }

    /// The stable code: the wire code for known ones, except that the numbered
    /// families (`application_declined_2`, `application_marked_pending_1`...) share one
    /// code each, and every unknown code is `business_error`.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            BusinessCode::AuthenticationFailure => ErrorCode::AuthenticationFailure,
            BusinessCode::TosAgreementRequired => ErrorCode::TosAgreementRequired,
            BusinessCode::CustomerAlreadyExists => ErrorCode::CustomerAlreadyExists,
            BusinessCode::ApplicationCreateError => ErrorCode::ApplicationCreateError,
            BusinessCode::ExternalLocationIdNotFound => ErrorCode::ExternalLocationIdNotFound,
            BusinessCode::AccountTypeNotPermitted => ErrorCode::AccountTypeNotPermitted,
            BusinessCode::NotVerified => ErrorCode::NotVerified,
            BusinessCode::InvalidRole => ErrorCode::InvalidRole,
            BusinessCode::GeneralError => ErrorCode::GeneralError,
            BusinessCode::CreditappIdNotFound => ErrorCode::CreditappIdNotFound,
            BusinessCode::CustomerIdentityNotFound => ErrorCode::CustomerIdentityNotFound,
            BusinessCode::IdempotencyKeyReused => ErrorCode::IdempotencyKeyReused,
            BusinessCode::UserNotActive => ErrorCode::UserNotActive,
            BusinessCode::UserNotAbleToPurchase => ErrorCode::UserNotAbleToPurchase,
            BusinessCode::VccAccountMismatch => ErrorCode::VccAccountMismatch,
            BusinessCode::SmsNotValidPhone => ErrorCode::SmsNotValidPhone,
            BusinessCode::TriesExceed => ErrorCode::TriesExceed,
            BusinessCode::SecretAnswerMismatch => ErrorCode::SecretAnswerMismatch,
            BusinessCode::RegularPurchaseBypassIsNotAllowed => {
                ErrorCode::RegularPurchaseBypassIsNotAllowed
            }
            BusinessCode::MerchantOverrideIsNotAllowed => ErrorCode::MerchantOverrideIsNotAllowed,
            BusinessCode::PiwMismatch => ErrorCode::PiwMismatch,
            BusinessCode::VerificationCodeRequired => ErrorCode::VerificationCodeRequired,
            BusinessCode::WrongVerificationCode => ErrorCode::WrongVerificationCode,
            BusinessCode::AuthNotAllowed => ErrorCode::AuthNotAllowed,
            BusinessCode::PlanTermNotSet => ErrorCode::PlanTermNotSet,
            BusinessCode::PlanTermNotAvailable => ErrorCode::PlanTermNotAvailable,
            BusinessCode::CreditExceeded => ErrorCode::CreditExceeded,
            BusinessCode::AuthorizationEnded => ErrorCode::AuthorizationEnded,
            BusinessCode::AuthAmountExceeded => ErrorCode::AuthAmountExceeded,
            BusinessCode::NotPermitted => ErrorCode::NotPermitted,
            BusinessCode::WrongTransactionType => ErrorCode::WrongTransactionType,
            BusinessCode::ReturnDateExceeded => ErrorCode::ReturnDateExceeded,
            BusinessCode::CaptureAmountExceeded => ErrorCode::CaptureAmountExceeded,
            BusinessCode::ApplicationDeclined(_) => ErrorCode::ApplicationDeclined,
            BusinessCode::ApplicationPending(_) => ErrorCode::ApplicationPending,
            BusinessCode::Other(_) => ErrorCode::BusinessError,
        }
    }

    /// [`BusinessCode::error_code`] as text.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

/// `msg` of a field error.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FieldMsg {
    Required,
    Length,
    Invalid,
    WrongFormat,
    Other(String),
}

impl FieldMsg {
    /// The problem as the app names it; a `msg` the contract does not list is `Invalid`.
    pub fn problem(&self) -> pos_core::FieldProblem {
        match self {
            FieldMsg::Required => pos_core::FieldProblem::Required,
            FieldMsg::Length => pos_core::FieldProblem::Length,
            FieldMsg::WrongFormat => pos_core::FieldProblem::WrongFormat,
            FieldMsg::Invalid | FieldMsg::Other(_) => pos_core::FieldProblem::Invalid,
        }
    }

    pub fn from_wire(msg: &str) -> Self {
        match msg {
            "required" => FieldMsg::Required,
            "length" => FieldMsg::Length,
            "invalid" => FieldMsg::Invalid,
            "wrong format" | "wrong_format" => FieldMsg::WrongFormat,
            other => FieldMsg::Other(truncate(other)),
        }
    }
}

/// One entry of a `wrong_inputs` answer. The server's `value`, if any, is not kept: it is
/// the applicant's own data and the app already has it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldError {
    pub param: String,
    pub msg: FieldMsg,
}

/// Every failure of a call to Flexiti.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum ApiError {
    #[error("Flexiti could not be reached ({kind:?})")]
    Transport { kind: TransportKind },
    #[error("Flexiti answered with server error {status}")]
    Server { status: u16 },
    #[error("an HTML page came back instead of JSON (HTTP {status})")]
    HtmlPage { status: u16 },
    #[error("Flexiti answered an unexpected HTTP status {status}")]
    UnexpectedStatus { status: u16 },
    #[error("the access token was refused twice")]
    Unauthorized,
    #[error("the token's scope does not allow this call")]
    InsufficientScope,
    #[error("not found")]
    NotFound,
    #[error("the token request was refused ({code:?})")]
    OAuth { code: OAuthCode },
    #[error("some inputs are wrong or missing ({} fields)", field_errors.len())]
    WrongInputs { field_errors: Vec<FieldError> },
    #[error("Flexiti refused the request ({code:?})")]
    Business {
        code: BusinessCode,
        message: Option<String>,
    },
    #[error("the answer could not be understood")]
    Malformed,
    #[error("the answer is larger than the client accepts")]
    TooLarge,
    /// An amount (or rate) in an answer has more decimals than the app keeps exactly:
    /// refused, never rounded.
    #[error("an amount in the answer has more decimals than the app keeps")]
    BadAmount,
    /// A list still had full pages after the most pages the client reads: what it holds
    /// is unknown, so no "not found" may be concluded from it.
    #[error("the list has more pages than the client reads")]
    ListIncomplete,
    #[error("the request may have reached Flexiti and no answer came back")]
    OutcomeUnknown,
    #[error("invalid client configuration: {what}")]
    InvalidConfig { what: &'static str },
}

impl ApiError {
    /// A stable code, for the UI's messages and for logs.
    pub fn error_code(&self) -> ErrorCode {
        match self {
            ApiError::Transport {
                kind: TransportKind::Connect,
            } => ErrorCode::TransportConnect,
            ApiError::Transport {
                kind: TransportKind::Timeout,
            } => ErrorCode::TransportTimeout,
            ApiError::Transport {
                kind: TransportKind::Reset,
            } => ErrorCode::TransportReset,
            ApiError::Transport {
                kind: TransportKind::Other,
            } => ErrorCode::TransportOther,
            ApiError::Server { .. } => ErrorCode::ServerError,
            ApiError::HtmlPage { .. } => ErrorCode::HtmlPage,
            ApiError::UnexpectedStatus { .. } => ErrorCode::UnexpectedStatus,
            ApiError::Unauthorized => ErrorCode::Unauthorized,
            ApiError::InsufficientScope => ErrorCode::InsufficientScope,
            ApiError::NotFound => ErrorCode::NotFound,
            ApiError::OAuth {
                code: OAuthCode::InvalidClient,
            } => ErrorCode::OauthInvalidClient,
            ApiError::OAuth {
                code: OAuthCode::InvalidGrant,
            } => ErrorCode::OauthInvalidGrant,
            ApiError::OAuth {
                code: OAuthCode::InvalidScope,
            } => ErrorCode::OauthInvalidScope,
            ApiError::OAuth { .. } => ErrorCode::OauthInvalidRequest,
            ApiError::WrongInputs { .. } => ErrorCode::WrongInputs,
            ApiError::Business { code, .. } => code.error_code(),
            ApiError::Malformed => ErrorCode::MalformedResponse,
            ApiError::TooLarge => ErrorCode::ResponseTooLarge,
            ApiError::BadAmount => ErrorCode::BadAmount,
            ApiError::ListIncomplete => ErrorCode::ListIncomplete,
            ApiError::OutcomeUnknown => ErrorCode::OutcomeUnknown,
            ApiError::InvalidConfig { .. } => ErrorCode::InvalidConfig,
        }
    }

    /// [`ApiError::error_code`] as text.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }

    /// Worth another attempt of an operation that is safe to repeat.
    pub fn is_transient(&self) -> bool {
        match self {
            ApiError::Transport { .. } => true,
            ApiError::Server { status } | ApiError::HtmlPage { status } => {
                matches!(status, 500 | 502 | 503 | 504)
            }
            ApiError::UnexpectedStatus { status } => *status == 429,
            _ => false,
        }
    }
}

/// Server text is kept short: it is detail, never a page.
fn truncate(text: &str) -> String {
    text.chars().take(200).collect()
}

/// Every error body shape the API uses, read leniently.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub(crate) struct ErrorEnvelope {
    pub error: Option<serde_json::Value>,
    pub message: Option<serde_json::Value>,
    pub error_description: Option<serde_json::Value>,
    pub field_errors: Option<Vec<serde_json::Value>>,
}

impl ErrorEnvelope {
    fn error_code(&self) -> Option<&str> {
        self.error.as_ref().and_then(serde_json::Value::as_str)
    }

    /// The typed error of an error answer with this status.
    pub(crate) fn into_error(self, status: u16, token_endpoint: bool) -> ApiError {
        let code = self.error_code().unwrap_or_default().to_owned();
        if token_endpoint && status == 400 {
            return ApiError::OAuth {
                code: OAuthCode::from_wire(&code),
            };
        }
        match status {
            401 => ApiError::Unauthorized,
            403 => ApiError::InsufficientScope,
            404 => ApiError::NotFound,
            _ if code == "wrong_inputs" || code == "wrong_input" || self.field_errors.is_some() => {
                ApiError::WrongInputs {
                    field_errors: self
                        .field_errors
                        .unwrap_or_default()
                        .iter()
                        .filter_map(field_error)
                        .collect(),
                }
            }
            400 | 409 | 422 if !code.is_empty() => ApiError::Business {
                code: BusinessCode::from_wire(&code),
                message: self
                    .message
                    .as_ref()
                    .and_then(serde_json::Value::as_str)
                    .map(truncate),
            },
            500..=599 => ApiError::Server { status },
            _ => ApiError::UnexpectedStatus { status },
        }
    }
}

fn field_error(entry: &serde_json::Value) -> Option<FieldError> {
    let param = entry.get("param")?.as_str()?;
    let msg = entry
        .get("msg")
        .and_then(serde_json::Value::as_str)
        .unwrap_or("invalid");
    Some(FieldError {
        param: truncate(param),
        msg: FieldMsg::from_wire(msg),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn envelope(json: &str) -> ErrorEnvelope {
        serde_json::from_str(json).expect("envelope")
    }

    #[test]
    fn wrong_inputs_keep_params_not_values() {
        let e = envelope(
            r#"{"url":"/x","message":"Some inputs are wrong!","error":"wrong_input","field_errors":[{"param":"email","msg":"invalid","value":"johndoe@"},{"param":"SIN","msg":"wrong format"}]}"#,
        );
        let error = e.into_error(409, false);
        assert_eq!(error.code(), "wrong_inputs");
        assert!(!format!("{error:?}").contains("johndoe"));
        let ApiError::WrongInputs { field_errors } = error else {
            panic!("wrong inputs")
        };
        assert_eq!(
            field_errors[1],
            FieldError {
                param: "SIN".into(),
                msg: FieldMsg::WrongFormat
            }
        );
    }

    #[test]
    fn statuses_map_to_their_errors() {
        assert_eq!(
            envelope("{}").into_error(401, false),
            ApiError::Unauthorized
        );
        assert_eq!(
            envelope("{}").into_error(403, false),
            ApiError::InsufficientScope
        );
        assert_eq!(
            envelope(r#"{"error":"not_found"}"#).into_error(404, false),
            ApiError::NotFound
        );
        assert_eq!(
            envelope("{}").into_error(503, false),
            ApiError::Server { status: 503 }
        );
        assert_eq!(
            envelope("{}").into_error(418, false),
            ApiError::UnexpectedStatus { status: 418 }
        );
        let oauth = envelope(r#"{"error":"invalid_grant","error_description":"expired"}"#)
            .into_error(400, true);
        assert_eq!(oauth.code(), "oauth_invalid_grant");
        let business = envelope(r#"{"error":"customer_already_exists","message":"exists"}"#)
            .into_error(409, false);
        assert_eq!(business.code(), "customer_already_exists");
    }

    #[test]
    fn codes_are_stable() {
        assert_eq!(ApiError::OutcomeUnknown.code(), "outcome_unknown");
        assert_eq!(
            ApiError::Transport {
                kind: TransportKind::Timeout
            }
            .code(),
            "transport_timeout"
        );
        assert!(ApiError::Server { status: 503 }.is_transient());
        assert!(!ApiError::Malformed.is_transient());
    }
}
