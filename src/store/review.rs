//! Status changes and notes, each with its append-only history row.
//!
//! Lost updates are impossible by construction: every change runs in an IMMEDIATE
//! transaction, which takes SQLite's write lock *before* it reads the old status, so
//! no other writer can change the claim between that read and the write.

use super::{Store, now_rfc3339};
use crate::error::{Error, Result};
use crate::model::{ReviewEvent, Status};
use rusqlite::{OptionalExtension, Transaction, TransactionBehavior, params};

/// One claim's status before and after a `mark`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StatusChange {
    pub claim_id: i64,
    pub old: Status,
    pub new: Status,
}

impl Store {
    /// Sets the status of every claim in `ids` in one transaction, appending one
    /// history row per claim. An unknown id fails the whole call: nothing is marked.
    pub fn mark(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<StatusChange>> {
        self.require_writable("mark")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_rfc3339();
        let mut changes = Vec::with_capacity(ids.len());
        for &id in ids {
            changes.push(set_status(&tx, id, status, Some(reviewer), note, &now)?);
        }
        tx.commit()?;
        Ok(changes)
    }

    /// Adds a note to a claim's history without changing its status.
    pub fn note(&mut self, id: i64, note: &str, reviewer: &str) -> Result<Status> {
        self.require_writable("note")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_rfc3339();
        let status = current_status(&tx, id)?;
        tx.prepare_cached("UPDATE claims SET updated_at = ?2 WHERE id = ?1")?
            .execute(params![id, now])?;
        append_review(
            &tx,
            id,
            ReviewEvent::Note,
            &status,
            &status,
            Some(reviewer),
            Some(note),
            &now,
        )?;
        tx.commit()?;
        Ok(status)
    }

    /// Ids of the claims in other sources with the same normalised text as `id`.
    pub fn linked_claims(&self, id: i64) -> Result<Vec<i64>> {
        super::links::linked_ids(&self.conn, id)
    }
}

fn current_status(tx: &Transaction<'_>, id: i64) -> Result<Status> {
    let raw: Option<String> = tx
        .prepare_cached("SELECT status FROM claims WHERE id = ?1")?
        .query_row([id], |r| r.get(0))
        .optional()?;
    let raw = raw.ok_or(Error::UnknownClaim(id))?;
    raw.parse()
        .map_err(|_| Error::Invalid(format!("claim {id} has an unknown stored status '{raw}'")))
}

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
pub(super) fn insert_review(tx: &rusqlite::Connection, row: &ReviewRow<'_>) -> Result<i64> {
    tx.prepare_cached(
        "INSERT INTO reviews (claim_id, event, old_status, new_status, reviewer, note, created_at,
                              field, old_value, new_value)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)",
    )?
    .execute(params![
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
    ])?;
    let id = tx.last_insert_rowid();
    if row.note.is_some() && matches!(row.event, ReviewEvent::Status | ReviewEvent::Note) {
        tx.prepare_cached("UPDATE claims SET latest_note = ?2 WHERE id = ?1")?
            .execute(params![row.claim_id, row.note])?;
    }
    Ok(id)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn append_review(
    tx: &rusqlite::Connection,
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

/// Sets one claim's status and appends its history row, inside the caller's
/// transaction (which must have been begun IMMEDIATE: see the module doc).
pub(super) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: &Status,
    reviewer: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> Result<StatusChange> {
    let old = current_status(tx, id)?;
    super::statuses::require_markable(tx, status.as_str())?;
    super::curate::refuse_if_published(tx, id, "mark")?;
    // A new verdict answers a pending re-check.
    tx.prepare_cached(
        "UPDATE claims SET status = ?2, updated_at = ?3, recheck_version = NULL WHERE id = ?1",
    )?
    .execute(params![id, status.as_str(), now])?;
    append_review(
        tx,
        id,
        ReviewEvent::Status,
        &old,
        status,
        reviewer,
        note,
        now,
    )?;
    Ok(StatusChange {
        claim_id: id,
        old,
        new: status.clone(),
    })
}
