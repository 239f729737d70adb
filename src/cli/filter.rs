//! The claim filters shared by `list`, `export` and the reports.

use super::parse_status;
use crate::model::Status;
use crate::store::{Assignee, ClaimFilter, ClaimOrder};
use chrono::{DateTime, Utc};
use clap::{Args, ValueEnum};

#[derive(Debug, Clone, Args)]
pub struct FilterArgs {
    /// Only claims with this status (repeatable).
    #[arg(short, long, value_name = "S", value_parser = parse_status)]
    pub status: Vec<Status>,
    /// Only unverified claims (shorthand for --status unverified).
    #[arg(long)]
    pub unverified: bool,
    /// Only claims the text itself flags as unverified ("reportedly", "could not be verified", ...).
    #[arg(long)]
    pub flagged: bool,
    /// Only claims whose speaker (as written or resolved) contains TEXT; case,
    /// accents and quote marks do not matter ("cavusoglu" finds "Çavuşoğlu").
    #[arg(long, value_name = "TEXT")]
    pub speaker: Option<String>,
    /// Only claims that appear in this article (id from `claimtrack articles`).
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    /// Only claims with all these words in their text, speaker, outlet or latest
    /// note: whole words, `word*` for a prefix, "a phrase" in quotes (straight or
    /// curly); case and accents do not matter.
    #[arg(long, value_name = "WORDS", value_parser = parse_search)]
    pub search: Option<String>,
    /// Only claims created or changed at or after WHEN: `YYYY-MM-DD` (midnight UTC),
    /// an RFC 3339 time (`2026-12-01T17:44:57Z`, any offset), `today`, `yesterday`
    /// (midnight UTC), or an age: `30m`, `2h`, `7d`, `2w`.
    #[arg(long, value_name = "WHEN", value_parser = parse_since)]
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
    /// Only claims NAME has touched (has a history row on); `me` for yours. In
    /// `history`: only NAME's events.
    #[arg(short = 'r', long = "reviewer", value_name = "NAME")]
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
    /// The order: oldest first (register order), newest first, flagged first, or
    /// most recently changed first.
    #[arg(long, value_enum, value_name = "ORDER")]
    pub sort: Option<SortOrder>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum SortOrder {
    Oldest,
    Newest,
    Flagged,
    Updated,
}

impl From<SortOrder> for ClaimOrder {
    fn from(order: SortOrder) -> Self {
        match order {
            SortOrder::Oldest => ClaimOrder::Oldest,
            SortOrder::Newest => ClaimOrder::Newest,
            SortOrder::Flagged => ClaimOrder::Flagged,
            SortOrder::Updated => ClaimOrder::Updated,
        }
    }
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
                "none" => Assignee::Nobody,
                name => Assignee::To(person(name)),
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
            order: self.sort.map(Into::into).unwrap_or_default(),
            limit,
        }
    }
}

/// clap value parser for `--search`: refuses text with no word to look for.
fn parse_search(text: &str) -> Result<String, String> {
    crate::store::search_expression(text).map(|_| text.to_string())
}

/// clap value parser for `--since`: a date, an RFC 3339 time, a day name or an
/// age, normalised to the stored form (RFC 3339 UTC, whole seconds) so the store
/// can compare it as text.
fn parse_since(text: &str) -> Result<String, String> {
    parse_since_at(text, Utc::now())
}

fn parse_since_at(text: &str, now: DateTime<Utc>) -> Result<String, String> {
    let text = text.trim();
    let time = if let Ok(date) = chrono::NaiveDate::parse_from_str(text, "%Y-%m-%d") {
        date.and_time(chrono::NaiveTime::MIN).and_utc()
    } else if let Ok(time) = DateTime::parse_from_rfc3339(text) {
        time.with_timezone(&Utc)
    } else if let Some(time) = relative_time(text, now) {
        time
    } else {
        return Err(format!(
            "'{text}' is not a time: use YYYY-MM-DD, RFC 3339 (2026-12-01T17:44:57Z), \
             today, yesterday, or an age such as 30m, 2h, 7d, 2w"
        ));
    };
    Ok(time.to_rfc3339_opts(chrono::SecondsFormat::Secs, true))
}

/// `today`, `yesterday` (midnight UTC) or an age (`2h`) before `now`.
fn relative_time(text: &str, now: DateTime<Utc>) -> Option<DateTime<Utc>> {
    let midnight = now.date_naive().and_time(chrono::NaiveTime::MIN).and_utc();
    match text.to_ascii_lowercase().as_str() {
        "today" => return Some(midnight),
        "yesterday" => return Some(midnight - chrono::Duration::days(1)),
        _ => {}
    }
    let split = text.find(|c: char| !c.is_ascii_digit())?;
    let (number, unit) = text.split_at(split);
    let number: i64 = number.parse().ok()?;
    let age = match unit {
        "m" | "min" => chrono::Duration::try_minutes(number)?,
        "h" => chrono::Duration::try_hours(number)?,
        "d" => chrono::Duration::try_days(number)?,
        "w" => chrono::Duration::try_weeks(number)?,
        _ => return None,
    };
    now.checked_sub_signed(age)
}

#[cfg(test)]
mod tests {
    use super::{parse_since, parse_since_at};
    use chrono::{TimeZone, Utc};

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
        for bad in ["tomorrow", "2026-13-01", "01/12/2026", "", "2y", "h", "-2h"] {
            assert!(parse_since(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn since_takes_day_names_and_ages_before_now() {
        let now = Utc.with_ymd_and_hms(2026, 12, 4, 15, 30, 0).unwrap();
        let at = |text| parse_since_at(text, now).unwrap();
        assert_eq!(at("today"), "2026-12-04T00:00:00Z");
        assert_eq!(at("Yesterday"), "2026-12-03T00:00:00Z");
        assert_eq!(at("2h"), "2026-12-04T13:30:00Z");
        assert_eq!(at("30m"), "2026-12-04T15:00:00Z");
        assert_eq!(at("7d"), "2026-11-27T15:30:00Z");
        assert_eq!(at("2w"), "2026-11-20T15:30:00Z");
        assert!(parse_since_at("99999999999999d", now).is_err());
    }
}
