//! Regression tests for the holes a hostile test of the release build found
//! (issue 10): each one runs the real binary the way the hostile test did.

use crate::common::reliability::*;
use std::path::Path;
use std::process::{Output, Stdio};

fn stderr_of(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn run(db: &Path, args: &[&str]) -> Output {
    claimtrack(db).args(args).output().unwrap()
}

/// A register with the two seed articles in a fresh directory.
fn seeded() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = temp_db();
    ok(&db, &["ingest", "seeds"]);
    (dir, db)
}

// Item 1: `export -o` never replaces the database, an SQLite file, or (without
// --force) any file.
#[test]
fn export_output_never_replaces_the_database_or_an_existing_file() {
    let (dir, db) = seeded();
    let before = std::fs::read(&db).unwrap();
    let link = dir.path().join("link.db");
    std::os::unix::fs::symlink(&db, &link).unwrap();
    let other_path = dir.path().join(".").join("claims.db");
    let foreign = dir.path().join("other.sqlite");
    rusqlite::Connection::open(&foreign)
        .unwrap()
        .execute_batch("CREATE TABLE t (x)")
        .unwrap();
    for (target, needle) in [
        (&db, "is the database itself"),
        (&link, "is the database itself"),
        (&other_path, "is the database itself"),
        (&foreign, "is an SQLite database"),
    ] {
        let out = run(
            &db,
            &[
                "export",
                "--format",
                "csv",
                "--force",
                "-o",
                target.to_str().unwrap(),
            ],
        );
        assert_eq!(out.status.code(), Some(1), "{}", target.display());
        let err = stderr_of(&out);
        assert!(err.contains(needle), "{err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    assert_eq!(
        std::fs::read(&db).unwrap(),
        before,
        "the database is intact"
    );
    assert!(ok(&db, &["check"]).starts_with("ok:"));

    let report = dir.path().join("report.csv");
    std::fs::write(&report, "keep me").unwrap();
    set_mode(&report, 0o640);
    let out = run(
        &db,
        &["export", "--format", "csv", "-o", report.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("already exists; use --force"));
    assert_eq!(std::fs::read_to_string(&report).unwrap(), "keep me");
    ok(
        &db,
        &[
            "export",
            "--format",
            "csv",
            "--force",
            "-o",
            report.to_str().unwrap(),
        ],
    );
    assert!(std::fs::read_to_string(&report).unwrap().starts_with("id,"));
    assert_eq!(
        mode(&report),
        0o640,
        "a replaced file keeps its permissions"
    );
}

fn mode(path: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(path).unwrap().permissions().mode() & 0o777
}

// Item 1: a new export file gets the umask's mode, not a forced 0644.
#[test]
fn a_new_export_file_gets_the_umask_mode() {
    let (dir, db) = seeded();
    let out_file = dir.path().join("new.json");
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg("umask 027 && exec \"$0\" --db \"$1\" export --format json -o \"$2\"")
        .arg(BIN)
        .arg(&db)
        .arg(&out_file)
        .status()
        .unwrap();
    assert!(status.success());
    assert_eq!(mode(&out_file), 0o640);
}

// Item 14: a killed export or backup leaves a temporary file that the next run
// recognises, removes and reports.
#[test]
fn temporary_files_of_killed_runs_are_removed_by_the_next_run() {
    let (dir, db) = seeded();
    // What `kill -9` leaves: a staged file whose process is gone (no pid is this large).
    let stale = dir.path().join(".claimtrack-backup-4294967295-AbCdEf.tmp");
    std::fs::write(&stale, vec![b'x'; 4096]).unwrap();
    let out = run(
        &db,
        &["backup", dir.path().join("copy.db").to_str().unwrap()],
    );
    assert_success(&out, "backup");
    assert!(!stale.exists(), "the stale file is gone");
    let err = stderr_of(&out);
    assert!(err.contains("removed") && err.contains("AbCdEf"), "{err}");
    let names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".claimtrack-"))
        .collect();
    assert!(names.is_empty(), "{names:?}");
}

// Item 3: read commands never create a database; URIs and :memory: are refused.
#[test]
fn read_commands_on_a_missing_database_create_nothing() {
    let (dir, _) = temp_db();
    let typo = dir.path().join("typo.db");
    let copy = dir.path().join("copy.db");
    for args in [
        vec!["list"],
        vec!["check"],
        vec!["export", "--format", "json"],
        vec!["backup", copy.to_str().unwrap()],
        vec!["mark", "1", "--status", "verified"],
    ] {
        let out = run(&typo, &args);
        assert_eq!(out.status.code(), Some(1), "{args:?}");
        let err = stderr_of(&out);
        assert!(err.contains("no claimtrack database at"), "{args:?}: {err}");
        assert_eq!(err.lines().count(), 1, "{err}");
    }
    let left: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing was created: {left:?}");
    for name in [":memory:", "file:x.db?mode=memory"] {
        let out = claimtrack(Path::new(name))
            .current_dir(dir.path())
            .args(["ingest", "-"])
            .stdin(Stdio::null())
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(1));
        assert!(stderr_of(&out).contains("--db takes a file path"));
    }
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 0);
}

// Item 8: a foreign file with a write-ahead log holding data is refused from its
// header, and neither it nor its log is touched.
#[test]
fn a_foreign_database_with_a_pending_log_is_never_checkpointed() {
    let (dir, _) = temp_db();
    let foreign = dir.path().join("foreign.db");
    let wal = dir.path().join("foreign.db-wal");
    let writer = rusqlite::Connection::open(&foreign).unwrap();
    writer
        .execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA wal_autocheckpoint = 0;
             PRAGMA application_id = 7;
             CREATE TABLE t (x); INSERT INTO t VALUES (1);",
        )
        .unwrap();
    // The log holds the data: copy both files as a crash would leave them, with no
    // process holding them (an opener that may write would checkpoint on close).
    let (db_bytes, wal_bytes) = (
        std::fs::read(&foreign).unwrap(),
        std::fs::read(&wal).unwrap(),
    );
    assert!(!wal_bytes.is_empty());
    drop(writer);
    let foreign = dir.path().join("crashed.db");
    let wal = dir.path().join("crashed.db-wal");
    std::fs::write(&foreign, &db_bytes).unwrap();
    std::fs::write(&wal, &wal_bytes).unwrap();
    let out = run(&foreign, &["ingest", "seeds"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("not a claimtrack database"),
        "{}",
        stderr_of(&out)
    );
    assert_eq!(std::fs::read(&foreign).unwrap(), db_bytes);
    assert_eq!(std::fs::read(&wal).unwrap(), wal_bytes);
}

// Item 15: a claimtrack file whose user_version was reset is refused in one line.
#[test]
fn a_claimtrack_file_without_a_schema_version_is_one_line() {
    let (_dir, db) = seeded();
    sql(&db).pragma_update(None, "user_version", 0).unwrap();
    let out = run(&db, &["ingest", "seeds"]);
    assert_eq!(out.status.code(), Some(1));
    let err = stderr_of(&out);
    assert!(err.contains("no schema version"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

// Item 13: an unwritable stderr is no panic.
#[test]
fn a_full_stderr_is_exit_1_not_a_panic() {
    let (_dir, db) = temp_db();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let status = claimtrack(&db).arg("list").stderr(full).status().unwrap();
    assert_eq!(status.code(), Some(1));
}

// Item 16: a usage mistake is one line, plus at most one hint line.
#[test]
fn usage_errors_are_one_line_and_a_hint() {
    let (_dir, db) = temp_db();
    for args in [
        vec!["list", "--bogus"],
        vec!["mark", "3"],
        vec!["mark", "x", "--status", "verified"],
        vec!["frobnicate"],
    ] {
        let out = run(&db, &args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        let err = stderr_of(&out);
        assert!(err.starts_with("claimtrack: "), "{err}");
        assert!((1..=2).contains(&err.lines().count()), "{args:?}: {err}");
    }
}

// Item 17: a zero limit or version says what is wrong with it.
#[test]
fn zero_limits_and_versions_are_refused_saying_why() {
    let (_dir, db) = seeded();
    let out = run(&db, &["history", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("a limit of 0 shows nothing"));
    let out = run(
        &db,
        &["diff", "seeds/000_603c3ce12f8f4009.txt", "--from", "0"],
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(stderr_of(&out).contains("versions are numbered from 1"));
}

/// Runs `args` on `db` without the capability to bypass file permissions.
fn unprivileged(db: &Path, args: &[&str]) -> Output {
    claimtrack_unprivileged(db, Path::new("/tmp"))
        .args(args)
        .output()
        .unwrap()
}

fn sidecars(db: &Path) -> Vec<String> {
    ["-wal", "-shm"]
        .iter()
        .map(|s| format!("{}{s}", db.display()))
        .filter(|p| Path::new(p).exists())
        .collect()
}

// Item 7: a reader without write access leaves no -wal/-shm behind, so a later
// writer is not blocked; a sidecar that does block a write is named with the fix.
#[test]
fn a_reader_without_write_access_leaves_no_sidecars() {
    let (_dir, db) = seeded();
    let id = export(&db)[0]["id"].to_string();
    set_mode(&db, 0o444);
    let listed = unprivileged(&db, &["list", "--format", "jsonl"]);
    assert_success(&listed, "list");
    assert_eq!(
        sidecars(&db),
        Vec::<String>::new(),
        "the reader created sidecars"
    );
    set_mode(&db, 0o644);
    assert_success(
        &unprivileged(&db, &["mark", &id, "--status", "verified"]),
        "mark",
    );

    // Sidecars that an older reader left read-only: the write names them.
    let shm = format!("{}-shm", db.display());
    std::fs::write(&shm, b"").unwrap();
    set_mode(Path::new(&shm), 0o444);
    let marked = unprivileged(&db, &["mark", &id, "--status", "false"]);
    assert_eq!(marked.status.code(), Some(1));
    let err = stderr_of(&marked);
    assert!(err.contains(&shm) && err.contains("delete it"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");
}

// Item 7: the README's promise for a read-only file in a read-only directory: an
// empty log is read (as immutable); a log with data is refused with a way out.
#[test]
fn a_read_only_register_with_an_empty_log_is_read_and_a_full_log_refused() {
    let (dir, db) = seeded();
    let conn = sql(&db);
    conn.execute_batch(
        "PRAGMA wal_autocheckpoint = 0; UPDATE claims SET updated_at = '2026-01-01T00:00:00Z' WHERE id = 1;",
    )
    .unwrap();
    let (main, log) = (
        std::fs::read(&db).unwrap(),
        std::fs::read(format!("{}-wal", db.display())).unwrap(),
    );
    assert!(!log.is_empty());
    drop(conn);
    for (name, wal, expect_ok) in [("empty", &b""[..], true), ("full", &log[..], false)] {
        let sub = dir.path().join(name);
        std::fs::create_dir(&sub).unwrap();
        let copy = sub.join("claims.db");
        std::fs::write(&copy, &main).unwrap();
        std::fs::write(sub.join("claims.db-wal"), wal).unwrap();
        set_mode(&copy, 0o444);
        set_mode(&sub, 0o555);
        let out = unprivileged(&copy, &["list", "--format", "jsonl"]);
        set_mode(&sub, 0o755);
        if expect_ok {
            assert_success(&out, name);
            assert!(!String::from_utf8_lossy(&out.stdout).is_empty());
        } else {
            assert_eq!(out.status.code(), Some(1));
            let err = stderr_of(&out);
            assert!(err.contains("holds changes not yet in the file"), "{err}");
        }
    }
}

fn articles(db: &Path) -> usize {
    let listed: serde_json::Value =
        serde_json::from_str(&ok(db, &["articles", "--format", "json"])).unwrap();
    listed.as_array().unwrap().len()
}

/// A folder of `n` one-claim articles.
fn corpus(dir: &Path, n: usize) -> std::path::PathBuf {
    let corpus = dir.join("corpus");
    std::fs::create_dir(&corpus).unwrap();
    for i in 0..n {
        std::fs::write(
            corpus.join(format!("{i:05}.txt")),
            format!("Article {i}.\nThe mayor said the road {i} was open.\n"),
        )
        .unwrap();
    }
    corpus
}

// Item 2: `ingest DIR | head -1` stores the whole corpus.
#[test]
fn ingest_into_a_closed_pipe_stores_every_article() {
    use std::io::BufRead;
    let (dir, db) = temp_db();
    let corpus = corpus(dir.path(), 3000);
    let mut child = claimtrack(&db)
        .args(["ingest", corpus.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    std::io::BufReader::new(child.stdout.take().unwrap())
        .read_line(&mut first)
        .unwrap();
    // The reader is gone after one line, as with `head -1`.
    let out = child.wait_with_output().unwrap();
    assert!(first.contains("00000.txt"), "{first}");
    assert_eq!(out.status.code(), Some(0), "{}", stderr_of(&out));
    assert_eq!(articles(&db), 3000);
}

// Item 2: a mark whose report cannot be written is committed once, and says so.
#[test]
fn a_mark_into_a_full_stdout_is_committed_once_and_says_so() {
    let (_dir, db) = seeded();
    let id = export(&db)[0]["id"].to_string();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = claimtrack(&db)
        .args(["mark", &id, "--status", "verified"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = stderr_of(&out);
    assert!(
        err.contains("committed") && err.contains("do not run it again"),
        "{err}"
    );
    let rows = count(
        &sql(&db),
        &format!("SELECT count(*) FROM reviews WHERE claim_id = {id} AND event = 'status'"),
    );
    assert_eq!(rows, 1);
}

/// The curation writes report through the same committed-output path as `mark`.
#[test]
fn a_dismiss_into_a_full_stdout_is_committed_once_and_says_so() {
    let (_dir, db) = seeded();
    let id = export(&db)[0]["id"].to_string();
    let full = std::fs::OpenOptions::new()
        .write(true)
        .open("/dev/full")
        .unwrap();
    let out = claimtrack(&db)
        .args(["dismiss", &id, "--reason", "boilerplate"])
        .stdout(full)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0));
    let err = stderr_of(&out);
    assert!(
        err.contains("1 claim(s) were dismissed")
            && err.contains("committed")
            && err.contains("do not run it again"),
        "{err}"
    );
    assert_eq!(err.lines().count(), 1, "{err}");
    let rows = count(
        &sql(&db),
        &format!("SELECT count(*) FROM reviews WHERE claim_id = {id} AND event = 'dismiss'"),
    );
    assert_eq!(rows, 1);
}

// Item 5: bad entries below a directory are skipped, one short line each; the
// rest is stored and the run fails at the end.
#[test]
fn bad_directory_entries_are_skipped_and_the_rest_stored() {
    let (dir, db) = temp_db();
    let corpus = corpus(dir.path(), 2);
    let unix =
        |target: &str, link: &str| std::os::unix::fs::symlink(target, corpus.join(link)).unwrap();
    unix("nowhere.txt", "dangling.txt");
    unix("loop-b.txt", "loop-a.txt");
    unix("loop-a.txt", "loop-b.txt");
    unix(".", "again");
    let locked = corpus.join("locked");
    std::fs::create_dir(&locked).unwrap();
    std::fs::write(locked.join("secret.txt"), "The mayor said so.\n").unwrap();
    set_mode(&locked, 0o000);
    let mut deep = corpus.join("d");
    for _ in 0..6 {
        deep = deep.join("n".repeat(200));
    }
    std::fs::create_dir_all(&deep).unwrap();
    std::os::unix::fs::symlink("gone.txt", deep.join("deep.txt")).unwrap();

    let out = claimtrack_unprivileged(&db, dir.path())
        .args(["ingest", corpus.to_str().unwrap()])
        .output()
        .unwrap();
    set_mode(&locked, 0o700);
    assert_eq!(out.status.code(), Some(1), "{}", stderr_of(&out));
    let err = stderr_of(&out);
    for needle in [
        "dangling.txt",
        "loop-a.txt",
        "loop-b.txt",
        "again",
        "locked",
        "deep.txt",
    ] {
        assert!(
            err.lines()
                .any(|l| l.contains(needle) && l.contains("skipped")),
            "{needle}: {err}"
        );
    }
    assert!(err.lines().all(|l| l.chars().count() < 200), "{err}");
    assert_eq!(articles(&db), 2, "the good articles are stored");
}

// Item 6: an ingest waiting on a slow input (a FIFO) holds no lock: a reviewer's
// mark meanwhile succeeds at once.
fn an_ingest_waiting_on_a_fifo_does_not_block_a_mark(env: crate::common::Env) {
    use std::time::{Duration, Instant};
    let db = env.db_arg();
    ok(&db, &["ingest", "seeds"]);
    let id = export(&db)[0]["id"].to_string();
    let folder = env.dir.path().join("folder");
    std::fs::create_dir(&folder).unwrap();
    std::fs::write(
        folder.join("a.txt"),
        "The minister said the port was closed.\n",
    )
    .unwrap();
    let fifo = folder.join("b.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let ingest = claimtrack(&db)
        .args(["ingest", folder.to_str().unwrap()])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Wait until a.txt is stored: the ingest then waits on the FIFO.
    let start = Instant::now();
    let stored = || {
        let articles: Vec<serde_json::Value> =
            serde_json::from_str(&ok(&db, &["articles", "--format", "json"])).unwrap();
        articles.len()
    };
    while stored() < 3 {
        assert!(
            start.elapsed() < Duration::from_secs(60),
            "a.txt never landed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    std::thread::sleep(Duration::from_millis(300));
    let mut mark = claimtrack(&db)
        .args(["mark", &id, "--status", "verified"])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let started = Instant::now();
    let marked = loop {
        if let Some(status) = mark.try_wait().unwrap() {
            break Some(status);
        }
        if started.elapsed() > Duration::from_secs(5) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(10));
    };
    // Feed the FIFO only now, whatever happened, so the ingest can end; without
    // blocking should its reader be gone (O_NONBLOCK: no reader, no open).
    {
        use std::io::Write;
        use std::os::unix::fs::OpenOptionsExt;
        const O_NONBLOCK: i32 = 0o4000;
        if let Ok(mut writer) = std::fs::OpenOptions::new()
            .write(true)
            .custom_flags(O_NONBLOCK)
            .open(&fifo)
        {
            let _ = writer.write_all(b"The army said the bridge held.\n");
        }
    }
    let ingested = ingest.wait_with_output().unwrap();
    if marked.is_none() {
        let _ = mark.kill();
    }
    let status = marked.expect("mark waited on the ingest's lock");
    assert!(status.success());
    assert_success(&ingested, "ingest");
    assert_eq!(export(&db)[0]["status"], "verified");
}

// Item 11: devices are refused, input is capped, binary and UTF-16 are told
// from the first bytes.
#[test]
fn devices_oversized_binary_and_utf16_inputs_are_refused() {
    let (dir, db) = temp_db();
    let out = run(&db, &["ingest", "/dev/zero"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("a device, not an article file"));

    let big = dir.path().join("big.txt");
    std::fs::write(&big, "The mayor said it rained.\n".repeat(100)).unwrap();
    let out = run(
        &db,
        &["ingest", "--max-bytes", "1000", big.to_str().unwrap()],
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("larger than the 1000-byte limit"),
        "{}",
        stderr_of(&out)
    );

    let utf16 = dir.path().join("utf16.txt");
    std::fs::write(&utf16, b"\xff\xfeT\0h\0e\0").unwrap();
    let out = run(&db, &["ingest", utf16.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr_of(&out).contains("UTF-16 text: convert it with iconv -f UTF-16 -t UTF-8"));

    // Endless stdin is cut at the cap, not read until memory runs out.
    let mut child = claimtrack(&db)
        .args(["ingest", "--max-bytes", "100000", "-"])
        .stdin(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let feeder = std::thread::spawn(move || {
        use std::io::Write;
        while stdin.write_all(&[b'a'; 4096]).is_ok() {}
    });
    let out = child.wait_with_output().unwrap();
    feeder.join().unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("larger than"),
        "{}",
        stderr_of(&out)
    );

    // A FIFO that opens with binary bytes and never ends is refused at once.
    let fifo = dir.path().join("pipe.txt");
    assert!(
        std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap()
            .success()
    );
    let writer_path = fifo.clone();
    let writer = std::thread::spawn(move || {
        use std::io::Write;
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .open(writer_path)
            .unwrap();
        let _ = f.write_all(&[0u8; 16384]);
        // Held open past the refusal: the reader must not wait for the end.
        std::thread::sleep(std::time::Duration::from_secs(2));
    });
    let out = run(&db, &["ingest", fifo.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        stderr_of(&out).contains("binary file"),
        "{}",
        stderr_of(&out)
    );
    writer.join().unwrap();
    assert!(!db.exists() || count(&sql(&db), "SELECT count(*) FROM articles") == 0);
}

// Item 18: two pastes on stdin without --source are two articles, not two
// versions of one article `-`.
#[test]
fn two_stdin_pastes_are_two_sources() {
    let (_dir, db) = temp_db();
    for text in [
        "The mayor said the road was open.\n",
        "The army said the bridge held.\n",
    ] {
        let out = claimtrack(&db)
            .args(["ingest", "-"])
            .write_stdin_bytes(text)
            .unwrap();
        assert_success(&out, "ingest -");
        assert!(
            stderr_of(&out).contains("--source NAME"),
            "{}",
            stderr_of(&out)
        );
    }
    let claims = export(&db);
    assert_eq!(claims.len(), 2);
    let sources: Vec<&str> = claims
        .iter()
        .map(|c| c["source"].as_str().unwrap())
        .collect();
    assert!(
        sources.iter().all(|s| s.starts_with("stdin:")),
        "{sources:?}"
    );
    assert_ne!(sources[0], sources[1]);
    assert!(claims.iter().all(|c| c["status"] == "unverified"));
    let removed = count(
        &sql(&db),
        "SELECT count(*) FROM claims WHERE removed_in_version IS NOT NULL",
    );
    assert_eq!(removed, 0, "the first paste's claim was not removed");
}

trait StdinBytes {
    fn write_stdin_bytes(&mut self, text: &str) -> std::io::Result<Output>;
}

impl StdinBytes for std::process::Command {
    fn write_stdin_bytes(&mut self, text: &str) -> std::io::Result<Output> {
        use std::io::Write;
        let mut child = self
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()?;
        child.stdin.take().unwrap().write_all(text.as_bytes())?;
        child.wait_with_output()
    }
}

/// Whether `text` holds a character a terminal would interpret: C0 controls but
/// tab and newline, DEL, C1, or a bidi embedding/override/isolate.
fn has_raw_controls(text: &str) -> Option<char> {
    text.chars().find(|&c| {
        matches!(c, '\u{0}'..='\u{8}' | '\u{b}'..='\u{1f}' | '\u{7f}'..='\u{9f}'
            | '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}')
    })
}

// Item 9: text from pages and people reaches the terminal (and piped tables)
// with its control characters shown, never interpreted; data formats keep them.
#[test]
fn control_characters_are_shown_not_interpreted() {
    let (dir, db) = temp_db();
    let page = dir.path().join("hostile\u{1b}[2J.txt");
    std::fs::write(
        &page,
        "The army said 3000\u{8}\u{8} troops had crossed \u{1b}[8mthe river\u{1b}[0m.\n\
         The mayor said the \u{202e}road\u{202c} was open \u{2028}today.\n",
    )
    .unwrap();
    let ingested = run(&db, &["ingest", page.to_str().unwrap()]);
    assert_success(&ingested, "ingest");
    let claims = export(&db);
    assert!(claims.len() >= 2, "{claims:?}");
    let id = claims[0]["id"].to_string();
    let note = "see \u{1b}]8;;http://evil.example\u{7}the source\u{1b}]8;;\u{7}";
    // A reviewer name that would hide itself on a terminal is refused outright.
    let refused = run(
        &db,
        &[
            "mark",
            &id,
            "--status",
            "false",
            "--note",
            note,
            "--reviewer",
            "mallory\rtrusted-editor",
        ],
    );
    assert_eq!(refused.status.code(), Some(2), "{}", stderr_of(&refused));
    assert_eq!(has_raw_controls(&stderr_of(&refused)), None);
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
            "mallory",
        ],
    );
    let mut shown = vec![String::from_utf8_lossy(&ingested.stdout).into_owned()];
    for args in [
        vec!["list"],
        vec!["history"],
        vec!["articles"],
        vec!["show", &id],
        vec!["extract", page.to_str().unwrap()],
    ] {
        shown.push(ok(&db, &args));
    }
    for text in &shown {
        assert_eq!(has_raw_controls(text), None, "{text:?}");
    }
    let all = shown.join("\n");
    for escape in [
        "3000\\x08\\x08",
        "\\x1b[8m",
        "\\x1b]8;;",
        "\\x07",
        "\\u202e",
    ] {
        assert!(all.contains(escape), "{escape} not shown: {all}");
    }
    // An error naming the file escapes it too.
    let out = run(
        &db,
        &[
            "ingest",
            dir.path().join("gone\u{1b}[2J.txt").to_str().unwrap(),
        ],
    );
    assert_eq!(
        has_raw_controls(&stderr_of(&out)),
        None,
        "{}",
        stderr_of(&out)
    );

    // Data formats keep the bytes; JSONL escapes the line separators.
    assert!(
        claims[0]["text"]
            .as_str()
            .unwrap()
            .contains("3000\u{8}\u{8}")
    );
    let jsonl = ok(&db, &["export", "--format", "jsonl"]);
    assert!(
        !jsonl.contains('\u{2028}') && jsonl.contains("\\u2028"),
        "{jsonl}"
    );
    assert_eq!(jsonl.lines().count(), claims.len());
}

// Item 9: ClaimReview JSON-LD can be embedded in a <script> block as it is.
#[test]
fn claimreview_escapes_script_ends() {
    let (dir, db) = temp_db();
    let page = dir.path().join("p.txt");
    std::fs::write(
        &page,
        "The mayor said the </script><script>alert(1)</script> road was open.\n",
    )
    .unwrap();
    ok(&db, &["ingest", page.to_str().unwrap()]);
    let id = export(&db)[0]["id"].to_string();
    ok(
        &db,
        &["mark", &id, "--status", "false", "--note", "no <b>road</b>"],
    );
    ok(
        &db,
        &["publish", &id, "--explanation", "no <b>road</b> was open"],
    );
    let out = ok(
        &db,
        &[
            "export",
            "--format",
            "claimreview",
            "--review-url-base",
            "https://desk.example/checks",
        ],
    );
    assert!(!out.contains('<'), "{out}");
    assert!(out.contains("\\u003c/script>"), "{out}");
    let parsed: serde_json::Value = serde_json::from_str(&out).unwrap();
    assert!(
        parsed.to_string().contains("</script>"),
        "the value is unchanged"
    );
}

fn ingest_stdin(db: &Path, source: &str, text: &str) -> Output {
    claimtrack(db)
        .args(["ingest", "--source", source, "-"])
        .write_stdin_bytes(text)
        .unwrap()
}

// Item 4: a page that reverts (A, B, A) is a third version restoring A's claims;
// an emptied page is refused rather than removing every claim.
#[test]
fn a_page_that_reverts_is_a_new_version_restoring_its_claims() {
    let (_dir, db) = temp_db();
    let a = "The mayor said the road was open.\nThe army said the bridge held.\n";
    let b = "The mayor said the road was open.\nPolice said the port was closed.\n";
    for text in [a, b] {
        assert_success(&ingest_stdin(&db, "live", text), "ingest");
    }
    let third = ingest_stdin(&db, "live", a);
    assert_success(&third, "third ingest");
    let line = String::from_utf8_lossy(&third.stdout).into_owned();
    assert!(line.contains("version 3"), "{line}");
    let again = ingest_stdin(&db, "live", a);
    assert!(
        String::from_utf8_lossy(&again.stdout).contains("unchanged"),
        "same as current"
    );

    let conn = sql(&db);
    assert_eq!(
        count(&conn, "SELECT count(*) FROM articles WHERE source = 'live'"),
        3
    );
    let bridge = "SELECT id FROM claims WHERE text LIKE '%bridge%'";
    let bridge_id = count(&conn, bridge);
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM claims WHERE id = {bridge_id} AND removed_in_version IS NULL"
            )
        ),
        1,
        "A's claim is current again"
    );
    assert_eq!(
        count(
            &conn,
            &format!(
                "SELECT count(*) FROM reviews WHERE claim_id = {bridge_id} AND event = 'restored'"
            )
        ),
        1
    );
    assert_eq!(
        count(
            &conn,
            "SELECT count(*) FROM claims WHERE text LIKE '%port%' AND removed_in_version = 3"
        ),
        1,
        "B's own claim is removed in version 3"
    );
    assert!(ok(&db, &["check"]).starts_with("ok:"));

    for empty in ["", "<html><body><script>x()</script></body></html>"] {
        let out = ingest_stdin(&db, "live", empty);
        assert_eq!(out.status.code(), Some(1));
        assert!(
            stderr_of(&out).contains("empty (no text); not stored"),
            "{}",
            stderr_of(&out)
        );
    }
    assert_eq!(
        count(&conn, "SELECT count(*) FROM articles WHERE source = 'live'"),
        3
    );
}

// Item 19: one file is one source however its path is written; lines show it
// relative to the current directory.
#[test]
fn a_file_reached_by_two_paths_is_one_article() {
    let (dir, db) = temp_db();
    let sub = dir.path().join("sub");
    std::fs::create_dir(&sub).unwrap();
    std::fs::write(sub.join("h.txt"), "The mayor said the road was open.\n").unwrap();
    let first = claimtrack(&db)
        .current_dir(dir.path())
        .args(["ingest", "sub/h.txt"])
        .output()
        .unwrap();
    assert_success(&first, "ingest sub/h.txt");
    assert!(String::from_utf8_lossy(&first.stdout).starts_with("sub/h.txt: "));
    let id = export(&db)[0]["id"].to_string();
    ok(&db, &["mark", &id, "--status", "verified"]);
    std::fs::write(
        sub.join("h.txt"),
        "The mayor said the road was open.\nIt rained.\n",
    )
    .unwrap();
    let second = claimtrack(&db)
        .current_dir(&sub)
        .args(["ingest", "h.txt"])
        .output()
        .unwrap();
    assert_success(&second, "ingest h.txt");
    let line = String::from_utf8_lossy(&second.stdout).into_owned();
    assert!(
        line.starts_with("h.txt: ") && line.contains("version 2"),
        "{line}"
    );
    let claims = export(&db);
    assert_eq!(claims.len(), 1, "{claims:?}");
    assert_eq!(claims[0]["status"], "verified", "the verdict carried over");
    let stored = sub.join("h.txt").canonicalize().unwrap();
    assert_eq!(claims[0]["source"], stored.display().to_string());
}

crate::on_both![an_ingest_waiting_on_a_fifo_does_not_block_a_mark];
