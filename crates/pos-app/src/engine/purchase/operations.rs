//! Every money-moving operation, from the journal alone: its stored bytes sent with its
//! stored keys, what came back recorded (done with the receipt's facts, refused, or
//! unknown), and "check again" reconciling an unknown outcome as `purchase.md` says —
//! a sale by its reference in the authorizations list, a capture in the captures list,
//! a release, return or refund by what remains — so it works after a restart too.

use std::time::SystemTime;

use chrono::Local;
use flexiti_api::{
    AccountNumber, ApiError, Authorization, Capture, IdempotencyKey, ReferenceId, Release, Return,
    Submission, TransactionType,
};
use pos_core::money::Money;
use pos_core::receipt::{FeeText, FinancingText, RateText, ReceiptFacts, ReceiptKind};
use pos_store::{
    AuditEvent, Completion, FlexitiIds, JournalFlag, JournalRecord, JournalState, OperationKind,
};

use crate::dto::Lang;
use crate::engine::scope::RepScope;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::OperationView;

/// What Flexiti answered an operation (or what its list showed of it).
pub(super) enum Sent {
    Authorization(Box<Authorization>),
    Capture(Capture),
    Release(Release),
    Return(Return),
    /// A refund answers `{}`; `remaining` is what the capture has left, when known.
    Refund {
        remaining: Option<Money>,
    },
}

fn id_of(text: &str) -> Option<i64> {
    text.trim().parse().ok()
}

fn unsigned(id: Option<i64>) -> Option<u64> {
    id.and_then(|i| u64::try_from(i).ok())
}

/// The ids an answer carries, over those the row already knew.
fn ids_of(record: &JournalRecord, sent: &Sent) -> FlexitiIds {
    let mut ids = record.ids;
    match sent {
        Sent::Authorization(a) => {
            ids.authorization_id = id_of(&a.authorization_id).or(ids.authorization_id);
            if let Some(capture) = a.captures.first().and_then(|c| id_of(&c.capture_id)) {
                ids.capture_id = Some(capture);
            }
        }
        Sent::Capture(c) => ids.capture_id = id_of(&c.capture_id).or(ids.capture_id),
        Sent::Return(r) => ids.return_id = id_of(&r.return_id).or(ids.return_id),
        Sent::Release(_) | Sent::Refund { .. } => {}
    }
    ids
}

/// What remains after the operation, as Flexiti said.
fn remaining_after(sent: &Sent) -> Option<Money> {
    match sent {
        Sent::Authorization(a) => a.remaining_authorization_amount,
        Sent::Capture(c) => c.remaining_authorization_amount,
        Sent::Release(r) => r.remaining_authorization_amount,
        Sent::Return(r) => r.remaining_capture_amount,
        Sent::Refund { remaining } => *remaining,
    }
}

pub(super) fn receipt_kind(kind: OperationKind) -> ReceiptKind {
    match kind {
        OperationKind::Sale => ReceiptKind::Sale,
        OperationKind::Hold => ReceiptKind::Hold,
        OperationKind::Capture => ReceiptKind::Capture,
        OperationKind::Release => ReceiptKind::Release,
        OperationKind::Return => ReceiptKind::Return,
        OperationKind::Refund => ReceiptKind::Refund,
    }
}

/// A rate of Flexiti's, as a receipt keeps it.
pub(super) fn rate_text(rate: &flexiti_api::AnnualRate) -> RateText {
    RateText {
        description: rate.description.clone().unwrap_or_default(),
        rate: rate.rate,
        message: rate.message.clone(),
    }
}

/// A fee of Flexiti's, as a receipt keeps it.
pub(super) fn fee_text(fee: &flexiti_api::Fee) -> FeeText {
    FeeText {
        description: fee.description.clone().unwrap_or_default(),
        amount: fee.amount,
        message: fee.message.clone(),
    }
}

/// A sale's financing as Flexiti recorded it, in the language the record was read in.
fn financing_of(authorization: &Authorization, lang: Lang) -> Vec<FinancingText> {
    let Some(option) = &authorization.financing_option else {
        return Vec::new();
    };
    vec![FinancingText {
        lang,
        plan_name: option
            .plan_name
            .clone()
            .filter(|_| option.plan_id.is_some()),
        rates: option.annual_rates.iter().map(rate_text).collect(),
        fees: option.fees.iter().map(fee_text).collect(),
    }]
}

pub(super) fn operation_view(record: &JournalRecord) -> OperationView {
    OperationView {
        reference: record.reference.clone(),
        purchase_id: record.purchase_id.clone(),
        kind: record.kind.as_str().to_owned(),
        state: record.state.as_str().to_owned(),
        amount_cents: record.amount.cents(),
        plan_id: record.plan_id.and_then(|p| u32::try_from(p).ok()),
        term: record.term.and_then(|t| u32::try_from(t).ok()),
        authorization_id: unsigned(record.ids.authorization_id),
        capture_id: unsigned(record.ids.capture_id),
        return_id: unsigned(record.ids.return_id),
        time: chrono::DateTime::parse_from_rfc3339(&record.created_at)
            .map(|t| t.with_timezone(&Local).format("%H:%M").to_string())
            .unwrap_or_default(),
        local_date: record.local_date.clone(),
        rep: record.rep_username.clone(),
        customer_name: record.customer_name.expose().clone(),
        card_ending_in: record.card_ending_in.clone().unwrap_or_default(),
        refused: record.refusal_code.clone(),
        flag: record.flag.map(|f| f.as_str().to_owned()),
        approved_by: record.approvals.last().map(|a| a.by.clone()),
        return_until: (record.kind == OperationKind::Sale
            && record.plan_id.is_some()
            && record.state == JournalState::Done)
            .then(|| {
                sent_at(record).map(|t| {
                    (t + chrono::Duration::days(100))
                        .format("%Y-%m-%d")
                        .to_string()
                })
            })
            .flatten(),
        hold_age_days: (record.kind == OperationKind::Hold && record.state == JournalState::Done)
            .then(|| sent_at(record).map(|t| (Local::now() - t).num_days()))
            .flatten(),
    }
}

/// When an operation was first sent, in the terminal's time zone.
fn sent_at(record: &JournalRecord) -> Option<chrono::DateTime<Local>> {
    chrono::DateTime::parse_from_rfc3339(&record.created_at)
        .ok()
        .map(|t| t.with_timezone(&Local))
}

impl Engine {
    /// Sends operation `record`'s stored bytes with its stored keys.
    pub(super) async fn send_operation(
        &self,
        record: &JournalRecord,
        lang: Lang,
    ) -> AppResult<Result<Sent, ApiError>> {
        let client = self.client().await?;
        let body = record
            .request
            .as_ref()
            .map(|b| b.expose().as_bytes().to_vec())
            .ok_or(AppError::Internal("stored request".into()))?;
        let submission = Submission {
            idempotency_key: IdempotencyKey::parse(&record.idempotency_key)
                .ok_or(AppError::Internal("stored key".into()))?,
            reference_id: ReferenceId::parse(&record.reference_id)
                .ok_or(AppError::Internal("stored reference".into()))?,
        };
        let authorization = record
            .ids
            .authorization_id
            .map(|i| i.to_string())
            .unwrap_or_default();
        let capture = record
            .ids
            .capture_id
            .map(|i| i.to_string())
            .unwrap_or_default();
        Ok(match record.kind {
            OperationKind::Sale | OperationKind::Hold => client
                .authorize(lang, body, &submission)
                .await
                .map(|a| Sent::Authorization(Box::new(a))),
            OperationKind::Capture => client
                .capture(&authorization, body, &submission)
                .await
                .map(Sent::Capture),
            OperationKind::Release => client
                .release(&authorization, body, &submission)
                .await
                .map(Sent::Release),
            OperationKind::Return => client
                .return_capture(&authorization, &capture, body, &submission)
                .await
                .map(Sent::Return),
            OperationKind::Refund => {
                let account = AccountNumber::parse(record.account_number.expose())
                    .ok_or(AppError::Internal("stored account".into()))?;
                client
                    .refund(&account, body, &submission)
                    .await
                    .map(|()| Sent::Refund {
                        remaining: record
                            .remaining_before
                            .and_then(|before| before.checked_sub(record.amount)),
                    })
            }
        })
    }

    /// Records what a send of `record` got: done (with the receipt's facts), unknown, or
    /// refused. `first_send`: the row was `submitting` from this very command, so an error
    /// the client says nothing was acted on means nothing was charged.
    pub(super) async fn record_sent(
        &self,
        who: &RepScope,
        record: &JournalRecord,
        answer: Result<Sent, ApiError>,
        facts: Option<ReceiptFacts>,
        lang: Lang,
    ) -> AppResult<JournalRecord> {
        let reference = record.reference.as_str();
        match answer {
            Ok(sent) => self.complete(who, record, &sent, facts, None, lang).await,
            Err(ApiError::OutcomeUnknown) => {
                let record = self
                    .store
                    .mark_operation_outcome_unknown(&who.scope, reference)
                    .await?;
                self.audit(
                    AuditEvent::PurchaseOutcome,
                    Some(&who.rep),
                    "outcome_unknown",
                    Some(reference),
                )
                .await?;
                Ok(record)
            }
            Err(error) => {
                // A first send's error charged nothing (the client says OutcomeUnknown
                // whenever it may have); once unknown, only a refusal of this very request
                // proves nothing was done.
                let proves = matches!(
                    error,
                    ApiError::Business { .. } | ApiError::WrongInputs { .. }
                );
                if record.state == JournalState::Submitting || proves {
                    self.store
                        .refuse_operation(&who.scope, reference, error.code())
                        .await?;
                } else {
                    self.store
                        .mark_operation_outcome_unknown(&who.scope, reference)
                        .await?;
                }
                self.audit(
                    AuditEvent::PurchaseOutcome,
                    Some(&who.rep),
                    error.code(),
                    Some(reference),
                )
                .await?;
                Err(error.into())
            }
        }
    }

    /// Makes `record` done with Flexiti's answer, the receipt's facts completed from it.
    async fn complete(
        &self,
        who: &RepScope,
        record: &JournalRecord,
        sent: &Sent,
        facts: Option<ReceiptFacts>,
        flag: Option<JournalFlag>,
        lang: Lang,
    ) -> AppResult<JournalRecord> {
        let ids = ids_of(record, sent);
        let mut facts = match facts {
            Some(facts) => facts,
            None => self.facts_from_journal(who, record, sent, lang).await?,
        };
        facts.authorization_id = unsigned(ids.authorization_id);
        facts.capture_id = unsigned(ids.capture_id);
        facts.return_id = unsigned(ids.return_id);
        if let Sent::Authorization(a) = sent {
            if let Some(term_amount) = a
                .financing_option
                .as_ref()
                .and_then(|f| f.term_amount)
                .filter(|_| facts.term.is_some())
            {
                facts.term_amount = Some(term_amount);
            }
        } else {
            facts.remaining = remaining_after(sent);
        }
        let snapshot =
            serde_json::to_string(&facts).map_err(|_| AppError::Internal("snapshot".into()))?;
        let done = self
            .store
            .complete_operation(
                &who.scope,
                &record.reference,
                &Completion {
                    ids,
                    snapshot_json: &snapshot,
                    flag,
                },
            )
            .await?;
        let detail = format!(
            "{} {}{}",
            record.reference,
            record.kind.as_str(),
            flag.map(|f| format!(" flag={}", f.as_str()))
                .unwrap_or_default()
        );
        self.audit(
            AuditEvent::PurchaseOutcome,
            Some(&who.rep),
            "done",
            Some(&detail),
        )
        .await?;
        Ok(done)
    }

    /// A receipt's facts when the screen's are gone (after a restart) or for an operation
    /// after the sale: the sale's own facts as the journal kept them, else what Flexiti's
    /// record says.
    async fn facts_from_journal(
        &self,
        who: &RepScope,
        record: &JournalRecord,
        sent: &Sent,
        lang: Lang,
    ) -> AppResult<ReceiptFacts> {
        let sale = if record.seq == 0 {
            None
        } else {
            self.store
                .operation(&who.scope, &record.purchase_id)
                .await
                .ok()
                .and_then(|sale| sale.snapshot)
                .and_then(|s| serde_json::from_str::<ReceiptFacts>(s.expose()).ok())
        };
        let (merchant, quebec_lang) = {
            let state = self.state.lock().await;
            (super::merchant_name(&state), state.settings.store_lang)
        };
        let mut facts = sale.unwrap_or_else(|| ReceiptFacts {
            kind: receipt_kind(record.kind),
            customer_lang: quebec_lang,
            store_name_en: merchant.clone(),
            store_name_fr: merchant,
            store_id: record.store_id.clone(),
            local_time: String::new(),
            terminal_id: record.terminal_id.clone(),
            rep: record.rep_username.clone(),
            purchase_id: record.purchase_id.clone(),
            authorization_id: None,
            capture_id: None,
            return_id: None,
            card_ending_in: record.card_ending_in.clone().unwrap_or_default(),
            customer: record.customer_name.expose().clone(),
            amount: record.amount,
            term: record.term.and_then(|t| u32::try_from(t).ok()),
            term_amount: None,
            deferred: false,
            financing: match sent {
                Sent::Authorization(a) => financing_of(a, lang),
                _ => Vec::new(),
            },
            remaining: None,
        });
        facts.kind = receipt_kind(record.kind);
        facts.amount = record.amount;
        facts.rep = record.rep_username.clone();
        facts.local_time = Local::now().format("%Y-%m-%d %H:%M").to_string();
        if record.seq > 0 {
            facts.financing.clear();
            facts.term = None;
            facts.term_amount = None;
        }
        Ok(facts)
    }

    /// "Check again" on any operation whose outcome is unknown, from the journal alone.
    /// A failing list or read sends nothing; nothing found with every page answered sends
    /// the same bytes once more; an after-sale operation whose remainder moved by another
    /// amount is left to the administrator (`outcome_needs_administrator`).
    pub async fn check_operation_again(&self, reference: String) -> AppResult<OperationView> {
        let who = self.rep_scope().await?;
        let record = self.store.operation(&who.scope, &reference).await?;
        let record = self.reconcile(&who, record, None).await?;
        Ok(operation_view(&record))
    }

    /// The reconciliation of `record` (see [`Engine::check_operation_again`]).
    pub(super) async fn reconcile(
        &self,
        who: &RepScope,
        record: JournalRecord,
        facts: Option<ReceiptFacts>,
    ) -> AppResult<JournalRecord> {
        if !record.state.is_in_flight() {
            return Ok(record);
        }
        self.audit(
            AuditEvent::PurchaseCharge,
            Some(&who.rep),
            "check_again",
            Some(&record.reference),
        )
        .await?;
        let lang = facts
            .as_ref()
            .and_then(|f| f.financing.first().map(|t| t.lang))
            .unwrap_or(Lang::En);
        let client = self.client().await?;
        let authorization_id = record
            .ids
            .authorization_id
            .map(|i| i.to_string())
            .unwrap_or_default();
        match record.kind {
            OperationKind::Sale | OperationKind::Hold => {
                let account = AccountNumber::parse(record.account_number.expose())
                    .ok_or(AppError::Internal("stored account".into()))?;
                let transaction_type = if record.plan_id.is_some() {
                    TransactionType::PromotionalPurchase
                } else {
                    TransactionType::RegularPurchase
                };
                let first_sent = chrono::DateTime::parse_from_rfc3339(&record.created_at)
                    .map(SystemTime::from)
                    .unwrap_or_else(|_| SystemTime::now());
                let found = client
                    .find_authorizations_by_reference(
                        lang,
                        &account,
                        transaction_type,
                        &record.reference,
                        first_sent,
                    )
                    .await?;
                if let Some(earliest) = found.first() {
                    let differs = earliest.amount != Some(record.amount)
                        || earliest.financing_option.as_ref().is_some_and(|f| {
                            f.plan_id.map(i64::from) != record.plan_id
                                || f.term.map(i64::from) != record.term
                        });
                    let flag = if found.len() > 1 {
                        Some(JournalFlag::Duplicate)
                    } else {
                        differs.then_some(JournalFlag::Mismatch)
                    };
                    let sent = Sent::Authorization(Box::new(earliest.clone()));
                    return self.complete(who, &record, &sent, facts, flag, lang).await;
                }
            }
            OperationKind::Capture => {
                let found = client
                    .find_captures_by_reference(lang, &authorization_id, &record.reference)
                    .await?;
                if let Some(earliest) = found.first() {
                    let flag = (found.len() > 1).then_some(JournalFlag::Duplicate);
                    let sent = Sent::Capture(earliest.clone());
                    return self.complete(who, &record, &sent, facts, flag, lang).await;
                }
            }
            OperationKind::Release | OperationKind::Return | OperationKind::Refund => {
                let now = client.authorization(lang, &authorization_id).await?;
                let remaining = match record.kind {
                    OperationKind::Release => now.remaining_authorization_amount,
                    _ => now
                        .captures
                        .iter()
                        .find(|c| id_of(&c.capture_id) == record.ids.capture_id)
                        .and_then(|c| c.remaining_capture_amount),
                };
                let before = record.remaining_before;
                let expected = before.and_then(|b| b.checked_sub(record.amount));
                if remaining.is_some() && remaining == expected {
                    let sent = match record.kind {
                        OperationKind::Release => Sent::Release(Release {
                            authorization_id: Some(authorization_id.clone()),
                            released_amount: record.amount,
                            remaining_authorization_amount: remaining,
                            status: now.status.clone(),
                        }),
                        OperationKind::Return => Sent::Return(Return {
                            return_id: String::new(),
                            reference: Some(record.reference.clone()),
                            capture_id: record.ids.capture_id.map(|i| i.to_string()),
                            date: None,
                            amount: Some(record.amount),
                            remaining_capture_amount: remaining,
                            remaining_authorization_amount: now.remaining_authorization_amount,
                        }),
                        _ => Sent::Refund { remaining },
                    };
                    return self.complete(who, &record, &sent, facts, None, lang).await;
                }
                if remaining.is_none() || remaining != before {
                    return Err(AppError::OutcomeNeedsAdministrator);
                }
            }
        }
        // Not found (every page answered) or nothing moved: the same request once more.
        let answer = self.send_operation(&record, lang).await?;
        self.record_sent(who, &record, answer, facts, lang).await
    }
}
