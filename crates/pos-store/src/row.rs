//! Reading columns without trusting the file: the query macros check names and shapes at
//! compile time, but a damaged or hand-edited file can still hold text where a number is
//! due, or an unknown status; each such value becomes `StoreError::CorruptRow` naming the
//! table, the key and the column, never a panic or a misread.

use std::any::type_name;

use serde::Serialize;
use sqlx::error::BoxDynError;
use sqlx::sqlite::{Sqlite, SqliteTypeInfo, SqliteValueRef};
use sqlx::{Decode, Type, TypeInfo, ValueRef};

use crate::{ErrorCode, StoreError};

/// A value of a row this version cannot read (an unknown status, text where a number is
/// due), where a list reports it on the row instead of failing whole. Its code is
/// `corrupt_row`, as for [`StoreError::CorruptRow`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct CorruptColumn {
    pub column: String,
    pub detail: String,
}

impl CorruptColumn {
    /// Always [`ErrorCode::CorruptRow`].
    pub fn error_code(&self) -> ErrorCode {
        ErrorCode::CorruptRow
    }

    /// [`CorruptColumn::error_code`] as text.
    pub fn code(&self) -> &'static str {
        self.error_code().as_str()
    }
}

/// A column's value as the row holds it: a `T`, or why it is not one. Row structs declare
/// their columns with it and the queries select them as `AS "column: _"`, so decoding
/// never fails inside sqlx; the conversion into a record reports the mismatch.
pub(crate) struct Stored<T>(Result<T, String>);

impl<'r, T> Decode<'r, Sqlite> for Stored<T>
where
    T: Decode<'r, Sqlite> + Type<Sqlite>,
{
    fn decode(value: SqliteValueRef<'r>) -> Result<Self, BoxDynError> {
        // The check `Row::try_get` makes: SQLite's value type, not the column's declared one.
        if !value.is_null() {
            let held = value.type_info();
            if !held.is_null() && !T::compatible(&held) {
                return Ok(Stored(Err(format!(
                    "{} cannot be read from SQL type {}",
                    type_name::<T>(),
                    held.name()
                ))));
            }
        }
        Ok(Stored(T::decode(value).map_err(|error| error.to_string())))
    }
}

impl<T: Type<Sqlite>> Type<Sqlite> for Stored<T> {
    fn type_info() -> SqliteTypeInfo {
        T::type_info()
    }

    /// Any value is accepted here; a wrong one is reported by [`RowKey::get`].
    fn compatible(_: &SqliteTypeInfo) -> bool {
        true
    }
}

impl<T: Clone> Stored<T> {
    /// The value if it was readable, for naming the row in an error.
    pub(crate) fn readable(&self) -> Option<T> {
        self.0.as_ref().ok().cloned()
    }
}

/// The row being read (table and key), for the errors about its columns.
pub(crate) struct RowKey {
    table: &'static str,
    key: String,
}

impl RowKey {
    pub(crate) fn new(table: &'static str, key: String) -> Self {
        RowKey { table, key }
    }

    pub(crate) fn get<T>(&self, column: &str, value: Stored<T>) -> Result<T, StoreError> {
        value.0.map_err(|detail| self.corrupt(column, &detail))
    }

    /// [`RowKey::get`] for a list that reports the damage on the row.
    pub(crate) fn check<T>(column: &str, value: Stored<T>) -> Result<T, CorruptColumn> {
        value.0.map_err(|detail| CorruptColumn {
            column: column.to_owned(),
            detail,
        })
    }

    /// [`RowKey::parsed`] for a list that reports the damage on the row.
    pub(crate) fn check_parsed<T>(
        column: &str,
        value: Stored<String>,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, CorruptColumn> {
        let text = RowKey::check(column, value)?;
        parse(&text).ok_or_else(|| CorruptColumn {
            column: column.to_owned(),
            detail: format!("unknown value {text:?}"),
        })
    }

    /// A nullable column (NULL is `None`, any other value must be a `T`).
    pub(crate) fn get_opt<T>(
        &self,
        column: &str,
        value: Option<Stored<T>>,
    ) -> Result<Option<T>, StoreError> {
        value.map(|value| self.get(column, value)).transpose()
    }

    /// A text column that must hold one of a closed set of values.
    pub(crate) fn parsed<T>(
        &self,
        column: &str,
        value: Stored<String>,
        parse: impl FnOnce(&str) -> Option<T>,
    ) -> Result<T, StoreError> {
        let text = self.get(column, value)?;
        parse(&text).ok_or_else(|| self.corrupt(column, &format!("unknown value {text:?}")))
    }

    /// An integer column whose value must fit a `T` (a count that cannot be negative).
    pub(crate) fn parsed_number<T: TryFrom<i64>>(
        &self,
        column: &str,
        value: Stored<i64>,
    ) -> Result<T, StoreError> {
        let number = self.get(column, value)?;
        T::try_from(number).map_err(|_| self.corrupt(column, &format!("{number} is out of range")))
    }

    fn corrupt(&self, column: &str, detail: &str) -> StoreError {
        StoreError::CorruptRow {
            table: self.table,
            key: self.key.clone(),
            detail: format!("column {column}: {detail}"),
        }
    }
}
