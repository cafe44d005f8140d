//! `POST v2.5.1 /client-id/{client_id}/authorization?lang=`: the sale (or a hold), with
//! the PIN of a verification, every rule of `purchase.md` in its order; and
//! `GET v2.5.1 …/authorization/{id}`, one of this client id's authorizations.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum::Json;
use pos_core::money::Money;
use pos_core::rules::FieldProblem;
use serde_json::{json, Map, Value};

use super::calculate_interest::{money, plan_name, regular_rates, term_quote, BYPASS_MAXIMUM};
use super::money::{
    expire_holds, holder, may_buy, money_route, parse_account_number, parse_id, store, Fields,
};
use super::{parse_query, LangQuery};
use crate::body::RawBody;
use crate::data::Lang;
use crate::errors::ApiError;
use crate::ledger::{Authorization, Capture, PinState, TransactionType, VerifyFormat};
use crate::state::{Inner, SharedState};
use crate::world::{CATALOGUE, PLAN_MINIMUM};

/// Wrong codes that drop a PIN.
pub const WRONG_CODES: u8 = 3;

struct Sale {
    account_number: String,
    vcc_number: Option<String>,
    reference: String,
    transaction_type: TransactionType,
    plan: Option<(u32, u32)>,
    amount: Money,
    auto_capture: bool,
    verification_code: Option<String>,
    request_id: String,
    store: String,
    employee: String,
}

fn read(body: &Map<String, Value>) -> Result<Sale, ApiError> {
    let mut fields = Fields::new(body);
    let account_number = fields.digits("account_number", 40, true);
    let vcc_number = fields.card();
    let reference = fields.reference();
    let (transaction_type, plan) = read_financing_option(&mut fields, body.get("financing_option"));
    let amount = fields.money("amount", true);
    let auto_capture = fields.boolean("auto_capture", true);
    let verification_code = fields.digits("verification_code", 8, false);
    let request_id = fields.digits("request_id", 20, true);
    let store_employee = fields.store_and_employee();
    fields.sku_data();
    let sale = (|| {
        let (store, employee) = store_employee?;
        Some(Sale {
            account_number: account_number?,
            vcc_number,
            reference: reference?,
            transaction_type: transaction_type?,
            plan,
            amount: amount?,
            auto_capture: auto_capture?,
            verification_code,
            request_id: request_id?,
            store,
            employee,
        })
    })();
    fields.finish(sale)
}

/// `financing_option`: `transaction_type`, and `plan_id` and `term` (numbers) for a
/// promotional purchase only. Errors carry the flat names.
fn read_financing_option(
    fields: &mut Fields<'_>,
    option: Option<&Value>,
) -> (Option<TransactionType>, Option<(u32, u32)>) {
    let option = match option {
        None | Some(Value::Null) => {
            fields.fail("financing_option", FieldProblem::Required);
            return (None, None);
        }
        Some(Value::Object(option)) => option,
        Some(_) => {
            fields.fail("financing_option", FieldProblem::Invalid);
            return (None, None);
        }
    };
    let kind = match option.get("transaction_type") {
        None | Some(Value::Null) => {
            fields.fail("transaction_type", FieldProblem::Required);
            None
        }
        Some(Value::String(t)) => {
            let parsed = TransactionType::parse(t);
            if parsed.is_none() {
                fields.fail("transaction_type", FieldProblem::Invalid);
            }
            parsed
        }
        Some(_) => {
            fields.fail("transaction_type", FieldProblem::Invalid);
            None
        }
    };
    let number = |fields: &mut Fields<'_>, name: &str| -> Option<u32> {
        match option.get(name) {
            None | Some(Value::Null) => {
                if kind == Some(TransactionType::Promotional) {
                    fields.fail(name, FieldProblem::Required);
                }
                None
            }
            Some(value) if kind == Some(TransactionType::Regular) => {
                let _ = value;
                fields.fail(name, FieldProblem::Invalid);
                None
            }
            Some(Value::Number(n)) => match n.as_u64().and_then(|n| u32::try_from(n).ok()) {
                Some(n) => Some(n),
                None => {
                    fields.fail(name, FieldProblem::Invalid);
                    None
                }
            },
            Some(_) => {
                fields.fail(name, FieldProblem::Invalid);
                None
            }
        }
    };
    let plan_id = number(fields, "plan_id");
    let term = number(fields, "term");
    (kind, plan_id.zip(term))
}

pub async fn authorize(
    State(state): State<SharedState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    RawBody(bytes): RawBody,
) -> Result<Response, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let path = format!("/flexiti/pos-api/v2.5.1/client-id/{client_id}/authorization");
    money_route(
        &state,
        &client_id,
        &path,
        &headers,
        &bytes,
        |inner, body| {
            let sale = read(&body)?;
            charge(inner, &client_id, sale, lang)
        },
    )
}

fn business(error: &'static str, message: &'static str) -> ApiError {
    ApiError::business(error, message)
}

/// The rules in `purchase.md`'s order, then the record.
fn charge(inner: &mut Inner, client_id: &str, sale: Sale, lang: Lang) -> Result<Value, ApiError> {
    let number = parse_account_number(&sale.account_number).ok_or_else(ApiError::not_found)?;
    let account = inner
        .account(number)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    holder(&account, sale.vcc_number.as_deref())?;
    let store = store(&sale.store)?;
    may_buy(&account)?;
    if account.account_type == "business" && !store.business_accounts {
        return Err(business(
            "account_type_not_permitted",
            "This store cannot accept this type of account.",
        ));
    }
    let Some(code) = sale.verification_code.as_deref() else {
        return Err(business(
            "verification_code_required",
            "A verification code is required.",
        ));
    };
    let now = inner.now();
    let pin_index = inner
        .ledger
        .pins
        .iter()
        .rposition(|p| {
            p.account_number == number
                && p.request_id == sale.request_id
                && p.state_at(now) == PinState::Live
        })
        .filter(|&i| {
            // A bypass PIN serves only a regular purchase up to 200.00.
            inner.ledger.pins[i].format != VerifyFormat::RegularPurchaseBypass
                || (sale.transaction_type == TransactionType::Regular
                    && sale.amount <= BYPASS_MAXIMUM)
        })
        .ok_or_else(|| business("not_verified", "The customer has not been verified."))?;
    let pin = &mut inner.ledger.pins[pin_index];
    if pin.pin != code {
        pin.wrong_codes += 1;
        if pin.wrong_codes >= WRONG_CODES {
            pin.state = PinState::Dropped;
        }
        return Err(business(
            "wrong_verification_code",
            "The verification code is wrong.",
        ));
    }
    if !sale.auto_capture && !store.holds_allowed {
        return Err(business(
            "auth_not_allowed",
            "This store cannot place a hold.",
        ));
    }
    let (financing_option, cost) = match (sale.transaction_type, sale.plan) {
        (TransactionType::Regular, _) => (
            json!({
                "transaction_type": TransactionType::Regular.as_str(),
                "term_amount": money(sale.amount),
                "annual_rates": regular_rates(&account, lang),
                "fees": [],
            }),
            sale.amount,
        ),
        (TransactionType::Promotional, plan_term) => {
            let (plan_id, term) = plan_term.unwrap_or_default();
            let plan = CATALOGUE
                .iter()
                .find(|p| p.id == plan_id && p.terms.contains(&term))
                .ok_or_else(|| {
                    business("plan_term_not_set", "This plan or term does not exist.")
                })?;
            if !plan
                .eligibility
                .admits(account.category(), &account.province)
                || sale.amount < PLAN_MINIMUM
            {
                return Err(business(
                    "plan_term_not_available",
                    "This plan or term is not available for this purchase.",
                ));
            }
            let quote = term_quote(plan, &account, sale.amount, term, lang).ok_or_else(|| {
                business(
                    "plan_term_not_available",
                    "This plan or term is not available for this purchase.",
                )
            })?;
            (
                json!({
                    "transaction_type": TransactionType::Promotional.as_str(),
                    "plan_id": plan.id,
                    "plan_name": plan_name(plan.id, lang),
                    "term": term,
                    "term_amount": money(quote.term_amount),
                    "annual_rates": quote.annual_rates,
                    "fees": quote.fees,
                }),
                quote.cost,
            )
        }
    };
    if cost > account.available_credit {
        return Err(business(
            "credit_exceeded",
            "The purchase exceeds the available credit.",
        ));
    }

    // Recorded: the PIN is used, the credit taken, the sale captured unless a hold.
    inner.ledger.pins[pin_index].state = PinState::Used;
    if let Some(account) = inner.account_mut(number) {
        account.available_credit =
            Money::from_cents(account.available_credit.cents() - sale.amount.cents());
    }
    let authorization_id = inner.ledger.next_authorization_id();
    let mut authorization = Authorization {
        authorization_id,
        client_id: client_id.to_owned(),
        reference: sale.reference.clone(),
        account_number: number,
        transaction_type: sale.transaction_type,
        financing_option,
        amount: sale.amount,
        captured: Money::ZERO,
        released: Money::ZERO,
        creation_date: now,
        store: store.id.to_owned(),
        employee: sale.employee,
        captures: Vec::new(),
    };
    inner.stats.authorizations += 1;
    if sale.auto_capture {
        let capture_id = inner.ledger.next_capture_id();
        authorization.captured = sale.amount;
        authorization.captures.push(Capture {
            capture_id,
            authorization_id,
            reference: sale.reference,
            amount: sale.amount,
            date: now,
            remaining: sale.amount,
            store: store.id.to_owned(),
        });
        inner.stats.captures += 1;
    }
    let answer = authorization.to_json();
    inner.ledger.authorizations.push(authorization);
    Ok(answer)
}

pub async fn get_authorization(
    State(state): State<SharedState>,
    Path((client_id, id)): Path<(String, String)>,
) -> Result<Json<Value>, ApiError> {
    let id = parse_id(&id, 9).ok_or_else(ApiError::not_found)?;
    let mut inner = state.lock();
    expire_holds(&mut inner);
    inner
        .ledger
        .authorization_mut(&client_id, id)
        .map(|a| Json(a.to_json()))
        .ok_or_else(ApiError::not_found)
}
