//! Helpers shared by the integration tests that run the real binary on a temp database.
#![allow(dead_code)] // each test binary uses its own subset

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

/// A test's register and scratch directory: an SQLite file in the directory,
/// or (for the tests [`on_both`] runs twice) a PostgreSQL database of its own.
pub struct Env {
    pub dir: TempDir,
    postgres: Option<postgres::PgDb>,
}

impl Env {
    /// A test on an SQLite file.
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
            postgres: None,
        }
    }

    /// A test on a fresh PostgreSQL database, or `None` when the PostgreSQL
    /// tests do not run here (see [`postgres::PgDb::fresh`]).
    pub fn postgres(test: &str) -> Option<Env> {
        Some(Env {
            dir: tempfile::tempdir().unwrap(),
            postgres: Some(postgres::PgDb::fresh(test)?),
        })
    }

    pub fn is_postgres(&self) -> bool {
        self.postgres.is_some()
    }

    /// The SQLite file (tests of files only: on PostgreSQL there is none).
    pub fn db(&self) -> PathBuf {
        assert!(self.postgres.is_none(), "a PostgreSQL register has no file");
        self.dir.path().join("claims.db")
    }

    /// What `--db` names: the file, or the database's URL.
    pub fn db_arg(&self) -> std::ffi::OsString {
        match &self.postgres {
            Some(pg) => pg.url().into(),
            None => self.dir.path().join("claims.db").into(),
        }
    }

    /// The register as the library opens it.
    pub fn location(&self) -> claimtrack::store::Location {
        claimtrack::store::Location::parse(&self.db_arg().to_string_lossy())
    }

    pub fn cmd(&self) -> Command {
        let mut cmd = sealed(Command::cargo_bin("claimtrack").unwrap(), self.dir.path());
        cmd.arg("--db").arg(self.db_arg());
        cmd
    }

    /// A command on another database file than the environment's own.
    pub fn cmd_on(&self, db: &Path) -> Command {
        let mut cmd = sealed(Command::cargo_bin("claimtrack").unwrap(), self.dir.path());
        cmd.arg("--db").arg(db);
        cmd
    }

    pub fn run_ok(&self, args: &[&str]) -> String {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    }

    /// Runs a command that must fail; returns (exit code, stderr).
    pub fn run_err(&self, args: &[&str]) -> (i32, String) {
        let out = self.cmd().args(args).output().unwrap();
        assert!(
            !out.status.success(),
            "{args:?} should have failed: {}",
            String::from_utf8_lossy(&out.stdout)
        );
        (
            out.status.code().unwrap_or(-1),
            String::from_utf8(out.stderr).unwrap(),
        )
    }

    /// A plain client on the PostgreSQL register (tests on PostgreSQL only).
    pub fn client(&self) -> ::postgres::Client {
        self.postgres
            .as_ref()
            .expect("a SQLite register has no server")
            .client()
    }

    /// Runs SQL on the register behind claimtrack's back (to set a date, or to
    /// damage it for `check`), on either backend.
    pub fn execute(&self, sql: &str) {
        match &self.postgres {
            Some(pg) => pg.client().batch_execute(sql).unwrap(),
            None => rusqlite::Connection::open(self.db())
                .unwrap()
                .execute_batch(sql)
                .unwrap(),
        }
    }

    /// The one row of a query of text columns, read behind claimtrack's back,
    /// on either backend.
    pub fn text_row(&self, sql: &str) -> Vec<Option<String>> {
        match &self.postgres {
            Some(pg) => {
                let row = pg.client().query_one(sql, &[]).unwrap();
                (0..row.len()).map(|i| row.get(i)).collect()
            }
            None => {
                let conn = rusqlite::Connection::open(self.db()).unwrap();
                conn.query_row(sql, [], |r| {
                    (0..r.as_ref().column_count()).map(|i| r.get(i)).collect()
                })
                .unwrap()
            }
        }
    }

    /// A path in the test's scratch directory.
    pub fn path(&self, name: &str) -> PathBuf {
        self.dir.path().join(name)
    }

    /// `export --format json` with more arguments, as rows.
    pub fn export_json(&self, extra: &[&str]) -> Vec<Value> {
        let mut args = vec!["export", "--format", "json"];
        args.extend_from_slice(extra);
        serde_json::from_str(&self.run_ok(&args)).unwrap()
    }

    pub fn json(&self, args: &[&str]) -> Value {
        let out = self.run_ok(args);
        serde_json::from_str(&out).unwrap_or_else(|e| panic!("{args:?}: {e}: {out}"))
    }

    pub fn export(&self) -> Vec<Value> {
        self.json(&["export", "--format", "json"])
            .as_array()
            .unwrap()
            .clone()
    }

    /// The source names of the stored article versions (`claimtrack articles`).
    pub fn sources(&self) -> Vec<String> {
        self.json(&["articles", "--format", "json"])
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["source"].as_str().unwrap().to_string())
            .collect()
    }

    pub fn file(&self, name: &str, bytes: &[u8]) -> PathBuf {
        let path = self.dir.path().join(name);
        std::fs::write(&path, bytes).unwrap();
        path
    }
}

/// The binary with nothing of the caller's environment but PATH: no USER, no
/// CLAIMTRACK_*, no PG*, a HOME of the test's own, reviewer "tester", run from the
/// repository root.
pub fn sealed(mut cmd: Command, home: &Path) -> Command {
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", home)
        .env("CLAIMTRACK_REVIEWER", "tester")
        .current_dir(env!("CARGO_MANIFEST_DIR"));
    cmd
}

/// Runs each named test, `fn NAME(env: Env)`, as two tests: `sqlite::NAME` on an
/// SQLite file and `postgres::NAME` on a PostgreSQL database of its own.
#[macro_export]
macro_rules! on_both {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    super::$name($crate::common::Env::new());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    let test = concat!(module_path!(), "::", stringify!($name));
                    if let Some(env) = $crate::common::Env::postgres(test) {
                        super::$name(env);
                    }
                }
            )*
        }
    };
}

pub fn repo_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(relative)
}

pub fn read(relative: &str) -> String {
    std::fs::read_to_string(repo_path(relative)).unwrap()
}

pub fn s(path: &Path) -> &str {
    path.to_str().unwrap()
}

/// A claim as the extractor gives it, without where it came from: what must match
/// between two copies of one page.
pub fn without_source(claims: &Value) -> Vec<Value> {
    claims
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            let mut c = c.clone();
            c.as_object_mut().unwrap().remove("source");
            c
        })
        .collect()
}

/// The Rust port of shared/eval/score.py (used by tests/extract_gold.rs).
/// Writes five articles into `dir`; the third's first claim holds `REFUSE-ME`, which a
/// test's trigger refuses, to fail that article halfway through its rows.
pub fn five_articles_the_third_refused(dir: &Path) {
    for n in 1..=5 {
        let claim = if n == 3 {
            "REFUSE-ME"
        } else {
            "the road was open"
        };
        std::fs::write(
            dir.join(format!("{n}.txt")),
            format!(
                "Article {n}.\nThe mayor said {claim} in district {n}.\nThe army said the bridge held.\n"
            ),
        )
        .unwrap();
    }
}

pub mod score;

/// The reliability tests' helpers: the binary on a database file, permissions.
pub mod reliability;

/// A fresh PostgreSQL database per test (tests/postgres.rs and the backends suite).
pub mod postgres;
