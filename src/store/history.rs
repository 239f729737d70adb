//! The claims' append-only history: the one place a row is added to `reviews`
//! (the schema's triggers refuse UPDATE and DELETE). Every write of the register
//! that changes a claim appends here, inside its own transaction.

use super::sql::{Connection, Query};
use crate::args;
use crate::error::Result;
use crate::model::{ReviewEvent, Status};

/// One history row to append.
#[derive(Debug, Clone, Copy)]
pub(super) struct ReviewRow<'a> {
    pub claim_id: i64,
    pub event: ReviewEvent,
    pub old_status: &'a str,
    pub new_status: &'a str,
    pub reviewer: Option<&'a str>,
    pub note: Option<&'a str>,
    /// What an edit, assignment or tag changed, and its values before and after.
    pub field: Option<&'a str>,
    pub old_value: Option<&'a str>,
    pub new_value: Option<&'a str>,
    pub now: &'a str,
}

impl<'a> ReviewRow<'a> {
    /// A row that leaves the status as it is.
    pub fn event(
        claim_id: i64,
        event: ReviewEvent,
        status: &'a str,
        reviewer: &'a str,
        now: &'a str,
    ) -> Self {
        ReviewRow {
            claim_id,
            event,
            old_status: status,
            new_status: status,
            reviewer: Some(reviewer),
            note: None,
            field: None,
            old_value: None,
            new_value: None,
            now,
        }
    }
}

/// Appends one history row (the only INSERT into `reviews`); returns its id.
/// A reviewer's note on a status or note event becomes the claim's latest_note.
pub(super) fn insert_review(tx: &dyn Connection, row: &ReviewRow<'_>) -> Result<i64> {
    let id = tx.insert_id(
        "INSERT INTO reviews (claim_id, event, old_status, new_status, reviewer, note, created_at,
                              field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
        args![
            row.claim_id,
            row.event.as_str(),
            row.old_status,
            row.new_status,
            row.reviewer,
            row.note,
            row.now,
            row.field,
            row.old_value,
            row.new_value,
        ],
    )?;
    if row.note.is_some() && matches!(row.event, ReviewEvent::Status | ReviewEvent::Note) {
        tx.execute(
            "UPDATE claims SET latest_note = ?2 WHERE id = ?1",
            args![row.claim_id, row.note],
        )?;
    }
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn append_review(
    tx: &dyn Connection,
    claim_id: i64,
    event: ReviewEvent,
    old: &Status,
    new: &Status,
    reviewer: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    insert_review(
        tx,
        &ReviewRow {
            claim_id,
            event,
            old_status: old.as_str(),
            new_status: new.as_str(),
            reviewer,
            note,
            field: None,
            old_value: None,
            new_value: None,
            now,
        },
    )?;
    Ok(())
}
