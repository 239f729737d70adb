//! The register's own statuses: the six it starts with, and the desk's additions.

use super::history::{ReviewRow, insert_review};
use super::sql::{Connection, Query, Row};
use super::{Store, now_rfc3339};
use crate::args;
use crate::error::{Error, Result};
use crate::model::ReviewEvent;
use crate::model::{Status, StatusDef, StatusEvent};

/// A status to add.
#[derive(Debug, Clone)]
pub struct NewStatus<'a> {
    pub name: &'a str,
    pub label: &'a str,
    pub is_final: bool,
    pub rating: Option<(i64, &'a str)>,
}

impl Store {
    /// Every status, in listing order, with its claim count.
    pub fn statuses(&self) -> Result<Vec<StatusDef>> {
        statuses(self.db())
    }

    /// The statuses' names, in listing order.
    pub fn status_names(&self) -> Result<Vec<Status>> {
        Ok(statuses(self.db())?.into_iter().map(|s| s.name).collect())
    }

    pub fn add_status(&mut self, status: &NewStatus<'_>, reviewer: &str) -> Result<()> {
        self.require_writable("status add")?;
        let tx = self.db.conn().write()?;
        if find(&tx, status.name)?.is_some() {
            return Err(Error::Invalid(format!(
                "status '{}' exists already (see `claimtrack status list`)",
                status.name
            )));
        }
        if status.rating.is_some() && !status.is_final {
            return Err(Error::Invalid(
                "only a final status (--final) has a ClaimReview rating".into(),
            ));
        }
        tx.execute(
            "INSERT INTO statuses (name, label, position, is_final, rating, rating_label)
             VALUES (?1, ?2, (SELECT coalesce(max(position), 0) + 1 FROM statuses), ?3, ?4, ?5)",
            args![
                status.name,
                status.label,
                status.is_final,
                status.rating.map(|r| r.0),
                status.rating.map(|r| r.1)
            ],
        )?;
        let detail = format!(
            "label \"{}\"{}{}",
            status.label,
            if status.is_final { ", final" } else { "" },
            status
                .rating
                .map(|(value, label)| format!(", rating {value} \"{label}\""))
                .unwrap_or_default()
        );
        log_status_event(&tx, "add", status.name, Some(&detail), reviewer)?;
        tx.commit()?;
        Ok(())
    }

    /// Renames a status: the claims that have it follow (each with a history row
    /// saying so); earlier history keeps the name it was written with.
    pub fn rename_status(&mut self, old: &str, new: &str, reviewer: &str) -> Result<usize> {
        self.require_writable("status rename")?;
        let tx = self.db.conn().write()?;
        require(&tx, old)?;
        if find(&tx, new)?.is_some() {
            return Err(Error::Invalid(format!("status '{new}' exists already")));
        }
        // The claims follow through the foreign key's ON UPDATE CASCADE.
        tx.execute(
            "UPDATE statuses SET name = ?2 WHERE name = ?1",
            args![old, new],
        )?;
        let ids: Vec<i64> = tx.query(
            "SELECT id FROM claims WHERE status = ?1 ORDER BY id",
            args![new],
            |r| r.get(0),
        )?;
        log_status_event(&tx, "rename", old, Some(new), reviewer)?;
        let now = now_rfc3339();
        for &id in &ids {
            insert_review(
                &tx,
                &ReviewRow {
                    old_status: old,
                    new_status: new,
                    ..ReviewRow::event(id, ReviewEvent::StatusRenamed, new, reviewer, &now)
                },
            )?;
        }
        tx.commit()?;
        Ok(ids.len())
    }

    /// Retires a status: no new marks with it; claims that have it keep it.
    pub fn retire_status(&mut self, name: &str, reviewer: &str) -> Result<()> {
        self.require_writable("status retire")?;
        let tx = self.db.conn().write()?;
        require(&tx, name)?;
        if name == "unverified" {
            return Err(Error::Invalid(
                "'unverified' is where every new claim starts; it cannot be retired".into(),
            ));
        }
        tx.execute(
            "UPDATE statuses SET retired = 1 WHERE name = ?1",
            args![name],
        )?;
        log_status_event(&tx, "retire", name, None, reviewer)?;
        tx.commit()?;
        Ok(())
    }

    /// Deletes a status no claim and no history row has ever used.
    pub fn delete_status(&mut self, name: &str, reviewer: &str) -> Result<()> {
        self.require_writable("status delete")?;
        let tx = self.db.conn().write()?;
        require(&tx, name)?;
        let used: bool = tx.query_value(
            "SELECT EXISTS (SELECT 1 FROM claims WHERE status = ?1)
                 OR EXISTS (SELECT 1 FROM reviews WHERE old_status = ?1 OR new_status = ?1)",
            args![name],
        )?;
        if used || name == "unverified" {
            return Err(Error::Invalid(format!(
                "status '{name}' is in use and cannot be deleted; `claimtrack status retire {name}` stops new marks"
            )));
        }
        tx.execute("DELETE FROM statuses WHERE name = ?1", args![name])?;
        log_status_event(&tx, "delete", name, None, reviewer)?;
        tx.commit()?;
        Ok(())
    }
}

impl Store {
    /// Every change to the register's statuses, newest first.
    pub fn status_events(&self) -> Result<Vec<StatusEvent>> {
        self.db().query(
            "SELECT id, event, status, detail, reviewer, created_at FROM status_events
             ORDER BY id DESC",
            args![],
            |r| {
                Ok(StatusEvent {
                    id: r.get(0)?,
                    event: r.get(1)?,
                    status: r.get(2)?,
                    detail: r.get(3)?,
                    reviewer: r.get(4)?,
                    created_at: r.get(5)?,
                })
            },
        )
    }
}

/// Appends one change of the statuses to their history.
fn log_status_event(
    conn: &dyn Connection,
    event: &str,
    status: &str,
    detail: Option<&str>,
    reviewer: &str,
) -> Result<()> {
    conn.execute(
        "INSERT INTO status_events (event, status, detail, reviewer, created_at)
         VALUES (?1, ?2, ?3, ?4, ?5)",
        args![event, status, detail, reviewer, &now_rfc3339()],
    )?;
    Ok(())
}

fn statuses(conn: &dyn Connection) -> Result<Vec<StatusDef>> {
    conn.query(
        "SELECT s.name, s.label, s.is_final, s.rating, s.rating_label, s.retired,
                (SELECT count(*) FROM claims c WHERE c.status = s.name AND c.dismissed IS NULL)
         FROM statuses s ORDER BY s.position, s.name",
        args![],
        |r: Row| {
            Ok(StatusDef {
                name: super::stored::status_at(&r, 0)?,
                label: r.get(1)?,
                is_final: r.get(2)?,
                rating: r.get(3)?,
                rating_label: r.get(4)?,
                retired: r.get(5)?,
                claims: r.get(6)?,
            })
        },
    )
}

/// (is_final, retired) of a status, or `None` when the register has no such status.
fn find(conn: &dyn Connection, name: &str) -> Result<Option<(bool, bool)>> {
    conn.query_opt(
        "SELECT is_final, retired FROM statuses WHERE name = ?1",
        args![name],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// A status the register has, or an error listing the ones it has.
pub(super) fn require_known(conn: &dyn Connection, name: &str) -> Result<()> {
    require(conn, name).map(|_| ())
}

fn require(conn: &dyn Connection, name: &str) -> Result<(bool, bool)> {
    match find(conn, name)? {
        Some(found) => Ok(found),
        None => Err(unknown(conn, name)?),
    }
}

fn unknown(conn: &dyn Connection, name: &str) -> Result<Error> {
    let names: Vec<String> = statuses(conn)?
        .into_iter()
        .filter(|s| !s.retired)
        .map(|s| s.name.to_string())
        .collect();
    Ok(Error::UnknownStatus(format!(
        "unknown status '{name}' (this register's: {})",
        names.join(", ")
    )))
}

/// Refuses a status a claim cannot be marked with now: unknown or retired.
pub(super) fn require_markable(conn: &dyn Connection, name: &str) -> Result<()> {
    let (_, retired) = require(conn, name)?;
    if retired {
        return Err(Error::Invalid(format!(
            "status '{name}' is retired: no new marks with it"
        )));
    }
    Ok(())
}

pub(super) fn is_final(conn: &dyn Connection, name: &str) -> Result<bool> {
    Ok(find(conn, name)?.is_some_and(|(is_final, _)| is_final))
}

pub(super) fn final_names(conn: &dyn Connection) -> Result<Vec<String>> {
    Ok(statuses(conn)?
        .into_iter()
        .filter(|s| s.is_final && !s.retired)
        .map(|s| s.name.to_string())
        .collect())
}
