//! Following live pages: each page polled on its own thread and schedule with
//! conditional requests, every changed page stored by the one writer exactly as
//! `ingest URL` stores it, and what changed reported claim by claim.
//!
//! A poll that fails (timeout, refused, 5xx, an empty or cut-off body) is
//! transient: it is reported once, the page is polled again after an exponential
//! back-off capped at eight intervals, and nothing is stored. The write lock is
//! held only while a version is stored (its own transaction), so reviewers work
//! on meanwhile, and a kill loses at most the version being stored.

use crate::error::{Error, Result};
use crate::extract;
use crate::fetch::{Conditional, FetchLimits, Validators, fetch_if_changed};
use crate::ingest::source::{Document, fetched_document};
use crate::store::{HashedExtraction, IngestOutcome, Store};
use crate::versions::VersionDiff;
use serde::Serialize;
use std::collections::HashMap;
use std::sync::mpsc;
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

/// The shortest interval for a page that is not on this machine: claimtrack must
/// never hammer a publisher.
pub const MIN_REMOTE_INTERVAL: Duration = Duration::from_secs(30);
/// A failing page waits at most this many intervals before it is polled again.
pub const MAX_BACKOFF_INTERVALS: u32 = 8;

/// What to follow, how often and for how long.
#[derive(Debug, Clone)]
pub struct WatchPlan {
    pub urls: Vec<String>,
    pub every: Duration,
    pub until: Until,
    pub fetch: FetchLimits,
}

/// When a watch ends (besides a stop request).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Until {
    /// Until stopped.
    Stopped,
    /// After this many polls of each page.
    Polls(u64),
    /// At this instant.
    Time(Instant),
}

/// Whether polling `url` every `every` is allowed: under [`MIN_REMOTE_INTERVAL`]
/// only for a page on this machine (as in tests).
pub fn check_interval(url: &str, every: Duration) -> Result<()> {
    if every >= MIN_REMOTE_INTERVAL || is_loopback(url) {
        return Ok(());
    }
    Err(Error::Invalid(format!(
        "{url}: an interval under {} s is only for pages on this machine (127.0.0.1, ::1, localhost)",
        MIN_REMOTE_INTERVAL.as_secs()
    )))
}

fn is_loopback(url: &str) -> bool {
    let Ok(uri) = url.parse::<ureq::http::Uri>() else {
        return false;
    };
    let Some(host) = uri.host() else {
        return false;
    };
    let host = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

/// How long a page waits after its `failures`-th failure in a row: the interval
/// doubled each time, from two intervals up to [`MAX_BACKOFF_INTERVALS`].
pub fn backoff(every: Duration, failures: u32) -> Duration {
    let factor = 2u32
        .saturating_pow(failures.max(1))
        .min(MAX_BACKOFF_INTERVALS);
    every.saturating_mul(factor)
}

/// A stop request shared by the pollers (set on SIGINT/SIGTERM): a sleeping
/// poller wakes at once; one mid-fetch stops when its fetch ends.
#[derive(Debug, Clone, Default)]
pub struct Stop(Arc<(Mutex<bool>, Condvar)>);

impl Stop {
    pub fn request(&self) {
        let (flag, wake) = &*self.0;
        *flag.lock().unwrap_or_else(|e| e.into_inner()) = true;
        wake.notify_all();
    }

    pub fn requested(&self) -> bool {
        *self.0.0.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Sleeps for `duration` unless a stop comes first; true when stopped.
    fn sleep(&self, duration: Duration) -> bool {
        let (flag, wake) = &*self.0;
        let deadline = Instant::now() + duration;
        let mut stopped = flag.lock().unwrap_or_else(|e| e.into_inner());
        while !*stopped {
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            stopped = wake
                .wait_timeout(stopped, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        true
    }
}

/// A change to one claim between two versions of a watched page.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Event {
    /// When it was seen (RFC 3339 UTC).
    pub at: String,
    pub source: String,
    pub event: EventKind,
    /// The version the change is seen in (the one compared with the last seen).
    pub version: i64,
    pub claim_id: i64,
    pub speaker: Option<String>,
    /// The claim's text (in the newer version; for a removed claim, as it was).
    pub text: String,
    /// The flag phrase, for the flag events and for new or removed flagged claims.
    pub flag: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    NewClaim,
    Reworded,
    Removed,
    FlagAppeared,
    FlagVanished,
}

impl EventKind {
    /// As printed on a line.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::NewClaim => "new claim",
            EventKind::Reworded => "reworded",
            EventKind::Removed => "removed",
            EventKind::FlagAppeared => "flag appeared",
            EventKind::FlagVanished => "flag vanished",
        }
    }
}

/// Everything a watch tells its caller, as it happens.
#[derive(Debug, Clone, PartialEq)]
pub enum Report {
    /// A page's content was stored as a new version (or found stored already).
    Stored {
        source: String,
        version: i64,
        claims: usize,
        flagged: usize,
        /// False when the content was stored before (a page back to an earlier version).
        new_version: bool,
    },
    Event(Event),
    /// A poll failed; said once for a run of failures with the same reason.
    Failed {
        source: String,
        reason: String,
        retry_in: Duration,
    },
    /// A page that was failing answered again.
    Recovered {
        source: String,
    },
    /// The page holds content stored before under another name (a file or
    /// `--source` ingest of the same bytes): not stored again, not compared.
    StoredElsewhere {
        source: String,
        article_id: i64,
        stored_as: String,
    },
}

/// What a poller hands the writer.
enum Polled {
    Changed {
        url: String,
        doc: Document,
        // Boxed: a page's claims are large beside a report.
        extraction: Box<HashedExtraction>,
    },
    Report(Report),
}

/// Follows the plan's pages until it ends or `stop` is requested, storing every
/// changed page in `store` and handing each report to `report` (a failure there,
/// such as a closed pipe, ends the watch). Only an error of the store ends it
/// otherwise.
pub fn watch(
    store: &mut Store,
    plan: &WatchPlan,
    stop: &Stop,
    mut report: impl FnMut(Report) -> std::io::Result<()>,
) -> Result<()> {
    let (tx, rx) = mpsc::channel::<Polled>();
    std::thread::scope(|scope| {
        for url in &plan.urls {
            let tx = tx.clone();
            scope.spawn(move || poll_page(url, plan, stop, &tx));
        }
        drop(tx);
        let mut writer = Writer {
            store,
            seen: HashMap::new(),
        };
        let outcome = rx.iter().try_for_each(|polled| match polled {
            Polled::Report(r) => report(r).map_err(Error::Output),
            Polled::Changed {
                url,
                doc,
                extraction,
            } => writer
                .store(&url, &doc, &extraction)?
                .into_iter()
                .try_for_each(|r| report(r).map_err(Error::Output)),
        });
        if outcome.is_err() {
            // Wake the pollers so the scope can end.
            stop.request();
        }
        outcome
    })
}

/// One page's polling loop, on its own thread.
fn poll_page(url: &str, plan: &WatchPlan, stop: &Stop, tx: &mpsc::Sender<Polled>) {
    let mut page = PageState::default();
    let mut polls = 0u64;
    while !stop.requested() && !ended(plan.until, polls) {
        polls += 1;
        let sent = match poll_once(url, &plan.fetch, &page.validators) {
            Ok(change) => page.answered(url, change, tx),
            Err(reason) => page.failed(url, reason, plan.every, tx),
        };
        if !sent || ended(plan.until, polls) {
            return;
        }
        let wait = if page.failures > 0 {
            backoff(plan.every, page.failures)
        } else {
            plan.every
        };
        let wait = match plan.until {
            Until::Time(end) => wait.min(end.saturating_duration_since(Instant::now())),
            _ => wait,
        };
        if stop.sleep(wait) {
            return;
        }
    }
}

/// What a poller remembers of its page between polls.
#[derive(Default)]
struct PageState {
    /// Sent with the next request.
    validators: Validators,
    /// The content last handed to the writer: a server without validators sends
    /// the same bytes again, which need no extracting.
    last_sha: String,
    /// Failed polls in a row.
    failures: u32,
    /// The reason last reported, so a run of like failures is reported once.
    last_reason: Option<String>,
}

impl PageState {
    /// The page answered: hands new content to the writer. False when the writer is gone.
    fn answered(&mut self, url: &str, change: Change, tx: &mpsc::Sender<Polled>) -> bool {
        if self.failures > 0 {
            self.failures = 0;
            self.last_reason = None;
            let recovered = Report::Recovered {
                source: url.to_string(),
            };
            if tx.send(Polled::Report(recovered)).is_err() {
                return false;
            }
        }
        let Some((doc, validators)) = change else {
            return true;
        };
        self.validators = validators;
        if doc.sha256 == self.last_sha {
            return true;
        }
        self.last_sha.clone_from(&doc.sha256);
        // Extracted here, outside the write lock, as ingest's workers do.
        let extraction = Box::new(HashedExtraction::from(extract::extract(&doc.text)));
        let changed = Polled::Changed {
            url: url.to_string(),
            doc,
            extraction,
        };
        tx.send(changed).is_ok()
    }

    /// The poll failed: reported unless the last report said the same. False when
    /// the writer is gone.
    fn failed(
        &mut self,
        url: &str,
        reason: String,
        every: Duration,
        tx: &mpsc::Sender<Polled>,
    ) -> bool {
        self.failures = self.failures.saturating_add(1);
        if self.last_reason.as_deref() == Some(reason.as_str()) {
            return true;
        }
        let failed = Report::Failed {
            source: url.to_string(),
            reason: reason.clone(),
            retry_in: backoff(every, self.failures),
        };
        self.last_reason = Some(reason);
        tx.send(Polled::Report(failed)).is_ok()
    }
}

fn ended(until: Until, polls: u64) -> bool {
    match until {
        Until::Stopped => false,
        Until::Polls(n) => polls >= n,
        Until::Time(end) => Instant::now() >= end,
    }
}

/// A page read as `ingest URL` reads it, with the validators to send next time;
/// `None` when the server says it is unchanged.
type Change = Option<(Document, Validators)>;

/// One poll: a conditional fetch, then the page read as `ingest URL` reads it.
/// An empty page is a failure: a live page does not go blank, a server between
/// deploys does.
fn poll_once(
    url: &str,
    limits: &FetchLimits,
    since: &Validators,
) -> std::result::Result<Change, String> {
    let fetched = match fetch_if_changed(url, limits, since) {
        Ok(Conditional::NotModified) => return Ok(None),
        Ok(Conditional::Fetched(fetched)) => fetched,
        Err(err) => return Err(reason_of(err)),
    };
    let validators = fetched.validators.clone();
    let doc = fetched_document(url, fetched, None).map_err(reason_of)?;
    if doc.text.trim().is_empty() {
        return Err("the page came back empty; nothing stored".into());
    }
    Ok(Some((doc, validators)))
}

/// A failure's reason without the URL (the report names the page).
fn reason_of(err: Error) -> String {
    match err {
        Error::Fetch { reason, .. } => reason,
        other => other.to_string(),
    }
}

/// The single writer: stores changed pages and compares each with the version
/// this watch saw last.
struct Writer<'s> {
    store: &'s mut Store,
    /// Per page, the version its last poll showed.
    seen: HashMap<String, i64>,
}

impl Writer<'_> {
    fn store(
        &mut self,
        url: &str,
        doc: &Document,
        extraction: &HashedExtraction,
    ) -> Result<Vec<Report>> {
        // The very call `ingest URL` makes: review state carries over as there.
        let outcome = self.store.ingest(&doc.article(), extraction)?;
        let flagged = extraction
            .extraction
            .claims
            .iter()
            .filter(|c| c.flag.is_some())
            .count();
        let (version, new_version) = match outcome {
            IngestOutcome::Added { version, .. } => (version, true),
            IngestOutcome::Unchanged {
                source, version, ..
            } if source == url => (version, false),
            // The same bytes are stored under another name: nothing to compare.
            IngestOutcome::Unchanged {
                article_id, source, ..
            } => {
                return Ok(vec![Report::StoredElsewhere {
                    source: url.to_string(),
                    article_id,
                    stored_as: source,
                }]);
            }
        };
        let before = match self.seen.insert(url.to_string(), version) {
            Some(before) if before == version => return Ok(Vec::new()),
            Some(before) => Some(before),
            // A page first seen in this watch is compared with the version before it.
            None if new_version && version > 1 => Some(version - 1),
            None => None,
        };
        let mut reports = vec![Report::Stored {
            source: url.to_string(),
            version,
            claims: extraction.extraction.claims.len(),
            flagged,
            new_version,
        }];
        if let Some(before) = before {
            let diff = self.store.diff(url, Some(before), Some(version))?;
            let at = crate::store::now_rfc3339();
            reports.extend(events(&diff, &at).into_iter().map(Report::Event));
        }
        Ok(reports)
    }
}

/// The events of a diff: new claims, rewordings and removals in the newer
/// version's order, then the flags that came and went.
pub fn events(diff: &VersionDiff, at: &str) -> Vec<Event> {
    let event =
        |event, claim_id, speaker: &Option<String>, text: &str, flag: Option<&String>| Event {
            at: at.to_string(),
            source: diff.source.clone(),
            event,
            version: diff.to.version,
            claim_id,
            speaker: speaker.clone(),
            text: text.to_string(),
            flag: flag.cloned(),
        };
    let mut out = Vec::new();
    for c in &diff.new {
        out.push(event(
            EventKind::NewClaim,
            c.claim_id,
            &c.speaker,
            &c.text,
            c.flag.as_ref(),
        ));
    }
    for r in &diff.reworded {
        out.push(event(
            EventKind::Reworded,
            r.claim_id,
            &r.speaker,
            &r.new_text,
            None,
        ));
    }
    for c in &diff.removed {
        out.push(event(
            EventKind::Removed,
            c.claim_id,
            &c.speaker,
            &c.text,
            c.flag.as_ref(),
        ));
    }
    for (kind, changes) in [
        (EventKind::FlagAppeared, &diff.flags_appeared),
        (EventKind::FlagVanished, &diff.flags_vanished),
    ] {
        for f in changes {
            out.push(event(kind, f.claim_id, &f.speaker, &f.text, Some(&f.flag)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn backoff_doubles_from_two_intervals_up_to_eight() {
        let every = Duration::from_secs(10);
        let waits: Vec<u64> = (1..=5).map(|n| backoff(every, n).as_secs()).collect();
        assert_eq!(waits, [20, 40, 80, 80, 80]);
        assert_eq!(backoff(every, u32::MAX), Duration::from_secs(80));
    }

    #[test]
    fn short_intervals_are_for_this_machine_only() {
        let short = Duration::from_secs(1);
        assert!(check_interval("http://127.0.0.1:8080/live", short).is_ok());
        assert!(check_interval("http://localhost/live", short).is_ok());
        assert!(check_interval("http://[::1]:9000/", short).is_ok());
        assert!(check_interval("https://example.org/live", short).is_err());
        assert!(check_interval("https://127.0.0.1.example.org/", short).is_err());
        assert!(check_interval("https://example.org/live", MIN_REMOTE_INTERVAL).is_ok());
    }

    #[test]
    fn a_stop_wakes_a_sleeper_at_once() {
        let stop = Stop::default();
        let sleeper = {
            let stop = stop.clone();
            std::thread::spawn(move || {
                let started = Instant::now();
                (stop.sleep(Duration::from_secs(60)), started.elapsed())
            })
        };
        std::thread::sleep(Duration::from_millis(50));
        stop.request();
        let (stopped, slept) = sleeper.join().unwrap();
        assert!(stopped);
        assert!(slept < Duration::from_secs(5), "{slept:?}");
        assert!(!Stop::default().sleep(Duration::from_millis(1)));
    }
}
