//! Credit applications on this terminal: creating a draft, saving its fields as the rep
//! types (durably: the call returns after COMMIT), reading one back or the list to resume,
//! handing one over to another rep, and discarding. Each draft is bound to the Flexiti
//! environment and merchant it was started under, and listed only there. The personal
//! part of each row is sealed (`seal.rs`) on every write and opened on every read. Status
//! changes of a submission live in `submission.rs`.

use pos_core::Personal;
use serde::Serialize;
use sqlx::SqliteConnection;

use crate::clock::now;
use crate::draft_id::new_draft_id;
use crate::row::{CorruptColumn, RowKey, Stored};
use crate::seal::{self, DataKey, PersonalData, SealError};
use crate::{validate, DraftStatus, Store, StoreError};

/// `sqlx::query_as!` into a [`DraftRow`], `*` standing for every column of `drafts`:
/// `query_draft!(SELECT * "FROM drafts WHERE ...", args)` or
/// `query_draft!("UPDATE drafts ..." RETURNING *, args)`. The columns are spliced in as a
/// literal (sqlx joins literals written with `+`), so the whole query is still checked
/// against the schema at compile time.
macro_rules! query_draft {
    (SELECT * $tail:literal $(, $arg:expr)* $(,)?) => {
        $crate::drafts::query_draft!(@columns "SELECT"; $tail $(, $arg)*)
    };
    ($head:literal RETURNING * $(, $arg:expr)* $(,)?) => {
        $crate::drafts::query_draft!(@columns $head, " RETURNING"; "" $(, $arg)*)
    };
    (@columns $($before:literal),+; $after:literal $(, $arg:expr)*) => {
        sqlx::query_as!(
            $crate::drafts::DraftRow,
            $($before +)+
                r#" id AS "id!: _", rep_username AS "rep_username: _",
                created_at AS "created_at: _", updated_at AS "updated_at: _",
                status AS "status: _", lang AS "lang: _", personal AS "personal: _",
                key_id AS "key_id: _", tos_version AS "tos_version: _",
                tos_lang AS "tos_lang: _",
                idempotency_key AS "idempotency_key: _", reference_id AS "reference_id: _",
                submitted_at AS "submitted_at: _", revision AS "revision: _",
                environment_key AS "environment_key: _", merchant_id AS "merchant_id: _" "#
                + $after
            $(, $arg)*
        )
    };
}
pub(crate) use query_draft;

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
    /// The language the terms were accepted in (`en`/`fr`), with their version.
    pub tos_lang: Option<String>,
    /// Set by `begin_submission` and kept until a decision or a cancel, so a retry of the
    /// same submission reuses it.
    pub idempotency_key: Option<String>,
    pub reference_id: Option<String>,
    pub submitted_at: Option<String>,
    pub decision_json: Option<Personal<String>>,
    /// The request exactly as first sent (sealed like the answers), set by
    /// `begin_submission` and re-sent by every retry and "check again"; dropped with the
    /// answers when the decision is recorded, and when the submission is abandoned.
    pub frozen_request: Option<Personal<String>>,
    /// Bumped by every write to the draft: 0 when created.
    pub revision: i64,
    /// The Flexiti environment the draft was started in (the app's key for it); `None`
    /// for a draft an older version wrote, until [`Store::claim_unscoped_drafts`].
    pub environment_key: Option<String>,
    /// The merchant signed in when the draft was started; `None` as `environment_key`.
    pub merchant_id: Option<String>,
}

/// Where a draft belongs: the Flexiti environment (an opaque key the app derives) and the
/// merchant signed in. Drafts are created in one and listed only in the same one.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize)]
pub struct DraftScope {
    pub environment_key: String,
    pub merchant_id: String,
}

/// A line of the drafts list. A damaged row is still listed, so one bad row neither hides
/// the others nor fails the list: a personal part that cannot be opened gives the reason
/// instead of a name (the rep can still discard the draft); a column this version cannot
/// read gives the reason instead of a status.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DraftSummary {
    pub id: String,
    /// Who owns the draft (who started it, or took it over last).
    pub rep_username: String,
    pub applicant_name: Result<Personal<String>, SealError>,
    /// `Err` when the row holds a value this version cannot read (an unknown status or
    /// language, a value of the wrong type, code `corrupt_row`): every call that reads or
    /// changes that draft fails `corrupt_row`, and the text fields that could not be read
    /// are empty here.
    pub status: Result<DraftStatus, CorruptColumn>,
    pub updated_at: String,
    pub lang: String,
    pub environment_key: Option<String>,
    pub merchant_id: Option<String>,
}

/// A row of `drafts` as [`query_draft!`] reads it, the personal part still sealed. The
/// fields are visible to the crate only because `query_as!` fills them where it is called.
pub(crate) struct DraftRow {
    pub(crate) id: Stored<String>,
    pub(crate) rep_username: Stored<String>,
    pub(crate) created_at: Stored<String>,
    pub(crate) updated_at: Stored<String>,
    pub(crate) status: Stored<String>,
    pub(crate) lang: Stored<String>,
    pub(crate) personal: Stored<Vec<u8>>,
    pub(crate) key_id: Stored<String>,
    pub(crate) tos_version: Option<Stored<String>>,
    pub(crate) tos_lang: Option<Stored<String>>,
    pub(crate) idempotency_key: Option<Stored<String>>,
    pub(crate) reference_id: Option<Stored<String>>,
    pub(crate) submitted_at: Option<Stored<String>>,
    pub(crate) revision: Stored<i64>,
    pub(crate) environment_key: Option<Stored<String>>,
    pub(crate) merchant_id: Option<Stored<String>>,
}

/// The columns of `drafts` the drafts list needs.
pub(crate) struct SummaryRow {
    pub(crate) id: Stored<String>,
    pub(crate) rep_username: Stored<String>,
    pub(crate) personal: Stored<Vec<u8>>,
    pub(crate) key_id: Stored<String>,
    pub(crate) status: Stored<String>,
    pub(crate) updated_at: Stored<String>,
    pub(crate) lang: Stored<String>,
    pub(crate) environment_key: Option<Stored<String>>,
    pub(crate) merchant_id: Option<Stored<String>>,
}

/// `sqlx::query_as!` into a [`SummaryRow`]: `query_summary!("WHERE ... ORDER BY ...", args)`.
macro_rules! query_summary {
    ($tail:literal $(, $arg:expr)* $(,)?) => {
        sqlx::query_as!(
            $crate::drafts::SummaryRow,
            r#"SELECT id AS "id!: _", rep_username AS "rep_username: _",
               personal AS "personal: _", key_id AS "key_id: _", status AS "status: _",
               updated_at AS "updated_at: _", lang AS "lang: _",
               environment_key AS "environment_key: _", merchant_id AS "merchant_id: _"
               FROM drafts "# + $tail
            $(, $arg)*
        )
    };
}
pub(crate) use query_summary;

/// The lines of the drafts list for `rows`, in their order.
pub(crate) fn summaries(rows: Vec<SummaryRow>, key: &DataKey) -> Vec<DraftSummary> {
    rows.into_iter().filter_map(|row| row.open(key)).collect()
}

impl DraftRow {
    /// The record, its personal part opened with `key`.
    pub(crate) fn open(self, key: &DataKey) -> Result<DraftRecord, StoreError> {
        let r = row_key(&self.id);
        let id = r.get("id", self.id)?;
        let blob = r.get("personal", self.personal)?;
        let key_id = r.get("key_id", self.key_id)?;
        let personal =
            seal::open(key, &id, &key_id, &blob).map_err(|error| StoreError::Sealed {
                id: id.clone(),
                error,
            })?;
        Ok(DraftRecord {
            rep_username: r.get("rep_username", self.rep_username)?,
            created_at: r.get("created_at", self.created_at)?,
            updated_at: r.get("updated_at", self.updated_at)?,
            status: r.parsed("status", self.status, DraftStatus::parse)?,
            lang: r.parsed("lang", self.lang, known_lang)?,
            applicant_name: personal.applicant_name,
            fields_json: personal.fields_json,
            tos_version: r.get_opt("tos_version", self.tos_version)?,
            tos_lang: r.get_opt("tos_lang", self.tos_lang)?,
            idempotency_key: r.get_opt("idempotency_key", self.idempotency_key)?,
            reference_id: r.get_opt("reference_id", self.reference_id)?,
            submitted_at: r.get_opt("submitted_at", self.submitted_at)?,
            decision_json: personal.decision_json,
            frozen_request: personal.frozen_request,
            revision: r.get("revision", self.revision)?,
            environment_key: r.get_opt("environment_key", self.environment_key)?,
            merchant_id: r.get_opt("merchant_id", self.merchant_id)?,
            id,
        })
    }
}

impl SummaryRow {
    /// The line for this row, whatever is wrong with it; `None` only when its id cannot be
    /// read (then no call could name the draft anyway).
    fn open(self, key: &DataKey) -> Option<DraftSummary> {
        let Ok(id) = RowKey::check("id", self.id) else {
            tracing::warn!("a draft whose id cannot be read is left out of the list");
            return None;
        };
        let applicant_name = match (
            RowKey::check("personal", self.personal),
            RowKey::check("key_id", self.key_id),
        ) {
            (Ok(blob), Ok(key_id)) => {
                seal::open(key, &id, &key_id, &blob).map(|p| p.applicant_name)
            }
            // A personal part that is not even a blob is a changed one.
            _ => Err(SealError::Tampered),
        };
        // The first column that cannot be read stands for the row; the others read as empty.
        let mut damage = None;
        let mut text = |column: Result<String, CorruptColumn>| {
            column.unwrap_or_else(|error| {
                damage.get_or_insert(error);
                String::new()
            })
        };
        let status = RowKey::check_parsed("status", self.status, DraftStatus::parse);
        let rep_username = text(RowKey::check("rep_username", self.rep_username));
        let updated_at = text(RowKey::check("updated_at", self.updated_at));
        let lang = text(RowKey::check_parsed("lang", self.lang, known_lang));
        let mut optional = |column: &str, value: Option<Stored<String>>| {
            value.and_then(|value| {
                RowKey::check(column, value)
                    .map_err(|error| damage.get_or_insert(error).clone())
                    .ok()
            })
        };
        let environment_key = optional("environment_key", self.environment_key);
        let merchant_id = optional("merchant_id", self.merchant_id);
        let status = match (status, damage) {
            (Ok(status), None) => Ok(status),
            (Err(error), _) | (Ok(_), Some(error)) => Err(error),
        };
        Some(DraftSummary {
            id,
            rep_username,
            applicant_name,
            status,
            updated_at,
            lang,
            environment_key,
            merchant_id,
        })
    }
}

/// A language the app speaks, as read back from a row.
fn known_lang(text: &str) -> Option<String> {
    validate::lang(text).ok().map(|()| text.to_owned())
}

/// Names the draft in errors, whatever else is wrong with the row.
fn row_key(id: &Stored<String>) -> RowKey {
    let key = id
        .readable()
        .unwrap_or_else(|| "(unreadable id)".to_owned());
    RowKey::new("drafts", key)
}

/// The status of draft `id`, read inside the caller's transaction.
pub(crate) async fn current_status(
    conn: &mut SqliteConnection,
    id: &str,
) -> Result<DraftStatus, StoreError> {
    let status = sqlx::query_scalar!(
        r#"SELECT status AS "status: _" FROM drafts WHERE id = ?1"#,
        id
    )
    .fetch_optional(conn)
    .await?
    .ok_or_else(|| StoreError::DraftNotFound { id: id.to_owned() })?;
    RowKey::new("drafts", id.to_owned()).parsed("status", status, DraftStatus::parse)
}

/// Draft `id` in full, read inside the caller's transaction.
pub(crate) async fn load(
    conn: &mut SqliteConnection,
    key: &DataKey,
    id: &str,
) -> Result<DraftRecord, StoreError> {
    query_draft!(SELECT * "FROM drafts WHERE id = ?1", id)
        .fetch_optional(conn)
        .await?
        .ok_or_else(|| StoreError::DraftNotFound { id: id.to_owned() })?
        .open(key)
}

/// The terms a save records: the version accepted (none while not accepted) and the
/// language the applicant accepted them in. A bare `Option<&str>` is a version with no
/// language recorded.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Terms<'a> {
    pub version: Option<&'a str>,
    pub lang: Option<&'a str>,
}

impl<'a> From<Option<&'a str>> for Terms<'a> {
    fn from(version: Option<&'a str>) -> Self {
        Terms {
            version,
            lang: None,
        }
    }
}

impl Store {
    /// A new, empty draft in status `editing` for `rep`, in `lang` ("en" or "fr"), bound to
    /// `scope` (listed only by [`Store::drafts_in`] that scope).
    pub async fn create_draft(
        &self,
        rep: &str,
        lang: &str,
        scope: &DraftScope,
    ) -> Result<DraftRecord, StoreError> {
        validate::non_empty("rep", rep)?;
        validate::lang(lang)?;
        validate::scope(scope)?;
        let id = new_draft_id()?;
        let now = now();
        let empty = PersonalData {
            fields_json: Personal::new("{}".to_owned()),
            ..PersonalData::default()
        };
        let (sealed, key_id) = (seal::seal(&self.key, &id, &empty)?, self.key.id());
        query_draft!(
            "INSERT INTO drafts (id, rep_username, created_at, updated_at, status, lang, \
             personal, key_id, environment_key, merchant_id) \
             VALUES (?1, ?2, ?3, ?3, 'editing', ?4, ?5, ?6, ?7, ?8)" RETURNING *,
            id,
            rep,
            now,
            lang,
            sealed,
            key_id,
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_one(&self.pool)
        .await?
        .open(&self.key)
    }

    /// Saves the fields of a draft being edited; returns after COMMIT (durable:
    /// synchronous=FULL). Refused with `DraftLocked` unless status is `editing`. Bumps
    /// revision and updated_at. `lang` is the applicant's language; `terms` the version
    /// of the terms accepted and, when known, the language they were accepted in.
    pub async fn save_fields<'t>(
        &self,
        id: &str,
        fields_json: &str,
        applicant_name: &str,
        lang: &str,
        terms: impl Into<Terms<'t>>,
    ) -> Result<DraftRecord, StoreError> {
        validate::json("fields_json", fields_json)?;
        validate::lang(lang)?;
        let Terms {
            version: tos_version,
            lang: tos_lang,
        } = terms.into();
        if let Some(tos_lang) = tos_lang {
            validate::lang(tos_lang)?;
        }
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
            frozen_request: None,
        };
        let (sealed, key_id) = (seal::seal(&self.key, id, &personal)?, self.key.id());
        let updated_at = now();
        let draft = query_draft!(
            "UPDATE drafts SET personal = ?2, key_id = ?3, lang = ?4, tos_version = ?5, \
             tos_lang = ?7, updated_at = ?6, revision = revision + 1 WHERE id = ?1" RETURNING *,
            id,
            sealed,
            key_id,
            lang,
            tos_version,
            updated_at,
            tos_lang,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Draft `id` in full; `DraftNotFound` if there is none.
    pub async fn draft(&self, id: &str) -> Result<DraftRecord, StoreError> {
        let mut conn = self.pool.acquire().await?;
        load(&mut conn, &self.key, id).await
    }

    /// The drafts started in `scope` (same environment and same merchant; a set-aside
    /// `cancelled` one included), newest (last updated) first, whoever owns them. A damaged
    /// row is listed with the reason (see [`DraftSummary`]); only a row whose id cannot be
    /// read is left out (and logged). Drafts an older version wrote have no scope and are
    /// not listed until [`Store::claim_unscoped_drafts`].
    pub async fn drafts_in(&self, scope: &DraftScope) -> Result<Vec<DraftSummary>, StoreError> {
        let rows = query_summary!(
            "WHERE environment_key = ?1 AND merchant_id = ?2 ORDER BY updated_at DESC, id DESC",
            scope.environment_key,
            scope.merchant_id,
        )
        .fetch_all(&self.pool)
        .await?;
        Ok(summaries(rows, &self.key))
    }

    /// Binds every draft that has no scope (written by a version before drafts were bound)
    /// to `scope`; returns how many. Their `updated_at` and `revision` are unchanged (no rep
    /// touched them, so their retention period runs on).
    pub async fn claim_unscoped_drafts(&self, scope: &DraftScope) -> Result<u64, StoreError> {
        validate::scope(scope)?;
        let claimed = sqlx::query!(
            "UPDATE drafts SET environment_key = ?1, merchant_id = ?2 \
             WHERE environment_key IS NULL",
            scope.environment_key,
            scope.merchant_id,
        )
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(claimed)
    }

    /// Hands draft `id` over to `rep` (whatever its status: an unknown outcome may be
    /// checked again by the rep who takes it over), bumping `updated_at` and `revision`,
    /// in one transaction; returns the draft. `DraftNotFound` if there is none.
    pub async fn take_over_draft(&self, id: &str, rep: &str) -> Result<DraftRecord, StoreError> {
        validate::non_empty("rep", rep)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        // Read first: a missing draft is `draft_not_found`, a damaged one `corrupt_row`.
        load(&mut tx, &self.key, id).await?;
        let updated_at = now();
        let draft = query_draft!(
            "UPDATE drafts SET rep_username = ?2, updated_at = ?3, revision = revision + 1 \
             WHERE id = ?1" RETURNING *,
            id,
            rep,
            updated_at,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(draft)
    }

    /// Deletes draft `id` (its pages are overwritten: secure_delete). Refused with
    /// `DraftLocked` while its decision is not known (`submitting`, `outcome_unknown`, or
    /// set aside as `cancelled`): Flexiti may hold an application the rep would then never
    /// learn the outcome of. Retention purges a cancelled draft in its time.
    pub async fn discard_draft(&self, id: &str) -> Result<(), StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        if status.awaits_decision() {
            return Err(StoreError::DraftLocked {
                id: id.to_owned(),
                status,
            });
        }
        sqlx::query!("DELETE FROM drafts WHERE id = ?1", id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }
}
