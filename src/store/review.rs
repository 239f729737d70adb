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
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
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
        status: Status,
        note: Option<&str>,
        reviewer: Option<&str>,
    ) -> Result<Vec<StatusChange>> {
        self.require_writable("mark")?;
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_rfc3339();
        let mut changes = Vec::with_capacity(ids.len());
        for &id in ids {
            changes.push(set_status(&tx, id, status, reviewer, note, &now)?);
        }
        tx.commit()?;
        Ok(changes)
    }

    /// Adds a note to a claim's history without changing its status.
    pub fn note(&mut self, id: i64, note: &str, reviewer: Option<&str>) -> Result<Status> {
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
            status,
            status,
            reviewer,
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

#[allow(clippy::too_many_arguments)]
pub(super) fn append_review(
    tx: &rusqlite::Connection,
    claim_id: i64,
    event: ReviewEvent,
    old: Status,
    new: Status,
    reviewer: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    tx.prepare_cached(
        "INSERT INTO reviews (claim_id, event, old_status, new_status, reviewer, note, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
    )?
    .execute(params![
        claim_id,
        event.as_str(),
        old.as_str(),
        new.as_str(),
        reviewer,
        note,
        now
    ])?;
    if note.is_some() && matches!(event, ReviewEvent::Status | ReviewEvent::Note) {
        tx.prepare_cached("UPDATE claims SET latest_note = ?2 WHERE id = ?1")?
            .execute(params![claim_id, note])?;
    }
    Ok(())
}

/// Sets one claim's status and appends its history row, inside the caller's
/// transaction (which must have been begun IMMEDIATE: see the module doc).
pub(super) fn set_status(
    tx: &Transaction<'_>,
    id: i64,
    status: Status,
    reviewer: Option<&str>,
    note: Option<&str>,
    now: &str,
) -> Result<StatusChange> {
    let old = current_status(tx, id)?;
    tx.prepare_cached("UPDATE claims SET status = ?2, updated_at = ?3 WHERE id = ?1")?
        .execute(params![id, status.as_str(), now])?;
    append_review(
        tx,
        id,
        ReviewEvent::Status,
        old,
        status,
        reviewer,
        note,
        now,
    )?;
    Ok(StatusChange {
        claim_id: id,
        old,
        new: status,
    })
}
