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
use crate::model::i18n::I18n;
use crate::model::licence::Licence;
use crate::model::login::MerchantLogin;
use crate::model::terms::Terms;
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
