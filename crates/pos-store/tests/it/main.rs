//! pos-store's integration tests, as one binary (sqlx, tokio and the store are linked once,
//! not once per file): one module per topic, and `common` for the fixtures they share.

// Test code: a helper that cannot do its job panics, and the panic is the failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod attempts;
mod audit;
mod common;
mod concurrency_and_corruption;
mod crash_kill;
mod drafts;
mod journal;
mod key_ids;
mod open_and_migrate;
mod private_files;
mod retention_gaps;
mod scope;
mod sealing_and_retention;
mod sessions_settings_cache;
mod submission;
mod wipe;
