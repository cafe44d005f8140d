//! `GET|POST /client-id/{client_id}/i18n[/{key}]?lang=`: the seed's whole `i18n`
//! structure, or `{key: value}` for one key, in English or French.

use axum::extract::{Path, RawQuery};
use axum::Json;
use serde_json::{Map, Value};

use super::{parse_query, LangQuery};
use crate::data::seed;
use crate::errors::ApiError;

pub async fn all(RawQuery(query): RawQuery) -> Result<Json<Value>, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    Ok(Json(Value::Object(seed().i18n(lang).clone())))
}

pub async fn by_key(
    Path((_client_id, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let value = seed()
        .i18n(lang)
        .get(&key)
        .ok_or_else(ApiError::not_found)?;
    let mut one = Map::new();
    one.insert(key, value.clone());
    Ok(Json(Value::Object(one)))
}
