//! `GET i18n` and `GET i18n/{key}`: one reader (`I18n`) for two answer shapes, so the
//! properties run once on the whole catalogues and once on single keys.

use super::*;

/// The emulator's whole catalogues, English and French.
pub(super) fn whole_answers() -> Vec<Sample> {
    let en = i18n(I18N_EN);
    let fr = i18n(I18N_FR);
    vec![
        sample(200, Value::Object(en)),
        sample(200, Value::Object(fr)),
    ]
}

/// Single keys of the catalogues (texts and lists), and a key that does not exist.
pub(super) fn by_key_answers() -> Vec<Sample> {
    let en = i18n(I18N_EN);
    let fr = i18n(I18N_FR);
    vec![
        sample(200, json!({ "provinces": en["provinces"] })),
        sample(200, json!({ "govid_issued_bys": fr["govid_issued_bys"] })),
        sample(200, json!({ "occupation_ids": en["occupation_ids"] })),
        sample(200, json!({ "qcpa_disclosure": fr["qcpa_disclosure"] })),
        sample(404, error_body("not_found", "Not found")),
    ]
}

mod i18n_whole {
    use super::*;

    endpoint_properties!(Endpoint::I18n);
}

mod i18n_by_key {
    use super::*;

    endpoint_properties!(Endpoint::I18nKey);
}
