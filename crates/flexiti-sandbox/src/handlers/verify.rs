//! `POST v2.5 /client-id/{client_id}/account/{account_number}/verify`: how the customer
//! at the till proves the account is theirs before a charge, as `purchase.md` decides.
//! sms and email send a PIN the customer reads out; the security question, the bypass
//! and the override answer the PIN. A PIN is bound to (account, `request_id`), lives
//! `pin_lifetime_secs`, is consumed by a successful authorization and dropped after 3
//! wrong codes; a retry with the same `request_id` and format re-sends the live PIN, and
//! a `request_id` whose PIN is no longer live is refused (a new verification takes a new
//! one).

use axum::extract::{Path, State};
use axum::Json;
use chrono::Duration;
use pos_core::rules::FieldProblem;
use serde_json::{json, Value};

use super::calculate_interest::BYPASS_DAILY_LIMIT;
use super::money::{
    holder, may_buy, parse_account_number, regular_purchases_since, same_answer, Fields, Holder,
};
use crate::body::JsonObject;
use crate::errors::{ApiError, FieldError};
use crate::ledger::{Pin, PinState, VerifyFormat};
use crate::state::{Inner, SharedState};

/// Wrong security answers allowed in [`ANSWER_WINDOW_HOURS`] before `tries_exceed`.
pub const ANSWER_TRIES: usize = 3;
pub const ANSWER_WINDOW_HOURS: i64 = 48;

struct VerifyInput {
    format: VerifyFormat,
    request_id: String,
    security_qid: Option<u32>,
    security_answer: Option<String>,
    vcc_number: Option<String>,
}

fn read(body: &serde_json::Map<String, Value>) -> Result<VerifyInput, ApiError> {
    let mut fields = Fields::new(body);
    let format = fields.text("format", 40, true);
    let format = format.and_then(|f| {
        let parsed = VerifyFormat::parse(&f);
        if parsed.is_none() {
            fields.fail("format", FieldProblem::Invalid);
        }
        parsed
    });
    let request_id = fields.digits("request_id", 20, true);
    let question = format == Some(VerifyFormat::SecurityQuestion);
    let security_qid = fields
        .digits("security_qid", 3, question)
        .and_then(|q| q.parse().ok());
    let security_answer = fields.text("security_answer", 100, question);
    let vcc_number = fields.card();
    let input = match (format, request_id) {
        (Some(format), Some(request_id)) => Some(VerifyInput {
            format,
            request_id,
            security_qid,
            security_answer,
            vcc_number,
        }),
        _ => None,
    };
    fields.finish(input)
}

pub async fn verify(
    State(state): State<SharedState>,
    Path((_client_id, account_number)): Path<(String, String)>,
    JsonObject(body): JsonObject,
) -> Result<Json<Value>, ApiError> {
    let input = read(&body)?;
    let number = parse_account_number(&account_number).ok_or_else(ApiError::not_found)?;
    let mut inner = state.lock();
    super::money::expire_holds(&mut inner);
    let account = inner
        .account(number)
        .cloned()
        .ok_or_else(ApiError::not_found)?;
    let holder = holder(&account, input.vcc_number.as_deref())?;
    may_buy(&account)?;
    let now = inner.now();
    let earlier = inner
        .ledger
        .pins
        .iter()
        .rposition(|p| p.account_number == number && p.request_id == input.request_id);
    // wrong_inputs names every bad field at once.
    let mut wrong = Vec::new();
    // A request_id is one verification: another format, or a PIN already used,
    // expired or dropped, needs a new one (else three wrong codes could be undone by
    // verifying again under the same id).
    if let Some(index) = earlier {
        let pin = &inner.ledger.pins[index];
        if pin.format != input.format || pin.state_at(now) != PinState::Live {
            wrong.push(FieldError::new("request_id", FieldProblem::Invalid));
        }
    }
    if let Some(qid) = input.security_qid {
        if input.format == VerifyFormat::SecurityQuestion && qid != holder.security_qid {
            wrong.push(FieldError::new("security_qid", FieldProblem::Invalid));
        }
    }
    if !wrong.is_empty() {
        return Err(ApiError::WrongInputs(wrong));
    }
    match input.format {
        VerifyFormat::Sms if holder.mobile.is_none() => {
            return Err(ApiError::Business {
                status: axum::http::StatusCode::BAD_REQUEST,
                error: "sms_not_valid_phone",
                message: "No valid mobile phone number is on file for this account.",
            })
        }
        VerifyFormat::SecurityQuestion => {
            check_answer(&mut inner, number, &holder, &input, now)?;
        }
        VerifyFormat::RegularPurchaseBypass => {
            let since = now - Duration::hours(24);
            if regular_purchases_since(&inner, number, since) >= BYPASS_DAILY_LIMIT {
                return Err(ApiError::business(
                    "regular_purchase_bypass_is_not_allowed",
                    "Verification cannot be bypassed for this purchase.",
                ));
            }
        }
        VerifyFormat::MerchantOverride if !inner.settings.merchant_override => {
            return Err(ApiError::business(
                "merchant_override_is_not_allowed",
                "Merchant override is not allowed.",
            ))
        }
        _ => {}
    }
    // A retry of a live verification gets the same PIN; anything else a new one.
    let live = earlier.filter(|&i| inner.ledger.pins[i].state_at(now) == PinState::Live);
    let pin = match live {
        Some(index) => inner.ledger.pins[index].pin.clone(),
        None => {
            let pin = fastrand::u16(1000..=9999).to_string();
            let lifetime = Duration::seconds(
                i64::try_from(inner.settings.pin_lifetime_secs).unwrap_or(i64::MAX / 1000),
            );
            let sent_to = match input.format {
                VerifyFormat::Sms => holder.mobile.as_deref().map(mask_phone),
                VerifyFormat::Email => Some(mask_email(&holder.email)),
                _ => None,
            };
            inner.ledger.pins.push(Pin {
                account_number: number,
                request_id: input.request_id.clone(),
                format: input.format,
                pin: pin.clone(),
                sent_to,
                issued_at: now,
                expires_at: now + lifetime,
                state: PinState::Live,
                wrong_codes: 0,
            });
            pin
        }
    };
    let code = match input.format {
        VerifyFormat::Sms => json!("verification_sent_to_sms"),
        VerifyFormat::Email => json!("verification_sent_to_email"),
        _ => json!(pin.parse::<u64>().unwrap_or_default()),
    };
    Ok(Json(json!({ "verification_code": code })))
}

/// `tries_exceed` after 3 wrong answers in 48 h (before checking), else
/// `secret_answer_mismatch` for a wrong one (counted).
fn check_answer(
    inner: &mut Inner,
    account: u64,
    holder: &Holder,
    input: &VerifyInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Result<(), ApiError> {
    let since = now - Duration::hours(ANSWER_WINDOW_HOURS);
    let wrong = inner
        .ledger
        .wrong_answers
        .iter()
        .filter(|(a, who, at)| *a == account && *who == holder.customer_id && *at > since)
        .count();
    if wrong >= ANSWER_TRIES {
        return Err(ApiError::business(
            "tries_exceed",
            "Too many wrong answers; try another way to verify.",
        ));
    }
    let given = input.security_answer.as_deref().unwrap_or_default();
    if !same_answer(given, &holder.security_answer) {
        inner
            .ledger
            .wrong_answers
            .push((account, holder.customer_id.clone(), now));
        return Err(ApiError::business(
            "secret_answer_mismatch",
            "The answer does not match.",
        ));
    }
    Ok(())
}

/// `•••-•••-0101`.
fn mask_phone(phone: &str) -> String {
    format!("•••-•••-{}", &phone[phone.len().saturating_sub(4)..])
}

/// `f•••@example.com`.
fn mask_email(email: &str) -> String {
    match email.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn destinations_are_masked() {
        assert_eq!(mask_phone("4165550101"), "•••-•••-0101");
        assert_eq!(
            mask_email("flexiti.mitester@example.com"),
            "f•••@example.com"
        );
    }
}
