//! Bad input that tests/cli.rs does not already cover: unreadable files, a 50 MB
//! single-line file, pathological quoting, read-only databases, hostile text.

use crate::common::reliability::*;
use std::path::Path;

fn stderr_of(out: &std::process::Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

#[test]
fn unreadable_file_is_reported_and_the_others_still_land() {
    let (dir, db) = temp_db();
    let secret = dir.path().join("secret.txt");
    std::fs::write(&secret, "The minister said it was fine.\n").unwrap();
    set_mode(&secret, 0o000);
    let out = claimtrack_unprivileged(&db, dir.path())
        .args([
            "ingest",
            secret.to_str().unwrap(),
            "seeds/000_603c3ce12f8f4009.txt",
        ])
        .output()
        .unwrap();
    set_mode(&secret, 0o600);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    assert!(err.contains("secret.txt: Permission denied"), "{err}");
    assert!(err.contains("1 of 2 inputs"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!export(&db).is_empty(), "the readable article was stored");
}

#[test]
fn an_article_failing_mid_store_leaves_nothing_and_its_batch_lands() {
    let (dir, db) = temp_db();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    crate::common::five_articles_the_third_refused(&corpus);
    create_db(&db);
    // A storage failure in the middle of article 3: its article row and first claim
    // are written by then, the same batch holds articles 1 and 2 already.
    sql(&db)
        .execute_batch(
            "CREATE TRIGGER refuse BEFORE INSERT ON appearances
             WHEN (SELECT text FROM claims WHERE id = NEW.claim_id) LIKE '%REFUSE-ME%'
             BEGIN SELECT RAISE(ABORT, 'refused by the test'); END;",
        )
        .unwrap();
    let out = claimtrack(&db)
        .args(["ingest", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, err) = (String::from_utf8_lossy(&out.stdout), stderr_of(&out));
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("3.txt") && err.contains("refused by the test"),
        "{err}"
    );
    assert!(err.contains("1 of 5 inputs"), "{err}");
    let reported: Vec<&str> = stdout.lines().collect();
    assert_eq!(reported.len(), 4, "{stdout}");
    for (line, n) in reported.iter().zip([1, 2, 4, 5]) {
        assert!(line.contains(&format!("{n}.txt: 2 claims")), "{line}");
    }
    let conn = sql(&db);
    assert_eq!(count(&conn, "SELECT count(*) FROM articles"), 4);
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM articles WHERE source LIKE '%3.txt'"
        ),
        0
    );
    assert_eq!(count(&conn, "SELECT count(*) FROM claims"), 8);
    assert_eq!(count(&conn, "SELECT count(*) FROM appearances"), 8);
    ok(&db, &["check"]);

    conn.execute_batch("DROP TRIGGER refuse").unwrap();
    let again = ok(&db, &["ingest", corpus.to_str().unwrap()]);
    assert!(again.contains("3.txt: 2 claims"), "{again}");
    assert_eq!(count(&conn, "SELECT count(*) FROM articles"), 5);
}

#[test]
fn fifty_megabyte_single_line_file_is_ingested() {
    let (dir, db) = temp_db();
    let file = dir.path().join("one-line.txt");
    // One paragraph of 50 MB: prose, every tenth sentence attributed, no newline.
    let sentence = "The convoy moved north through the night, past villages without power. ";
    let claim = "A regional official said the road had been cleared of mines. ";
    let mut text = String::with_capacity(50_000_100);
    let mut n = 0;
    while text.len() < 50_000_000 {
        text.push_str(if n % 10 == 0 { claim } else { sentence });
        n += 1;
    }
    std::fs::write(&file, &text).unwrap();
    let out = ok(&db, &["ingest", file.to_str().unwrap()]);
    assert!(out.contains("one-line.txt: "), "{out}");
    let conn = sql(&db);
    assert_eq!(
        count(
            &conn,
            "SELECT length(CAST(content AS BLOB)) FROM article_texts"
        ),
        text.len() as i64,
        "the whole line is stored"
    );
}

#[test]
fn nested_and_unbalanced_quotes_do_not_break_ingest() {
    let (dir, db) = temp_db();
    let mut text = String::from("Quotes within quotes\n");
    text.push_str(&"“‘«\"(".repeat(2000));
    text.push_str("The spokesman said nothing was decided.");
    text.push_str(&")\"»’”".repeat(1500)); // fewer closers than openers
    text.push('\n');
    text.push_str("“He said “she said ‘they said “it is true.\n");
    text.push_str("\"\"\"\"\"\" said \"\"\" the \"\" minister \" .\n");
    text.push_str(&"”".repeat(5000));
    text.push_str(" an official said.\n");
    let file = dir.path().join("quotes.txt");
    std::fs::write(&file, &text).unwrap();
    ok(&db, &["ingest", file.to_str().unwrap()]);
    for claim in export(&db) {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(text.get(start..end), claim["text"].as_str(), "{claim}");
    }
    assert!(ok(&db, &["check"]).starts_with("ok:"));
}

fn read_only_db(writable_dir: bool) {
    let (dir, db) = temp_db();
    ok(&db, &["ingest", "seeds"]);
    let id = export(&db)[0]["id"].to_string();
    // A clean close leaves no -wal/-shm: the case where SQLite cannot even read
    // a WAL file unless it is opened as immutable.
    set_mode(&db, 0o444);
    if !writable_dir {
        set_mode(dir.path(), 0o555);
    }
    let run = |args: &[&str]| {
        claimtrack_unprivileged(&db, Path::new("/tmp"))
            .args(args)
            .output()
            .unwrap()
    };
    let listed = run(&["list", "--format", "jsonl"]);
    let marked = run(&["mark", &id, "--status", "verified"]);
    let checked = run(&["check"]);
    set_mode(dir.path(), 0o700);
    set_mode(&db, 0o644);

    assert!(listed.status.success(), "list: {}", stderr_of(&listed));
    assert_eq!(
        String::from_utf8_lossy(&listed.stdout).lines().count(),
        export(&db).len()
    );
    assert_eq!(marked.status.code(), Some(1));
    let err = stderr_of(&marked);
    assert!(
        err.contains("database is read-only; mark needs write access"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(checked.status.success(), "check: {}", stderr_of(&checked));
    assert_eq!(export(&db)[0]["status"], "unverified", "nothing was marked");
}

#[test]
fn read_only_database_lists_but_refuses_mark() {
    read_only_db(true);
}

#[test]
fn read_only_database_in_a_read_only_directory_lists_but_refuses_mark() {
    read_only_db(false);
}

#[test]
fn hostile_text_is_stored_and_exported_verbatim_and_safe() {
    let (dir, db) = temp_db();
    let lines = [
        "Hostile copy",
        "Robert'); DROP TABLE claims; -- said the tables were safe.",
        "=HYPERLINK(\"http://evil.example\",\"click\") said a spreadsheet.",
        "+cmd|' /C calc'!A0 said nobody.",
        "@SUM(A1:A9) said the accountant.",
        "-2+3 said the mathematician.",
        "<script>alert('x')</script> said the browser.",
        "100% of the _wildcards_ said \\ backslash.",
    ];
    let text = lines.join("\n") + "\n";
    let file = dir.path().join("hostile.txt");
    std::fs::write(&file, &text).unwrap();
    ok(&db, &["ingest", file.to_str().unwrap()]);
    let claims = export(&db);
    assert!(claims.len() >= lines.len() - 1, "{claims:?}");
    for claim in &claims {
        let (start, end) = (
            claim["start"].as_u64().unwrap() as usize,
            claim["end"].as_u64().unwrap() as usize,
        );
        assert_eq!(
            text.get(start..end),
            claim["text"].as_str(),
            "stored verbatim"
        );
    }
    let id = claims[0]["id"].to_string();
    let note = "=1+1 '); DELETE FROM reviews; -- <img src=x onerror=alert(1)>";
    ok(
        &db,
        &[
            "mark",
            &id,
            "--status",
            "false",
            "--note",
            note,
            "--reviewer",
            "<b>'--",
        ],
    );

    let conn = sql(&db);
    for table in ["articles", "claims", "appearances", "reviews"] {
        count(&conn, &format!("SELECT count(*) FROM {table}")); // still there
    }
    let history: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&db, &["history", &id, "--format", "json"])).unwrap();
    assert_eq!(history[0]["note"], note);
    assert_eq!(history[0]["reviewer"], "<b>'--");

    // LIKE wildcards in a search are literal.
    let hits: Vec<serde_json::Value> = serde_json::from_str(&ok(
        &db,
        &["export", "--format", "json", "--search", "100%"],
    ))
    .unwrap();
    assert_eq!(hits.len(), 1);
    let none: Vec<serde_json::Value> =
        serde_json::from_str(&ok(&db, &["export", "--format", "json", "--search", "1_0"])).unwrap();
    assert!(none.is_empty());

    // CSV: formula-like cells are neutralised with a leading ', the rest verbatim.
    let csv_text = ok(&db, &["export", "--format", "csv"]);
    let mut reader = csv::Reader::from_reader(csv_text.as_bytes());
    let header = reader.headers().unwrap().clone();
    let col = |name: &str| header.iter().position(|h| h == name).unwrap();
    for (record, claim) in reader.records().map(Result::unwrap).zip(&claims) {
        let cell = &record[col("text")];
        let original = claim["text"].as_str().unwrap();
        if original.starts_with(['=', '+', '-', '@']) {
            assert_eq!(cell, format!("'{original}"));
        } else {
            assert_eq!(cell, original);
        }
        if claim["id"].as_i64() == claims[0]["id"].as_i64() {
            assert_eq!(&record[col("latest_note")], format!("'{note}"));
        }
    }
}
