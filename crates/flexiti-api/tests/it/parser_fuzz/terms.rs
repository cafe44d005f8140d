//! `GET terms-and-conditions` read into `Terms`, attacked on its own because its answer
//! carries the long legal text the customer agrees to.

use super::*;

const TERMS_EN_ROC: &str = include_str!("../../../../flexiti-sandbox/data/terms/en-ROC.txt");
const TERMS_FR_QC: &str = include_str!("../../../../flexiti-sandbox/data/terms/fr-QC.txt");

/// The emulator's English (rest of Canada) and French (Quebec) terms, and a refusal.
pub(super) fn real_answers() -> Vec<Sample> {
    vec![
        sample(
            200,
            json!({
                "version": "2024-01",
                "lang": "en",
                "province_group": "ROC",
                "text": TERMS_EN_ROC,
            }),
        ),
        sample(
            200,
            json!({
                "version": "2024-01-QC",
                "lang": "fr",
                "province_group": "QC",
                "text": TERMS_FR_QC,
            }),
        ),
        sample(
            409,
            wrong_inputs(&[("lang", "invalid"), ("province", "required")]),
        ),
    ]
}

endpoint_properties!(Endpoint::Terms);
