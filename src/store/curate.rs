//! The desk's corrections and decisions on a claim: edits of the extraction,
//! dismissals, assignment, and published verdicts with their lock. Each change is
//! one IMMEDIATE transaction with its append-only history row (see review.rs).

use super::history::{ReviewRow, insert_review};
use super::sql::{Connection, Query};
use super::{SpeakerIds, Store, now_rfc3339};
use crate::args;
use crate::error::{Error, Result};
use crate::model::ReviewEvent;

/// A field of the extraction a reviewer can correct.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Field {
    Speaker,
    Outlet,
    Cue,
    Flag,
}

impl Field {
    pub fn as_str(self) -> &'static str {
        match self {
            Field::Speaker => "speaker",
            Field::Outlet => "outlet",
            Field::Cue => "cue",
            Field::Flag => "flag",
        }
    }

    fn parse(text: &str) -> Option<Field> {
        [Field::Speaker, Field::Outlet, Field::Cue, Field::Flag]
            .into_iter()
            .find(|f| f.as_str() == text)
    }
}

/// A reviewer's value for a field; `None` clears it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Correction {
    pub field: Field,
    pub value: Option<String>,
}

/// One field an edit changed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FieldChange {
    pub field: Field,
    pub old: Option<String>,
    pub new: Option<String>,
}

/// A claim's state as the desk's writes need it.
struct ClaimState {
    status: String,
    published: bool,
    dismissed: Option<String>,
    assignee: Option<String>,
}

impl Store {
    /// Corrects fields of a claim's extraction. Unchanged fields record nothing;
    /// every changed one gets an `edit` history row with its old and new value,
    /// and is kept when later versions of the article are stored.
    pub fn edit(
        &mut self,
        id: i64,
        corrections: &[Correction],
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<FieldChange>> {
        self.require_writable("edit")?;
        let tx = self.db.conn().write()?;
        let state = claim_state(&tx, id)?;
        refuse_if_published(&tx, id, "edit")?;
        let now = now_rfc3339();
        let mut changes = Vec::new();
        for correction in corrections {
            let old = field_value(&tx, id, correction.field)?;
            if old == correction.value {
                continue;
            }
            set_field(
                &tx,
                &mut self.speaker_ids,
                id,
                correction.field,
                correction.value.as_deref(),
            )?;
            tx.execute(
                "INSERT INTO claim_corrections (claim_id, field, value) VALUES (?1, ?2, ?3)
             ON CONFLICT (claim_id, field) DO UPDATE SET value = excluded.value",
                args![id, correction.field.as_str(), correction.value],
            )?;
            insert_review(
                &tx,
                &ReviewRow {
                    note,
                    field: Some(correction.field.as_str()),
                    old_value: old.as_deref(),
                    new_value: correction.value.as_deref(),
                    ..ReviewRow::event(id, ReviewEvent::Edit, &state.status, reviewer, &now)
                },
            )?;
            changes.push(FieldChange {
                field: correction.field,
                old,
                new: correction.value.clone(),
            });
        }
        if !changes.is_empty() {
            touch(&tx, id, &now)?;
        }
        let committed = tx.commit();
        if committed.is_err() {
            self.speaker_ids.forget();
        }
        committed?;
        Ok(changes)
    }

    /// Sets claims aside as not claims (one transaction): they leave every
    /// listing, count and report until [`Store::undismiss`].
    pub fn dismiss(&mut self, ids: &[i64], reason: &str, reviewer: &str) -> Result<()> {
        self.each_claim("dismiss", ids, |tx, id, state, now| {
            refuse_if_published(tx, id, "dismiss")?;
            if state.dismissed.is_some() {
                return Err(Error::Invalid(format!(
                    "claim {id} is dismissed already (`claimtrack restore {id}` takes it back)"
                )));
            }
            tx.execute(
                "UPDATE claims SET dismissed = ?2, updated_at = ?3 WHERE id = ?1",
                args![id, reason, now],
            )?;
            insert_review(
                tx,
                &ReviewRow {
                    note: Some(reason),
                    ..ReviewRow::event(id, ReviewEvent::Dismiss, &state.status, reviewer, now)
                },
            )
        })
    }

    /// Takes dismissals back.
    pub fn undismiss(&mut self, ids: &[i64], reviewer: &str) -> Result<()> {
        self.each_claim("restore", ids, |tx, id, state, now| {
            if state.dismissed.is_none() {
                return Err(Error::Invalid(format!("claim {id} is not dismissed")));
            }
            tx.execute(
                "UPDATE claims SET dismissed = NULL, updated_at = ?2 WHERE id = ?1",
                args![id, now],
            )?;
            insert_review(
                tx,
                &ReviewRow::event(id, ReviewEvent::Undismiss, &state.status, reviewer, now),
            )
        })
    }

    /// Gives claims to `assignee` (`None`: to nobody). A claim already given to
    /// them records nothing.
    pub fn assign(&mut self, ids: &[i64], assignee: Option<&str>, reviewer: &str) -> Result<()> {
        self.each_claim("assign", ids, |tx, id, state, now| {
            if state.assignee.as_deref() == assignee {
                return Ok(0);
            }
            tx.execute(
                "UPDATE claims SET assignee = ?2, updated_at = ?3 WHERE id = ?1",
                args![id, assignee, now],
            )?;
            insert_review(
                tx,
                &ReviewRow {
                    field: Some("assignee"),
                    old_value: state.assignee.as_deref(),
                    new_value: assignee,
                    ..ReviewRow::event(id, ReviewEvent::Assign, &state.status, reviewer, now)
                },
            )
        })
    }

    /// Publishes the claim's verdict (its status, which must be final) with the
    /// explanation readers see, and locks the claim until [`Store::reopen`].
    pub fn publish(
        &mut self,
        id: i64,
        explanation: &str,
        summary: Option<&str>,
        reviewer: &str,
    ) -> Result<String> {
        let mut published = String::new();
        self.each_claim("publish", &[id], |tx, id, state, now| {
            if state.published {
                return Err(Error::Invalid(format!(
                    "claim {id} is published already; `claimtrack reopen {id} --reason TEXT` first to publish anew"
                )));
            }
            if state.dismissed.is_some() {
                return Err(Error::Invalid(format!(
                    "claim {id} is dismissed; `claimtrack restore {id}` first"
                )));
            }
            if !super::statuses::is_final(tx, &state.status)? {
                return Err(Error::Invalid(format!(
                    "claim {id} has no verdict (status {}); mark it with a final status first ({})",
                    state.status,
                    super::statuses::final_names(tx)?.join(", ")
                )));
            }
            let review = insert_review(
                tx,
                &ReviewRow {
                    note: Some(explanation),
                    new_value: summary,
                    ..ReviewRow::event(id, ReviewEvent::Publish, &state.status, reviewer, now)
                },
            )?;
            tx.execute("UPDATE claims SET published_review = ?2, recheck_version = NULL, updated_at = ?3
                 WHERE id = ?1", args![id, review, now])?;
            published = state.status.clone();
            Ok(review)
        })?;
        Ok(published)
    }

    /// Unlocks a published claim; its verdict is no longer published.
    pub fn reopen(&mut self, id: i64, reason: &str, reviewer: &str) -> Result<()> {
        self.each_claim("reopen", &[id], |tx, id, state, now| {
            if !state.published {
                return Err(Error::Invalid(format!("claim {id} is not published")));
            }
            tx.execute(
                "UPDATE claims SET published_review = NULL, updated_at = ?2 WHERE id = ?1",
                args![id, now],
            )?;
            insert_review(
                tx,
                &ReviewRow {
                    note: Some(reason),
                    ..ReviewRow::event(id, ReviewEvent::Reopen, &state.status, reviewer, now)
                },
            )
        })
    }

    /// Runs `change` on each claim in one IMMEDIATE transaction: an unknown id or a
    /// refused change fails the whole call, and nothing is written.
    fn each_claim(
        &mut self,
        action: &str,
        ids: &[i64],
        mut change: impl FnMut(&dyn Connection, i64, &ClaimState, &str) -> Result<i64>,
    ) -> Result<()> {
        self.require_writable(action)?;
        let tx = self.db.conn().write()?;
        let now = now_rfc3339();
        let mut seen = std::collections::HashSet::new();
        for &id in ids.iter().filter(|id| seen.insert(**id)) {
            let state = claim_state(&tx, id)?;
            change(&tx, id, &state, &now)?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn claim_state(tx: &dyn Connection, id: i64) -> Result<ClaimState> {
    tx.query_opt("SELECT status, published_review IS NOT NULL, dismissed, assignee FROM claims WHERE id = ?1", args![id], |r| {
        Ok(ClaimState {
            status: r.get(0)?,
            published: r.get(1)?,
            dismissed: r.get(2)?,
            assignee: r.get(3)?,
        })
    })?
    .ok_or(Error::UnknownClaim(id))
}

/// Refuses a change to a published claim's verdict or wording, naming `reopen`.
pub(super) fn refuse_if_published(tx: &dyn Connection, id: i64, action: &str) -> Result<()> {
    let published: Option<bool> = tx.query_opt(
        "SELECT published_review IS NOT NULL FROM claims WHERE id = ?1",
        args![id],
        |r| r.get(0),
    )?;
    match published {
        Some(true) => Err(Error::Invalid(format!(
            "claim {id} is published and locked; `claimtrack reopen {id} --reason TEXT` unlocks it before a {action}"
        ))),
        Some(false) => Ok(()),
        None => Err(Error::UnknownClaim(id)),
    }
}

fn touch(tx: &dyn Connection, id: i64, now: &str) -> Result<()> {
    tx.execute(
        "UPDATE claims SET updated_at = ?2 WHERE id = ?1",
        args![id, now],
    )?;
    Ok(())
}

/// The claim's current value of a field (for the speaker: as written, else as resolved).
fn field_value(tx: &dyn Connection, id: i64, field: Field) -> Result<Option<String>> {
    let sql = match field {
        Field::Speaker => "SELECT coalesce(speaker, speaker_resolved) FROM claims WHERE id = ?1",
        Field::Outlet => "SELECT outlet FROM claims WHERE id = ?1",
        Field::Cue => "SELECT cue FROM claims WHERE id = ?1",
        Field::Flag => "SELECT flag FROM claims WHERE id = ?1",
    };
    tx.query_opt(sql, args![id], |r| r.get(0))?
        .ok_or(Error::UnknownClaim(id))
}

/// Writes a field: the speaker the reviewer names replaces both the speaker as
/// written and as resolved (and its `speakers` row, so `--speaker` finds it); a
/// reviewer's flag replaces the extractor's evidence for it.
fn set_field(
    tx: &dyn Connection,
    speakers: &mut SpeakerIds,
    id: i64,
    field: Field,
    value: Option<&str>,
) -> Result<()> {
    match field {
        Field::Speaker => {
            let speaker_id = speakers.id(tx, value, None)?;
            tx.execute("UPDATE claims SET speaker = ?2, speaker_resolved = NULL, speaker_id = ?3 WHERE id = ?1", args![id, value, speaker_id])?;
        }
        Field::Outlet => {
            tx.execute(
                "UPDATE claims SET outlet = ?2 WHERE id = ?1",
                args![id, value],
            )?;
        }
        Field::Cue => {
            tx.execute("UPDATE claims SET cue = ?2 WHERE id = ?1", args![id, value])?;
        }
        Field::Flag => {
            tx.execute(
                "UPDATE claims SET flag = ?2, flag_evidence = NULL WHERE id = ?1",
                args![id, value],
            )?;
        }
    }
    Ok(())
}

/// After ingest wrote a carried-over claim with the extractor's fields, puts the
/// reviewer's corrections back: the reviewer's word beats the extractor's.
pub(super) fn reapply_corrections(
    tx: &dyn Connection,
    speakers: &mut SpeakerIds,
    id: i64,
) -> Result<()> {
    let corrections: Vec<(String, Option<String>)> = tx.query(
        "SELECT field, value FROM claim_corrections WHERE claim_id = ?1",
        args![id],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    for (field, value) in corrections {
        if let Some(field) = Field::parse(&field) {
            set_field(tx, speakers, id, field, value.as_deref())?;
        }
    }
    Ok(())
}

/// A claim with a verdict whose wording changed in `version` needs a re-check.
pub(super) fn flag_for_recheck(tx: &dyn Connection, id: i64, version: i64) -> Result<()> {
    tx.execute(
        "UPDATE claims SET recheck_version = ?2
         WHERE id = ?1 AND status IN (SELECT name FROM statuses WHERE is_final = 1)",
        args![id, version],
    )?;
    Ok(())
}
