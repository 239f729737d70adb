//! Plain data types shared by the store, the CLI and the renderers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A claim's status: one of the register's statuses (`claimtrack status list`).
/// A register starts with [`Status::DEFAULTS`]; a desk adds its own, so the
/// names are data, checked against the register by the store.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Status(String);

impl Status {
    /// The statuses every register starts with (schema.sql seeds the same six):
    /// the only status names the code knows.
    pub const DEFAULTS: [&'static str; 6] = [
        "unverified",
        "in-progress",
        "verified",
        "false",
        "misleading",
        "inconclusive",
    ];

    /// Where every new claim starts.
    pub fn unverified() -> Status {
        Status("unverified".to_string())
    }

    /// The status as stored and typed on the command line.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text cannot be a status name.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "'{0}' is not a status name: statuses are lower case letters, digits and dashes (see `claimtrack status list`)"
)]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    /// Folds case and `_` to `-`; whether the register has the status is the
    /// store's to say.
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        let ok = (1..=40).contains(&wanted.len())
            && wanted.starts_with(|c: char| c.is_ascii_lowercase())
            && wanted
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
        if ok {
            Ok(Status(wanted))
        } else {
            Err(UnknownStatus(s.to_string()))
        }
    }
}

/// One change to the register's statuses (`status add/rename/retire/delete`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StatusEvent {
    pub id: i64,
    /// add, rename, retire or delete.
    pub event: String,
    /// The status's name when it happened (for a rename, the old name).
    pub status: String,
    /// add: its label, whether final, its rating; rename: the new name.
    pub detail: Option<String>,
    pub reviewer: String,
    pub created_at: String,
}

/// One status of a register, as `status list` and the reports show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusDef {
    pub name: Status,
    pub label: String,
    /// A verdict: publishable, and what ClaimReview exports.
    pub is_final: bool,
    /// ClaimReview's ratingValue (1 worst .. 5 best) and alternateName.
    pub rating: Option<i64>,
    pub rating_label: Option<String>,
    /// Retired: no new marks; claims that have it keep it.
    pub retired: bool,
    /// Claims (not dismissed) with this status.
    pub claims: i64,
}

/// What a history row records.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ReviewEvent {
    /// A reviewer set a status.
    Status,
    /// A reviewer added a note.
    Note,
    /// A new version of the article words the claim differently.
    Reworded,
    /// A new version of the article no longer has the claim.
    Removed,
    /// A claim removed in an earlier version is back.
    Restored,
    /// A reviewer corrected a field of the extraction (`field`, `old_value`, `new_value`).
    Edit,
    /// A reviewer added a claim the extractor missed.
    Add,
    /// A reviewer set the claim aside as not a claim (the reason in `note`).
    Dismiss,
    /// A reviewer took a dismissal back.
    Undismiss,
    /// A verdict was published (explanation in `note`, summary in `new_value`).
    Publish,
    /// A published verdict was unlocked (the reason in `note`).
    Reopen,
    /// The claim was given to someone, or taken back (`old_value` → `new_value`).
    Assign,
    Tag,
    Untag,
    /// The register renamed the claim's status (`old_status` → `new_status`).
    StatusRenamed,
}

impl ReviewEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewEvent::Status => "status",
            ReviewEvent::Note => "note",
            ReviewEvent::Reworded => "reworded",
            ReviewEvent::Removed => "removed",
            ReviewEvent::Restored => "restored",
            ReviewEvent::Edit => "edit",
            ReviewEvent::Add => "add",
            ReviewEvent::Dismiss => "dismiss",
            ReviewEvent::Undismiss => "undismiss",
            ReviewEvent::Publish => "publish",
            ReviewEvent::Reopen => "reopen",
            ReviewEvent::Assign => "assign",
            ReviewEvent::Tag => "tag",
            ReviewEvent::Untag => "untag",
            ReviewEvent::StatusRenamed => "status-renamed",
        }
    }

    pub const ALL: [ReviewEvent; 15] = [
        ReviewEvent::Status,
        ReviewEvent::Note,
        ReviewEvent::Reworded,
        ReviewEvent::Removed,
        ReviewEvent::Restored,
        ReviewEvent::Edit,
        ReviewEvent::Add,
        ReviewEvent::Dismiss,
        ReviewEvent::Undismiss,
        ReviewEvent::Publish,
        ReviewEvent::Reopen,
        ReviewEvent::Assign,
        ReviewEvent::Tag,
        ReviewEvent::Untag,
        ReviewEvent::StatusRenamed,
    ];

    pub fn parse(s: &str) -> Option<ReviewEvent> {
        ReviewEvent::ALL.into_iter().find(|e| e.as_str() == s)
    }
}

/// One claim as the register holds it: the row every listing and export renders.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ClaimRecord {
    pub id: i64,
    pub article_id: i64,
    /// As given at ingest: the path, URL or `--source` name.
    pub source: String,
    pub title: Option<String>,
    /// The article version the claim was last seen in.
    pub version: i64,
    /// 1-based order of the claim in that article version.
    pub position: i64,
    pub text: String,
    pub speaker: Option<String>,
    pub speaker_resolved: Option<String>,
    pub outlet: Option<String>,
    pub cue: Option<String>,
    pub flag: Option<String>,
    pub flag_evidence: Option<String>,
    /// Byte offsets of `text` in the article version's content.
    pub start: i64,
    pub end: i64,
    pub status: Status,
    /// Set when a later version of the source no longer has the claim.
    pub removed_in_version: Option<i64>,
    /// The newest review note, if any.
    pub latest_note: Option<String>,
    /// The heading of the live-blog post the claim is in (HTML pages that mark
    /// their posts), as of the claim's newest version.
    #[serde(default)]
    pub post_title: Option<String>,
    /// That post's time (RFC 3339 UTC).
    #[serde(default)]
    pub post_time: Option<String>,
    pub created_at: String,
    pub updated_at: String,
    /// Who the claim is given to.
    pub assignee: Option<String>,
    /// Why a reviewer set it aside as not a claim; `None` when it is not dismissed.
    pub dismissed: Option<String>,
    /// The verdict in force, when one is published (the claim is then locked).
    pub published: Option<PublishedVerdict>,
    /// The version that reworded the claim after it had a verdict: needs re-check.
    pub recheck_version: Option<i64>,
    /// The reviewer who added the claim by hand; `None` for the extractor's.
    pub created_by: Option<String>,
}

/// A verdict as published: the `publish` history event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublishedVerdict {
    pub status: Status,
    pub explanation: String,
    /// The short summary ClaimReview shows as `claimReviewed`.
    pub summary: Option<String>,
    pub reviewer: Option<String>,
    pub published_at: String,
}

/// One row of a claim's review history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Review {
    pub id: i64,
    pub claim_id: i64,
    pub event: ReviewEvent,
    pub old_status: Status,
    pub new_status: Status,
    pub reviewer: Option<String>,
    pub note: Option<String>,
    pub created_at: String,
    /// What an edit, assignment or tag changed, with the values before and after.
    pub field: Option<String>,
    pub old_value: Option<String>,
    pub new_value: Option<String>,
}

/// An ingested article version with its claim counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    pub id: i64,
    pub source: String,
    pub version: i64,
    pub title: Option<String>,
    pub sha256: String,
    pub ingested_at: String,
    pub claims: i64,
    pub flagged: i64,
    /// Claim counts by status, in the register's order, for claims in this
    /// version; in JSON an object (`{"unverified": 3, ...}`), not a list of pairs.
    #[serde(with = "status_counts")]
    pub by_status: Vec<(Status, i64)>,
}

/// `(status, count)` pairs as a JSON object keyed by status, in their order.
mod status_counts {
    use super::Status;
    use serde::ser::SerializeMap;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(counts: &[(Status, i64)], s: S) -> Result<S::Ok, S::Error> {
        let mut map = s.serialize_map(Some(counts.len()))?;
        for (status, n) in counts {
            map.serialize_entry(status.as_str(), n)?;
        }
        map.end()
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Vec<(Status, i64)>, D::Error> {
        let map = std::collections::BTreeMap::<Status, i64>::deserialize(d)?;
        Ok(map.into_iter().collect())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_names_fold_case_and_underscores() {
        for name in Status::DEFAULTS {
            assert_eq!(name.parse::<Status>().unwrap().as_str(), name);
        }
        assert_eq!(
            "In_Progress".parse::<Status>().unwrap().as_str(),
            "in-progress"
        );
    }

    #[test]
    fn a_status_name_is_one_lower_case_word() {
        for bad in ["", "two words", "-x", "9x", "x\u{7}"] {
            assert!(bad.parse::<Status>().is_err(), "{bad}");
        }
    }
}

/// Where a claim stands across the register.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct AppearanceCount {
    /// Article versions that hold the claim or a claim linked to it.
    pub appearances: i64,
    /// Distinct sources among them.
    pub sources: i64,
}

/// One source a claim appeared in.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Appearance {
    /// As given at ingest: a path, URL or `--source` name.
    pub source: String,
    /// The newest title any version of the source had.
    pub title: Option<String>,
    /// The earliest publication date any version of the source gave (RFC 3339).
    pub published_at: Option<String>,
    /// The newest canonical URL a version of the page gave (`<link rel=canonical>`).
    pub canonical_url: Option<String>,
    /// The newest headline a version of the page gave in its metadata.
    pub headline: Option<String>,
}

/// What a published review of one claim draws on, besides the claim row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewContext {
    /// The rating of the claim's status, from the register's statuses: its
    /// ratingValue (`None` for a final status the desk gave no number) and name.
    pub rating: Option<(Option<i64>, String)>,
    /// The claim's own source first, then the sources of the claims linked to it
    /// (same text elsewhere), each once, in ingest order.
    pub appearances: Vec<Appearance>,
}
