//! A desk's day without SQL (issue 13): corrections, added and dismissed claims,
//! assignment, tags, published verdicts with their lock, the register's own
//! statuses, and who wrote each change. Every command and every refusal runs
//! through the real binary.

use crate::common::{Env, s};
use serde_json::Value;

/// A short live page the extractor reads the same way whatever its rules: two
/// attributed claims and a line of boilerplate.
const V1: &str = "Border report\n\n\
    About 2,000 troops crossed the northern border on Monday night, the defence ministry said in a statement.\n\n\
    The report could not be independently verified.\n\n\
    Food prices rose by 12 percent over the past year, the statistics office said.\n\n\
    Posters read \u{201c}stay   calm\u{201d} in the north and \u{201c}stay calm\u{201d} in the south.\n\n\
    Sign up for our newsletter to get the latest news every morning.\n";

/// Version 2 words the food-price claim differently, and keeps the rest.
fn v2() -> String {
    V1.replace("the past year", "the last twelve months")
}

struct Desk {
    env: Env,
    /// The troops claim and the food-price claim.
    troops: String,
    prices: String,
}

fn desk(env: Env) -> Desk {
    let v1 = env.file("v1.txt", V1.as_bytes());
    env.run_ok(&["ingest", s(&v1), "--source", "page"]);
    let claims = list(&env, &[]);
    let id_of = |needle: &str| {
        claims
            .iter()
            .find(|c| c["text"].as_str().unwrap().contains(needle))
            .unwrap_or_else(|| panic!("no claim with {needle}: {claims:?}"))["id"]
            .to_string()
    };
    let troops = id_of("troops crossed");
    let prices = id_of("Food prices");
    Desk {
        env,
        troops,
        prices,
    }
}

impl Desk {
    fn ingest_v2(&self) {
        let v2 = self.env.file("v2.txt", v2().as_bytes());
        self.env.run_ok(&["ingest", s(&v2), "--source", "page"]);
    }

    fn claim(&self, id: &str) -> Value {
        self.env.json(&["show", id, "--format", "json"])
    }

    fn history(&self, id: &str) -> Vec<Value> {
        self.env
            .json(&["history", id, "--format", "json"])
            .as_array()
            .unwrap()
            .clone()
    }

    fn assert_check_ok(&self) {
        let out = self.env.run_ok(&["check"]);
        assert!(out.starts_with("ok"), "{out}");
    }

    /// Runs a command that must be refused: its exit code and one-line message.
    fn refused(&self, args: &[&str], code: i32, needle: &str) {
        let (got, stderr) = self.env.run_err(args);
        assert_eq!(got, code, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{stderr}");
    }

    /// A command clap refuses (exit 2, with its usage lines after the message).
    fn refused_by_clap(&self, args: &[&str], needle: &str) {
        let (got, stderr) = self.env.run_err(args);
        assert_eq!(got, 2, "{args:?}: {stderr}");
        assert!(
            stderr.lines().next().unwrap().contains(needle),
            "{args:?}: {stderr}"
        );
    }
}

fn list(env: &Env, filters: &[&str]) -> Vec<Value> {
    let mut args = vec!["list", "--format", "json"];
    args.extend_from_slice(filters);
    env.json(&args).as_array().unwrap().clone()
}

/// The ids of a listing of one claim, to compare with [`ids`].
fn one(id: &str) -> Vec<String> {
    vec![id.to_string()]
}

fn ids(rows: &[Value]) -> Vec<String> {
    rows.iter().map(|r| r["id"].to_string()).collect()
}

// ---------------------------------------------------------------- edit

fn edit_corrects_the_extraction_with_old_and_new_values_in_history(env: Env) {
    let d = desk(env);
    let before = d.claim(&d.prices);
    let out = d.env.run_ok(&[
        "edit",
        &d.prices,
        "--speaker",
        "Office for National Statistics",
        "--outlet",
        "Reuters",
        "--flag",
        "reportedly",
        "--note",
        "the office, not the ministry",
    ]);
    assert!(out.contains("speaker"), "{out}");
    let after = d.claim(&d.prices);
    assert_eq!(after["speaker"], "Office for National Statistics");
    assert!(after["speaker_resolved"].is_null());
    assert_eq!(after["outlet"], "Reuters");
    assert_eq!(after["flag"], "reportedly");
    // `list --speaker` finds the new speaker, and no longer the old one for this claim.
    assert_eq!(
        ids(&list(&d.env, &["--speaker", "national stat"])),
        one(&d.prices)
    );
    assert_eq!(ids(&list(&d.env, &["--outlet", "reuters"])), one(&d.prices));
    let edits: Vec<Value> = d
        .history(&d.prices)
        .into_iter()
        .filter(|e| e["event"] == "edit")
        .collect();
    assert_eq!(edits.len(), 3);
    let speaker = edits.iter().find(|e| e["field"] == "speaker").unwrap();
    assert_eq!(speaker["old_value"], before["speaker"]);
    assert_eq!(speaker["new_value"], "Office for National Statistics");
    assert_eq!(speaker["reviewer"], "tester");
    assert_eq!(speaker["note"], "the office, not the ministry");
    d.assert_check_ok();

    // Clearing a field, and an edit that changes nothing records nothing.
    d.env.run_ok(&["edit", &d.prices, "--no-flag"]);
    assert!(d.claim(&d.prices)["flag"].is_null());
    let rows = d.history(&d.prices).len();
    let out = d.env.run_ok(&["edit", &d.prices, "--outlet", "Reuters"]);
    assert!(out.contains("nothing changed"), "{out}");
    assert_eq!(d.history(&d.prices).len(), rows);
}

fn an_edit_is_kept_when_a_new_version_is_ingested(env: Env) {
    let d = desk(env);
    d.env
        .run_ok(&["edit", &d.troops, "--speaker", "Defence Ministry spokesman"]);
    d.env.run_ok(&["edit", &d.prices, "--no-speaker"]);
    d.ingest_v2();
    let troops = d.claim(&d.troops);
    assert_eq!(troops["version"], 2, "the claim was carried to version 2");
    assert_eq!(troops["speaker"], "Defence Ministry spokesman");
    let prices = d.claim(&d.prices);
    assert_eq!(prices["version"], 2);
    assert!(prices["speaker"].is_null() && prices["speaker_resolved"].is_null());
    assert_eq!(
        ids(&list(&d.env, &["--speaker", "spokesman"])),
        one(&d.troops)
    );
    d.assert_check_ok();
}

fn edit_refusals(env: Env) {
    let d = desk(env);
    d.refused(&["edit", &d.prices], 2, "nothing to change");
    d.refused_by_clap(
        &["edit", &d.prices, "--speaker", "x", "--no-speaker"],
        "cannot be used with",
    );
    d.refused(
        &["edit", "424242", "--cue", "said"],
        1,
        "no claim with id 424242",
    );
    d.refused(&["edit", &d.prices, "--speaker", " "], 2, "empty");
    d.refused(
        &["edit", &d.prices, "--speaker", "two\nlines"],
        2,
        "one line",
    );
    d.refused(
        &["edit", &d.prices, "--speaker", "bell\u{7}"],
        2,
        "control character",
    );
    assert!(
        d.history(&d.prices).is_empty(),
        "a refused edit writes nothing"
    );
}

// ---------------------------------------------------------------- add

fn add_finds_a_typed_quote_in_the_typeset_text(env: Env) {
    let d = desk(env);
    let before = list(&d.env, &[]);
    let out = d.env.run_ok(&[
        "add",
        "1",
        "--quote",
        "Sign up for our newsletter",
        "--speaker",
        "the newspaper",
    ]);
    let id = out
        .split(':')
        .next()
        .unwrap()
        .trim_start_matches("claim ")
        .to_string();
    let added = d.claim(&id);
    assert_eq!(added["text"], "Sign up for our newsletter");
    assert_eq!(added["speaker"], "the newspaper");
    assert_eq!(added["created_by"], "tester");
    assert_eq!(added["status"], "unverified");
    // The full-text index has it as soon as it is added.
    let found = list(&d.env, &["--search", "newsletter"]);
    assert!(
        found.iter().any(|c| c["id"] == id.parse::<i64>().unwrap()),
        "{found:?}"
    );
    // Text order: it comes after every extracted claim of the page.
    let last = before
        .iter()
        .map(|c| c["position"].as_i64().unwrap())
        .max()
        .unwrap();
    assert_eq!(added["position"], last + 1);
    // Folding: straight quotes and one space find curly quotes and a run of spaces.
    let out = d
        .env
        .run_ok(&["add", "1", "--quote", "\"stay calm\"", "--occurrence", "1"]);
    let id = out
        .split(':')
        .next()
        .unwrap()
        .trim_start_matches("claim ")
        .to_string();
    let folded = d.claim(&id);
    assert_eq!(folded["text"], "\u{201c}stay   calm\u{201d}");
    // Claims after it in the text moved one down, and the counts follow.
    let positions: Vec<i64> = list(&d.env, &["--article", "1"])
        .iter()
        .map(|c| c["position"].as_i64().unwrap())
        .collect();
    let mut sorted = positions.clone();
    sorted.sort_unstable();
    assert_eq!(sorted, (1..=positions.len() as i64).collect::<Vec<_>>());
    let history = d.history(&id);
    assert_eq!(history[0]["event"], "add");
    assert_eq!(history[0]["reviewer"], "tester");
    d.assert_check_ok();

    // A new version keeps it: the extractor will not find it, its text still stands.
    d.ingest_v2();
    let carried = d.claim(&id);
    assert_eq!(carried["version"], 2);
    assert!(carried["removed_in_version"].is_null());
    assert_eq!(carried["text"], folded["text"]);
    assert_eq!(carried["appearances"].as_array().unwrap().len(), 2);
    d.assert_check_ok();
}

fn add_refusals(env: Env) {
    let d = desk(env);
    d.refused(
        &["add", "1", "--quote", "not in the article"],
        2,
        "does not occur",
    );
    d.refused(&["add", "1", "--quote", "stay calm"], 2, "occurs 2 times");
    d.refused(
        &["add", "1", "--quote", "stay calm", "--occurrence", "3"],
        2,
        "--occurrence 3",
    );
    d.refused(
        &["add", "1", "--quote", "troops crossed the northern border"],
        1,
        &format!("overlaps claim {}", d.troops),
    );
    d.refused(&["add", "99", "--quote", "x"], 1, "no article with id 99");
    d.refused(&["add", "1", "--quote", "  "], 2, "empty");
    d.assert_check_ok();
}

// ---------------------------------------------------------------- dismiss

fn dismissed_claims_leave_listings_counts_and_reports_until_restored(env: Env) {
    let d = desk(env);
    let all = list(&d.env, &[]).len();
    d.env
        .run_ok(&["dismiss", &d.prices, "--reason", "narration, not a claim"]);
    let listed = list(&d.env, &[]);
    assert_eq!(listed.len(), all - 1);
    assert!(!ids(&listed).contains(&d.prices));
    assert_eq!(ids(&list(&d.env, &["--dismissed"])), one(&d.prices));
    assert_eq!(d.env.export().len(), all - 1);
    let stats = d.env.json(&["stats", "--format", "json"]);
    assert_eq!(stats["claims"], all - 1);
    let statuses = d.env.json(&["status", "list", "--json"]);
    let unverified = statuses
        .as_array()
        .unwrap()
        .iter()
        .find(|s| s["name"] == "unverified")
        .unwrap();
    assert_eq!(unverified["claims"], all - 1);
    let md = d.env.run_ok(&["export", "--format", "markdown"]);
    assert!(!md.contains("Food prices"), "{md}");
    let articles = d.env.json(&["articles", "--format", "json"]);
    assert_eq!(articles[0]["claims"], all - 1);
    assert_eq!(d.claim(&d.prices)["dismissed"], "narration, not a claim");
    d.assert_check_ok();

    // It stays dismissed in a later version of the article.
    d.ingest_v2();
    assert!(!ids(&list(&d.env, &[])).contains(&d.prices));
    assert_eq!(d.claim(&d.prices)["version"], 2);
    // Nor is it in what the new version changed, or in the versions' counts.
    let diff = d.env.json(&["diff", "page", "--format", "json"]);
    let in_diff: Vec<String> = [
        "new",
        "removed",
        "reworded",
        "flags_appeared",
        "flags_vanished",
    ]
    .iter()
    .flat_map(|list| diff[*list].as_array().unwrap())
    .map(|c| c["claim_id"].to_string())
    .collect();
    assert!(!in_diff.contains(&d.prices), "{diff}");
    let versions = d.env.json(&["versions", "page", "--format", "json"]);
    let listed_v2 = list(
        &d.env,
        &["--article", &versions[1]["article_id"].to_string()],
    );
    assert_eq!(versions[1]["claims"], listed_v2.len());

    d.env.run_ok(&["restore", &d.prices]);
    assert!(ids(&list(&d.env, &[])).contains(&d.prices));
    let events: Vec<Value> = d
        .history(&d.prices)
        .iter()
        .map(|e| e["event"].clone())
        .collect();
    assert!(events.contains(&"dismiss".into()) && events.contains(&"undismiss".into()));
    d.assert_check_ok();
}

fn dismiss_and_restore_refusals(env: Env) {
    let d = desk(env);
    d.refused(&["dismiss", &d.prices, "--reason", ""], 2, "empty");
    d.refused_by_clap(&["dismiss", &d.prices], "required arguments");
    d.refused(&["restore", &d.prices], 1, "is not dismissed");
    d.env.run_ok(&["dismiss", &d.prices, "--reason", "junk"]);
    d.refused(
        &["dismiss", &d.prices, "--reason", "again"],
        1,
        "dismissed already",
    );
    // One unknown id fails the whole call.
    d.refused(
        &["dismiss", &d.troops, "424242", "--reason", "junk"],
        1,
        "no claim with id 424242",
    );
    assert!(d.claim(&d.troops)["dismissed"].is_null());
}

// ---------------------------------------------------------------- assign

fn assign_divides_the_queue_and_stats_count_per_assignee(env: Env) {
    let d = desk(env);
    d.env.run_ok(&["assign", &d.troops, "--to", "me"]);
    d.env.run_ok(&["assign", &d.prices, "--to", "bob"]);
    assert_eq!(ids(&list(&d.env, &["--assignee", "me"])), one(&d.troops));
    assert_eq!(
        ids(&list(&d.env, &["--assignee", "tester"])),
        one(&d.troops)
    );
    assert_eq!(ids(&list(&d.env, &["--assignee", "bob"])), one(&d.prices));
    let nobody = list(&d.env, &["--assignee", "none"]);
    assert!(!ids(&nobody).contains(&d.troops) && !ids(&nobody).contains(&d.prices));

    let stats = d.env.json(&["stats", "--format", "json"]);
    let assignees = stats["assignees"].as_array().unwrap();
    let names: Vec<&str> = assignees
        .iter()
        .map(|a| a["assignee"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["bob", "tester"]);
    assert!(
        assignees
            .iter()
            .all(|a| a["claims"] == 1 && a["unverified"] == 1)
    );
    assert_eq!(stats["unassigned"], nobody.len());
    let table = d.env.run_ok(&["stats", "-f", "table"]);
    assert!(
        table.contains("Assignees") && table.contains("bob"),
        "{table}"
    );

    d.env.run_ok(&["unassign", &d.prices]);
    assert!(list(&d.env, &["--assignee", "bob"]).is_empty());
    let assigns: Vec<Value> = d
        .history(&d.prices)
        .into_iter()
        .filter(|e| e["event"] == "assign")
        .collect();
    assert_eq!(assigns.len(), 2);
    assert_eq!(assigns[0]["old_value"], "bob");
    assert!(assigns[0]["new_value"].is_null());
    d.assert_check_ok();
}

fn assign_refusals(env: Env) {
    let d = desk(env);
    d.refused(&["assign", &d.prices, "--to", "none"], 2, "unassign");
    d.refused(
        &["assign", &d.prices, "--to", "a\u{1b}[31m"],
        2,
        "control character",
    );
    d.refused(&["assign", &d.prices, "--to", " "], 2, "empty");
    d.refused(
        &["assign", "424242", "--to", "bob"],
        1,
        "no claim with id 424242",
    );
    assert!(d.history(&d.prices).is_empty());
}

// ---------------------------------------------------------------- tags

fn tags_on_claims_and_articles_filter_listings(env: Env) {
    let d = desk(env);
    d.env
        .run_ok(&["tag", &d.troops, &d.prices, "border", "economy"]);
    d.env.run_ok(&["untag", &d.troops, "economy"]);
    assert_eq!(ids(&list(&d.env, &["--tag", "economy"])), one(&d.prices));
    let border = list(&d.env, &["--tag", "border"]);
    assert_eq!(border.len(), 2);
    // An article's tag reaches every claim of every version of it.
    d.env.run_ok(&["tag", "--article", "1", "live"]);
    let all = list(&d.env, &[]).len();
    assert_eq!(list(&d.env, &["--tag", "live"]).len(), all);
    d.ingest_v2();
    assert_eq!(
        list(&d.env, &["--tag", "live"]).len(),
        list(&d.env, &[]).len()
    );
    let shown = d.claim(&d.prices);
    assert_eq!(
        shown["tags"],
        serde_json::json!(["border", "economy", "live"])
    );
    let article_tag = d
        .history(&d.prices)
        .into_iter()
        .find(|e| e["new_value"] == "live")
        .unwrap();
    assert_eq!(article_tag["event"], "tag");
    assert!(
        article_tag["note"]
            .as_str()
            .unwrap()
            .contains("on article 1")
    );
    d.env.run_ok(&["untag", "--article", "2", "live"]);
    assert!(list(&d.env, &["--tag", "live"]).is_empty());
    let events: Vec<Value> = d
        .history(&d.troops)
        .iter()
        .map(|e| e["event"].clone())
        .collect();
    assert!(events.contains(&"tag".into()) && events.contains(&"untag".into()));
    d.assert_check_ok();
}

fn tag_refusals(env: Env) {
    let d = desk(env);
    d.refused(&["tag", &d.prices, "two words"], 2, "one word");
    d.refused(&["tag", "sudan"], 2, "claim ids first");
    d.refused(&["tag", &d.prices], 2, "at least one tag");
    d.refused(&["tag", &d.prices, "bad\u{7}"], 2, "control character");
    d.refused(&["untag", &d.prices, "never-made"], 1, "no tag named");
    d.refused(&["tag", "--article", "99", "x"], 1, "no article with id 99");
}

// ---------------------------------------------------------------- publish

fn published_verdicts_are_locked_and_claimreview_exports_what_was_published(env: Env) {
    let d = desk(env);
    let url = [
        "--format",
        "claimreview",
        "--review-url-base",
        "https://desk.example/c/",
    ];
    let export = |d: &Desk| {
        let mut args = vec!["export"];
        args.extend_from_slice(&url);
        d.env.json(&args).as_array().unwrap().clone()
    };
    // The scenario of the issue: a verdict with a note, then a working note.
    d.env.run_ok(&[
        "mark",
        &d.troops,
        "--status",
        "false",
        "--note",
        "MoD figures say otherwise",
    ]);
    d.env
        .run_ok(&["note", &d.troops, "asked the ministry for the source"]);
    assert!(export(&d).is_empty(), "nothing is published yet");

    d.env.run_ok(&[
        "publish",
        &d.troops,
        "--explanation",
        "Ministry figures show 800 troops, not 2,000.",
        "--summary",
        "2,000 troops crossed the border",
    ]);
    d.env.run_ok(&["note", &d.troops, "a later working note"]);
    let reviews = export(&d);
    assert_eq!(reviews.len(), 1);
    let review = &reviews[0];
    assert_eq!(
        review["url"],
        format!("https://desk.example/c/{}", d.troops)
    );
    assert_eq!(
        review["reviewRating"]["ratingExplanation"],
        "Ministry figures show 800 troops, not 2,000."
    );
    assert_eq!(review["claimReviewed"], "2,000 troops crossed the border");
    assert_eq!(review["reviewRating"]["ratingValue"], 1);
    assert_eq!(review["reviewRating"]["alternateName"], "False");
    let shown = d.claim(&d.troops);
    assert_eq!(shown["published"]["status"], "false");
    assert_eq!(shown["published"]["reviewer"], "tester");
    assert_eq!(shown["latest_note"], "a later working note");
    // CSV carries the verdict in columns of its own.
    let csv = d.env.run_ok(&["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    let row = reader
        .records()
        .map(Result::unwrap)
        .find(|r| r[0] == d.troops)
        .unwrap();
    assert_eq!(&row[col("published_status")], "false");
    assert_eq!(
        &row[col("published_explanation")],
        "Ministry figures show 800 troops, not 2,000."
    );
    assert_eq!(&row[col("latest_note")], "a later working note");
    // The reports show the published explanation apart from the latest note.
    let html = d.env.run_ok(&["export", "--format", "html"]);
    assert!(
        html.contains("Ministry figures show 800 troops") && html.contains("a later working note")
    );

    // Locked: mark, edit and dismiss are refused, naming reopen.
    for args in [
        vec!["mark", d.troops.as_str(), "--status", "verified"],
        vec!["edit", d.troops.as_str(), "--cue", "claimed"],
        vec!["dismiss", d.troops.as_str(), "--reason", "x"],
    ] {
        d.refused(&args, 1, &format!("claimtrack reopen {}", d.troops));
    }
    assert_eq!(d.claim(&d.troops)["status"], "false");
    d.assert_check_ok();

    d.env.run_ok(&[
        "reopen",
        &d.troops,
        "--reason",
        "the ministry sent new figures",
    ]);
    assert!(
        export(&d).is_empty(),
        "a reopened verdict is no longer published"
    );
    d.env.run_ok(&["mark", &d.troops, "--status", "misleading"]);
    let events: Vec<Value> = d
        .history(&d.troops)
        .iter()
        .map(|e| e["event"].clone())
        .collect();
    assert!(events.contains(&"publish".into()) && events.contains(&"reopen".into()));
    d.assert_check_ok();
}

fn publish_and_reopen_refusals(env: Env) {
    let d = desk(env);
    d.refused(
        &["publish", &d.prices, "--explanation", "x"],
        1,
        "has no verdict",
    );
    d.env.run_ok(&["mark", &d.prices, "--status", "verified"]);
    d.refused(&["publish", &d.prices, "--explanation", " "], 2, "empty");
    d.refused(
        &["reopen", &d.prices, "--reason", "x"],
        1,
        "is not published",
    );
    d.env
        .run_ok(&["publish", &d.prices, "--explanation", "Office data agree."]);
    d.refused(
        &["publish", &d.prices, "--explanation", "again"],
        1,
        "published already",
    );
    d.refused(&["reopen", &d.prices, "--reason", ""], 2, "empty");
    d.env.run_ok(&["mark", &d.troops, "--status", "false"]);
    d.env.run_ok(&["dismiss", &d.troops, "--reason", "junk"]);
    d.refused(
        &["publish", &d.troops, "--explanation", "x"],
        1,
        "is dismissed",
    );
    d.assert_check_ok();
}

fn a_reworded_verdict_needs_a_recheck_and_a_published_one_stays_locked(env: Env) {
    let d = desk(env);
    d.env.run_ok(&["mark", &d.prices, "--status", "false"]);
    d.env.run_ok(&[
        "publish",
        &d.prices,
        "--explanation",
        "Prices rose 8 percent.",
    ]);
    d.env
        .run_ok(&["mark", &d.troops, "--status", "in-progress"]);
    d.ingest_v2();
    let recheck = list(&d.env, &["--recheck"]);
    assert_eq!(ids(&recheck), one(&d.prices));
    assert_eq!(recheck[0]["recheck_version"], 2);
    assert!(
        recheck[0]["text"]
            .as_str()
            .unwrap()
            .contains("twelve months")
    );
    let table = d.env.run_ok(&["list", "--recheck"]);
    assert!(table.contains("re-check"), "{table}");
    let reworded = d
        .history(&d.prices)
        .into_iter()
        .find(|e| e["event"] == "reworded")
        .unwrap();
    assert!(reworded["note"].as_str().unwrap().contains("the past year"));
    // Still locked: the published verdict stays put until reopened.
    d.refused(&["mark", &d.prices, "--status", "verified"], 1, "reopen");
    d.env.run_ok(&["reopen", &d.prices, "--reason", "reworded"]);
    d.env.run_ok(&["mark", &d.prices, "--status", "misleading"]);
    assert!(
        list(&d.env, &["--recheck"]).is_empty(),
        "a new verdict answers it"
    );
    d.assert_check_ok();
}

// ---------------------------------------------------------------- statuses

fn a_register_has_statuses_of_its_own(env: Env) {
    let d = desk(env);
    let names = |d: &Desk| -> Vec<String> {
        d.env
            .json(&["status", "list", "--json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|s| s["name"].as_str().unwrap().to_string())
            .collect()
    };
    assert_eq!(
        names(&d),
        [
            "unverified",
            "in-progress",
            "verified",
            "false",
            "misleading",
            "inconclusive"
        ]
    );
    d.env.run_ok(&[
        "status",
        "add",
        "mostly-true",
        "--label",
        "Mostly true",
        "--final",
        "--rating",
        "4",
        "--rating-label",
        "Mostly true",
    ]);
    d.env.run_ok(&[
        "status",
        "add",
        "needs-expert",
        "--label",
        "Needs an expert",
    ]);
    d.env
        .run_ok(&["mark", &d.prices, "--status", "mostly-true"]);
    d.env
        .run_ok(&["publish", &d.prices, "--explanation", "Close: 11 percent."]);
    let reviews = d.env.json(&[
        "export",
        "--format",
        "claimreview",
        "--review-url-base",
        "https://desk.example/c/",
    ]);
    assert_eq!(reviews[0]["reviewRating"]["ratingValue"], 4);
    assert_eq!(reviews[0]["reviewRating"]["alternateName"], "Mostly true");
    // An open status cannot be published.
    d.env
        .run_ok(&["mark", &d.troops, "--status", "needs-expert"]);
    d.refused(
        &["publish", &d.troops, "--explanation", "x"],
        1,
        "no verdict",
    );

    // Rename: the claims follow, with a history row; check still holds.
    let out = d
        .env
        .run_ok(&["status", "rename", "mostly-true", "largely-true"]);
    assert!(out.contains("1 claim"), "{out}");
    assert_eq!(d.claim(&d.prices)["status"], "largely-true");
    assert_eq!(list(&d.env, &["--status", "largely-true"]).len(), 1);
    assert_eq!(d.history(&d.prices)[0]["event"], "status-renamed");
    // Reports and the articles table list the register's statuses.
    let md = d.env.run_ok(&["export", "--format", "markdown"]);
    assert!(
        md.contains("**largely-true**: 1") && md.contains("**needs-expert**: 1"),
        "{md}"
    );
    let table = d.env.run_ok(&["status", "list"]);
    let row = table.lines().find(|l| l.contains("largely-true")).unwrap();
    assert!(
        row.contains("4 Mostly true") && row.contains("yes"),
        "{table}"
    );
    let articles = d.env.run_ok(&["articles"]);
    assert!(articles.contains("largely-true"), "{articles}");
    let not = list(&d.env, &["--not-status", "unverified"]);
    assert_eq!(not.len(), 2);

    // Retire: no new marks, claims keep it.
    d.env.run_ok(&["status", "retire", "needs-expert"]);
    d.refused(
        &["mark", &d.prices, "--status", "needs-expert"],
        1,
        "retired",
    );
    assert_eq!(d.claim(&d.troops)["status"], "needs-expert");
    // Delete: only a status nobody ever used.
    d.refused(&["status", "delete", "needs-expert"], 1, "in use");
    d.env
        .run_ok(&["status", "add", "spare", "--label", "Spare"]);
    d.env.run_ok(&["status", "delete", "spare"]);
    assert!(!names(&d).contains(&"spare".to_string()));
    d.assert_check_ok();
}

fn status_refusals(env: Env) {
    let d = desk(env);
    d.refused(
        &["mark", &d.prices, "--status", "maybe"],
        2,
        "this register's",
    );
    d.refused(&["list", "--status", "maybe"], 2, "unknown status 'maybe'");
    d.refused(
        &["status", "add", "Two Words", "--label", "x"],
        2,
        "lower case",
    );
    d.refused(
        &["status", "add", "false", "--label", "x"],
        1,
        "exists already",
    );
    d.refused(
        &[
            "status",
            "add",
            "x",
            "--label",
            "x",
            "--rating",
            "4",
            "--rating-label",
            "X",
        ],
        2,
        "--final",
    );
    d.refused_by_clap(
        &[
            "status", "add", "x", "--label", "x", "--final", "--rating", "9",
        ],
        "9 is not in 1..=5",
    );
    d.refused(
        &["status", "rename", "nope", "other"],
        2,
        "unknown status 'nope'",
    );
    d.refused(
        &["status", "rename", "false", "verified"],
        1,
        "exists already",
    );
    d.refused(&["status", "retire", "unverified"], 1, "cannot be retired");
    d.refused(&["status", "delete", "unverified"], 1, "in use");
}

// ---------------------------------------------------------------- list filters

fn list_filters_by_reviewer_outlet_status_and_removal(env: Env) {
    let d = desk(env);
    d.env.run_ok(&["mark", &d.prices, "--status", "false"]);
    d.env
        .cmd()
        .args(["note", &d.troops, "checking", "--reviewer", "zoe"])
        .assert()
        .success();
    assert_eq!(ids(&list(&d.env, &["--reviewer", "zoe"])), one(&d.troops));
    assert_eq!(ids(&list(&d.env, &["--reviewer", "me"])), one(&d.prices));
    assert!(!ids(&list(&d.env, &["--not-status", "false"])).contains(&d.prices));
    // Version 3 drops the troops claim: it leaves --unverified unless --removed.
    let v3 = d.env.file(
        "v3.txt",
        V1.replace(
            "About 2,000 troops crossed the northern border on Monday night, the defence ministry said in a statement.\n\n",
            "",
        )
        .as_bytes(),
    );
    d.env.run_ok(&["ingest", s(&v3), "--source", "page"]);
    assert!(!ids(&list(&d.env, &["--unverified"])).contains(&d.troops));
    assert_eq!(
        ids(&list(&d.env, &["--unverified", "--removed"])),
        one(&d.troops)
    );
    assert!(ids(&list(&d.env, &[])).contains(&d.troops));
}

// ---------------------------------------------------------------- identity

fn every_write_needs_a_reviewer_and_help_names_the_variable(env: Env) {
    let d = desk(env);
    if d.env.is_postgres() {
        // On PostgreSQL the database user is the reviewer when none is given.
        d.env
            .cmd()
            .env_remove("CLAIMTRACK_REVIEWER")
            .args(["mark", d.prices.as_str(), "--status", "false"])
            .assert()
            .success();
        let history = d
            .env
            .json(&["history", d.prices.as_str(), "--format", "json"]);
        assert_eq!(history[0]["reviewer"], "claimtrack_test", "{history}");
        return;
    }
    for args in [
        vec!["mark", d.prices.as_str(), "--status", "false"],
        vec!["edit", d.prices.as_str(), "--cue", "said"],
        vec!["assign", d.prices.as_str(), "--to", "bob"],
        vec!["dismiss", d.prices.as_str(), "--reason", "x"],
        vec!["note", d.prices.as_str(), "x"],
    ] {
        let out = d
            .env
            .cmd()
            .env_remove("CLAIMTRACK_REVIEWER")
            .env_remove("USER")
            .args(&args)
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(
            stderr.contains("--reviewer NAME or set CLAIMTRACK_REVIEWER"),
            "{stderr}"
        );
        assert_eq!(stderr.lines().count(), 1);
    }
    assert!(d.history(&d.prices).is_empty(), "nothing was written");
    // $USER is the last resort; --reviewer beats the variable.
    d.env
        .cmd()
        .env_remove("CLAIMTRACK_REVIEWER")
        .env("USER", "unix-user")
        .args(["note", &d.prices, "from the login"])
        .assert()
        .success();
    d.env
        .run_ok(&["note", &d.prices, "explicit", "--reviewer", "named"]);
    let history = d.history(&d.prices);
    assert_eq!(history[0]["reviewer"], "named");
    assert_eq!(history[1]["reviewer"], "unix-user");
    for command in ["mark", "edit", "publish", "assign", "tag", "dismiss"] {
        let help = d.env.run_ok(&[command, "--help"]);
        let help = help.split_whitespace().collect::<Vec<_>>().join(" ");
        assert!(
            help.contains("[env: CLAIMTRACK_REVIEWER="),
            "{command}: {help}"
        );
    }
}

// ---------------------------------------------------------------- check

fn check_finds_a_published_claim_whose_status_moved_under_it(env: Env) {
    let d = desk(env);
    d.env.run_ok(&["mark", &d.prices, "--status", "false"]);
    d.env
        .run_ok(&["publish", &d.prices, "--explanation", "No."]);
    d.env.run_ok(&["assign", &d.troops, "--to", "bob"]);
    d.assert_check_ok();
    d.env.execute(&format!(
        "UPDATE claims SET status = 'verified' WHERE id = {};
         UPDATE claims SET assignee = 'eve' WHERE id = {}",
        d.prices, d.troops
    ));
    let report = d.env.cmd().arg("check").output().unwrap();
    assert_eq!(report.status.code(), Some(1));
    let text = String::from_utf8_lossy(&report.stdout).to_string()
        + &String::from_utf8_lossy(&report.stderr);
    assert!(text.contains("published verdict"), "{text}");
    assert!(text.contains("assignee"), "{text}");
}

#[test]
fn status_changes_are_kept_with_their_reviewer_and_time() {
    let d = desk(Env::new());
    d.env.run_ok(&[
        "status",
        "add",
        "needs-expert",
        "--label",
        "Needs an expert",
    ]);
    d.env.run_ok(&[
        "status",
        "rename",
        "needs-expert",
        "expert-review",
        "--reviewer",
        "ayse",
    ]);
    d.env.run_ok(&["status", "retire", "expert-review"]);
    d.env
        .run_ok(&["status", "add", "spare", "--label", "Spare"]);
    d.env.run_ok(&["status", "delete", "spare", "-r", "ayse"]);
    let events = d.env.json(&["status", "history", "--json"]);
    let events = events.as_array().unwrap();
    let seen: Vec<(&str, &str, &str)> = events
        .iter()
        .map(|e| {
            (
                e["event"].as_str().unwrap(),
                e["status"].as_str().unwrap(),
                e["reviewer"].as_str().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        seen,
        [
            ("delete", "spare", "ayse"),
            ("add", "spare", "tester"),
            ("retire", "expert-review", "tester"),
            ("rename", "needs-expert", "ayse"),
            ("add", "needs-expert", "tester"),
        ]
    );
    assert_eq!(events[3]["detail"], "expert-review");
    assert!(
        events
            .iter()
            .all(|e| e["created_at"].as_str().unwrap().ends_with('Z'))
    );
    // A refused change leaves no row; the log itself cannot be rewritten.
    d.env.run_err(&["status", "retire", "no-such-status"]);
    assert_eq!(
        d.env
            .json(&["status", "history", "--json"])
            .as_array()
            .unwrap()
            .len(),
        5
    );
    let conn = rusqlite::Connection::open(d.env.db()).unwrap();
    assert!(
        conn.execute("UPDATE status_events SET reviewer = 'mallory'", [])
            .is_err()
    );
    assert!(conn.execute("DELETE FROM status_events", []).is_err());
}

on_both![
    check_finds_a_published_claim_whose_status_moved_under_it,
    edit_corrects_the_extraction_with_old_and_new_values_in_history,
    an_edit_is_kept_when_a_new_version_is_ingested,
    edit_refusals,
    add_finds_a_typed_quote_in_the_typeset_text,
    add_refusals,
    dismissed_claims_leave_listings_counts_and_reports_until_restored,
    dismiss_and_restore_refusals,
    assign_divides_the_queue_and_stats_count_per_assignee,
    assign_refusals,
    tags_on_claims_and_articles_filter_listings,
    tag_refusals,
    published_verdicts_are_locked_and_claimreview_exports_what_was_published,
    publish_and_reopen_refusals,
    a_reworded_verdict_needs_a_recheck_and_a_published_one_stays_locked,
    a_register_has_statuses_of_its_own,
    status_refusals,
    list_filters_by_reviewer_outlet_status_and_removal,
    every_write_needs_a_reviewer_and_help_names_the_variable,
];
