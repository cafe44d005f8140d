//! What a support screen or a start-up check needs to know about the file: the connection's
//! PRAGMAs as actually in force, the schema version, and SQLite's own integrity checks (the
//! checks the crash harness of research §3.2 runs after every kill).

use serde::Serialize;

use crate::{Store, StoreError};

/// The settings in force on the store's connection.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Diagnostics {
    /// "wal".
    pub journal_mode: String,
    /// 2 is FULL.
    pub synchronous: i64,
    pub foreign_keys: bool,
    pub busy_timeout_ms: i64,
    pub secure_delete: bool,
    /// Bytes a WAL is cut to when a checkpoint empties it (0: nothing kept).
    pub journal_size_limit: i64,
    /// The latest migration applied, if any.
    pub schema_version: Option<i64>,
}

impl Store {
    /// Reads the PRAGMAs on the store's own connection (they are per connection).
    pub async fn diagnostics(&self) -> Result<Diagnostics, StoreError> {
        let mut conn = self.pool.acquire().await?;
        // Each PRAGMA through its table-valued function (same connection, same answer), so
        // the query is checked like any other. The CASTs change no value: sqlx cannot ask
        // SQLite where a column of such a function comes from, and does not ask for an
        // expression's.
        let journal_mode = sqlx::query_scalar!(
            r#"SELECT CAST(journal_mode AS TEXT) AS "journal_mode!: String"
               FROM pragma_journal_mode()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let synchronous = sqlx::query_scalar!(
            r#"SELECT CAST(synchronous AS INTEGER) AS "synchronous!: i64"
               FROM pragma_synchronous()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let foreign_keys = sqlx::query_scalar!(
            r#"SELECT CAST(foreign_keys AS INTEGER) AS "foreign_keys!: i64"
               FROM pragma_foreign_keys()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let busy_timeout_ms = sqlx::query_scalar!(
            r#"SELECT CAST(timeout AS INTEGER) AS "timeout!: i64"
               FROM pragma_busy_timeout()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let secure_delete = sqlx::query_scalar!(
            r#"SELECT CAST(secure_delete AS INTEGER) AS "secure_delete!: i64"
               FROM pragma_secure_delete()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let journal_size_limit = sqlx::query_scalar!(
            r#"SELECT CAST(journal_size_limit AS INTEGER) AS "journal_size_limit!: i64"
               FROM pragma_journal_size_limit()"#
        )
        .fetch_one(&mut *conn)
        .await?;
        let schema_version =
            sqlx::query_scalar!("SELECT max(version) FROM _sqlx_migrations WHERE success")
                .fetch_one(&mut *conn)
                .await?;
        Ok(Diagnostics {
            journal_mode,
            synchronous,
            foreign_keys: foreign_keys == 1,
            busy_timeout_ms,
            secure_delete: secure_delete == 1,
            journal_size_limit,
            schema_version,
        })
    }

    /// Problems reported by `PRAGMA integrity_check` and `PRAGMA foreign_key_check`; empty
    /// when the file is sound.
    pub async fn integrity_problems(&self) -> Result<Vec<String>, StoreError> {
        let mut conn = self.pool.acquire().await?;
        // Table-valued functions and CASTs as in `diagnostics`.
        let mut problems: Vec<String> = sqlx::query_scalar!(
            r#"SELECT CAST(integrity_check AS TEXT) AS "integrity_check!: String"
               FROM pragma_integrity_check()"#
        )
        .fetch_all(&mut *conn)
        .await?
        .into_iter()
        .filter(|line| line != "ok")
        .collect();
        let violations = sqlx::query!(
            r#"SELECT CAST("table" AS TEXT) AS "table?: String",
               CAST(rowid AS INTEGER) AS "rowid?: i64"
               FROM pragma_foreign_key_check()"#
        )
        .fetch_all(&mut *conn)
        .await?;
        for violation in violations {
            let table = violation.table.unwrap_or_default();
            let rowid = violation.rowid;
            problems.push(format!("foreign key violation in {table} row {rowid:?}"));
        }
        Ok(problems)
    }

    /// How many drafts are in each status (the stored text, so an unreadable one shows as
    /// it is): the support bundle's `drafts.txt`. Counts only, nothing of any draft.
    pub async fn draft_counts(&self) -> Result<Vec<(String, i64)>, StoreError> {
        // A query checked at run time: it reads no column a migration could rename but
        // `status`, which every version has.
        Ok(sqlx::query_as::<_, (String, i64)>(
            "SELECT CAST(status AS TEXT), count(*) FROM drafts GROUP BY status ORDER BY status",
        )
        .fetch_all(&self.pool)
        .await?)
    }
}
