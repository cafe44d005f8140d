//! The submission state machine of a draft, each step one transaction:
//! `editing -> submitting -> (outcome_unknown ->) approved | pending | declined`; an unknown
//! outcome the rep sets aside becomes `cancelled` (keys kept, decision still learnable); a
//! submission Flexiti proved it did not record goes back to `editing`. The idempotency key
//! and reference id are written before
//! the request leaves, and kept while the outcome is unknown, so a retry after a crash or a
//! timeout reuses them and Flexiti never sees two applications for one.

use pos_core::Personal;
use sqlx::SqliteConnection;

use crate::clock::now;
use crate::drafts::{current_status, load, query_draft};
use crate::seal::{self, DataKey, PersonalData};
use crate::{validate, DraftRecord, DraftStatus, Store, StoreError};

impl Store {
    /// `editing -> submitting`, storing the keys and the request exactly as it will be sent
    /// (sealed with the answers), in one transaction, before anything leaves. If the draft is
    /// already `submitting` or `outcome_unknown` it is returned unchanged with its existing
    /// keys and request (so a retry reuses them; the ones passed in are then ignored). Any
    /// other status: `DraftLocked`.
    pub async fn begin_submission(
        &self,
        id: &str,
        idempotency_key: &str,
        reference_id: &str,
        frozen_request: &str,
    ) -> Result<DraftRecord, StoreError> {
        validate::non_empty("idempotency_key", idempotency_key)?;
        validate::non_empty("reference_id", reference_id)?;
        validate::non_empty("frozen_request", frozen_request)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        let draft = match status {
            DraftStatus::Editing => {
                let current = load(&mut tx, &self.key, id).await?;
                let personal = PersonalData {
                    applicant_name: current.applicant_name,
                    fields_json: current.fields_json,
                    decision_json: None,
                    frozen_request: Some(Personal::new(frozen_request.to_owned())),
                };
                let (sealed, key_id) = (seal::seal(&self.key, id, &personal)?, self.key.id());
                let submitted_at = now();
                query_draft!(
                    "UPDATE drafts SET status = 'submitting', idempotency_key = ?2, \
                     reference_id = ?3, submitted_at = ?4, updated_at = ?4, personal = ?5, \
                     key_id = ?6, revision = revision + 1 WHERE id = ?1" RETURNING *,
                    id,
                    idempotency_key,
                    reference_id,
                    submitted_at,
                    sealed,
                    key_id,
                )
                .fetch_one(&mut *tx)
                .await?
                .open(&self.key)?
            }
            DraftStatus::Submitting | DraftStatus::OutcomeUnknown => {
                load(&mut tx, &self.key, id).await?
            }
            _ => {
                return Err(StoreError::DraftLocked {
                    id: id.to_owned(),
                    status,
                })
            }
        };
        tx.commit().await?;
        Ok(draft)
    }

    /// `submitting -> outcome_unknown` (the request may have arrived; no answer came back).
    /// A draft already `outcome_unknown`, or set aside (`cancelled`), is returned unchanged.
    /// Other statuses: `DraftNotSubmitting`.
    pub async fn mark_outcome_unknown(&self, id: &str) -> Result<DraftRecord, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        let draft = match status {
            DraftStatus::Submitting => {
                set_status(&mut tx, &self.key, id, DraftStatus::OutcomeUnknown).await?
            }
            DraftStatus::OutcomeUnknown | DraftStatus::Cancelled => {
                load(&mut tx, &self.key, id).await?
            }
            _ => return Err(not_submitting(id, status)),
        };
        tx.commit().await?;
        Ok(draft)
    }

    /// `submitting | outcome_unknown | cancelled -> approved | pending | declined`, with the decision as
    /// JSON. The personal part is cut down, in the same transaction, to what the rep needs
    /// from now on: the applicant's name and the decision (the answers are dropped). The
    /// keys stay on the draft (the reference id identifies the application).
    pub async fn record_decision(
        &self,
        id: &str,
        status: DraftStatus,
        decision_json: &str,
    ) -> Result<DraftRecord, StoreError> {
        if !status.is_decision() {
            return Err(StoreError::InvalidInput {
                what: "status",
                reason: "a decision is approved, pending or declined",
            });
        }
        validate::json("decision_json", decision_json)?;
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let current = load(&mut tx, &self.key, id).await?;
        if !current.status.awaits_decision() {
            return Err(not_submitting(id, current.status));
        }
        let receipt = PersonalData {
            applicant_name: current.applicant_name,
            fields_json: Personal::new("{}".to_owned()),
            decision_json: Some(Personal::new(decision_json.to_owned())),
            frozen_request: None,
        };
        let (sealed, key_id) = (seal::seal(&self.key, id, &receipt)?, self.key.id());
        let (status, updated_at) = (status.as_str(), now());
        let draft = query_draft!(
            "UPDATE drafts SET status = ?2, personal = ?3, key_id = ?4, updated_at = ?5, \
             revision = revision + 1 WHERE id = ?1" RETURNING *,
            id,
            status,
            sealed,
            key_id,
            updated_at,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(draft)
    }

    /// `submitting | outcome_unknown -> cancelled`: the rep set an unknown outcome aside.
    /// The keys stay, so "check again" still asks about the same application; the draft
    /// stays listed, read-only, until retention purges it. A draft already `cancelled` is
    /// returned unchanged. Other statuses: `DraftNotSubmitting`.
    pub async fn set_aside(&self, id: &str) -> Result<DraftRecord, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        let draft = match status {
            DraftStatus::Submitting | DraftStatus::OutcomeUnknown => {
                set_status(&mut tx, &self.key, id, DraftStatus::Cancelled).await?
            }
            DraftStatus::Cancelled => load(&mut tx, &self.key, id).await?,
            _ => return Err(not_submitting(id, status)),
        };
        tx.commit().await?;
        Ok(draft)
    }

    /// `submitting | outcome_unknown | cancelled -> editing`, keys, request and submitted_at
    /// cleared: Flexiti answered in a way that proves nothing was recorded, so the next
    /// submit is a new submission. Other statuses: `DraftNotSubmitting`.
    pub async fn cancel_submission(&self, id: &str) -> Result<DraftRecord, StoreError> {
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let status = current_status(&mut tx, id).await?;
        if !status.awaits_decision() {
            return Err(not_submitting(id, status));
        }
        let current = load(&mut tx, &self.key, id).await?;
        let personal = PersonalData {
            applicant_name: current.applicant_name,
            fields_json: current.fields_json,
            decision_json: None,
            frozen_request: None,
        };
        let (sealed, key_id) = (seal::seal(&self.key, id, &personal)?, self.key.id());
        let updated_at = now();
        let draft = query_draft!(
            "UPDATE drafts SET status = 'editing', idempotency_key = NULL, reference_id = NULL, \
             submitted_at = NULL, updated_at = ?2, personal = ?3, key_id = ?4, \
             revision = revision + 1 WHERE id = ?1" RETURNING *,
            id,
            updated_at,
            sealed,
            key_id,
        )
        .fetch_one(&mut *tx)
        .await?
        .open(&self.key)?;
        tx.commit().await?;
        Ok(draft)
    }
}

/// Sets the status, bumping revision and updated_at.
async fn set_status(
    conn: &mut SqliteConnection,
    key: &DataKey,
    id: &str,
    status: DraftStatus,
) -> Result<DraftRecord, StoreError> {
    let (status, updated_at) = (status.as_str(), now());
    query_draft!(
        "UPDATE drafts SET status = ?2, updated_at = ?3, revision = revision + 1 \
         WHERE id = ?1" RETURNING *,
        id,
        status,
        updated_at,
    )
    .fetch_one(conn)
    .await?
    .open(key)
}

fn not_submitting(id: &str, status: DraftStatus) -> StoreError {
    StoreError::DraftNotSubmitting {
        id: id.to_owned(),
        status,
    }
}
