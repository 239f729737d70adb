//! Counts over claim rows: by status, flagged or not, top speakers and outlets, the
//! articles with the most unverified claims. Pure: rows in, numbers out. The store
//! feeds it (`Store::stats`) and the HTML report summarises its own rows with it, so
//! both show the same numbers for the same filter.

use crate::model::{ClaimRecord, Status};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// How many entries the "top" lists keep unless told otherwise.
pub const DEFAULT_TOP: usize = 10;

/// Claim counts of one status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusCount {
    pub status: Status,
    pub claims: u64,
    /// Of those, the claims the text itself flags as unverified.
    pub flagged: u64,
    pub not_flagged: u64,
}

/// One person's share of the work: the claims given to them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct AssigneeCount {
    pub assignee: String,
    pub claims: u64,
    /// Of those, still unverified.
    pub unverified: u64,
    /// Of those, with a published verdict.
    pub published: u64,
    /// Of those, reworded after their verdict.
    pub recheck: u64,
}

/// A speaker or outlet with its number of claims.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct NameCount {
    pub name: String,
    pub claims: u64,
}

/// An article version with its unverified claims (claims count for the newest
/// version they appear in, as everywhere else in the register).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ArticleCount {
    pub article_id: i64,
    pub source: String,
    pub version: i64,
    pub title: Option<String>,
    pub unverified: u64,
    pub claims: u64,
}

/// What a set of claims adds up to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimStats {
    pub claims: u64,
    pub flagged: u64,
    /// Distinct article versions the claims were last seen in.
    pub articles: u64,
    /// Every status of the register, in its order, zeros included (then any
    /// other status a claim has).
    pub by_status: Vec<StatusCount>,
    /// By the resolved speaker when a back-reference was resolved, else as written;
    /// most claims first, ties by name.
    pub top_speakers: Vec<NameCount>,
    /// Claims with no speaker at all.
    pub unattributed: u64,
    pub top_outlets: Vec<NameCount>,
    /// Only articles with at least one unverified claim; most first, ties by id.
    pub most_unverified_articles: Vec<ArticleCount>,
    /// Each assignee's claims, by name.
    pub assignees: Vec<AssigneeCount>,
    /// Claims given to nobody.
    pub unassigned: u64,
}

/// One reviewer's `mark` and `note` events.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ReviewerActivity {
    /// As recorded; `(unknown)` when the event has no reviewer.
    pub reviewer: String,
    pub status_changes: u64,
    pub notes: u64,
    /// Distinct claims the reviewer touched.
    pub claims: u64,
    /// The reviewer's newest event (RFC 3339 UTC).
    pub last_active: String,
}

/// Everything `claimtrack stats` prints.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stats {
    #[serde(flatten)]
    pub claims: ClaimStats,
    /// Most events first, ties by name.
    pub reviewers: Vec<ReviewerActivity>,
}

/// Adds claims up one at a time, so a whole register can stream through it.
#[derive(Debug, Default)]
pub struct ClaimStatsBuilder {
    claims: u64,
    flagged: u64,
    by_status: HashMap<Status, (u64, u64)>,
    /// By folded name ("the Pentagon" and "The Pentagon" are one speaker): the
    /// first spelling seen, and the count.
    speakers: HashMap<String, (String, u64)>,
    unattributed: u64,
    outlets: HashMap<String, u64>,
    articles: HashMap<i64, ArticleCount>,
    assignees: HashMap<String, AssigneeCount>,
    unassigned: u64,
}

impl ClaimStatsBuilder {
    pub fn new() -> Self {
        Self::default()
    }

    pub fn add(&mut self, claim: &ClaimRecord) {
        let flagged = claim.flag.is_some();
        self.claims += 1;
        self.flagged += u64::from(flagged);
        let slot = self.by_status.entry(claim.status.clone()).or_default();
        if flagged {
            slot.0 += 1;
        } else {
            slot.1 += 1;
        }
        match speaker_of(claim) {
            Some(name) => {
                let slot = self
                    .speakers
                    .entry(crate::fold::fold(name.trim()))
                    .or_insert_with(|| (name.trim().to_string(), 0));
                slot.1 += 1;
            }
            None => self.unattributed += 1,
        }
        if let Some(outlet) = claim
            .outlet
            .as_deref()
            .map(str::trim)
            .filter(|o| !o.is_empty())
        {
            *self.outlets.entry(outlet.to_string()).or_default() += 1;
        }
        let article = self
            .articles
            .entry(claim.article_id)
            .or_insert_with(|| ArticleCount {
                article_id: claim.article_id,
                source: claim.source.clone(),
                version: claim.version,
                title: claim.title.clone(),
                unverified: 0,
                claims: 0,
            });
        article.claims += 1;
        let unverified = u64::from(claim.status.as_str() == "unverified");
        article.unverified += unverified;
        match &claim.assignee {
            Some(name) => {
                let share = self
                    .assignees
                    .entry(name.clone())
                    .or_insert_with(|| AssigneeCount {
                        assignee: name.clone(),
                        claims: 0,
                        unverified: 0,
                        published: 0,
                        recheck: 0,
                    });
                share.claims += 1;
                share.unverified += unverified;
                share.published += u64::from(claim.published.is_some());
                share.recheck += u64::from(claim.recheck_version.is_some());
            }
            None => self.unassigned += 1,
        }
    }

    /// The totals, with each "top" list cut to `top` entries and the statuses in
    /// the order of `statuses` (the register's).
    pub fn finish(self, top: usize, statuses: &[Status]) -> ClaimStats {
        let mut order: Vec<Status> = statuses.to_vec();
        let mut others: Vec<Status> = self
            .by_status
            .keys()
            .filter(|s| !statuses.contains(s))
            .cloned()
            .collect();
        others.sort();
        order.extend(others);
        let by_status = order
            .into_iter()
            .map(|status| {
                let (flagged, not_flagged) = self.by_status.get(&status).copied().unwrap_or((0, 0));
                StatusCount {
                    status,
                    claims: flagged + not_flagged,
                    flagged,
                    not_flagged,
                }
            })
            .collect();
        let articles = self.articles.len() as u64;
        let mut most_unverified: Vec<ArticleCount> = self
            .articles
            .into_values()
            .filter(|a| a.unverified > 0)
            .collect();
        most_unverified.sort_by(|a, b| {
            b.unverified
                .cmp(&a.unverified)
                .then(a.article_id.cmp(&b.article_id))
        });
        most_unverified.truncate(top);
        let mut assignees: Vec<AssigneeCount> = self.assignees.into_values().collect();
        assignees.sort_by(|a, b| a.assignee.cmp(&b.assignee));
        ClaimStats {
            assignees,
            unassigned: self.unassigned,
            claims: self.claims,
            flagged: self.flagged,
            articles,
            by_status,
            top_speakers: top_names(self.speakers.into_values().collect(), top),
            unattributed: self.unattributed,
            top_outlets: top_names(self.outlets, top),
            most_unverified_articles: most_unverified,
        }
    }
}

impl ClaimStats {
    /// Counts a slice of claims (for renderers that hold their rows anyway).
    pub fn from_claims(claims: &[ClaimRecord], top: usize, statuses: &[Status]) -> ClaimStats {
        let mut builder = ClaimStatsBuilder::new();
        claims.iter().for_each(|c| builder.add(c));
        builder.finish(top, statuses)
    }

    /// The count of one status.
    pub fn count(&self, status: &str) -> u64 {
        self.by_status
            .iter()
            .find(|s| s.status.as_str() == status)
            .map_or(0, |s| s.claims)
    }
}

/// Whom a claim is counted for: the resolved speaker of a back-reference ("she" →
/// "Robert Wood"), else the speaker as written; `None` when unattributed.
pub fn speaker_of(claim: &ClaimRecord) -> Option<&str> {
    claim
        .speaker_resolved
        .as_deref()
        .or(claim.speaker.as_deref())
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn top_names(counts: HashMap<String, u64>, top: usize) -> Vec<NameCount> {
    let mut names: Vec<NameCount> = counts
        .into_iter()
        .map(|(name, claims)| NameCount { name, claims })
        .collect();
    names.sort_by(|a, b| b.claims.cmp(&a.claims).then_with(|| a.name.cmp(&b.name)));
    names.truncate(top);
    names
}

#[cfg(test)]
mod tests {
    use super::*;

    fn st(name: &str) -> Status {
        name.parse().unwrap()
    }

    fn defaults() -> Vec<Status> {
        Status::DEFAULTS.iter().map(|s| st(s)).collect()
    }

    fn claim(id: i64, article: i64, status: Status, speaker: Option<&str>) -> ClaimRecord {
        ClaimRecord {
            id,
            article_id: article,
            source: format!("src-{article}"),
            title: None,
            version: 1,
            position: id,
            text: format!("claim {id}"),
            speaker: speaker.map(String::from),
            speaker_resolved: None,
            outlet: None,
            cue: None,
            flag: (id % 2 == 0).then(|| "reportedly".to_string()),
            flag_evidence: None,
            start: 0,
            end: 0,
            status,
            removed_in_version: None,
            latest_note: None,
            post_title: None,
            post_time: None,
            created_at: String::new(),
            updated_at: String::new(),
            assignee: None,
            dismissed: None,
            published: None,
            recheck_version: None,
            created_by: None,
        }
    }

    #[test]
    fn counts_split_by_status_and_flag() {
        let claims = [
            claim(1, 1, st("unverified"), Some("A")),
            claim(2, 1, st("unverified"), Some("B")),
            claim(3, 2, st("false"), Some("A")),
            claim(4, 2, st("unverified"), None),
            claim(5, 3, st("verified"), Some(" ")),
        ];
        let stats = ClaimStats::from_claims(&claims, 10, &defaults());
        assert_eq!((stats.claims, stats.flagged, stats.articles), (5, 2, 3));
        let unverified = &stats.by_status[0];
        assert_eq!(
            (
                unverified.claims,
                unverified.flagged,
                unverified.not_flagged
            ),
            (3, 2, 1)
        );
        assert_eq!(stats.count("false"), 1);
        assert_eq!(stats.count("misleading"), 0);
        assert_eq!(stats.top_speakers[0].name, "A");
        assert_eq!(stats.top_speakers[0].claims, 2);
        assert_eq!(
            stats.unattributed, 2,
            "blank speakers count as unattributed"
        );
        let ids: Vec<i64> = stats
            .most_unverified_articles
            .iter()
            .map(|a| a.article_id)
            .collect();
        assert_eq!(ids, [1, 2], "article 3 has no unverified claims");
    }

    #[test]
    fn top_lists_are_cut_and_ordered_by_count_then_name() {
        let claims = [
            claim(1, 1, st("unverified"), Some("zed")),
            claim(2, 1, st("unverified"), Some("amy")),
            claim(3, 1, st("unverified"), Some("zed")),
            claim(4, 1, st("unverified"), Some("bob")),
        ];
        let stats = ClaimStats::from_claims(&claims, 2, &defaults());
        let names: Vec<&str> = stats.top_speakers.iter().map(|n| n.name.as_str()).collect();
        assert_eq!(names, ["zed", "amy"]);
    }

    #[test]
    fn speakers_are_counted_whatever_their_case() {
        let claims = [
            claim(1, 1, Status::unverified(), Some("the Pentagon")),
            claim(2, 1, Status::unverified(), Some("The Pentagon")),
            claim(3, 1, Status::unverified(), Some("THE PENTAGON ")),
            claim(4, 1, Status::unverified(), Some("Kyiv")),
        ];
        let stats = ClaimStats::from_claims(&claims, 5, &defaults());
        assert_eq!(stats.top_speakers.len(), 2);
        assert_eq!(stats.top_speakers[0].name, "the Pentagon");
        assert_eq!(stats.top_speakers[0].claims, 3);
    }
}
