//! URL ingest against a tiny HTTP server this test starts on 127.0.0.1 (never an
//! outside address). The server answers fixed responses by path and lives as long
//! as the test binary.

use crate::common::{Env, read};
use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::thread;
use std::time::Duration;

const LIVE_HTML: &str = "tests/fixtures/html/live-blog.html";
const LIVE_TEXT: &str = "tests/fixtures/html/live-blog.txt";
const ARTICLE_TEXT: &str = "tests/fixtures/html/article.txt";

/// Starts the server; returns its base URL (`http://127.0.0.1:PORT`).
fn serve() -> String {
    let listener = TcpListener::bind("127.0.0.1:0").unwrap();
    let base = format!("http://{}", listener.local_addr().unwrap());
    let hits = Arc::new(AtomicUsize::new(0));
    thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let hits = Arc::clone(&hits);
            thread::spawn(move || answer(stream, &hits));
        }
    });
    base
}

fn answer(mut stream: TcpStream, hits: &AtomicUsize) {
    stream
        .set_read_timeout(Some(Duration::from_secs(5)))
        .unwrap();
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    let mut request_line = String::new();
    if reader.read_line(&mut request_line).is_err() {
        return;
    }
    // Read the headers to their end so the client is not cut off mid-request.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let path = request_line.split(' ').nth(1).unwrap_or("/").to_string();
    let html = read(LIVE_HTML);
    let (status, headers, body): (&str, Vec<String>, Vec<u8>) = match path.as_str() {
        "/live" => (
            "200 OK",
            vec![typed("text/html; charset=utf-8")],
            html.into(),
        ),
        "/post.txt" => (
            "200 OK",
            vec![typed("text/plain")],
            read(ARTICLE_TEXT).into(),
        ),
        "/untyped" => ("200 OK", vec![], html.into()),
        "/moved" => (
            "301 Moved Permanently",
            vec!["Location: /live".into()],
            vec![],
        ),
        "/changing" => {
            // The first fetch sees the short article, later ones the live blog.
            let body = if hits.fetch_add(1, Ordering::SeqCst) == 0 {
                read(ARTICLE_TEXT)
            } else {
                read(LIVE_TEXT)
            };
            ("200 OK", vec![typed("text/plain")], body.into())
        }
        "/big" => ("200 OK", vec![typed("text/html")], vec![b'x'; 5_000]),
        "/big-unsized" => {
            // No Content-Length: the size is only known by reading.
            let _ = write!(
                stream,
                "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nConnection: close\r\n\r\n"
            );
            for _ in 0..5 {
                let _ = stream.write_all(&[b'y'; 1_000]);
            }
            return;
        }
        "/slow" => {
            thread::sleep(Duration::from_secs(3));
            ("200 OK", vec![typed("text/plain")], b"late".to_vec())
        }
        "/photo.png" => ("200 OK", vec![typed("image/png")], b"\x89PNG".to_vec()),
        // A Latin-1 page, declared in the header or only in its markup.
        "/latin1" => (
            "200 OK",
            vec![typed("text/html; charset=iso-8859-1")],
            LATIN1_PAGE.to_vec(),
        ),
        "/latin1-meta" => (
            "200 OK",
            vec![typed("text/html")],
            LATIN1_META_PAGE.to_vec(),
        ),
        _ => (
            "404 Not Found",
            vec![typed("text/plain")],
            b"not here".to_vec(),
        ),
    };
    let mut head = format!(
        "HTTP/1.1 {status}\r\nContent-Length: {}\r\nConnection: close\r\n",
        body.len()
    );
    for header in headers {
        head.push_str(&header);
        head.push_str("\r\n");
    }
    head.push_str("\r\n");
    let _ = stream.write_all(head.as_bytes());
    let _ = stream.write_all(&body);
}

const LATIN1_PAGE: &[u8] =
    b"<html><body><p>The bridge at Montr\xe9al was open, the minister said.</p></body></html>";
const LATIN1_META_PAGE: &[u8] = b"<html><head><meta charset=\"windows-1252\"></head>\
    <body><p>The bridge at Montr\xe9al was open, the minister said.</p></body></html>";

fn typed(mime: &str) -> String {
    format!("Content-Type: {mime}")
}

fn texts(claims: &serde_json::Value) -> Vec<String> {
    claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect()
}

fn a_fetched_page_is_ingested_like_its_text_under_its_url(env: Env) {
    let base = serve();
    let url = format!("{base}/live");
    let out = env.run_ok(&["ingest", &url]);
    assert!(out.starts_with(&format!("{url}: ")), "{out}");

    let expected = texts(&env.json(&["extract", LIVE_TEXT, "--format", "json"]));
    let stored = env.export();
    assert!(stored.iter().all(|c| c["source"] == url.as_str()));
    let stored_texts: Vec<String> = stored
        .iter()
        .map(|c| c["text"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(stored_texts, expected);
    // `extract` takes URLs too, and sees the same.
    assert_eq!(
        texts(&env.json(&["extract", &url, "--format", "json"])),
        expected
    );

    let again = env.run_ok(&["ingest", &url]);
    assert!(again.contains("unchanged"), "{again}");
}

fn plain_text_untyped_and_redirected_pages(env: Env) {
    let base = serve();
    let text_url = format!("{base}/post.txt");
    env.run_ok(&["ingest", &text_url]);
    let expected = texts(&env.json(&["extract", ARTICLE_TEXT, "--format", "json"]));
    let got = texts(&env.json(&["extract", &text_url, "--format", "json"]));
    assert_eq!(got, expected);

    // No Content-Type: recognised as HTML by its opening.
    let live = texts(&env.json(&["extract", LIVE_TEXT, "--format", "json"]));
    let untyped = format!("{base}/untyped");
    assert_eq!(
        texts(&env.json(&["extract", &untyped, "--format", "json"])),
        live
    );

    // A redirect is followed; the source stays the URL that was asked for.
    let moved = format!("{base}/moved");
    env.run_ok(&["ingest", &moved]);
    let sources = env.sources();
    assert_eq!(sources.len(), 2, "{sources:?}");
    assert!(sources.contains(&moved), "{sources:?}");
}

fn a_page_that_changes_becomes_a_new_version_of_its_url(env: Env) {
    let base = serve();
    let url = format!("{base}/changing");
    env.run_ok(&["ingest", &url]);
    let second = env.run_ok(&["ingest", &url]);
    assert!(second.contains("version 2"), "{second}");
    let articles = env.json(&["articles", "--format", "json"]);
    let versions: Vec<i64> = articles
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["source"] == url.as_str())
        .map(|a| a["version"].as_i64().unwrap())
        .collect();
    assert_eq!(versions, vec![1, 2]);
}

fn fetch_failures_are_one_line_and_store_nothing(env: Env) {
    let base = serve();
    let refused = {
        // A port that was just free: nothing listens there now.
        let probe = TcpListener::bind("127.0.0.1:0").unwrap();
        format!("http://{}/live", probe.local_addr().unwrap())
    };
    let cases: Vec<(String, Vec<&str>, &str)> = vec![
        (refused, vec![], "connection refused"),
        (format!("{base}/nowhere"), vec![], "HTTP 404 Not Found"),
        (
            format!("{base}/big"),
            vec!["--max-bytes", "1000"],
            "larger than the 1000-byte limit",
        ),
        (
            format!("{base}/big-unsized"),
            vec!["--max-bytes", "1000"],
            "larger than the 1000-byte limit",
        ),
        (
            format!("{base}/slow"),
            vec!["--timeout", "0.5"],
            "timed out after 0.5 s",
        ),
        (
            format!("{base}/photo.png"),
            vec![],
            "unsupported content type image/png",
        ),
    ];
    for (url, flags, needle) in cases {
        let mut args = vec!["ingest", url.as_str()];
        args.extend(flags);
        let (code, stderr) = env.run_err(&args);
        assert_eq!(code, 1, "{args:?}: {stderr}");
        assert_eq!(stderr.lines().count(), 1, "{args:?}: {stderr}");
        assert!(
            stderr.contains(needle) && stderr.contains(&url),
            "{args:?}: {stderr}"
        );
        assert!(!stderr.contains("panicked"), "{stderr}");
    }
    let articles = env.json(&["articles", "--format", "json"]);
    assert_eq!(articles.as_array().unwrap().len(), 0);
}

fn bad_fetch_flags_are_usage_errors(env: Env) {
    let (code, stderr) = env.run_err(&["ingest", "http://127.0.0.1:9/x", "--timeout", "0"]);
    assert_eq!(code, 2, "{stderr}");
    assert!(stderr.contains("seconds"), "{stderr}");
}

// Issue 10, item 11: a page is decoded by the charset it declares, not refused.
fn a_page_in_a_declared_legacy_charset_is_decoded(env: Env) {
    let base = serve();
    for path in ["/latin1", "/latin1-meta"] {
        env.run_ok(&["ingest", &format!("{base}{path}")]);
    }
    let claims = env.export();
    assert_eq!(claims.len(), 2, "{claims:?}");
    for claim in claims {
        assert_eq!(
            claim["text"],
            "The bridge at Montr\u{e9}al was open, the minister said."
        );
    }
}

on_both![
    bad_fetch_flags_are_usage_errors,
    a_fetched_page_is_ingested_like_its_text_under_its_url,
    plain_text_untyped_and_redirected_pages,
    a_page_that_changes_becomes_a_new_version_of_its_url,
    fetch_failures_are_one_line_and_store_nothing,
    a_page_in_a_declared_legacy_charset_is_decoded,
];
