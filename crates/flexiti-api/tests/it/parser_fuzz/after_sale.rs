//! Capture, release, return and refund, attacked on their own because each moves money:
//! an answer they cannot read must end as "outcome unknown", never as a plain failure.

use super::*;

fn refusals(codes: &[&str]) -> Vec<Sample> {
    let mut answers = vec![sample(
        404,
        error_body("not_found", "Authorization not found."),
    )];
    answers.extend(
        codes
            .iter()
            .map(|code| sample(409, error_body(code, "Refused."))),
    );
    answers.push(sample(409, wrong_inputs(&[("amount", "invalid")])));
    answers
}

pub(super) fn capture_answers() -> Vec<Sample> {
    let mut answers = vec![
        sample(
            200,
            json!({ "capture_id": 346_123, "authorization_id": 12343,
            "reference": "9f1c-1", "amount": 200, "date": "2026-01-01T12:00:00Z",
            "remaining_authorization_amount": 300 }),
        ),
        sample(
            200,
            json!({ "capture_id": "346124", "authorization_id": "12343",
            "reference": "9f1c-2", "amount": "300.00", "date": "2026-01-01T12:00:00Z",
            "remaining_authorization_amount": "0.00" }),
        ),
    ];
    answers.extend(refusals(&[
        "not_permitted",
        "authorization_ended",
        "auth_amount_exceeded",
    ]));
    answers
}

pub(super) fn release_answers() -> Vec<Sample> {
    let mut answers = vec![
        sample(
            200,
            json!({ "authorization_id": 12343, "released_amount": 300,
            "remaining_authorization_amount": 0, "status": "closed" }),
        ),
        sample(
            200,
            json!({ "authorization_id": "12343", "released_amount": "100.50",
            "remaining_authorization_amount": "199.50", "status": "opened" }),
        ),
    ];
    answers.extend(refusals(&[
        "external_location_id_not_found",
        "authorization_ended",
    ]));
    answers
}

pub(super) fn return_answers() -> Vec<Sample> {
    let mut answers = vec![sample(
        200,
        json!({ "return_id": 1_000_000_000_001_u64, "reference": "9f1c-3", "capture_id": 346_123,
            "date": "2026-01-02T12:00:00Z", "amount": 100, "remaining_capture_amount": 900,
            "remaining_authorization_amount": 0 }),
    )];
    answers.extend(refusals(&[
        "wrong_transaction_type",
        "return_date_exceeded",
        "capture_amount_exceeded",
    ]));
    answers
}

pub(super) fn refund_answers() -> Vec<Sample> {
    let mut answers = vec![sample(200, json!({}))];
    answers.extend(refusals(&[
        "wrong_transaction_type",
        "capture_amount_exceeded",
    ]));
    answers
}

mod capture {
    use super::*;
    endpoint_properties!(Endpoint::Capture);
}

mod release {
    use super::*;
    endpoint_properties!(Endpoint::Release);
}

mod return_ {
    use super::*;
    endpoint_properties!(Endpoint::Return);
}

mod refund {
    use super::*;
    endpoint_properties!(Endpoint::Refund);
}
