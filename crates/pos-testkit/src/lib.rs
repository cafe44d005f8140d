//! Helpers the workspace's tests share, kept in one dev-only crate so copies cannot drift.
//!
//! - [`temp_dir`]: a directory removed when dropped (on `tempfile`).
//! - [`valid_application`]: the one valid application every test starts from, as a rep
//!   types it and as the API receives it ([`apply_body`]).
//! - [`vectors`]: money and date cases shared with the UI's `tests/format.test.mjs`.
//! - `engine` (feature `engine`): a `pos_app::Engine` on a temp dir, signed in.
//!
//! Crates below `pos-app` depend on it without the `engine` feature.

// Test support: a helper that cannot do its job panics, and that panic is the test's
// failure message.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod application;
#[cfg(feature = "engine")]
pub mod engine;
pub mod vectors;

pub use application::{apply_body, valid_application, valid_text, Answer, ValidField};
pub use tempfile::TempDir;

/// A fresh directory named `pos-<label>-<random>` under the system's temp dir, removed
/// with everything in it when the returned value is dropped.
pub fn temp_dir(label: &str) -> TempDir {
    tempfile::Builder::new()
        .prefix(&format!("pos-{label}-"))
        .tempdir()
        .expect("a temp dir")
}
