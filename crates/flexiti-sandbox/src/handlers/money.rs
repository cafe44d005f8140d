//! What the purchase routes share: the money-moving frame (idempotency headers, then
//! the stored answer or the body, then the route's work, all under one lock), the
//! readers of their body fields (every failing field reported at once), the account and
//! card-holder checks, and the clock's effects (holds that ran out, the 24 h window).

use axum::http::{HeaderMap, Method, StatusCode};
use axum::response::Response;
use chrono::{DateTime, Utc};
use pos_core::money::Money;
use pos_core::rules::FieldProblem;
use serde_json::{json, Map, Value};
use sha2::{Digest, Sha256};

use super::calculate_interest::MAX_AMOUNT;
use crate::body::parse_object;
use crate::data::STORES;
use crate::errors::{json_response, ApiError, FieldError};
use crate::headers::valid_idempotency_key;
use crate::idempotency::{replay, Reply};
use crate::ledger::TransactionType;
use crate::state::{Inner, SharedState};
use crate::world::{fold, Account, Store, STORE_RULES};

/// The rep whose after-sale operations Flexiti refuses (`not_permitted`).
pub const TRAINEE: &str = "trainee";

/// 1-14 digits, else the account is not found.
pub fn parse_account_number(text: &str) -> Option<u64> {
    let digits = (1..=14).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

/// An authorization or capture id of the path: 1-9 digits, else not found.
pub fn parse_id(text: &str, max_digits: usize) -> Option<u64> {
    let digits = (1..=max_digits).contains(&text.len()) && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten()
}

fn sha256_hex(bytes: &[u8]) -> String {
    Sha256::digest(bytes)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The idempotency headers of a money-moving request: none, or a key with the hash of
/// the exact bytes received.
fn idempotency_headers(headers: &HeaderMap, bytes: &[u8]) -> Result<Option<String>, ApiError> {
    let text = |name: &str| {
        headers
            .get(name)
            .map(|v| v.to_str().map(str::to_owned).unwrap_or_default())
    };
    let key = text("x-idempotency-key");
    let hash = text("x-context-hash");
    match (key, hash) {
        (None, None) => Ok(None),
        (Some(key), _) if !valid_idempotency_key(&key) => {
            Err(ApiError::field("x-idempotency-key", FieldProblem::Invalid))
        }
        (Some(_), None) => Err(ApiError::field("x-context-hash", FieldProblem::Required)),
        (None, Some(_)) => Err(ApiError::field("x-idempotency-key", FieldProblem::Required)),
        (Some(key), Some(hash)) => {
            if hash == sha256_hex(bytes) {
                Ok(Some(key))
            } else {
                Err(ApiError::field("x-context-hash", FieldProblem::Invalid))
            }
        }
    }
}

/// Runs a money-moving route: the idempotency headers are checked, then a key's stored
/// answer is replayed (before the body and every business rule: a used PIN does not
/// refuse it) or a reused key refused; else the body is read and `work` runs. Only a 200
/// is stored under the key. One lock from the key's lookup to its store, so two sends
/// with one key record one operation.
pub fn money_route(
    state: &SharedState,
    client_id: &str,
    path: &str,
    headers: &HeaderMap,
    bytes: &[u8],
    work: impl FnOnce(&mut Inner, Map<String, Value>) -> Result<Value, ApiError>,
) -> Result<Response, ApiError> {
    let key = idempotency_headers(headers, bytes)?;
    let fingerprint = json!({
        "method": Method::POST.as_str(),
        "path": path,
        "hash": sha256_hex(bytes),
    });
    let mut inner = state.lock();
    if let Some(key) = &key {
        if let Some(replayed) = replay(&mut inner, client_id, key, &fingerprint)? {
            return Ok(replayed);
        }
    }
    let body = parse_object(bytes)?;
    expire_holds(&mut inner);
    let answer = work(&mut inner, body)?;
    if let Some(key) = &key {
        let reply = Reply {
            status: StatusCode::OK,
            body: answer.clone(),
        };
        inner.keys.remember(client_id, key, fingerprint, reply);
    }
    Ok(json_response(StatusCode::OK, &answer))
}

/// Closes every hold older than the hold lifetime: its remainder is released and the
/// credit given back.
pub fn expire_holds(inner: &mut Inner) {
    let now = inner.now();
    let lifetime = chrono::Duration::days(
        i64::try_from(inner.settings.auth_expiry_days).unwrap_or(i64::MAX / 86_400 / 2),
    );
    let mut restored = Vec::new();
    for authorization in &mut inner.ledger.authorizations {
        let remaining = authorization.remaining();
        if remaining > Money::ZERO && now >= authorization.creation_date + lifetime {
            authorization.released =
                Money::from_cents(authorization.released.cents() + remaining.cents());
            restored.push((authorization.account_number, remaining));
        }
    }
    for (account, amount) in restored {
        restore_credit(inner, account, amount);
    }
}

/// Gives `amount` of credit back to `account` (a release, return or refund).
pub fn restore_credit(inner: &mut Inner, account: u64, amount: Money) {
    if let Some(account) = inner.account_mut(account) {
        let restored = account.available_credit.cents() + amount.cents();
        account.available_credit = Money::from_cents(restored.min(account.credit_limit.cents()));
    }
}

/// Regular purchases `account` made since `since` (the bypass's 24 h window).
pub fn regular_purchases_since(inner: &Inner, account: u64, since: DateTime<Utc>) -> usize {
    inner
        .ledger
        .authorizations
        .iter()
        .filter(|a| {
            a.account_number == account
                && a.transaction_type == TransactionType::Regular
                && a.creation_date > since
        })
        .count()
}

/// The registered store `id`, or `external_location_id_not_found`.
pub fn store(id: &str) -> Result<&'static Store, ApiError> {
    STORE_RULES
        .iter()
        .find(|s| s.id == id.trim() && STORES.contains(&s.id))
        .ok_or_else(|| {
            ApiError::business(
                "external_location_id_not_found",
                "This store is not registered with Flexiti.",
            )
        })
}

/// The person holding the card at the till: the primary holder, or an authorized user.
#[derive(Debug, Clone)]
pub struct Holder {
    pub customer_id: String,
    pub security_qid: u32,
    pub security_answer: String,
    pub mobile: Option<String>,
    pub email: String,
}

/// Whose card `vcc_number` is on `account` (none: the primary holder), or
/// `vcc_account_mismatch`.
pub fn holder(account: &Account, vcc_number: Option<&str>) -> Result<Holder, ApiError> {
    let primary = || Holder {
        customer_id: account.customer_id.clone(),
        security_qid: account.security_qid,
        security_answer: account.security_answer.clone(),
        mobile: account.mobile.clone(),
        email: account.email.clone(),
    };
    match vcc_number {
        None => Ok(primary()),
        Some(card) if card == account.card_number => Ok(primary()),
        Some(card) => account
            .authorized_users
            .iter()
            .find(|u| u.card_number == card)
            .map(|u| Holder {
                customer_id: u.customer_id.clone(),
                security_qid: u.security_qid,
                security_answer: u.security_answer.clone(),
                mobile: u.mobile.clone(),
                email: u.email.clone(),
            })
            .ok_or_else(|| {
                ApiError::business(
                    "vcc_account_mismatch",
                    "This card does not belong to this account.",
                )
            }),
    }
}

/// `user_not_active` (terms not accepted), then `user_not_able_to_purchase` (status not N).
pub fn may_buy(account: &Account) -> Result<(), ApiError> {
    if !account.tos_agreement {
        return Err(ApiError::business(
            "user_not_active",
            "This account is not active.",
        ));
    }
    if account.account_status != "N" {
        return Err(ApiError::business(
            "user_not_able_to_purchase",
            "This account cannot make purchases.",
        ));
    }
    Ok(())
}

/// Security answers compare trimmed, case- and accent-insensitively.
pub fn same_answer(given: &str, on_file: &str) -> bool {
    fold(given.trim()) == fold(on_file.trim())
}

/// Reads the fields of one body, collecting every failure for one `wrong_inputs`.
pub struct Fields<'a> {
    body: &'a Map<String, Value>,
    pub errors: Vec<FieldError>,
}

impl<'a> Fields<'a> {
    pub fn new(body: &'a Map<String, Value>) -> Self {
        Fields {
            body,
            errors: Vec::new(),
        }
    }

    pub fn fail(&mut self, name: &str, problem: FieldProblem) {
        if !self.errors.iter().any(|e| e.param == name) {
            self.errors.push(FieldError::new(name, problem));
        }
    }

    fn get(&self, name: &str) -> Option<&'a Value> {
        self.body.get(name).filter(|v| !v.is_null())
    }

    /// A string of 1 to `max` characters (trimmed; blank is missing).
    pub fn text(&mut self, name: &str, max: usize, required: bool) -> Option<String> {
        match self.get(name) {
            None => {
                if required {
                    self.fail(name, FieldProblem::Required);
                }
                None
            }
            Some(Value::String(s)) if s.trim().is_empty() => {
                if required {
                    self.fail(name, FieldProblem::Required);
                }
                None
            }
            Some(Value::String(s)) if s.trim().chars().count() > max => {
                self.fail(name, FieldProblem::Length);
                None
            }
            Some(Value::String(s)) => Some(s.trim().to_owned()),
            Some(_) => {
                self.fail(name, FieldProblem::Invalid);
                None
            }
        }
    }

    /// Digits sent as a JSON number or string, 1 to `max` of them.
    pub fn digits(&mut self, name: &str, max: usize, required: bool) -> Option<String> {
        let text = match self.get(name) {
            None => None,
            Some(Value::String(s)) if s.trim().is_empty() => None,
            Some(Value::String(s)) => Some(s.trim().to_owned()),
            Some(Value::Number(n)) if n.is_u64() => Some(n.to_string()),
            Some(_) => {
                self.fail(name, FieldProblem::Invalid);
                return None;
            }
        };
        match text {
            None => {
                if required {
                    self.fail(name, FieldProblem::Required);
                }
                None
            }
            Some(t) if t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()) => Some(t),
            Some(_) => {
                self.fail(name, FieldProblem::Invalid);
                None
            }
        }
    }

    /// An amount: more than 0, at most two decimals and 99 999 999.99, never rounded.
    pub fn money(&mut self, name: &str, required: bool) -> Option<Money> {
        let text = match self.get(name) {
            None => {
                if required {
                    self.fail(name, FieldProblem::Required);
                }
                return None;
            }
            Some(Value::String(s)) => s.trim().to_owned(),
            Some(Value::Number(n)) => n.to_string(),
            Some(_) => {
                self.fail(name, FieldProblem::Invalid);
                return None;
            }
        };
        match Money::parse(&text) {
            Ok(amount) if amount > Money::ZERO && amount <= MAX_AMOUNT => Some(amount),
            _ => {
                self.fail(name, FieldProblem::Invalid);
                None
            }
        }
    }

    pub fn boolean(&mut self, name: &str, required: bool) -> Option<bool> {
        match self.get(name) {
            None => {
                if required {
                    self.fail(name, FieldProblem::Required);
                }
                None
            }
            Some(Value::Bool(b)) => Some(*b),
            Some(_) => {
                self.fail(name, FieldProblem::Invalid);
                None
            }
        }
    }

    /// `vcc_number`: 16 digits, optional.
    pub fn card(&mut self) -> Option<String> {
        let card = self.digits("vcc_number", 16, false)?;
        if card.len() == 16 {
            Some(card)
        } else {
            self.fail("vcc_number", FieldProblem::Invalid);
            None
        }
    }

    /// Our `reference`: 1-40 visible ASCII characters.
    pub fn reference(&mut self) -> Option<String> {
        let reference = self.text("reference", 40, true)?;
        if reference.bytes().all(|b| b.is_ascii_graphic()) {
            Some(reference)
        } else {
            self.fail("reference", FieldProblem::Invalid);
            None
        }
    }

    /// `sku_data`: any object, not validated.
    pub fn sku_data(&mut self) {
        if !matches!(self.get("sku_data"), None | Some(Value::Object(_))) {
            self.fail("sku_data", FieldProblem::Invalid);
        }
    }

    /// `external_location_id` and `external_employee_id` (≤ 50), both required.
    pub fn store_and_employee(&mut self) -> Option<(String, String)> {
        let store = self.text("external_location_id", 50, true);
        let employee = self.text("external_employee_id", 50, true);
        Some((store?, employee?))
    }

    /// The values read, or every failure at once.
    pub fn finish<T>(self, value: Option<T>) -> Result<T, ApiError> {
        match value {
            Some(value) if self.errors.is_empty() => Ok(value),
            _ => Err(ApiError::WrongInputs(self.errors)),
        }
    }
}

/// `not_permitted` for the employee Flexiti does not let do after-sale operations.
pub fn employee_permitted(employee: &str) -> Result<(), ApiError> {
    if employee.eq_ignore_ascii_case(TRAINEE) {
        return Err(ApiError::business(
            "not_permitted",
            "This employee may not perform this operation.",
        ));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn account_numbers_are_one_to_fourteen_digits() {
        assert_eq!(parse_account_number("116994755"), Some(116994755));
        assert_eq!(parse_account_number("12345678901234"), Some(12345678901234));
        for bad in ["", "123456789012345", "12a", "-1", "+1", " 1"] {
            assert_eq!(parse_account_number(bad), None, "{bad:?}");
        }
    }

    #[test]
    fn answers_compare_trimmed_without_case_or_accents() {
        assert!(same_answer("  rue principale ", "rue Principale"));
        assert!(same_answer("MME ROY", "Mme Roy"));
        assert!(same_answer("Cote", "Côté"));
        assert!(!same_answer("Rainbows", "Rainbow"));
    }

    #[test]
    fn the_context_hash_is_the_lowercase_sha256_of_the_bytes() {
        assert_eq!(
            sha256_hex(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
