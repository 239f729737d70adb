//! Helpers shared by the reliability tests: the real binary, temp databases, and
//! running a command with dropped privileges where permissions must bite.
#![allow(dead_code)] // each test file uses a different part

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

pub const BIN: &str = env!("CARGO_BIN_EXE_claimtrack");

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// The real binary on `db`, as reviewer "tester", run from the repository root.
pub fn claimtrack(db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("HOME", std::env::temp_dir())
        .env("CLAIMTRACK_REVIEWER", "tester")
        .arg("--db")
        .arg(db.as_ref())
        .current_dir(manifest_dir());
    cmd
}

/// Runs and asserts success; returns stdout.
pub fn ok(db: &(impl AsRef<std::ffi::OsStr> + ?Sized), args: &[&str]) -> String {
    let out = claimtrack(db).args(args).output().unwrap();
    assert_success(&out, args);
    String::from_utf8(out.stdout).unwrap()
}

pub fn assert_success(out: &Output, what: &(impl std::fmt::Debug + ?Sized)) {
    assert!(
        out.status.success(),
        "{what:?} failed ({:?}): {}",
        out.status.code(),
        String::from_utf8_lossy(&out.stderr)
    );
}

/// Every claim as exported in JSON.
pub fn export(db: &(impl AsRef<std::ffi::OsStr> + ?Sized)) -> Vec<serde_json::Value> {
    serde_json::from_str(&ok(db, &["export", "--format", "json"])).unwrap()
}

/// Whether this process can read files whatever their permissions (root, with
/// CAP_DAC_OVERRIDE): then permission tests run the binary through `setpriv`
/// without those capabilities, so that the permissions really apply.
pub fn permissions_are_bypassed(dir: &Path) -> bool {
    let probe = dir.join(".probe");
    std::fs::write(&probe, "x").unwrap();
    set_mode(&probe, 0o000);
    let bypassed = std::fs::read(&probe).is_ok();
    set_mode(&probe, 0o600);
    std::fs::remove_file(&probe).unwrap();
    bypassed
}

pub fn set_mode(path: &Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

/// The binary on `db`, subject to file permissions even when the tests run as root.
pub fn claimtrack_unprivileged(db: &Path, scratch: &Path) -> Command {
    if permissions_are_bypassed(scratch) {
        let mut cmd = Command::new("setpriv");
        cmd.args([
            "--bounding-set=-dac_override,-dac_read_search",
            "--inh-caps=-dac_override,-dac_read_search",
            BIN,
        ]);
        cmd.env_remove("CLAIMTRACK_DB")
            .env("CLAIMTRACK_REVIEWER", "tester")
            .arg("--db")
            .arg(db)
            .current_dir(manifest_dir());
        cmd
    } else {
        claimtrack(db)
    }
}

/// A fresh temporary directory with a database path in it.
pub fn temp_db() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let db = dir.path().join("claims.db");
    (dir, db)
}

/// Opens the database directly, for the invariants a test checks itself.
pub fn sql(db: &Path) -> rusqlite::Connection {
    let conn = rusqlite::Connection::open(db).unwrap();
    conn.busy_timeout(std::time::Duration::from_secs(60))
        .unwrap();
    conn
}

pub fn count(conn: &rusqlite::Connection, query: &str) -> i64 {
    conn.query_row(query, [], |r| r.get(0)).unwrap()
}

/// Creates an empty, set-up register (as `ingest` would before its first article).
pub fn create_db(db: &Path) {
    drop(
        claimtrack::store::Store::create_or_open(&claimtrack::store::Location::File(
            db.to_path_buf(),
        ))
        .unwrap(),
    );
}
