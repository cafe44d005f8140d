//! The charge, sent once: the request is built, journaled with its key and exact bytes,
//! then sent; a lost answer locks the purchase as `outcome_unknown` until "check again"
//! finds it in Flexiti's list by its reference (adopting the earliest, flagging any
//! twin), or, with every page answered and nothing found, re-sends the same bytes once.
//! Never a silent second charge.

use chrono::Local;
use flexiti_api::{
    authorization_body, AuthorizationRequest, FinancingChoice, IdempotencyKey, ReferenceId,
    VerificationCode,
};
use pos_core::money::Money;
use pos_core::receipt::{FinancingText, RateText, ReceiptFacts, ReceiptKind};
use pos_store::{AuditEvent, FlexitiIds, JournalRecord, NewOperation, OperationKind};

use super::operations::{fee_text, rate_text};
use super::quote::{unlocked, QUOTE_LIFETIME};
use super::{Choice, Purchase};
use crate::dto::Lang;
use crate::engine::scope::RepScope;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{ChargeInput, PurchaseStage, PurchaseView};

/// Everything a charge sends and journals, gathered from the purchase under its lock.
struct Prepared {
    purchase_id: String,
    request: AuthorizationRequest,
    kind: OperationKind,
    choice: Choice,
    amount: Money,
    customer_name: String,
    card_ending_in: Option<String>,
    reference: ReferenceId,
    first_lang: Lang,
    facts: ReceiptFacts,
}

impl Engine {
    /// Charges the purchase with the customer's verification: journals the request, sends
    /// it, and records Flexiti's answer. A refusal charges nothing and leaves the purchase
    /// open (another plan, a lower amount); a lost answer locks it.
    pub async fn charge_purchase(&self, input: ChargeInput) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let _claim = self.purchases.claim(&input.purchase_id)?;
        self.refresh_stale_quote(&who, &input.purchase_id).await?;
        let (store_id, terminal_id, merchant_name, quebec) = {
            let state = self.state.lock().await;
            let merchant = super::merchant_name(&state);
            (
                state.settings.store_id.clone(),
                state.settings.terminal_id.clone(),
                merchant,
                state.settings.store_province.as_deref() == Some("QC"),
            )
        };
        let prepared = self
            .purchases
            .with(&input.purchase_id, &who.rep, &who.scope, |p| {
                prepare(
                    p,
                    &input,
                    &who.rep,
                    &store_id,
                    &terminal_id,
                    &merchant_name,
                    quebec,
                )
            })?;
        let body = authorization_body(&prepared.request)?;
        let body_text =
            String::from_utf8(body.clone()).map_err(|_| AppError::Internal("body".into()))?;
        let key = IdempotencyKey::new();
        let local_date = Local::now().format("%Y-%m-%d").to_string();
        let (plan_id, term) = match prepared.choice {
            Choice::Regular => (None, None),
            Choice::Plan { plan_id, term } => (Some(i64::from(plan_id)), Some(i64::from(term))),
        };
        self.store
            .begin_operation(
                &who.scope,
                &NewOperation {
                    purchase_id: &prepared.purchase_id,
                    reference: &prepared.purchase_id,
                    kind: prepared.kind,
                    amount: prepared.amount,
                    plan_id,
                    term,
                    ids: FlexitiIds::default(),
                    remaining_before: None,
                    store_id: &store_id,
                    terminal_id: &terminal_id,
                    rep_username: &who.rep,
                    reference_id: prepared.reference.as_str(),
                    idempotency_key: key.as_str(),
                    body: &body_text,
                    account_number: prepared.request.account_number.expose(),
                    card_ending_in: prepared.card_ending_in.as_deref(),
                    customer_name: &prepared.customer_name,
                    approval: None,
                    local_date: &local_date,
                },
            )
            .await?;
        self.purchases
            .with(&input.purchase_id, &who.rep, &who.scope, |p| {
                p.charge = Some(prepared.purchase_id.clone());
                p.refused = None;
                p.facts = Some(prepared.facts.clone());
                Ok(())
            })?;
        self.audit(
            AuditEvent::PurchaseCharge,
            Some(&who.rep),
            "sent",
            Some(&format!("{} {}", input.purchase_id, prepared.purchase_id)),
        )
        .await?;
        let record = self
            .store
            .operation(&who.scope, &prepared.purchase_id)
            .await?;
        let answer = self.send_operation(&record, prepared.first_lang).await?;
        let outcome = self
            .record_sent(
                &who,
                &record,
                answer,
                Some(prepared.facts),
                prepared.first_lang,
            )
            .await;
        if let Err(error) = &outcome {
            let code = error.code().to_owned();
            self.purchases
                .with(&input.purchase_id, &who.rep, &who.scope, |p| {
                    forget_spent_verification(p, &code);
                    p.refused = Some(code);
                    Ok(())
                })?;
        }
        outcome?;
        self.purchase_view(&who, &input.purchase_id).await
    }

    /// "Check again" on a charge whose answer was lost: Flexiti's list of the account's
    /// authorizations (every page) is searched for the charge's reference; one found is
    /// adopted, twins are flagged; none found with every page answered: the same bytes
    /// are sent once more. A list that fails sends nothing.
    pub async fn check_purchase_again(&self, purchase_id: String) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let _claim = self.purchases.claim(&purchase_id)?;
        let (charge_id, facts) = self
            .purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                Ok((p.charge.clone(), p.facts.clone()))
            })?;
        let charge_id = charge_id.ok_or(AppError::PurchaseStepMissing)?;
        let record = self.store.operation(&who.scope, &charge_id).await?;
        self.reconcile(&who, record, facts).await?;
        self.purchase_view(&who, &purchase_id).await
    }

    /// A quote older than 15 minutes is fetched again before the charge: the charge goes
    /// on only if the chosen row did not change; else the new quote is shown.
    async fn refresh_stale_quote(&self, who: &RepScope, purchase_id: &str) -> AppResult<()> {
        let stale = self
            .purchases
            .with(purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                let amount = p.amount.ok_or(AppError::PurchaseStepMissing)?;
                let old = p
                    .quotes
                    .first()
                    .is_some_and(|q| q.at.elapsed() >= QUOTE_LIFETIME);
                Ok(old.then(|| (p.account.clone(), amount, p.customer_lang, p.choice)))
            })?;
        let Some((account, amount, lang, choice)) = stale else {
            return Ok(());
        };
        let quebec = self.quebec_store().await;
        let fresh = self.fetch_quotes(&account, amount, lang, quebec).await?;
        self.purchases.with(purchase_id, &who.rep, &who.scope, |p| {
            let before = choice.and_then(|c| row_payment(p, c));
            p.quotes = fresh;
            let after = choice.and_then(|c| row_payment(p, c));
            if before.is_none() || before != after {
                p.choice = None;
                return Err(AppError::QuoteChanged);
            }
            Ok(())
        })
    }
}

/// A verification Flexiti no longer honours is forgotten, so the screen asks for a new one:
/// after the third wrong code (Flexiti dropped the PIN), or when it says the customer is
/// not verified (the PIN expired, was used, or never was).
fn forget_spent_verification(p: &mut Purchase, code: &str) {
    let spent = match (code, p.verifying.as_mut()) {
        ("wrong_verification_code", Some(v)) => {
            v.wrong_codes += 1;
            v.wrong_codes >= super::WRONG_CODES
        }
        ("not_verified", Some(_)) => true,
        _ => false,
    };
    if spent {
        p.verifying = None;
    }
}

/// The payment of row `choice` in the customer's quote.
fn row_payment(p: &Purchase, choice: Choice) -> Option<Money> {
    let quote = p.quote(p.customer_lang)?;
    match choice {
        Choice::Regular => quote.regular_purchase.as_ref().map(|r| r.term_amount),
        Choice::Plan { plan_id, term } => quote.term(plan_id, term).map(|t| t.term_amount),
    }
}

/// The authorization request of the purchase and the receipt's facts, checked.
fn prepare(
    p: &Purchase,
    input: &ChargeInput,
    rep: &str,
    store_id: &str,
    terminal_id: &str,
    merchant_name: &str,
    quebec: bool,
) -> AppResult<Prepared> {
    unlocked(p)?;
    let amount = p.amount.ok_or(AppError::PurchaseStepMissing)?;
    let choice = p.choice.ok_or(AppError::PurchaseStepMissing)?;
    let verifying = p.verifying.as_ref().ok_or(AppError::PurchaseStepMissing)?;
    let pin = match (&verifying.pin, verifying.awaiting_pin) {
        (Some(pin), _) => pin.clone(),
        (None, true) => input
            .pin
            .as_deref()
            .and_then(VerificationCode::entered)
            .ok_or(AppError::PinInvalid)?,
        (None, false) => return Err(AppError::PurchaseStepMissing),
    };
    if quebec && p.quote(Lang::Fr).is_none() {
        return Err(AppError::FrenchQuoteMissing);
    }
    let languages = pos_core::receipt::printed_languages(p.customer_lang, quebec, false);
    let first_lang = languages.first().copied().unwrap_or(p.customer_lang);
    let financing: Vec<FinancingText> = p
        .quotes
        .iter()
        .filter_map(|q| financing_text(&q.quote, q.lang, choice))
        .collect();
    let (term, term_amount, deferred) = match choice {
        Choice::Regular => (None, None, false),
        Choice::Plan { plan_id, term } => {
            let quote = p.quote(first_lang).or_else(|| p.quote(p.customer_lang));
            let payment = quote
                .and_then(|q| q.term(plan_id, term))
                .map(|t| t.term_amount);
            let deferred = p
                .lookup
                .offer(plan_id)
                .and_then(|o| o.offer_category.as_deref())
                == Some("deferred_payment");
            (Some(term), payment, deferred)
        }
    };
    let purchase_id = ReferenceId::new().as_str().to_owned();
    let card_ending_in = p
        .card
        .as_ref()
        .map(|c| c.last4().to_owned())
        .or_else(|| p.lookup.card_ending_in.clone())
        .filter(|c| c.len() == 4);
    let now = Local::now();
    let facts = ReceiptFacts {
        kind: if input.hold {
            ReceiptKind::Hold
        } else {
            ReceiptKind::Sale
        },
        customer_lang: p.customer_lang,
        store_name_en: merchant_name.to_owned(),
        store_name_fr: merchant_name.to_owned(),
        store_id: store_id.to_owned(),
        local_time: now.format("%Y-%m-%d %H:%M").to_string(),
        terminal_id: terminal_id.to_owned(),
        rep: rep.to_owned(),
        purchase_id: purchase_id.clone(),
        authorization_id: None,
        capture_id: None,
        return_id: None,
        card_ending_in: card_ending_in.clone().unwrap_or_default(),
        customer: p.name.clone(),
        amount,
        term,
        term_amount,
        deferred,
        financing,
        remaining: None,
    };
    let request = AuthorizationRequest {
        account_number: p.account.clone(),
        vcc_number: p.card.clone(),
        reference: purchase_id.clone(),
        financing_option: match choice {
            Choice::Regular => FinancingChoice::Regular,
            Choice::Plan { plan_id, term } => FinancingChoice::Promotional { plan_id, term },
        },
        amount,
        auto_capture: !input.hold,
        verification_code: pin,
        request_id: verifying.request_id.clone(),
        external_location_id: store_id.to_owned(),
        external_employee_id: rep.to_owned(),
        sku_data: None,
    };
    Ok(Prepared {
        purchase_id,
        request,
        kind: if input.hold {
            OperationKind::Hold
        } else {
            OperationKind::Sale
        },
        choice,
        amount,
        customer_name: p.name.clone(),
        card_ending_in,
        reference: p.reference.clone(),
        first_lang,
        facts,
    })
}

/// The chosen row's words in one language's quote, for the receipt.
fn financing_text(quote: &flexiti_api::Quote, lang: Lang, choice: Choice) -> Option<FinancingText> {
    match choice {
        Choice::Regular => {
            let regular = quote.regular_purchase.as_ref()?;
            Some(FinancingText {
                lang,
                plan_name: None,
                rates: regular
                    .air
                    .map(|air| RateText {
                        description: String::new(),
                        rate: air,
                        message: None,
                    })
                    .into_iter()
                    .collect(),
                fees: regular.fees.iter().map(fee_text).collect(),
            })
        }
        Choice::Plan { plan_id, term } => {
            let row = quote.term(plan_id, term)?;
            let plan_name = quote
                .promotional_purchase
                .iter()
                .find(|p| p.plan_id == plan_id)
                .and_then(|p| p.plan_name.clone())
                .or_else(|| Some(format!("Plan {plan_id}")));
            Some(FinancingText {
                lang,
                plan_name,
                rates: row.annual_rates.iter().map(rate_text).collect(),
                fees: row.fees.iter().map(fee_text).collect(),
            })
        }
    }
}

impl Purchase {
    /// Where the purchase is, the journal's state of its charge considered.
    pub(crate) fn stage_with(&self, charge: Option<&JournalRecord>) -> PurchaseStage {
        match charge.map(|r| r.state) {
            Some(pos_store::JournalState::Done) => PurchaseStage::Done,
            Some(pos_store::JournalState::Submitting | pos_store::JournalState::OutcomeUnknown) => {
                PurchaseStage::OutcomeUnknown
            }
            _ => self.stage(),
        }
    }
}
