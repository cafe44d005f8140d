//! `pos-core`: the credit-application rules of the Flexiti contract, written once.
//!
//! The in-store app (to tell the rep what is wrong before sending) and the emulator (to
//! answer `409 wrong_inputs` exactly as the contract says) both validate the same
//! application; keeping the rules in this one pure crate (no I/O, no async, no clock:
//! "today" is always passed in, as the store's local date) is what keeps the two in step.
//!
//! - [`rules`]: one field at a time (postal code, phone, SIN, dates, amounts, text).
//! - [`application`]: a whole application, every failure at once, in form order.
//! - [`personal`]: the wrapper that keeps an applicant's data out of every log.
//! - [`field`]: the application's fields, declared once (the UI's field list is generated from it).
//! - [`lang`], [`environment`]: the words every crate shares (language, which Flexiti).
//! - [`codes`]: the macro every crate declares its stable error codes with.
//! - [`money`]: exact money and rates (integer cents, ten-thousandths) and monthly payments.
//! - [`display`]: money and rates as each language shows them.
//! - [`receipt`]: what a purchase receipt says, in which languages and order.

pub mod application;
pub mod codes;
pub mod display;
pub mod draft_status;
pub mod environment;
pub mod field;
pub mod lang;
pub mod money;
pub mod personal;
pub mod receipt;
pub mod rules;

pub use application::{validate, ApplicationInput, FieldError, FormOptions};
pub use draft_status::DraftStatus;
pub use environment::EnvironmentKind;
pub use field::{max_chars, Field, FieldKind, Requirement, Section, FIELDS, REQUIRED_FIELDS};
pub use lang::Lang;
pub use money::{DecimalError, Money, Rate};
pub use personal::Personal;
pub use rules::{Cents, FieldProblem, Province};
