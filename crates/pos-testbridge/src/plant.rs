//! Drafts no command can make: one sealed with a key this terminal no longer has, one
//! whose stored bytes were damaged, and an older `updated_at` (the list's dates, the
//! retention period). Written as `crates/pos-store/tests` do: through `pos_store` on the
//! same file, and a raw SQLite connection for what the store would never write.

use std::path::Path;

use chrono::{DateTime, SecondsFormat, Utc};
use pos_store::{DataKey, Store};
use serde::Deserialize;
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;

use crate::world::World;

/// Why a planted draft cannot be opened (or `readable`: it can).
#[derive(Debug, Clone, Copy, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Unreadable {
    /// Sealed with this terminal's key and intact: with `rep` another rep, a colleague's
    /// draft, which no command can make (one rep per merchant in the emulator).
    Readable,
    /// Sealed with another terminal's key (`draft_wrong_key`).
    WrongKey,
    /// Sealed with this terminal's key, then one byte of the blob flipped (`draft_tampered`).
    Tampered,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct PlantUnreadable {
    pub reason: Unreadable,
    pub first_name: String,
    pub last_name: String,
    #[serde(default = "default_rep")]
    pub rep: String,
}

fn default_rep() -> String {
    flexiti_sandbox::REPS
        .first()
        .map_or("merchantonline", |rep| rep.username)
        .to_owned()
}

fn store_error(what: &str, error: pos_store::StoreError) -> String {
    format!("{what}: {}", error.code())
}

fn sql_error(what: &str, error: sqlx::Error) -> String {
    format!("{what}: {error}")
}

async fn raw(path: &Path) -> Result<SqliteConnection, String> {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .busy_timeout(pos_store::BUSY_TIMEOUT);
    SqliteConnection::connect_with(&options)
        .await
        .map_err(|e| sql_error("open the database", e))
}

/// Plants an unreadable draft with the given name inside; returns its id.
pub async fn unreadable(world: &World, plant: PlantUnreadable) -> Result<String, String> {
    let key = match plant.reason {
        Unreadable::WrongKey => {
            DataKey::generate().map_err(|e| store_error("make another key", e))?
        }
        Unreadable::Tampered | Unreadable::Readable => world.data_key()?,
    };
    let path = world.database();
    let store = Store::open(&path, key)
        .await
        .map_err(|e| store_error("open the store", e))?;
    let fields = serde_json::json!({
        "first_name": plant.first_name,
        "last_name": plant.last_name,
    })
    .to_string();
    let name = format!("{} {}", plant.first_name, plant.last_name);
    // Where the rep's drafts live: this terminal's environment and the rep's merchant.
    let settings = pos_app::settings::TerminalSettings::load(&store)
        .await
        .map_err(|e| format!("read the settings: {}", e.code()))?;
    let merchant_id = flexiti_sandbox::REPS
        .iter()
        .find(|r| r.username == plant.rep)
        .map_or("123456", |r| r.merchant_id);
    let scope = pos_store::DraftScope {
        environment_key: settings.environment_key(),
        merchant_id: merchant_id.to_owned(),
    };
    let written = async {
        let draft = store.create_draft(&plant.rep, "en", &scope).await?;
        store
            .save_fields(&draft.id, &fields, &name, "en", None)
            .await
            .map(|_| draft.id)
    }
    .await;
    store.close().await;
    let id = written.map_err(|e| store_error("write the draft", e))?;
    if let Unreadable::Tampered = plant.reason {
        let mut conn = raw(&path).await?;
        // One byte of the ciphertext flipped, as pos-store's sealing tests do.
        let flipped = sqlx::query(
            "UPDATE drafts SET personal = substr(personal, 1, 40) || \
             (CASE WHEN substr(personal, 41, 1) = x'00' THEN x'01' ELSE x'00' END) || \
             substr(personal, 42) WHERE id = ?1",
        )
        .bind(&id)
        .execute(&mut conn)
        .await
        .map_err(|e| sql_error("damage the draft", e))?;
        let _ = conn.close().await;
        if flipped.rows_affected() != 1 {
            return Err("the planted draft vanished".into());
        }
    }
    Ok(id)
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Age {
    /// An RFC 3339 instant; stored as the store writes times (UTC, milliseconds).
    pub updated_at: String,
}

/// Sets when draft `id` was last changed. `Ok(false)` when there is no such draft.
pub async fn age(world: &World, id: &str, age: Age) -> Result<bool, String> {
    let when = DateTime::parse_from_rfc3339(&age.updated_at)
        .map_err(|_| "updated_at is not an RFC 3339 instant".to_owned())?
        .with_timezone(&Utc)
        .to_rfc3339_opts(SecondsFormat::Millis, true);
    let mut conn = raw(&world.database()).await?;
    let done = sqlx::query("UPDATE drafts SET updated_at = ?2 WHERE id = ?1")
        .bind(id)
        .bind(&when)
        .execute(&mut conn)
        .await
        .map_err(|e| sql_error("age the draft", e));
    let _ = conn.close().await;
    Ok(done?.rows_affected() == 1)
}
