//! `POST merchants/login` read into `MerchantLogin`, attacked on its own because its
//! `form_values` come in three option-list shapes, each one more way to fail.

use super::*;

/// `form_values` as the emulator's `merchants/login` builds them from its seed: the
/// wrapped shape, `option_depends` for the ID issuer, and a flat map for housing.
fn form_values(i18n: &Map<String, Value>) -> Value {
    let options = |key: &str| json!({ "options": i18n[key] });
    json!({
        "salutation": options("salutations"),
        "province": options("provinces"),
        "security_qid": options("security_ids"),
        "govid_type": options("govid_types"),
        "govid_issuedby": i18n["govid_issued_bys"],
        "occupation": i18n["occupation_ids"],
        "housing_type": i18n["housing_type"],
        "transaction_type": options("transaction_types"),
        "plan_id": options("plan_ids"),
    })
}

pub(super) fn real_answers() -> Vec<Sample> {
    let en = i18n(I18N_EN);
    let fr = i18n(I18N_FR);
    vec![
        sample(
            200,
            json!({
                "merchant_name": "ACME Jewellers",
                "merchant_id": "123456",
                "form_values": form_values(&en),
            }),
        ),
        sample(
            200,
            json!({
                "merchant_name": "Bijouterie ACME",
                "merchant_id": 382,
                "form_values": form_values(&fr),
            }),
        ),
        sample(
            409,
            error_body(
                "authentication_failure",
                "The username or password is incorrect.",
            ),
        ),
        sample(
            409,
            wrong_inputs(&[
                ("merchant_username", "required"),
                ("merchant_password", "length"),
            ]),
        ),
    ]
}

endpoint_properties!(Endpoint::Login);
