//! The drafts a rep fills in (list, start, open, save, discard), each shown with the problems
//! the shared rules find now, so the form and the store never disagree about a draft.

use chrono::Local;
use pos_core::Personal;
use pos_store::{AuditEvent, DraftRecord, DraftStatus};

use super::{lang_of, Engine};
use crate::application::{self, Fields, Purpose};
use crate::dto::{DraftSummaryView, DraftView, Lang, SaveDraftInput, SavedDraft};
use crate::error::{AppError, AppResult};

impl Engine {
    /// A stored draft as the form shows it, with the problems found now.
    pub(super) async fn view(&self, record: DraftRecord) -> AppResult<DraftView> {
        let fields: Fields = serde_json::from_str(record.fields_json.expose()).unwrap_or_default();
        let lang = lang_of(&record.lang);
        let tos_lang = record.tos_lang.as_deref().and_then(Lang::parse);
        let store_id = self.state.lock().await.settings.store_id.clone();
        // A decided draft is a receipt (name and decision): there is nothing left to check.
        let errors = if record.status.is_decision() {
            Vec::new()
        } else {
            application::check(
                &fields,
                lang,
                &store_id,
                &self.options().await,
                Local::now().date_naive(),
                Purpose::Save,
            )
        };
        let decision = record
            .decision_json
            .as_ref()
            .and_then(|d| serde_json::from_str(d.expose()).ok());
        Ok(DraftView {
            id: record.id,
            status: record.status,
            applicant_lang: lang,
            applicant_name: record.applicant_name,
            fields,
            tos_version: record.tos_version,
            tos_lang,
            updated_at: record.updated_at,
            revision: record.revision,
            errors,
            decision,
        })
    }

    /// The drafts of this environment and merchant, newest first: the rep's own with the
    /// applicant's name, a colleague's without it (who owns it, its status and age only).
    pub async fn list_drafts(&self) -> AppResult<Vec<DraftSummaryView>> {
        let who = self.rep_scope().await?;
        Ok(self
            .store
            .drafts_in(&who.scope)
            .await?
            .into_iter()
            .map(|d| {
                let mine = d.rep_username == who.rep;
                let (applicant_name, mut unreadable) = match d.applicant_name {
                    Ok(name) if mine => (name, None),
                    Ok(_) => (Personal::default(), None),
                    Err(error) => (Personal::default(), Some(error.code().to_owned())),
                };
                // A row this version cannot read is listed as such (it can be discarded),
                // never a failed list.
                let status = match d.status {
                    Ok(status) => status,
                    Err(corrupt) => {
                        unreadable = Some(corrupt.error_code().as_str().to_owned());
                        DraftStatus::Editing
                    }
                };
                DraftSummaryView {
                    id: d.id,
                    applicant_name,
                    unreadable,
                    status,
                    updated_at: d.updated_at,
                    rep: d.rep_username,
                    mine,
                }
            })
            .collect())
    }

    pub async fn new_draft(&self) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        // The store's language until the rep changes the applicant's on purpose; the
        // screen's language has nothing to do with it.
        let lang = self.state.lock().await.settings.store_lang;
        let record = self
            .store
            .create_draft(&who.rep, lang.code(), &who.scope)
            .await?;
        self.view(record).await
    }

    /// Reopens one of the rep's drafts; every opening is audited (a read of applicant data).
    pub async fn open_draft(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let record = self.own_draft(&who, id.as_ref()).await?;
        self.audit(
            AuditEvent::DraftOpened,
            Some(&who.rep),
            "ok",
            Some(id.as_ref()),
        )
        .await?;
        self.view(record).await
    }

    /// Takes a colleague's draft (of this environment and merchant) over, then opens it:
    /// the shift handover, audited with the previous owner.
    pub async fn take_over_draft(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let id = id.as_ref();
        let claim = self.sending.claim(id)?;
        let before = self.draft_in_scope(&who, id).await?;
        if before.rep_username == who.rep {
            drop(claim);
            return self.open_draft(id).await;
        }
        let record = self.store.take_over_draft(id, &who.rep).await?;
        let detail = format!("{id} from={}", before.rep_username);
        self.audit(
            AuditEvent::DraftTakenOver,
            Some(&who.rep),
            "ok",
            Some(&detail),
        )
        .await?;
        self.view(record).await
    }

    pub async fn discard_draft(&self, id: impl AsRef<str>) -> AppResult<()> {
        let who = self.rep_scope().await?;
        let _claim = self.sending.claim(id.as_ref())?;
        if self.owner_in_scope(&who, id.as_ref()).await? != who.rep {
            return Err(AppError::DraftOfAnotherRep);
        }
        Ok(self.store.discard_draft(id.as_ref()).await?)
    }

    /// Saves every answer (acknowledged after the commit) and returns the problems found now.
    pub async fn save_draft(&self, input: SaveDraftInput) -> AppResult<SavedDraft> {
        let who = self.rep_scope().await?;
        let _claim = self.sending.claim(&input.id)?;
        self.own_draft(&who, &input.id).await?;
        let fields: Fields = input
            .fields
            .into_iter()
            .filter(|(k, _)| application::is_known_field(k))
            .collect();
        let json =
            serde_json::to_string(&fields).map_err(|_| AppError::Internal("fields".into()))?;
        let record = self
            .store
            .save_fields(
                &input.id,
                &json,
                &application::applicant_name(&fields),
                input.applicant_lang.code(),
                pos_store::Terms {
                    version: input.tos_version.as_deref(),
                    lang: input
                        .tos_version
                        .as_ref()
                        .and(input.tos_lang)
                        .map(Lang::code),
                },
            )
            .await?;
        let store_id = self.state.lock().await.settings.store_id.clone();
        let errors = application::check(
            &fields,
            input.applicant_lang,
            &store_id,
            &self.options().await,
            Local::now().date_naive(),
            Purpose::Save,
        );
        Ok(SavedDraft {
            id: record.id,
            revision: record.revision,
            saved_at: record.updated_at,
            errors,
        })
    }
}
