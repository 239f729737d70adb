//! Article versions: the two seeds ingested as two versions of one live page keep
//! every review done on the first, `versions` and `diff` say what changed, and the
//! same claim in other sources is linked.
//!
//! The extractor is being rewritten, so these tests assert properties that hold for
//! any extractor (built from what `extract` and `export` say at test time), not
//! counts of today's output.

use crate::common::{Env, read, s};
use claimtrack::claim_match::{claim_key, word_overlap};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet, HashMap};

const V1: &str = "seeds/000_603c3ce12f8f4009.txt";
const V2: &str = "seeds/002_7a10996a83bded68.txt";
const SOURCE: &str = "live-page";

fn ids(rows: &[Value]) -> BTreeSet<i64> {
    rows.iter().map(|r| r["id"].as_i64().unwrap()).collect()
}

fn field_ids(rows: &Value, field: &str) -> BTreeSet<i64> {
    rows[field]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["claim_id"].as_i64().unwrap())
        .collect()
}

/// The register after version 1, with reviews on it: claims by id.
struct Reviewed {
    env: Env,
    v1: BTreeMap<i64, Value>,
    history_before: Vec<Value>,
}

/// Ingests version 1, marks every claim (statuses in turn, some with notes), then
/// ingests version 2 under the same source.
fn two_versions_with_reviews(env: Env) -> Reviewed {
    env.run_ok(&["ingest", V1, "--source", SOURCE]);
    let v1: BTreeMap<i64, Value> = env
        .export()
        .into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect();
    assert!(v1.len() >= 5, "version 1 gave only {} claims", v1.len());
    let statuses = [
        "false",
        "verified",
        "misleading",
        "in-progress",
        "inconclusive",
    ];
    for (n, id) in v1.keys().enumerate() {
        let id = id.to_string();
        let status = statuses[n % statuses.len()];
        env.run_ok(&[
            "mark",
            &id,
            "--status",
            status,
            "--note",
            &format!("checked {id}"),
        ]);
        if n % 2 == 0 {
            env.run_ok(&["note", &id, "asked the ministry"]);
        }
    }
    let history_before = history(&env);
    let v1 = env
        .export()
        .into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect();
    let out = env.run_ok(&["ingest", V2, "--source", SOURCE]);
    assert!(out.contains("version 2"), "{out}");
    Reviewed {
        env,
        v1,
        history_before,
    }
}

fn history(env: &Env) -> Vec<Value> {
    env.json(&["history", "--format", "json"])
        .as_array()
        .unwrap()
        .clone()
}

fn article_ids(env: &Env) -> Vec<i64> {
    env.json(&["articles", "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .filter(|a| a["source"] == SOURCE)
        .map(|a| a["id"].as_i64().unwrap())
        .collect()
}

fn claims_common_to_both_versions_keep_id_status_and_history(env: Env) {
    let Reviewed {
        env,
        v1,
        history_before,
    } = two_versions_with_reviews(env);
    let now: HashMap<i64, Value> = env
        .export()
        .into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect();
    let v2_article = article_ids(&env)[1];
    let v2_keys: BTreeSet<String> = env
        .json(&["extract", V2, "--format", "json"])
        .as_array()
        .unwrap()
        .iter()
        .map(|c| claim_key(c["text"].as_str().unwrap()))
        .collect();
    let v1_key_counts = v1.values().fold(HashMap::new(), |mut m, c| {
        *m.entry(claim_key(c["text"].as_str().unwrap())).or_insert(0) += 1;
        m
    });

    let mut common = 0;
    for (id, before) in &v1 {
        let after = &now[id];
        // Ingest never changes a status: every claim of version 1, kept or not.
        assert_eq!(after["status"], before["status"], "claim {id}");
        let key = claim_key(before["text"].as_str().unwrap());
        if v2_keys.contains(&key) && v1_key_counts[&key] == 1 {
            common += 1;
            assert_eq!(
                after["article_id"], v2_article,
                "claim {id} not carried over"
            );
            assert_eq!(claim_key(after["text"].as_str().unwrap()), key);
            assert!(after["removed_in_version"].is_null(), "claim {id}");
        }
    }
    assert!(common >= 1, "the seeds share claims");

    // No review row is lost or altered; new rows are only ingest's own events.
    let after = history(&env);
    let after_by_id: HashMap<i64, &Value> = after
        .iter()
        .map(|r| (r["id"].as_i64().unwrap(), r))
        .collect();
    for row in &history_before {
        assert_eq!(after_by_id[&row["id"].as_i64().unwrap()], row);
    }
    let old_ids: BTreeSet<i64> = history_before
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    for row in after
        .iter()
        .filter(|r| !old_ids.contains(&r["id"].as_i64().unwrap()))
    {
        assert!(
            ["reworded", "removed"].contains(&row["event"].as_str().unwrap()),
            "{row}"
        );
        assert_eq!(row["old_status"], row["new_status"], "{row}");
        assert_eq!(row["reviewer"], "claimtrack");
    }
    // The reviewers' notes still come first in the export.
    for (id, before) in &v1 {
        assert_eq!(now[id]["latest_note"], before["latest_note"], "claim {id}");
    }
}

fn diff_reports_new_reworded_and_removed_claims_from_the_appearances(env: Env) {
    let Reviewed { env, v1, .. } = two_versions_with_reviews(env);
    let v2_article = article_ids(&env)[1].to_string();
    let in_v2 = env
        .json(&["export", "--format", "json", "--article", &v2_article])
        .as_array()
        .unwrap()
        .clone();
    let (v1_ids, v2_ids) = (v1.keys().copied().collect::<BTreeSet<_>>(), ids(&in_v2));

    let diff = env.json(&["diff", SOURCE, "--format", "json"]);
    assert_eq!(diff["from"]["version"], 1);
    assert_eq!(diff["to"]["version"], 2);
    // New: exactly the claims of version 2 not linked to a claim of version 1.
    let new = field_ids(&diff, "new");
    assert_eq!(new, &v2_ids - &v1_ids);
    // Removed: exactly the claims of version 1 that version 2 does not have, each
    // kept in the register and marked as removed in version 2.
    let removed = field_ids(&diff, "removed");
    assert_eq!(removed, &v1_ids - &v2_ids);
    let now: HashMap<i64, Value> = env
        .export()
        .into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect();
    for id in &removed {
        assert_eq!(now[id]["removed_in_version"], 2, "claim {id}");
        assert_eq!(now[id]["status"], v1[id]["status"], "claim {id}");
    }
    // Reworded: the linked claims whose normalised text changed, old → new.
    let reworded = diff["reworded"].as_array().unwrap();
    let expected_reworded: BTreeSet<i64> = v1_ids
        .intersection(&v2_ids)
        .copied()
        .filter(|id| {
            claim_key(v1[id]["text"].as_str().unwrap())
                != claim_key(now[id]["text"].as_str().unwrap())
        })
        .collect();
    assert_eq!(field_ids(&diff, "reworded"), expected_reworded);
    for r in reworded {
        let id = r["claim_id"].as_i64().unwrap();
        assert_eq!(r["old_text"], v1[&id]["text"]);
        assert_eq!(r["new_text"], now[&id]["text"]);
        assert_eq!(r["status"], v1[&id]["status"], "the verdict stays");
        let events = env.json(&["history", &id.to_string(), "--format", "json"]);
        let note = events
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["event"] == "reworded")
            .unwrap_or_else(|| panic!("claim {id} has no reworded event"))["note"]
            .as_str()
            .unwrap()
            .to_string();
        assert!(note.contains(v1[&id]["text"].as_str().unwrap()), "{note}");
    }
    let counts = &diff["counts"];
    assert_eq!(counts["new"], new.len());
    assert_eq!(counts["removed"], removed.len());
    assert_eq!(counts["reworded"], reworded.len());
    assert_eq!(
        counts["kept"].as_u64().unwrap() as usize + reworded.len(),
        v1_ids.intersection(&v2_ids).count()
    );

    // The brief's pair: the 11,000 estimate is one claim reworded, not a new one.
    assert!(
        reworded.iter().any(|r| {
            r["old_text"]
                .as_str()
                .unwrap()
                .contains("estimated that at least 11,000")
                && r["new_text"]
                    .as_str()
                    .unwrap()
                    .contains("have claimed that North Korea has sent at least 11,000")
        }),
        "{reworded:#?}"
    );
    // The posts added in version 2 are reported new: every claim of version 2 that
    // shares little wording with every claim of version 1 is in `new`.
    let new_texts: BTreeSet<&str> = diff["new"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["text"].as_str().unwrap())
        .collect();
    let mut novel = 0;
    for claim in &in_v2 {
        let text = claim["text"].as_str().unwrap();
        let closest = v1
            .values()
            .map(|c| word_overlap(c["text"].as_str().unwrap(), text))
            .fold(0.0, f64::max);
        if closest < 0.45 {
            novel += 1;
            assert!(
                new_texts.contains(text),
                "added claim not reported new: {text}"
            );
        }
    }
    assert!(
        novel >= 3,
        "version 2 adds posts; only {novel} novel claims"
    );
    assert!(
        new_texts.iter().any(|t| t.contains("Starmer")),
        "the Black Sea post is new in version 2: {new_texts:#?}"
    );
}

/// Flags that appeared (vanished) are exactly the claims of both versions whose
/// flag was absent (present) before and is present (absent) now.
fn assert_flag_changes(diff: &Value, before: &HashMap<i64, Value>, now: &HashMap<i64, Value>) {
    let both: Vec<i64> = before
        .keys()
        .filter(|id| {
            now.get(id)
                .is_some_and(|c| c["removed_in_version"].is_null())
        })
        .copied()
        .collect();
    let expect = |was_null: bool| -> BTreeSet<i64> {
        both.iter()
            .copied()
            .filter(|id| {
                before[id]["flag"].is_null() == was_null && now[id]["flag"].is_null() != was_null
            })
            .collect()
    };
    assert_eq!(field_ids(diff, "flags_appeared"), expect(true));
    assert_eq!(field_ids(diff, "flags_vanished"), expect(false));
    for change in diff["flags_appeared"].as_array().unwrap() {
        let id = change["claim_id"].as_i64().unwrap();
        assert_eq!(change["flag"], now[&id]["flag"]);
    }
}

fn by_id(rows: Vec<Value>) -> HashMap<i64, Value> {
    rows.into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect()
}

fn diff_reports_flags_that_appeared_or_vanished(env: Env) {
    let Reviewed { env, v1, .. } = two_versions_with_reviews(env);
    let before: HashMap<i64, Value> = v1.into_iter().collect();
    let diff = env.json(&["diff", SOURCE, "--format", "json"]);
    assert_flag_changes(&diff, &before, &by_id(env.export()));

    // A page whose second version hedges one claim and un-hedges another.
    let first = env.file(
        "first.txt",
        "Bridge closed\nThe minister said the bridge was closed on Monday.\nPolice said the driver was reportedly drunk.\n"
            .as_bytes(),
    );
    let second = env.file(
        "second.txt",
        "Bridge closed\nThe minister said the bridge was reportedly closed on Monday.\nPolice said the driver was drunk.\n"
            .as_bytes(),
    );
    env.run_ok(&["ingest", s(&first), "--source", "bridge"]);
    let before = by_id(env.export());
    env.run_ok(&["ingest", s(&second), "--source", "bridge"]);
    let diff = env.json(&["diff", "bridge", "--format", "json"]);
    assert_flag_changes(&diff, &before, &by_id(env.export()));
}

fn versions_lists_each_version_with_counts_that_match_diff(env: Env) {
    let Reviewed { env, v1, .. } = two_versions_with_reviews(env);
    let versions = env.json(&["versions", SOURCE, "--format", "json"]);
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let (first, second) = (&versions[0], &versions[1]);
    assert_eq!(first["version"], 1);
    assert_eq!(first["claims"], v1.len());
    assert_eq!(first["new"], v1.len());
    assert!(chrono::DateTime::parse_from_rfc3339(second["ingested_at"].as_str().unwrap()).is_ok());
    let diff = env.json(&["diff", SOURCE, "--format", "json"]);
    for field in ["new", "kept", "reworded", "removed"] {
        assert_eq!(second[field], diff["counts"][field], "{field}");
    }
    let sum = |fields: &[&str]| -> i64 { fields.iter().map(|f| second[f].as_i64().unwrap()).sum() };
    assert_eq!(
        sum(&["new", "kept", "reworded"]),
        second["claims"].as_i64().unwrap()
    );
    assert_eq!(sum(&["kept", "reworded", "removed"]), v1.len() as i64);

    // By article id too, and as a table naming the source.
    let by_id = env.json(&[
        "versions",
        &first["article_id"].to_string(),
        "--format",
        "json",
    ]);
    assert_eq!(by_id.as_array().unwrap().len(), 2);
    let table = env.run_ok(&["versions", SOURCE, "-f", "table"]);
    assert!(table.starts_with("live-page: 2 versions"), "{table}");
    assert_eq!(
        table.lines().count(),
        5,
        "title, header, rule, two rows: {table}"
    );
}

fn diff_table_and_version_choices(env: Env) {
    let Reviewed { env, .. } = two_versions_with_reviews(env);
    let table = env.run_ok(&["diff", SOURCE, "-f", "table"]);
    let first = table.lines().next().unwrap();
    assert!(
        first.starts_with("live-page: version 1 (article "),
        "{table}"
    );
    assert!(
        first.contains(" new, ") && first.contains(" reworded, "),
        "{first}"
    );
    assert!(table.contains("| new "), "{table}");
    assert!(
        table.contains(" → "),
        "reworded rows show old → new: {table}"
    );

    // The JSON is the documented shape, field for field.
    let typed: claimtrack::versions::VersionDiff =
        serde_json::from_str(&env.run_ok(&["diff", SOURCE, "--format", "json"])).unwrap();
    assert_eq!(typed.counts.new, typed.new.len());
    assert_eq!(typed.source, SOURCE);

    // --from/--to pick versions; the same version on both sides changes nothing.
    let same = env.json(&[
        "diff", SOURCE, "--from", "2", "--to", "2", "--format", "json",
    ]);
    for field in [
        "new",
        "reworded",
        "removed",
        "flags_appeared",
        "flags_vanished",
    ] {
        assert!(same[field].as_array().unwrap().is_empty(), "{field}");
    }
    // Backwards, what was removed is new and the other way round.
    let forward = env.json(&["diff", SOURCE, "--format", "json"]);
    let backward = env.json(&[
        "diff", SOURCE, "--from", "2", "--to", "1", "--format", "json",
    ]);
    assert_eq!(field_ids(&forward, "new"), field_ids(&backward, "removed"));
    assert_eq!(field_ids(&forward, "removed"), field_ids(&backward, "new"));

    for (args, code, needle) in [
        (
            vec!["diff", "no-such-page"],
            1,
            "no article with source 'no-such-page'",
        ),
        (vec!["diff", SOURCE, "--from", "3"], 1, "has no version 3"),
        (
            vec!["diff", SOURCE, "--to", "1"],
            1,
            "version 1 is the first",
        ),
        (
            vec!["versions", "nowhere"],
            1,
            "no article with source 'nowhere'",
        ),
        (vec!["versions", "4242"], 1, "no article with id 4242"),
    ] {
        let (got, stderr) = env.run_err(&args);
        assert_eq!(got, code, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert_eq!(stderr.trim_end().lines().count(), 1, "{args:?}: {stderr}");
    }
}

fn a_single_version_has_nothing_to_diff(env: Env) {
    env.run_ok(&["ingest", V1, "--source", SOURCE]);
    let (code, stderr) = env.run_err(&["diff", SOURCE]);
    assert_eq!(code, 1);
    assert!(stderr.contains("only one version"), "{stderr}");
}

fn removed_claims_come_back_with_their_status_when_a_later_version_has_them(env: Env) {
    let Reviewed { env, v1, .. } = two_versions_with_reviews(env);
    // Version 3: the first version's text again (with a trailing edit, so the
    // bytes differ and it is a new version rather than "unchanged").
    let mut text = read(V1);
    text.push_str("\nUpdate: this page is no longer being updated.\n");
    let v3 = env.file("v3.txt", text.as_bytes());
    let out = env.run_ok(&["ingest", s(&v3), "--source", SOURCE]);
    assert!(out.contains("version 3"), "{out}");

    let diff = env.json(&["diff", SOURCE, "--format", "json"]);
    let back = field_ids(&diff, "new");
    let removed_in_2 = field_ids(
        &env.json(&[
            "diff", SOURCE, "--from", "1", "--to", "2", "--format", "json",
        ]),
        "removed",
    );
    assert!(!removed_in_2.is_empty());
    let now: HashMap<i64, Value> = env
        .export()
        .into_iter()
        .map(|c| (c["id"].as_i64().unwrap(), c))
        .collect();
    for id in &removed_in_2 {
        assert!(back.contains(id), "claim {id} did not come back");
        assert!(now[id]["removed_in_version"].is_null());
        assert_eq!(now[id]["status"], v1[id]["status"]);
        let events = env.json(&["history", &id.to_string(), "--format", "json"]);
        let kinds: Vec<&str> = events
            .as_array()
            .unwrap()
            .iter()
            .map(|e| e["event"].as_str().unwrap())
            .collect();
        assert_eq!(
            &kinds[..2],
            ["restored", "removed"],
            "claim {id}: {kinds:?}"
        );
    }
}

/// The HTML fixture page and its text copy, under two sources: every claim of one
/// is linked to the same claim of the other.
fn two_sources(env: Env) -> (Env, Vec<Value>) {
    env.run_ok(&[
        "ingest",
        "tests/fixtures/html/live-blog.html",
        "--source",
        "site-a",
    ]);
    env.run_ok(&[
        "ingest",
        "tests/fixtures/html/live-blog.txt",
        "--source",
        "site-b",
    ]);
    env.run_ok(&["ingest", V2, "--source", "site-b"]);
    let claims = env.export();
    assert!(claims.iter().any(|c| c["source"] == "site-a"));
    (env, claims)
}

fn list_counts_appearances_across_versions_and_sources(env: Env) {
    let (env, claims) = two_sources(env);
    let counted = env.json(&["list", "--appearances", "--format", "json"]);
    let counted = counted.as_array().unwrap();
    assert_eq!(counted.len(), claims.len());
    let by_key = claims
        .iter()
        .fold(HashMap::new(), |mut m: HashMap<String, Vec<&Value>>, c| {
            m.entry(claim_key(c["text"].as_str().unwrap()))
                .or_default()
                .push(c);
            m
        });
    for row in counted {
        // Same fields as the export, plus the two counts.
        let plain = claims.iter().find(|c| c["id"] == row["id"]).unwrap();
        for (field, value) in plain.as_object().unwrap() {
            assert_eq!(&row[field], value, "{field}");
        }
        let id = row["id"].to_string();
        let shown = env.json(&["show", &id, "--format", "json"]);
        let own = shown["appearances"].as_array().unwrap().len() as i64;
        let key = claim_key(row["text"].as_str().unwrap());
        let linked: Vec<&&Value> = by_key[&key]
            .iter()
            .filter(|c| c["source"] != row["source"])
            .collect();
        assert_eq!(
            shown["linked"].as_array().unwrap().len(),
            linked.len(),
            "claim {id}"
        );
        let linked_appearances: i64 = linked
            .iter()
            .map(|c| {
                env.json(&["show", &c["id"].to_string(), "--format", "json"])["appearances"]
                    .as_array()
                    .unwrap()
                    .len() as i64
            })
            .sum();
        assert_eq!(row["appearances"], own + linked_appearances, "claim {id}");
        let sources = 1 + linked
            .iter()
            .map(|c| c["source"].as_str().unwrap())
            .collect::<BTreeSet<_>>()
            .len();
        assert_eq!(row["sources"], sources, "claim {id}");
    }
    // site-a and site-b's first version are one page: their claims are linked.
    assert!(
        counted
            .iter()
            .any(|r| r["appearances"].as_i64().unwrap() >= 2 && r["sources"] == 2),
        "no claim seen in both sources"
    );

    let csv = env.run_ok(&["list", "--appearances", "--format", "csv"]);
    let header = csv.lines().next().unwrap();
    assert!(header.ends_with(",appearances,sources"), "{header}");
    let table = env.run_ok(&["list", "--appearances"]);
    assert!(
        table.contains("seen in") && table.contains("2 sources"),
        "{table}"
    );
    // Without the flag the listing is as before.
    let plain = env.run_ok(&["list", "--format", "jsonl"]);
    assert!(!plain.contains("\"appearances\""));
}

fn marking_one_appearance_marks_only_it_unless_asked(env: Env) {
    let (env, claims) = two_sources(env);
    let a = claims
        .iter()
        .find(|c| {
            c["source"] == "site-a"
                && claims.iter().any(|o| {
                    o["source"] == "site-b"
                        && claim_key(o["text"].as_str().unwrap())
                            == claim_key(c["text"].as_str().unwrap())
                })
        })
        .expect("a claim on both sites");
    let a_id = a["id"].to_string();
    let key = claim_key(a["text"].as_str().unwrap());
    let linked: BTreeSet<i64> = claims
        .iter()
        .filter(|o| o["source"] != "site-a" && claim_key(o["text"].as_str().unwrap()) == key)
        .map(|o| o["id"].as_i64().unwrap())
        .collect();
    let status_of = |id: i64| -> String {
        env.json(&["show", &id.to_string(), "--format", "json"])["status"]
            .as_str()
            .unwrap()
            .to_string()
    };

    let out = env
        .cmd()
        .args(["mark", &a_id, "--status", "false"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_eq!(String::from_utf8_lossy(&out.stdout).lines().count(), 1);
    assert!(
        String::from_utf8_lossy(&out.stderr).contains("--all-appearances"),
        "the reviewer hears of the other appearances"
    );
    for id in &linked {
        assert_eq!(status_of(*id), "unverified", "claim {id} was marked too");
    }

    // An unknown id fails the whole call, linked claims included.
    let (code, _) = env.run_err(&[
        "mark",
        &a_id,
        "424242",
        "--status",
        "verified",
        "--all-appearances",
    ]);
    assert_eq!(code, 1);
    assert_eq!(status_of(a["id"].as_i64().unwrap()), "false");
    for id in &linked {
        assert_eq!(status_of(*id), "unverified");
    }

    let out = env.run_ok(&[
        "mark",
        &a_id,
        "--status",
        "verified",
        "--note",
        "MoD confirmed",
        "--all-appearances",
    ]);
    assert_eq!(out.lines().count(), 1 + linked.len(), "{out}");
    assert!(out.contains(&format!("(linked to claim {a_id})")), "{out}");
    for id in linked.iter().chain([&a["id"].as_i64().unwrap()]) {
        assert_eq!(status_of(*id), "verified", "claim {id}");
    }
    let linked_id = linked.iter().next().unwrap().to_string();
    let events = env.json(&["history", &linked_id, "--format", "json"]);
    let note = events[0]["note"].as_str().unwrap();
    assert!(
        note.contains("MoD confirmed") && note.contains(&a_id),
        "{note}"
    );
    assert_eq!(events[0]["reviewer"], "tester");
}

fn html_page_and_its_text_are_one_claim_each_in_show(env: Env) {
    let (env, claims) = two_sources(env);
    let a = claims.iter().find(|c| c["source"] == "site-a").unwrap();
    let shown = env.run_ok(&["show", &a["id"].to_string()]);
    assert!(
        shown.contains("linked claim") && shown.contains("site-b"),
        "{shown}"
    );
}

fn help_documents_versions_diff_and_the_new_flags(env: Env) {
    let help = env.run_ok(&["--help"]);
    assert!(help.contains("versions") && help.contains("diff"), "{help}");
    let ingest = env.run_ok(&["ingest", "--help"]);
    for needle in [".html", "URL", "--timeout", "--max-bytes"] {
        assert!(ingest.contains(needle), "{needle} missing: {ingest}");
    }
    assert!(
        env.run_ok(&["mark", "--help"])
            .contains("--all-appearances")
    );
    assert!(env.run_ok(&["list", "--help"]).contains("--appearances"));
    for command in ["versions", "diff"] {
        assert!(env.run_ok(&[command, "--help"]).contains("SOURCE|ID"));
    }
}

on_both![
    claims_common_to_both_versions_keep_id_status_and_history,
    diff_reports_new_reworded_and_removed_claims_from_the_appearances,
    diff_reports_flags_that_appeared_or_vanished,
    versions_lists_each_version_with_counts_that_match_diff,
    diff_table_and_version_choices,
    removed_claims_come_back_with_their_status_when_a_later_version_has_them,
    list_counts_appearances_across_versions_and_sources,
    marking_one_appearance_marks_only_it_unless_asked,
    html_page_and_its_text_are_one_claim_each_in_show,
    a_single_version_has_nothing_to_diff,
    help_documents_versions_diff_and_the_new_flags,
];
