//! After the sale, v2.5, money-moving: capture or release a hold
//! (`authorization/{id}/capture`, `…/release`), return a promotional capture within 100
//! days (`authorization/{a}/capture/{c}/return`), refund a regular one
//! (`accounts/{n}/refund`). Each checks its rules in `purchase.md`'s order and gives
//! the credit back where money goes back.

use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::response::Response;
use chrono::Duration;
use pos_core::money::Money;
use pos_core::rules::FieldProblem;
use serde_json::{json, Value};

use super::calculate_interest::money;
use super::money::{
    employee_permitted, money_route, parse_account_number, parse_id, restore_credit, store, Fields,
};
use crate::body::RawBody;
use crate::errors::ApiError;
use crate::ledger::{timestamp, Authorization, Capture, TransactionType};
use crate::state::{Inner, SharedState};

/// A promotional capture may be returned for this long after its date.
pub const RETURN_WINDOW_DAYS: i64 = 100;

fn business(error: &'static str, message: &'static str) -> ApiError {
    ApiError::business(error, message)
}

fn authorization<'a>(
    inner: &'a mut Inner,
    client_id: &str,
    id: Option<u64>,
) -> Result<&'a mut Authorization, ApiError> {
    id.and_then(|id| inner.ledger.authorization_mut(client_id, id))
        .ok_or_else(ApiError::not_found)
}

fn ended() -> ApiError {
    business(
        "authorization_ended",
        "This authorization has nothing left to capture or release.",
    )
}

fn exceeded() -> ApiError {
    business(
        "auth_amount_exceeded",
        "The amount exceeds what remains of the authorization.",
    )
}

pub async fn capture(
    State(state): State<SharedState>,
    Path((client_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    RawBody(bytes): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{id}/capture");
    money_route(
        &state,
        &client_id,
        &path,
        &headers,
        &bytes,
        |inner, body| {
            let mut fields = Fields::new(&body);
            let amount = fields.money("amount", true);
            let reference = fields.reference();
            let store_employee = fields.store_and_employee();
            fields.sku_data();
            let (amount, reference, (store_id, employee)) =
                fields.finish((|| Some((amount?, reference?, store_employee?)))())?;
            let now = inner.now();
            let authorization_id = parse_id(&id, 9);
            authorization(inner, &client_id, authorization_id)?;
            let store = store(&store_id)?;
            employee_permitted(&employee)?;
            let capture_id = inner.ledger.next_capture_id();
            let auth = authorization(inner, &client_id, authorization_id)?;
            if auth.remaining() == Money::ZERO {
                return Err(ended());
            }
            if amount > auth.remaining() {
                return Err(exceeded());
            }
            auth.captured = Money::from_cents(auth.captured.cents() + amount.cents());
            auth.captures.push(Capture {
                capture_id,
                authorization_id: auth.authorization_id,
                reference: reference.clone(),
                amount,
                date: now,
                remaining: amount,
                store: store.id.to_owned(),
            });
            let answer = json!({
                "capture_id": capture_id,
                "authorization_id": auth.authorization_id,
                "reference": reference,
                "amount": money(amount),
                "date": timestamp(now),
                "remaining_authorization_amount": money(auth.remaining()),
            });
            inner.stats.captures += 1;
            Ok(answer)
        },
    )
}

pub async fn release(
    State(state): State<SharedState>,
    Path((client_id, id)): Path<(String, String)>,
    headers: HeaderMap,
    RawBody(bytes): RawBody,
) -> Result<Response, ApiError> {
    let path = format!("/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{id}/release");
    money_route(
        &state,
        &client_id,
        &path,
        &headers,
        &bytes,
        |inner, body| {
            let mut fields = Fields::new(&body);
            let amount = fields.money("amount", false);
            let reference = fields.reference();
            let store_employee = fields.store_and_employee();
            // The reference is required and checked; a release answers without it.
            let (_reference, (store_id, employee)) =
                fields.finish((|| Some((reference?, store_employee?)))())?;
            let authorization_id = parse_id(&id, 9);
            authorization(inner, &client_id, authorization_id)?;
            store(&store_id)?;
            employee_permitted(&employee)?;
            let auth = authorization(inner, &client_id, authorization_id)?;
            let remaining = auth.remaining();
            if remaining == Money::ZERO {
                return Err(ended());
            }
            let amount = amount.unwrap_or(remaining);
            if amount > remaining {
                return Err(exceeded());
            }
            auth.released = Money::from_cents(auth.released.cents() + amount.cents());
            let answer = json!({
                "authorization_id": auth.authorization_id,
                "released_amount": money(auth.released),
                "remaining_authorization_amount": money(auth.remaining()),
                "status": auth.status(),
            });
            let account = auth.account_number;
            restore_credit(inner, account, amount);
            inner.stats.releases += 1;
            Ok(answer)
        },
    )
}

/// The capture `capture_id` of authorization `authorization_id` of `client_id`.
fn capture_of<'a>(
    inner: &'a mut Inner,
    client_id: &str,
    authorization_id: Option<u64>,
    capture_id: Option<u64>,
) -> Result<(&'a mut Authorization, usize), ApiError> {
    let auth = authorization(inner, client_id, authorization_id)?;
    let index = auth
        .captures
        .iter()
        .position(|c| Some(c.capture_id) == capture_id)
        .ok_or_else(ApiError::not_found)?;
    Ok((auth, index))
}

fn capture_exceeded() -> ApiError {
    business(
        "capture_amount_exceeded",
        "The amount exceeds what remains of the capture.",
    )
}

pub async fn return_capture(
    State(state): State<SharedState>,
    Path((client_id, id, capture)): Path<(String, String, String)>,
    headers: HeaderMap,
    RawBody(bytes): RawBody,
) -> Result<Response, ApiError> {
    let path = format!(
        "/flexiti/pos-api/v2.5/client-id/{client_id}/authorization/{id}/capture/{capture}/return"
    );
    money_route(
        &state,
        &client_id,
        &path,
        &headers,
        &bytes,
        |inner, body| {
            let mut fields = Fields::new(&body);
            let reference = fields.reference();
            let full_return = fields.boolean("full_return", true);
            let amount = fields.money("amount", true);
            fields.card();
            let store_employee = fields.store_and_employee();
            fields.sku_data();
            let (reference, full_return, amount, (store_id, employee)) = fields
                .finish((|| {
                    Some((reference?, full_return?, amount?, store_employee?))
                })())?;
            let now = inner.now();
            let (authorization_id, capture_id) = (parse_id(&id, 9), parse_id(&capture, 9));
            capture_of(inner, &client_id, authorization_id, capture_id)?;
            store(&store_id)?;
            employee_permitted(&employee)?;
            let return_id = inner.ledger.next_return_id();
            let (auth, index) = capture_of(inner, &client_id, authorization_id, capture_id)?;
            if auth.transaction_type == TransactionType::Regular {
                return Err(business(
                    "wrong_transaction_type",
                    "A regular purchase is refunded, not returned.",
                ));
            }
            let uncaptured = auth.remaining();
            let account = auth.account_number;
            let captured = &mut auth.captures[index];
            if now > captured.date + Duration::days(RETURN_WINDOW_DAYS) {
                return Err(business(
                    "return_date_exceeded",
                    "The return period of this purchase is over.",
                ));
            }
            if amount > captured.remaining {
                return Err(capture_exceeded());
            }
            if full_return && amount != captured.remaining {
                return Err(ApiError::field("amount", FieldProblem::Invalid));
            }
            captured.remaining = Money::from_cents(captured.remaining.cents() - amount.cents());
            let answer = json!({
                "return_id": return_id,
                "reference": reference,
                "capture_id": captured.capture_id,
                "date": timestamp(now),
                "amount": money(amount),
                "remaining_capture_amount": money(captured.remaining),
                "remaining_authorization_amount": money(uncaptured),
            });
            restore_credit(inner, account, amount);
            inner.stats.returns += 1;
            Ok(answer)
        },
    )
}

pub async fn refund(
    State(state): State<SharedState>,
    Path((client_id, account_number)): Path<(String, String)>,
    headers: HeaderMap,
    RawBody(bytes): RawBody,
) -> Result<Response, ApiError> {
    let path =
        format!("/flexiti/pos-api/v2.5/client-id/{client_id}/accounts/{account_number}/refund");
    money_route(
        &state,
        &client_id,
        &path,
        &headers,
        &bytes,
        |inner, body| {
            let mut fields = Fields::new(&body);
            let reference = fields.reference();
            let amount = fields.money("amount", true);
            let capture_id = fields.digits("capture_id", 9, true);
            fields.card();
            let store_employee = fields.store_and_employee();
            fields.sku_data();
            // The reference is required and checked; a refund answers `{}`.
            let (_reference, amount, capture_id, (store_id, employee)) = fields
                .finish((|| {
                    Some((reference?, amount?, capture_id?, store_employee?))
                })())?;
            let number = parse_account_number(&account_number).ok_or_else(ApiError::not_found)?;
            let capture_id: Option<u64> = capture_id.parse().ok();
            let found = |inner: &mut Inner| -> Option<(usize, usize)> {
                inner
                    .ledger
                    .authorizations
                    .iter()
                    .enumerate()
                    .find_map(|(a, auth)| {
                        let mine = auth.client_id == client_id && auth.account_number == number;
                        let c = auth
                            .captures
                            .iter()
                            .position(|c| Some(c.capture_id) == capture_id)?;
                        mine.then_some((a, c))
                    })
            };
            if inner.account(number).is_none() {
                return Err(ApiError::not_found());
            }
            let (a, c) = found(inner).ok_or_else(ApiError::not_found)?;
            store(&store_id)?;
            employee_permitted(&employee)?;
            let auth = &mut inner.ledger.authorizations[a];
            if auth.transaction_type != TransactionType::Regular {
                return Err(business(
                    "wrong_transaction_type",
                    "A promotional purchase is returned, not refunded.",
                ));
            }
            let captured = &mut auth.captures[c];
            if amount > captured.remaining {
                return Err(capture_exceeded());
            }
            captured.remaining = Money::from_cents(captured.remaining.cents() - amount.cents());
            restore_credit(inner, number, amount);
            inner.stats.refunds += 1;
            Ok(Value::Object(serde_json::Map::new()))
        },
    )
}
