//! `POST v2.5.1 /client-id/{client_id}/accounts/{account_number}/calculate-interest?lang=`
//! `{"amount"}`: the quote of `purchase.md`. The body first (409 `wrong_inputs`, every
//! field at once), then, in order, 404 `not_found`, 409 `user_not_active`,
//! `user_not_able_to_purchase`. The regular purchase always; promotional plans from the
//! catalogue, filtered by the customer's category and province, from 10.00 on; payments
//! computed exactly by `pos_core::money`.

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use pos_core::money::{deferred_amount, equal_payment, Money, Rate};
use pos_core::rules::FieldProblem;
use serde_json::{json, Map, Value};

use super::money::{expire_holds, parse_account_number, regular_purchases_since};
use super::{parse_query, LangQuery};
use crate::body::JsonObject;
use crate::data::{seed, Lang};
use crate::errors::{ApiError, FieldError};
use crate::state::SharedState;
use crate::world::{Account, Plan, PlanKind, PlanRate, CATALOGUE, PLAN_MINIMUM};

/// The largest amount accepted: 99 999 999.99.
pub const MAX_AMOUNT: Money = Money::from_cents(9_999_999_999);
/// A regular purchase may be verified by `regular_purchase_bypass` up to this amount.
pub const BYPASS_MAXIMUM: Money = Money::from_cents(20_000);
/// ... and only while the account made fewer regular purchases than this in 24 hours.
pub const BYPASS_DAILY_LIMIT: usize = 3;

pub async fn calculate_interest(
    State(state): State<SharedState>,
    Path((_client_id, account_number)): Path<(String, String)>,
    RawQuery(query): RawQuery,
    JsonObject(body): JsonObject,
) -> Result<Json<Value>, ApiError> {
    let mut errors = Vec::new();
    let lang = match parse_query::<LangQuery>(query.as_deref())?.lang() {
        Ok(lang) => Some(lang),
        Err(_) => {
            errors.push(FieldError::new("lang", FieldProblem::Invalid));
            None
        }
    };
    let amount = match read_amount(&body) {
        Ok(amount) => Some(amount),
        Err(problem) => {
            errors.push(FieldError::new("amount", problem));
            None
        }
    };
    let (Some(lang), Some(amount)) = (lang, amount) else {
        return Err(ApiError::WrongInputs(errors));
    };
    let number = parse_account_number(&account_number).ok_or_else(ApiError::not_found)?;
    let (account, recent_regular) = {
        let mut inner = state.lock();
        expire_holds(&mut inner);
        let account = inner
            .account(number)
            .cloned()
            .ok_or_else(ApiError::not_found)?;
        let since = inner.now() - chrono::Duration::hours(24);
        (account, regular_purchases_since(&inner, number, since))
    };
    super::money::may_buy(&account)?;
    Ok(Json(quote(&account, amount, lang, recent_regular)))
}

/// `amount`: a JSON number or string, more than 0, at most two decimals, at most
/// 99 999 999.99; never rounded.
pub fn read_amount(body: &Map<String, Value>) -> Result<Money, FieldProblem> {
    read_money(body, "amount")
}

/// Money field `name`, by the rules of [`read_amount`].
pub fn read_money(body: &Map<String, Value>, name: &str) -> Result<Money, FieldProblem> {
    let text = match body.get(name) {
        None | Some(Value::Null) => return Err(FieldProblem::Required),
        Some(Value::String(s)) => s.clone(),
        Some(Value::Number(n)) => n.to_string(),
        Some(_) => return Err(FieldProblem::Invalid),
    };
    match Money::parse(&text) {
        Ok(amount) if amount > Money::ZERO && amount <= MAX_AMOUNT => Ok(amount),
        _ => Err(FieldProblem::Invalid),
    }
}

pub fn money(value: Money) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

fn rate(value: Rate) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}

/// The answer for an account that may buy, which made `recent_regular` regular purchases
/// in the last 24 hours.
fn quote(account: &Account, amount: Money, lang: Lang, recent_regular: usize) -> Value {
    let category = account.category();
    let verify = amount <= BYPASS_MAXIMUM && recent_regular < BYPASS_DAILY_LIMIT;
    let promotional: Vec<Value> = if amount < PLAN_MINIMUM {
        Vec::new()
    } else {
        CATALOGUE
            .iter()
            .filter(|plan| plan.eligibility.admits(category, &account.province))
            .filter_map(|plan| plan_offer(plan, account, amount, lang))
            .collect()
    };
    json!({
        "account_number": account.account_number,
        "account_type": account.account_type,
        "amount": money(amount),
        "customer": {
            "available_credit": money(account.available_credit),
            "air": rate(account.air),
            "first_name": account.first_name,
            "last_name": account.last_name,
            "category_type": category.as_str(),
        },
        "regular_purchase": {
            "term_amount": money(amount),
            "air": rate(account.air),
            "verify": verify,
            "fees": [],
        },
        "promotional_purchase": promotional,
    })
}

/// The label of a plan in `lang` (i18n `plan_ids`), else "Plan {id}".
pub fn plan_name(id: u32, lang: Lang) -> String {
    seed()
        .i18n(lang)
        .get("plan_ids")
        .and_then(|ids| ids.get(id.to_string()))
        .and_then(Value::as_str)
        .map_or_else(|| format!("Plan {id}"), str::to_owned)
}

/// One term of a plan for an account and an amount: the payment, its fees and rates
/// as the quote shows them, and what it costs the customer (`credit_exceeded` counts
/// this, interest included).
pub struct TermQuote {
    pub term_amount: Money,
    pub fees: Value,
    pub annual_rates: Value,
    pub cost: Money,
}

/// `plan` × `term` for `account` and `amount`; `None` if an amount could not be computed
/// (only for amounts near `i64` cents, which [`MAX_AMOUNT`] keeps out).
pub fn term_quote(
    plan: &Plan,
    account: &Account,
    amount: Money,
    term: u32,
    lang: Lang,
) -> Option<TermQuote> {
    let annual_rate = match plan.rate {
        PlanRate::Fixed(r) => r,
        PlanRate::AccountAir => account.air,
    };
    let admin_total = plan.admin_total.unwrap_or(Money::ZERO);
    let fees: Vec<Value> = plan
        .admin_total
        .map(|fee| {
            json!({
                "description": text(lang, Text::FeeDescription),
                "amount": money(fee),
                "type": "admin_total",
                "message": text(lang, Text::FeeMessage),
            })
        })
        .into_iter()
        .collect();
    let rate_message = match (plan.kind, plan.rate) {
        (PlanKind::Equal, _) => Text::EqualMessage,
        (PlanKind::Deferred, PlanRate::AccountAir) => Text::DeferredAccruesMessage,
        (PlanKind::Deferred, PlanRate::Fixed(_)) => Text::DeferredNoInterestMessage,
    };
    let annual_rates = json!([{
        "description": text(lang, Text::RateDescription),
        "rate": rate(annual_rate),
        "type": "air",
        "message": text(lang, rate_message),
    }]);
    let (term_amount, cost) = match plan.kind {
        PlanKind::Equal => {
            let payment = equal_payment(amount, admin_total, Money::ZERO, annual_rate, term)?;
            let cost = payment.cents().checked_mul(i64::from(term))?;
            (payment, Money::from_cents(cost))
        }
        PlanKind::Deferred => {
            let due = deferred_amount(amount, admin_total)?;
            (due, due)
        }
    };
    Some(TermQuote {
        term_amount,
        fees: Value::Array(fees),
        annual_rates,
        cost,
    })
}

/// The regular (revolving) purchase's rates: the account's AIR.
pub fn regular_rates(account: &Account, lang: Lang) -> Value {
    json!([{
        "description": text(lang, Text::RateDescription),
        "rate": rate(account.air),
        "type": "air",
        "message": text(lang, Text::RegularMessage),
    }])
}

/// One plan with its terms; `None` if an amount could not be computed.
fn plan_offer(plan: &Plan, account: &Account, amount: Money, lang: Lang) -> Option<Value> {
    let mut terms = Vec::with_capacity(plan.terms.len());
    for &term in plan.terms {
        let quote = term_quote(plan, account, amount, term, lang)?;
        terms.push(json!({
            "term": term,
            "term_amount": money(quote.term_amount),
            "fees": quote.fees,
            "annual_rates": quote.annual_rates,
        }));
    }
    Some(json!({
        "plan_id": plan.id,
        "plan_name": plan_name(plan.id, lang),
        "terms": terms,
    }))
}

#[derive(Clone, Copy)]
enum Text {
    FeeDescription,
    FeeMessage,
    RateDescription,
    EqualMessage,
    DeferredAccruesMessage,
    DeferredNoInterestMessage,
    RegularMessage,
}

/// The emulator's own texts (Flexiti publishes none), in English and French.
fn text(lang: Lang, which: Text) -> &'static str {
    match (which, lang) {
        (Text::FeeDescription, Lang::En) => "Administrative fee",
        (Text::FeeDescription, Lang::Fr) => "Frais d'administration",
        (Text::FeeMessage, Lang::En) => "SANDBOX SAMPLE TEXT – The administrative fee is added to the amount financed and is due in full even if the balance is paid before the end of the term.",
        (Text::FeeMessage, Lang::Fr) => "Texte d'exemple du bac à sable – Les frais d'administration s'ajoutent au montant financé et sont dus en entier même si le solde est payé avant la fin de la période.",
        (Text::RateDescription, Lang::En) => "Annual Interest Rate",
        (Text::RateDescription, Lang::Fr) => "Taux d'intérêt annuel",
        (Text::EqualMessage, Lang::En) => "SANDBOX SAMPLE TEXT – Equal monthly payments, interest included, until the end of the term.",
        (Text::EqualMessage, Lang::Fr) => "Texte d'exemple du bac à sable – Paiements mensuels égaux, intérêts compris, jusqu'à la fin de la période.",
        (Text::DeferredAccruesMessage, Lang::En) => "SANDBOX SAMPLE TEXT – Interest accrues at the account's annual interest rate from the purchase date and is waived if the amount is paid in full by the end of the term.",
        (Text::DeferredAccruesMessage, Lang::Fr) => "Texte d'exemple du bac à sable – Les intérêts courent au taux d'intérêt annuel du compte à partir de la date d'achat et sont annulés si le montant est payé en entier avant la fin de la période.",
        (Text::DeferredNoInterestMessage, Lang::En) => "SANDBOX SAMPLE TEXT – No interest and no payments if the amount is paid in full by the end of the term.",
        (Text::RegularMessage, Lang::En) => "SANDBOX SAMPLE TEXT – Interest accrues at the account's annual interest rate on the balance not paid by the statement's due date.",
        (Text::RegularMessage, Lang::Fr) => "Texte d'exemple du bac à sable – Les intérêts courent au taux d'intérêt annuel du compte sur le solde non payé à la date d'échéance du relevé.",
        (Text::DeferredNoInterestMessage, Lang::Fr) => "Texte d'exemple du bac à sable – Aucun intérêt et aucun paiement si le montant est payé en entier avant la fin de la période.",
    }
}
