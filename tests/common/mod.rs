//! Helpers shared by the integration tests that run the real binary on a temp database.
#![allow(dead_code)] // each test binary uses its own subset

use assert_cmd::Command;
use serde_json::Value;
use std::path::{Path, PathBuf};
use tempfile::TempDir;

pub struct Env {
    pub dir: TempDir,
}

impl Env {
    pub fn new() -> Env {
        Env {
            dir: tempfile::tempdir().unwrap(),
        }
    }

    pub fn db(&self) -> PathBuf {
        self.dir.path().join("claims.db")
    }

    pub fn cmd(&self) -> Command {
        self.cmd_on(&self.db())
    }

    /// A command on another database file than the environment's own.
    pub fn cmd_on(&self, db: &Path) -> Command {
        let mut cmd = Command::cargo_bin("claimtrack").unwrap();
        cmd.env_remove("CLAIMTRACK_DB")
            .env("CLAIMTRACK_REVIEWER", "tester")
            .arg("--db")
            .arg(db)
            .current_dir(env!("CARGO_MANIFEST_DIR"));
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
pub mod score;

/// The reliability tests' helpers: the binary on a database file, permissions.
pub mod reliability;

/// A fresh PostgreSQL database per test (tests/postgres.rs and the backends suite).
pub mod postgres;
