//! Status changes and notes, each with its append-only history row.
//!
//! Lost updates are impossible by construction: every change runs in a write
//! transaction, which takes the register's write lock *before* it reads the old
//! status (see [`Connection::begin_write`]), so no other writer can change the
//! claim between that read and the write.

use super::history::append_review;
use super::sql::{Connection, Query};
use super::{Store, now_rfc3339};
use crate::args;
use crate::error::{Error, Result};
use crate::model::{ReviewEvent, Status};

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
        let tx = self.db.conn().write()?;
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
        let tx = self.db.conn().write()?;
        let now = now_rfc3339();
        let status = current_status(&tx, id)?;
        tx.execute(
            "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
            args![id, &now],
        )?;
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
}

fn current_status(tx: &dyn Connection, id: i64) -> Result<Status> {
    let raw: Option<String> =
        tx.query_opt("SELECT status FROM claims WHERE id = ?1", args![id], |r| {
            r.get(0)
        })?;
    let raw = raw.ok_or(Error::UnknownClaim(id))?;
    raw.parse()
        .map_err(|_| Error::Invalid(format!("claim {id} has an unknown stored status '{raw}'")))
}

/// Sets one claim's status and appends its history row, inside the caller's
/// transaction (which must have been begun IMMEDIATE: see the module doc).
pub(super) fn set_status(
    tx: &dyn Connection,
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
    tx.execute(
        "UPDATE claims SET status = ?2, updated_at = ?3, recheck_version = NULL WHERE id = ?1",
        args![id, status.as_str(), now],
    )?;
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
