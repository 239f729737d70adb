//! `claimtrack watch`: follow live pages, store every change, print what changed.

use super::ingest::parse_seconds;
use crate::error::Error;
use crate::fetch::{FetchLimits, is_url};
use crate::output::table::shorten;
use crate::store::Store;
use crate::watch::{Event, Report, Stop, Until, WatchPlan, check_interval, watch};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::{Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

/// Follow live pages: poll each URL (conditional requests, so an unchanged page
/// costs a 304), store every changed page as a new version exactly as `ingest URL`
/// does, and print one line per change: new claim, reworded, removed, flag
/// appeared, flag vanished. Failures (timeouts, 5xx, empty pages) are reported
/// once and retried with back-off. Ctrl-C or SIGTERM stops it between polls.
#[derive(Debug, Args)]
pub struct WatchArgs {
    /// The pages to follow (http or https), each polled on its own schedule.
    #[arg(required = true, value_name = "URL")]
    pub urls: Vec<String>,
    /// How often to poll each page ("2m", "90s"); under 30s only for this machine.
    #[arg(long, value_name = "DURATION", default_value = "2m", value_parser = parse_duration)]
    pub every: Duration,
    /// Stop at this time (RFC 3339, "2026-12-04T18:00:00Z") or after this long ("3h").
    #[arg(long, value_name = "TIME", conflicts_with = "count")]
    pub until: Option<String>,
    /// Stop after this many polls of each page.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(u64).range(1..))]
    pub count: Option<u64>,
    /// How to print the events: lines for people, or JSON lines for other tools.
    #[arg(long, value_enum, default_value_t = EventFormat::Text)]
    pub format: EventFormat,
    /// Run this shell command for each event, with the event as JSON on its stdin
    /// (a chat webhook, a notification). Its failure is reported, never fatal.
    #[arg(long, value_name = "CMD")]
    pub exec: Option<String>,
    /// Give up a fetch after this many seconds (a failed poll, retried later).
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Refuse a page larger than this many bytes (a failed poll).
    #[arg(long, value_name = "BYTES", default_value_t = FetchLimits::default().max_bytes)]
    pub max_bytes: u64,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum EventFormat {
    Text,
    Jsonl,
}

fn parse_duration(text: &str) -> Result<Duration, String> {
    match humantime::parse_duration(text) {
        Ok(d) if !d.is_zero() => Ok(d),
        Ok(_) => Err("the interval must be longer than zero".into()),
        Err(e) => Err(format!("'{text}' is not a duration like 2m or 90s ({e})")),
    }
}

/// `--until` as an instant: a time of day in RFC 3339, or a duration from now.
fn parse_until(text: &str) -> Result<Instant, Error> {
    if let Ok(d) = humantime::parse_duration(text) {
        return Ok(Instant::now() + d);
    }
    let at = chrono::DateTime::parse_from_rfc3339(text.trim()).map_err(|_| {
        Error::Usage(format!(
            "--until '{text}' is neither an RFC 3339 time (2026-12-04T18:00:00Z) nor a duration (3h)"
        ))
    })?;
    let left = at.with_timezone(&chrono::Utc) - chrono::Utc::now();
    let left = left
        .to_std()
        .map_err(|_| Error::Usage(format!("--until {text} is already past")))?;
    Ok(Instant::now() + left)
}

fn plan(args: &WatchArgs) -> anyhow::Result<WatchPlan> {
    for url in &args.urls {
        if !is_url(url) {
            return Err(Error::Usage(format!("{url}: watch follows http(s) pages only")).into());
        }
        check_interval(url, args.every).map_err(|e| Error::Usage(e.to_string()))?;
    }
    let until = match (&args.until, args.count) {
        (Some(time), _) => Until::Time(parse_until(time)?),
        (None, Some(n)) => Until::Polls(n),
        (None, None) => Until::Stopped,
    };
    // A page given twice is followed once.
    let mut urls: Vec<String> = Vec::new();
    for url in &args.urls {
        if !urls.contains(url) {
            urls.push(url.clone());
        }
    }
    Ok(WatchPlan {
        urls,
        every: args.every,
        until,
        fetch: FetchLimits {
            timeout: Duration::from_secs_f64(args.timeout),
            max_bytes: args.max_bytes,
        },
    })
}

pub fn run(db: &crate::store::Location, args: WatchArgs) -> anyhow::Result<()> {
    let plan = plan(&args)?;
    let mut store = Store::create_or_open(db)?;
    let stop = Stop::default();
    {
        let stop = stop.clone();
        // SIGINT and SIGTERM (the `termination` feature): stop between polls.
        ctrlc::set_handler(move || stop.request())?;
    }
    let hook = args.exec.clone().map(Hook::start);
    let mut out = std::io::stdout().lock();
    let several = plan.urls.len() > 1;
    let outcome = watch(&mut store, &plan, &stop, |report| {
        if let Report::Event(event) = &report {
            if let Some(hook) = &hook {
                hook.send(event);
            }
            match args.format {
                EventFormat::Text => writeln!(out, "{}", event_line(event, several))?,
                EventFormat::Jsonl => crate::output::json::write_line(&mut out, event)?,
            }
            return out.flush();
        }
        eprintln!("{}", status_line(&report));
        Ok(())
    });
    if let Some(hook) = hook {
        hook.finish();
    }
    if stop.requested() && outcome.is_ok() {
        eprintln!("claimtrack: watch stopped");
    }
    Ok(outcome?)
}

/// Longest claim text on an event line.
const EVENT_TEXT_CHARS: usize = 100;

/// `15:04:05Z  new claim  #12  the Pentagon: "A couple of …"` (with the page
/// when several are followed).
fn event_line(e: &Event, several: bool) -> String {
    let time = e.at.split_once('T').map_or(e.at.as_str(), |(_, t)| t);
    let page = if several {
        format!("{} ", printable(&e.source))
    } else {
        String::new()
    };
    let speaker = e
        .speaker
        .as_deref()
        .map_or("(unattributed)".into(), printable);
    let flag = match (&e.flag, e.event) {
        (Some(flag), _) => format!(" [{}]", printable(flag)),
        _ => String::new(),
    };
    format!(
        "{time} {page}{:<13} #{} {speaker}: \u{201c}{}\u{201d}{flag}",
        e.event.label(),
        e.claim_id,
        printable(&shorten(&e.text, EVENT_TEXT_CHARS)),
    )
}

/// A line on stderr for everything that is not a claim event.
fn status_line(report: &Report) -> String {
    match report {
        Report::Stored {
            source,
            version,
            claims,
            flagged,
            new_version,
        } => format!(
            "{}: version {version}{}: {claims} claims, {flagged} flagged",
            printable(source),
            if *new_version {
                " stored"
            } else {
                " (stored before)"
            }
        ),
        Report::Failed {
            source,
            reason,
            retry_in,
        } => format!(
            "claimtrack: {}: {}; trying again in {}",
            printable(source),
            printable(reason),
            humantime::format_duration(Duration::from_millis(retry_in.as_millis() as u64))
        ),
        Report::Recovered { source } => format!("{}: answering again", printable(source)),
        Report::StoredElsewhere {
            source,
            article_id,
            stored_as,
        } => format!(
            "{}: same content as article {article_id} ({}); not stored again",
            printable(source),
            printable(stored_as)
        ),
        Report::Event(e) => event_line(e, true),
    }
}

/// Text from a page or a server, safe on one terminal line: control characters
/// (line breaks, escape sequences) shown escaped.
fn printable(text: &str) -> String {
    if !text.chars().any(char::is_control) {
        return text.to_string();
    }
    text.chars()
        .map(|c| {
            if c.is_control() {
                c.escape_default().to_string()
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// `--exec`: runs the command for each event, in order, on a thread of its own so
/// a slow hook never holds up polling or storing.
struct Hook {
    tx: mpsc::Sender<String>,
    thread: std::thread::JoinHandle<()>,
}

impl Hook {
    fn start(command: String) -> Hook {
        let (tx, rx) = mpsc::channel::<String>();
        let thread = std::thread::spawn(move || {
            for json in rx {
                if let Err(reason) = run_hook(&command, &json) {
                    eprintln!("claimtrack: --exec {}: {reason}", printable(&command));
                }
            }
        });
        Hook { tx, thread }
    }

    fn send(&self, event: &Event) {
        if let Ok(json) = serde_json::to_string(event) {
            // The thread only ends when `tx` is dropped.
            let _ = self.tx.send(json);
        }
    }

    /// Runs the hooks still queued, then returns.
    fn finish(self) {
        drop(self.tx);
        let _ = self.thread.join();
    }
}

fn run_hook(command: &str, json: &str) -> Result<(), String> {
    let mut child = Command::new("sh")
        .arg("-c")
        .arg(command)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .spawn()
        .map_err(|e| format!("cannot start: {e}"))?;
    if let Some(mut stdin) = child.stdin.take() {
        // A hook that does not read its input is not a failure.
        let _ = stdin.write_all(json.as_bytes());
        let _ = stdin.write_all(b"\n");
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("failed ({status})"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn control_characters_are_shown_escaped() {
        assert_eq!(printable("a\u{1b}[2Jb\nc"), "a\\u{1b}[2Jb\\nc");
        assert_eq!(printable("plain"), "plain");
    }

    #[test]
    fn durations_read_as_people_write_them() {
        assert_eq!(parse_duration("2m"), Ok(Duration::from_secs(120)));
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert!(parse_duration("0s").is_err());
        assert!(parse_duration("soon").is_err());
    }
}
