//! `transport::interpret` on its own (HTML pages, the error envelope, the status mapping),
//! because every endpoint's answer goes through it before its reader.

use super::*;

/// Error answers of any endpoint, for the status and envelope mapping.
fn error_samples() -> Vec<Sample> {
    vec![
        sample(
            401,
            json!({
                "error": "invalid_token",
                "message": "The access token provided has expired.",
            }),
        ),
        sample(
            403,
            json!({
                "error": "insufficient_scope",
                "message": "Insufficient scope: authorized scope is insufficient",
            }),
        ),
        sample(
            400,
            json!({
                "error": "invalid_request",
                "error_description": "The grant_type must be client_credentials or refresh_token.",
            }),
        ),
        sample(
            409,
            wrong_inputs(&[
                ("email", "invalid"),
                ("SIN", "wrong format"),
                ("phone_number", "length"),
            ]),
        ),
        sample(
            409,
            error_body(
                "idempotency_key_reused",
                "This idempotency key was used for a different request.",
            ),
        ),
        sample(422, error_body("general_error", "Something went wrong.")),
        sample(404, error_body("not_found", "Not found")),
        sample(503, json!({ "message": "Service unavailable" })),
    ]
}

/// What `interpret` must make of a status, whatever the body.
fn check_mapping(
    raw: RawAnswer<'_>,
    token_endpoint: bool,
    result: &Result<(), ApiError>,
) -> Result<(), TestCaseError> {
    let status = raw.status;
    match result {
        Ok(()) => prop_assert!(is_success(status) && !is_html(&raw)),
        Err(error) => {
            check_error(error, &raw)?;
            let code = error.code();
            prop_assert!(!matches!(code, "malformed_response" | "outcome_unknown"));
            if is_success(status) {
                prop_assert_eq!(code, "html_page");
            } else if token_endpoint && status == 400 {
                // An HTML error page is not an OAuth answer.
                prop_assert!(
                    code.starts_with("oauth_") || code == "html_page",
                    "{}",
                    code
                );
            } else {
                match status {
                    401 => prop_assert_eq!(code, "unauthorized"),
                    403 => prop_assert_eq!(code, "insufficient_scope"),
                    404 => prop_assert_eq!(code, "not_found"),
                    _ => {}
                }
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(config(CASES))]

    #[test]
    fn any_status_and_bytes_map_to_a_typed_error(
        status in status(),
        content_type in content_type(),
        body in arbitrary_bytes(),
        token_endpoint in any::<bool>(),
    ) {
        let raw = RawAnswer { status, content_type: content_type.as_deref(), body: &body };
        check_mapping(raw, token_endpoint, &fuzzing::interpret_answer(raw, token_endpoint))?;
    }

    #[test]
    fn any_status_and_json_map_to_a_typed_error(
        status in status(),
        content_type in content_type(),
        value in json_value(),
        token_endpoint in any::<bool>(),
    ) {
        let body = serde_json::to_vec(&value).unwrap();
        let raw = RawAnswer { status, content_type: content_type.as_deref(), body: &body };
        check_mapping(raw, token_endpoint, &fuzzing::interpret_answer(raw, token_endpoint))?;
    }

    /// Mutated real error bodies (members never renamed, so the applicant's `value` and
    /// the `url` stay where they were): typed, and neither is kept in the error.
    #[test]
    fn mutated_error_envelopes_map_to_a_typed_error_and_keep_no_applicant_data(
        (status, body) in mutated(error_samples(), false),
        content_type in content_type(),
        token_endpoint in any::<bool>(),
    ) {
        let raw = RawAnswer { status, content_type: content_type.as_deref(), body: &body };
        let result = fuzzing::interpret_answer(raw, token_endpoint);
        check_mapping(raw, token_endpoint, &result)?;
        if let Err(error) = &result {
            prop_assert!(!format!("{error:?} {error}").contains(SENTINEL), "{:?}", error);
        }
    }
}
