//! Reading a database file we may not write to, without writing beside it.
//!
//! A WAL database is read through its `-shm` index file, which an ordinary
//! connection creates if missing. A reader that cannot write the database would
//! create it (and the `-wal`) with the database's read-only mode, or as another
//! user, and every later writer would then fail with "attempt to write a readonly
//! database". So a process that cannot write opens the file read-only and creates
//! nothing: through the existing `-shm` when a writer has one, as immutable when
//! the log is empty (everything is in the main file), and not at all when the log
//! holds transactions but no index exists, since reading the main file alone
//! would silently miss them.

use super::migrate::APPLICATION_ID;
use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};

/// Why this process cannot write the database at `path`, or `None` if it can: the
/// file itself is read-only (an empty reason), or a sidecar file or the directory
/// it must be created in is not writable (the reason names it and the way out).
pub fn write_refusal(path: &Path) -> Option<String> {
    if !writable(path) {
        return Some(String::new());
    }
    let (wal, shm) = (sibling(path, "-wal"), sibling(path, "-shm"));
    if shm.exists() && !writable(&shm) {
        return Some(format!(
            "{} is not writable (left by a reader without write access?): delete it \
             while no claimtrack runs, or make it writable",
            shm.display()
        ));
    }
    if wal.exists() && !writable(&wal) {
        return Some(format!(
            "{} is not writable and may hold changes: make it writable (do not delete it)",
            wal.display()
        ));
    }
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let both_exist = wal.exists() && shm.exists();
    if !both_exist && !writable(dir) {
        return Some(format!(
            "its directory {} is not writable, and SQLite must create {} there",
            dir.display(),
            wal.display()
        ));
    }
    None
}

fn writable(path: &Path) -> bool {
    rustix::fs::access(path, rustix::fs::Access::WRITE_OK).is_ok()
}

/// Opens the database read-only, creating no file beside it.
pub fn open(path: &Path) -> Result<Connection> {
    open_with(path, false)
}

/// [`open`], but when the log holds data and no `-shm` index exists, lets SQLite
/// create one (`index_may_be_created`) rather than refusing: for telling whose an
/// unmarked file is, where the alternative is guessing.
fn open_with(path: &Path, index_may_be_created: bool) -> Result<Connection> {
    let (wal, shm) = (sibling(path, "-wal"), sibling(path, "-shm"));
    let log_has_data = std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0);
    let query = if (wal.exists() && shm.exists()) || (log_has_data && index_may_be_created) {
        // A writer's index is there: read through it, as any reader does.
        "mode=ro"
    } else if !log_has_data {
        "mode=ro&immutable=1"
    } else {
        return Err(Error::Invalid(format!(
            "{}: read-only, and its write-ahead log {} holds changes not yet in the file; \
             open it once with write access (any claimtrack command) to fold them in",
            path.display(),
            wal.display()
        )));
    };
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    Ok(Connection::open_with_flags(uri(path, query), flags)?)
}

/// Whether an unmarked SQLite file (no application id, no user version in its
/// header) is claimtrack's: its first migration may still be in the log. `false`
/// for an empty database; a database with someone else's tables is refused.
pub fn probe_is_ours(path: &Path) -> Result<bool> {
    let conn = open_with(path, true)?;
    let read = |sql: &str| -> Result<i64> {
        conn.query_row(sql, [], |r| r.get(0))
            .map_err(|e| match e.sqlite_error_code() {
                Some(rusqlite::ErrorCode::NotADatabase) => Error::NotSqlite(path.to_path_buf()),
                _ => Error::Sqlite(e),
            })
    };
    let app_id = read("PRAGMA application_id")?;
    let version = read("PRAGMA user_version")?;
    let tables = read("SELECT count(*) FROM sqlite_master")?;
    match (app_id, version, tables) {
        (APPLICATION_ID, _, _) => Ok(true),
        (0, 0, 0) => Ok(false),
        _ => Err(Error::NotOurs(path.to_path_buf())),
    }
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `file:PATH?QUERY`, with the path percent-encoded as SQLite's URI parser
/// expects (so `?`, `#` and `%` in file names stay part of the name).
fn uri(path: &Path, query: &str) -> String {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(*byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push('?');
    uri.push_str(query);
    uri
}

#[cfg(test)]
mod tests {
    use super::uri;
    use std::path::Path;

    #[test]
    fn uri_escapes_what_sqlite_would_parse() {
        assert_eq!(
            uri(Path::new("/tmp/a b?#%.db"), "mode=ro&immutable=1"),
            "file:/tmp/a%20b%3F%23%25.db?mode=ro&immutable=1"
        );
    }
}
