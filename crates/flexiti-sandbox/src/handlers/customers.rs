//! `GET v2.5 customers/search` and `customers/lookup` as `purchase.md` decides.
//!
//! Search: `first_name` (≤ 35), `last_name` (≤ 50), `dob` (`YYYY-MM-DD`) required,
//! `postal_code` optional; names compare case- and accent-insensitively; every status is
//! listed, an authorized user sees the business account with their own customer id and
//! card; no match is 404 `not_found`.
//!
//! Lookup: `lang` and exactly one of `vcc_number` (16 digits), `account_number`,
//! `customer_id` (of the primary holder); one object; 404 `not_found`, then 409
//! `user_not_active`, `user_not_able_to_purchase`.

use axum::extract::{RawQuery, State};
use axum::Json;
use chrono::NaiveDate;
use pos_core::money::Money;
use pos_core::rules::{normalize_postal_code, FieldProblem};
use serde::Deserialize;
use serde_json::{json, Value};

use super::parse_query;
use crate::data::{lang_param, seed, Lang};
use crate::errors::{ApiError, FieldError};
use crate::state::SharedState;
use crate::world::{fold, Account, PlanKind, CATALOGUE};

#[derive(Debug, Default, Deserialize)]
pub struct SearchQuery {
    first_name: Option<String>,
    last_name: Option<String>,
    dob: Option<String>,
    postal_code: Option<String>,
}

/// The search's criteria, checked.
struct Criteria {
    first_name: String,
    last_name: String,
    dob: String,
    postal_code: Option<String>,
}

fn read_search(query: SearchQuery) -> Result<Criteria, ApiError> {
    let mut errors = Vec::new();
    let mut text = |name: &'static str, value: Option<String>, max: usize| -> Option<String> {
        match value.map(|v| v.trim().to_owned()) {
            None => {
                errors.push(FieldError::new(name, FieldProblem::Required));
                None
            }
            Some(v) if v.is_empty() => {
                errors.push(FieldError::new(name, FieldProblem::Required));
                None
            }
            Some(v) if v.chars().count() > max => {
                errors.push(FieldError::new(name, FieldProblem::Length));
                None
            }
            Some(v) => Some(v),
        }
    };
    let first_name = text("first_name", query.first_name, 35);
    let last_name = text("last_name", query.last_name, 50);
    let dob = text("dob", query.dob, 10);
    let dob = dob.filter(|d| {
        let ok = d.len() == 10 && NaiveDate::parse_from_str(d, "%Y-%m-%d").is_ok();
        if !ok {
            errors.push(FieldError::new("dob", FieldProblem::WrongFormat));
        }
        ok
    });
    let postal_code = match query.postal_code.as_deref().map(str::trim) {
        None | Some("") => None,
        Some(code) => match normalize_postal_code(code) {
            Ok(code) => Some(code),
            Err(_) => {
                errors.push(FieldError::new("postal_code", FieldProblem::WrongFormat));
                None
            }
        },
    };
    match (first_name, last_name, dob) {
        (Some(first_name), Some(last_name), Some(dob)) if errors.is_empty() => Ok(Criteria {
            first_name,
            last_name,
            dob,
            postal_code,
        }),
        _ => Err(ApiError::WrongInputs(errors)),
    }
}

/// `1000.00`: the strings of Flexiti's search example.
fn money_text(amount: Money) -> String {
    let cents = amount.cents();
    format!("{}.{:02}", cents / 100, cents % 100)
}

fn last4(card: &str) -> &str {
    &card[card.len().saturating_sub(4)..]
}

pub async fn search(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let criteria = read_search(parse_query::<SearchQuery>(query.as_deref())?)?;
    let matches = |first: &str, last: &str, dob: &str, postal: &str| {
        fold(first) == fold(&criteria.first_name)
            && fold(last) == fold(&criteria.last_name)
            && dob == criteria.dob
            && criteria.postal_code.as_deref().is_none_or(|p| p == postal)
    };
    let mut inner = state.lock();
    super::money::expire_holds(&mut inner);
    let mut rows = Vec::new();
    for account in &inner.accounts {
        if matches(
            &account.first_name,
            &account.last_name,
            &account.dob,
            &account.postal_code,
        ) {
            rows.push(search_row(
                account,
                &account.customer_id,
                &account.first_name,
                &account.last_name,
                &account.card_number,
            ));
        }
        for user in &account.authorized_users {
            if matches(
                &user.first_name,
                &user.last_name,
                &user.dob,
                &user.postal_code,
            ) {
                rows.push(search_row(
                    account,
                    &user.customer_id,
                    &user.first_name,
                    &user.last_name,
                    &user.card_number,
                ));
            }
        }
    }
    if rows.is_empty() {
        return Err(ApiError::not_found());
    }
    Ok(Json(Value::Array(rows)))
}

fn search_row(account: &Account, customer_id: &str, first: &str, last: &str, card: &str) -> Value {
    json!({
        "customer_id": customer_id,
        "account_status": account.account_status,
        "account_status_reason_code": account.account_status_reason_code,
        "tos_agreement": account.tos_agreement,
        "risk_rating": account.risk_rating,
        "account_number": account.account_number,
        "account_type": account.account_type,
        "credit_limit": money_text(account.credit_limit),
        "available_credit": money_text(account.available_credit),
        "originating_merchant_id": account.originating_merchant_id,
        "originating_merchant_name": account.originating_merchant_name,
        "first_name": first,
        "last_name": last,
        "card_ending_in": last4(card),
        "preferred_language": account.preferred_language,
        "creation_date": account.creation_date,
    })
}

#[derive(Debug, Default, Deserialize)]
pub struct LookupQuery {
    lang: Option<String>,
    vcc_number: Option<String>,
    account_number: Option<String>,
    customer_id: Option<String>,
}

/// Who the lookup names.
enum Key {
    Card(String),
    Account(String),
    Customer(String),
}

fn read_lookup(query: LookupQuery) -> Result<(Lang, Key), ApiError> {
    let mut errors = Vec::new();
    let lang = lang_param(query.lang.as_deref());
    if lang.is_none() {
        errors.push(FieldError::new("lang", FieldProblem::Invalid));
    }
    let given = [
        query.vcc_number.map(Key::Card),
        query.account_number.map(Key::Account),
        query.customer_id.map(Key::Customer),
    ];
    let count = given.iter().flatten().count();
    let key = match count {
        0 => {
            errors.push(FieldError::new("account_number", FieldProblem::Required));
            None
        }
        1 => given.into_iter().flatten().next(),
        _ => {
            errors.push(FieldError::new("query", FieldProblem::Invalid));
            None
        }
    };
    if let Some(Key::Card(card)) = &key {
        if card.len() != 16 || !card.bytes().all(|b| b.is_ascii_digit()) {
            errors.push(FieldError::new("vcc_number", FieldProblem::Invalid));
        }
    }
    match (lang, key) {
        (Some(lang), Some(key)) if errors.is_empty() => Ok((lang, key)),
        _ => Err(ApiError::WrongInputs(errors)),
    }
}

pub async fn lookup(
    State(state): State<SharedState>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let (lang, key) = read_lookup(parse_query::<LookupQuery>(query.as_deref())?)?;
    let mut inner = state.lock();
    super::money::expire_holds(&mut inner);
    // The account, and the card and security question the person at the till holds.
    let found = inner.accounts.iter().find_map(|account| match &key {
        Key::Account(number) => {
            let valid =
                (1..=14).contains(&number.len()) && number.bytes().all(|b| b.is_ascii_digit());
            (valid && number.parse() == Ok(account.account_number)).then_some((
                account,
                account.card_number.as_str(),
                account.security_qid,
            ))
        }
        Key::Customer(id) => (*id == account.customer_id).then_some((
            account,
            account.card_number.as_str(),
            account.security_qid,
        )),
        Key::Card(card) => {
            if *card == account.card_number {
                return Some((account, account.card_number.as_str(), account.security_qid));
            }
            account
                .authorized_users
                .iter()
                .find(|u| u.card_number == *card)
                .map(|u| (account, u.card_number.as_str(), u.security_qid))
        }
    });
    let (account, card, qid) = found.ok_or_else(ApiError::not_found)?;
    super::money::may_buy(account)?;
    let i18n = seed().i18n(lang);
    let label = |list: &str, id: u32| {
        i18n.get(list)
            .and_then(|l| l.get(id.to_string()))
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_owned()
    };
    let category = account.category();
    let offers: Vec<Value> = CATALOGUE
        .iter()
        .filter(|plan| plan.eligibility.admits(category, &account.province))
        .map(|plan| {
            json!({
                "plan_id": plan.id,
                "plan_name": label("plan_ids", plan.id),
                "offer_category": match plan.kind {
                    PlanKind::Equal => "equal_billing",
                    PlanKind::Deferred => "deferred_payment",
                },
                "term_options": plan.terms,
            })
        })
        .collect();
    let customer_id: Value = account
        .customer_id
        .parse::<u64>()
        .map_or_else(|_| json!(account.customer_id), |n| json!(n));
    Ok(Json(json!({
        "account_number": account.account_number,
        "customer_id": customer_id,
        "available_credit": serde_json::to_value(account.available_credit).unwrap_or(Value::Null),
        "card_ending_in": last4(card),
        "preferred_language": account.preferred_language,
        "risk_rating": account.risk_rating,
        "security_qid": { "id": qid, "text": label("security_ids", qid) },
        "address_1": account.address_1,
        "address_2": account.address_2,
        "city": account.city,
        "province": account.province,
        "postal_code": account.postal_code,
        "payment_protection": account.payment_protection,
        "offer_types": offers,
    })))
}
