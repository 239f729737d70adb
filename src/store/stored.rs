//! Stored text columns read back into model types: a value this claimtrack does
//! not know is a conversion error, reported, never a panic.

use crate::model::Status;
use rusqlite::types::ValueRef;

pub(super) fn bad_value(column: usize, value: &str) -> rusqlite::Error {
    rusqlite::Error::FromSqlConversionFailure(
        column,
        rusqlite::types::Type::Text,
        format!("unexpected stored value '{value}'").into(),
    )
}

pub(super) fn status_from_sql(value: ValueRef<'_>) -> rusqlite::Result<Status> {
    let text = value
        .as_str()
        .map_err(|e| rusqlite::Error::FromSqlConversionFailure(0, value.data_type(), e.into()))?;
    text.parse().map_err(|_| bad_value(0, text))
}

/// Column `index` of `row` as a status.
pub(super) fn status_at(row: &super::sql::Row, index: usize) -> crate::error::Result<Status> {
    let text: String = row.get(index)?;
    text.parse().map_err(|_| {
        crate::error::Error::Invalid(format!("column {index} holds an unknown status '{text}'"))
    })
}
