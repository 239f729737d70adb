//! End-to-end: the real binary against a temporary database, on the seeds.

use assert_cmd::Command;
use serde_json::Value;
use std::path::Path;

use crate::common::{Env, repo_path, s};

fn ingest_reports_each_article_and_reingest_adds_nothing(env: Env) {
    let first = env.run_ok(&["ingest", "seeds"]);
    assert_eq!(first.lines().count(), 2, "{first}");
    assert!(
        first
            .lines()
            .all(|l| l.contains(" claims, ") && l.contains("article ")),
        "{first}"
    );
    let claims = env.export_json(&[]).len();
    assert!(claims > 20, "only {claims} claims from the seeds");

    let second = env.run_ok(&["ingest", "seeds"]);
    assert!(second.lines().all(|l| l.contains("unchanged")), "{second}");
    assert_eq!(env.export_json(&[]).len(), claims);
}

fn one_ingest_stores_each_article_once_however_often_it_is_given(env: Env) {
    let said = |n: u32| format!("Report {n}.\nThe mayor said the bridge {n} was open.\n");
    let a = env.file("a.txt", said(1).as_bytes());
    let copy = env.file("a-copy.txt", said(1).as_bytes());
    let b = env.file("b.txt", said(2).as_bytes());
    // One command, one batch: the later articles are looked up after the first
    // one is stored, not before (PostgreSQL looks the batch's articles up at once).
    let unchanged = |inputs: &[&Path]| -> Vec<bool> {
        let mut args = vec!["ingest"];
        args.extend(inputs.iter().map(|p| s(p)));
        let out = env.run_ok(&args);
        out.lines().map(|l| l.contains("unchanged")).collect()
    };
    assert_eq!(unchanged(&[&a, &copy, &b]), [false, true, false]);
    let c = env.file("c.txt", said(3).as_bytes());
    assert_eq!(unchanged(&[&c, &c, &a]), [false, true, true]);
    assert_eq!(env.sources().len(), 3);
    assert_eq!(env.export_json(&[]).len(), 3);
}

fn each_claim_points_at_its_speaker_however_many_are_new(env: Env) {
    // Real copy names a new speaker in almost every claim; PostgreSQL looks an
    // article's new ones up at once and holds their rows back with the claims'.
    let article = |n: usize, people: &[&str]| -> String {
        let mut text = format!("Report {n}.\n");
        for person in people {
            text.push_str(&format!(
                "\n{person}, a senior official, said that {n} convoys had crossed the river.\n"
            ));
        }
        text
    };
    let first = env.file(
        "1.txt",
        article(1, &["Ana Kovar", "Ben Tallis", "Cid Orvan"]).as_bytes(),
    );
    let second = env.file("2.txt", article(2, &["Ben Tallis", "Dora Fenn"]).as_bytes());
    env.run_ok(&["ingest", s(&first), s(&second)]);
    let third = env.file(
        "3.txt",
        article(3, &["Dora Fenn", "Ana Kovar", "Eli Marsh"]).as_bytes(),
    );
    env.run_ok(&["ingest", s(&third)]);
    let check = env.run_ok(&["check"]);
    assert!(check.starts_with("ok:"), "{check}");
    for (person, claims) in [
        ("Ana Kovar", 2),
        ("Ben Tallis", 2),
        ("Cid Orvan", 1),
        ("Dora Fenn", 2),
        ("Eli Marsh", 1),
    ] {
        let listed = env.run_ok(&["list", "--speaker", person, "--format", "jsonl"]);
        assert_eq!(listed.lines().count(), claims, "{person}: {listed}");
        assert!(listed.lines().all(|l| l.contains(person)), "{listed}");
    }
}

fn the_note_of_a_claim_in_many_sources_names_a_few(env: Env) {
    let mut files = Vec::new();
    for n in 1..=13 {
        let text = format!("Wire copy {n}.\nThe ministry said the dam had held overnight.\n");
        files.push(env.file(&format!("{n}.txt"), text.as_bytes()));
    }
    let mut args = vec!["ingest"];
    args.extend(files.iter().map(|f| s(f)));
    env.run_ok(&args);
    let out = env
        .cmd()
        .args(["mark", "1", "--status", "in-progress"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let note = String::from_utf8(out.stderr).unwrap();
    assert_eq!(note.lines().count(), 1, "{note}");
    assert!(
        note.contains("as claim 2, 3, 4, 5, 6, 7, 8, 9, 10, 11 and 2 more;"),
        "{note}"
    );
}

fn review_loop_list_mark_show_history_export(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let all = env.export_json(&[]);
    let unverified = env.run_ok(&["list", "--unverified", "--format", "jsonl"]);
    assert_eq!(unverified.lines().count(), all.len());

    let (a, b) = (all[0]["id"].to_string(), all[1]["id"].to_string());
    let marked = env.run_ok(&[
        "mark",
        &a,
        &b,
        "--status",
        "false",
        "--note",
        "contradicted by the MoD",
    ]);
    assert_eq!(marked.lines().count(), 2, "{marked}");

    let still: Vec<Value> = env
        .run_ok(&["list", "--unverified", "--format", "jsonl"])
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(still.len(), all.len() - 2);
    assert!(still.iter().all(|c| c["status"] == "unverified"));

    let false_ones = env.export_json(&["--status", "false"]);
    assert_eq!(false_ones.len(), 2);
    assert!(
        false_ones
            .iter()
            .all(|c| c["latest_note"] == "contradicted by the MoD")
    );

    env.run_ok(&["note", &a, "asked the ministry for the source"]);
    let history: Vec<Value> =
        serde_json::from_str(&env.run_ok(&["history", &a, "--format", "json"])).unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["event"], "note", "newest first");
    assert_eq!(history[0]["new_status"], "false");
    assert_eq!(history[1]["old_status"], "unverified");
    assert_eq!(history[1]["new_status"], "false");
    assert_eq!(history[1]["reviewer"], "tester");

    let shown = env.run_ok(&["show", &a]);
    assert!(
        shown.contains("[false]")
            && shown.contains("asked the ministry")
            && shown.contains("contradicted"),
        "{shown}"
    );
    assert!(shown.contains(all[0]["text"].as_str().unwrap()));

    let every: Vec<Value> =
        serde_json::from_str(&env.run_ok(&["history", "--format", "json"])).unwrap();
    assert_eq!(every.len(), 3);
}

fn json_export_has_the_documented_fields(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let rows = env.export_json(&[]);
    let content = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/002_7a10996a83bded68.txt"),
    )
    .unwrap();
    for field in [
        "id",
        "article_id",
        "source",
        "title",
        "position",
        "text",
        "speaker",
        "speaker_resolved",
        "outlet",
        "cue",
        "flag",
        "flag_evidence",
        "start",
        "end",
        "status",
        "created_at",
        "updated_at",
    ] {
        assert!(
            rows.iter().all(|r| r.get(field).is_some()),
            "field {field} missing"
        );
    }
    let seed = absolute("seeds/002_7a10996a83bded68.txt");
    let seed_rows: Vec<&Value> = rows
        .iter()
        .filter(|r| r["source"] == seed.as_str())
        .collect();
    assert!(
        !seed_rows.is_empty(),
        "sources are stored as absolute paths"
    );
    for row in seed_rows {
        let (start, end) = (
            row["start"].as_u64().unwrap() as usize,
            row["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            &content[start..end],
            row["text"].as_str().unwrap(),
            "offsets point at the text"
        );
        let created = row["created_at"].as_str().unwrap();
        assert!(chrono::DateTime::parse_from_rfc3339(created).is_ok() && created.ends_with('Z'));
    }
    let positions: Vec<i64> = rows
        .iter()
        .filter(|r| r["article_id"] == rows[0]["article_id"])
        .map(|r| r["position"].as_i64().unwrap())
        .collect();
    assert_eq!(positions, (1..=positions.len() as i64).collect::<Vec<_>>());
}

fn csv_export_parses_back_with_a_header(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let json = env.export_json(&[]);
    let out = env.dir.path().join("claims.csv");
    env.run_ok(&["export", "--format", "csv", "-o", s(&out)]);
    let mut reader = csv::Reader::from_path(&out).unwrap();
    let header = reader.headers().unwrap().clone();
    assert_eq!(&header[0], "id");
    let text_col = header.iter().position(|h| h == "text").unwrap();
    let records: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(records.len(), json.len());
    assert_eq!(&records[0][text_col], json[0]["text"].as_str().unwrap());
}

fn filters_narrow_the_listing(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let all = env.export_json(&[]);
    let pentagon = env.run_ok(&["list", "--speaker", "PENTAGON", "--format", "jsonl"]);
    assert!(pentagon.lines().count() >= 1);
    assert!(pentagon.lines().count() < all.len());
    for line in pentagon.lines() {
        let row: Value = serde_json::from_str(line).unwrap();
        let speaker = format!("{} {}", row["speaker"], row["speaker_resolved"]).to_lowercase();
        assert!(speaker.contains("pentagon"), "{speaker}");
    }
    let limited = env.run_ok(&["list", "--limit", "3", "--format", "jsonl"]);
    assert_eq!(limited.lines().count(), 3);
    let article = all.last().unwrap()["article_id"].to_string();
    let of_article = env.export_json(&["--article", &article]);
    assert!(
        of_article
            .iter()
            .all(|r| r["article_id"] == all.last().unwrap()["article_id"])
    );
    let search = env.export_json(&["--search", "kursk"]);
    assert!(
        !search.is_empty()
            && search
                .iter()
                .all(|r| r["text"].as_str().unwrap().to_lowercase().contains("kursk"))
    );
}

#[test]
fn extract_prints_claims_without_touching_the_database() {
    let env = Env::new();
    let out = env.run_ok(&[
        "extract",
        "seeds/000_603c3ce12f8f4009.txt",
        "--format",
        "json",
    ]);
    let rows: Vec<Value> = serde_json::from_str(&out).unwrap();
    assert!(!rows.is_empty());
    let seed = absolute("seeds/000_603c3ce12f8f4009.txt");
    assert!(rows.iter().all(|r| r["source"] == seed.as_str()));
    assert!(!env.db().exists(), "extract must not create the database");
}

fn stdin_ingest_uses_the_source_name(env: Env) {
    let text =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds/000_603c3ce12f8f4009.txt"))
            .unwrap();
    let out = env
        .cmd()
        .args(["ingest", "-", "--source", "live-page"])
        .write_stdin(text)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let rows = env.export_json(&[]);
    assert!(!rows.is_empty() && rows.iter().all(|r| r["source"] == "live-page"));
}

fn errors_are_one_line_with_the_right_exit_code(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let cases: Vec<(Vec<String>, i32, &str)> = vec![
        (
            vec!["ingest".into(), "no/such/file.txt".into()],
            1,
            "no such file",
        ),
        (
            vec![
                "mark".into(),
                "424242".into(),
                "--status".into(),
                "verified".into(),
            ],
            1,
            "no claim with id 424242",
        ),
        (
            vec!["show".into(), "424242".into()],
            1,
            "no claim with id 424242",
        ),
        (
            vec!["note".into(), "424242".into(), "x".into()],
            1,
            "no claim with id 424242",
        ),
        (
            vec!["history".into(), "424242".into()],
            1,
            "no claim with id 424242",
        ),
        (
            vec!["mark".into(), "1".into(), "--status".into(), "maybe".into()],
            2,
            "this register's: unverified, in-progress",
        ),
        // Usage mistakes clap catches, and ones only the command can see.
        (
            vec!["list".into(), "--limit".into(), "0".into()],
            2,
            "a limit of 0 shows nothing",
        ),
        (
            vec!["note".into(), "1".into(), "  ".into()],
            2,
            "the note is empty",
        ),
        (
            vec!["export".into(), "--format".into(), "claimreview".into()],
            2,
            "--review-url-base",
        ),
        (
            vec!["check".into(), "--help-me".into()],
            2,
            "unexpected argument",
        ),
        // A failed operation the command itself refuses, not the library.
        (
            vec![
                "export".into(),
                "--format".into(),
                "csv".into(),
                "-o".into(),
                "seeds".into(),
            ],
            1,
            "is a directory",
        ),
    ];
    for (args, code, needle) in cases {
        let args: Vec<&str> = args.iter().map(String::as_str).collect();
        let (got, stderr) = env.run_err(&args);
        assert_eq!(got, code, "{args:?}: {stderr}");
        assert!(stderr.contains(needle), "{args:?}: {stderr}");
        assert!(!stderr.contains("panicked"), "{stderr}");
        // One line, plus clap's hint for a mistake it caught.
        assert!(stderr.lines().count() <= 2, "{stderr}");
    }
    let ok = env.cmd().args(["list", "--limit", "1"]).output().unwrap();
    assert_eq!(ok.status.code(), Some(0));
}

fn a_failed_mark_marks_nothing(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let first = env.export_json(&[])[0]["id"].to_string();
    env.run_err(&["mark", &first, "424242", "--status", "verified"]);
    let row = &env.export_json(&[])[0];
    assert_eq!(row["status"], "unverified");
    assert!(env.run_ok(&["history", "--format", "json"]).trim() == "[]");
}

fn bad_files_are_refused_and_good_ones_still_land(env: Env) {
    let binary = env.file("image.txt", b"GIF89a\0\0\x01");
    let latin1 = env.file(
        "latin1.txt",
        b"Le ministre a d\xe9clar\xe9 que tout va bien.\n",
    );
    let (code, stderr) = env.run_err(&["ingest", s(&binary)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("binary file"), "{stderr}");
    let (_, stderr) = env.run_err(&["ingest", s(&latin1)]);
    assert!(
        stderr.contains("not valid UTF-8") && stderr.contains("offset 15"),
        "{stderr}"
    );

    // In a mixed run the good article is stored, the bad one reported, the exit non-zero.
    let (code, stderr) = env.run_err(&["ingest", s(&latin1), "seeds/000_603c3ce12f8f4009.txt"]);
    assert_eq!(code, 1);
    assert!(stderr.contains("1 of 2 inputs"), "{stderr}");
    assert!(!env.export_json(&[]).is_empty());
}

fn empty_file_is_no_claims_not_an_error(env: Env) {
    let empty = env.file("empty.txt", b"");
    let out = env.run_ok(&["ingest", s(&empty)]);
    assert!(out.contains("0 claims"), "{out}");
}

fn directory_without_articles_is_refused(env: Env) {
    let dir = env.dir.path().join("empty-dir");
    std::fs::create_dir(&dir).unwrap();
    std::fs::write(dir.join("notes.json"), "{}").unwrap();
    let (code, stderr) = env.run_err(&["ingest", s(&dir)]);
    assert_eq!(code, 1);
    assert!(stderr.contains("no articles found"), "{stderr}");
}

#[test]
fn foreign_databases_are_refused_untouched() {
    let env = Env::new();
    let not_sqlite = env.file("notes.db", b"this is not a database, just text that is long enough to fill a header block of sqlite.....................");
    let foreign = env.dir.path().join("foreign.db");
    {
        let conn = rusqlite::Connection::open(&foreign).unwrap();
        conn.execute_batch("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);")
            .unwrap();
    }
    let newer = env.dir.path().join("newer.db");
    drop(
        claimtrack::store::Store::create_or_open(&claimtrack::store::Location::File(newer.clone()))
            .unwrap(),
    );
    {
        let conn = rusqlite::Connection::open(&newer).unwrap();
        conn.pragma_update(None, "user_version", 999).unwrap();
    }
    for (db, needle) in [
        (&not_sqlite, "not an SQLite database"),
        (&foreign, "not a claimtrack database"),
        (&newer, "newer than this claimtrack"),
    ] {
        let before = std::fs::read(db).unwrap();
        let out = env.cmd_on(db).args(["ingest", "seeds"]).output().unwrap();
        assert_eq!(out.status.code(), Some(1));
        let stderr = String::from_utf8(out.stderr).unwrap();
        assert!(stderr.contains(needle), "{stderr}");
        assert_eq!(stderr.lines().count(), 1, "{stderr}");
        assert_eq!(
            std::fs::read(db).unwrap(),
            before,
            "{} was written to",
            db.display()
        );
    }
}

fn closed_pipe_exits_quietly(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_claimtrack"))
        .arg("--db")
        .arg(env.db_arg())
        .args(["export", "--format", "jsonl"])
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take()); // the reader goes away before anything is written
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&out.stderr), "");
}

#[test]
fn help_documents_every_command() {
    let out = Command::cargo_bin("claimtrack")
        .unwrap()
        .arg("--help")
        .output()
        .unwrap();
    let help = String::from_utf8(out.stdout).unwrap();
    for command in [
        "ingest", "extract", "list", "show", "mark", "note", "history", "articles", "export",
    ] {
        assert!(help.contains(command), "{command} missing from --help");
    }
}

/// Issue 2's floor, through the real binary: ingest the seeds, export JSON, score it
/// against the hand-labelled gold with the Rust port of score.py.
fn seeds_export_scores_above_the_floor(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let preds = env.export_json(&[]);
    let gold = crate::common::score::load_gold(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/gold/seeds-gold.jsonl"),
    );
    let (scores, report) = crate::common::score::score(&gold, &preds);
    assert!(
        scores.claim_f1 >= 0.97 && scores.speaker >= 0.95 && scores.flag_f1 >= 0.95,
        "seeds through the CLI: {scores:?}\n{}",
        report.lines.join("\n")
    );
}

fn explain_gives_every_claim_a_taken_line_and_leaves_boilerplate(env: Env) {
    let seed = "seeds/000_603c3ce12f8f4009.txt";
    let claims: Vec<Value> =
        serde_json::from_str(&env.run_ok(&["extract", seed, "--format", "json"])).unwrap();
    let decisions: Vec<Value> =
        serde_json::from_str(&env.run_ok(&["extract", seed, "--explain", "--format", "json"]))
            .unwrap();
    let taken: Vec<&Value> = decisions.iter().filter(|d| d["taken"] == true).collect();
    assert!(!taken.is_empty());
    for claim in &claims {
        let (start, end) = (
            claim["start"].as_u64().unwrap(),
            claim["end"].as_u64().unwrap(),
        );
        assert!(
            taken.iter().any(|d| d["start"].as_u64().unwrap() <= start
                && d["end"].as_u64().unwrap() >= end
                || d["start"].as_u64().unwrap() >= start && d["end"].as_u64().unwrap() <= end),
            "no taken decision covers {}",
            claim["text"]
        );
    }
    let left = decisions
        .iter()
        .find(|d| {
            d["text"]
                .as_str()
                .unwrap()
                .contains("Your support makes all the difference")
        })
        .unwrap();
    assert_eq!(left["taken"], false);
    let plain = env.run_ok(&["extract", seed, "--explain"]);
    assert!(
        plain.lines().any(|l| l.starts_with("+ ")) && plain.lines().any(|l| l.starts_with("- "))
    );
}

fn piped_list_is_tab_separated_one_line_per_claim(env: Env) {
    env.run_ok(&["ingest", "seeds"]);
    let all = env.export_json(&[]);
    let out = env.run_ok(&["list"]);
    let mut lines = out.lines();
    assert_eq!(
        lines.next(),
        Some("id\tstatus\tflag\tspeaker\tclaim\tarticle")
    );
    let rows: Vec<Vec<&str>> = lines.map(|l| l.split('\t').collect()).collect();
    assert_eq!(rows.len(), all.len());
    for (row, claim) in rows.iter().zip(&all) {
        assert_eq!(row.len(), 6, "{row:?}");
        assert_eq!(row[0], claim["id"].to_string());
        assert_eq!(
            row[4],
            claim["text"].as_str().unwrap().replace(['\t', '\n'], " ")
        );
    }
}

/// A repository file's absolute path, symlinks resolved: how a source is stored.
fn absolute(relative: &str) -> String {
    repo_path(relative)
        .canonicalize()
        .unwrap()
        .display()
        .to_string()
}

on_both![
    closed_pipe_exits_quietly,
    the_note_of_a_claim_in_many_sources_names_a_few,
    ingest_reports_each_article_and_reingest_adds_nothing,
    one_ingest_stores_each_article_once_however_often_it_is_given,
    each_claim_points_at_its_speaker_however_many_are_new,
    review_loop_list_mark_show_history_export,
    json_export_has_the_documented_fields,
    csv_export_parses_back_with_a_header,
    filters_narrow_the_listing,
    stdin_ingest_uses_the_source_name,
    errors_are_one_line_with_the_right_exit_code,
    a_failed_mark_marks_nothing,
    bad_files_are_refused_and_good_ones_still_land,
    empty_file_is_no_claims_not_an_error,
    directory_without_articles_is_refused,
    seeds_export_scores_above_the_floor,
    explain_gives_every_claim_a_taken_line_and_leaves_boilerplate,
    piped_list_is_tab_separated_one_line_per_claim,
];
