//! Plain data types shared by the store, the CLI and the renderers.

use serde::{Deserialize, Serialize};
use std::fmt;
use std::str::FromStr;

/// A reviewer's verdict on a claim.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Status {
    Unverified,
    InProgress,
    Verified,
    False,
    Misleading,
    Inconclusive,
}

impl Status {
    /// Every status, in the order reports list them.
    pub const ALL: [Status; 6] = [
        Status::Unverified,
        Status::InProgress,
        Status::Verified,
        Status::False,
        Status::Misleading,
        Status::Inconclusive,
    ];

    /// The status as stored and typed on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Unverified => "unverified",
            Status::InProgress => "in-progress",
            Status::Verified => "verified",
            Status::False => "false",
            Status::Misleading => "misleading",
            Status::Inconclusive => "inconclusive",
        }
    }

    /// A reviewer has reached a verdict (what ClaimReview publishes).
    pub fn is_final(self) -> bool {
        matches!(
            self,
            Status::Verified | Status::False | Status::Misleading | Status::Inconclusive
        )
    }

    /// The valid statuses as one comma-separated line, for error messages.
    pub fn valid_list() -> String {
        Status::ALL.map(Status::as_str).join(", ")
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The text was not one of the statuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown status '{0}' (valid: {list})", list = Status::valid_list())]
pub struct UnknownStatus(pub String);

impl FromStr for Status {
    type Err = UnknownStatus;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim().to_ascii_lowercase().replace('_', "-");
        Status::ALL
            .into_iter()
            .find(|status| status.as_str() == wanted)
            .ok_or_else(|| UnknownStatus(s.to_string()))
    }
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
}

impl ReviewEvent {
    pub fn as_str(self) -> &'static str {
        match self {
            ReviewEvent::Status => "status",
            ReviewEvent::Note => "note",
            ReviewEvent::Reworded => "reworded",
            ReviewEvent::Removed => "removed",
            ReviewEvent::Restored => "restored",
        }
    }

    pub fn parse(s: &str) -> Option<ReviewEvent> {
        [
            ReviewEvent::Status,
            ReviewEvent::Note,
            ReviewEvent::Reworded,
            ReviewEvent::Removed,
            ReviewEvent::Restored,
        ]
        .into_iter()
        .find(|e| e.as_str() == s)
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
    pub created_at: String,
    pub updated_at: String,
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
    /// Claim counts by status, in `Status::ALL` order, for claims last seen in this
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
    fn status_round_trips_through_text() {
        for status in Status::ALL {
            assert_eq!(status.as_str().parse::<Status>(), Ok(status));
        }
        assert_eq!("In_Progress".parse::<Status>(), Ok(Status::InProgress));
    }

    #[test]
    fn unknown_status_lists_the_valid_ones() {
        let err = "bogus".parse::<Status>().unwrap_err().to_string();
        assert!(err.contains("bogus") && err.contains("in-progress") && err.contains("misleading"));
    }

    #[test]
    fn final_statuses_exclude_open_ones() {
        assert!(!Status::Unverified.is_final());
        assert!(!Status::InProgress.is_final());
        assert!(Status::False.is_final());
    }
}
