//! Sending an application, where a lost answer must never become a second application: the
//! keys are stored before sending, "check again" re-sends the same request, one send per
//! draft runs at a time, and an unknown outcome stays unknown until Flexiti answers it.

use chrono::Local;
use flexiti_api::{ApiError, BusinessCode, IdempotencyKey, ReferenceId, Submission};
use pos_store::{AuditEvent, DraftStatus as StoreStatus};

use super::{lang_of, Engine};
use crate::application::{self, Fields, Purpose};
use crate::decision;
use crate::dto::{DraftView, Lang};
use crate::error::{AppError, AppResult};

impl Engine {
    /// Checks, persists the submission's keys, sends, and records what came back.
    /// A draft already sent is not sent anew: one in flight or set aside is asked about
    /// again (same request, same keys), a decided one is returned as it is.
    pub async fn submit_draft(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let rep = who.rep.clone();
        let id = id.as_ref();
        let _claim = self.sending.claim(id)?;
        let record = self.own_draft(&who, id).await?;
        let first_send = record.status == StoreStatus::Editing;
        if !first_send && !record.status.awaits_decision() {
            return self.view(record).await;
        }
        if first_send {
            let fields: Fields =
                serde_json::from_str(record.fields_json.expose()).unwrap_or_default();
            let (store_id, lang) = (
                self.state.lock().await.settings.store_id.clone(),
                lang_of(&record.lang),
            );
            let problems = application::check(
                &fields,
                lang,
                &store_id,
                &self.options().await,
                Local::now().date_naive(),
                Purpose::Submit,
            );
            let mut problems = problems;
            // An acceptance is recorded with the language it was given in (Quebec: the
            // French version comes first): without it, the terms were not accepted.
            if record.tos_lang.is_none() && !problems.iter().any(|p| p.field == "tos_agreement") {
                problems.push(crate::dto::FieldIssue {
                    field: "tos_agreement".into(),
                    problem: pos_core::FieldProblem::Required,
                });
            }
            if !problems.is_empty() {
                return Err(AppError::Fields(problems));
            }
            // The request is built and frozen here, once: every later send of this draft,
            // by any rep, whatever the settings say by then, re-sends these bytes.
            let frozen = self.build_request(&record, &rep).await?;
            self.store
                .begin_submission(
                    id,
                    IdempotencyKey::new().as_str(),
                    ReferenceId::new().as_str(),
                    &frozen.to_text()?,
                )
                .await?;
        }
        // The first send records which terms the applicant accepted, in which language.
        let detail = if first_send {
            format!(
                "{id} terms={} terms_lang={}",
                record.tos_version.as_deref().unwrap_or("-"),
                record.tos_lang.as_deref().unwrap_or("-")
            )
        } else {
            id.to_owned()
        };
        self.audit(AuditEvent::Submit, Some(&rep), "sent", Some(&detail))
            .await?;
        self.send(&rep, id, first_send).await
    }

    /// "Check again": the same request, same keys; the original decision comes back. Works
    /// on a draft set aside (`cancelled`) too, which stays cancelled while no answer comes.
    pub async fn check_again(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let rep = who.rep.clone();
        let id = id.as_ref();
        let _claim = self.sending.claim(id)?;
        let record = self.own_draft(&who, id).await?;
        if !record.status.awaits_decision() {
            return self.view(record).await;
        }
        self.audit(AuditEvent::Submit, Some(&rep), "check_again", Some(id))
            .await?;
        self.send(&rep, id, false).await
    }

    /// "Cancel" on an unknown outcome: the draft is set aside as `cancelled` (read-only,
    /// still listed, keys kept, "check again" still possible), never back to editing.
    pub async fn cancel_submission(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let rep = who.rep.clone();
        let id = id.as_ref();
        let _claim = self.sending.claim(id)?;
        self.own_draft(&who, id).await?;
        let record = self.store.set_aside(id).await?;
        self.audit(AuditEvent::Submit, Some(&rep), "set_aside", Some(id))
            .await?;
        self.view(record).await
    }

    /// "Apply again" for the customer of a set-aside draft, after the rep was warned that
    /// Flexiti may have recorded the first: a new draft with a copy of the answers (the
    /// terms to accept again), audited with both ids. The first stays set aside, its keys
    /// and "check again" intact.
    pub async fn apply_again(&self, id: impl AsRef<str>) -> AppResult<DraftView> {
        let who = self.rep_scope().await?;
        let rep = who.rep.clone();
        let id = id.as_ref();
        let _claim = self.sending.claim(id)?;
        let first = self.own_draft(&who, id).await?;
        if first.status != StoreStatus::Cancelled {
            return Err(AppError::DraftNotSetAside);
        }
        let mut fields: Fields = serde_json::from_str(first.fields_json.expose())
            .map_err(|_| AppError::Internal("fields".into()))?;
        fields.remove("tos_agreement");
        let fields_json =
            serde_json::to_string(&fields).map_err(|_| AppError::Internal("fields".into()))?;
        let copy = self
            .store
            .create_draft(&rep, &first.lang, &who.scope)
            .await?;
        let copy = self
            .store
            .save_fields(
                &copy.id,
                &fields_json,
                first.applicant_name.expose(),
                &first.lang,
                None,
            )
            .await?;
        let detail = format!("{id} -> {}", copy.id);
        self.audit(AuditEvent::Submit, Some(&rep), "apply_again", Some(&detail))
            .await?;
        self.view(copy).await
    }

    /// Sends the stored request of draft `id` (the caller holds its claim) and records what
    /// came back. `first_send`: the draft was being edited until this command, so an
    /// error the client says nothing was acted on ends the submission; otherwise the
    /// outcome was already unknown and only Flexiti's answer to this request ends it.
    async fn send(&self, rep: &str, id: &str, first_send: bool) -> AppResult<DraftView> {
        let record = self.store.draft(id).await?;
        let client = self.client().await?;
        let submission = match (
            record.idempotency_key.as_deref(),
            record.reference_id.as_deref(),
        ) {
            (Some(key), Some(reference)) => Submission {
                idempotency_key: IdempotencyKey::parse(key)
                    .ok_or(AppError::Internal("stored key".into()))?,
                reference_id: ReferenceId::parse(reference)
                    .ok_or(AppError::Internal("stored reference".into()))?,
            },
            _ => return Err(AppError::Internal("submission keys missing".into())),
        };
        let frozen = match record.frozen_request.as_ref() {
            Some(text) => FrozenRequest::from_text(text.expose())?,
            // In flight since before requests were frozen: rebuilt once, from the stored
            // answers (nothing left this time if that fails; an earlier send may still
            // have been recorded, so only a first send goes back to editing).
            None => match self.build_request(&record, rep).await {
                Ok(frozen) => frozen,
                Err(error) => {
                    if first_send {
                        self.store.cancel_submission(id).await?;
                    }
                    return Err(error);
                }
            },
        };
        match client
            .apply_body(frozen.lang, frozen.body.into_bytes(), &submission)
            .await
        {
            Ok(decision) => {
                let status = decision::stored_status(&decision);
                let stored = decision::StoredDecision::from(&decision);
                let view = &stored.view;
                let json = serde_json::to_string(&stored)
                    .map_err(|_| AppError::Internal("decision".into()))?;
                let record = self.store.record_decision(id, status, &json).await?;
                self.audit(AuditEvent::Decision, Some(rep), &view.outcome, Some(id))
                    .await?;
                self.view(record).await
            }
            Err(ApiError::OutcomeUnknown) => {
                let record = self.store.mark_outcome_unknown(id).await?;
                self.audit(AuditEvent::Decision, Some(rep), "outcome_unknown", Some(id))
                    .await?;
                self.view(record).await
            }
            Err(error) => {
                // The client says OutcomeUnknown whenever this request may have been acted
                // on. On a first send any other error means nothing was recorded; once the
                // outcome is unknown (set aside or not), only an answer proving it ends that
                // state: then the draft is back to editing, as if never sent.
                if first_send || proves_nothing_recorded(&error) {
                    self.store.cancel_submission(id).await?;
                } else {
                    self.store.mark_outcome_unknown(id).await?;
                }
                self.audit(AuditEvent::Decision, Some(rep), error.code(), Some(id))
                    .await?;
                Err(error.into())
            }
        }
    }
}

/// An answer to a request sent before that proves Flexiti recorded nothing for it: the
/// request itself was refused (field errors), or Flexiti says it could not create the
/// application. Anything else (no network, a token refused, 401, 403, 429, 5xx, a page
/// or an answer that cannot be read, "customer already exists", a reused key) proves
/// nothing about the first send, so the outcome stays unknown.
fn proves_nothing_recorded(error: &ApiError) -> bool {
    matches!(
        error,
        ApiError::WrongInputs { .. }
            | ApiError::Business {
                code: BusinessCode::ApplicationCreateError,
                ..
            }
    )
}

impl Engine {
    /// The request of a draft, built from its stored answers, this terminal's store id and
    /// `rep`: once at the first send (then frozen), and once more for a draft in flight
    /// since before requests were frozen.
    async fn build_request(
        &self,
        record: &pos_store::DraftRecord,
        rep: &str,
    ) -> AppResult<FrozenRequest> {
        let fields: Fields = serde_json::from_str(record.fields_json.expose())
            .map_err(|_| AppError::Internal("fields".into()))?;
        let lang = lang_of(&record.lang);
        let store_id = self.state.lock().await.settings.store_id.clone();
        let request =
            application::to_request(&fields, lang, record.tos_version.as_deref(), &store_id, rep)
                .map_err(|issue| AppError::Fields(vec![issue]))?;
        FrozenRequest::new(lang, &request)
    }
}

/// A request exactly as first sent: the applicant's language (the `?lang=` of the call)
/// and the JSON body's bytes. Kept sealed with the draft until its decision is recorded.
#[derive(serde::Serialize, serde::Deserialize)]
struct FrozenRequest {
    lang: Lang,
    body: String,
}

impl FrozenRequest {
    fn new(lang: Lang, request: &flexiti_api::ApplyRequest) -> AppResult<FrozenRequest> {
        let body = String::from_utf8(flexiti_api::apply_body(request)?)
            .map_err(|_| AppError::Internal("request body".into()))?;
        Ok(FrozenRequest { lang, body })
    }

    fn to_text(&self) -> AppResult<String> {
        serde_json::to_string(self).map_err(|_| AppError::Internal("frozen request".into()))
    }

    fn from_text(text: &str) -> AppResult<FrozenRequest> {
        serde_json::from_str(text).map_err(|_| AppError::Internal("frozen request".into()))
    }
}

#[cfg(test)]
mod tests {
    use flexiti_api::{OAuthCode, TransportKind};

    use super::*;

    fn business(code: BusinessCode) -> ApiError {
        ApiError::Business {
            code,
            message: None,
        }
    }

    #[test]
    fn only_field_errors_and_a_create_error_prove_nothing_was_recorded() {
        assert!(proves_nothing_recorded(&ApiError::WrongInputs {
            field_errors: Vec::new()
        }));
        assert!(proves_nothing_recorded(&business(
            BusinessCode::ApplicationCreateError
        )));
        for error in [
            ApiError::Transport {
                kind: TransportKind::Connect,
            },
            ApiError::Transport {
                kind: TransportKind::Timeout,
            },
            ApiError::Server { status: 503 },
            ApiError::HtmlPage { status: 502 },
            ApiError::UnexpectedStatus { status: 429 },
            ApiError::Unauthorized,
            ApiError::InsufficientScope,
            ApiError::NotFound,
            ApiError::OAuth {
                code: OAuthCode::InvalidClient,
            },
            ApiError::Malformed,
            ApiError::TooLarge,
            ApiError::OutcomeUnknown,
            business(BusinessCode::CustomerAlreadyExists),
            business(BusinessCode::IdempotencyKeyReused),
            business(BusinessCode::GeneralError),
            business(BusinessCode::TosAgreementRequired),
        ] {
            assert!(!proves_nothing_recorded(&error), "{error:?}");
        }
    }
}
