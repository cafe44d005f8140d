//! pos-app's integration tests in one binary (one link instead of one per file), a module
//! per topic; the shared helpers come from pos-testkit.

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod engine_flow;
mod leak;
mod soak;
mod submission_safety;
mod surface_files;
mod surface_gate;
