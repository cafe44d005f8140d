//! The customer proves the account is theirs before the charge: a PIN sent by SMS or
//! email that they read out, or their security answer (the PIN comes back and stays in
//! the engine, never on screen), or, for a small regular purchase Flexiti quoted so, no
//! PIN. Each new verification takes a new `request_id`.

use flexiti_api::{RequestId, Secret, Verification, VerifyFormat, VerifyRequest};
use pos_store::AuditEvent;

use super::quote::unlocked;
use super::{Choice, Verifying};
use crate::engine::scope::RepScope;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{PurchaseView, VerifyMethod};

fn format_of(method: VerifyMethod) -> VerifyFormat {
    match method {
        VerifyMethod::Sms => VerifyFormat::Sms,
        VerifyMethod::Email => VerifyFormat::Email,
        VerifyMethod::SecurityQuestion => VerifyFormat::SecurityQuestion,
        VerifyMethod::Bypass => VerifyFormat::RegularPurchaseBypass,
    }
}

impl Engine {
    /// Starts a verification: sends the PIN by SMS or email, asks the security question
    /// (answered with [`Engine::answer_security_question`]), or, for a bypass, gets the
    /// PIN at once.
    pub async fn start_verification(
        &self,
        purchase_id: String,
        method: VerifyMethod,
    ) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let (account, card) = self
            .purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                let choice = p.choice.ok_or(AppError::PurchaseStepMissing)?;
                if method == VerifyMethod::Bypass {
                    let quoted = p
                        .quote(p.customer_lang)
                        .and_then(|q| q.regular_purchase.as_ref())
                        .is_some_and(|r| r.verify);
                    if choice != Choice::Regular || !quoted {
                        return Err(AppError::BypassNotAllowed);
                    }
                }
                let question = p
                    .lookup
                    .security_qid
                    .as_ref()
                    .map(|q| (q.id, q.text.clone().unwrap_or_default()));
                p.verifying = Some(Verifying {
                    method,
                    format: format_of(method),
                    request_id: RequestId::new(),
                    awaiting_pin: false,
                    question: (method == VerifyMethod::SecurityQuestion)
                        .then_some(question)
                        .flatten(),
                    pin: None,
                    wrong_codes: 0,
                });
                Ok((p.account.clone(), p.card.clone()))
            })?;
        if method == VerifyMethod::SecurityQuestion {
            return self.purchase_view(&who, &purchase_id).await;
        }
        let request = self.verify_request(&who, &purchase_id, card, None)?;
        let client = self.client().await?;
        let answer = client.verify(&account, &request).await;
        self.record_verification(&who, &purchase_id, &request.request_id, answer)
            .await
    }

    /// The customer's security answer: Flexiti gives the PIN back if it matches.
    pub async fn answer_security_question(
        &self,
        purchase_id: String,
        answer: String,
    ) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let (account, card) = self
            .purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                match &p.verifying {
                    Some(v) if v.method == VerifyMethod::SecurityQuestion => {
                        Ok((p.account.clone(), p.card.clone()))
                    }
                    _ => Err(AppError::PurchaseStepMissing),
                }
            })?;
        if answer.trim().is_empty() {
            return Err(AppError::Fields(vec![crate::dto::FieldIssue {
                field: "security_answer".into(),
                problem: pos_core::FieldProblem::Required,
            }]));
        }
        let request = self.verify_request(&who, &purchase_id, card, Some(Secret::new(answer)))?;
        let client = self.client().await?;
        let result = client.verify(&account, &request).await;
        self.record_verification(&who, &purchase_id, &request.request_id, result)
            .await
    }

    /// The verify request of the purchase's current verification.
    fn verify_request(
        &self,
        who: &RepScope,
        purchase_id: &str,
        card: Option<flexiti_api::CardNumber>,
        answer: Option<Secret>,
    ) -> AppResult<VerifyRequest> {
        self.purchases.with(purchase_id, &who.rep, &who.scope, |p| {
            let v = p.verifying.as_ref().ok_or(AppError::PurchaseStepMissing)?;
            Ok(VerifyRequest {
                format: v.format,
                request_id: v.request_id.clone(),
                security_qid: v.question.as_ref().map(|(id, _)| *id),
                security_answer: answer,
                vcc_number: card,
            })
        })
    }

    /// What verify answered, kept with the verification it was for (a newer one started
    /// meanwhile wins). Audited without the PIN.
    async fn record_verification(
        &self,
        who: &RepScope,
        purchase_id: &str,
        request_id: &RequestId,
        answer: Result<Verification, flexiti_api::ApiError>,
    ) -> AppResult<PurchaseView> {
        let outcome = match &answer {
            Ok(Verification::SentToSms) => "sent_sms",
            Ok(Verification::SentToEmail) => "sent_email",
            Ok(Verification::Pin(_)) => "verified",
            Err(error) => error.code(),
        };
        self.audit(
            AuditEvent::Purchase,
            Some(&who.rep),
            "verify",
            Some(&format!("{purchase_id} {outcome}")),
        )
        .await?;
        let answer = answer?;
        self.purchases
            .with(purchase_id, &who.rep, &who.scope, |p| {
                if let Some(v) = p.verifying.as_mut().filter(|v| v.request_id == *request_id) {
                    match answer {
                        Verification::SentToSms | Verification::SentToEmail => {
                            v.awaiting_pin = true
                        }
                        Verification::Pin(pin) => {
                            v.pin = Some(pin);
                            v.question = None;
                        }
                    }
                }
                Ok(())
            })?;
        self.purchase_view(who, purchase_id).await
    }

    /// Sandbox only: the live PINs the emulator sent for the purchase's current
    /// verification, so a demo works without a phone. Empty anywhere else.
    pub(super) async fn sandbox_pins(&self, who: &RepScope, purchase_id: &str) -> Vec<String> {
        let wanted = self
            .purchases
            .with(purchase_id, &who.rep, &who.scope, |p| {
                Ok(p.verifying.as_ref().filter(|v| v.awaiting_pin).map(|v| {
                    (
                        p.account.expose().parse::<u64>().unwrap_or_default(),
                        v.request_id.as_str().to_owned(),
                    )
                }))
            })
            .ok()
            .flatten();
        let Some((account, request_id)) = wanted else {
            return Vec::new();
        };
        let state = self.state.lock().await;
        let Some(sandbox) = state.sandbox.as_ref() else {
            return Vec::new();
        };
        sandbox
            .controls()
            .pins(account)
            .into_iter()
            .filter(|pin| {
                pin.request_id == request_id && pin.state == flexiti_sandbox::PinState::Live
            })
            .map(|pin| pin.pin)
            .collect()
    }
}
