//! flexiti-api's integration tests in one binary (one link instead of one per file), a
//! module per topic.

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod lifecycle;
mod parser_fuzz;
mod purchase;
