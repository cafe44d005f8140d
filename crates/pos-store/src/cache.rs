//! The last copy of texts the server localises (`form_values`, `i18n`), per kind and
//! language, so the form can be built when the network is slow or down at start-up.

use serde::Serialize;

use crate::clock::now;
use crate::row::{RowKey, Stored};
use crate::{validate, Store, StoreError};

/// A cached server body and when it was fetched.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CachedBody {
    pub body_json: String,
    pub fetched_at: String,
}

/// A row of `server_cache` as read.
struct CacheRow {
    body_json: Stored<String>,
    fetched_at: Stored<String>,
}

impl Store {
    /// Stores (or replaces) the body of `kind` in `lang`, stamped now.
    pub async fn put_cache(
        &self,
        kind: &str,
        lang: &str,
        body_json: &str,
    ) -> Result<(), StoreError> {
        validate::non_empty("kind", kind)?;
        validate::lang(lang)?;
        validate::json("body_json", body_json)?;
        let fetched_at = now();
        sqlx::query!(
            "INSERT INTO server_cache (kind, lang, body_json, fetched_at) VALUES (?1, ?2, ?3, ?4) \
             ON CONFLICT (kind, lang) DO UPDATE SET body_json = excluded.body_json, \
             fetched_at = excluded.fetched_at",
            kind,
            lang,
            body_json,
            fetched_at,
        )
        .execute(&self.pool)
        .await?;
        Ok(())
    }

    /// The cached body of `kind` in `lang`, if any.
    pub async fn cache(&self, kind: &str, lang: &str) -> Result<Option<CachedBody>, StoreError> {
        let Some(row) = sqlx::query_as!(
            CacheRow,
            r#"SELECT body_json AS "body_json: _", fetched_at AS "fetched_at: _"
               FROM server_cache WHERE kind = ?1 AND lang = ?2"#,
            kind,
            lang,
        )
        .fetch_optional(&self.pool)
        .await?
        else {
            return Ok(None);
        };
        let r = RowKey::new("server_cache", format!("{kind}/{lang}"));
        Ok(Some(CachedBody {
            body_json: r.get("body_json", row.body_json)?,
            fetched_at: r.get("fetched_at", row.fetched_at)?,
        }))
    }
}
