//! What a database file is, read from its first 100 bytes before SQLite opens it.
//!
//! Opening a file with SQLite for writing is itself a write: a hot journal is rolled
//! back and a write-ahead log checkpointed into the file. So a file that is not
//! claimtrack's must be recognised from its header alone, and never handed to a
//! read-write connection.

use super::migrate::APPLICATION_ID;
use crate::error::{Error, Result};
use std::io::Read;
use std::path::Path;

/// The SQLite header: the magic string, then `user_version` and `application_id`
/// as big-endian integers at fixed offsets.
const HEADER_LEN: usize = 100;
const MAGIC: &[u8; 16] = b"SQLite format 3\0";
const USER_VERSION_AT: usize = 60;
const APPLICATION_ID_AT: usize = 68;

/// What the header says the file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Header {
    /// No file at the path.
    Missing,
    /// A zero-length file, or an SQLite file with neither an application id nor a
    /// user version: empty, foreign, or ours with its first migration still in the
    /// write-ahead log. Only SQLite itself can tell, read-only.
    Unmarked,
    /// Marked as claimtrack's, at this schema version.
    Ours { version: i64 },
}

/// Reads the header of the file at `path`, refusing anything that is not an
/// SQLite file or is marked as someone else's.
pub fn inspect(path: &Path) -> Result<Header> {
    let mut file = match std::fs::File::open(path) {
        Ok(file) => file,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(Header::Missing),
        Err(e) => return Err(Error::io(path, e)),
    };
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    if !meta.is_file() {
        return Err(Error::Invalid(format!(
            "{}: not a regular file, so not a claimtrack database",
            path.display()
        )));
    }
    let mut header = Vec::with_capacity(HEADER_LEN);
    file.by_ref()
        .take(HEADER_LEN as u64)
        .read_to_end(&mut header)
        .map_err(|e| Error::io(path, e))?;
    classify(path, &header)
}

fn classify(path: &Path, header: &[u8]) -> Result<Header> {
    if header.is_empty() {
        return Ok(Header::Unmarked);
    }
    if header.len() < HEADER_LEN || !header.starts_with(MAGIC) {
        return Err(Error::NotSqlite(path.to_path_buf()));
    }
    let version = i64::from(be_u32(header, USER_VERSION_AT));
    let app_id = i64::from(be_u32(header, APPLICATION_ID_AT));
    match (app_id, version) {
        (0, 0) => Ok(Header::Unmarked),
        (APPLICATION_ID, 0) => Err(Error::Invalid(format!(
            "{}: marked as claimtrack's but has no schema version (user_version 0): \
             altered outside claimtrack; refusing to touch it",
            path.display()
        ))),
        (APPLICATION_ID, version) => Ok(Header::Ours { version }),
        _ => Err(Error::NotOurs(path.to_path_buf())),
    }
}

fn be_u32(bytes: &[u8], at: usize) -> u32 {
    u32::from_be_bytes([bytes[at], bytes[at + 1], bytes[at + 2], bytes[at + 3]])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn header(app_id: u32, version: u32) -> Vec<u8> {
        let mut bytes = vec![0u8; HEADER_LEN];
        bytes[..16].copy_from_slice(MAGIC);
        bytes[USER_VERSION_AT..USER_VERSION_AT + 4].copy_from_slice(&version.to_be_bytes());
        bytes[APPLICATION_ID_AT..APPLICATION_ID_AT + 4].copy_from_slice(&app_id.to_be_bytes());
        bytes
    }

    #[test]
    fn headers_are_told_apart() {
        let p = Path::new("x.db");
        let ours = APPLICATION_ID as u32;
        assert_eq!(classify(p, b"").unwrap(), Header::Unmarked);
        assert_eq!(classify(p, &header(0, 0)).unwrap(), Header::Unmarked);
        assert_eq!(
            classify(p, &header(ours, 3)).unwrap(),
            Header::Ours { version: 3 }
        );
        assert!(matches!(classify(p, &header(7, 0)), Err(Error::NotOurs(_))));
        assert!(matches!(classify(p, &header(0, 4)), Err(Error::NotOurs(_))));
        assert!(matches!(
            classify(p, &header(ours, 0)),
            Err(Error::Invalid(_))
        ));
        assert!(matches!(
            classify(p, b"not sqlite"),
            Err(Error::NotSqlite(_))
        ));
    }
}
