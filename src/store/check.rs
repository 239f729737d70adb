//! `check`: SQLite's own integrity check plus claimtrack's invariants, as queries.
//!
//! Each invariant is one query that returns the rows breaking it (an id and a
//! description), so a healthy register returns nothing and a broken one says
//! exactly where. Nothing here writes.

use super::Store;
use super::sql::{Dialect, Query};
use crate::args;
use crate::claim_match::claim_text_hash;
use crate::error::Result;

/// Problems shown per invariant; the rest are counted, not listed.
pub const SHOWN_PER_INVARIANT: usize = 20;

/// One invariant that failed, with the first offending rows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Violation {
    /// What should hold, in words.
    pub invariant: &'static str,
    /// How many rows break it.
    pub count: usize,
    /// The first `SHOWN_PER_INVARIANT` of them, described.
    pub examples: Vec<String>,
}

/// What `check` found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CheckReport {
    pub articles: i64,
    pub claims: i64,
    pub reviews: i64,
    pub violations: Vec<Violation>,
}

impl CheckReport {
    /// Offending rows over all invariants.
    pub fn problem_count(&self) -> usize {
        self.violations.iter().map(|v| v.count).sum()
    }
}

/// (invariant, query returning one text column describing each offending row).
const INVARIANTS: &[(&str, &str)] = &[
    (
        "a published claim's status is its published verdict's (under the verdict's newest name), \
         and the verdict is its own publish event",
        "SELECT 'claim ' || c.id || ': status ' || c.status || ', published verdict (history row '
                || c.published_review || ') ' || coalesce(r.event || ' ' || r.new_status || ' of claim ' || r.claim_id, 'missing')
         FROM claims c LEFT JOIN reviews r ON r.id = c.published_review
         WHERE c.published_review IS NOT NULL
           AND (r.id IS NULL OR r.event <> 'publish' OR r.claim_id <> c.id
                OR c.status <> coalesce((SELECT q.new_status FROM reviews q
                                         WHERE q.claim_id = c.id AND q.id > r.id
                                           AND q.event = 'status-renamed'
                                         ORDER BY q.id DESC LIMIT 1), r.new_status)
                OR EXISTS (SELECT 1 FROM reviews q WHERE q.claim_id = c.id AND q.id > r.id
                           AND q.event = 'status'))",
    ),
    (
        "a claim is published, and dismissed, exactly when its newest publish/reopen and dismiss/undismiss events say so",
        "SELECT 'claim ' || c.id || ': published_review ' || coalesce(CAST(c.published_review AS TEXT), 'NULL')
                || ' but its newest publish or reopen event is ' || coalesce(p.event || ' ' || p.id, 'none')
         FROM claims c
         LEFT JOIN reviews p ON p.id = (SELECT max(r.id) FROM reviews r WHERE r.claim_id = c.id
                                        AND r.event IN ('publish', 'reopen'))
         WHERE c.published_review IS DISTINCT FROM (CASE WHEN p.event = 'publish' THEN p.id END)
         UNION ALL
         SELECT 'claim ' || c.id || ': dismissed ' || coalesce('''' || c.dismissed || '''', 'NULL')
                || ' but its newest dismiss or undismiss event is ' || coalesce(d.event || ' ' || d.id, 'none')
         FROM claims c
         LEFT JOIN reviews d ON d.id = (SELECT max(r.id) FROM reviews r WHERE r.claim_id = c.id
                                        AND r.event IN ('dismiss', 'undismiss'))
         WHERE c.dismissed IS DISTINCT FROM (CASE WHEN d.event = 'dismiss' THEN d.note END)",
    ),
    (
        "a claim's assignee is the new value of its newest assign event (none without one)",
        "SELECT 'claim ' || c.id || ': assignee ' || coalesce('''' || c.assignee || '''', 'NULL')
                || ', newest assign event says ' || coalesce('''' || h.new_value || '''', 'nobody')
         FROM claims c
         LEFT JOIN reviews h ON h.id = (SELECT max(r.id) FROM reviews r WHERE r.claim_id = c.id
                                        AND r.event = 'assign')
         WHERE c.assignee IS DISTINCT FROM h.new_value",
    ),
    (
        "statuses, tags and corrections point at rows that exist",
        "SELECT 'claim ' || c.id || ': status ' || c.status || ' is not one of the register''s'
         FROM claims c WHERE NOT EXISTS (SELECT 1 FROM statuses s WHERE s.name = c.status)
         UNION ALL
         SELECT 'claim tag (' || t.claim_id || ', ' || t.tag_id || '): claim or tag does not exist'
         FROM claim_tags t WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = t.claim_id)
                              OR NOT EXISTS (SELECT 1 FROM tags g WHERE g.id = t.tag_id)
         UNION ALL
         SELECT 'article tag (' || t.source || ', ' || t.tag_id || '): source or tag does not exist'
         FROM source_tags t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.source = t.source)
                               OR NOT EXISTS (SELECT 1 FROM tags g WHERE g.id = t.tag_id)
         UNION ALL
         SELECT 'correction (' || k.claim_id || ', ' || k.field || '): claim does not exist'
         FROM claim_corrections k WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = k.claim_id)",
    ),
    (
        "a claim's status is the new_status of its newest history row ('unverified' if it has none)",
        "SELECT 'claim ' || c.id || ': status ' || c.status || ', newest history says '
                || coalesce(h.new_status, 'nothing (so unverified)')
         FROM claims c
         LEFT JOIN reviews h ON h.id = (SELECT max(r.id) FROM reviews r WHERE r.claim_id = c.id)
         WHERE c.status <> coalesce(h.new_status, 'unverified')",
    ),
    (
        "a claim's latest_note is the note of its newest 'status' or 'note' history row with one",
        "SELECT 'claim ' || c.id || ': latest_note ' || coalesce('''' || c.latest_note || '''', 'NULL')
                || ', newest note in its history ' || coalesce('''' || h.note || '''', 'none')
         FROM claims c
         LEFT JOIN reviews h ON h.id = (SELECT max(r.id) FROM reviews r WHERE r.claim_id = c.id
                                        AND r.note IS NOT NULL AND r.event IN ('status', 'note'))
         WHERE c.latest_note IS DISTINCT FROM h.note",
    ),
    (
        "a history row's old_status is the previous row's new_status",
        "SELECT 'history row ' || r.id || ' (claim ' || r.claim_id || '): old_status '
                || r.old_status || ' but the row before says ' || p.new_status
         FROM reviews r
         JOIN reviews p ON p.id = (SELECT max(q.id) FROM reviews q
                                   WHERE q.claim_id = r.claim_id AND q.id < r.id)
         WHERE r.old_status <> p.new_status",
    ),
    (
        "every row points at rows that exist (no orphans)",
        "SELECT 'claims ' || c.id || ': article ' || c.article_id || ' does not exist'
         FROM claims c WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = c.article_id)
         UNION ALL
         SELECT 'appearance (article ' || p.article_id || ', position ' || p.position
                || '): article does not exist'
         FROM appearances p WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = p.article_id)
         UNION ALL
         SELECT 'appearance (article ' || p.article_id || ', position ' || p.position
                || '): claim ' || p.claim_id || ' does not exist'
         FROM appearances p WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = p.claim_id)
         UNION ALL
         SELECT 'history row ' || r.id || ': claim ' || r.claim_id || ' does not exist'
         FROM reviews r WHERE NOT EXISTS (SELECT 1 FROM claims c WHERE c.id = r.claim_id)
         UNION ALL
         SELECT 'article ' || a.id || ': its text is missing'
         FROM articles a WHERE NOT EXISTS (SELECT 1 FROM article_texts t WHERE t.article_id = a.id)
         UNION ALL
         SELECT 'article text ' || t.article_id || ': article does not exist'
         FROM article_texts t WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = t.article_id)",
    ),
    (
        "an article's claim_count and flagged_count equal its appearances (no half-stored article)",
        "SELECT 'article ' || a.id || ' (' || a.source || ' v' || a.version || '): claim_count '
                || a.claim_count || ', flagged_count ' || a.flagged_count || ', but '
                || coalesce(n.claims, 0) || ' appearances, ' || coalesce(n.flagged, 0) || ' flagged'
         FROM articles a
         LEFT JOIN (SELECT article_id, count(*) AS claims, count(flag) AS flagged
                    FROM appearances GROUP BY article_id) n ON n.article_id = a.id
         WHERE a.claim_count <> coalesce(n.claims, 0) OR a.flagged_count <> coalesce(n.flagged, 0)",
    ),
    (
        "an article's appearances are numbered 1..claim_count",
        "SELECT 'article ' || article_id || ': positions ' || min(position) || '..' || max(position)
                || ' for ' || count(*) || ' appearances'
         FROM appearances GROUP BY article_id
         HAVING min(position) <> 1 OR max(position) <> count(*)",
    ),
    (
        "a claim appears, at its position, in the article version it points at",
        "SELECT 'claim ' || c.id || ': no appearance at article ' || c.article_id
                || ', position ' || c.position
         FROM claims c
         WHERE NOT EXISTS (SELECT 1 FROM appearances p WHERE p.article_id = c.article_id
                           AND p.position = c.position AND p.claim_id = c.id)",
    ),
    (
        "a claim points at the newest version of its source that has it",
        "SELECT 'claim ' || c.id || ': points at article ' || c.article_id
                || ' but also appears in the newer article ' || max(p.article_id)
         FROM claims c
         JOIN articles ca ON ca.id = c.article_id
         JOIN appearances p ON p.claim_id = c.id
         JOIN articles pa ON pa.id = p.article_id AND pa.source = ca.source
         GROUP BY c.id, c.article_id, ca.version HAVING max(pa.version) > ca.version",
    ),
    (
        "the versions of a source are numbered 1..n",
        "SELECT 'source ' || source || ': versions ' || min(version) || '..' || max(version)
                || ' for ' || count(*) || ' articles'
         FROM articles GROUP BY source
         HAVING min(version) <> 1 OR max(version) <> count(*)",
    ),
    (
        "a claim's text is the article's content between its byte offsets (as are its appearances')",
        "SELECT 'claim ' || c.id || ' (article ' || c.article_id || '): bytes ' || c.start_offset
                || '..' || c.end_offset || ' are not its text'
         FROM claims c JOIN article_texts t ON t.article_id = c.article_id
         WHERE c.start_offset < 0 OR c.end_offset < c.start_offset
            OR substr(BYTES(t.content), CAST(c.start_offset + 1 AS INTEGER),
                      CAST(c.end_offset - c.start_offset AS INTEGER))
               <> BYTES(c.text)
         UNION ALL
         SELECT 'appearance (article ' || p.article_id || ', position ' || p.position
                || '): bytes ' || p.start_offset || '..' || p.end_offset || ' are not its text'
         FROM appearances p JOIN article_texts t ON t.article_id = p.article_id
         LEFT JOIN claims c ON c.id = p.claim_id AND c.article_id = p.article_id
                           AND c.position = p.position
         WHERE p.start_offset < 0 OR p.end_offset < p.start_offset
            OR p.end_offset > length(BYTES(t.content))
            OR c.start_offset <> p.start_offset OR c.end_offset <> p.end_offset",
    ),
    (
        "a claim's speaker_id is the speakers row of its speaker and resolved speaker",
        "SELECT 'claim ' || c.id || ': speaker_id ' || coalesce(CAST(c.speaker_id AS TEXT), 'NULL')
                || ' does not name ' || coalesce(c.speaker, 'NULL') || ' / '
                || coalesce(c.speaker_resolved, 'NULL')
         FROM claims c LEFT JOIN speakers s ON s.id = c.speaker_id
         WHERE CASE WHEN c.speaker IS NULL AND c.speaker_resolved IS NULL
                    THEN c.speaker_id IS NOT NULL
                    ELSE s.id IS NULL OR s.speaker IS DISTINCT FROM c.speaker
                         OR s.speaker_resolved IS DISTINCT FROM c.speaker_resolved END
         UNION ALL
         SELECT 'speakers ' || min(id) || ' and ' || max(id) || ': the same pair twice'
         FROM speakers GROUP BY speaker, speaker_resolved HAVING count(*) > 1",
    ),
];

/// Offsets count bytes: `BYTES(text)` in an invariant is the text's UTF-8 bytes
/// in each dialect.
fn in_bytes(sql: &str, dialect: Dialect) -> String {
    let mut out = String::with_capacity(sql.len());
    let mut rest = sql;
    while let Some(at) = rest.find("BYTES(") {
        out.push_str(&rest[..at]);
        let inner = &rest[at + "BYTES(".len()..];
        let end = inner.find(')').unwrap_or(inner.len());
        let column = &inner[..end];
        out.push_str(&match dialect {
            Dialect::Sqlite => format!("CAST({column} AS BLOB)"),
            Dialect::Postgres => format!("convert_to({column}, 'UTF8')"),
        });
        rest = inner.get(end + 1..).unwrap_or("");
    }
    out.push_str(rest);
    out
}

impl Store {
    /// Runs `PRAGMA integrity_check` and every invariant; reads only.
    pub fn check(&self) -> Result<CheckReport> {
        let mut report = CheckReport::default();
        // PostgreSQL keeps its own pages whole; its constraints are checked on write.
        let integrity = match self.db().dialect() {
            Dialect::Sqlite => self.collect(
                "SELECT * FROM pragma_integrity_check WHERE integrity_check <> 'ok'",
                "SQLite's integrity_check is ok",
            )?,
            Dialect::Postgres => None,
        };
        let corrupt = integrity.is_some();
        report.violations.extend(integrity);
        if corrupt {
            // On a damaged file the invariant queries would only repeat the damage.
            return Ok(report);
        }
        for (invariant, sql) in INVARIANTS {
            let sql = in_bytes(sql, self.db().dialect());
            report.violations.extend(self.collect(&sql, invariant)?);
        }
        report.violations.extend(self.check_norm_hashes()?);
        let count = |table: &str| -> Result<i64> {
            self.db()
                .query_value(&format!("SELECT count(*) FROM {table}"), args![])
        };
        report.articles = count("articles")?;
        report.claims = count("claims")?;
        report.reviews = count("reviews")?;
        Ok(report)
    }

    /// `norm_hash` is computed in Rust, so this invariant is checked in Rust.
    fn check_norm_hashes(&self) -> Result<Option<Violation>> {
        let mut violation = Violation {
            invariant: "a claim's norm_hash is the hash of its normalised text",
            count: 0,
            examples: Vec::new(),
        };
        self.db().for_each_row(
            "SELECT id, text, norm_hash FROM claims ORDER BY id",
            args![],
            &mut |row| {
                let (id, text, stored): (i64, String, i64) =
                    (row.get(0)?, row.get(1)?, row.get(2)?);
                if claim_text_hash(&text) != stored {
                    violation.count += 1;
                    if violation.examples.len() < SHOWN_PER_INVARIANT {
                        violation
                            .examples
                            .push(format!("claim {id}: norm_hash {stored} is not its text's"));
                    }
                }
                Ok(())
            },
        )?;
        Ok((violation.count > 0).then_some(violation))
    }

    fn collect(&self, sql: &str, invariant: &'static str) -> Result<Option<Violation>> {
        let mut violation = Violation {
            invariant,
            count: 0,
            examples: Vec::new(),
        };
        self.db().for_each_row(sql, args![], &mut |row| {
            violation.count += 1;
            if violation.examples.len() < SHOWN_PER_INVARIANT {
                let text: Option<String> = row.get(0)?;
                violation
                    .examples
                    .push(text.unwrap_or_else(|| "(no description)".into()));
            }
            Ok(())
        })?;
        Ok((violation.count > 0).then_some(violation))
    }
}
