//! What a page says about itself (meta tags, JSON-LD) and the posts of a live blog,
//! read from fixture pages, stored, shown, exported and published.

use crate::common::{Env, read};
use claimtrack::html::{PageMeta, read_page};
use serde_json::Value;

const JSON_LD: &str = "tests/fixtures/html/live-jsonld.html";
const ARTICLES: &str = "tests/fixtures/html/live-articles.html";

fn some(text: &str) -> Option<String> {
    Some(text.to_string())
}

#[test]
fn metadata_comes_from_json_ld_where_the_tags_are_silent() {
    let page = read_page(&read(JSON_LD));
    assert_eq!(
        page.meta,
        PageMeta {
            // <link rel=canonical> wins over og:url.
            canonical_url: some("https://news.example.org/live/flood-river-crests"),
            headline: some("Flood live: river crests above record level"),
            published_at: some("2026-11-30T05:00:00Z"),
            modified_at: some("2026-11-30T13:20:00Z"),
            author: some("Dana Reyes, Omar Haddad"),
            publisher: some("Example Times"),
        }
    );
}

#[test]
fn metadata_comes_from_meta_tags() {
    let page = read_page(&read(ARTICLES));
    assert_eq!(
        page.meta,
        PageMeta {
            canonical_url: some("https://post.example.net/world/ceasefire-talks-live"),
            headline: some("Ceasefire talks live: delegations meet in Geneva"),
            published_at: some("2026-12-01T07:00:00Z"),
            modified_at: some("2026-12-01T15:45:30Z"),
            // article:author is a profile URL here: the name comes from <meta name=author>.
            author: some("Sam Lee"),
            publisher: some("Example Post"),
        }
    );
}

/// (post title, post time) of each post, in text order, with the line it starts on.
fn posts(path: &str) -> Vec<(Option<String>, Option<String>, String)> {
    let page = read_page(&read(path));
    page.posts
        .iter()
        .map(|p| {
            let line = page.text[p.start..].lines().next().unwrap().to_string();
            (p.title.clone(), p.time.clone(), line)
        })
        .collect()
}

#[test]
fn json_ld_live_blog_updates_are_found_in_the_text() {
    assert_eq!(
        posts(JSON_LD),
        [
            (
                some("Evacuation buses reach the valley"),
                some("2026-11-30T12:05:00Z"),
                "Evacuation buses reach the valley".to_string()
            ),
            (
                some("River gauge passes its record"),
                some("2026-11-30T10:40:00Z"),
                "River gauge passes its record".to_string()
            ),
            // No headline: found by the opening of its body.
            (
                None,
                some("2026-11-30T08:15:00Z"),
                "Power was cut to about 4,000 homes overnight, the grid operator said. Crews were waiting for the water to fall.".to_string()
            ),
        ]
    );
}

#[test]
fn repeated_articles_with_times_are_posts_and_their_container_is_not() {
    let found = posts(ARTICLES);
    let titles: Vec<_> = found.iter().map(|(t, _, _)| t.clone()).collect();
    let times: Vec<_> = found.iter().map(|(_, t, _)| t.clone()).collect();
    assert_eq!(
        titles,
        [
            some("Second session ends early"),
            None,
            some("Mediators set the agenda")
        ]
    );
    assert_eq!(
        times,
        [
            some("2026-12-01T15:30:00Z"),
            some("2026-12-01T10:10:00Z"),
            some("2026-12-01T08:00:00Z")
        ]
    );
    // Each post starts at its own first line (the time's text), not at the headline.
    assert!(
        found
            .iter()
            .all(|(_, _, line)| line != "Ceasefire talks live: delegations meet in Geneva")
    );
}

#[test]
fn a_page_with_one_timed_article_has_no_posts() {
    let html = r#"<article><h1>Story</h1><time datetime="2026-12-01T08:00:00Z">today</time>
        <p>The mayor said the road would reopen.</p></article>"#;
    assert!(read_page(html).posts.is_empty());
}

/// The exported claim whose text contains `needle`.
fn claim<'a>(claims: &'a [Value], needle: &str) -> &'a Value {
    claims
        .iter()
        .find(|c| c["text"].as_str().unwrap().contains(needle))
        .unwrap_or_else(|| panic!("no claim with {needle:?} in {claims:#?}"))
}

fn claims_carry_their_post_in_export_and_show(env: Env) {
    env.run_ok(&[
        "ingest",
        JSON_LD,
        ARTICLES,
        "seeds/000_603c3ce12f8f4009.txt",
    ]);
    let claims = env.export();
    let buses = claim(&claims, "Twelve buses");
    assert_eq!(buses["post_title"], "Evacuation buses reach the valley");
    assert_eq!(buses["post_time"], "2026-11-30T12:05:00Z");
    let power = claim(&claims, "Power was cut");
    assert_eq!(power["post_title"], Value::Null);
    assert_eq!(power["post_time"], "2026-11-30T08:15:00Z");
    let police = claim(&claims, "Swiss police");
    assert_eq!(police["post_title"], Value::Null);
    assert_eq!(police["post_time"], "2026-12-01T10:10:00Z");
    // A plain-text page marks no post times.
    let plain: Vec<&Value> = claims
        .iter()
        .filter(|c| c["source"].as_str().unwrap().ends_with(".txt"))
        .collect();
    assert!(!plain.is_empty());
    assert!(plain.iter().all(|c| c["post_time"].is_null()));

    let shown = env.run_ok(&["show", &buses["id"].to_string()]);
    assert!(
        shown.contains("post            2026-11-30T12:05:00Z  Evacuation buses reach the valley"),
        "{shown}"
    );
}

fn page_metadata_is_stored_with_the_version(env: Env) {
    env.run_ok(&["ingest", JSON_LD]);
    let row = env.text_row(
        "SELECT canonical_url, headline, published_at, modified_at, author, publisher FROM articles",
    );
    assert_eq!(
        row,
        [
            some("https://news.example.org/live/flood-river-crests"),
            some("Flood live: river crests above record level"),
            some("2026-11-30T05:00:00Z"),
            some("2026-11-30T13:20:00Z"),
            some("Dana Reyes, Omar Haddad"),
            some("Example Times"),
        ]
    );
    env.run_ok(&["check"]);
}

fn claimreview_uses_the_page_date_and_canonical_url(env: Env) {
    env.run_ok(&["ingest", JSON_LD]);
    let claims = env.export();
    let buses = claim(&claims, "Twelve buses");
    let id = buses["id"].to_string();
    env.run_ok(&["mark", &id, "--status", "false"]);
    env.run_ok(&[
        "publish",
        &id,
        "--explanation",
        "The depot sent four buses.",
    ]);
    let reviews = env.json(&[
        "export",
        "--format",
        "claimreview",
        "--review-url-base",
        "https://factcheck.example.org/claims/",
    ]);
    let item = &reviews[0]["itemReviewed"];
    assert_eq!(item["datePublished"], "2026-11-30");
    let appearance = &item["appearance"][0];
    assert_eq!(
        appearance["url"],
        "https://news.example.org/live/flood-river-crests"
    );
    assert_eq!(
        appearance["headline"],
        "Flood live: river crests above record level"
    );
    assert_eq!(appearance["datePublished"], "2026-11-30");
}

fn reports_say_what_the_page_says_about_itself(env: Env) {
    env.run_ok(&["ingest", JSON_LD, "seeds/000_603c3ce12f8f4009.txt"]);
    let about = "published 2026-11-30T05:00:00Z · updated 2026-11-30T13:20:00Z · \
                 by Dana Reyes, Omar Haddad · publisher Example Times · \
                 canonical https://news.example.org/live/flood-river-crests";
    let markdown = env.run_ok(&["export", "--format", "markdown"]);
    assert!(markdown.contains(&format!("Page: {about}\n")), "{markdown}");
    let html = env.run_ok(&["export", "--format", "html"]);
    assert!(
        html.contains(&format!("<p class=\"meta page\">{about}</p>")),
        "{html}"
    );
    // The plain-text seed says nothing about itself: one such line each.
    assert_eq!(markdown.matches("Page: ").count(), 1);
    assert_eq!(html.matches("class=\"meta page\"").count(), 1);
}

fn a_plain_text_page_s_heading_lines_title_its_posts_without_times(env: Env) {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join("live.txt");
    std::fs::write(
        &page,
        "Flood live: the river crests\n\
         Bridge closed as the water rises\n\
         The mayor said the bridge would stay closed until Monday.\n\
         Your support helps us to tell the story\n\
         Police said two roads were flooded overnight.\n\
         Evening update\n\
         The weather service said the rain would stop by Friday.\n",
    )
    .unwrap();
    env.run_ok(&["ingest", page.to_str().unwrap()]);
    let claims = env.export();
    let posts: Vec<(&str, &Value)> = claims
        .iter()
        .map(|c| (c["text"].as_str().unwrap(), &c["post_title"]))
        .collect();
    assert_eq!(
        posts,
        [
            (
                "The mayor said the bridge would stay closed until Monday.",
                &Value::from("Bridge closed as the water rises")
            ),
            // A publisher's appeal that looks like a heading titles nothing.
            (
                "Police said two roads were flooded overnight.",
                &Value::from("Bridge closed as the water rises")
            ),
            (
                "The weather service said the rain would stop by Friday.",
                &Value::from("Evening update")
            ),
        ]
    );
    assert!(claims.iter().all(|c| c["post_time"].is_null()));
    let shown = env.run_ok(&["show", &claims[2]["id"].to_string()]);
    assert!(shown.contains("Evening update"), "{shown}");
}

on_both![
    page_metadata_is_stored_with_the_version,
    claims_carry_their_post_in_export_and_show,
    claimreview_uses_the_page_date_and_canonical_url,
    reports_say_what_the_page_says_about_itself,
    a_plain_text_page_s_heading_lines_title_its_posts_without_times,
];
