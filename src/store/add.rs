//! A claim the extractor missed, added by a reviewer: stored like an extracted
//! one (offsets, a position in text order, an appearance, counts), with
//! `created_by` naming the reviewer.

use super::history::{ReviewRow, insert_review};
use super::sql::{Connection, Query};
use super::{Store, now_rfc3339};
use crate::args;
use crate::claim_match::claim_text_hash;
use crate::error::{Error, Result};
use crate::model::ReviewEvent;

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
        newest_version(self.db(), article)?.ok_or(Error::UnknownArticle(article))
    }

    /// Adds the claim; returns its id. Refused when the article has a newer version
    /// than the one the offsets point into, or a claim overlaps them.
    pub fn add_claim(&mut self, claim: &NewClaim, reviewer: &str) -> Result<i64> {
        self.require_writable("add")?;
        let tx = self.db.conn().write()?;
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
        let existing: Option<i64> = tx.query_opt(
            "SELECT claim_id FROM appearances
                 WHERE article_id = ?1 AND start_offset < ?3 AND end_offset > ?2 LIMIT 1",
            args![claim.article_id, claim.start as i64, claim.end as i64],
            |r| r.get(0),
        )?;
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
            &tx,
            &ReviewRow {
                new_value: Some(text),
                ..ReviewRow::event(id, ReviewEvent::Add, "unverified", reviewer, &now)
            },
        )?;
        // A claim added by hand is found by `--search` as soon as it is committed.
        super::search::index_pending(&tx)?;
        if let Err(err) = tx.commit() {
            self.speaker_ids.forget();
            return Err(err);
        }
        Ok(id)
    }
}

fn newest_version(conn: &dyn Connection, article: i64) -> Result<Option<(i64, String)>> {
    conn.query_opt(
        "SELECT n.id, t.content FROM articles a
             JOIN articles n ON n.source = a.source
             JOIN article_texts t ON t.article_id = n.id
             WHERE a.id = ?1 ORDER BY n.version DESC LIMIT 1",
        args![article],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

/// The position a claim starting at `start` takes in text order; the claims from
/// there on move one down (through negative numbers, so that the primary key
/// never holds two rows at one position midway).
fn make_room(tx: &dyn Connection, article: i64, start: i64) -> Result<i64> {
    let position: i64 = tx.query_value(
        "SELECT count(*) + 1 FROM appearances WHERE article_id = ?1 AND start_offset < ?2",
        args![article, start],
    )?;
    tx.execute(
        "UPDATE appearances SET position = -position - 1 WHERE article_id = ?1 AND position >= ?2",
        args![article, position],
    )?;
    tx.execute(
        "UPDATE appearances SET position = -position WHERE article_id = ?1 AND position < 0",
        args![article],
    )?;
    tx.execute(
        "UPDATE claims SET position = position + 1 WHERE article_id = ?1 AND position >= ?2",
        args![article, position],
    )?;
    Ok(position)
}

fn insert_claim(
    tx: &dyn Connection,
    claim: &NewClaim,
    text: &str,
    position: i64,
    speaker_id: Option<i64>,
    reviewer: &str,
    now: &str,
) -> Result<i64> {
    let (start, end) = (claim.start as i64, claim.end as i64);
    let id = tx.insert_id(
        "INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
            speaker, speaker_id, outlet, cue, flag, status, created_at, updated_at, created_by)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, 'unverified', ?12, ?12, ?13)",
        args![
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
        ],
    )?;
    tx.execute(
        "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset,
            speaker, outlet, cue, flag)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
        args![
            claim.article_id,
            position,
            id,
            start,
            end,
            claim.speaker,
            claim.outlet,
            claim.cue,
            claim.flag
        ],
    )?;
    tx.execute(
        "UPDATE articles SET claim_count = claim_count + 1,
             flagged_count = flagged_count + CASE WHEN CAST(?2 AS TEXT) IS NULL THEN 0 ELSE 1 END WHERE id = ?1",
        args![claim.article_id, claim.flag],
    )?;
    // The reviewer's attribution is a correction like `edit`'s: kept should the
    // extractor find the claim in a later version.
    for (field, value) in [
        ("speaker", &claim.speaker),
        ("outlet", &claim.outlet),
        ("cue", &claim.cue),
        ("flag", &claim.flag),
    ] {
        if value.is_some() {
            tx.execute(
                "INSERT INTO claim_corrections (claim_id, field, value) VALUES (?1, ?2, ?3)",
                args![id, field, value],
            )?;
        }
    }
    Ok(id)
}

/// Carries a reviewer-added claim into a new version of its article when its text
/// occurs there exactly once and no extracted claim overlaps it: the claim moves to
/// that version, at its place in text order, with an appearance of its own.
/// Returns whether it was carried.
pub(super) fn carry_forward(
    tx: &dyn Connection,
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
    let overlapped: bool = tx.query_value(
        "SELECT EXISTS (SELECT 1 FROM appearances
                            WHERE article_id = ?1 AND start_offset < ?3 AND end_offset > ?2)",
        args![article_id, start, end],
    )?;
    if overlapped {
        return Ok(false);
    }
    let position = make_room(tx, article_id, start)?;
    tx.execute(
        "UPDATE claims SET article_id = ?2, position = ?3, start_offset = ?4, end_offset = ?5,
             removed_in_version = NULL, updated_at = ?6 WHERE id = ?1",
        args![id, article_id, position, start, end, now],
    )?;
    tx.execute(
        "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset,
            speaker, speaker_resolved, outlet, cue, flag, flag_evidence)
         SELECT ?2, ?3, id, ?4, ?5, speaker, speaker_resolved, outlet, cue, flag, flag_evidence
         FROM claims WHERE id = ?1",
        args![id, article_id, position, start, end],
    )?;
    tx.execute(
        "UPDATE articles SET claim_count = claim_count + 1,
             flagged_count = flagged_count
                 + (SELECT CASE WHEN flag IS NULL THEN 0 ELSE 1 END FROM claims WHERE id = ?2)
         WHERE id = ?1",
        args![article_id, id],
    )?;
    Ok(true)
}
