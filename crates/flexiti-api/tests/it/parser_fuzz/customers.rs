//! `GET customers/search` and `customers/lookup`, attacked on their own because they
//! decide which account a purchase goes on.

use super::*;

/// Flexiti's John Smith example (strings), the emulator's numbers, no match, a refusal.
pub(super) fn search_answers() -> Vec<Sample> {
    vec![
        sample(
            200,
            json!([
                {
                    "customer_id": "123321", "account_status": "N",
                    "account_status_reason_code": "NNOR", "tos_agreement": true,
                    "risk_rating": "H", "account_number": 123_456_789,
                    "account_type": "consumer", "credit_limit": "1000.00",
                    "available_credit": "659.51", "originating_merchant_id": 12345,
                    "originating_merchant_name": "ACME", "first_name": "John",
                    "last_name": "Smith", "card_ending_in": "5941",
                    "preferred_language": "fr-CA", "creation_date": "2020-01-01T00:00:00Z"
                },
                {
                    "customer_id": "700001-2", "account_status": "F",
                    "account_status_reason_code": null, "tos_agreement": false,
                    "account_number": "20035156", "credit_limit": 10000,
                    "available_credit": 10000, "first_name": "Julie", "last_name": "Côté",
                    "card_ending_in": 1213
                }
            ]),
        ),
        sample(200, json!([])),
        sample(404, error_body("not_found", "Customer account not found.")),
        sample(
            409,
            wrong_inputs(&[("dob", "wrong format"), ("first_name", "required")]),
        ),
    ]
}

/// A lookup as the emulator answers it, as a one-element array, and its refusals.
pub(super) fn lookup_answers() -> Vec<Sample> {
    let account = json!({
        "account_number": 116_994_755, "customer_id": 500_001, "available_credit": 14000,
        "card_ending_in": "7982", "preferred_language": "en-CA", "risk_rating": "L",
        "security_qid": { "id": 6, "text": "What is your favourite colour?" },
        "address_1": "1 Front St", "address_2": "", "city": "Toronto", "province": "ON",
        "postal_code": "M5J2H7", "payment_protection": false,
        "offer_types": [
            { "plan_id": 4, "plan_name": "Equal Payments", "offer_category": "equal_billing",
              "term_options": [3, 6, 12, 24] },
            { "plan_id": "6", "plan_name": null, "offer_category": "deferred_payment",
              "term_options": ["6", "12"] }
        ]
    });
    vec![
        sample(200, account.clone()),
        sample(200, json!([account])),
        sample(404, error_body("not_found", "Customer account not found.")),
        sample(
            409,
            error_body(
                "user_not_able_to_purchase",
                "This account cannot make purchases.",
            ),
        ),
        sample(
            409,
            error_body("user_not_active", "This account is not active."),
        ),
    ]
}

mod search {
    use super::*;
    endpoint_properties!(Endpoint::Search);
}

mod lookup {
    use super::*;
    endpoint_properties!(Endpoint::Lookup);
}
