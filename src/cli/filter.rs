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
    /// Only claims created or changed at or after DATE: `YYYY-MM-DD` (midnight UTC)
    /// or an RFC 3339 time (`2026-12-01T17:44:57Z`, any offset).
    #[arg(long, value_name = "DATE", value_parser = parse_since)]
    pub since: Option<String>,
    /// Only claims with any status but S (repeatable).
    #[arg(long, value_name = "S", value_parser = parse_status)]
    pub not_status: Vec<Status>,
    /// Only claims given to NAME; `me` for yours, `none` for nobody's.
    #[arg(long, value_name = "NAME")]
    pub assignee: Option<String>,
    /// Only claims tagged NAME, on the claim or on its article.
    #[arg(long, value_name = "NAME")]
    pub tag: Option<String>,
    /// Only claims NAME has touched (has a history row on); `me` for yours.
    #[arg(long = "reviewer", value_name = "NAME")]
    pub touched_by: Option<String>,
    /// Only claims relayed by an outlet containing TEXT (case-insensitive).
    #[arg(long, value_name = "TEXT")]
    pub outlet: Option<String>,
    /// Only dismissed claims (they are left out of everything otherwise).
    #[arg(long)]
    pub dismissed: bool,
    /// Only claims a newer version of their article no longer has (`--unverified`
    /// leaves them out otherwise).
    #[arg(long)]
    pub removed: bool,
    /// Only claims reworded after their verdict: they need a re-check.
    #[arg(long)]
    pub recheck: bool,
}

impl FilterArgs {
    /// The filter these flags describe; `me` in `--assignee` and `--reviewer`
    /// stands for the reviewer's own name (`CLAIMTRACK_REVIEWER`, then `$USER`).
    pub fn to_filter(&self, limit: Option<u64>) -> ClaimFilter {
        let me = super::reviewer::me();
        let mut statuses = self.status.clone();
        if self.unverified && !statuses.contains(&Status::unverified()) {
            statuses.push(Status::unverified());
        }
        let person = |name: &str| match (name, &me) {
            ("me", Some(mine)) => mine.to_string(),
            _ => name.to_string(),
        };
        let removed = if self.removed {
            Some(true)
        } else if self.unverified {
            Some(false)
        } else {
            None
        };
        ClaimFilter {
            not_statuses: self.not_status.clone(),
            assignee: self.assignee.as_deref().map(|name| match name {
                "none" => None,
                name => Some(person(name)),
            }),
            tag: self.tag.clone(),
            reviewer: self.touched_by.as_deref().map(person),
            outlet: self.outlet.clone(),
            dismissed: self.dismissed,
            recheck: self.recheck,
            removed,
            published: false,
            statuses,
            flagged: self.flagged,
            speaker: self.speaker.clone(),
            article: self.article,
            search: self.search.clone(),
            since: self.since.clone(),
            limit,
        }
    }
}

/// clap value parser for `--since`: a date or an RFC 3339 time, normalised to the
/// stored form (RFC 3339 UTC, whole seconds) so the store can compare it as text.
fn parse_since(text: &str) -> Result<String, String> {
    let text = text.trim();
    if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        return Ok(format!("{date}T00:00:00Z"));
    }
    chrono::DateTime::parse_from_rfc3339(text)
        .map(|time| {
            time.with_timezone(&chrono::Utc)
                .to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
        })
        .map_err(|_| {
            format!("'{text}' is not a date: use YYYY-MM-DD or RFC 3339 (2026-12-01T17:44:57Z)")
        })
}

#[cfg(test)]
mod tests {
    use super::parse_since;

    #[test]
    fn since_takes_dates_and_rfc3339_times_and_normalises_to_utc() {
        assert_eq!(parse_since("2026-12-01").unwrap(), "2026-12-01T00:00:00Z");
        assert_eq!(
            parse_since("2026-12-01T18:44:57+01:00").unwrap(),
            "2026-12-01T17:44:57Z"
        );
        assert_eq!(
            parse_since("2026-12-01T17:44:57.25Z").unwrap(),
            "2026-12-01T17:44:57Z"
        );
        for bad in ["yesterday", "2026-13-01", "01/12/2026", ""] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }
}
