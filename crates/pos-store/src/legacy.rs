//! Drafts written in clear by a version before sealing (migration 3 set them aside in
//! `drafts_unsealed`): sealed here, at the first open that has the key, in one
//! transaction; then the table is dropped, the WAL truncated, and the pre-migration
//! copies of the file, which held those drafts in clear too, deleted.

use std::path::Path;

use pos_core::Personal;
use sqlx::SqlitePool;

use crate::backup::remove_backups;
use crate::retention::truncate_wal;
use crate::seal::{self, DataKey, PersonalData};
use crate::StoreError;

/// The migration that introduced sealing: copies taken before it hold drafts in clear.
const SEALING_MIGRATION: i64 = 20261123000003;

/// A row of `drafts_unsealed`, the table as migration 1 made it. Every column is read with
/// sqlx's run-time type check (`AS "column: _"`): a value of another type fails the open.
struct ClearRow {
    id: String,
    rep_username: String,
    created_at: String,
    updated_at: String,
    status: String,
    lang: String,
    applicant_name: String,
    fields_json: String,
    tos_version: Option<String>,
    idempotency_key: Option<String>,
    reference_id: Option<String>,
    submitted_at: Option<String>,
    decision_json: Option<String>,
    revision: i64,
}

/// Seals every row of `drafts_unsealed` into `drafts`, drops the table, and removes the
/// backups that held the rows in clear. Returns how many drafts were sealed.
pub(crate) async fn seal_unsealed_drafts(
    pool: &SqlitePool,
    key: &DataKey,
    db_path: &Path,
) -> Result<u64, StoreError> {
    let pending = sqlx::query_scalar!(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'drafts_unsealed'"
    )
    .fetch_one(pool)
    .await?;
    if pending == 0 {
        return Ok(0);
    }
    let mut tx = pool.begin_with("BEGIN IMMEDIATE").await?;
    let rows = sqlx::query_as!(
        ClearRow,
        r#"SELECT id AS "id!: _", rep_username AS "rep_username: _",
           created_at AS "created_at: _", updated_at AS "updated_at: _", status AS "status: _",
           lang AS "lang: _", applicant_name AS "applicant_name: _",
           fields_json AS "fields_json: _", tos_version AS "tos_version: _",
           idempotency_key AS "idempotency_key: _", reference_id AS "reference_id: _",
           submitted_at AS "submitted_at: _", decision_json AS "decision_json: _",
           revision AS "revision: _"
           FROM drafts_unsealed"#
    )
    .fetch_all(&mut *tx)
    .await?;
    let key_id = key.id();
    let mut sealed = 0;
    for row in rows {
        let personal = PersonalData {
            applicant_name: Personal::new(row.applicant_name),
            fields_json: Personal::new(row.fields_json),
            decision_json: row.decision_json.map(Personal::new),
            frozen_request: None,
        };
        let blob = seal::seal(key, &row.id, &personal)?;
        sqlx::query!(
            "INSERT INTO drafts (id, rep_username, created_at, updated_at, status, lang, \
             personal, key_id, tos_version, idempotency_key, reference_id, submitted_at, \
             revision) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
            row.id,
            row.rep_username,
            row.created_at,
            row.updated_at,
            row.status,
            row.lang,
            blob,
            key_id,
            row.tos_version,
            row.idempotency_key,
            row.reference_id,
            row.submitted_at,
            row.revision,
        )
        .execute(&mut *tx)
        .await?;
        sealed += 1;
    }
    sqlx::query!("DROP TABLE drafts_unsealed")
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    truncate_wal(pool).await?;
    remove_clear_backups(db_path);
    tracing::info!(
        sealed,
        "drafts written in clear by an older version are now sealed"
    );
    Ok(sealed)
}

/// Deletes `<db>.before-<version>[.<n>].bak` for every version up to the sealing
/// migration. A copy that cannot be deleted is reported in the log, not fatal.
fn remove_clear_backups(db_path: &Path) {
    if remove_backups(db_path, |backup| backup.version <= SEALING_MIGRATION).is_err() {
        tracing::warn!("the copies of the database from before sealing could not be listed");
    }
}
