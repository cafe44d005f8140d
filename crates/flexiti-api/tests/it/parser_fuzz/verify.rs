//! `POST account/{n}/verify`, attacked on its own because its answer is either "ask the
//! customer" or the PIN itself.

use super::*;

pub(super) fn real_answers() -> Vec<Sample> {
    vec![
        sample(
            200,
            json!({ "verification_code": "verification_sent_to_sms" }),
        ),
        sample(
            200,
            json!({ "verification_code": "verification_sent_to_email" }),
        ),
        sample(200, json!({ "verification_code": 4821 })),
        sample(200, json!({ "verification_code": "0482" })),
        sample(
            400,
            error_body("sms_not_valid_phone", "No valid mobile phone on file."),
        ),
        sample(
            409,
            error_body("secret_answer_mismatch", "The answer does not match."),
        ),
        sample(409, error_body("tries_exceed", "Too many wrong answers.")),
        sample(
            409,
            wrong_inputs(&[("format", "invalid"), ("request_id", "required")]),
        ),
    ]
}

endpoint_properties!(Endpoint::Verify);
