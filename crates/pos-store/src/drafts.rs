//! Credit applications on this terminal: creating a draft, saving its fields as the rep
//! types (durably: the call returns after COMMIT), reading one back or the list to resume,
//! and discarding. The personal part of each row is sealed (`seal.rs`) on every write
//! and opened on every read. Status changes of a submission live in `submission.rs`.

use pos_core::Personal;
use serde::Serialize;
use sqlx::sqlite::{SqliteConnection, SqliteRow};
use sqlx::Row;

use crate::clock::now;
use crate::draft_id::new_draft_id;
use crate::row::RowReader;
use crate::seal::{self, DataKey, PersonalData, SealError};
use crate::{validate, DraftStatus, Store, StoreError};

/// Every column of `drafts`, for SELECT and RETURNING.
macro_rules! draft_columns {
    () => {
        "id, rep_username, created_at, updated_at, status, lang, personal, key_id, \
         tos_version, idempotency_key, reference_id, submitted_at, revision"
    };
}
pub(crate) use draft_columns;

/// One draft, as stored, its personal part opened. `Debug` shows none of that part.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftRecord {
    pub id: String,
    pub rep_username: String,
    pub created_at: String,
    pub updated_at: String,
    pub status: DraftStatus,
    pub lang: String,
    pub applicant_name: Personal<String>,
    /// The form's answers (option codes, not labels) as the UI sent them; `{}` once a
    /// decision came back (the receipt keeps only the name and the decision).
    pub fields_json: Personal<String>,
    pub tos_version: Option<String>,
    /// Set by `begin_submission` and kept until a decision or a cancel, so a retry of the
    /// same submission reuses it.
    pub idempotency_key: Option<String>,
    pub reference_id: Option<String>,
    pub submitted_at: Option<String>,
    pub decision_json: Option<Personal<String>>,
    /// Bumped by every write to the draft: 0 when created.
    pub revision: i64,
}

/// A line of the drafts list. A draft whose personal part cannot be opened is still
/// listed (so the rep can see it and discard it), with the reason instead of a name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftSummary {
    pub id: String,
    pub applicant_name: Result<Personal<String>, SealError>,
    pub status: DraftStatus,
    pub updated_at: String,
    pub lang: String,
}

/// The sealed part of a row, and the id of the key that sealed it.
fn sealed_part(r: &RowReader<'_>) -> Result<(Vec<u8>, String), StoreError> {
    Ok((r.get("personal")?, r.get("key_id")?))
}

impl DraftRecord {
    pub(crate) fn from_row(row: &SqliteRow, key: &DataKey) -> Result<DraftRecord, StoreError> {
        let r = RowReader::new(row, "drafts", row_key(row));
        let id: String = r.get("id")?;
        let (blob, key_id) = sealed_part(&r)?;
        let personal =
            seal::open(key, &id, &key_id, &blob).map_err(|error| StoreError::Sealed {
                id: id.clone(),
                error,
            })?;
        Ok(DraftRecord {
            rep_username: r.get("rep_username")?,
            created_at: r.get("created_at")?,
            updated_at: r.get("updated_at")?,
            status: r.parsed("status", DraftStatus::parse)?,
            lang: r.parsed("lang", known_lang)?,
            applicant_name: personal.applicant_name,
            fields_json: personal.fields_json,
            tos_version: r.get("tos_version")?,
            idempotency_key: r.get("idempotency_key")?,
            reference_id: r.get("reference_id")?,
            submitted_at: r.get("submitted_at")?,
            decision_json: personal.decision_json,
            revision: r.get("revision")?,
            id,
        })
    }
}

impl DraftSummary {
    fn from_row(row: &SqliteRow, key: &DataKey) -> Result<DraftSummary, StoreError> {
        let r = RowReader::new(row, "drafts", row_key(row));
        let id: String = r.get("id")?;
        let (blob, key_id) = sealed_part(&r)?;
        Ok(DraftSummary {
            applicant_name: seal::open(key, &id, &key_id, &blob).map(|p| p.applicant_name),
            status: r.parsed("status", DraftStatus::parse)?,
            updated_at: r.get("updated_at")?,
            lang: r.parsed("lang", known_lang)?,
            id,
        })
    }
}

/// A language the app speaks, as read back from a row.
fn known_lang(text: &str) -> Option<String> {
    validate::lang(text).ok().map(|()| text.to_owned())
}

/// The draft's id for error messages, whatever else is wrong with the row.
fn row_key(row: &SqliteRow) -> String {
    row.try_get::<String, _>("id")
        .unwrap_or_else(|_| "(unreadable id)".to_owned())
}

/// The status of draft `id`, read inside the caller's transaction.
pub(crate) async fn current_status(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<DraftStatus, StoreError> {
    let row = sqlx::query("SELECT id, status FROM drafts WHERE id = ?1")
        .bind(id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| StoreError::DraftNotFound { id: id.to_owned() })?;
    RowReader::new(&row, "drafts", id.to_owned()).parsed("status", DraftStatus::parse)
}

/// Draft `id` in full, read inside the caller's transaction.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    key: &DataKey,
    id: &str,
) -> Result<DraftRecord, StoreError> {
    let row = sqlx::query(concat!(
        "SELECT ",
        draft_columns!(),
        " FROM drafts WHERE id = ?1"
    ))
    .bind(id)
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::DraftNotFound { id: id.to_owned() })?;
    DraftRecord::from_row(&row, key)
}

impl Store {
    /// A new, empty draft in status `editing` for `rep`, in `lang` ("en" or "fr").
    pub async fn create_draft(&self, rep: &str, lang: &str) -> Result<DraftRecord, StoreError> {
        validate::non_empty("rep", rep)?;
        validate::lang(lang)?;
        let id = new_draft_id()?;
        let now = now();
        let empty = PersonalData {
            fields_json: Personal::new("{}".to_owned()),
            ..PersonalData::default()
        };
        let row = sqlx::query(concat!(
            "INSERT INTO drafts (id, rep_username, created_at, updated_at, status, lang, \
             personal, key_id) VALUES (?1, ?2, ?3, ?3, 'editing', ?4, ?5, ?6) RETURNING ",
            draft_columns!()
        ))
        .bind(&id)
        .bind(rep)
        .bind(&now)
        .bind(lang)
        .bind(seal::seal(&self.key, &id, &empty)?)
        .bind(self.key.id())
        .fetch_one(&self.pool)
        .await?;
        DraftRecord::from_row(&row, &self.key)
    }

    /// Saves the fields of a draft being edited; returns after COMMIT (durable:
    /// synchronous=FULL). Refused with `DraftLocked` unless status is `editing`. Bumps
    /// revision and updated_at.
    pub async fn save_fields(
        &self,
        id: &str,
        fields_json: &str,
        applicant_name: &str,
        lang: &str,
        tos_version: Option<&str>,
    ) -> Result<DraftRecord, StoreError> {
        validate::json("fields_json", fields_json)?;
        validate::lang(lang)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        if status != DraftStatus::Editing {
            return Err(StoreError::DraftLocked {
                id: id.to_owned(),
                status,
            });
        }
        let personal = PersonalData {
            applicant_name: Personal::new(applicant_name.to_owned()),
            fields_json: Personal::new(fields_json.to_owned()),
            decision_json: None,
        };
        let row = sqlx::query(concat!(
            "UPDATE drafts SET personal = ?2, key_id = ?3, lang = ?4, \
             tos_version = ?5, updated_at = ?6, revision = revision + 1 \
             WHERE id = ?1 RETURNING ",
            draft_columns!()
        ))
        .bind(id)
        .bind(seal::seal(&self.key, id, &personal)?)
        .bind(self.key.id())
        .bind(lang)
        .bind(tos_version)
        .bind(now())
        .fetch_one(&mut *tx)
        .await?;
        let draft = DraftRecord::from_row(&row, &self.key)?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Draft `id` in full; `DraftNotFound` if there is none.
    pub async fn draft(&self, id: &str) -> Result<DraftRecord, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load(&mut conn, &self.key, id).await
    }

    /// Drafts of every status but `cancelled`, newest (last updated) first.
    pub async fn drafts(&self) -> Result<Vec<DraftSummary>, StoreError> {
        sqlx::query(
            "SELECT id, personal, key_id, status, updated_at, lang FROM drafts \
             WHERE status <> 'cancelled' ORDER BY updated_at DESC, id DESC",
        )
        .fetch_all(&self.pool)
        .await?
        .iter()
        .map(|row| DraftSummary::from_row(row, &self.key))
        .collect()
    }

    /// Deletes draft `id` (its pages are overwritten: secure_delete). Refused with
    /// `DraftLocked` while a submission is in flight (`submitting`, `outcome_unknown`):
    /// Flexiti may hold an application the rep would then never learn the outcome of.
    pub async fn discard_draft(&self, id: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        if status.is_in_flight() {
            return Err(StoreError::DraftLocked {
                id: id.to_owned(),
                status,
            });
        }
        sqlx::query("DELETE FROM drafts WHERE id = ?1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
