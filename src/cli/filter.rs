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
