//! `POST /client-id/{client_id}/customers/driverslicense`: decodes the raw AAMVA text a
//! store scanner types from a licence's PDF417 barcode into the application's fields.

use axum::Json;
use pos_core::rules::FieldProblem;
use serde_json::{json, Value};

use crate::aamva;
use crate::body::JsonObject;
use crate::errors::ApiError;

/// Real AAMVA payloads are well under 3,000 characters.
const MAX_CODE: usize = 4000;

pub async fn decode(JsonObject(body): JsonObject) -> Result<Json<Value>, ApiError> {
    let code = match body.get("code") {
        None | Some(Value::Null) => return Err(ApiError::field("code", FieldProblem::Required)),
        Some(Value::String(s)) if s.trim().is_empty() => {
            return Err(ApiError::field("code", FieldProblem::Required))
        }
        Some(Value::String(s)) if s.chars().count() > MAX_CODE => {
            return Err(ApiError::field("code", FieldProblem::Length))
        }
        Some(Value::String(s)) => s,
        Some(_) => return Err(ApiError::field("code", FieldProblem::Invalid)),
    };
    let licence = aamva::parse(code).map_err(|_| ApiError::field("code", FieldProblem::Invalid))?;
    Ok(Json(json!({
        "first_name": licence.first_name,
        "middle_name": licence.middle_name,
        "last_name": licence.last_name,
        "dob": licence.dob,
        "address_1": licence.address_1,
        "city": licence.city,
        "province": licence.province,
        "postal_code": licence.postal_code,
        "govid_type": "CADL",
        "govid_issuedby": licence.province,
        "govid_number": licence.govid_number,
        "govid_expiry": licence.govid_expiry,
    })))
}
