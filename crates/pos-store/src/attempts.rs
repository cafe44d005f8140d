//! Failed sign-ins and unlocks counted per subject, kept in the file so a restart does not
//! reset the count: the store only counts and remembers until when a subject is blocked;
//! what a subject is, and how long a block lasts, is the app's policy.

use serde::Serialize;

use crate::clock::now;
use crate::row::{RowKey, Stored};
use crate::{validate, Store, StoreError};

/// The failures counted for a subject since its last success.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct AttemptRecord {
    pub failures: u32,
    /// As the app's policy wrote it (the store does not read it).
    pub blocked_until: Option<String>,
}

/// A row of `sign_in_attempts` as read.
struct AttemptRow {
    failures: Stored<i64>,
    blocked_until: Option<Stored<String>>,
}

impl AttemptRow {
    fn record(self, subject: &str) -> Result<AttemptRecord, StoreError> {
        let r = RowKey::new("sign_in_attempts", subject.to_owned());
        let failures = r.parsed_number("failures", self.failures)?;
        Ok(AttemptRecord {
            failures,
            blocked_until: r.get_opt("blocked_until", self.blocked_until)?,
        })
    }
}

impl Store {
    /// The failures counted for `subject`, if any since its last [`Store::clear_attempts`].
    pub async fn attempts(&self, subject: &str) -> Result<Option<AttemptRecord>, StoreError> {
        validate::non_empty("subject", subject)?;
        sqlx::query_as!(
            AttemptRow,
            r#"SELECT failures AS "failures: _", blocked_until AS "blocked_until: _"
               FROM sign_in_attempts WHERE subject = ?1"#,
            subject,
        )
        .fetch_optional(&self.pool)
        .await?
        .map(|row| row.record(subject))
        .transpose()
    }

    /// Counts one more failure for `subject` (the first makes the row, at 1), and stores
    /// `blocked_until(new count)` with it, in one `BEGIN IMMEDIATE` transaction, so two
    /// failures at once both count. Returns what was stored. A count this version cannot
    /// read (a damaged row) starts again at 1 rather than block sign-in for good.
    pub async fn record_failed_attempt(
        &self,
        subject: &str,
        blocked_until: impl Fn(u32) -> Option<String>,
    ) -> Result<AttemptRecord, StoreError> {
        validate::non_empty("subject", subject)?;
        let updated_at = now();
        let mut tx = self.pool.begin_with("BEGIN IMMEDIATE").await?;
        let counted = sqlx::query_scalar!(
            r#"INSERT INTO sign_in_attempts (subject, failures, updated_at) VALUES (?1, 1, ?2)
               ON CONFLICT (subject) DO UPDATE SET
                   failures = CASE
                       WHEN typeof(failures) = 'integer' AND failures BETWEEN 0 AND 4294967294
                       THEN failures + 1 ELSE 1 END,
                   updated_at = excluded.updated_at
               RETURNING failures AS "failures: _""#,
            subject,
            updated_at,
        )
        .fetch_one(&mut *tx)
        .await?;
        let failures = RowKey::new("sign_in_attempts", subject.to_owned())
            .parsed_number("failures", counted)?;
        let blocked_until = blocked_until(failures);
        sqlx::query!(
            "UPDATE sign_in_attempts SET blocked_until = ?2 WHERE subject = ?1",
            subject,
            blocked_until,
        )
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(AttemptRecord {
            failures,
            blocked_until,
        })
    }

    /// Forgets the failures of `subject` (after a success).
    pub async fn clear_attempts(&self, subject: &str) -> Result<(), StoreError> {
        validate::non_empty("subject", subject)?;
        sqlx::query!("DELETE FROM sign_in_attempts WHERE subject = ?1", subject)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}
