//! A claim the extractor missed, added by a reviewer: stored like an extracted
//! one (offsets, a position in text order, an appearance, counts), with
//! `created_by` naming the reviewer.

use super::history::{ReviewRow, insert_review};
use super::{Store, now_rfc3339};
use crate::claim_match::claim_text_hash;
use crate::error::{Error, Result};
use crate::model::ReviewEvent;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

/// A claim to add: where it stands in the article version, and its attribution.
#[derive(Debug, Clone, Default)]
pub struct NewClaim {
    /// The newest version of the article (see [`Store::newest_version`]).
    pub article_id: i64,
    /// Byte offsets into that version's content.
    pub start: usize,
    pub end: usize,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub cue: Option<String>,
    pub flag: Option<String>,
}

impl Store {
    /// The newest version of the article `article` is a version of: its id and text.
    pub fn newest_version(&self, article: i64) -> Result<(i64, String)> {
        newest_version(&self.sqlite(), article)?.ok_or(Error::UnknownArticle(article))
    }

    /// Adds the claim; returns its id. Refused when the article has a newer version
    /// than the one the offsets point into, or a claim overlaps them.
    pub fn add_claim(&mut self, claim: &NewClaim, reviewer: &str) -> Result<i64> {
        self.require_writable("add")?;
        let tx = self
            .db
            .sqlite_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let (newest, content) = newest_version(&tx, claim.article_id)?
            .ok_or(Error::UnknownArticle(claim.article_id))?;
        if newest != claim.article_id {
            return Err(Error::Invalid(format!(
                "article {} has a newer version ({newest}) since the text was read; run the command again",
                claim.article_id
            )));
        }
        let text = content
            .get(claim.start..claim.end)
            .ok_or_else(|| Error::Invalid("the quote's offsets are outside the article".into()))?;
        let existing: Option<i64> = tx
            .prepare_cached(
                "SELECT claim_id FROM appearances
                 WHERE article_id = ?1 AND start_offset < ?3 AND end_offset > ?2 LIMIT 1",
            )?
            .query_row(
                params![claim.article_id, claim.start as i64, claim.end as i64],
                |r| r.get(0),
            )
            .optional()?;
        if let Some(id) = existing {
            return Err(Error::Invalid(format!(
                "that quote overlaps claim {id} (`claimtrack edit {id}` corrects its attribution)"
            )));
        }
        let position = make_room(&tx, claim.article_id, claim.start as i64)?;
        let now = now_rfc3339();
        let speaker_id = self.speaker_ids.id(&tx, claim.speaker.as_deref(), None);
        let id = insert_claim(&tx, claim, text, position, speaker_id?, reviewer, &now);
        let id = match id {
            Ok(id) => id,
            Err(err) => {
                self.speaker_ids.forget();
                return Err(err);
            }
        };
        insert_review(
            &*tx,
            &ReviewRow {
                new_value: Some(text),
                ..ReviewRow::event(id, ReviewEvent::Add, "unverified", reviewer, &now)
            },
        )?;
        // A claim added by hand is found by `--search` as soon as it is committed.
        super::search::index_pending(&tx)?;
        if let Err(err) = tx.commit() {
            self.speaker_ids.forget();
            return Err(err.into());
        }
        Ok(id)
    }
}

fn newest_version(conn: &Connection, article: i64) -> Result<Option<(i64, String)>> {
    Ok(conn
        .prepare_cached(
            "SELECT n.id, t.content FROM articles a
             JOIN articles n ON n.source = a.source
             JOIN article_texts t ON t.article_id = n.id
             WHERE a.id = ?1 ORDER BY n.version DESC LIMIT 1",
        )?
        .query_row([article], |r| Ok((r.get(0)?, r.get(1)?)))
        .optional()?)
}

/// The position a claim starting at `start` takes in text order; the claims from
/// there on move one down (through negative numbers, so that the primary key
/// never holds two rows at one position midway).
fn make_room(tx: &Connection, article: i64, start: i64) -> Result<i64> {
    let position: i64 = tx
        .prepare_cached(
            "SELECT count(*) + 1 FROM appearances WHERE article_id = ?1 AND start_offset < ?2",
        )?
        .query_row(params![article, start], |r| r.get(0))?;
    tx.prepare_cached(
        "UPDATE appearances SET position = -position - 1 WHERE article_id = ?1 AND position >= ?2",
    )?
    .execute(params![article, position])?;
    tx.prepare_cached(
        "UPDATE appearances SET position = -position WHERE article_id = ?1 AND position < 0",
    )?
    .execute([article])?;
    tx.prepare_cached(
        "UPDATE claims SET position = position + 1 WHERE article_id = ?1 AND position >= ?2",
    )?
    .execute(params![article, position])?;
    Ok(position)
}

fn insert_claim(
    tx: &Connection,
    claim: &NewClaim,
    text: &str,
    position: i64,
    speaker_id: Option<i64>,
    reviewer: &str,
    now: &str,
) -> Result<i64> {
    let (start, end) = (claim.start as i64, claim.end as i64);
    tx.prepare_cached(
        "INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
            speaker, speaker_id, outlet, cue, flag, status, created_at, updated_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'unverified', ?12, ?12, ?13)",
    )?
    .execute(params![
        claim.article_id,
        position,
        text,
        claim_text_hash(text),
        start,
        end,
        claim.speaker,
        speaker_id,
        claim.outlet,
        claim.cue,
        claim.flag,
        now,
        reviewer
    ])?;
    let id = tx.last_insert_rowid();
    tx.prepare_cached(
        "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset,
            speaker, outlet, cue, flag)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
    )?
    .execute(params![
        claim.article_id,
        position,
        id,
        start,
        end,
        claim.speaker,
        claim.outlet,
        claim.cue,
        claim.flag
    ])?;
    tx.prepare_cached(
        "UPDATE articles SET claim_count = claim_count + 1,
             flagged_count = flagged_count + (?2 IS NOT NULL) WHERE id = ?1",
    )?
    .execute(params![claim.article_id, claim.flag])?;
    // The reviewer's attribution is a correction like `edit`'s: kept should the
    // extractor find the claim in a later version.
    for (field, value) in [
        ("speaker", &claim.speaker),
        ("outlet", &claim.outlet),
        ("cue", &claim.cue),
        ("flag", &claim.flag),
    ] {
        if value.is_some() {
            tx.prepare_cached(
                "INSERT INTO claim_corrections (claim_id, field, value) VALUES (?1, ?2, ?3)",
            )?
            .execute(params![id, field, value])?;
        }
    }
    Ok(id)
}

/// Carries a reviewer-added claim into a new version of its article when its text
/// occurs there exactly once and no extracted claim overlaps it: the claim moves to
/// that version, at its place in text order, with an appearance of its own.
/// Returns whether it was carried.
pub(super) fn carry_forward(
    tx: &Connection,
    id: i64,
    text: &str,
    article_id: i64,
    content: &str,
    now: &str,
) -> Result<bool> {
    let mut found = content.match_indices(text);
    let (Some((start, _)), None) = (found.next(), found.next()) else {
        return Ok(false);
    };
    let (start, end) = (start as i64, (start + text.len()) as i64);
    let overlapped: bool = tx
        .prepare_cached(
            "SELECT EXISTS (SELECT 1 FROM appearances
                            WHERE article_id = ?1 AND start_offset < ?3 AND end_offset > ?2)",
        )?
        .query_row(params![article_id, start, end], |r| r.get(0))?;
    if overlapped {
        return Ok(false);
    }
    let position = make_room(tx, article_id, start)?;
    tx.prepare_cached(
        "UPDATE claims SET article_id = ?2, position = ?3, start_offset = ?4, end_offset = ?5,
             removed_in_version = NULL, updated_at = ?6 WHERE id = ?1",
    )?
    .execute(params![id, article_id, position, start, end, now])?;
    tx.prepare_cached(
        "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset,
            speaker, speaker_resolved, outlet, cue, flag, flag_evidence)
         SELECT ?2, ?3, id, ?4, ?5, speaker, speaker_resolved, outlet, cue, flag, flag_evidence
         FROM claims WHERE id = ?1",
    )?
    .execute(params![id, article_id, position, start, end])?;
    tx.prepare_cached(
        "UPDATE articles SET claim_count = claim_count + 1,
             flagged_count = flagged_count + (SELECT flag IS NOT NULL FROM claims WHERE id = ?2)
         WHERE id = ?1",
    )?
    .execute(params![article_id, id])?;
    Ok(true)
}
