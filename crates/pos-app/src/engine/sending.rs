//! One send per draft at a time: while a submission or a "check again" of a draft is on
//! the wire, every other command that could send, change or forget that draft answers
//! `draft_busy`, so two presses, two windows or two reps can never race one application.

use std::collections::HashSet;
use std::sync::{Mutex, PoisonError};

use crate::error::{AppError, AppResult};

/// The drafts being sent right now.
#[derive(Default)]
pub struct SendingDrafts {
    ids: Mutex<HashSet<String>>,
}

/// Held while one draft is being sent (or changed); releases it when dropped, whatever
/// way the command ends (an answer, an error, a panic, a dropped future).
pub struct DraftClaim<'a> {
    drafts: &'a SendingDrafts,
    id: String,
}

impl SendingDrafts {
    /// Claims draft `id` for one command, or `DraftBusy` when another command holds it.
    pub fn claim(&self, id: &str) -> AppResult<DraftClaim<'_>> {
        let mut ids = self.ids.lock().unwrap_or_else(PoisonError::into_inner);
        if !ids.insert(id.to_owned()) {
            return Err(AppError::DraftBusy);
        }
        Ok(DraftClaim {
            drafts: self,
            id: id.to_owned(),
        })
    }
}

impl Drop for DraftClaim<'_> {
    fn drop(&mut self) {
        let mut ids = self
            .drafts
            .ids
            .lock()
            .unwrap_or_else(PoisonError::into_inner);
        ids.remove(&self.id);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_claimed_draft_is_busy_until_the_claim_is_dropped() {
        let drafts = SendingDrafts::default();
        let first = drafts.claim("a");
        assert!(first.is_ok());
        assert!(matches!(drafts.claim("a"), Err(AppError::DraftBusy)));
        assert!(drafts.claim("b").is_ok(), "another draft is not busy");
        drop(first);
        assert!(drafts.claim("a").is_ok(), "released when dropped");
    }
}
