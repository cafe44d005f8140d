//! `POST accounts/{n}/calculate-interest`, attacked on its own because its amounts and
//! messages are shown to the customer and printed.

use super::*;

/// The emulator's quote (numbers), the same with strings, and refusals.
pub(super) fn real_answers() -> Vec<Sample> {
    let rate = json!({ "description": "Annual Interest Rate", "rate": 0.0999, "type": "air",
                       "message": "SANDBOX SAMPLE TEXT – Equal monthly payments." });
    let fee = json!({ "description": "Administrative fee", "amount": 49.99,
                      "type": "admin_total", "message": "SANDBOX SAMPLE TEXT – fee." });
    vec![
        sample(
            200,
            json!({
                "account_number": 116_994_755, "account_type": "consumer", "amount": 1000,
                "customer": { "available_credit": 14000, "air": 0.3099, "first_name": "Flexiti",
                              "last_name": "MITester", "category_type": "preferred" },
                "regular_purchase": { "term_amount": 1000, "air": 0.3099, "verify": false, "fees": [] },
                "promotional_purchase": [
                    { "plan_id": 4, "plan_name": "Equal Payments, Regular Interest", "terms": [
                        { "term": 3, "term_amount": 338.9, "fees": [], "annual_rates": [rate] },
                        { "term": 12, "term_amount": 87.91, "fees": [], "annual_rates": [rate] } ] },
                    { "plan_id": 5, "plan_name": "Equal Payments, No Interest", "terms": [
                        { "term": 6, "term_amount": 175, "fees": [fee], "annual_rates": [] } ] }
                ]
            }),
        ),
        sample(
            200,
            json!({
                "account_number": "123456789", "amount": "9.99",
                "regular_purchase": { "term_amount": "9.99", "air": "0.2999", "verify": true, "fees": null },
                "promotional_purchase": []
            }),
        ),
        sample(404, error_body("not_found", "Customer account not found.")),
        sample(
            409,
            error_body("user_not_active", "This account is not active."),
        ),
        sample(409, wrong_inputs(&[("amount", "invalid")])),
    ]
}

endpoint_properties!(Endpoint::Quote);
