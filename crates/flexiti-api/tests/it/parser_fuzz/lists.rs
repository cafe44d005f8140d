//! The `authorizations` and `captures` lists in every envelope the client takes (a bare
//! array, or under `authorizations`, `captures`, `items`, `data`), attacked on their own
//! because "check again" re-sends a charge only when they say nothing matches.

use super::*;

fn envelopes(key: &str, items: Value) -> Vec<Sample> {
    vec![
        sample(200, items.clone()),
        sample(
            200,
            json!({ "page_number": 1, "page_size": 10, "total": 2, key: items.clone() }),
        ),
        sample(200, json!({ "items": items.clone(), "total": "2" })),
        sample(200, json!({ "data": items })),
        sample(
            200,
            json!({ "page_number": 3, "page_size": 10, "total": 20, key: [] }),
        ),
        sample(409, wrong_inputs(&[("page_size", "invalid")])),
    ]
}

pub(super) fn authorizations_answers() -> Vec<Sample> {
    envelopes(
        "authorizations",
        Value::Array(super::authorization::authorizations()),
    )
}

pub(super) fn captures_answers() -> Vec<Sample> {
    envelopes(
        "captures",
        json!([
            { "capture_id": 346_123, "authorization_id": 12343, "reference": "9f1c-1",
              "amount": 1000.12, "date": "2026-01-01T12:00:00Z",
              "remaining_capture_amount": 1000.12, "external_location_id": "00-12345" },
            { "capture_id": "346124", "authorization_id": "12344", "reference": null,
              "amount": "5.00", "date": null, "remaining_capture_amount": "0" }
        ]),
    )
}

mod authorizations {
    use super::*;
    endpoint_properties!(Endpoint::Authorizations);
}

mod captures {
    use super::*;
    endpoint_properties!(Endpoint::Captures);
}
