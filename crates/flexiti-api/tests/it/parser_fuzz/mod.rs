//! Fuzz-style property tests of every reader the client runs on a Flexiti answer: the
//! token, merchant login (`form_values` in its three option-list shapes), i18n (whole and
//! by key), terms, licence decoding, apply (approved, pending, declined), the purchase
//! flow (customers search and lookup, the quote, verify, authorization POST and GET,
//! capture, release, return, refund, the authorizations and captures lists in every
//! envelope) and the error envelope with its status mapping. A server, a proxy or a broken network can hand back
//! anything; whatever it is, the client must not panic and must answer with a typed
//! [`ApiError`] whose `code()` the app knows.
//!
//! cargo-fuzz needs a nightly toolchain, so this is proptest on stable, through the hidden
//! `flexiti_api::fuzzing` entry points (the very functions the client calls). Inputs:
//! arbitrary bytes, arbitrary JSON values keyed by the real field names, and structure-
//! aware mutations of real answers (the emulator's seed and handler shapes). Each property
//! runs a fixed number of cases; `FUZZ_CASES=<n>` runs `n` per property instead.
//!
//! Each reader's real answers and properties are in its own file. This one holds what
//! they share: the budget, what the client may answer, the generators, and the two tests
//! that run every reader.

use flexiti_api::fuzzing::{self, RawAnswer};
use flexiti_api::{ApiError, BusinessCode, Decision, FieldMsg, I18n, OAuthCode, OptionLists};
use proptest::prelude::*;
use proptest::sample::select;
use serde_json::{json, Map, Value};

mod after_sale;
mod apply;
mod authorization;
mod customers;
mod i18n;
mod interpret;
mod licence;
mod lists;
mod merchant_login;
mod mutation;
mod quote;
mod terms;
mod token;
mod verify;

use mutation::mutated;

// ---------------------------------------------------------------------------------------
// Budget
// ---------------------------------------------------------------------------------------

/// Cases per property: `default`, or `FUZZ_CASES` when set.
fn cases(default: u32) -> u32 {
    std::env::var("FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(default)
}

fn config(default: u32) -> ProptestConfig {
    ProptestConfig {
        cases: cases(default),
        // A failure prints its minimal input, to be kept as a named regression test rather
        // than as a file next to the sources.
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

const CASES: u32 = 2_000;

// ---------------------------------------------------------------------------------------
// What the client may answer
// ---------------------------------------------------------------------------------------

/// Every code a parsed answer may end in. Transport, size and configuration codes are
/// not here: no body can cause them.
const KNOWN_CODES: &[&str] = &[
    "server_error",
    "html_page",
    "unexpected_status",
    "unauthorized",
    "insufficient_scope",
    "not_found",
    "oauth_invalid_client",
    "oauth_invalid_grant",
    "oauth_invalid_scope",
    "oauth_invalid_request",
    "wrong_inputs",
    "malformed_response",
    "outcome_unknown",
    "authentication_failure",
    "tos_agreement_required",
    "customer_already_exists",
    "application_create_error",
    "external_location_id_not_found",
    "account_type_not_permitted",
    "not_verified",
    "invalid_role",
    "general_error",
    "creditapp_id_not_found",
    "customer_identity_not_found",
    "idempotency_key_reused",
    "application_declined",
    "application_pending",
    "business_error",
    "bad_amount",
    "user_not_active",
    "user_not_able_to_purchase",
    "vcc_account_mismatch",
    "sms_not_valid_phone",
    "tries_exceed",
    "secret_answer_mismatch",
    "regular_purchase_bypass_is_not_allowed",
    "merchant_override_is_not_allowed",
    "piw_mismatch",
    "verification_code_required",
    "wrong_verification_code",
    "auth_not_allowed",
    "plan_term_not_set",
    "plan_term_not_available",
    "credit_exceeded",
    "authorization_ended",
    "auth_amount_exceeded",
    "not_permitted",
    "wrong_transaction_type",
    "return_date_exceeded",
    "capture_amount_exceeded",
];

/// The longest server text an error keeps.
const MAX_KEPT_CHARS: usize = 200;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Endpoint {
    Token,
    Login,
    I18n,
    I18nKey,
    Terms,
    Licence,
    Apply,
    Search,
    Lookup,
    Quote,
    Verify,
    Authorization,
    AuthorizationGet,
    Capture,
    Release,
    Return,
    Refund,
    Authorizations,
    Captures,
}

impl Endpoint {
    const ALL: [Endpoint; 19] = [
        Endpoint::Token,
        Endpoint::Login,
        Endpoint::I18n,
        Endpoint::I18nKey,
        Endpoint::Terms,
        Endpoint::Licence,
        Endpoint::Apply,
        Endpoint::Search,
        Endpoint::Lookup,
        Endpoint::Quote,
        Endpoint::Verify,
        Endpoint::Authorization,
        Endpoint::AuthorizationGet,
        Endpoint::Capture,
        Endpoint::Release,
        Endpoint::Return,
        Endpoint::Refund,
        Endpoint::Authorizations,
        Endpoint::Captures,
    ];

    /// A money-moving call: whatever may have been acted on ends as "outcome unknown".
    fn moves_money(self) -> bool {
        matches!(
            self,
            Endpoint::Apply
                | Endpoint::Authorization
                | Endpoint::Capture
                | Endpoint::Release
                | Endpoint::Return
                | Endpoint::Refund
        )
    }

    /// Runs the endpoint's reader and, on success, every accessor the app then uses.
    fn run(self, raw: RawAnswer<'_>) -> Result<Option<Decision>, ApiError> {
        match self {
            Endpoint::Token => fuzzing::token(raw).map(|()| None),
            Endpoint::Login => fuzzing::merchant_login(raw).map(|login| {
                exercise_lists(&login.form_values);
                None
            }),
            Endpoint::I18n | Endpoint::I18nKey => fuzzing::i18n(raw).map(|i18n| {
                exercise_i18n(&i18n);
                None
            }),
            Endpoint::Terms => fuzzing::terms(raw).map(|_| None),
            Endpoint::Licence => fuzzing::licence(raw).map(|_| None),
            Endpoint::Apply => fuzzing::apply(raw).map(Some),
            Endpoint::Search => fuzzing::customers_search(raw).map(|rows| {
                for row in &rows {
                    let _ = (row.purchasable(), format!("{row:?}"));
                }
                None
            }),
            Endpoint::Lookup => fuzzing::customers_lookup(raw).map(|account| {
                let _ = (account.offer(4), account.account_number.last4());
                None
            }),
            Endpoint::Quote => fuzzing::calculate_interest(raw).map(|quote| {
                for plan in &quote.promotional_purchase {
                    for term in &plan.terms {
                        assert!(quote.term(plan.plan_id, term.term).is_some());
                    }
                }
                None
            }),
            Endpoint::Verify => fuzzing::verify(raw).map(|_| None),
            Endpoint::Authorization => fuzzing::authorization(raw).map(|a| {
                assert!(!a.authorization_id.trim().is_empty());
                None
            }),
            Endpoint::AuthorizationGet => fuzzing::authorization_get(raw).map(|_| None),
            Endpoint::Capture => fuzzing::capture(raw).map(|_| None),
            Endpoint::Release => fuzzing::release(raw).map(|_| None),
            Endpoint::Return => fuzzing::return_capture(raw).map(|_| None),
            Endpoint::Refund => fuzzing::refund(raw).map(|()| None),
            Endpoint::Authorizations => fuzzing::authorizations_page(raw).map(|page| {
                let mut items = page.items;
                items.sort_by(flexiti_api::earliest_first);
                None
            }),
            Endpoint::Captures => fuzzing::captures_page(raw).map(|_| None),
        }
    }

    /// Whether a non-success status may still read as a success: a search's 404 is
    /// "no match".
    fn accepts(self, status: u16) -> bool {
        is_success(status) || (self == Endpoint::Search && status == 404)
    }

    /// The codes a success status can still end in.
    fn success_codes(self) -> &'static [&'static str] {
        match self {
            // An approval (a charge) that cannot be read may still be one.
            _ if self.moves_money() => &["outcome_unknown"],
            // A lookup's `[]` is "not found".
            Endpoint::Lookup => &["malformed_response", "html_page", "bad_amount", "not_found"],
            _ => &["malformed_response", "html_page", "bad_amount"],
        }
    }
}

fn exercise_lists(lists: &OptionLists) {
    use flexiti_api::OptionList;
    for (key, list) in &lists.0 {
        assert!(lists.get(key).is_some());
        match list {
            OptionList::Flat(options) => {
                for (code, _) in options {
                    assert!(list.label(None, code).is_some());
                }
            }
            OptionList::Depends(parents) => {
                assert!(list.options(None).is_none());
                for (parent, options) in parents {
                    assert!(list.options(Some(parent)).is_some());
                    for (code, _) in options {
                        assert!(list.label(Some(parent), code).is_some());
                    }
                }
            }
        }
    }
}

fn exercise_i18n(i18n: &I18n) {
    let keys: Vec<String> = i18n.keys().map(str::to_owned).collect();
    for key in &keys {
        assert!(i18n.raw(key).is_some());
        let _ = i18n.text(key);
        if let Some(list) = i18n.options(key) {
            let _ = list.options(None);
            let _ = list.label(None, key);
        }
    }
}

fn is_success(status: u16) -> bool {
    (200..=299).contains(&status)
}

fn is_html(raw: &RawAnswer<'_>) -> bool {
    raw.content_type
        .is_some_and(|ct| ct.to_ascii_lowercase().contains("html"))
        || raw.body.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'<')
}

fn kept(text: &str) -> bool {
    text.chars().count() <= MAX_KEPT_CHARS
}

/// What every error must be, whichever endpoint and answer it came from.
fn check_error(error: &ApiError, raw: &RawAnswer<'_>) -> Result<(), TestCaseError> {
    let status = raw.status;
    prop_assert!(
        KNOWN_CODES.contains(&error.code()),
        "unknown code {} for {:?}",
        error.code(),
        error
    );
    let _ = error.to_string();
    match error {
        ApiError::Server { status: s } => {
            prop_assert!(*s == status && (500..=599).contains(s), "{:?}", error)
        }
        ApiError::HtmlPage { status: s } => prop_assert!(*s == status && is_html(raw)),
        ApiError::UnexpectedStatus { status: s } => {
            prop_assert!(*s == status && !is_success(*s), "{:?}", error)
        }
        ApiError::Unauthorized => prop_assert_eq!(status, 401),
        ApiError::InsufficientScope => prop_assert_eq!(status, 403),
        // A lookup's `[]` is not found too (its success codes say so).
        ApiError::NotFound => prop_assert!(status == 404 || is_success(status)),
        ApiError::OAuth { code } => {
            prop_assert_eq!(status, 400);
            if let OAuthCode::Other(text) = code {
                prop_assert!(kept(text));
            }
        }
        ApiError::Business { code, message } => {
            prop_assert!(matches!(status, 400 | 409 | 422), "{:?}", error);
            prop_assert!(message.as_deref().is_none_or(kept));
            if let BusinessCode::Other(text) = code {
                prop_assert!(kept(text));
            }
        }
        ApiError::WrongInputs { field_errors } => {
            prop_assert!(!is_success(status));
            for field in field_errors {
                prop_assert!(kept(&field.param));
                if let FieldMsg::Other(text) = &field.msg {
                    prop_assert!(kept(text));
                }
            }
        }
        ApiError::Malformed | ApiError::OutcomeUnknown | ApiError::BadAmount => {}
        ApiError::ListIncomplete => prop_assert!(false, "no one answer is an incomplete list"),
        ApiError::Transport { .. } | ApiError::TooLarge | ApiError::InvalidConfig { .. } => {}
    }
    Ok(())
}

/// Runs `endpoint` on `raw` and checks the outcome against what the client promises.
fn check(endpoint: Endpoint, raw: RawAnswer<'_>) -> Result<(), TestCaseError> {
    check_result(endpoint, raw, &endpoint.run(raw))
}

fn check_result(
    endpoint: Endpoint,
    raw: RawAnswer<'_>,
    result: &Result<Option<Decision>, ApiError>,
) -> Result<(), TestCaseError> {
    let success = is_success(raw.status);
    match result {
        Ok(None | Some(Decision::Approved(_))) => {
            prop_assert!(
                endpoint.accepts(raw.status),
                "accepted a {} answer",
                raw.status
            )
        }
        Ok(Some(Decision::Pending { variant })) => {
            prop_assert!(matches!(raw.status, 400 | 409 | 422) && (1..=2).contains(variant))
        }
        Ok(Some(Decision::Declined { variant })) => {
            prop_assert!(matches!(raw.status, 400 | 409 | 422) && (1..=3).contains(variant))
        }
        Err(error) => {
            check_error(error, &raw)?;
            let code = error.code();
            if success {
                prop_assert!(
                    endpoint.success_codes().contains(&code),
                    "{:?} answered {} to a {} answer",
                    endpoint,
                    code,
                    raw.status
                );
                // Not JSON and not HTML: plainly malformed (or, for apply, unknown).
                let json = serde_json::from_slice::<serde::de::IgnoredAny>(raw.body).is_ok();
                if !json && !is_html(&raw) {
                    prop_assert_eq!(code, endpoint.success_codes()[0]);
                }
            } else if endpoint.moves_money() {
                // Everything that may have reached Flexiti is "outcome unknown".
                prop_assert!(!matches!(code, "malformed_response" | "server_error"));
            } else {
                prop_assert!(!matches!(code, "malformed_response" | "outcome_unknown"));
            }
        }
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------
// Real answers (the emulator's seed and handler shapes, the contract's examples): each
// reader's own are in its file
// ---------------------------------------------------------------------------------------

const I18N_EN: &str = include_str!("../../../../flexiti-sandbox/data/i18n/en.json");
const I18N_FR: &str = include_str!("../../../../flexiti-sandbox/data/i18n/fr.json");

/// Applicant data in an error body that the client must never keep.
const SENTINEL: &str = "SENTINEL-4111111111111111";

/// One answer to start mutating from.
#[derive(Debug, Clone)]
struct Sample {
    status: u16,
    body: Value,
}

fn sample(status: u16, body: Value) -> Sample {
    Sample { status, body }
}

fn i18n(text: &str) -> Map<String, Value> {
    match serde_json::from_str(text).expect("seed i18n") {
        Value::Object(map) => map,
        _ => panic!("seed i18n is an object"),
    }
}

fn error_body(error: &str, message: &str) -> Value {
    json!({ "url": "/flexiti/pos-api/v2.5/client-id/x/apply", "message": message, "error": error })
}

fn wrong_inputs(fields: &[(&str, &str)]) -> Value {
    json!({
        "url": format!("/flexiti/pos-api/v2.5/{SENTINEL}"),
        "message": "Some inputs are wrong or missing!",
        "error": "wrong_inputs",
        "field_errors": fields
            .iter()
            .map(|(param, msg)| json!({ "param": param, "msg": msg, "value": SENTINEL }))
            .collect::<Vec<_>>(),
    })
}

/// The real answers of `endpoint`, from its file.
fn samples(endpoint: Endpoint) -> Vec<Sample> {
    match endpoint {
        Endpoint::Token => token::real_answers(),
        Endpoint::Login => merchant_login::real_answers(),
        Endpoint::I18n => i18n::whole_answers(),
        Endpoint::I18nKey => i18n::by_key_answers(),
        Endpoint::Terms => terms::real_answers(),
        Endpoint::Licence => licence::real_answers(),
        Endpoint::Apply => apply::real_answers(),
        Endpoint::Search => customers::search_answers(),
        Endpoint::Lookup => customers::lookup_answers(),
        Endpoint::Quote => quote::real_answers(),
        Endpoint::Verify => verify::real_answers(),
        Endpoint::Authorization => authorization::post_answers(),
        Endpoint::AuthorizationGet => authorization::get_answers(),
        Endpoint::Capture => after_sale::capture_answers(),
        Endpoint::Release => after_sale::release_answers(),
        Endpoint::Return => after_sale::return_answers(),
        Endpoint::Refund => after_sale::refund_answers(),
        Endpoint::Authorizations => lists::authorizations_answers(),
        Endpoint::Captures => lists::captures_answers(),
    }
}

#[test]
fn unmutated_samples_read_as_the_client_expects() {
    for endpoint in Endpoint::ALL {
        for Sample { status, body } in samples(endpoint) {
            let bytes = serde_json::to_vec(&body).unwrap();
            let raw = RawAnswer {
                status,
                content_type: Some("application/json"),
                body: &bytes,
            };
            let result = endpoint.run(raw);
            match (status, &result) {
                (200, Ok(Some(Decision::Approved(_)) | None)) => {}
                (404, Ok(None)) if endpoint == Endpoint::Search => {}
                (409, Ok(Some(Decision::Pending { .. } | Decision::Declined { .. }))) => {}
                (400 | 404 | 409, Err(e)) => {
                    assert!(!matches!(
                        e.code(),
                        "malformed_response" | "outcome_unknown"
                    ))
                }
                _ => panic!("{endpoint:?} {status}: {result:?}"),
            }
            check(endpoint, raw).unwrap();
        }
    }
    let login = fuzzing::merchant_login(RawAnswer::ok_json(
        &serde_json::to_vec(&samples(Endpoint::Login)[0].body).unwrap(),
    ))
    .unwrap();
    // The three shapes all arrived.
    for key in ["salutation", "govid_issuedby", "housing_type"] {
        assert!(login.form_values.get(key).is_some(), "{key}");
    }
}

// ---------------------------------------------------------------------------------------
// Generators
// ---------------------------------------------------------------------------------------

/// Every member name of every answer, and some codes used as option-list keys.
#[rustfmt::skip]
const FIELD_NAMES: &[&str] = &[
    "token_type", "access_token", "expires_in", "refresh_token", "scope", "merchant_name",
    "merchant_id", "form_values", "options", "option_depends", "salutation", "province",
    "security_qid", "govid_type", "govid_issuedby", "occupation", "housing_type",
    "transaction_type", "plan_id", "offer_types", "salutations", "provinces", "security_ids",
    "govid_types", "govid_issued_bys", "occupation_ids", "transaction_types", "plan_ids",
    "qcpa_disclosure", "insurance", "insurance_tc", "annual_fees", "version", "lang",
    "province_group", "text", "first_name", "middle_name", "last_name", "dob", "address_1",
    "city", "postal_code", "govid_number", "govid_expiry", "creditapp_id", "status",
    "account_number", "customer_id", "credit_limit", "available_credit", "risk_rating",
    "category_type", "account_type", "card_ending_in", "url", "error", "message",
    "error_description", "field_errors", "param", "msg", "value", "CADL", "CAP", "ON", "QC",
    "mr", "FE", "Rent", "account_status", "account_status_reason_code", "tos_agreement",
    "originating_merchant_id", "preferred_language", "creation_date", "address_2",
    "payment_protection", "offer_category", "term_options", "id", "amount", "air", "verify",
    "fees", "description", "type", "regular_purchase", "promotional_purchase", "plan_name",
    "terms", "term", "term_amount", "annual_rates", "rate", "customer", "verification_code",
    "authorization_id", "reference", "captured_amount", "released_amount",
    "remaining_authorization_amount", "financing_option", "captures", "capture_id", "date",
    "remaining_capture_amount", "return_id", "authorizations", "items", "data", "page_number",
    "page_size", "total", "external_location_id", "external_employee_id",
];

/// Strings the readers compare against, and a few awkward ones.
#[rustfmt::skip]
const WIRE_STRINGS: &[&str] = &[
    "application_declined", "application_declined_2", "application_declined_3",
    "application_declined_4", "application_marked_pending_1", "application_marked_pending_2",
    "wrong_inputs", "wrong_input", "invalid_grant", "invalid_client", "invalid_scope",
    "invalid_request", "unsupported_grant_type", "customer_already_exists",
    "authentication_failure", "general_error", "generic_error", "idempotency_key_reused",
    "not_found", "invalid_token", "required", "length", "invalid", "wrong format",
    "wrong_format", "approved", "bearer", "merchant", "1000.00", "659.51", "-5", "1e5", " 42 ",
    "0", "", "-", ".", "1.", ".5", "1.234", "999999999999999.99", "2024-01", "QC", "ROC",
    "<html>", "5941", "\u{202e}evil", "\u{0}", "１２３", "NaN", "inf",
    "verification_sent_to_sms", "verification_sent_to_email", "0482", "1000.005", "0.09999",
    "0.0999", "opened", "closed", "regular_purchase", "promotional_purchase", "admin_total",
    "air", "N", "user_not_active", "user_not_able_to_purchase", "credit_exceeded",
    "wrong_verification_code", "sms_not_valid_phone", "capture_amount_exceeded",
    "2026-01-01T12:00:00Z", "116994755",
];

fn json_string() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => select(WIRE_STRINGS).prop_map(str::to_owned),
        2 => select(FIELD_NAMES).prop_map(str::to_owned),
        3 => "\\PC{0,24}",
        2 => prop::collection::vec(any::<char>(), 0..24).prop_map(String::from_iter),
        1 => (any::<char>(), 200usize..3_000).prop_map(|(c, n)| c.to_string().repeat(n)),
    ]
}

fn json_number() -> impl Strategy<Value = Value> {
    prop_oneof![
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from), // non-finite becomes null
        select(vec![0i64, 1, -1, 2, 3, 1200, i64::MIN, i64::MAX]).prop_map(Value::from),
        select(vec![
            1e308,
            -1e308,
            5e-324,
            0.1,
            0.005,
            1e15,
            999_999_999_999_999.9,
            -0.0
        ])
        .prop_map(Value::from),
        Just(Value::from(u64::MAX)),
    ]
}

fn json_key() -> impl Strategy<Value = String> {
    prop_oneof![
        5 => select(FIELD_NAMES).prop_map(str::to_owned),
        1 => "\\PC{0,8}",
    ]
}

/// Any JSON value, its objects keyed mostly by real member names.
fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::Bool),
        3 => json_number(),
        4 => json_string().prop_map(Value::String),
    ];
    leaf.prop_recursive(6, 48, 6, |inner| {
        prop_oneof![
            1 => prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            2 => prop::collection::vec((json_key(), inner), 0..6)
                .prop_map(|entries| Value::Object(entries.into_iter().collect())),
        ]
    })
}

/// Raw JSON text no `Value` can hold, and text that is not JSON at all.
#[rustfmt::skip]
const RAW_TOKENS: &[&str] = &[
    "1e400", "-1e400", "1e-400", "123456789012345678901234567890",
    "-123456789012345678901234567890", "18446744073709551616", "-9223372036854775809", "-0",
    "0.1e1", "1E+2", "01", "1.", ".5", "+1", "NaN", "Infinity", "-Infinity", "tru", "nul",
    "\"\\ud800\"", "\"\\udc00\\ud800\"", "\"\\u0000\"", "\"\\uZZZZ\"", "\"\t\"",
    "\"unterminated", "[", "{", "]", "}", "", "[1,]", "{\"a\":1,}", "{\"a\"}", "{1:2}",
    "\"\u{feff}\"", "'single'", "[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[",
];

/// Bytes that make up JSON, for byte-level noise that still looks like JSON.
fn json_ish_bytes() -> impl Strategy<Value = Vec<u8>> {
    let piece = prop_oneof![
        4 => select(vec![
            "{", "}", "[", "]", ":", ",", " ", "\"", "null", "true", "-1", "1200", "0.5", "\"x\"",
        ])
        .prop_map(str::to_owned),
        3 => select(FIELD_NAMES).prop_map(|n| format!("\"{n}\"")),
        2 => select(WIRE_STRINGS).prop_map(|s| format!("{s:?}")),
        1 => select(RAW_TOKENS).prop_map(str::to_owned),
    ];
    prop::collection::vec(piece, 0..48).prop_map(|pieces| pieces.concat().into_bytes())
}

fn arbitrary_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        2 => prop::collection::vec(any::<u8>(), 0..256),
        3 => json_ish_bytes(),
        1 => prop::collection::vec(any::<char>(), 0..64).prop_map(|c| String::from_iter(c).into_bytes()),
    ]
}

fn status() -> impl Strategy<Value = u16> {
    prop_oneof![
        8 => Just(200u16),
        1 => select(vec![201u16, 202, 204, 299]),
        4 => select(vec![400u16, 401, 403, 404, 409, 422, 429, 500, 502, 503, 504]),
        1 => select(vec![100u16, 101, 301, 302, 304, 307]),
        2 => 100u16..=999,
    ]
}

fn content_type() -> impl Strategy<Value = Option<String>> {
    prop_oneof![
        8 => Just(Some("application/json".to_owned())),
        1 => Just(Some("application/json; charset=utf-8".to_owned())),
        1 => Just(None),
        1 => select(vec!["text/html; charset=utf-8", "TEXT/HTML", "text/plain", ""]).prop_map(|s| Some(s.to_owned())),
        1 => "\\PC{0,20}".prop_map(Some),
    ]
}

// ---------------------------------------------------------------------------------------
// Properties of one reader: arbitrary bytes, arbitrary JSON, mutated real answers
// ---------------------------------------------------------------------------------------

/// The three properties of `$endpoint`'s reader, as tests of the module it is used in.
macro_rules! endpoint_properties {
    ($endpoint:expr) => {
        proptest! {
            #![proptest_config(config(CASES))]

            #[test]
            fn arbitrary_bytes_are_typed(
                status in status(),
                content_type in content_type(),
                body in arbitrary_bytes(),
            ) {
                let content_type = content_type.as_deref();
                check($endpoint, RawAnswer { status, content_type, body: &body })?;
            }

            #[test]
            fn arbitrary_json_is_typed(
                status in status(),
                content_type in content_type(),
                value in json_value(),
            ) {
                let body = serde_json::to_vec(&value).unwrap();
                let content_type = content_type.as_deref();
                check($endpoint, RawAnswer { status, content_type, body: &body })?;
            }

            #[test]
            fn mutated_real_answers_are_typed(
                (status, body) in mutated(samples($endpoint), true),
                content_type in content_type(),
            ) {
                let content_type = content_type.as_deref();
                check($endpoint, RawAnswer { status, content_type, body: &body })?;
            }
        }
    };
}

// By path too, so that the reader files declared above the macro can call it.
use endpoint_properties;

// ---------------------------------------------------------------------------------------
// Nesting far past any parser's stack
// ---------------------------------------------------------------------------------------

#[test]
fn deeply_nested_json_is_a_typed_error_not_a_stack_overflow() {
    const DEPTH: usize = 100_000;
    let open = "[".repeat(DEPTH);
    let bodies = [
        open.clone(),
        format!("{open}{}", "]".repeat(DEPTH)),
        "{\"a\":".repeat(DEPTH),
        format!("{{\"merchant_name\":\"A\",\"merchant_id\":1,\"form_values\":{{\"salutation\":{{\"options\":{open}"),
        format!("{{\"form_values\":{}", "{\"option_depends\":".repeat(DEPTH)),
        format!("{{\"provinces\":{open}"),
        format!("{{\"access_token\":\"x\",\"expires_in\":{open}"),
        format!("{{\"creditapp_id\":1,\"credit_limit\":{open}"),
        format!("{{\"error\":\"wrong_inputs\",\"field_errors\":{open}"),
        format!("{{\"error\":{open}"),
    ];
    for endpoint in Endpoint::ALL {
        for body in &bodies {
            for status in [200, 400, 409] {
                let raw = RawAnswer {
                    status,
                    content_type: Some("application/json"),
                    body: body.as_bytes(),
                };
                let result = endpoint.run(raw);
                let error = result.as_ref().expect_err("too deep to be an answer");
                if status == 200 {
                    assert_eq!(error.code(), endpoint.success_codes()[0], "{endpoint:?}");
                }
                check_result(endpoint, raw, &result).unwrap();
            }
        }
    }
}
