//! `claimtrack backup` while reviewers work: every copy is a consistent snapshot.

use crate::common::reliability::*;
use std::sync::atomic::{AtomicBool, Ordering};

#[test]
fn backups_taken_during_concurrent_marks_pass_check() {
    let (dir, db) = temp_db();
    ok(&db, &["ingest", "seeds"]);
    let ids: Vec<String> = export(&db)
        .iter()
        .take(10)
        .map(|c| c["id"].to_string())
        .collect();
    let done = AtomicBool::new(false);
    let backups: Vec<(std::path::PathBuf, i64, i64)> = std::thread::scope(|scope| {
        let mut reviewers = Vec::new();
        for reviewer in 0..4 {
            let (db, ids, done) = (&db, &ids, &done);
            reviewers.push(scope.spawn(move || {
                let mut marks = 0;
                while !done.load(Ordering::Relaxed) || marks < 20 {
                    let id = &ids[(reviewer + marks) % ids.len()];
                    let status = ["verified", "false", "in-progress"][marks % 3];
                    ok(
                        db,
                        &["mark", id, "--status", status, "--note", "during backup"],
                    );
                    marks += 1;
                }
                marks
            }));
        }
        let conn = sql(&db);
        let mut backups = Vec::new();
        for n in 0..5 {
            let before = count(&conn, "SELECT count(*) FROM reviews");
            let file = dir.path().join(format!("backup-{n}.db"));
            let out = ok(&db, &["backup", file.to_str().unwrap()]);
            assert!(out.contains("checked ok"), "{out}");
            let after = count(&conn, "SELECT count(*) FROM reviews");
            backups.push((file, before, after));
        }
        done.store(true, Ordering::Relaxed);
        let marks: usize = reviewers.into_iter().map(|r| r.join().unwrap()).sum();
        assert!(marks >= 80);
        backups
    });
    let mut grew = false;
    let mut last = -1;
    for (file, before, after) in &backups {
        let check = ok(file, &["check"]);
        assert!(check.starts_with("ok:"), "{}: {check}", file.display());
        let copied = count(&sql(file), "SELECT count(*) FROM reviews");
        assert!(
            *before <= copied && copied <= *after,
            "{}: {copied} history rows, outside {before}..={after}",
            file.display()
        );
        grew |= copied > last && last >= 0;
        last = copied;
        // The copy is a standalone file: no WAL beside it.
        assert!(!std::path::PathBuf::from(format!("{}-wal", file.display())).exists());
    }
    assert!(grew, "reviewers kept working while the backups were taken");
}

#[test]
fn backup_never_overwrites() {
    let (dir, db) = temp_db();
    ok(&db, &["ingest", "seeds"]);
    let file = dir.path().join("copy.db");
    std::fs::write(&file, "precious").unwrap();
    let out = claimtrack(&db)
        .args(["backup", file.to_str().unwrap()])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stderr).contains("already exists"));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "precious");
}
