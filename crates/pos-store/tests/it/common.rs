//! Shared by the integration tests: a real database file in a fresh temporary directory, and
//! a raw connection to the same file for reading or damaging rows behind the store's back.

use std::path::{Path, PathBuf};

use pos_store::{DataKey, DraftScope, Store};
use sqlx::sqlite::{SqliteConnectOptions, SqliteConnection};
use sqlx::Connection;
use tempfile::TempDir;

pub struct TestDb {
    pub dir: TempDir,
    pub path: PathBuf,
}

impl TestDb {
    pub fn new() -> TestDb {
        let dir = tempfile::tempdir().expect("temp dir");
        let path = dir.path().join("pos.db");
        TestDb { dir, path }
    }

    pub async fn open(&self) -> Store {
        Store::open(&self.path, test_key())
            .await
            .expect("open store")
    }

    /// A plain connection to the file, CHECK constraints off so tests can write rows the
    /// app never would.
    pub async fn raw(&self) -> SqliteConnection {
        raw_connection(&self.path).await
    }

    /// Names of the files in the directory, sorted.
    pub fn files(&self) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(self.dir.path())
            .expect("read dir")
            .map(|entry| {
                entry
                    .expect("entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        names.sort();
        names
    }
}

/// The key every test store is sealed with: fixed, so a reopened file opens.
pub fn test_key() -> DataKey {
    DataKey::from_hex(&"5a".repeat(32)).expect("a valid key")
}

/// The scope (environment and merchant) the tests' drafts are started in.
pub fn scope() -> DraftScope {
    DraftScope {
        environment_key: "production".to_owned(),
        merchant_id: "merchant-1".to_owned(),
    }
}

/// Another key: drafts sealed with [`test_key`] do not open with it.
pub fn other_key() -> DataKey {
    DataKey::from_hex(&"a5".repeat(32)).expect("a valid key")
}

pub async fn raw_connection(path: &Path) -> SqliteConnection {
    let options = SqliteConnectOptions::new()
        .filename(path)
        .pragma("ignore_check_constraints", "ON");
    SqliteConnection::connect_with(&options)
        .await
        .expect("raw connection")
}

/// About 2 KB of form answers, different for each `n`.
/// A request as the app freezes it at the first send (its shape is the app's business).
pub const FROZEN: &str = r#"{"lang":"en","body":"{\"first_name\":\"Jane\"}"}"#;

pub fn fields_json(n: usize) -> String {
    let mut fields = serde_json::Map::new();
    for i in 0..40 {
        fields.insert(
            format!("field_{i:02}"),
            format!("value {n} {i} {}", "x".repeat(24)).into(),
        );
    }
    serde_json::Value::Object(fields).to_string()
}
