//! Reading columns out of a row without trusting it: any value that does not decode (a NULL
//! where text is due, an unknown status) becomes `StoreError::CorruptRow` naming the table
//! and key, never a panic.

use sqlx::sqlite::{Sqlite, SqliteRow};
use sqlx::{Decode, Row, Type};

use crate::StoreError;

pub(crate) struct RowReader<'r> {
    row: &'r SqliteRow,
    table: &'static str,
    key: String,
}

impl<'r> RowReader<'r> {
    pub(crate) fn new(row: &'r SqliteRow, table: &'static str, key: String) -> Self {
        RowReader { row, table, key }
    }

    pub(crate) fn get<T>(&self, column: &str) -> Result<T, StoreError>
    where
        T: Decode<'r, Sqlite> + Type<Sqlite>,
    {
        self.row
            .try_get::<T, _>(column)
            .map_err(|error| self.corrupt(format!("column {column}: {error}")))
    }

    /// A text column that must hold one of a closed set of values.
    pub(crate) fn parsed<T>(
        &self,
        column: &str,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, StoreError> {
        let text: String = self.get(column)?;
        parse(&text).ok_or_else(|| self.corrupt(format!("column {column}: unknown value {text:?}")))
    }

    pub(crate) fn corrupt(&self, detail: String) -> StoreError {
        StoreError::CorruptRow {
            table: self.table,
            key: self.key.clone(),
            detail,
        }
    }
}
