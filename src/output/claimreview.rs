//! schema.org `ClaimReview` JSON-LD, the markup fact-check aggregators read: one
//! object per claim with a verdict (verified, false, misleading, inconclusive).
//!
//! Only published verdicts (`claimtrack publish`) are exported: the review's
//! `ratingExplanation` is the published explanation, `claimReviewed` the published
//! summary (the claim's text without one), `datePublished` the day it was
//! published. The rating is the register's: each final status's `rating` (1 worst
//! to 5 best) and `rating_label`; the default statuses rate false 1, misleading 2,
//! inconclusive 3 and verified 5 (`claimtrack status list`).

use super::json::JsonArrayWriter;
use crate::model::ClaimRecord;
use crate::model::{Appearance, ReviewContext};
use serde::Serialize;
use std::io::{self, Write};

pub const WORST_RATING: u8 = 1;
pub const BEST_RATING: u8 = 5;

/// Who publishes the reviews, and where.
#[derive(Debug, Clone)]
pub struct Publisher {
    /// The reviewing organisation (the review's `author`), if named.
    pub org: Option<Organization>,
    /// A review's `url` is this plus the claim id.
    pub review_url_base: ReviewUrlBase,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Organization {
    pub name: String,
    pub url: Option<String>,
}

/// An absolute http(s) URL that claim ids are appended to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewUrlBase(String);

impl ReviewUrlBase {
    /// Accepts an absolute `http://` or `https://` URL with a host and no spaces.
    pub fn parse(text: &str) -> Result<ReviewUrlBase, String> {
        check_http_url(text)
            .map(|()| ReviewUrlBase(text.trim().to_string()))
            .map_err(|why| format!("--review-url-base '{text}' {why}"))
    }

    /// The review URL of a claim: the base plus the id, with a `/` between them
    /// unless the base already ends in `/`, `=` or `#`.
    pub fn url_for(&self, claim_id: i64) -> String {
        if self.0.ends_with(['/', '=', '#']) {
            format!("{}{claim_id}", self.0)
        } else {
            format!("{}/{claim_id}", self.0)
        }
    }
}

/// Why `text` is not an absolute http(s) URL, if it is not.
pub fn check_http_url(text: &str) -> Result<(), &'static str> {
    let text = text.trim();
    let rest = text
        .strip_prefix("https://")
        .or_else(|| text.strip_prefix("http://"))
        .ok_or("is not an http:// or https:// URL")?;
    let host = rest.split(['/', '?', '#']).next().unwrap_or("");
    if host.is_empty() {
        return Err("has no host");
    }
    if text.chars().any(char::is_whitespace) {
        return Err("contains spaces");
    }
    Ok(())
}

/// Writes a JSON array of ClaimReview objects, one claim at a time.
pub struct ClaimReviewWriter<W: Write> {
    out: JsonArrayWriter<W>,
    publisher: Publisher,
}

impl<W: Write> ClaimReviewWriter<W> {
    pub fn new(out: W, publisher: Publisher) -> io::Result<Self> {
        Ok(ClaimReviewWriter {
            out: JsonArrayWriter::script_safe(out)?,
            publisher,
        })
    }

    /// Writes the review of `claim`; a claim without a verdict is skipped
    /// (returns `false`).
    pub fn write(&mut self, claim: &ClaimRecord, context: &ReviewContext) -> io::Result<bool> {
        match review(claim, context, &self.publisher) {
            Some(review) => self.out.write(&review).map(|()| true),
            None => Ok(false),
        }
    }

    pub fn finish(self) -> io::Result<W> {
        self.out.finish()
    }
}

/// The ClaimReview of one claim, or `None` when it has no final status.
pub fn review<'a>(
    claim: &'a ClaimRecord,
    context: &'a ReviewContext,
    publisher: &'a Publisher,
) -> Option<ClaimReview<'a>> {
    let verdict = claim.published.as_ref()?;
    let (value, label) = context.rating.as_ref()?;
    let rated = value.and_then(|v| u8::try_from(v).ok());
    Some(ClaimReview {
        context: "https://schema.org",
        kind: "ClaimReview",
        url: publisher.review_url_base.url_for(claim.id),
        claim_reviewed: verdict.summary.as_deref().unwrap_or(&claim.text),
        item_reviewed: ItemReviewed {
            kind: "Claim",
            author: claim_author(claim),
            date_published: context
                .appearances
                .iter()
                .filter_map(|a| a.published_at.as_deref().and_then(date_of))
                .min(),
            appearance: context.appearances.iter().map(creative_work).collect(),
        },
        author: publisher.org.as_ref().map(|org| Author {
            kind: "Organization",
            name: org.name.clone(),
            job_title: None,
            url: org.url.as_deref(),
        }),
        review_rating: Rating {
            kind: "Rating",
            rating_value: rated,
            best_rating: rated.map(|_| BEST_RATING),
            worst_rating: rated.map(|_| WORST_RATING),
            alternate_name: label,
            rating_explanation: Some(&verdict.explanation),
        },
        date_published: date_of(&verdict.published_at),
    })
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ClaimReview<'a> {
    #[serde(rename = "@context")]
    context: &'static str,
    #[serde(rename = "@type")]
    kind: &'static str,
    url: String,
    claim_reviewed: &'a str,
    item_reviewed: ItemReviewed<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Author<'a>>,
    review_rating: Rating<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ItemReviewed<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    author: Option<Author<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
    appearance: Vec<CreativeWork<'a>>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Author<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    name: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_title: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct Rating<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_value: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    best_rating: Option<u8>,
    #[serde(skip_serializing_if = "Option::is_none")]
    worst_rating: Option<u8>,
    alternate_name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    rating_explanation: Option<&'a str>,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CreativeWork<'a> {
    #[serde(rename = "@type")]
    kind: &'static str,
    /// The source when it is a web address; otherwise it goes in `name`.
    #[serde(skip_serializing_if = "Option::is_none")]
    url: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    name: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    headline: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    date_published: Option<String>,
}

/// The page as published: its canonical URL when it gave one (the address the
/// publisher stands by, not the one it was fetched from), else the source when that
/// is a web address; its own headline, else the title line of its text.
fn creative_work(a: &Appearance) -> CreativeWork<'_> {
    let url = a
        .canonical_url
        .as_deref()
        .filter(|u| check_http_url(u).is_ok())
        .or_else(|| {
            check_http_url(&a.source)
                .is_ok()
                .then_some(a.source.as_str())
        });
    CreativeWork {
        kind: "CreativeWork",
        url,
        name: url.is_none().then_some(a.source.as_str()),
        headline: a.headline.as_deref().or(a.title.as_deref()),
        date_published: a.published_at.as_deref().and_then(date_of),
    }
}

/// The calendar date of an RFC 3339 time, in its own offset (a date already in
/// `YYYY-MM-DD` form is kept); `None` for anything else.
fn date_of(time: &str) -> Option<String> {
    let time = time.trim();
    if let Ok(t) = chrono::DateTime::parse_from_rfc3339(time) {
        return Some(t.date_naive().to_string());
    }
    chrono::NaiveDate::parse_from_str(time, "%Y-%m-%d")
        .ok()
        .map(|d| d.to_string())
}

/// Words that mark a speaker as an organisation rather than a person.
const ORGANISATION_WORDS: &[&str] = &[
    "administration",
    "agency",
    "army",
    "authorities",
    "authority",
    "command",
    "commission",
    "committee",
    "company",
    "congress",
    "corporation",
    "council",
    "court",
    "department",
    "embassy",
    "forces",
    "government",
    "group",
    "headquarters",
    "inc",
    "institute",
    "kremlin",
    "ltd",
    "media",
    "military",
    "ministry",
    "nato",
    "navy",
    "news",
    "office",
    "organisation",
    "organization",
    "parliament",
    "party",
    "pentagon",
    "police",
    "senate",
    "service",
    "staff",
    "un",
    "union",
    "university",
];

/// Words that mark a speaker as a person even when an institution is named
/// ("Kremlin spokesman Dmitry Peskov").
const PERSON_WORDS: &[&str] = &[
    "adviser",
    "advisor",
    "ambassador",
    "analyst",
    "chancellor",
    "chief",
    "commander",
    "deputy",
    "director",
    "dr",
    "envoy",
    "general",
    "governor",
    "head",
    "leader",
    "mayor",
    "minister",
    "mr",
    "mrs",
    "ms",
    "official",
    "president",
    "secretary",
    "senator",
    "spokesman",
    "spokesperson",
    "spokeswoman",
];

/// The claim's author: the speaker (resolved when it was a back-reference), or
/// the relaying outlet for an unattributed claim. A speaker written "Name, role"
/// is judged on the name alone (the role may name an institution: "Robert Wood,
/// US envoy to the UN" is a Person with a jobTitle). A name with a person's title
/// in it is a Person; one naming an institution an Organization; any other a Person.
fn claim_author(claim: &ClaimRecord) -> Option<Author<'static>> {
    if let Some(speaker) = crate::stats::speaker_of(claim) {
        let (name, role) = match speaker.split_once(", ") {
            Some((name, role)) => (name.trim(), Some(role.trim().to_string())),
            None => (speaker, None),
        };
        let lower = name.to_lowercase();
        let has = |words: &[&str]| {
            lower
                .split(|c: char| !c.is_alphanumeric())
                .any(|word| words.contains(&word))
        };
        if has(ORGANISATION_WORDS) && !has(PERSON_WORDS) {
            return Some(Author {
                kind: "Organization",
                name: name.to_string(),
                job_title: None,
                url: None,
            });
        }
        return Some(Author {
            kind: "Person",
            name: name.to_string(),
            job_title: role.filter(|r| !r.is_empty()),
            url: None,
        });
    }
    claim
        .outlet
        .as_deref()
        .map(str::trim)
        .filter(|o| !o.is_empty())
        .map(|outlet| Author {
            kind: "Organization",
            name: outlet.to_string(),
            job_title: None,
            url: None,
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn url_base_must_be_http_and_joins_with_one_slash() {
        let base = ReviewUrlBase::parse("https://example.org/checks").unwrap();
        assert_eq!(base.url_for(7), "https://example.org/checks/7");
        let base = ReviewUrlBase::parse("https://example.org/checks/").unwrap();
        assert_eq!(base.url_for(7), "https://example.org/checks/7");
        let base = ReviewUrlBase::parse("https://example.org/c?id=").unwrap();
        assert_eq!(base.url_for(7), "https://example.org/c?id=7");
        for bad in ["example.org/checks", "ftp://x/", "https://", "https://a b/"] {
            assert!(ReviewUrlBase::parse(bad).is_err(), "{bad}");
        }
    }

    fn author_of(speaker: &str) -> (String, String, Option<String>) {
        let claim: ClaimRecord = serde_json::from_value(serde_json::json!({
            "id": 1, "article_id": 1, "source": "s", "title": null, "version": 1,
            "position": 1, "text": "t", "speaker": speaker, "speaker_resolved": null,
            "outlet": null, "cue": null, "flag": null, "flag_evidence": null, "start": 0,
            "end": 1, "status": "false", "removed_in_version": null, "latest_note": null,
            "created_at": "", "updated_at": ""
        }))
        .unwrap();
        let a = claim_author(&claim).unwrap();
        (a.kind.to_string(), a.name, a.job_title)
    }

    #[test]
    fn speakers_become_people_or_organisations() {
        let person = |name: &str, role: Option<&str>| {
            (
                "Person".to_string(),
                name.to_string(),
                role.map(String::from),
            )
        };
        let org = |name: &str| ("Organization".to_string(), name.to_string(), None);
        assert_eq!(
            author_of("Robert Wood, US envoy to the UN"),
            person("Robert Wood", Some("US envoy to the UN"))
        );
        assert_eq!(
            author_of("Kremlin spokesman Dmitry Peskov"),
            person("Kremlin spokesman Dmitry Peskov", None)
        );
        assert_eq!(author_of("the Pentagon"), org("the Pentagon"));
        assert_eq!(
            author_of("Russia's defence ministry"),
            org("Russia's defence ministry")
        );
        assert_eq!(author_of("state media KCNA"), org("state media KCNA"));
        assert_eq!(author_of("Keir Starmer"), person("Keir Starmer", None));
    }

    #[test]
    fn dates_keep_their_own_offset() {
        assert_eq!(
            date_of("2026-12-01T23:30:00-05:00").as_deref(),
            Some("2026-12-01")
        );
        assert_eq!(date_of("2026-12-01").as_deref(), Some("2026-12-01"));
        assert_eq!(date_of("last week"), None);
    }
}
