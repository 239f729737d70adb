//! `copy --to DB` between SQLite and PostgreSQL, and `backup` from PostgreSQL:
//! the whole register, ids and history included, either way.

use crate::common::postgres::PgDb;
use crate::common::{Env, s};
use std::ffi::OsStr;

/// A register with a bit of everything: two versions, a verdict published, a
/// dismissal, a tag, a status of the desk's own, an edit.
fn busy_register(env: &Env) {
    let v1 = env.file(
        "v1.txt",
        crate::common::read("seeds/000_603c3ce12f8f4009.txt").as_bytes(),
    );
    let v2 = env.file(
        "v2.txt",
        crate::common::read("seeds/002_7a10996a83bded68.txt").as_bytes(),
    );
    env.run_ok(&["ingest", s(&v1), "--source", "live"]);
    env.run_ok(&["ingest", s(&v2), "--source", "live"]);
    for args in [
        vec![
            "mark",
            "3",
            "--status",
            "verified",
            "--note",
            "DoD confirmed",
        ],
        vec!["publish", "3", "--explanation", "Checked with the Pentagon"],
        vec!["dismiss", "6", "--reason", "not a claim"],
        vec!["tag", "4", "5", "troops"],
        vec!["status", "add", "disputed", "--label", "Disputed"],
        vec!["mark", "7", "--status", "disputed"],
        vec!["edit", "8", "--speaker", "the ministry"],
        vec!["assign", "9", "--to", "ayse"],
    ] {
        env.run_ok(&args);
    }
}

fn on(db: &OsStr, env: &Env, args: &[&str]) -> String {
    let out = env.cmd_on(db.as_ref()).args(args).output().unwrap();
    assert!(
        out.status.success(),
        "{args:?} on {db:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

#[test]
fn a_register_goes_to_postgres_and_back_whole() {
    let Some(pg) = PgDb::fresh("copy_round_trip") else {
        return;
    };
    let env = Env::new();
    busy_register(&env);
    let file = env.db_arg();
    let url = OsStr::new(pg.url());
    let back = env.dir.path().join("back.db");

    assert!(on(&file, &env, &["copy", "--to", pg.url()]).contains("copied"));
    on(url, &env, &["copy", "--to", s(&back)]);
    let exports: Vec<String> = [file.as_os_str(), url, back.as_os_str()]
        .iter()
        .map(|db| {
            let check = on(db, &env, &["check"]);
            assert!(check.starts_with("ok:"), "{db:?}: {check}");
            on(db, &env, &["export", "--format", "json"])
        })
        .collect();
    assert_eq!(exports[0], exports[1], "SQLite and PostgreSQL export alike");
    assert_eq!(exports[0], exports[2], "and so does the copy back");
    for what in [
        &["history", "--format", "json"][..],
        &["status", "list"],
        &["status", "history"],
        &["articles", "--format", "json"],
    ] {
        assert_eq!(on(&file, &env, what), on(url, &env, what), "{what:?}");
    }
    // The copied register goes on: new ids follow the copied ones.
    on(url, &env, &["mark", "10", "--status", "false", "-r", "bob"]);
    let history = on(url, &env, &["history", "10", "--format", "json"]);
    assert!(history.contains("bob"), "{history}");
    let new = env.file(
        "new.txt",
        b"The bridge will reopen on Monday, the minister said.",
    );
    let ingest = on(url, &env, &["ingest", s(&new)]);
    assert!(ingest.contains("article 3"), "{ingest}");
}

#[test]
fn copy_refuses_a_target_that_holds_anything() {
    let Some(pg) = PgDb::fresh("copy_refuses") else {
        return;
    };
    let env = Env::new();
    busy_register(&env);
    let url = OsStr::new(pg.url());
    on(url, &env, &["ingest", "seeds/"]);
    let before = on(url, &env, &["export", "--format", "json"]);
    let out = env.cmd().args(["copy", "--to", pg.url()]).output().unwrap();
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8(out.stderr).unwrap();
    assert!(stderr.contains("not empty"), "{stderr}");
    assert_eq!(on(url, &env, &["export", "--format", "json"]), before);
    // A file that is a register with articles is refused too, and left as it was.
    let other = Env::new();
    other.run_ok(&["ingest", "seeds/"]);
    let out = env
        .cmd()
        .args(["copy", "--to", s(&other.db())])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn backup_of_a_postgres_register_is_an_sqlite_file() {
    let Some(pg) = PgDb::fresh("backup_pg") else {
        return;
    };
    let env = Env::new();
    let url = OsStr::new(pg.url());
    on(url, &env, &["ingest", "seeds/"]);
    on(
        url,
        &env,
        &["mark", "2", "--status", "misleading", "-r", "ann"],
    );
    let file = env.dir.path().join("desk-backup.db");
    let said = on(url, &env, &["backup", s(&file)]);
    assert!(
        said.contains("checked ok") && !said.contains("password"),
        "{said}"
    );
    assert_eq!(
        on(file.as_os_str(), &env, &["export", "--format", "json"]),
        on(url, &env, &["export", "--format", "json"])
    );
    let out = env
        .cmd_on(url.as_ref())
        .args(["backup", s(&file)])
        .output()
        .unwrap();
    assert!(!out.status.success(), "a backup never overwrites");
}
