//! HTML ingest: saved pages full of page furniture read as their plain-text copies.

use crate::common::{Env, read, repo_path, s, without_source};
use serde_json::Value;

/// Each fixture page and the plain text a reader would copy out of it.
const PAGES: &[(&str, &str)] = &[
    (
        "tests/fixtures/html/live-blog.html",
        "tests/fixtures/html/live-blog.txt",
    ),
    (
        "tests/fixtures/html/article.html",
        "tests/fixtures/html/article.txt",
    ),
];

/// Phrases that only the furniture (nav, ads, scripts, captions, footers, forms,
/// cookie banner) of the fixtures holds: none may reach a claim.
const FURNITURE: &[&str] = &[
    "publisher said",
    "Officials said to be in talks",
    "experts said",
    "the ministry said",
    "Injected",
    "Analysts said",
    "Minister said to resign",
    "spokesman said",
    "the site said",
    "Pentagon said\";",
    "our editors said",
    "union said nothing",
    "data showed",
    "Rail unions",
    "the newsroom said",
    "the agency said",
    "Your support",
    "Join our commenting forum",
];

#[test]
fn fixture_pages_read_as_their_plain_text_copies() {
    for (html, txt) in PAGES {
        assert_eq!(
            claimtrack::html::html_to_text(&read(html)),
            read(txt),
            "{html}"
        );
    }
}

fn fixture_pages_give_the_same_claims_as_their_text(env: Env) {
    for (html, txt) in PAGES {
        let from_html = env.json(&["extract", html, "--format", "json"]);
        let from_text = env.json(&["extract", txt, "--format", "json"]);
        assert_eq!(
            without_source(&from_html),
            without_source(&from_text),
            "{html}"
        );
        for claim in from_html.as_array().unwrap() {
            let text = claim["text"].as_str().unwrap();
            for noise in FURNITURE {
                assert!(
                    !text.contains(noise),
                    "{html}: furniture in a claim: {text}"
                );
            }
        }
    }
}

fn ingested_page_stores_its_text_and_the_hash_of_its_bytes(env: Env) {
    let (html, txt) = PAGES[0];
    let out = env.run_ok(&["ingest", html]);
    assert!(out.contains(" claims, "), "{out}");

    let articles = env.json(&["articles", "--format", "json"]);
    let article = &articles[0];
    let bytes = std::fs::read(repo_path(html)).unwrap();
    assert_eq!(
        article["sha256"],
        claimtrack::ingest::source::sha256_hex(&bytes)
    );
    let stored_as = repo_path(html).canonicalize().unwrap();
    assert_eq!(article["source"], stored_as.display().to_string());
    let text = read(txt);
    assert_eq!(article["title"].as_str(), text.lines().next());

    // Offsets point into the extracted text, which is what `show` quotes from.
    for claim in env.export() {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(&text[start..end], claim["text"].as_str().unwrap());
    }

    let again = env.run_ok(&["ingest", html]);
    assert!(again.contains("unchanged"), "{again}");
}

fn directory_walk_takes_html_and_htm_pages(env: Env) {
    let dir = env.dir.path().join("pages");
    std::fs::create_dir(&dir).unwrap();
    std::fs::copy(repo_path(PAGES[0].0), dir.join("live.HTML")).unwrap();
    std::fs::copy(repo_path(PAGES[1].0), dir.join("story.htm")).unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let out = env.run_ok(&["ingest", s(&dir)]);
    assert_eq!(out.lines().count(), 2, "{out}");
    let sources = env.sources();
    assert!(
        sources.iter().any(|s| s.ends_with("live.HTML")),
        "{sources:?}"
    );
    assert!(
        sources.iter().any(|s| s.ends_with("story.htm")),
        "{sources:?}"
    );
}

fn html_on_stdin_is_recognised_and_read_as_a_page(env: Env) {
    let (html, txt) = PAGES[1];
    let out = env
        .cmd()
        .args(["ingest", "-", "--source", "port-strike"])
        .write_stdin(std::fs::read(repo_path(html)).unwrap())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stored: Vec<Value> = env
        .export()
        .into_iter()
        .map(|mut c| {
            let c = c.as_object_mut().unwrap();
            Value::String(c.remove("text").unwrap().as_str().unwrap().to_string())
        })
        .collect();
    let expected: Vec<Value> = env
        .json(&["extract", txt, "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].clone())
        .collect();
    assert_eq!(stored, expected);
}

on_both![
    fixture_pages_give_the_same_claims_as_their_text,
    ingested_page_stores_its_text_and_the_hash_of_its_bytes,
    directory_walk_takes_html_and_htm_pages,
    html_on_stdin_is_recognised_and_read_as_a_page,
];
