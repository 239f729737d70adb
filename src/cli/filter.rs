//! The claim filters shared by `list`, `export` and the reports.

use super::parse_status;
use crate::model::Status;
use crate::store::ClaimFilter;
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only claims with this status (repeatable).
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Only unverified claims (shorthand for --status unverified).
    #[arg(long)]
    pub unverified: bool,
    /// Only claims the text itself flags as unverified ("reportedly", "could not be verified", ...).
    #[arg(long)]
    pub flagged: bool,
    /// Only claims whose speaker contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub speaker: Option<String>,
    /// Only claims that appear in this article (id from `claimtrack articles`).
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims whose text contains TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub search: Option<String>,
}

impl FilterArgs {
    pub fn to_filter(&self, limit: Option<u64>) -> ClaimFilter {
        let mut statuses = self.status.clone();
        if self.unverified && !statuses.contains(&Status::Unverified) {
            statuses.push(Status::Unverified);
        }
        ClaimFilter {
            statuses,
            flagged: self.flagged,
            speaker: self.speaker.clone(),
            article: self.article,
            search: self.search.clone(),
            since: None,
            limit,
        }
    }
}
