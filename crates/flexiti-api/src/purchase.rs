//! The purchase flow's calls on [`FlexitiClient`]: finding the account, the quote,
//! verification, the money-moving submissions (each with its idempotency key and the
//! SHA-256 of its exact bytes, re-sent identically on every retry) and the lists with the
//! reconciliation that "check again" runs after an unknown outcome.

use std::time::SystemTime;

use chrono::{DateTime, Days, NaiveDate, Utc};
use sha2::{Digest, Sha256};

use crate::client::{json_bytes, path_segment, Call, FlexitiClient, Safety, Submission};
use crate::error::ApiError;
use crate::lenient::Money;
use crate::model::customer::{
    read_lookup, read_search, CustomerAccount, CustomerSearch, CustomerSummary, LookupBy,
};
use crate::model::purchase::{
    earliest_first, last_page, read_page, Authorization, AuthorizationRequest, Capture,
    CaptureRequest, ListFilter, Page, RefundRequest, Release, ReleaseRequest, Return,
    ReturnRequest, TransactionType, MAX_PAGES,
};
use crate::model::quote::{Quote, QuoteRequest};
use crate::model::verify::{read_verification, Verification, VerifyRequest};
use crate::model::Lang;
use crate::routes::Route;
use crate::sensitive::AccountNumber;
use crate::transport::{Answer, Payload};

/// `x-context-hash`: the lowercase hex SHA-256 of the exact body bytes. The caller may
/// store it with the body (the journal's `hash`).
pub fn context_hash(body: &[u8]) -> String {
    Sha256::digest(body)
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The exact bytes of an authorization: stored (sealed) before the first send, re-sent
/// by every retry and every "check again" with [`FlexitiClient::authorize`].
pub fn authorization_body(request: &AuthorizationRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// The exact bytes of a capture ([`FlexitiClient::capture`]).
pub fn capture_body(request: &CaptureRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// The exact bytes of a release ([`FlexitiClient::release`]).
pub fn release_body(request: &ReleaseRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// The exact bytes of a return ([`FlexitiClient::return_capture`]).
pub fn return_body(request: &ReturnRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// The exact bytes of a refund ([`FlexitiClient::refund`]).
pub fn refund_body(request: &RefundRequest) -> Result<Vec<u8>, ApiError> {
    json_bytes(request)
}

/// The creation dates "check again" lists: from the UTC date of the first send − 1 day
/// to the UTC date of `now` + 1 day, so that no time zone (ours, Flexiti's) loses a day.
pub fn reconciliation_window(first_sent: SystemTime, now: SystemTime) -> (NaiveDate, NaiveDate) {
    let date = |t: SystemTime| DateTime::<Utc>::from(t).date_naive();
    let from = date(first_sent);
    let to = date(now);
    (
        from.checked_sub_days(Days::new(1)).unwrap_or(from),
        to.checked_add_days(Days::new(1)).unwrap_or(to),
    )
}

/// The answer of a money-moving call read by `read`, or `OutcomeUnknown` when a success
/// cannot be read (the work may have been done). Errors were settled by `execute`.
pub(crate) fn settle_read<T>(
    answer: Result<Answer, ApiError>,
    read: impl FnOnce(&Answer) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    read(&answer?).map_err(|_| ApiError::OutcomeUnknown)
}

/// An authorization's answer: it counts only with an `authorization_id`.
pub(crate) fn read_authorization(answer: &Answer) -> Result<Authorization, ApiError> {
    let authorization: Authorization = answer.json()?;
    if authorization.authorization_id.trim().is_empty() {
        return Err(ApiError::OutcomeUnknown);
    }
    Ok(authorization)
}

/// A refund's answer: `{}` (any object, or nothing at all).
pub(crate) fn read_refund(answer: &Answer) -> Result<(), ApiError> {
    if answer.body.iter().all(u8::is_ascii_whitespace) {
        return Ok(());
    }
    match answer.json::<serde_json::Value>()? {
        serde_json::Value::Object(_) => Ok(()),
        _ => Err(ApiError::Malformed),
    }
}

/// A search's outcome: 404 and `[]` both mean no match.
pub(crate) fn search_answer(
    answer: Result<Answer, ApiError>,
) -> Result<Vec<CustomerSummary>, ApiError> {
    match answer {
        Ok(answer) => read_search(&answer.body),
        Err(ApiError::NotFound) => Ok(Vec::new()),
        Err(error) => Err(error),
    }
}

impl FlexitiClient {
    /// `GET v2.5 customers/search`: every account matching a name and date of birth (and
    /// postal code). No match (404 or `[]`) is an empty list.
    pub async fn search_customers(
        &self,
        search: &CustomerSearch,
    ) -> Result<Vec<CustomerSummary>, ApiError> {
        let mut call = self.call(Route::CustomersSearch, "customers/search", None);
        call.query.push(("first_name", search.first_name.clone()));
        call.query.push(("last_name", search.last_name.clone()));
        call.query.push(("dob", search.dob.clone()));
        if let Some(postal_code) = &search.postal_code {
            call.query.push(("postal_code", postal_code.clone()));
        }
        search_answer(self.inner.execute(call).await)
    }

    /// `GET v2.5 customers/lookup?lang=`: the one account named by a card, an account
    /// number or a customer id.
    pub async fn lookup_customer(
        &self,
        lang: Lang,
        by: &LookupBy,
    ) -> Result<CustomerAccount, ApiError> {
        let mut call = self.call(Route::CustomersLookup, "customers/lookup", Some(lang));
        call.query.push(by.query());
        read_lookup(&self.inner.execute(call).await?.body)
    }

    /// `POST v2.5.1 accounts/{n}/calculate-interest?lang=`: the quote for `amount`.
    pub async fn calculate_interest(
        &self,
        lang: Lang,
        account: &AccountNumber,
        amount: Money,
    ) -> Result<Quote, ApiError> {
        let path = format!(
            "accounts/{}/calculate-interest",
            path_segment(account.expose())
        );
        let call = self
            .call(Route::CalculateInterest, &path, Some(lang))
            .json(&QuoteRequest { amount })?;
        self.inner.execute(call).await?.json()
    }

    /// `POST v2.5 account/{n}/verify`: a PIN sent to the customer (ask them), or the PIN.
    /// Retried like a read: the same `request_id` gets the same PIN back.
    pub async fn verify(
        &self,
        account: &AccountNumber,
        request: &VerifyRequest,
    ) -> Result<Verification, ApiError> {
        let path = format!("account/{}/verify", path_segment(account.expose()));
        let call = self.call(Route::Verify, &path, None).json(request)?;
        read_verification(&self.inner.execute(call).await?.body)
    }

    /// `POST v2.5.1 authorization?lang=`: the sale, from its stored bytes
    /// ([`authorization_body`]). A lost answer, or a 200 without `authorization_id`, is
    /// `OutcomeUnknown`: reconcile with [`FlexitiClient::find_authorizations_by_reference`].
    pub async fn authorize(
        &self,
        lang: Lang,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<Authorization, ApiError> {
        let call = self.submission(
            Route::Authorization,
            "authorization".into(),
            Some(lang),
            body,
            submission,
        );
        settle_read(self.inner.execute(call).await, read_authorization)
    }

    /// `POST v2.5 authorization/{id}/capture` from its stored bytes ([`capture_body`]).
    pub async fn capture(
        &self,
        authorization_id: &str,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<Capture, ApiError> {
        let path = format!("authorization/{}/capture", path_segment(authorization_id));
        let call = self.submission(Route::Capture, path, None, body, submission);
        settle_read(self.inner.execute(call).await, Answer::json)
    }

    /// `POST v2.5 authorization/{id}/release` from its stored bytes ([`release_body`]).
    pub async fn release(
        &self,
        authorization_id: &str,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<Release, ApiError> {
        let path = format!("authorization/{}/release", path_segment(authorization_id));
        let call = self.submission(Route::Release, path, None, body, submission);
        settle_read(self.inner.execute(call).await, Answer::json)
    }

    /// `POST v2.5 authorization/{a}/capture/{c}/return` from its stored bytes
    /// ([`return_body`]).
    pub async fn return_capture(
        &self,
        authorization_id: &str,
        capture_id: &str,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<Return, ApiError> {
        let path = format!(
            "authorization/{}/capture/{}/return",
            path_segment(authorization_id),
            path_segment(capture_id)
        );
        let call = self.submission(Route::Return, path, None, body, submission);
        settle_read(self.inner.execute(call).await, Answer::json)
    }

    /// `POST v2.5 accounts/{n}/refund` from its stored bytes ([`refund_body`]); answers `{}`.
    pub async fn refund(
        &self,
        account: &AccountNumber,
        body: Vec<u8>,
        submission: &Submission,
    ) -> Result<(), ApiError> {
        let path = format!("accounts/{}/refund", path_segment(account.expose()));
        let call = self.submission(Route::Refund, path, None, body, submission);
        settle_read(self.inner.execute(call).await, read_refund)
    }

    /// `GET v2.5.1 authorization/{id}?lang=`.
    pub async fn authorization(
        &self,
        lang: Lang,
        authorization_id: &str,
    ) -> Result<Authorization, ApiError> {
        let path = format!("authorization/{}", path_segment(authorization_id));
        let call = self.call(Route::AuthorizationGet, &path, Some(lang));
        self.inner.execute(call).await?.json()
    }

    /// One page (from 1) of `GET v2.5.1 authorizations?lang=`.
    pub async fn authorizations_page(
        &self,
        lang: Lang,
        filter: &ListFilter,
        page_number: u32,
    ) -> Result<Page<Authorization>, ApiError> {
        let mut call = self.call(Route::Authorizations, "authorizations", Some(lang));
        call.query.extend(filter.query(page_number, false));
        read_page(&self.inner.execute(call).await?.body)
    }

    /// Every page of `authorizations`, until a short page (at most [`MAX_PAGES`]; a 20th
    /// full page is `ListIncomplete`, never a complete list).
    pub async fn authorizations(
        &self,
        lang: Lang,
        filter: &ListFilter,
    ) -> Result<Vec<Authorization>, ApiError> {
        let mut all = Vec::new();
        for page_number in 1..=MAX_PAGES {
            let page = self.authorizations_page(lang, filter, page_number).await?;
            let last = last_page(&page, filter.page_size());
            all.extend(page.items);
            if last {
                return Ok(all);
            }
        }
        Err(ApiError::ListIncomplete)
    }

    /// One page (from 1) of `GET v2.5.1 captures?lang=`.
    pub async fn captures_page(
        &self,
        lang: Lang,
        filter: &ListFilter,
        page_number: u32,
    ) -> Result<Page<Capture>, ApiError> {
        let mut call = self.call(Route::Captures, "captures", Some(lang));
        call.query.extend(filter.query(page_number, true));
        read_page(&self.inner.execute(call).await?.body)
    }

    /// Every page of `captures`, as [`FlexitiClient::authorizations`].
    pub async fn captures(
        &self,
        lang: Lang,
        filter: &ListFilter,
    ) -> Result<Vec<Capture>, ApiError> {
        let mut all = Vec::new();
        for page_number in 1..=MAX_PAGES {
            let page = self.captures_page(lang, filter, page_number).await?;
            let last = last_page(&page, filter.page_size());
            all.extend(page.items);
            if last {
                return Ok(all);
            }
        }
        Err(ApiError::ListIncomplete)
    }

    /// "Check again" after an authorization's unknown outcome: every authorization of
    /// `account` and `transaction_type` created within [`reconciliation_window`] whose
    /// `reference` is ours, earliest first (`creation_date`, then id). Empty means none
    /// was found with every page answered; any failure is an error (then send nothing).
    pub async fn find_authorizations_by_reference(
        &self,
        lang: Lang,
        account: &AccountNumber,
        transaction_type: TransactionType,
        reference: &str,
        first_sent: SystemTime,
    ) -> Result<Vec<Authorization>, ApiError> {
        let (from, to) = reconciliation_window(first_sent, SystemTime::now());
        let filter = ListFilter {
            account_number: Some(account.clone()),
            transaction_type: Some(transaction_type),
            creation_date_from: Some(from),
            creation_date_to: Some(to),
            page_size: Some(100),
            ..ListFilter::default()
        };
        let mut found: Vec<Authorization> = self
            .authorizations(lang, &filter)
            .await?
            .into_iter()
            .filter(|a| a.reference.as_deref() == Some(reference))
            .collect();
        found.sort_by(earliest_first);
        Ok(found)
    }

    /// "Check again" after a capture's unknown outcome: the captures of
    /// `authorization_id` whose `reference` is ours.
    pub async fn find_captures_by_reference(
        &self,
        lang: Lang,
        authorization_id: &str,
        reference: &str,
    ) -> Result<Vec<Capture>, ApiError> {
        let filter = ListFilter {
            authorization_id: Some(authorization_id.to_owned()),
            page_size: Some(100),
            ..ListFilter::default()
        };
        Ok(self
            .captures(lang, &filter)
            .await?
            .into_iter()
            .filter(|c| c.reference.as_deref() == Some(reference))
            .collect())
    }

    /// A money-moving call: the stored bytes, the submission's key and reference id, and
    /// the bytes' hash.
    fn submission<'a>(
        &self,
        route: Route,
        path: String,
        lang: Option<Lang>,
        body: Vec<u8>,
        submission: &'a Submission,
    ) -> Call<'a> {
        let mut call = self.call(route, &path, lang);
        call.context_hash = Some(context_hash(&body));
        call.payload = Payload::Json(body);
        call.safety = Safety::Submission;
        call.reference = submission.reference_id.clone();
        call.idempotency = Some(&submission.idempotency_key);
        call
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn the_context_hash_is_lowercase_hex_sha256_of_the_bytes() {
        assert_eq!(
            context_hash(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(
            context_hash(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn the_window_covers_a_day_either_side() {
        let at = |secs: u64| SystemTime::UNIX_EPOCH + Duration::from_secs(secs);
        // 2026-01-01T00:30:00Z sent, checked 2026-01-02T23:59:00Z.
        let (from, to) = reconciliation_window(at(1_767_227_400), at(1_767_398_340));
        assert_eq!(from.to_string(), "2025-12-31");
        assert_eq!(to.to_string(), "2026-01-03");
    }

    #[test]
    fn a_200_without_an_authorization_id_is_unknown() {
        let answer = |json: &str| {
            Ok(Answer {
                body: json.as_bytes().to_vec(),
            })
        };
        let read = |json: &str| settle_read(answer(json), read_authorization);
        assert_eq!(
            read(r#"{"authorization_id":12343}"#)
                .unwrap()
                .authorization_id,
            "12343"
        );
        for body in [
            r#"{}"#,
            r#"{"authorization_id":""}"#,
            r#"{"authorization_id":null}"#,
            "not json",
            r#"{"authorization_id":1,"amount":1.005}"#,
        ] {
            assert_eq!(read(body), Err(ApiError::OutcomeUnknown), "{body}");
        }
        assert_eq!(settle_read(answer("{}"), read_refund), Ok(()));
        assert_eq!(settle_read(answer(""), read_refund), Ok(()));
        assert_eq!(
            settle_read(answer("[]"), read_refund),
            Err(ApiError::OutcomeUnknown)
        );
    }
}
