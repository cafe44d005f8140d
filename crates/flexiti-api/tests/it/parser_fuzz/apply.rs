//! `POST apply` read by `decide` and `settle_submission`, attacked on its own because an
//! answer they cannot read must end as "outcome unknown", never as a malformed or server
//! error: the application may have been acted on.

use super::*;

/// Approvals in the emulator's and the contract's shapes, every pending and declined
/// variant, and refusals.
pub(super) fn real_answers() -> Vec<Sample> {
    let pending = "The application has been received and is pending review.";
    let declined = "The application could not be approved.";
    vec![
        sample(
            200,
            json!({
                "creditapp_id": 1_000_001,
                "status": "approved",
                "account_number": 20_000_001,
                "customer_id": "800001",
                "credit_limit": 8000.0,
                "available_credit": 8000.0,
                "risk_rating": "L",
                "category_type": "preferred",
                "account_type": "consumer",
                "card_ending_in": "0042",
            }),
        ),
        sample(
            200,
            json!({
                "creditapp_id": "1234567",
                "status": "approved",
                "account_number": "116994755",
                "customer_id": 829825,
                "credit_limit": "5000.00",
                "available_credit": 5000,
                "card_ending_in": 5941,
                "vcc_number": "ignored",
            }),
        ),
        sample(409, error_body("application_marked_pending_1", pending)),
        sample(409, error_body("application_marked_pending_2", pending)),
        sample(409, error_body("application_declined", declined)),
        sample(409, error_body("application_declined_2", declined)),
        sample(409, error_body("application_declined_3", declined)),
        sample(
            409,
            error_body(
                "customer_already_exists",
                "This customer already has a Flexiti account.",
            ),
        ),
        sample(
            409,
            wrong_inputs(&[
                ("dob", "invalid"),
                ("sin", "wrong format"),
                ("email", "required"),
            ]),
        ),
    ]
}

endpoint_properties!(Endpoint::Apply);
