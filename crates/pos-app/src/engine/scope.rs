//! Applicants stay where they belong: a draft is bound to the environment and the merchant
//! it was started under, and to the rep who owns it. Elsewhere it does not exist; a
//! colleague's opens only once taken over. One check here serves every draft command.

use pos_store::{DraftRecord, DraftScope, StoreError};

use super::{Access, Engine};
use crate::error::{AppError, AppResult};

/// The signed-in rep and where their session is: environment and merchant.
pub(super) struct RepScope {
    pub(super) rep: String,
    pub(super) scope: DraftScope,
}

impl Engine {
    /// The gate for a draft command: an unlocked session; returns the rep and their scope.
    pub(super) async fn rep_scope(&self) -> AppResult<RepScope> {
        let mut state = self.state.lock().await;
        state.gate.admit(Access::Unlocked)?;
        let environment_key = state.settings.environment_key();
        let session = state.gate.session().ok_or(AppError::NotSignedIn)?;
        Ok(RepScope {
            rep: session.rep.clone(),
            scope: DraftScope {
                environment_key,
                merchant_id: session.merchant_id.clone(),
            },
        })
    }

    /// Draft `id` if it belongs to this environment and merchant (else `draft_not_found`,
    /// exactly as a draft that does not exist), whoever owns it.
    pub(super) async fn draft_in_scope(&self, who: &RepScope, id: &str) -> AppResult<DraftRecord> {
        let record = self.store.draft(id).await?;
        let in_scope = record.environment_key.as_deref() == Some(&who.scope.environment_key)
            && record.merchant_id.as_deref() == Some(&who.scope.merchant_id);
        if !in_scope {
            return Err(StoreError::DraftNotFound { id: id.to_owned() }.into());
        }
        Ok(record)
    }

    /// Who owns draft `id`, when it is in scope (else `draft_not_found`), read from the
    /// clear metadata only: a draft that cannot be opened (another key, damaged) still
    /// answers, so its owner can discard it.
    pub(super) async fn owner_in_scope(&self, who: &RepScope, id: &str) -> AppResult<String> {
        self.store
            .drafts_in(&who.scope)
            .await?
            .into_iter()
            .find(|d| d.id == id)
            .map(|d| d.rep_username)
            .ok_or_else(|| StoreError::DraftNotFound { id: id.to_owned() }.into())
    }

    /// Draft `id` if it is in scope and the rep's own (else `draft_of_another_rep`).
    pub(super) async fn own_draft(&self, who: &RepScope, id: &str) -> AppResult<DraftRecord> {
        let record = self.draft_in_scope(who, id).await?;
        if record.rep_username != who.rep {
            return Err(AppError::DraftOfAnotherRep);
        }
        Ok(record)
    }
}
