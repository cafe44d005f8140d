//! `GET v2.5.1 /client-id/{client_id}/authorizations` and `…/captures`: this client
//! id's records in every store, oldest first (date, then id), filtered and paged as
//! `purchase.md` decides (dates are UTC days on the emulator's clock, inclusive).

use axum::extract::{Path, RawQuery, State};
use axum::Json;
use chrono::NaiveDate;
use pos_core::rules::FieldProblem;
use serde::Deserialize;
use serde_json::{json, Value};

use super::money::expire_holds;
use super::parse_query;
use crate::errors::{ApiError, FieldError};
use crate::ledger::{Authorization, TransactionType};
use crate::state::SharedState;

/// The largest `page_size`, and the default.
pub const MAX_PAGE_SIZE: usize = 100;
pub const DEFAULT_PAGE_SIZE: usize = 10;

#[derive(Debug, Default, Deserialize)]
pub struct ListQuery {
    account_number: Option<String>,
    transaction_type: Option<String>,
    authorization_status: Option<String>,
    creation_date_from: Option<String>,
    creation_date_to: Option<String>,
    page_number: Option<String>,
    page_size: Option<String>,
    authorization_id: Option<String>,
}

/// The filters, checked.
struct Filter {
    account_number: Option<u64>,
    transaction_type: Option<TransactionType>,
    opened: Option<bool>,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    page_number: usize,
    page_size: usize,
    authorization_id: Option<u64>,
}

fn read(query: ListQuery, captures: bool) -> Result<Filter, ApiError> {
    let mut errors = Vec::new();
    let mut fail = |name: &str| errors.push(FieldError::new(name, FieldProblem::Invalid));
    let number = |text: &Option<String>, max: usize| -> Result<Option<u64>, ()> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) if t.len() <= max && t.bytes().all(|b| b.is_ascii_digit()) => {
                t.parse().map(Some).map_err(|_| ())
            }
            Some(_) => Err(()),
        }
    };
    let date = |text: &Option<String>| -> Result<Option<NaiveDate>, ()> {
        match text.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(t) if t.len() == 10 => NaiveDate::parse_from_str(t, "%Y-%m-%d")
                .map(Some)
                .map_err(|_| ()),
            Some(_) => Err(()),
        }
    };
    let account_number = number(&query.account_number, 14).unwrap_or_else(|()| {
        fail("account_number");
        None
    });
    let transaction_type = match query.transaction_type.as_deref() {
        None | Some("") => None,
        Some(t) => TransactionType::parse(t).or_else(|| {
            fail("transaction_type");
            None
        }),
    };
    let opened = match query.authorization_status.as_deref() {
        None | Some("") => None,
        Some("opened") => Some(true),
        Some("closed") => Some(false),
        Some(_) => {
            fail("authorization_status");
            None
        }
    };
    let from = date(&query.creation_date_from).unwrap_or_else(|()| {
        fail("creation_date_from");
        None
    });
    let to = date(&query.creation_date_to).unwrap_or_else(|()| {
        fail("creation_date_to");
        None
    });
    let page_number = match number(&query.page_number, 9) {
        Ok(None) => 1,
        Ok(Some(n)) if n >= 1 => n as usize,
        _ => {
            fail("page_number");
            1
        }
    };
    let page_size = match number(&query.page_size, 3) {
        Ok(None) => DEFAULT_PAGE_SIZE,
        Ok(Some(n)) if (1..=MAX_PAGE_SIZE as u64).contains(&n) => n as usize,
        _ => {
            fail("page_size");
            DEFAULT_PAGE_SIZE
        }
    };
    let authorization_id = if captures {
        number(&query.authorization_id, 9).unwrap_or_else(|()| {
            fail("authorization_id");
            None
        })
    } else {
        None
    };
    if !errors.is_empty() {
        return Err(ApiError::WrongInputs(errors));
    }
    Ok(Filter {
        account_number,
        transaction_type,
        opened,
        from,
        to,
        page_number,
        page_size,
        authorization_id,
    })
}

impl Filter {
    fn admits_authorization(&self, a: &Authorization) -> bool {
        self.account_number.is_none_or(|n| n == a.account_number)
            && self
                .transaction_type
                .is_none_or(|t| t == a.transaction_type)
            && self.opened.is_none_or(|o| o == (a.status() == "opened"))
    }

    fn admits_day(&self, day: NaiveDate) -> bool {
        self.from.is_none_or(|from| day >= from) && self.to.is_none_or(|to| day <= to)
    }

    /// The page asked for, with its envelope under `name`.
    fn page(&self, name: &str, items: Vec<Value>) -> Value {
        let total = items.len();
        let page: Vec<Value> = items
            .into_iter()
            .skip((self.page_number - 1).saturating_mul(self.page_size))
            .take(self.page_size)
            .collect();
        json!({
            "page_number": self.page_number,
            "page_size": self.page_size,
            "total": total,
            name: page,
        })
    }
}

pub async fn authorizations(
    State(state): State<SharedState>,
    Path(client_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let filter = read(parse_query(query.as_deref())?, false)?;
    let mut inner = state.lock();
    expire_holds(&mut inner);
    let mut found: Vec<&Authorization> = inner
        .ledger
        .authorizations
        .iter()
        .filter(|a| a.client_id == client_id)
        .filter(|a| {
            filter.admits_authorization(a) && filter.admits_day(a.creation_date.date_naive())
        })
        .collect();
    found.sort_by_key(|a| (a.creation_date, a.authorization_id));
    let items = found.into_iter().map(Authorization::to_json).collect();
    Ok(Json(filter.page("authorizations", items)))
}

pub async fn captures(
    State(state): State<SharedState>,
    Path(client_id): Path<String>,
    RawQuery(query): RawQuery,
) -> Result<Json<Value>, ApiError> {
    let filter = read(parse_query(query.as_deref())?, true)?;
    let mut inner = state.lock();
    expire_holds(&mut inner);
    let mut found: Vec<_> = inner
        .ledger
        .authorizations
        .iter()
        .filter(|a| a.client_id == client_id && filter.admits_authorization(a))
        .filter(|a| {
            filter
                .authorization_id
                .is_none_or(|id| id == a.authorization_id)
        })
        .flat_map(|a| a.captures.iter())
        .filter(|c| filter.admits_day(c.date.date_naive()))
        .collect();
    found.sort_by_key(|c| (c.date, c.capture_id));
    let items = found.into_iter().map(|c| c.list_item()).collect();
    Ok(Json(filter.page("captures", items)))
}
