//! The drafts a rep fills in (list, start, open, save, discard), each shown with the problems
//! the shared rules find now, so the form and the store never disagree about a draft.

use chrono::Local;
use pos_core::Personal;
use pos_store::DraftRecord;

use super::{lang_of, Engine};
use crate::application::{self, Fields, Purpose};
use crate::dto::{DraftSummaryView, DraftView, SaveDraftInput, SavedDraft};
use crate::error::{AppError, AppResult};

impl Engine {
    /// A stored draft as the form shows it, with the problems found now.
    pub(super) async fn view(&self, record: DraftRecord) -> AppResult<DraftView> {
        let fields: Fields = serde_json::from_str(record.fields_json.expose()).unwrap_or_default();
        let lang = lang_of(&record.lang);
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
            lang,
            applicant_name: record.applicant_name,
            fields,
            tos_version: record.tos_version,
            updated_at: record.updated_at,
            revision: record.revision,
            errors,
            decision,
        })
    }

    pub async fn list_drafts(&self) -> AppResult<Vec<DraftSummaryView>> {
        self.rep().await?;
        Ok(self
            .store
            .drafts()
            .await?
            .into_iter()
            .map(|d| {
                let (applicant_name, unreadable) = match d.applicant_name {
                    Ok(name) => (name, None),
                    Err(error) => (Personal::default(), Some(error.code().to_owned())),
                };
                DraftSummaryView {
                    id: d.id,
                    applicant_name,
                    unreadable,
                    status: d.status,
                    updated_at: d.updated_at,
                }
            })
            .collect())
    }

    pub async fn new_draft(&self) -> AppResult<DraftView> {
        let rep = self.rep().await?;
        let lang = self.state.lock().await.lang;
        let record = self.store.create_draft(&rep, lang.code()).await?;
        self.view(record).await
    }

    pub async fn open_draft(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        self.rep().await?;
        let record = self.store.draft(id.as_ref()).await?;
        self.view(record).await
    }

    pub async fn discard_draft(&self, id: impl AsRef<str>) -> AppResult<()> {
        self.rep().await?;
        let _claim = self.sending.claim(id.as_ref())?;
        Ok(self.store.discard_draft(id.as_ref()).await?)
    }

    /// Saves every answer (acknowledged after the commit) and returns the problems found now.
    pub async fn save_draft(&self, input: SaveDraftInput) -> AppResult<SavedDraft> {
        self.rep().await?;
        let _claim = self.sending.claim(&input.id)?;
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
                input.lang.code(),
                input.tos_version.as_deref(),
            )
            .await?;
        let store_id = self.state.lock().await.settings.store_id.clone();
        let errors = application::check(
            &fields,
            input.lang,
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
