//! The amount, its quote and the customer's choice: the quote is fetched in both
//! languages at once (the customer's shown first, the other one click away, both ready
//! for a bilingual receipt; in a Quebec store the French one is required), and every
//! option is one row with Flexiti's words verbatim in each language.

use std::time::{Duration, Instant};

use flexiti_api::{Fee, Quote};
use pos_core::money::Money;

use super::{short_name, Choice, Purchase, Quoted};
use crate::dto::{FieldIssue, Lang};
use crate::engine::scope::RepScope;
use crate::engine::Engine;
use crate::error::{AppError, AppResult};
use crate::purchase_dto::{
    FeeView, OptionText, OptionView, PurchaseView, RateView, VerificationView, VerifyMethod,
};

/// A quote holds this long for its amount; older, the charge quotes again first.
pub const QUOTE_LIFETIME: Duration = Duration::from_secs(15 * 60);

pub(crate) fn other(lang: Lang) -> Lang {
    match lang {
        Lang::En => Lang::Fr,
        Lang::Fr => Lang::En,
    }
}

impl Engine {
    /// Quotes `amount` (tax included, as the rep types money) for purchase `purchase_id`,
    /// in the customer's language and the other one. A new amount clears the choice.
    pub async fn quote_purchase(
        &self,
        purchase_id: String,
        amount: String,
    ) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        let cents = match pos_core::rules::parse_amount(&amount) {
            Ok(cents) if cents.0 > 0 => cents.0,
            Ok(_) => return Err(amount_problem(pos_core::FieldProblem::Invalid)),
            Err(problem) => return Err(amount_problem(problem)),
        };
        let amount = Money::from_cents(
            i64::try_from(cents).map_err(|_| amount_problem(pos_core::FieldProblem::Invalid))?,
        );
        let (account, lang) = self
            .purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                Ok((p.account.clone(), p.customer_lang))
            })?;
        let quebec = self.quebec_store().await;
        let quotes = self.fetch_quotes(&account, amount, lang, quebec).await?;
        self.purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                if p.name.is_empty() {
                    if let Some(customer) = quotes.first().and_then(|q| q.quote.customer.as_ref()) {
                        p.name = short_name(
                            customer.first_name.as_deref().unwrap_or_default(),
                            customer.last_name.as_deref().unwrap_or_default(),
                        );
                    }
                }
                p.amount = Some(amount);
                p.quotes = quotes;
                p.choice = None;
                if p.verifying
                    .as_ref()
                    .is_some_and(|v| v.method == VerifyMethod::Bypass)
                {
                    p.verifying = None;
                }
                reopen_after_refusal(p);
                Ok(())
            })?;
        self.purchase_view(&who, &purchase_id).await
    }

    /// The quote of `amount` in the customer's language first, then the other. The
    /// customer's must come; in a Quebec store the French one too.
    pub(super) async fn fetch_quotes(
        &self,
        account: &flexiti_api::AccountNumber,
        amount: Money,
        lang: Lang,
        quebec: bool,
    ) -> AppResult<Vec<Quoted>> {
        let client = self.client().await?;
        let (first, second) = tokio::join!(
            client.calculate_interest(lang, account, amount),
            client.calculate_interest(other(lang), account, amount),
        );
        let first = first?;
        let second = match second {
            Ok(quote) => Some(quote),
            Err(error) if quebec && other(lang) == Lang::Fr => return Err(error.into()),
            Err(_) => None,
        };
        let at = Instant::now();
        let mut quotes = vec![Quoted {
            lang,
            quote: first,
            at,
        }];
        if let Some(quote) = second {
            quotes.push(Quoted {
                lang: other(lang),
                quote,
                at,
            });
        }
        Ok(quotes)
    }

    /// The customer chooses a row of the quote (`regular` or `plan-{id}-{term}`).
    pub async fn choose_option(
        &self,
        purchase_id: String,
        option_id: String,
    ) -> AppResult<PurchaseView> {
        let who = self.rep_scope().await?;
        self.purchases
            .with(&purchase_id, &who.rep, &who.scope, |p| {
                unlocked(p)?;
                let choice = Choice::parse(&option_id).ok_or(AppError::PurchaseStepMissing)?;
                let quote = p
                    .quote(p.customer_lang)
                    .ok_or(AppError::PurchaseStepMissing)?;
                let exists = match choice {
                    Choice::Regular => quote.regular_purchase.is_some(),
                    Choice::Plan { plan_id, term } => quote.term(plan_id, term).is_some(),
                };
                if !exists {
                    return Err(AppError::PurchaseStepMissing);
                }
                p.choice = Some(choice);
                if choice != Choice::Regular
                    && p.verifying
                        .as_ref()
                        .is_some_and(|v| v.method == VerifyMethod::Bypass)
                {
                    p.verifying = None;
                }
                reopen_after_refusal(p);
                Ok(())
            })?;
        self.purchase_view(&who, &purchase_id).await
    }

    /// Whether the store is in Quebec (receipts French first, the French quote required).
    pub(super) async fn quebec_store(&self) -> bool {
        self.state.lock().await.settings.store_province.as_deref() == Some("QC")
    }

    /// The purchase as the screens show it, its charge's state read from the journal.
    pub(super) async fn purchase_view(&self, who: &RepScope, id: &str) -> AppResult<PurchaseView> {
        let charge_id = self
            .purchases
            .with(id, &who.rep, &who.scope, |p| Ok(p.charge.clone()))?;
        let charge = match charge_id {
            Some(reference) => Some(self.store.operation(&who.scope, &reference).await?),
            None => None,
        };
        let sandbox_pins = self.sandbox_pins(who, id).await;
        self.purchases.with(id, &who.rep, &who.scope, |p| {
            let done = charge
                .as_ref()
                .filter(|r| r.state == pos_store::JournalState::Done);
            Ok(PurchaseView {
                id: p.id.clone(),
                stage: p.stage_with(charge.as_ref()),
                customer_name: p.name.clone(),
                card_ending_in: p
                    .card
                    .as_ref()
                    .map(|c| c.last4().to_owned())
                    .or_else(|| p.lookup.card_ending_in.clone())
                    .unwrap_or_default(),
                customer_lang: p.customer_lang,
                available_credit_cents: p
                    .quote(p.customer_lang)
                    .and_then(|q| q.customer.as_ref()?.available_credit)
                    .or(p.lookup.available_credit)
                    .map(Money::cents),
                amount_cents: p.amount.map(Money::cents),
                options: options(p),
                chosen: p.choice.map(Choice::id),
                bypass_allowed: p.choice == Some(Choice::Regular)
                    && p.quote(p.customer_lang)
                        .and_then(|q| q.regular_purchase.as_ref())
                        .is_some_and(|r| r.verify),
                verification: p.verifying.as_ref().map(|v| VerificationView {
                    method: v.method,
                    awaiting_pin: v.awaiting_pin,
                    question: v.question.as_ref().map(|(_, text)| text.clone()),
                    verified: v.pin.is_some(),
                }),
                authorization_id: done
                    .and_then(|r| r.ids.authorization_id)
                    .and_then(|i| u64::try_from(i).ok()),
                charge_reference: p.charge.clone(),
                refused: p.refused.clone(),
                flag: charge
                    .as_ref()
                    .and_then(|r| r.flag)
                    .map(|f| f.as_str().to_owned()),
                sandbox_pins,
            })
        })
    }
}

/// A refused charge charged nothing: the purchase goes on (its journal row stays).
fn reopen_after_refusal(p: &mut Purchase) {
    if p.refused.take().is_some() {
        p.charge = None;
    }
}

/// A purchase whose charge left is locked: no new amount, choice or verification.
pub(super) fn unlocked(p: &Purchase) -> AppResult<()> {
    if p.charge.is_some() && p.refused.is_none() {
        return Err(AppError::PurchaseLocked);
    }
    Ok(())
}

fn amount_problem(problem: pos_core::FieldProblem) -> AppError {
    AppError::Fields(vec![FieldIssue {
        field: "amount".into(),
        problem,
    }])
}

fn fees(fees: &[Fee]) -> Vec<FeeView> {
    fees.iter()
        .map(|fee| FeeView {
            description: fee.description.clone().unwrap_or_default(),
            amount_cents: fee.amount.cents(),
            message: fee.message.clone(),
        })
        .collect()
}

/// What a row costs the customer (`credit_exceeded` counts it): equal payments × term,
/// what a deferred plan leaves due, the amount of a regular purchase.
pub(crate) fn cost(term_amount: Money, term: Option<u32>, deferred: bool, amount: Money) -> Money {
    match term {
        Some(term) if !deferred => term_amount
            .checked_mul_int(i64::from(term))
            .unwrap_or(Money::from_cents(i64::MAX)),
        Some(_) => term_amount,
        None => amount,
    }
}

/// Every row of the quote, in the customer's language first: the regular purchase, then
/// each plan × term in Flexiti's order.
pub(crate) fn options(p: &Purchase) -> Vec<OptionView> {
    let (Some(first), Some(amount)) = (p.quotes.first(), p.amount) else {
        return Vec::new();
    };
    let available = first
        .quote
        .customer
        .as_ref()
        .and_then(|c| c.available_credit)
        .or(p.lookup.available_credit);
    let over = |cost: Money| available.is_some_and(|a| cost > a);
    let mut rows = Vec::new();
    if let Some(regular) = &first.quote.regular_purchase {
        let texts = p
            .quotes
            .iter()
            .filter_map(|q| {
                let r = q.quote.regular_purchase.as_ref()?;
                Some(OptionText {
                    lang: q.lang,
                    plan_name: None,
                    rates: r
                        .air
                        .map(|air| RateView {
                            description: String::new(),
                            rate: air.ten_thousandths(),
                            message: None,
                        })
                        .into_iter()
                        .collect(),
                    fees: fees(&r.fees),
                })
            })
            .collect();
        rows.push(OptionView {
            id: Choice::Regular.id(),
            plan_id: None,
            term: None,
            term_amount_cents: regular.term_amount.cents(),
            deferred: false,
            unlisted: false,
            over_credit: over(amount),
            texts,
        });
    }
    for plan in &first.quote.promotional_purchase {
        let offer = p.lookup.offer(plan.plan_id);
        let deferred = offer.and_then(|o| o.offer_category.as_deref()) == Some("deferred_payment");
        for term in &plan.terms {
            let texts = p
                .quotes
                .iter()
                .filter_map(|q| {
                    let t = q.quote.term(plan.plan_id, term.term)?;
                    let plan_name = plan_name(&q.quote, plan.plan_id);
                    Some(OptionText {
                        lang: q.lang,
                        plan_name,
                        rates: t
                            .annual_rates
                            .iter()
                            .map(|r| RateView {
                                description: r.description.clone().unwrap_or_default(),
                                rate: r.rate.ten_thousandths(),
                                message: r.message.clone(),
                            })
                            .collect(),
                        fees: fees(&t.fees),
                    })
                })
                .collect();
            rows.push(OptionView {
                id: Choice::Plan {
                    plan_id: plan.plan_id,
                    term: term.term,
                }
                .id(),
                plan_id: Some(plan.plan_id),
                term: Some(term.term),
                term_amount_cents: term.term_amount.cents(),
                deferred,
                unlisted: offer.is_none(),
                over_credit: over(cost(term.term_amount, Some(term.term), deferred, amount)),
                texts,
            });
        }
    }
    rows
}

fn plan_name(quote: &Quote, plan_id: u32) -> Option<String> {
    quote
        .promotional_purchase
        .iter()
        .find(|p| p.plan_id == plan_id)
        .and_then(|p| p.plan_name.clone())
}
