//! `GET|POST /client-id/{client_id}/i18n[/{key}]?lang=`: the seed's whole `i18n`
//! structure, or `{key: value}` for one key, in English or French, less the option lists
//! a test left out (one of those is 404, as an unknown key).

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use serde_json::{Map, Value};

use super::{parse_query, LangQuery};
use crate::data::{is_omitted_i18n_key, seed};
use crate::errors::ApiError;
use crate::state::SharedState;

pub async fn all(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let omitted = state.lock().omitted_lists.clone();
    Ok(Json(Value::Object(seed().i18n_without(lang, &omitted))))
}

pub async fn by_key(
    State(state): State<SharedState>,
    Path((_client_id, key)): Path<(String, String)>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let omitted = is_omitted_i18n_key(&key, &state.lock().omitted_lists);
    let value = seed()
        .i18n(lang)
        .get(&key)
        .filter(|_| !omitted)
        .ok_or_else(ApiError::not_found)?;
    let mut one = Map::new();
    one.insert(key, value.clone());
    Ok(Json(Value::Object(one)))
}
