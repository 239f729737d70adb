//! Stored text columns read back into model types: a value this claimtrack does
//! not know is a conversion error, reported, never a panic.

use crate::model::Status;

/// Column `index` of `row` as a status.
pub(super) fn status_at(row: &super::sql::Row, index: usize) -> crate::error::Result<Status> {
    let text: String = row.get(index)?;
    text.parse().map_err(|_| {
        crate::error::Error::Invalid(format!("column {index} holds an unknown status '{text}'"))
    })
}
