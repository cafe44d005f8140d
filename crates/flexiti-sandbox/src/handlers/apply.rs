//! `POST /client-id/{client_id}/apply?lang=`: the credit application. Every field rule of
//! the contract (all failures at once), then the business rules, then the decision the
//! test keys select; `x-idempotency-key` replays a recorded application's decision or
//! refuses a reused key, checked and stored under one lock.

use axum::extract::{Path, RawQuery, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Response};
use chrono::Local;
use pos_core::application::{validate, ApplicationInput, FIELDS};
use pos_core::rules::{normalize_sin, parse_amount, FieldProblem, Province};
use serde_json::{json, Map, Value};

use super::terms::province_group;
use super::{parse_query, LangQuery};
use crate::applications::{outcome_for, Outcome, Person, Reply};
use crate::body::JsonObject;
use crate::data::{seed, STORES};
use crate::errors::{json_response, ApiError, FieldError};
use crate::headers::valid_idempotency_key;
use crate::idempotency::replay;
use crate::state::SharedState;
use crate::world::ApprovedApplication;

pub async fn apply(
    State(state): State<SharedState>,
    Path(client_id): Path<String>,
    headers: HeaderMap,
    RawQuery(query): RawQuery,
    JsonObject(body): JsonObject,
) -> Result<Response, ApiError> {
    let lang = parse_query::<LangQuery>(query.as_deref())?.lang()?;
    let key = match headers.get("x-idempotency-key") {
        None => None,
        Some(v) => match v.to_str().ok().filter(|k| valid_idempotency_key(k)) {
            Some(k) => Some(k.to_owned()),
            None => return Err(ApiError::field("x-idempotency-key", FieldProblem::Invalid)),
        },
    };
    let fingerprint = json!({ "lang": lang.code(), "body": body });
    // One guard from the key's lookup to its store: two sends with one key must not both
    // find it new. Nothing below awaits, so holding it stalls other requests for as long
    // as the checks take, no more.
    let mut inner = state.lock();
    if let Some(key) = &key {
        if let Some(replayed) = replay(&mut inner, &client_id, key, &fingerprint)? {
            return Ok(replayed);
        }
    }

    // Every refusal from here to the decision records nothing and stores nothing, so
    // the key is processed afresh next time.
    let input = read_input(&body)?;
    if input.tos_agreement != Some(true) {
        return Err(ApiError::business(
            "tos_agreement_required",
            "The applicant must accept the terms and conditions.",
        ));
    }
    let location = input
        .external_location_id
        .as_deref()
        .unwrap_or_default()
        .trim();
    if !STORES.contains(&location) {
        return Err(ApiError::business(
            "external_location_id_not_found",
            "This store is not registered with Flexiti.",
        ));
    }
    let account_type = input.account_type.as_deref().unwrap_or("consumer");
    if account_type != "consumer" {
        return Err(ApiError::business(
            "account_type_not_permitted",
            "This merchant cannot open this type of account.",
        ));
    }

    let text = |v: &Option<String>| v.as_deref().unwrap_or_default().to_owned();
    let sin = input.sin.as_deref().and_then(|s| normalize_sin(s).ok());
    let person = Person::new(
        sin.as_deref(),
        &text(&input.first_name),
        &text(&input.last_name),
        &text(&input.dob),
    );
    let income = input
        .annual_income
        .as_deref()
        .and_then(|a| parse_amount(a).ok())
        .map_or(0, |c| c.0);
    let outcome = outcome_for(input.middle_name.as_deref().unwrap_or_default());
    let taken: std::collections::HashSet<u64> =
        inner.accounts.iter().map(|a| a.account_number).collect();
    let taken = move |n: u64| taken.contains(&n);

    // Whether an application was recorded: only its decision (approved, pending,
    // declined) is stored under the key and replayed.
    let (reply, recorded) = match outcome {
        Outcome::Retry => (
            inner
                .applications
                .decide(outcome, person, income, account_type, lang.code(), &taken),
            false,
        ),
        _ if inner.applications.already_approved(&person) => (
            Reply {
                status: axum::http::StatusCode::CONFLICT,
                body: json!({ "message": "This customer already has a Flexiti account.", "error": "customer_already_exists" }),
            },
            false,
        ),
        _ => {
            inner.stats.applications += 1;
            let reply = inner.applications.decide(
                outcome,
                person,
                income,
                account_type,
                lang.code(),
                &taken,
            );
            if let Some(account) = approved_account(&reply, &input, inner.now()) {
                inner.accounts.push(account);
            }
            (reply, true)
        }
    };
    let path = format!("/flexiti/pos-api/v2.5/client-id/{client_id}/apply");
    let reply = with_url(reply, &path);
    if let (Some(key), true) = (&key, recorded) {
        inner
            .keys
            .remember(&client_id, key, fingerprint, reply.clone());
    }
    Ok(json_response(reply.status, &reply.body).into_response())
}

/// The account an approval opens, usable at once (`purchase.md`'s world).
fn approved_account(
    reply: &Reply,
    input: &ApplicationInput,
    now: chrono::DateTime<chrono::Utc>,
) -> Option<crate::world::Account> {
    let body = &reply.body;
    let account_number = body.get("account_number")?.as_u64()?;
    let limit = serde_json::from_value(body.get("credit_limit")?.clone()).ok()?;
    Some(
        ApprovedApplication {
            account_number,
            customer_id: body.get("customer_id")?.as_str()?,
            input,
            risk_rating: body.get("risk_rating")?.as_str()?,
            limit,
            card_ending_in: body.get("card_ending_in")?.as_str()?,
            today: now.format("%Y-%m-%d").to_string(),
        }
        .account(),
    )
}

/// Business answers carry the request path first, like every error body.
fn with_url(reply: Reply, path: &str) -> Reply {
    match reply.body {
        Value::Object(map) if map.contains_key("error") => {
            let mut body = Map::with_capacity(map.len() + 1);
            body.insert("url".into(), Value::String(path.to_owned()));
            body.extend(map);
            Reply {
                status: reply.status,
                body: Value::Object(body),
            }
        }
        body => Reply {
            status: reply.status,
            body,
        },
    }
}

/// How a field may be sent.
#[derive(Clone, Copy)]
enum Kind {
    /// A JSON string.
    Text,
    /// A JSON string or number (phone numbers, amounts, ids).
    Numeric,
}

/// Reads the wire body into the form's input, then runs every rule of the contract.
fn read_input(body: &Map<String, Value>) -> Result<ApplicationInput, ApiError> {
    let mut errors: Vec<FieldError> = Vec::new();
    let empty = Map::new();
    let personal = match body.get("customer_identification") {
        None | Some(Value::Null) => &empty,
        Some(Value::Object(ci)) => match ci.get("personal_information") {
            None | Some(Value::Null) => &empty,
            Some(Value::Object(pi)) => pi,
            Some(_) => {
                errors.push(FieldError::new(
                    "personal_information",
                    FieldProblem::Invalid,
                ));
                &empty
            }
        },
        Some(_) => {
            errors.push(FieldError::new(
                "customer_identification",
                FieldProblem::Invalid,
            ));
            &empty
        }
    };
    let mut get = |map: &Map<String, Value>, name: &'static str, kind: Kind| -> Option<String> {
        match (map.get(name), kind) {
            (None | Some(Value::Null), _) => None,
            (Some(Value::String(s)), _) => Some(s.clone()),
            (Some(Value::Number(n)), Kind::Numeric) => Some(n.to_string()),
            (Some(_), _) => {
                errors.push(FieldError::new(name, FieldProblem::Invalid));
                None
            }
        }
    };
    use Kind::{Numeric, Text};
    let mut input = ApplicationInput {
        salutation: get(personal, "salutation", Text),
        first_name: get(personal, "first_name", Text),
        middle_name: get(personal, "middle_name", Text),
        last_name: get(personal, "last_name", Text),
        dob: get(personal, "dob", Text),
        postal_code: get(personal, "postal_code", Text),
        sin: get(personal, "sin", Numeric),
        email: get(body, "email", Text),
        phone_number: get(body, "phone_number", Numeric),
        address_1: get(body, "address_1", Text),
        address_2: get(body, "address_2", Text),
        city: get(body, "city", Text),
        province: get(body, "province", Text),
        housing_type: get(body, "housing_type", Text),
        monthly_housing_payment: get(body, "monthly_housing_payment", Numeric),
        years_at_address: get(body, "years_at_address", Numeric),
        occupation: get(body, "occupation", Text),
        employer_name: get(body, "employer_name", Text),
        annual_income: get(body, "annual_income", Numeric),
        govid_type: get(body, "govid_type", Text),
        govid_issuedby: get(body, "govid_issuedby", Text),
        govid_number: get(body, "govid_number", Text),
        govid_expiry: get(body, "govid_expiry", Text),
        security_qid: get(body, "security_qid", Numeric),
        security_answer: get(body, "security_answer", Text),
        tos_version: get(body, "tos_version", Text),
        amount_requested: get(body, "amount_requested", Numeric),
        account_type: get(body, "account_type", Text),
        lang: get(body, "lang", Text),
        external_location_id: get(body, "external_location_id", Text),
        external_employee_id: get(body, "external_employee_id", Text),
        ..ApplicationInput::default()
    };
    for (name, slot) in [
        ("insurance", &mut input.insurance),
        ("qcpa_disclosure", &mut input.qcpa_disclosure),
        ("tos_agreement", &mut input.tos_agreement),
    ] {
        match body.get(name) {
            None | Some(Value::Null) => {}
            Some(Value::Bool(b)) => *slot = Some(*b),
            Some(_) => errors.push(FieldError::new(name, FieldProblem::Invalid)),
        }
    }

    let today = Local::now().date_naive();
    for problem in validate(&input, &seed().options, today) {
        if !errors.iter().any(|e| e.param == problem.param) {
            errors.push(FieldError::new(problem.param, problem.problem));
        }
    }
    let province = input.province.as_deref().and_then(Province::from_code);
    if let (Some(version), Some(province)) = (input.tos_version.as_deref(), province) {
        let expected = province_group(province).terms_version();
        if !version.trim().is_empty()
            && version.trim() != expected
            && !errors.iter().any(|e| e.param == "tos_version")
        {
            errors.push(FieldError::new("tos_version", FieldProblem::Invalid));
        }
    }
    if errors.is_empty() {
        return Ok(input);
    }
    let position = |param: &str| FIELDS.iter().position(|f| *f == param).unwrap_or(0);
    errors.sort_by_key(|e| position(&e.param));
    Err(ApiError::WrongInputs(errors))
}
