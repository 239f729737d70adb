//! Search that finds: the full-text index behind `--search`, Unicode folding of
//! `--speaker`, `--sort`, relative `--since`, id ranges and ids on stdin, short flags.
//! Through the real binary.

use serde_json::Value;

use crate::common::{Env, s};

const ARTICLE: &str = "Turkish Foreign Minister Mevlüt Çavuşoğlu said the talks would resume in Istanbul next week.

The ministry called the report “fake news” and said it would respond on Monday, according to Anadolu.

A spokesman for the ministry said the delegation had left Ankara, Reuters reported.
";

fn env_with_article(env: Env) -> Env {
    let path = env.file("turkey.txt", ARTICLE.as_bytes());
    env.run_ok(&["ingest", s(&path)]);
    env
}

/// The ids `list` prints for these arguments (JSON lines), in order.
fn ids(env: &Env, args: &[&str]) -> Vec<i64> {
    let mut all = vec!["list", "--format", "jsonl"];
    all.extend_from_slice(args);
    env.run_ok(&all)
        .lines()
        .map(|l| {
            serde_json::from_str::<Value>(l).unwrap()["id"]
                .as_i64()
                .unwrap()
        })
        .collect()
}

fn search_folds_case_and_diacritics_for_all_of_unicode(env: Env) {
    let env = env_with_article(env);
    for query in ["çavuşoğlu", "ÇAVUŞOĞLU", "cavusoglu", "Mevlut Cavusoglu"] {
        assert_eq!(ids(&env, &["--search", query]), vec![1], "{query}");
    }
    assert_eq!(ids(&env, &["--search", "istanbul"]), vec![1]);
}

fn search_folds_quote_styles_and_matches_phrases(env: Env) {
    let env = env_with_article(env);
    // The claim has curly quotes; the reviewer types straight ones, or none.
    assert_eq!(ids(&env, &["--search", "\"fake news\""]), vec![2]);
    assert_eq!(ids(&env, &["--search", "“fake news”"]), vec![2]);
    assert_eq!(ids(&env, &["--search", "report \"fake news\""]), vec![2]);
    // A phrase is words in order; bare words may come in any order.
    assert!(ids(&env, &["--search", "\"news fake\""]).is_empty());
    assert_eq!(ids(&env, &["--search", "news fake"]), vec![2]);
}

fn search_matches_whole_words_and_prefixes_across_speaker_outlet_and_text(env: Env) {
    let env = env_with_article(env);
    assert_eq!(ids(&env, &["--search", "ministry"]), vec![2, 3]);
    assert!(
        ids(&env, &["--search", "minis"]).is_empty(),
        "whole words only"
    );
    assert_eq!(ids(&env, &["--search", "minis*"]), vec![1, 2, 3]);
    // The outlet of claim 2 is Anadolu, said in its text too; Reuters is claim 3's speaker.
    assert_eq!(ids(&env, &["--search", "reuters"]), vec![3]);
    // Search composes with the other filters.
    assert_eq!(
        ids(&env, &["--search", "ministry", "--speaker", "reuters"]),
        vec![3]
    );
}

fn search_finds_a_note_once_it_is_written(env: Env) {
    let env = env_with_article(env);
    assert!(ids(&env, &["--search", "denied"]).is_empty());
    env.run_ok(&[
        "mark",
        "3",
        "-s",
        "false",
        "-n",
        "Ankara's office denied it",
    ]);
    assert_eq!(ids(&env, &["--search", "denied"]), vec![3]);
    // A newer note replaces it in the index, as `latest_note` replaces it on the claim.
    env.run_ok(&["note", "3", "Confirmed by a second source"]);
    assert!(ids(&env, &["--search", "denied"]).is_empty());
    assert_eq!(ids(&env, &["--search", "second source"]), vec![3]);
}

fn search_without_a_word_is_a_usage_error(env: Env) {
    let env = env_with_article(env);
    let (code, err) = env.run_err(&["list", "--search", " \" - "]);
    assert_eq!(code, 2, "{err}");
    assert!(err.contains("nothing to search for"), "{err}");
}

fn fts_syntax_in_a_search_is_taken_as_words(env: Env) {
    let env = env_with_article(env);
    assert!(ids(&env, &["--search", "NOT ministry"]).is_empty());
    assert_eq!(ids(&env, &["--search", "ministry*)"]), vec![2, 3]);
}

fn speaker_filter_folds_unicode_case_and_diacritics(env: Env) {
    let env = env_with_article(env);
    for query in ["çavuşoğlu", "ÇAVUŞOĞLU", "cavusoglu", "Mevlüt Çavuş"] {
        assert_eq!(ids(&env, &["--speaker", query]), vec![1], "{query}");
    }
    assert_eq!(ids(&env, &["--speaker", "THE MINISTRY"]), vec![2]);
    assert!(ids(&env, &["--speaker", "lavrov"]).is_empty());
}

fn sort_orders_the_listing(env: Env) {
    let env = env_with_article(env);
    assert_eq!(ids(&env, &["--sort", "oldest"]), vec![1, 2, 3]);
    assert_eq!(ids(&env, &["--sort", "newest"]), vec![3, 2, 1]);
    env.run_ok(&["mark", "2", "-s", "in-progress"]);
    let updated = ids(&env, &["--sort", "updated"]);
    assert_eq!(updated.len(), 3);
    // Claim 2 changed last, unless all three share the second it happened in.
    assert!(updated[0] == 2 || updated == vec![3, 2, 1], "{updated:?}");
}

fn sort_flagged_puts_flagged_claims_first(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let sorted = env.run_ok(&["list", "--sort", "flagged", "-f", "jsonl"]);
    let flags: Vec<bool> = sorted
        .lines()
        .map(|l| !serde_json::from_str::<Value>(l).unwrap()["flag"].is_null())
        .collect();
    let first_unflagged = flags.iter().position(|f| !f).unwrap();
    assert!(first_unflagged > 0, "the seeds have flagged claims");
    assert!(flags[first_unflagged..].iter().all(|f| !f), "{flags:?}");
}

fn since_takes_relative_times(env: Env) {
    let env = env_with_article(env);
    for when in ["yesterday", "today", "2h", "7d", "30m", "1w"] {
        assert_eq!(ids(&env, &["--since", when]), vec![1, 2, 3], "{when}");
    }
    let (code, err) = env.run_err(&["list", "--since", "tomorrow"]);
    assert_eq!(code, 2);
    assert!(err.contains("2h"), "the error shows the forms: {err}");
}

fn mark_takes_id_ranges(env: Env) {
    let env = env_with_article(env);
    let out = env.run_ok(&["mark", "1-3", "-s", "in-progress"]);
    assert_eq!(out.lines().count(), 3, "{out}");
    assert_eq!(ids(&env, &["-s", "in-progress"]), vec![1, 2, 3]);
    let (code, err) = env.run_err(&["mark", "3-1", "-s", "false"]);
    assert_eq!(code, 2);
    assert!(err.contains("backwards"), "{err}");
}

fn mark_dash_reads_ids_from_a_piped_listing(env: Env) {
    let env = env_with_article(env);
    // What `list | fzf -m` hands on: listing lines, header included or not.
    let listing = env.run_ok(&["list", "--search", "ministry"]);
    assert!(listing.starts_with("id\t"), "{listing}");
    let out = env
        .cmd()
        .args([
            "mark",
            "-",
            "-s",
            "in-progress",
            "-n",
            "on it",
            "-r",
            "ayse",
        ])
        .write_stdin(listing)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert_eq!(ids(&env, &["-s", "in-progress"]), vec![2, 3]);
    let history = env.json(&["history", "-f", "json"]);
    let rows = history.as_array().unwrap();
    assert_eq!(rows.len(), 2);
    assert!(
        rows.iter()
            .all(|r| r["reviewer"] == "ayse" && r["note"] == "on it")
    );
}

fn mark_dash_refuses_a_line_that_is_no_id(env: Env) {
    let env = env_with_article(env);
    let out = env
        .cmd()
        .args(["mark", "-", "-s", "false"])
        .write_stdin("2\nnot an id\n")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("stdin line 2"));
    assert!(ids(&env, &["-s", "false"]).is_empty(), "nothing marked");
}

fn phrases_are_words_in_order_within_one_column(env: Env) {
    let env = env_with_article(env);
    assert_eq!(ids(&env, &["--search", "\"said the delegation\""]), vec![3]);
    assert!(ids(&env, &["--search", "\"the delegation said\""]).is_empty());
    // A word with punctuation inside is a phrase of its parts.
    assert_eq!(ids(&env, &["--search", "Ankara,"]), vec![3]);
    // Words of a phrase found in different columns are not the phrase:
    // "Reuters" is claim 3's speaker, "reported" ends its text.
    assert!(ids(&env, &["--search", "\"reuters ankara\""]).is_empty());
    assert_eq!(ids(&env, &["--search", "reuters ankara"]), vec![3]);
}

#[test]
fn every_stored_claim_is_in_the_index_once_ingest_commits() {
    let env = env_with_article(Env::new());
    let other = env.file(
        "later.txt",
        ARTICLE.replace("next week", "on Friday").as_bytes(),
    );
    env.run_ok(&[
        "ingest",
        s(&other),
        "--source",
        s(&env.dir.path().join("turkey.txt")),
    ]);
    env.run_ok(&["ingest", "seeds"]);
    let conn = rusqlite::Connection::open(env.db()).unwrap();
    let (claims, newest): (i64, i64) = conn
        .query_row("SELECT count(*), max(id) FROM claims", [], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .unwrap();
    let indexed: i64 = conn
        .query_row("SELECT indexed_through FROM claims_fts_state", [], |r| {
            r.get(0)
        })
        .unwrap();
    assert_eq!(indexed, newest);
    // FTS5's own check: the index holds exactly the words of the claims' columns.
    conn.execute(
        "INSERT INTO claims_fts (claims_fts) VALUES ('integrity-check')",
        [],
    )
    .unwrap();
    assert!(claims > 30);
    assert_eq!(ids(&env, &["--search", "friday"]).len(), 1);
}

fn history_takes_the_list_filters_and_a_reviewer(env: Env) {
    let env = env_with_article(env);
    env.run_ok(&["mark", "1", "-s", "verified", "-r", "Ayşe"]);
    env.run_ok(&["mark", "2", "3", "-s", "false", "-r", "bo"]);
    let claims_of = |args: &[&str]| -> Vec<i64> {
        let mut all = vec!["history", "-f", "jsonl"];
        all.extend_from_slice(args);
        env.run_ok(&all)
            .lines()
            .map(|l| {
                serde_json::from_str::<Value>(l).unwrap()["claim_id"]
                    .as_i64()
                    .unwrap()
            })
            .collect()
    };
    assert_eq!(claims_of(&["-r", "ayse"]), vec![1]);
    assert_eq!(claims_of(&["-r", "BO"]), vec![3, 2]);
    assert_eq!(claims_of(&["--speaker", "cavusoglu"]), vec![1]);
    assert_eq!(claims_of(&["--search", "ministry", "-r", "bo"]), vec![3, 2]);
    assert_eq!(claims_of(&["-s", "false", "-l", "1"]), vec![3]);
    assert_eq!(claims_of(&["--since", "1h"]), vec![3, 2, 1]);
    assert!(claims_of(&["--since", "2999-01-01"]).is_empty());
}

on_both![
    search_folds_case_and_diacritics_for_all_of_unicode,
    search_folds_quote_styles_and_matches_phrases,
    search_matches_whole_words_and_prefixes_across_speaker_outlet_and_text,
    search_finds_a_note_once_it_is_written,
    search_without_a_word_is_a_usage_error,
    fts_syntax_in_a_search_is_taken_as_words,
    speaker_filter_folds_unicode_case_and_diacritics,
    sort_orders_the_listing,
    sort_flagged_puts_flagged_claims_first,
    since_takes_relative_times,
    mark_takes_id_ranges,
    mark_dash_reads_ids_from_a_piped_listing,
    mark_dash_refuses_a_line_that_is_no_id,
    phrases_are_words_in_order_within_one_column,
    history_takes_the_list_filters_and_a_reviewer,
];
