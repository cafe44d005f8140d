//! The schema's history: the migrations embedded from `/migrations`, which of them a file
//! still lacks, and running them with errors mapped to `migration_failed`/`schema_too_new`.

use std::collections::HashSet;

use sqlx::migrate::Migrator;
use sqlx::SqlitePool;

use crate::StoreError;

/// The migrations this version of the app ships, embedded at compile time.
pub static MIGRATOR: Migrator = sqlx::migrate!("../../migrations");

/// Versions of `migrator`'s up-migrations not yet applied to the database, oldest first.
pub async fn pending_migrations(
    pool: &SqlitePool,
    migrator: &Migrator,
) -> Result<Vec<i64>, StoreError> {
    let has_table = sqlx::query_scalar!(
        "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = '_sqlx_migrations'"
    )
    .fetch_one(pool)
    .await?;
    let applied: HashSet<i64> = if has_table > 0 {
        sqlx::query_scalar!(r#"SELECT version AS "version!" FROM _sqlx_migrations"#)
            .fetch_all(pool)
            .await?
            .into_iter()
            .collect()
    } else {
        HashSet::new()
    };
    let mut pending: Vec<i64> = migrator
        .iter()
        .filter(|migration| !migration.migration_type.is_down_migration())
        .map(|migration| migration.version)
        .filter(|version| !applied.contains(version))
        .collect();
    pending.sort_unstable();
    Ok(pending)
}

/// Applies every pending migration, each in its own transaction.
pub(crate) async fn migrate(pool: &SqlitePool, migrator: &Migrator) -> Result<(), StoreError> {
    migrator.run(pool).await.map_err(StoreError::from)
}
