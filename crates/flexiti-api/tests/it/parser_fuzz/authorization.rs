//! `POST authorization` and `GET authorization/{id}`, attacked on their own because the
//! first is the charge (an answer it cannot read must end as "outcome unknown") and the
//! second decides what "check again" concludes after a release, return or refund.

use super::*;

/// `purchase.md`'s example answer, and a regular purchase's with strings.
pub(super) fn authorizations() -> Vec<Value> {
    vec![
        json!({
            "authorization_id": 12343, "reference": "9f1c0000000000000000000000000000",
            "account_number": 116_994_755, "status": "closed", "amount": 1000.12,
            "captured_amount": 1000.12, "released_amount": 0,
            "remaining_authorization_amount": 0, "creation_date": "2026-01-01T12:00:00Z",
            "external_location_id": "00-12345", "external_employee_id": "merchantonline",
            "financing_option": { "transaction_type": "promotional_purchase", "plan_id": 4,
                "plan_name": "Equal Payments, Regular Interest", "term": 12, "term_amount": 87.92,
                "annual_rates": [ { "description": "Annual Interest Rate", "rate": 0.0999,
                  "type": "air", "message": "…" } ], "fees": [] },
            "captures": [ { "capture_id": 346_123, "reference": "9f1c0000000000000000000000000000",
                "amount": 1000.12, "date": "2026-01-01T12:00:00Z",
                "remaining_capture_amount": 1000.12 } ]
        }),
        json!({
            "authorization_id": "12344", "reference": "ab", "account_number": "116994755",
            "status": "opened", "amount": "50.00", "captured_amount": "0.00",
            "released_amount": "0", "remaining_authorization_amount": "50.00",
            "financing_option": { "transaction_type": "regular_purchase", "term_amount": "50.00",
                "annual_rates": [ { "type": "air", "rate": "0.3099" } ], "fees": [] },
            "captures": []
        }),
    ]
}

pub(super) fn post_answers() -> Vec<Sample> {
    let mut answers: Vec<Sample> = authorizations()
        .into_iter()
        .map(|a| sample(200, a))
        .collect();
    answers.extend([
        sample(404, error_body("not_found", "Customer account not found.")),
        sample(
            409,
            error_body("wrong_verification_code", "The verification code is wrong."),
        ),
        sample(
            409,
            error_body("credit_exceeded", "Not enough available credit."),
        ),
        sample(
            409,
            error_body(
                "idempotency_key_reused",
                "The key was used for another request.",
            ),
        ),
        sample(
            409,
            wrong_inputs(&[("financing_option.term", "required"), ("amount", "invalid")]),
        ),
    ]);
    answers
}

pub(super) fn get_answers() -> Vec<Sample> {
    let mut answers: Vec<Sample> = authorizations()
        .into_iter()
        .map(|a| sample(200, a))
        .collect();
    answers.push(sample(
        404,
        error_body("not_found", "Authorization not found."),
    ));
    answers
}

mod post {
    use super::*;
    endpoint_properties!(Endpoint::Authorization);
}

mod get {
    use super::*;
    endpoint_properties!(Endpoint::AuthorizationGet);
}
