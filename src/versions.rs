//! Plain types for the versions of one source and for what changed between two of
//! them: filled by the store (`store::diff`), rendered by `output::versions`.

use crate::model::Status;
use serde::{Deserialize, Serialize};

/// One version of a source, with what it changed against the version before it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionSummary {
    pub article_id: i64,
    pub version: i64,
    pub title: Option<String>,
    pub sha256: String,
    pub ingested_at: String,
    /// Claims the extractor found in this version.
    pub claims: i64,
    /// Of them, those the text flags as unverified.
    pub flagged: i64,
    /// Claims not in the previous version (all of them in version 1).
    pub new: i64,
    /// Claims of the previous version still here with the same (normalised) text.
    pub kept: i64,
    /// Claims of the previous version still here with new wording.
    pub reworded: i64,
    /// Claims of the previous version no longer here.
    pub removed: i64,
}

/// Which article version a side of a diff is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionRef {
    pub article_id: i64,
    pub version: i64,
    pub ingested_at: String,
}

/// A claim as it stands in one version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffClaim {
    pub claim_id: i64,
    /// 1-based position in that version.
    pub position: i64,
    pub text: String,
    pub speaker: Option<String>,
    pub flag: Option<String>,
    /// The claim's review status now.
    pub status: Status,
}

/// A claim in both versions, worded differently.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RewordedClaim {
    pub claim_id: i64,
    pub status: Status,
    pub old_position: i64,
    pub new_position: i64,
    pub old_text: String,
    pub new_text: String,
    /// The speaker in the newer version.
    pub speaker: Option<String>,
}

/// A claim in both versions whose verification flag came or went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FlagChange {
    pub claim_id: i64,
    pub status: Status,
    /// Position in the newer side of the diff.
    pub position: i64,
    /// The claim's text in the newer side.
    pub text: String,
    /// The flag phrase that appeared (or vanished).
    pub flag: String,
    /// The sentence carrying the flag, when it appeared.
    pub flag_evidence: Option<String>,
    /// The speaker in the newer side.
    pub speaker: Option<String>,
}

/// How many of each change a diff holds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DiffCounts {
    pub new: usize,
    pub kept: usize,
    pub reworded: usize,
    pub removed: usize,
    pub flags_appeared: usize,
    pub flags_vanished: usize,
}

/// What changed from one version of a source to another.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct VersionDiff {
    pub source: String,
    pub from: VersionRef,
    pub to: VersionRef,
    pub counts: DiffCounts,
    /// Claims of `to` that `from` does not have, in `to`'s order.
    pub new: Vec<DiffClaim>,
    /// Claims of both, worded differently, in `to`'s order.
    pub reworded: Vec<RewordedClaim>,
    /// Claims of `from` that `to` does not have, in `from`'s order.
    pub removed: Vec<DiffClaim>,
    /// Claims of both, flagged in `to` but not in `from`.
    pub flags_appeared: Vec<FlagChange>,
    /// Claims of both, flagged in `from` but not in `to`.
    pub flags_vanished: Vec<FlagChange>,
}
