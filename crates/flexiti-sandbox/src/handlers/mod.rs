//! One module per emulated route; each handler checks its inputs and answers in the
//! contract's shapes. Bearer, scope and `x-reference-id` are already checked by
//! [`crate::auth`] when a handler runs.

pub mod after_sale;
pub mod apply;
pub mod authorization;
pub mod calculate_interest;
pub mod customers;
pub mod i18n;
pub mod licence;
pub mod lists;
pub mod login;
pub mod money;
pub mod terms;
pub mod verify;

use pos_core::rules::FieldProblem;
use serde::Deserialize;

use crate::data::Lang;
use crate::errors::ApiError;

/// The `lang` query parameter most routes take.
#[derive(Debug, Default, Deserialize)]
pub struct LangQuery {
    pub lang: Option<String>,
}

impl LangQuery {
    /// `en` or `fr` (default `en`); anything else is 409 `wrong_inputs` on `lang`.
    pub fn lang(&self) -> Result<Lang, ApiError> {
        crate::data::lang_param(self.lang.as_deref())
            .ok_or_else(|| ApiError::field("lang", FieldProblem::Invalid))
    }
}

/// A query string that does not parse is a `wrong_inputs` on `query`, not axum's text error.
pub fn parse_query<T: serde::de::DeserializeOwned + Default>(
    query: Option<&str>,
) -> Result<T, ApiError> {
    match query {
        None => Ok(T::default()),
        Some(q) => serde_urlencoded_parse(q),
    }
}

fn serde_urlencoded_parse<T: serde::de::DeserializeOwned>(query: &str) -> Result<T, ApiError> {
    let pairs: serde_json::Map<String, serde_json::Value> =
        form_urlencoded::parse(query.as_bytes())
            .map(|(k, v)| (k.into_owned(), serde_json::Value::String(v.into_owned())))
            .collect();
    serde_json::from_value(serde_json::Value::Object(pairs))
        .map_err(|_| ApiError::field("query", FieldProblem::WrongFormat))
}
