//! Read-side queries: the one query layer behind `list`, `show`, `history`,
//! `articles` and every export format.

use super::Store;
use super::sql::{Dialect, Query, Row, Value, params_of};
use super::stored::status_at;
use crate::args;
use crate::error::{Error, Result};
use crate::model::{ArticleSummary, ClaimRecord, PublishedVerdict, Review, ReviewEvent, Status};

/// Which claims a listing or export shows. Empty fields filter nothing.
#[derive(Debug, Clone, Default)]
pub struct ClaimFilter {
    /// Any of these statuses.
    pub statuses: Vec<Status>,
    /// Only claims with a verification flag.
    pub flagged: bool,
    /// Substring of the speaker (as written or resolved), case, diacritics and
    /// quote marks folded for all of Unicode.
    pub speaker: Option<String>,
    /// Only claims that appear in this article version.
    pub article: Option<i64>,
    /// Words and phrases of the claim text, speaker, outlet or latest note (see
    /// [`super::search_expression`]).
    pub search: Option<String>,
    /// Only claims created or changed at or after this RFC 3339 time.
    pub since: Option<String>,
    pub order: ClaimOrder,
    pub limit: Option<u64>,
    /// Any status but these.
    pub not_statuses: Vec<Status>,
    /// Whose claims (`None`: anyone's).
    pub assignee: Option<Assignee>,
    /// Only claims with this tag, on the claim or on its article.
    pub tag: Option<String>,
    /// Only claims this reviewer has a history row on.
    pub reviewer: Option<String>,
    /// Substring of the relaying outlet, case-insensitive.
    pub outlet: Option<String>,
    /// Dismissed claims only; without it they are left out.
    pub dismissed: bool,
    /// Only claims needing a re-check (reworded after a verdict).
    pub recheck: bool,
    /// `Some(true)`: only claims a newer version of their article no longer has;
    /// `Some(false)`: only the others.
    pub removed: Option<bool>,
    /// Only claims with a published verdict.
    pub published: bool,
}

/// Whose claims a listing shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Assignee {
    /// Claims given to this person.
    To(String),
    /// Claims given to nobody.
    Nobody,
    /// Claims given to this person or to nobody: what they may pick up (the
    /// review queue's default).
    ToOrNobody(String),
}

/// The order of a listing.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub enum ClaimOrder {
    /// Register order: the oldest claim first.
    #[default]
    Oldest,
    Newest,
    /// Claims the text flags first, each part oldest first (the review queue's order).
    Flagged,
    /// The most recently changed first.
    Updated,
}

impl ClaimOrder {
    fn sql(self) -> &'static str {
        match self {
            ClaimOrder::Oldest => " ORDER BY c.id",
            ClaimOrder::Newest => " ORDER BY c.id DESC",
            ClaimOrder::Flagged => " ORDER BY c.flag IS NULL, c.id",
            ClaimOrder::Updated => " ORDER BY c.updated_at DESC, c.id DESC",
        }
    }
}

/// Which review events `history` shows.
#[derive(Debug, Clone, Default)]
pub struct HistoryFilter {
    /// Only this claim's events.
    pub claim: Option<i64>,
    /// Only events of claims this filter lets through (its `since` and `limit` unused).
    pub claims: ClaimFilter,
    /// Only this reviewer's events (case and accents folded).
    pub reviewer: Option<String>,
    /// Only events at or after this RFC 3339 time.
    pub since: Option<String>,
    pub limit: Option<u64>,
}

/// A claim with everything `show` prints.
#[derive(Debug, Clone)]
pub struct ClaimDetail {
    pub claim: ClaimRecord,
    /// The article version's whole text, into which `claim.start..claim.end` points.
    pub content: String,
    pub history: Vec<Review>,
    /// Every article version the claim stands in: (article id, source, version, position).
    pub appearances: Vec<(i64, String, i64, i64)>,
    /// Claims with the same text in other sources: (claim id, source, status).
    pub linked: Vec<(i64, String, Status)>,
    /// Its tags and its article's.
    pub tags: Vec<String>,
}

const CLAIM_COLUMNS: &str = "c.id, c.article_id, a.source, a.title, a.version, c.position, c.text,
    c.speaker, c.speaker_resolved, c.outlet, c.cue, c.flag, c.flag_evidence, c.start_offset,
    c.end_offset, c.status, c.removed_in_version, c.latest_note, c.created_at, c.updated_at,
    c.assignee, c.dismissed, c.recheck_version, c.created_by,
    pv.new_status, pv.note, pv.new_value, pv.reviewer, pv.created_at, c.post_title, c.post_time";

/// The tables [`CLAIM_COLUMNS`] reads: the claim, its article version, and the
/// history row of its published verdict, if any.
const CLAIM_TABLES: &str = "claims c JOIN articles a ON a.id = c.article_id
    LEFT JOIN reviews pv ON pv.id = c.published_review";

/// The filter's conditions on claims aliased `c`, each starting with " AND ", with
/// their arguments pushed in order onto `args` (which may already hold earlier ones).
fn filter_conditions(
    dialect: Dialect,
    filter: &ClaimFilter,
    args: &mut Vec<Value>,
) -> Result<String> {
    // A speaker substring is matched against the few distinct speakers once;
    // their claims' ids come from the speaker_id index, and SQLite keeps them in
    // a sorted set, so the rows are then read in id order with no sort (reading
    // them in index order and sorting took twice as long on a million claims).
    let mut sql = String::new();
    if !filter.statuses.is_empty() {
        let marks = vec!["?"; filter.statuses.len()].join(", ");
        sql.push_str(&format!(" AND c.status IN ({marks})"));
        args.extend(filter.statuses.iter().map(|s| Value::from(s.as_str())));
    }
    if filter.flagged {
        sql.push_str(" AND c.flag IS NOT NULL");
    }
    if let Some(speaker) = &filter.speaker {
        sql.push_str(
            " AND c.id IN (SELECT x.id FROM claims x WHERE x.speaker_id IN (SELECT s.id FROM speakers s
                WHERE instr(claimtrack_fold(s.speaker), ?) > 0
                   OR instr(claimtrack_fold(s.speaker_resolved), ?) > 0))",
        );
        args.push(Value::from(crate::fold::fold(speaker)));
        args.push(Value::from(crate::fold::fold(speaker)));
    }
    if let Some(article) = filter.article {
        sql.push_str(" AND c.id IN (SELECT p.claim_id FROM appearances p WHERE p.article_id = ?)");
        args.push(Value::from(article));
    }
    if let Some(search) = &filter.search {
        let search = super::search_expression(search).map_err(Error::Invalid)?;
        match dialect {
            Dialect::Sqlite => {
                sql.push_str(
                    " AND c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH ?)",
                );
                args.push(Value::from(search.fts));
            }
            // No FTS5: each word is looked for in the claim's words (a scan).
            Dialect::Postgres => {
                for word in search.words {
                    sql.push_str(
                        " AND instr(claimtrack_words(concat_ws(' ', c.text, c.speaker,
                            c.speaker_resolved, c.outlet, c.latest_note)), ?) > 0",
                    );
                    args.push(Value::from(word));
                }
            }
        }
        // The index knows which claims hold the words; a phrase's order is
        // checked on each column of those claims.
        for phrase in search.phrases {
            sql.push_str(
                " AND (instr(claimtrack_words(c.text), ?1) > 0
                   OR instr(claimtrack_words(c.speaker), ?1) > 0
                   OR instr(claimtrack_words(c.speaker_resolved), ?1) > 0
                   OR instr(claimtrack_words(c.outlet), ?1) > 0
                   OR instr(claimtrack_words(c.latest_note), ?1) > 0)"
                    .replace("?1", &format!("?{}", args.len() + 1))
                    .as_str(),
            );
            args.push(Value::from(phrase));
        }
    }
    if let Some(since) = &filter.since {
        sql.push_str(" AND c.updated_at >= ?");
        args.push(Value::from(since.clone()));
    }
    push_desk_filters(filter, &mut sql, args);
    Ok(sql)
}

impl Store {
    /// Calls `each` with every claim the filter lets through, in register order,
    /// one row at a time so that exports of any size run in flat memory.
    pub fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        mut each: impl FnMut(ClaimRecord) -> Result<()>,
    ) -> Result<()> {
        for status in filter.statuses.iter().chain(&filter.not_statuses) {
            super::statuses::require_known(self.db(), status.as_str())?;
        }
        let mut sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIM_TABLES} WHERE 1 = 1");
        let mut args: Vec<Value> = Vec::new();
        sql.push_str(&filter_conditions(self.db().dialect(), filter, &mut args)?);
        sql.push_str(filter.order.sql());
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Value::from(i64::try_from(limit).unwrap_or(i64::MAX)));
        }
        self.db().for_each_row(&sql, &params_of(&args), &mut |row| {
            each(claim_from_row(row)?)
        })
    }

    /// All claims the filter lets through (for small listings; exports stream instead).
    pub fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>> {
        let mut out = Vec::new();
        self.for_each_claim(filter, |c| {
            out.push(c);
            Ok(())
        })?;
        Ok(out)
    }

    /// One claim by id, or `None`.
    pub fn claim(&self, id: i64) -> Result<Option<ClaimRecord>> {
        let sql = format!("SELECT {CLAIM_COLUMNS} FROM {CLAIM_TABLES} WHERE c.id = ?1");
        self.db().query_opt(&sql, args![id], claim_from_row)
    }

    /// A claim with its article text, history, appearances and linked claims.
    pub fn claim_detail(&self, id: i64) -> Result<ClaimDetail> {
        let claim = self.claim(id)?.ok_or(Error::UnknownClaim(id))?;
        let content: String = self.db().query_value(
            "SELECT content FROM article_texts WHERE article_id = ?1",
            args![claim.article_id],
        )?;
        let history = self.history(Some(id), None)?;
        let appearances = self.db().query(
            "SELECT a.id, a.source, a.version, p.position FROM appearances p
             JOIN articles a ON a.id = p.article_id WHERE p.claim_id = ?1 ORDER BY a.id",
            args![id],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?, r.get(3)?)),
        )?;
        let mut linked = Vec::new();
        for other in self.linked_claims(id)? {
            if let Some(c) = self.claim(other)? {
                linked.push((c.id, c.source, c.status));
            }
        }
        Ok(ClaimDetail {
            tags: self.claim_tags(id)?,
            claim,
            content,
            history,
            appearances,
            linked,
        })
    }

    /// Review events, newest first: of one claim, or of all claims.
    pub fn history(&self, claim: Option<i64>, limit: Option<u64>) -> Result<Vec<Review>> {
        self.history_of(&HistoryFilter {
            claim,
            limit,
            ..HistoryFilter::default()
        })
    }

    /// Review events, newest first, of the claims `filter.claims` lets through (its
    /// `since` is left out: `filter.since` dates the events), by one reviewer.
    pub fn history_of(&self, filter: &HistoryFilter) -> Result<Vec<Review>> {
        if let Some(id) = filter.claim
            && self.claim(id)?.is_none()
        {
            return Err(Error::UnknownClaim(id));
        }
        let mut sql = String::from(
            "SELECT r.id, r.claim_id, r.event, r.old_status, r.new_status, r.reviewer, r.note, r.created_at,
                    r.field, r.old_value, r.new_value
             FROM reviews r WHERE 1 = 1",
        );
        let mut args: Vec<Value> = Vec::new();
        if let Some(id) = filter.claim {
            sql.push_str(" AND r.claim_id = ?");
            args.push(Value::from(id));
        }
        if let Some(reviewer) = &filter.reviewer {
            sql.push_str(" AND claimtrack_fold(r.reviewer) = ?");
            args.push(Value::from(crate::fold::fold(reviewer.trim())));
        }
        if let Some(since) = &filter.since {
            sql.push_str(" AND r.created_at >= ?");
            args.push(Value::from(since.clone()));
        }
        let claims = ClaimFilter {
            since: None,
            limit: None,
            ..filter.claims.clone()
        };
        // One claim's history is all of it; otherwise the claims the filter lets
        // through (dismissed ones only when asked for, as in every listing).
        let conditions = match filter.claim {
            Some(_) => String::new(),
            None => filter_conditions(self.db().dialect(), &claims, &mut args)?,
        };
        if !conditions.is_empty() {
            sql.push_str(&format!(
                " AND r.claim_id IN (SELECT c.id FROM claims c WHERE 1 = 1{conditions})"
            ));
        }
        sql.push_str(" ORDER BY r.id DESC");
        if let Some(limit) = filter.limit {
            sql.push_str(" LIMIT ?");
            args.push(Value::from(i64::try_from(limit).unwrap_or(i64::MAX)));
        }
        self.db().query(&sql, &params_of(&args), review_from_row)
    }

    /// Every article version with its claim counts by status (dismissed claims left out).
    pub fn articles(&self) -> Result<Vec<ArticleSummary>> {
        let statuses = self.status_names()?;
        let mut articles: Vec<ArticleSummary> = self.db().query(
            "SELECT id, source, version, title, sha256, ingested_at, claim_count, flagged_count
             FROM articles ORDER BY source, version",
            args![],
            |r| {
                Ok(ArticleSummary {
                    id: r.get(0)?,
                    source: r.get(1)?,
                    version: r.get(2)?,
                    title: r.get(3)?,
                    sha256: r.get(4)?,
                    ingested_at: r.get(5)?,
                    claims: r.get(6)?,
                    flagged: r.get(7)?,
                    by_status: statuses.iter().map(|s| (s.clone(), 0)).collect(),
                })
            },
        )?;
        let index: std::collections::HashMap<i64, usize> = articles
            .iter()
            .enumerate()
            .map(|(i, a)| (a.id, i))
            .collect();
        let counts: Vec<(i64, Status, i64)> = self.db().query(
            "SELECT p.article_id, c.status, count(*) FROM appearances p
             JOIN claims c ON c.id = p.claim_id WHERE c.dismissed IS NULL
             GROUP BY p.article_id, c.status",
            args![],
            |r| Ok((r.get(0)?, status_at(&r, 1)?, r.get(2)?)),
        )?;
        for (article_id, status, count) in counts {
            if let Some(&i) = index.get(&article_id)
                && let Some(slot) = articles[i].by_status.iter_mut().find(|(s, _)| *s == status)
            {
                slot.1 = count;
            }
        }
        // Dismissed claims are in no count: take them out of the stored totals.
        let dismissed: Vec<(i64, i64, i64)> = self.db().query(
            "SELECT p.article_id, count(*), count(p.flag) FROM appearances p
             JOIN claims c ON c.id = p.claim_id WHERE c.dismissed IS NOT NULL
             GROUP BY p.article_id",
            args![],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        for (article_id, claims, flagged) in dismissed {
            if let Some(&i) = index.get(&article_id) {
                articles[i].claims -= claims;
                articles[i].flagged -= flagged;
            }
        }
        Ok(articles)
    }
}

/// The desk's filters (issue 13): dismissed claims, assignee, tag, reviewer,
/// outlet, excluded statuses, re-check.
fn push_desk_filters(filter: &ClaimFilter, sql: &mut String, args: &mut Vec<Value>) {
    sql.push_str(if filter.dismissed {
        " AND c.dismissed IS NOT NULL"
    } else {
        " AND c.dismissed IS NULL"
    });
    for status in &filter.not_statuses {
        sql.push_str(" AND c.status <> ?");
        args.push(Value::from(status.as_str()));
    }
    match &filter.assignee {
        Some(Assignee::To(name)) => {
            sql.push_str(" AND c.assignee = ?");
            args.push(Value::from(name.clone()));
        }
        Some(Assignee::Nobody) => sql.push_str(" AND c.assignee IS NULL"),
        Some(Assignee::ToOrNobody(name)) => {
            sql.push_str(" AND (c.assignee IS NULL OR c.assignee = ?)");
            args.push(Value::from(name.clone()));
        }
        None => {}
    }
    if let Some(tag) = &filter.tag {
        sql.push_str(
            " AND (c.id IN (SELECT ct.claim_id FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id
                            WHERE t.name = ?)
                   OR c.article_id IN (SELECT ta.id FROM articles ta
                                       JOIN source_tags st ON st.source = ta.source
                                       JOIN tags t ON t.id = st.tag_id WHERE t.name = ?))",
        );
        args.push(Value::from(tag.clone()));
        args.push(Value::from(tag.clone()));
    }
    if let Some(reviewer) = &filter.reviewer {
        sql.push_str(" AND c.id IN (SELECT r.claim_id FROM reviews r WHERE r.reviewer = ?)");
        args.push(Value::from(reviewer.clone()));
    }
    if let Some(outlet) = &filter.outlet {
        sql.push_str(" AND instr(claimtrack_fold(c.outlet), ?) > 0");
        args.push(Value::from(crate::fold::fold(outlet)));
    }
    if filter.published {
        sql.push_str(" AND c.published_review IS NOT NULL");
    }
    if filter.recheck {
        sql.push_str(" AND c.recheck_version IS NOT NULL");
    }
    match filter.removed {
        Some(true) => sql.push_str(" AND c.removed_in_version IS NOT NULL"),
        Some(false) => sql.push_str(" AND c.removed_in_version IS NULL"),
        None => {}
    }
}

fn review_from_row(r: Row) -> Result<Review> {
    let event: String = r.get(2)?;
    Ok(Review {
        id: r.get(0)?,
        claim_id: r.get(1)?,
        event: ReviewEvent::parse(&event)
            .ok_or_else(|| Error::Invalid(format!("unknown stored history event '{event}'")))?,
        old_status: status_at(&r, 3)?,
        new_status: status_at(&r, 4)?,
        reviewer: r.get(5)?,
        note: r.get(6)?,
        created_at: r.get(7)?,
        field: r.get(8)?,
        old_value: r.get(9)?,
        new_value: r.get(10)?,
    })
}

fn claim_from_row(r: Row) -> Result<ClaimRecord> {
    Ok(ClaimRecord {
        id: r.get(0)?,
        article_id: r.get(1)?,
        source: r.get(2)?,
        title: r.get(3)?,
        version: r.get(4)?,
        position: r.get(5)?,
        text: r.get(6)?,
        speaker: r.get(7)?,
        speaker_resolved: r.get(8)?,
        outlet: r.get(9)?,
        cue: r.get(10)?,
        flag: r.get(11)?,
        flag_evidence: r.get(12)?,
        start: r.get(13)?,
        end: r.get(14)?,
        status: status_at(&r, 15)?,
        removed_in_version: r.get(16)?,
        latest_note: r.get(17)?,
        created_at: r.get(18)?,
        updated_at: r.get(19)?,
        assignee: r.get(20)?,
        dismissed: r.get(21)?,
        recheck_version: r.get(22)?,
        created_by: r.get(23)?,
        published: match r.get::<Option<String>>(24)? {
            None => None,
            Some(_) => Some(PublishedVerdict {
                status: status_at(&r, 24)?,
                explanation: r.get::<Option<String>>(25)?.unwrap_or_default(),
                summary: r.get(26)?,
                reviewer: r.get(27)?,
                published_at: r.get(28)?,
            }),
        },
        post_title: r.get(29)?,
        post_time: r.get(30)?,
    })
}
