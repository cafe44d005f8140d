//! `flexiti-api`: the typed client of the Flexiti POS API v2.5
//! (`../shared/flexiti-api/contract.md`). No Tauri, no SQLite.
//!
//! - [`FlexitiClient`]: merchant login, i18n, terms, licence decoding, apply.
//! - Tokens are obtained, refreshed before expiry and replaced behind the scenes; they
//!   live in memory only and never print.
//! - Every failure is an [`ApiError`] with a stable [`ApiError::code`].

mod client;
mod config;
mod environment;
mod error;
#[doc(hidden)]
pub mod fuzzing;
mod ids;
mod lenient;
pub mod model;
mod retry;
mod secret;
mod tokens;
mod transport;

pub use client::{apply_body, FlexitiClient, Submission};
pub use config::ClientConfig;
pub use environment::Environment;
pub use error::{
    ApiError, BusinessCode, ErrorCode, FieldError, FieldMsg, OAuthCode, TransportKind,
};
pub use ids::{IdempotencyKey, ReferenceId};
pub use lenient::Money;
pub use model::apply::{
    ApplyRequest, Approval, CustomerIdentification, Decision, PersonalInformation,
};
pub use model::i18n::I18n;
pub use model::licence::Licence;
pub use model::login::MerchantLogin;
pub use model::options::{OptionList, OptionLists, Options};
pub use model::terms::Terms;
pub use model::token::Scope;
pub use model::Lang;
pub use retry::RetryPolicy;
pub use secret::Secret;
