//! `GET /client-id/{client_id}/terms-and-conditions?lang=&province=`: the cardholder
//! agreement for the applicant's province group (Quebec or the rest of Canada) and language.

use axum::extract::RawQuery;
use axum::Json;
use pos_core::rules::{FieldProblem, Province};
use serde::Deserialize;
use serde_json::{json, Value};

use super::parse_query;
use crate::data::{terms_text, ProvinceGroup};
use crate::errors::{ApiError, FieldError};

#[derive(Debug, Default, Deserialize)]
struct TermsQuery {
    lang: Option<String>,
    province: Option<String>,
}

pub fn province_group(province: Province) -> ProvinceGroup {
    if province.is_quebec() {
        ProvinceGroup::Qc
    } else {
        ProvinceGroup::Roc
    }
}

pub async fn terms(RawQuery(query): RawQuery) -> Result<Json<Value>, ApiError> {
    let query: TermsQuery = parse_query(query.as_deref())?;
    let lang = crate::data::lang_param(query.lang.as_deref());
    let province = match query.province.as_deref() {
        None | Some("") => Err(FieldProblem::Required),
        Some(code) => Province::from_code(code).ok_or(FieldProblem::Invalid),
    };
    let mut errors = Vec::new();
    if lang.is_none() {
        errors.push(FieldError::new("lang", FieldProblem::Invalid));
    }
    if let Err(problem) = province {
        errors.push(FieldError::new("province", problem));
    }
    let (Some(lang), Ok(province)) = (lang, province) else {
        return Err(ApiError::WrongInputs(errors));
    };
    let group = province_group(province);
    Ok(Json(json!({
        "version": group.terms_version(),
        "lang": lang.code(),
        "province_group": group.code(),
        "text": terms_text(lang, group),
    })))
}
