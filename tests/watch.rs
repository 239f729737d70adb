//! `claimtrack watch` against a page server this test starts on 127.0.0.1 (never
//! an outside address): the page changes, fails and reverts on a schedule of
//! requests, with and without ETag support.

use crate::common::{Env, read};
use serde_json::Value;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

const V1: &str = "seeds/000_603c3ce12f8f4009.txt";
const V2: &str = "seeds/002_7a10996a83bded68.txt";

/// What the page answers to one request.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Step {
    Page(&'static str),
    Empty,
    ServerError,
    /// Announces more bytes than it sends, then hangs up.
    Truncated,
}

/// The schedule: v1, v2, v1 again, an empty 200, a 500, then v2. Each page
/// is asked for twice in a row first, so a server with ETags can answer a 304.
const SCHEDULE: &[Step] = &[
    Step::Page(V1),
    Step::Page(V1),
    Step::Page(V2),
    Step::Page(V2),
    Step::Page(V1),
    Step::Empty,
    Step::ServerError,
    Step::Page(V2),
];

/// A page server: the n-th request gets the n-th step (the last one from then on).
struct Server {
    url: String,
    /// When each request came.
    requests: Arc<Mutex<Vec<Instant>>>,
    not_modified: Arc<Mutex<usize>>,
}

impl Server {
    fn start(schedule: &'static [Step], etags: bool) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").unwrap();
        let url = format!("http://{}/live", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let not_modified = Arc::new(Mutex::new(0));
        let (seen, nm) = (Arc::clone(&requests), Arc::clone(&not_modified));
        thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let step = {
                    let mut seen = seen.lock().unwrap();
                    seen.push(Instant::now());
                    schedule[(seen.len() - 1).min(schedule.len() - 1)]
                };
                if answer(stream, step, etags) {
                    *nm.lock().unwrap() += 1;
                }
            }
        });
        Server {
            url,
            requests,
            not_modified,
        }
    }

    fn request_times(&self) -> Vec<Instant> {
        self.requests.lock().unwrap().clone()
    }

    fn not_modified(&self) -> usize {
        *self.not_modified.lock().unwrap()
    }
}

/// Answers one request; true when it was a 304.
fn answer(mut stream: TcpStream, step: Step, etags: bool) -> bool {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut if_none_match = None;
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        if let Some((name, value)) = line.split_once(':')
            && name.eq_ignore_ascii_case("if-none-match")
        {
            if_none_match = Some(value.trim().to_string());
        }
        line.clear();
    }
    let kind = if matches!(step, Step::Page(p) if p.ends_with(".html")) {
        "text/html"
    } else {
        "text/plain"
    };
    let (status, body): (&str, Vec<u8>) = match step {
        Step::Page(path) => ("200 OK", read(path).into_bytes()),
        Step::Empty => ("200 OK", Vec::new()),
        Step::ServerError => ("500 Internal Server Error", b"oops".to_vec()),
        Step::Truncated => {
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: 5000\r\nConnection: close\r\n\r\nA few bytes"
            );
            return false;
        }
    };
    let etag = match step {
        Step::Page(path) if etags => Some(format!("\"{}\"", path.rsplit('/').next().unwrap())),
        _ => None,
    };
    if let Some(tag) = &etag
        && Some(tag) == if_none_match.as_ref()
    {
        let _ = write!(
            stream,
            "HTTP/1.1 304 Not Modified\r\nETag: {tag}\r\nConnection: close\r\n\r\n"
        );
        return true;
    }
    let etag_header = etag.map(|e| format!("ETag: {e}\r\n")).unwrap_or_default();
    let _ = write!(
        stream,
        "HTTP/1.1 {status}\r\nContent-Type: {kind}; charset=utf-8\r\nContent-Length: {}\r\n{etag_header}Connection: close\r\n\r\n",
        body.len()
    );
    let _ = stream.write_all(&body);
    false
}

const EVERY_MS: u64 = 100;

/// Runs `watch` to its end; returns (stdout, stderr).
fn watch(env: &Env, url: &str, extra: &[&str]) -> (String, String) {
    let every = format!("{EVERY_MS}ms");
    let count = SCHEDULE.len().to_string();
    let mut args = vec!["watch", url, "--every", &every, "--count", &count];
    args.extend_from_slice(extra);
    let out = env
        .cmd()
        .args(&args)
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "watch failed: {stderr}");
    (String::from_utf8(out.stdout).unwrap(), stderr)
}

fn events(stdout: &str) -> Vec<Value> {
    stdout
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e}: {l}")))
        .collect()
}

/// The events a diff holds, as (kind, claim id), in the order watch prints them.
fn expected_events(env: &Env, url: &str, from: i64, to: i64) -> Vec<(String, i64)> {
    let diff: Value = serde_json::from_str(&env.run_ok(&[
        "diff",
        url,
        "--from",
        &from.to_string(),
        "--to",
        &to.to_string(),
        "--format",
        "json",
    ]))
    .unwrap();
    let mut out = Vec::new();
    for (key, kind) in [
        ("new", "new-claim"),
        ("reworded", "reworded"),
        ("removed", "removed"),
        ("flags_appeared", "flag-appeared"),
        ("flags_vanished", "flag-vanished"),
    ] {
        for c in diff[key].as_array().unwrap() {
            out.push((kind.to_string(), c["claim_id"].as_i64().unwrap()));
        }
    }
    out
}

fn stored_versions(env: &Env, url: &str) -> i64 {
    let count = env.text_row(&format!(
        "SELECT CAST(count(*) AS TEXT) FROM articles WHERE source = '{url}'"
    ));
    count[0].as_deref().unwrap().parse().unwrap()
}

fn versions_in(db: &std::path::Path, url: &str) -> i64 {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.query_row(
        "SELECT count(*) FROM articles WHERE source = ?1",
        [url],
        |r| r.get(0),
    )
    .unwrap()
}

/// The versions `ingest --source URL` stores for the pages the schedule serves
/// (the failures left out): what watch, on the same code path, must store.
fn versions_by_ingest(env: &Env, url: &str) -> i64 {
    let db = env.dir.path().join("replay.db");
    let pages = SCHEDULE.iter().filter_map(|step| match step {
        Step::Page(path) => Some(*path),
        _ => None,
    });
    for path in pages {
        let out = env
            .cmd_on(&db)
            .args(["ingest", path, "--source", url])
            .output()
            .unwrap();
        assert!(out.status.success());
    }
    versions_in(&db, url)
}

/// The versions watch saw, in order, from its "version N stored" and "version N
/// (stored before)" lines on stderr.
fn versions_seen(stderr: &str) -> Vec<i64> {
    stderr
        .lines()
        .filter_map(|line| {
            let rest = line.split_once(": version ")?.1;
            let number: String = rest.chars().take_while(char::is_ascii_digit).collect();
            number.parse().ok()
        })
        .collect()
}

/// Asserts the events printed for the whole schedule: v1 → v2, back to v1, then
/// v2 again after the failures, each step exactly what `diff` says changed
/// between the versions it stored or found.
fn assert_schedule_events(env: &Env, url: &str, printed: &[Value], stderr: &str) {
    let seen = versions_seen(stderr);
    assert_eq!(seen.len(), 4, "v1, v2, v1, v2: {stderr}");
    assert_eq!(&seen[..2], [1, 2]);
    let mut expected = Vec::new();
    let mut to_versions = Vec::new();
    for step in seen.windows(2) {
        let events = expected_events(env, url, step[0], step[1]);
        assert!(!events.is_empty(), "the seeds differ: {step:?} has events");
        to_versions.extend(std::iter::repeat_n(step[1], events.len()));
        expected.extend(events);
    }
    let got: Vec<(String, i64)> = printed
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap().to_string(),
                e["claim_id"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(got, expected);
    let versions: Vec<i64> = printed
        .iter()
        .map(|e| e["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, to_versions);
    for e in printed {
        assert_eq!(e["source"], url);
        assert!(!e["text"].as_str().unwrap().is_empty());
    }
}

/// Back-off: after the empty page (first failure) the next poll waits two
/// intervals, after the 500 (second) four, and never more than eight.
fn assert_backoff(times: &[Instant]) {
    assert_eq!(times.len(), SCHEDULE.len(), "one request a poll");
    let gaps: Vec<Duration> = times.windows(2).map(|w| w[1] - w[0]).collect();
    let every = Duration::from_millis(EVERY_MS);
    for (i, gap) in gaps.iter().enumerate() {
        let expected = match SCHEDULE[i] {
            Step::Empty => every * 2,
            Step::ServerError => every * 4,
            _ => every,
        };
        assert!(*gap >= expected, "gap {i}: {gap:?} < {expected:?}");
        assert!(
            *gap < expected + Duration::from_secs(2),
            "gap {i}: {gap:?} far over {expected:?}"
        );
    }
}

#[test]
fn watch_stores_changes_reports_events_and_backs_off_without_etags() {
    let env = Env::new();
    let server = Server::start(SCHEDULE, false);
    let (stdout, stderr) = watch(&env, &server.url, &["--format", "jsonl"]);
    assert_eq!(server.not_modified(), 0);
    // What ingest stores for v1, v2, v1, v2; the empty page never.
    assert_eq!(
        stored_versions(&env, &server.url),
        versions_by_ingest(&env, &server.url),
        "{stderr}"
    );
    assert!(stored_versions(&env, &server.url) >= 2);
    assert_schedule_events(&env, &server.url, &events(&stdout), &stderr);
    assert_backoff(&server.request_times());
    // Each failure said once, and the recovery.
    assert_eq!(stderr.matches("came back empty").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("HTTP 500").count(), 1, "{stderr}");
    assert_eq!(stderr.matches("answering again").count(), 1, "{stderr}");
    assert!(stderr.contains("trying again in 200ms"), "{stderr}");
    assert!(stderr.contains("trying again in 400ms"), "{stderr}");
}

#[test]
fn watch_with_etags_costs_a_304_for_an_unchanged_page() {
    let env = Env::new();
    let server = Server::start(SCHEDULE, true);
    let (stdout, stderr) = watch(&env, &server.url, &["--format", "jsonl"]);
    // The second ask for v1 and for v2 came with If-None-Match.
    assert_eq!(server.not_modified(), 2, "{stderr}");
    assert_eq!(
        stored_versions(&env, &server.url),
        versions_by_ingest(&env, &server.url),
        "{stderr}"
    );
    assert_schedule_events(&env, &server.url, &events(&stdout), &stderr);
    assert_backoff(&server.request_times());
}

fn text_events_are_one_line_each_and_exec_gets_each_as_json(env: Env) {
    let server = Server::start(SCHEDULE, true);
    let hooked = env.dir.path().join("hooked.jsonl");
    let exec = format!("cat >> '{}'", hooked.display());
    let (stdout, stderr) = watch(&env, &server.url, &["--exec", &exec]);
    let seen = versions_seen(&stderr);
    let total: usize = seen
        .windows(2)
        .map(|step| expected_events(&env, &server.url, step[0], step[1]).len())
        .sum();
    let expected = expected_events(&env, &server.url, 1, 2);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), total, "{stdout}");
    let (kind, id) = &expected[0];
    let label = kind.replace('-', " ");
    assert!(
        lines[0].contains(&label) && lines[0].contains(&format!("#{id} ")),
        "{}",
        lines[0]
    );
    let hooked = events(&std::fs::read_to_string(hooked).unwrap());
    assert_eq!(hooked.len(), lines.len());
    assert_eq!(hooked[0]["claim_id"].as_i64(), Some(*id));
}

#[test]
fn a_failing_exec_is_reported_and_not_fatal() {
    let env = Env::new();
    let server = Server::start(&[Step::Page(V1), Step::Page(V2)], false);
    let out = env
        .cmd()
        .args(["watch", &server.url, "--every", "50ms", "--count", "2"])
        .args(["--exec", "exit 3"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(stderr.contains("--exec exit 3: failed"), "{stderr}");
    assert_eq!(stored_versions(&env, &server.url), 2);
}

fn a_truncated_body_is_a_transient_failure_never_stored(env: Env) {
    let server = Server::start(&[Step::Truncated, Step::Page(V1)], false);
    let out = env
        .cmd()
        .args(["watch", &server.url, "--every", "50ms", "--count", "2"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert_eq!(stderr.matches("claimtrack: http").count(), 1, "{stderr}");
    assert_eq!(stored_versions(&env, &server.url), 1, "only v1: {stderr}");
    let text = env.text_row("SELECT content FROM article_texts");
    assert!(!text[0].as_deref().unwrap().contains("A few bytes"));
}

#[test]
fn sigterm_stops_watch_cleanly_between_polls() {
    let env = Env::new();
    let server = Server::start(&[Step::Page(V1)], true);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
        .args(["--db"])
        .arg(env.db_arg())
        .args(["watch", &server.url, "--every", "100ms"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut first = String::new();
    stderr.read_line(&mut first).unwrap();
    assert!(first.contains("version 1 stored"), "{first}");
    // The write lock is not held between polls: a reviewer marks meanwhile.
    let marked = Instant::now();
    env.run_ok(&["mark", "1", "--status", "false", "--note", "while watching"]);
    assert!(marked.elapsed() < Duration::from_secs(5));
    // Let it poll a few times (304s), then ask it to stop.
    thread::sleep(Duration::from_millis(350));
    let status = Command::new("kill")
        .args(["-TERM", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let asked = Instant::now();
    let status = child.wait().unwrap();
    assert!(
        asked.elapsed() < Duration::from_secs(3),
        "stopped in {:?}",
        asked.elapsed()
    );
    let mut rest = String::new();
    stderr.read_to_string(&mut rest).unwrap();
    assert!(status.success(), "{status}: {rest}");
    assert!(rest.contains("watch stopped"), "{rest}");
    assert!(server.not_modified() >= 2, "polled with If-None-Match");
    assert_eq!(stored_versions(&env, &server.url), 1);
    env.run_ok(&["check"]);
}

#[test]
fn a_short_interval_is_refused_for_a_remote_page() {
    let env = Env::new();
    let (code, stderr) = env.run_err(&["watch", "https://example.org/live", "--every", "5s"]);
    assert_eq!(code, 2);
    assert!(
        stderr.contains("only for pages on this machine"),
        "{stderr}"
    );
    assert!(!env.db().exists(), "a refused command creates nothing");
}

fn several_pages_are_followed_at_once_each_stored_and_named(env: Env) {
    const A: &[Step] = &[Step::Page(V1), Step::Page(V2)];
    const B: &[Step] = &[
        Step::Page("tests/fixtures/html/live-articles.html"),
        Step::Page("tests/fixtures/html/live-jsonld.html"),
    ];
    let (a, b) = (Server::start(A, true), Server::start(B, false));
    let out = env
        .cmd()
        .args(["watch", &a.url, &b.url, "--every", "100ms", "--count", "2"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    let stdout = String::from_utf8(out.stdout).unwrap();
    for server in [&a, &b] {
        assert_eq!(server.request_times().len(), 2);
        assert_eq!(stored_versions(&env, &server.url), 2, "{stderr}");
        let changes = expected_events(&env, &server.url, 1, 2).len();
        // With several pages, each line names its page.
        assert_eq!(
            stdout.matches(&format!(" {} ", server.url)).count(),
            changes,
            "{stdout}"
        );
    }
}

/// SQLite only: a timing test of watch's clock, not of the register (a first
/// connection to a server takes part of the 450 ms).
#[test]
fn until_ends_the_watch_at_its_time() {
    let env = Env::new();
    let server = Server::start(&[Step::Page(V1)], true);
    let started = Instant::now();
    env.run_ok(&["watch", &server.url, "--every", "100ms", "--until", "450ms"]);
    let took = started.elapsed();
    assert!(took >= Duration::from_millis(450), "{took:?}");
    assert!(took < Duration::from_secs(5), "{took:?}");
    let polls = server.request_times().len();
    assert!(
        (3..=6).contains(&polls),
        "{polls} polls in 450 ms every 100 ms"
    );
}

fn a_killed_watch_loses_nothing_committed(env: Env) {
    let server = Server::start(&[Step::Page(V1), Step::Page(V2)], false);
    let mut child = Command::new(assert_cmd::cargo::cargo_bin("claimtrack"))
        .args(["--db"])
        .arg(env.db_arg())
        .args(["watch", &server.url, "--every", "100ms"])
        .current_dir(env!("CARGO_MANIFEST_DIR"))
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stderr = BufReader::new(child.stderr.take().unwrap());
    let mut line = String::new();
    while !line.contains("version 2 stored") {
        line.clear();
        assert!(
            stderr.read_line(&mut line).unwrap() > 0,
            "watch ended early"
        );
    }
    child.kill().unwrap();
    child.wait().unwrap();
    assert_eq!(stored_versions(&env, &server.url), 2);
    env.run_ok(&["check"]);
    env.run_ok(&["diff", &server.url]);
}

fn content_stored_under_another_name_is_said_and_not_stored_again(env: Env) {
    env.run_ok(&["ingest", V1, "--source", "saved-copy"]);
    let server = Server::start(&[Step::Page(V1)], false);
    let out = env
        .cmd()
        .args(["watch", &server.url, "--every", "50ms", "--count", "2"])
        .timeout(Duration::from_secs(20))
        .output()
        .unwrap();
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(out.status.success(), "{stderr}");
    assert!(
        stderr.contains("same content as article 1 (saved-copy); not stored again"),
        "{stderr}"
    );
    assert_eq!(
        stderr.matches("same content").count(),
        1,
        "said once: {stderr}"
    );
    assert_eq!(stored_versions(&env, &server.url), 0);
}

on_both![
    text_events_are_one_line_each_and_exec_gets_each_as_json,
    a_truncated_body_is_a_transient_failure_never_stored,
    several_pages_are_followed_at_once_each_stored_and_named,
    a_killed_watch_loses_nothing_committed,
    content_stored_under_another_name_is_said_and_not_stored_again,
];
