//! The engine's one error type, with the stable codes the UI localises
//! (`error-<code>` in `locales/*/app.ftl`). Every library error maps into it; the
//! command layer turns it into a [`CommandError`] and nothing else.

use std::collections::BTreeMap;

use flexiti_api::{ApiError, FieldMsg};

use crate::dto::{CommandError, FieldIssue};

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    #[error("Flexiti: {0}")]
    Api(#[from] ApiError),
    #[error("store: {0}")]
    Store(#[from] pos_store::StoreError),
    #[error("the application has field problems")]
    Fields(Vec<FieldIssue>),
    #[error("the terminal is not configured")]
    NotConfigured,
    #[error("no rep is signed in")]
    NotSignedIn,
    #[error("the session is locked")]
    Locked,
    #[error("another rep cannot unlock this session")]
    WrongRep,
    #[error("invalid settings: {0}")]
    InvalidSettings(&'static str),
    #[error("the secret store failed: {0}")]
    Keyring(String),
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    pub fn code(&self) -> &'static str {
        match self {
            AppError::Api(error) => error.code(),
            AppError::Store(error) => error.code(),
            AppError::Fields(_) => "wrong_inputs",
            AppError::NotConfigured => "not_configured",
            AppError::NotSignedIn => "not_signed_in",
            AppError::Locked => "session_locked",
            AppError::WrongRep => "wrong_rep",
            AppError::InvalidSettings(_) => "invalid_settings",
            AppError::Keyring(_) => "keyring_unavailable",
            AppError::Internal(_) => "internal",
        }
    }

    /// What the UI receives: a code, its arguments, field problems. Never a Display string.
    pub fn to_command_error(&self) -> CommandError {
        let mut args = BTreeMap::new();
        let fields = match self {
            AppError::Fields(fields) => fields.clone(),
            AppError::Api(ApiError::WrongInputs { field_errors }) => field_errors
                .iter()
                .map(|e| FieldIssue {
                    field: e.param.clone(),
                    problem: field_problem(&e.msg).to_owned(),
                })
                .collect(),
            _ => Vec::new(),
        };
        match self {
            AppError::Api(
                ApiError::Server { status }
                | ApiError::HtmlPage { status }
                | ApiError::UnexpectedStatus { status },
            ) => {
                args.insert("status".into(), status.to_string());
            }
            AppError::InvalidSettings(what) => {
                args.insert("setting".into(), (*what).to_owned());
            }
            _ => {}
        }
        CommandError {
            code: self.code().to_owned(),
            args,
            fields,
        }
    }
}

fn field_problem(msg: &FieldMsg) -> &'static str {
    match msg {
        FieldMsg::Required => "required",
        FieldMsg::Length => "length",
        FieldMsg::WrongFormat => "wrong-format",
        FieldMsg::Invalid | FieldMsg::Other(_) => "invalid",
    }
}

/// A pos-core problem as the UI names it.
pub fn problem_name(problem: pos_core::rules::FieldProblem) -> &'static str {
    use pos_core::rules::FieldProblem;
    match problem {
        FieldProblem::Required => "required",
        FieldProblem::Length => "length",
        FieldProblem::Invalid => "invalid",
        FieldProblem::WrongFormat => "wrong-format",
    }
}

pub type AppResult<T> = Result<T, AppError>;
