//! `POST /client-id/{client_id}/merchants/login?lang=`: a seeded rep signs in and gets
//! the credit application's `form_values` in the requested language (less the lists a
//! test left out).

use axum::extract::{RawQuery, State};
use axum::Json;
use pos_core::rules::FieldProblem;
use serde_json::{json, Map, Value};

use super::{parse_query, LangQuery};
use crate::body::JsonObject;
use crate::data::{rep_for, seed};
use crate::errors::{ApiError, FieldError};
use crate::state::SharedState;

const MAX_CREDENTIAL: usize = 100;

pub async fn login(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
    JsonObject(body): JsonObject,
) -> Result<Json<Value>, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let username = credential(&body, "merchant_username");
    let password = credential(&body, "merchant_password");
    let errors: Vec<FieldError> = [
        ("merchant_username", &username),
        ("merchant_password", &password),
    ]
    .into_iter()
    .filter_map(|(name, field)| field.as_ref().err().map(|p| FieldError::new(name, *p)))
    .collect();
    if !errors.is_empty() {
        return Err(ApiError::WrongInputs(errors));
    }
    let rep = match (username, password) {
        (Ok(u), Ok(p)) => rep_for(u, p),
        _ => None,
    };
    let rep = rep.ok_or(ApiError::business(
        "authentication_failure",
        "The username or password is incorrect.",
    ))?;
    let omitted = state.lock().omitted_lists.clone();
    Ok(Json(json!({
        "merchant_name": rep.merchant_name,
        "merchant_id": rep.merchant_id,
        "form_values": seed().form_values_without(lang, &omitted),
    })))
}

fn credential<'a>(body: &'a Map<String, Value>, name: &str) -> Result<&'a str, FieldProblem> {
    match body.get(name) {
        None | Some(Value::Null) => Err(FieldProblem::Required),
        Some(Value::String(s)) if s.is_empty() => Err(FieldProblem::Required),
        Some(Value::String(s)) if s.len() > MAX_CREDENTIAL => Err(FieldProblem::Length),
        Some(Value::String(s)) => Ok(s),
        Some(_) => Err(FieldProblem::Invalid),
    }
}
