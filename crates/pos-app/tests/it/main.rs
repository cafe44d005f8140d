//! pos-app's integration tests in one binary (one link instead of one per file), a module
//! per topic; the shared helpers come from pos-testkit, and those that need pos-store,
//! sqlx or tokio from `support`.
//!
//! The shared-terminal promises are attacked as someone at the counter would, through the
//! command surface: `admin` (the settings and the client secret), `scoping` (another
//! environment, another merchant, a colleague), `throttling` (guessing passwords),
//! `idle_lock` (commands while locked, the engine's own lock), `startup` (a keyring that
//! does not answer, a lost key, the reset), `data_at_rest` (file modes, retention).

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod admin;
mod applicant_language;
mod data_at_rest;
mod engine_flow;
mod idle_lock;
mod leak;
mod managed_config;
mod purchase;
mod scoping;
mod soak;
mod startup;
mod submission_safety;
mod support;
mod support_bundle;
mod surface_files;
mod surface_gate;
mod throttling;
