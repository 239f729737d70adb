//! Read-side queries for reports: statistics, and what a ClaimReview needs beyond
//! the claim row (its review date and every place it appeared).

use super::Store;
use super::sql::Query;
use crate::args;
use crate::error::Result;
use crate::model::{Appearance, ReviewContext};
use crate::page_meta::PageMeta;
use crate::stats::{ClaimStatsBuilder, ReviewerActivity, Stats};
use std::collections::{HashMap, HashSet};

use super::ClaimFilter;

impl Store {
    /// What each of these article versions' pages said about themselves (only
    /// those that said something), for the reports.
    pub fn page_meta(&self, article_ids: &[i64]) -> Result<HashMap<i64, PageMeta>> {
        let mut pages = HashMap::new();
        for &id in article_ids {
            if pages.contains_key(&id) {
                continue;
            }
            let meta = self.db().query_opt(
                "SELECT canonical_url, headline, published_at, modified_at, author, publisher
                 FROM articles WHERE id = ?1",
                args![id],
                |r| {
                    Ok(PageMeta {
                        canonical_url: r.get(0)?,
                        headline: r.get(1)?,
                        published_at: r.get(2)?,
                        modified_at: r.get(3)?,
                        author: r.get(4)?,
                        publisher: r.get(5)?,
                    })
                },
            )?;
            if let Some(meta) = meta.filter(|m| !m.is_empty()) {
                pages.insert(id, meta);
            }
        }
        Ok(pages)
    }

    /// Statistics over the claims the filter lets through, plus the review
    /// activity on those claims (`mark` and `note` events; with `since`, only
    /// events from then on). `top` cuts the "top" lists.
    pub fn stats(&self, filter: &ClaimFilter, top: usize) -> Result<Stats> {
        let mut builder = ClaimStatsBuilder::new();
        let mut ids = HashSet::new();
        // The claims go through the same query as `list`, so every filter means the
        // same here; only the fold differs.
        self.for_each_claim(filter, |claim| {
            ids.insert(claim.id);
            builder.add(&claim);
            Ok(())
        })?;
        Ok(Stats {
            claims: builder.finish(top, &self.status_names()?),
            reviewers: self.reviewer_activity(&ids, filter.since.as_deref())?,
        })
    }

    fn reviewer_activity(
        &self,
        claims: &HashSet<i64>,
        since: Option<&str>,
    ) -> Result<Vec<ReviewerActivity>> {
        let mut by_reviewer: HashMap<String, (ReviewerActivity, HashSet<i64>)> = HashMap::new();
        let mut count = |row: super::sql::Row| -> Result<()> {
            let claim_id: i64 = row.get(0)?;
            if !claims.contains(&claim_id) {
                return Ok(());
            }
            let reviewer: Option<String> = row.get(1)?;
            let reviewer = reviewer
                .filter(|r| !r.trim().is_empty())
                .unwrap_or_else(|| "(unknown)".to_string());
            let event: String = row.get(2)?;
            let at: String = row.get(3)?;
            let (activity, touched) = by_reviewer.entry(reviewer.clone()).or_insert_with(|| {
                (
                    ReviewerActivity {
                        reviewer,
                        status_changes: 0,
                        notes: 0,
                        claims: 0,
                        last_active: String::new(),
                    },
                    HashSet::new(),
                )
            });
            if event == "status" {
                activity.status_changes += 1;
            } else {
                activity.notes += 1;
            }
            touched.insert(claim_id);
            if at > activity.last_active {
                activity.last_active = at;
            }
            Ok(())
        };
        self.db().for_each_row(
            "SELECT claim_id, reviewer, event, created_at FROM reviews
             WHERE event IN ('status', 'note') AND created_at >= coalesce(?1, '')
             ORDER BY id",
            args![since],
            &mut count,
        )?;
        let mut activity: Vec<ReviewerActivity> = by_reviewer
            .into_values()
            .map(|(mut a, touched)| {
                a.claims = touched.len() as u64;
                a
            })
            .collect();
        activity.sort_by(|a, b| {
            (b.status_changes + b.notes)
                .cmp(&(a.status_changes + a.notes))
                .then_with(|| a.reviewer.cmp(&b.reviewer))
        });
        Ok(activity)
    }

    /// The review date and appearances of one claim, for ClaimReview.
    pub fn review_context(&self, claim_id: i64) -> Result<ReviewContext> {
        let rating = self.db().query_opt(
            "SELECT s.rating, coalesce(s.rating_label, s.label) FROM claims c
                 JOIN statuses s ON s.name = c.status WHERE c.id = ?1 AND s.is_final = 1",
            args![claim_id],
            |r| Ok((r.get(0)?, r.get(1)?)),
        )?;
        let mut appearances: Vec<Appearance> = Vec::new();
        let mut ids = vec![claim_id];
        ids.extend(self.linked_claims(claim_id)?);
        for id in ids {
            let rows = self.db().query(
                "SELECT a.source, a.title, a.published_at, a.canonical_url, a.headline
                 FROM appearances p JOIN articles a ON a.id = p.article_id
                 WHERE p.claim_id = ?1 ORDER BY a.id",
                args![id],
                |r| {
                    Ok(Appearance {
                        source: r.get(0)?,
                        title: r.get(1)?,
                        published_at: r.get(2)?,
                        canonical_url: r.get(3)?,
                        headline: r.get(4)?,
                    })
                },
            )?;
            for seen in rows {
                match appearances.iter_mut().find(|a| a.source == seen.source) {
                    Some(known) => merge_versions(known, seen),
                    None => appearances.push(seen),
                }
            }
        }
        Ok(ReviewContext {
            rating,
            appearances,
        })
    }
}

/// Versions of one source are one appearance: the newest title, headline and
/// canonical URL, the earliest date.
fn merge_versions(known: &mut Appearance, newer: Appearance) {
    if newer.title.is_some() {
        known.title = newer.title;
    }
    if newer.canonical_url.is_some() {
        known.canonical_url = newer.canonical_url;
    }
    if newer.headline.is_some() {
        known.headline = newer.headline;
    }
    known.published_at = match (known.published_at.take(), newer.published_at) {
        (Some(a), Some(b)) => Some(earlier(a, b)),
        (a, b) => a.or(b),
    };
}

/// The earlier of two RFC 3339 times (compared as instants: offsets may differ).
fn earlier(a: String, b: String) -> String {
    let parse = |t: &str| chrono::DateTime::parse_from_rfc3339(t).ok();
    match (parse(&a), parse(&b)) {
        (Some(x), Some(y)) if y < x => b,
        (Some(_), Some(_)) => a,
        _ => a.min(b),
    }
}
