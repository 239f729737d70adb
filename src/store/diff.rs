//! The versions of one source and what changed between two of them, read from
//! `appearances` (each version's own wording and flag of every claim in it).
//!
//! Claim identity is settled at ingest (`claim_match`); here a claim in both versions
//! is "kept" when its two wordings have the same normalised text ([`claim_key`], the
//! same key ingest links by) and "reworded" otherwise.

use super::Store;
use super::sql::Query;
use super::stored::status_at;
use crate::args;
use crate::claim_match::claim_key;
use crate::error::{Error, Result};
use crate::model::Status;
use crate::versions::{
    DiffClaim, DiffCounts, FlagChange, RewordedClaim, VersionDiff, VersionRef, VersionSummary,
};
use std::collections::HashMap;

/// A claim's appearance in one version.
struct Seen {
    claim_id: i64,
    position: i64,
    text: String,
    speaker: Option<String>,
    flag: Option<String>,
    flag_evidence: Option<String>,
    status: Status,
}

impl Seen {
    fn to_claim(&self) -> DiffClaim {
        DiffClaim {
            claim_id: self.claim_id,
            position: self.position,
            text: self.text.clone(),
            speaker: self.speaker.clone(),
            flag: self.flag.clone(),
            status: self.status.clone(),
        }
    }
}

/// An article version of the source, as the diff needs it.
struct VersionRow {
    article_id: i64,
    version: i64,
    title: Option<String>,
    sha256: String,
    ingested_at: String,
    claims: i64,
    flagged: i64,
}

impl Store {
    /// The source that `key` names: a source as stored, else an article id's source.
    pub fn resolve_source(&self, key: &str) -> Result<String> {
        let known: Option<String> = self.db().query_opt(
            "SELECT source FROM articles WHERE source = ?1 LIMIT 1",
            args![key],
            |r| r.get(0),
        )?;
        if let Some(source) = known {
            return Ok(source);
        }
        if let Ok(id) = key.trim().parse::<i64>() {
            return self
                .db()
                .query_opt(
                    "SELECT source FROM articles WHERE id = ?1",
                    args![id],
                    |r| r.get(0),
                )?
                .ok_or(Error::UnknownArticle(id));
        }
        Err(Error::UnknownSource(key.to_string()))
    }

    /// Every version of `source`, oldest first, with its changes against the one before.
    pub fn versions(&self, source: &str) -> Result<Vec<VersionSummary>> {
        let rows = self.version_rows(source)?;
        if rows.is_empty() {
            return Err(Error::UnknownSource(source.to_string()));
        }
        let mut out = Vec::with_capacity(rows.len());
        let mut previous: Option<Vec<Seen>> = None;
        for row in rows {
            let seen = self.appearances_in(row.article_id)?;
            let counts = match &previous {
                Some(before) => compare(before, &seen).counts,
                None => DiffCounts {
                    new: seen.len(),
                    ..DiffCounts::default()
                },
            };
            out.push(VersionSummary {
                article_id: row.article_id,
                version: row.version,
                title: row.title,
                sha256: row.sha256,
                ingested_at: row.ingested_at,
                claims: row.claims,
                flagged: row.flagged,
                new: counts.new as i64,
                kept: counts.kept as i64,
                reworded: counts.reworded as i64,
                removed: counts.removed as i64,
            });
            previous = Some(seen);
        }
        Ok(out)
    }

    /// What changed from version `from` to version `to` of `source`. Without them:
    /// the last two versions; with only `from`: from it to the last; with only `to`:
    /// from the version before it.
    pub fn diff(&self, source: &str, from: Option<i64>, to: Option<i64>) -> Result<VersionDiff> {
        let rows = self.version_rows(source)?;
        let Some(last) = rows.last().map(|r| r.version) else {
            return Err(Error::UnknownSource(source.to_string()));
        };
        let (from, to) = match (from, to) {
            (Some(f), Some(t)) => (f, t),
            (Some(f), None) => (f, last),
            (None, Some(t)) => (t - 1, t),
            (None, None) => (last - 1, last),
        };
        if from < 1 {
            return Err(Error::Invalid(if rows.len() == 1 {
                format!("{source} has only one version so far; nothing to compare it with")
            } else {
                format!(
                    "{source}: version {to} is the first; give --from to compare it with a later one"
                )
            }));
        }
        let find = |v: i64| {
            rows.iter().find(|r| r.version == v).ok_or_else(|| {
                Error::Invalid(format!(
                    "{source} has no version {v} (it has versions 1 to {last})"
                ))
            })
        };
        let (old, new) = (find(from)?, find(to)?);
        let before = self.appearances_in(old.article_id)?;
        let after = self.appearances_in(new.article_id)?;
        let mut diff = compare(&before, &after);
        diff.source = source.to_string();
        diff.from = version_ref(old);
        diff.to = version_ref(new);
        Ok(diff)
    }

    fn version_rows(&self, source: &str) -> Result<Vec<VersionRow>> {
        // Dismissed claims are in no count (as in `articles`).
        self.db().query(
            "SELECT a.id, a.version, a.title, a.sha256, a.ingested_at,
                    a.claim_count - (SELECT count(*) FROM appearances p JOIN claims c
                                     ON c.id = p.claim_id
                                     WHERE p.article_id = a.id AND c.dismissed IS NOT NULL),
                    a.flagged_count - (SELECT count(p.flag) FROM appearances p JOIN claims c
                                       ON c.id = p.claim_id
                                       WHERE p.article_id = a.id AND c.dismissed IS NOT NULL)
             FROM articles a WHERE a.source = ?1 ORDER BY a.version",
            args![source],
            |r| {
                Ok(VersionRow {
                    article_id: r.get(0)?,
                    version: r.get(1)?,
                    title: r.get(2)?,
                    sha256: r.get(3)?,
                    ingested_at: r.get(4)?,
                    claims: r.get(5)?,
                    flagged: r.get(6)?,
                })
            },
        )
    }

    fn appearances_in(&self, article_id: i64) -> Result<Vec<Seen>> {
        // An appearance's wording is its article's content between its offsets: read
        // the content once and cut each claim out of it.
        let content: String = self
            .db()
            .query_opt(
                "SELECT content FROM article_texts WHERE article_id = ?1",
                args![article_id],
                |r| r.get(0),
            )?
            .ok_or(Error::UnknownArticle(article_id))?;
        self.db().query(
            "SELECT p.claim_id, p.position, p.start_offset, p.end_offset, p.speaker, p.flag,
                    p.flag_evidence, c.status
             FROM appearances p JOIN claims c ON c.id = p.claim_id
             WHERE p.article_id = ?1 AND c.dismissed IS NULL ORDER BY p.position",
            args![article_id],
            |r| {
                let (start, end): (i64, i64) = (r.get(2)?, r.get(3)?);
                let text = usize::try_from(start)
                    .ok()
                    .zip(usize::try_from(end).ok())
                    .and_then(|(start, end)| content.get(start..end))
                    .ok_or_else(|| {
                        Error::Invalid(format!(
                            "appearance offsets {start}..{end} are outside article {article_id}"
                        ))
                    })?;
                Ok(Seen {
                    claim_id: r.get(0)?,
                    position: r.get(1)?,
                    text: text.to_string(),
                    speaker: r.get(4)?,
                    flag: r.get(5)?,
                    flag_evidence: r.get(6)?,
                    status: status_at(&r, 7)?,
                })
            },
        )
    }
}

fn version_ref(row: &VersionRow) -> VersionRef {
    VersionRef {
        article_id: row.article_id,
        version: row.version,
        ingested_at: row.ingested_at.clone(),
    }
}

/// Sorts the claims of two versions into new, kept, reworded and removed, and
/// finds the flags that came or went on claims of both. Source and sides are left
/// for the caller to fill.
fn compare(before: &[Seen], after: &[Seen]) -> VersionDiff {
    let old_by_id: HashMap<i64, &Seen> = before.iter().map(|s| (s.claim_id, s)).collect();
    let new_ids: std::collections::HashSet<i64> = after.iter().map(|s| s.claim_id).collect();
    let blank = VersionRef {
        article_id: 0,
        version: 0,
        ingested_at: String::new(),
    };
    let mut diff = VersionDiff {
        source: String::new(),
        from: blank.clone(),
        to: blank,
        counts: DiffCounts::default(),
        new: Vec::new(),
        reworded: Vec::new(),
        removed: Vec::new(),
        flags_appeared: Vec::new(),
        flags_vanished: Vec::new(),
    };
    for now in after {
        let Some(was) = old_by_id.get(&now.claim_id) else {
            diff.new.push(now.to_claim());
            continue;
        };
        if claim_key(&was.text) == claim_key(&now.text) {
            diff.counts.kept += 1;
        } else {
            diff.reworded.push(RewordedClaim {
                claim_id: now.claim_id,
                status: now.status.clone(),
                old_position: was.position,
                new_position: now.position,
                old_text: was.text.clone(),
                new_text: now.text.clone(),
                speaker: now.speaker.clone(),
            });
        }
        let change = |flag: &str, evidence: Option<&String>| FlagChange {
            claim_id: now.claim_id,
            status: now.status.clone(),
            position: now.position,
            text: now.text.clone(),
            flag: flag.to_string(),
            flag_evidence: evidence.cloned(),
            speaker: now.speaker.clone(),
        };
        match (&was.flag, &now.flag) {
            (None, Some(flag)) => diff
                .flags_appeared
                .push(change(flag, now.flag_evidence.as_ref())),
            (Some(flag), None) => diff
                .flags_vanished
                .push(change(flag, was.flag_evidence.as_ref())),
            _ => {}
        }
    }
    diff.removed = before
        .iter()
        .filter(|s| !new_ids.contains(&s.claim_id))
        .map(Seen::to_claim)
        .collect();
    diff.counts.new = diff.new.len();
    diff.counts.reworded = diff.reworded.len();
    diff.counts.removed = diff.removed.len();
    diff.counts.flags_appeared = diff.flags_appeared.len();
    diff.counts.flags_vanished = diff.flags_vanished.len();
    diff
}
