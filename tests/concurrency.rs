//! Concurrent reviewers: 16 processes of the real binary marking and noting the same
//! 20 claims at once. No command may fail ("database is locked"), no event may be
//! lost, and every claim's status must be its newest history row.

use crate::common::reliability::*;
use std::collections::HashMap;

const REVIEWERS: usize = 16;
const CLAIMS: usize = 20;
/// Each reviewer, for each claim: one `mark` (with a note) and one `note`.
const EVENTS_PER_CLAIM: usize = 2;
const STATUSES: [&str; 5] = [
    "in-progress",
    "verified",
    "false",
    "misleading",
    "inconclusive",
];

#[test]
fn sixteen_reviewers_on_twenty_claims_lose_nothing_on_sqlite() {
    let (_dir, db) = temp_db();
    sixteen_reviewers_on_twenty_claims_lose_nothing(db.as_os_str());
}

#[test]
fn sixteen_reviewers_on_twenty_claims_lose_nothing_on_postgres() {
    if let Some(pg) = crate::common::postgres::PgDb::fresh("sixteen_reviewers") {
        sixteen_reviewers_on_twenty_claims_lose_nothing(pg.url().as_ref());
    }
}

fn sixteen_reviewers_on_twenty_claims_lose_nothing(db: &std::ffi::OsStr) {
    ok(db, &["ingest", "seeds"]);
    let ids: Vec<i64> = export(db)
        .iter()
        .take(CLAIMS)
        .map(|c| c["id"].as_i64().unwrap())
        .collect();
    assert_eq!(ids.len(), CLAIMS, "the seeds hold at least {CLAIMS} claims");

    let start = std::sync::Barrier::new(REVIEWERS);
    std::thread::scope(|scope| {
        for reviewer in 0..REVIEWERS {
            let (ids, start) = (&ids, &start);
            scope.spawn(move || {
                let name = format!("reviewer-{reviewer}");
                start.wait();
                // Each reviewer walks the claims from a different place, so that
                // every claim is fought over throughout.
                for step in 0..CLAIMS {
                    let id = ids[(reviewer + step) % CLAIMS].to_string();
                    let status = STATUSES[(reviewer + step) % STATUSES.len()];
                    let note = format!("{name} on {id}");
                    for args in [
                        vec![
                            "mark",
                            &id,
                            "--status",
                            status,
                            "--note",
                            &note,
                            "--reviewer",
                            &name,
                        ],
                        vec!["note", &id, &note, "--reviewer", &name],
                    ] {
                        let out = claimtrack(db).args(&args).output().unwrap();
                        assert_success(&out, &args);
                        let stderr = String::from_utf8_lossy(&out.stderr);
                        // Notes (`note: …`) are fine; an error or a lock wait that gave up is not.
                        assert!(
                            !stderr.contains("claimtrack:") && !stderr.contains("locked"),
                            "{stderr}"
                        );
                    }
                }
            });
        }
    });

    let all: Vec<serde_json::Value> =
        serde_json::from_str(&ok(db, &["history", "--format", "json"])).unwrap();
    assert_eq!(all.len(), REVIEWERS * CLAIMS * EVENTS_PER_CLAIM);
    for reviewer in 0..REVIEWERS {
        let name = format!("reviewer-{reviewer}");
        let mine = all
            .iter()
            .filter(|r| r["reviewer"] == name.as_str())
            .count();
        assert_eq!(mine, CLAIMS * EVENTS_PER_CLAIM, "reviewer {reviewer}");
    }

    let statuses: HashMap<i64, String> = export(db)
        .iter()
        .map(|c| {
            (
                c["id"].as_i64().unwrap(),
                c["status"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    for id in &ids {
        let history: Vec<serde_json::Value> =
            serde_json::from_str(&ok(db, &["history", &id.to_string(), "--format", "json"]))
                .unwrap();
        assert_eq!(history.len(), REVIEWERS * EVENTS_PER_CLAIM, "claim {id}");
        assert_eq!(
            history[0]["new_status"].as_str(),
            Some(statuses[id].as_str()),
            "claim {id}"
        );
        // Oldest first, each change starts from the status the previous one left:
        // a lost update would show as a row whose old_status skips one.
        let mut previous = "unverified".to_string();
        for row in history.iter().rev() {
            assert_eq!(
                row["old_status"].as_str().unwrap(),
                previous,
                "claim {id}: {row}"
            );
            previous = row["new_status"].as_str().unwrap().to_string();
        }
    }
    let check = ok(db, &["check"]);
    assert!(check.starts_with("ok:"), "{check}");
}
