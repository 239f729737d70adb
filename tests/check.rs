//! `claimtrack check` passes a healthy register and names each broken invariant.

use crate::common::reliability::*;

fn check(db: &std::path::Path) -> (i32, String, String) {
    let out = claimtrack(db).arg("check").output().unwrap();
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8(out.stdout).unwrap(),
        String::from_utf8(out.stderr).unwrap(),
    )
}

fn healthy() -> (tempfile::TempDir, std::path::PathBuf) {
    let (dir, db) = temp_db();
    ok(&db, &["ingest", "seeds"]);
    ok(&db, &["mark", "1", "2", "--status", "false", "--note", "n"]);
    (dir, db)
}

#[test]
fn a_healthy_register_passes() {
    let (_dir, db) = healthy();
    let (code, out, _) = check(&db);
    assert_eq!(code, 0, "{out}");
    assert!(out.starts_with("ok: 2 articles, "), "{out}");
}

/// Damage done behind claimtrack's back, and what check must say of it.
const DAMAGE: &[(&str, &str)] = &[
    (
        "UPDATE claims SET status = 'verified' WHERE id = 3",
        "claim 3: status verified, newest history says nothing",
    ),
    (
        "UPDATE claims SET status = 'verified' WHERE id = 1",
        "claim 1: status verified, newest history says false",
    ),
    (
        "DELETE FROM article_texts WHERE article_id = 2",
        "article 2: its text is missing",
    ),
    (
        "UPDATE claims SET latest_note = 'edited' WHERE id = 2",
        "claim 2: latest_note 'edited', newest note in its history 'n'",
    ),
    (
        "DELETE FROM appearances WHERE article_id = 1 AND position = 2",
        "claim_count",
    ),
    (
        "UPDATE articles SET version = 5 WHERE id = 2",
        "versions 5..5 for 1 articles",
    ),
    (
        "UPDATE articles SET source = 'a', version = id + 1 WHERE id IN (1, 2)",
        "versions 2..3 for 2 articles",
    ),
    (
        "UPDATE appearances SET start_offset = start_offset + 1 WHERE article_id = 1 AND position = 1",
        "are not its text",
    ),
    (
        "UPDATE claims SET speaker = 'Someone Else' WHERE id = 1",
        "claim 1: speaker_id",
    ),
    (
        "UPDATE claims SET norm_hash = norm_hash + 1 WHERE id = 2",
        "claim 2: norm_hash",
    ),
];

/// A history row of a claim that does not exist: PostgreSQL's foreign key
/// refuses to write it, so only SQLite (keys off) can be damaged so.
const ORPHAN_HISTORY: &str =
    "INSERT INTO reviews (claim_id, event, old_status, new_status, created_at)
             VALUES (99999, 'note', 'unverified', 'unverified', 'x')";

#[test]
fn each_broken_invariant_is_reported_with_exit_1() {
    let orphan = (ORPHAN_HISTORY, "history row 3: claim 99999 does not exist");
    for (damage, needle) in DAMAGE.iter().chain([&orphan]) {
        let (_dir, db) = healthy();
        {
            let conn = sql(&db);
            conn.pragma_update(None, "foreign_keys", false).unwrap();
            conn.execute_batch(damage).unwrap();
        }
        let (code, out, err) = check(&db);
        assert_eq!(code, 1, "{damage}: {out}");
        assert!(
            out.contains(needle),
            "{damage}: expected {needle:?} in\n{out}"
        );
        assert!(err.contains("check found"), "{err}");
    }
}

#[test]
fn each_broken_invariant_is_reported_on_postgres_too() {
    for (n, (damage, needle)) in DAMAGE.iter().enumerate() {
        let Some(env) = crate::common::Env::postgres(&format!("check_damage_{n}")) else {
            return;
        };
        env.run_ok(&["ingest", "seeds"]);
        env.run_ok(&["mark", "1", "2", "--status", "false", "--note", "n"]);
        env.execute(damage);
        let out = env.cmd().arg("check").output().unwrap();
        let (stdout, stderr) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert_eq!(out.status.code(), Some(1), "{damage}: {stdout}");
        assert!(
            stdout.contains(needle),
            "{damage}: expected {needle:?} in\n{stdout}"
        );
        assert!(stderr.contains("check found"), "{stderr}");
        if n == 0 {
            let refused = env.client().batch_execute(ORPHAN_HISTORY).err().unwrap();
            assert_eq!(
                refused.code(),
                Some(&postgres::error::SqlState::FOREIGN_KEY_VIOLATION),
                "{refused}"
            );
        }
    }
}

#[test]
fn a_corrupt_file_fails_the_integrity_check() {
    let (_dir, db) = healthy();
    sql(&db)
        .execute_batch("PRAGMA wal_checkpoint(TRUNCATE)")
        .unwrap();
    // Overwrite pages in the middle of the file (not the header): SQLite still opens
    // it, and integrity_check finds the damage.
    let mut bytes = std::fs::read(&db).unwrap();
    let page = 4096;
    assert!(bytes.len() > 8 * page);
    for b in &mut bytes[3 * page + 100..6 * page] {
        *b = 0x5a;
    }
    std::fs::write(&db, &bytes).unwrap();
    let out = claimtrack(&db).arg("check").output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let all = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(
        all.contains("integrity_check") || all.contains("malformed"),
        "{all}"
    );
    assert!(!all.contains("panicked"), "{all}");
}
