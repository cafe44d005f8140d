//! `flexiti-api`: the typed client of the Flexiti POS API v2.5 and v2.5.1
//! (`../shared/flexiti-api/contract.md`, `purchase.md`). No Tauri, no SQLite.
//!
//! - [`FlexitiClient`]: merchant login, i18n, terms, licence decoding, apply; the purchase
//!   flow (search, lookup, quote, verify, authorization, capture, release, return,
//!   refund, the lists and reconciliation by reference). [`ROUTES`] says which version
//!   serves which route.
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
mod purchase;
mod retry;
mod routes;
mod secret;
mod sensitive;
mod tokens;
mod transport;

/// The date type of list filters (`creation_date_from`, `creation_date_to`).
pub use chrono::NaiveDate;
pub use client::{apply_body, FlexitiClient, Submission};
pub use config::ClientConfig;
pub use environment::Environment;
pub use error::{
    ApiError, BusinessCode, ErrorCode, FieldError, FieldMsg, OAuthCode, TransportKind,
};
pub use ids::{IdempotencyKey, ReferenceId, RequestId};
pub use lenient::{Money, Rate};
pub use model::apply::{
    ApplyRequest, Approval, CustomerIdentification, Decision, PersonalInformation,
};
pub use model::customer::{
    CustomerAccount, CustomerSearch, CustomerSummary, LookupBy, OfferType, SecurityQuestion,
};
pub use model::i18n::I18n;
pub use model::licence::Licence;
pub use model::login::MerchantLogin;
pub use model::options::{OptionList, OptionLists, Options};
pub use model::purchase::{
    earliest_first, Authorization, AuthorizationRequest, AuthorizationStatus, Capture,
    CaptureRequest, FinancingChoice, FinancingOption, ListFilter, Page, RefundRequest, Release,
    ReleaseRequest, Return, ReturnRequest, TransactionType, MAX_PAGES,
};
pub use model::quote::{AnnualRate, Fee, PlanOffer, Quote, QuoteCustomer, RegularOffer, TermOffer};
pub use model::terms::Terms;
pub use model::token::Scope;
pub use model::verify::{Verification, VerifyFormat, VerifyRequest};
pub use model::Lang;
pub use purchase::{
    authorization_body, capture_body, context_hash, reconciliation_window, refund_body,
    release_body, return_body,
};
pub use retry::RetryPolicy;
pub use routes::{ApiVersion, Route, RouteSpec, ROUTES};
pub use secret::Secret;
pub use sensitive::{AccountNumber, CardNumber, VerificationCode};
