//! Reading a database file we may not write to.
//!
//! A WAL database needs its `-shm` index file even to be read. When the database
//! file is read-only and its directory is too, SQLite can neither use nor create
//! that file and every read fails with "attempt to write a readonly database". If
//! the write-ahead log holds nothing (the last writer closed cleanly, so everything
//! is in the main file), the file can safely be read as immutable instead, which
//! needs no `-shm`. If the log does hold transactions, reading the main file alone
//! would silently miss them, so that case is refused with a way out.

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, OpenFlags};
use std::path::{Path, PathBuf};

/// Given the error of the first read of a freshly opened file, reopens it as an
/// immutable read-only database when that is the cure; passes any other error on.
pub fn reopen_if_unshareable(err: Error, path: &Path) -> Result<Connection> {
    let cannot_share = matches!(
        &err,
        Error::Sqlite(e) if e.sqlite_error_code() == Some(ErrorCode::ReadOnly)
    );
    if !cannot_share {
        return Err(err);
    }
    let wal = sibling(path, "-wal");
    if std::fs::metadata(&wal).is_ok_and(|m| m.len() > 0) {
        return Err(Error::Invalid(format!(
            "{}: read-only, and its write-ahead log {} holds changes not yet in the file; \
             open it once with write access (any claimtrack command) to fold them in",
            path.display(),
            wal.display()
        )));
    }
    let flags = OpenFlags::SQLITE_OPEN_READ_ONLY
        | OpenFlags::SQLITE_OPEN_NO_MUTEX
        | OpenFlags::SQLITE_OPEN_URI;
    Ok(Connection::open_with_flags(immutable_uri(path), flags)?)
}

fn sibling(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}

/// `file:PATH?mode=ro&immutable=1`, with the path percent-encoded as SQLite's URI
/// parser expects (so `?`, `#` and `%` in file names stay part of the name).
fn immutable_uri(path: &Path) -> String {
    let mut uri = String::from("file:");
    for byte in path.as_os_str().as_encoded_bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                uri.push(char::from(*byte))
            }
            _ => uri.push_str(&format!("%{byte:02X}")),
        }
    }
    uri.push_str("?mode=ro&immutable=1");
    uri
}

#[cfg(test)]
mod tests {
    use super::immutable_uri;
    use std::path::Path;

    #[test]
    fn uri_escapes_what_sqlite_would_parse() {
        assert_eq!(
            immutable_uri(Path::new("/tmp/a b?#%.db")),
            "file:/tmp/a%20b%3F%23%25.db?mode=ro&immutable=1"
        );
    }
}
