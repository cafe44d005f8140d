//! Entry points for the parser property tests (`tests/it/parser_fuzz/`). Not part of the
//! API: hidden from the docs, and free to change.
//!
//! Each one runs, on one complete answer (status, `Content-Type`, body), exactly the code
//! the client runs once an exchange has read its body: [`transport::interpret`] (HTML
//! pages, the error envelope, status mapping), then the endpoint's reader. What happens
//! before (the network, retries, the size cap) is not a parser and is not here: an
//! answer stands for what every attempt of a call got.

use std::time::Duration;

use tokio::time::Instant;

use crate::client::{decide, settle_submission};
use crate::error::ApiError;
use crate::ids::ReferenceId;
use crate::model::apply::Decision;
use crate::model::customer::{read_lookup, CustomerAccount, CustomerSummary};
use crate::model::i18n::I18n;
use crate::model::licence::Licence;
use crate::model::login::MerchantLogin;
use crate::model::purchase::{read_page, Authorization, Capture, Page, Release, Return};
use crate::model::quote::Quote;
use crate::model::terms::Terms;
use crate::model::verify::{read_verification, Verification};
use crate::purchase::{read_authorization, read_refund, search_answer, settle_read};
use crate::tokens::Token;
use crate::transport::{self, Answer};

/// One complete HTTP answer, as `transport::send` has it after reading the body.
#[derive(Debug, Clone, Copy)]
pub struct RawAnswer<'a> {
    pub status: u16,
    pub content_type: Option<&'a str>,
    pub body: &'a [u8],
}

impl<'a> RawAnswer<'a> {
    /// A `200 application/json` answer: what a real success looks like.
    pub fn ok_json(body: &'a [u8]) -> Self {
        RawAnswer {
            status: 200,
            content_type: Some("application/json"),
            body,
        }
    }
}

fn interpret(raw: RawAnswer<'_>, token_endpoint: bool) -> Result<Answer, ApiError> {
    transport::interpret(
        raw.status,
        raw.content_type,
        raw.body.to_vec(),
        token_endpoint,
    )
}

/// The status and body mapping alone (`Ok(())` for a success status with a JSON body).
pub fn interpret_answer(raw: RawAnswer<'_>, token_endpoint: bool) -> Result<(), ApiError> {
    interpret(raw, token_endpoint).map(drop)
}

/// `POST /oauth/token`: the answer read into a token, as `token_call` does.
pub fn token(raw: RawAnswer<'_>) -> Result<(), ApiError> {
    let answer = interpret(raw, true)?;
    Token::from_answer(&answer, Instant::now(), Duration::from_secs(60)).map(drop)
}

/// `POST merchants/login`.
pub fn merchant_login(raw: RawAnswer<'_>) -> Result<MerchantLogin, ApiError> {
    interpret(raw, false)?.json()
}

/// `GET i18n` and `GET i18n/{key}` (one reader for both).
pub fn i18n(raw: RawAnswer<'_>) -> Result<I18n, ApiError> {
    interpret(raw, false)?.json()
}

/// `GET terms-and-conditions`.
pub fn terms(raw: RawAnswer<'_>) -> Result<Terms, ApiError> {
    interpret(raw, false)?.json()
}

/// `POST customers/driverslicense`.
pub fn licence(raw: RawAnswer<'_>) -> Result<Licence, ApiError> {
    interpret(raw, false)?.json()
}

/// `POST apply`: the decision, or the error a submission ends with (`OutcomeUnknown`
/// where the server may have acted on it).
pub fn apply(raw: RawAnswer<'_>) -> Result<Decision, ApiError> {
    decide(interpret(raw, false).map_err(|error| settle_submission(error, &ReferenceId::new())))
}

/// The outcome of a money-moving call as the client ends it: an error that may mean the
/// work was done is `OutcomeUnknown`, and so is a success that cannot be read.
fn submission<T>(
    raw: RawAnswer<'_>,
    read: impl FnOnce(&Answer) -> Result<T, ApiError>,
) -> Result<T, ApiError> {
    let answer = interpret(raw, false).map_err(|e| settle_submission(e, &ReferenceId::new()));
    settle_read(answer, read)
}

/// `GET customers/search` (404 and `[]` are both no match).
pub fn customers_search(raw: RawAnswer<'_>) -> Result<Vec<CustomerSummary>, ApiError> {
    search_answer(interpret(raw, false))
}

/// `GET customers/lookup` (an object or a one-element array).
pub fn customers_lookup(raw: RawAnswer<'_>) -> Result<CustomerAccount, ApiError> {
    read_lookup(&interpret(raw, false)?.body)
}

/// `POST accounts/{n}/calculate-interest`.
pub fn calculate_interest(raw: RawAnswer<'_>) -> Result<Quote, ApiError> {
    interpret(raw, false)?.json()
}

/// `POST account/{n}/verify`.
pub fn verify(raw: RawAnswer<'_>) -> Result<Verification, ApiError> {
    read_verification(&interpret(raw, false)?.body)
}

/// `POST authorization` (a submission: a 200 without `authorization_id` is unknown).
pub fn authorization(raw: RawAnswer<'_>) -> Result<Authorization, ApiError> {
    submission(raw, read_authorization)
}

/// `POST authorization/{id}/capture`.
pub fn capture(raw: RawAnswer<'_>) -> Result<Capture, ApiError> {
    submission(raw, Answer::json)
}

/// `POST authorization/{id}/release`.
pub fn release(raw: RawAnswer<'_>) -> Result<Release, ApiError> {
    submission(raw, Answer::json)
}

/// `POST authorization/{a}/capture/{c}/return`.
pub fn return_capture(raw: RawAnswer<'_>) -> Result<Return, ApiError> {
    submission(raw, Answer::json)
}

/// `POST accounts/{n}/refund` (answers `{}`).
pub fn refund(raw: RawAnswer<'_>) -> Result<(), ApiError> {
    submission(raw, read_refund)
}

/// `GET authorization/{id}`.
pub fn authorization_get(raw: RawAnswer<'_>) -> Result<Authorization, ApiError> {
    interpret(raw, false)?.json()
}

/// One page of `GET authorizations`, in any envelope.
pub fn authorizations_page(raw: RawAnswer<'_>) -> Result<Page<Authorization>, ApiError> {
    read_page(&interpret(raw, false)?.body)
}

/// One page of `GET captures`, in any envelope.
pub fn captures_page(raw: RawAnswer<'_>) -> Result<Page<Capture>, ApiError> {
    read_page(&interpret(raw, false)?.body)
}
