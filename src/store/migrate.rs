//! Opening checks and schema migrations keyed on `PRAGMA user_version`.
//!
//! The list is append-only: a shipped migration is never edited, a new one is added
//! at the end. All pending migrations run in one IMMEDIATE transaction, so a failed
//! upgrade leaves the file as it was and two processes opening a new file at once
//! cannot both create the tables.

use crate::error::{Error, Result};
use rusqlite::{Connection, ErrorCode, TransactionBehavior};
use std::path::Path;

/// `PRAGMA application_id` of a claimtrack database: "CLMT".
pub const APPLICATION_ID: i64 = 0x434C_4D54;

/// Migration N (1-based) brings the schema from version N-1 to N.
const MIGRATIONS: &[&str] = &[include_str!("../../schema.sql")];

/// The schema version this binary writes.
pub const SCHEMA_VERSION: i64 = MIGRATIONS.len() as i64;

/// Refuses a file that is not SQLite, not ours, or newer than this binary, without
/// writing to it. An empty SQLite database (no tables, no application id) is ours to set up.
pub fn check_compatible(conn: &Connection, path: &Path) -> Result<()> {
    let (app_id, version) = read_header(conn, path)?;
    if app_id != APPLICATION_ID {
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(|e| not_sqlite_or(e, path))?;
        if app_id != 0 || tables > 0 || version != 0 {
            return Err(Error::NotOurs(path.to_path_buf()));
        }
    }
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    Ok(())
}

/// Whether the file still needs migrations (so a read-only open can say why it fails).
pub fn needs_migration(conn: &Connection, path: &Path) -> Result<bool> {
    Ok(read_header(conn, path)?.1 < SCHEMA_VERSION)
}

/// Applies every pending migration in one transaction.
pub fn migrate(conn: &mut Connection, path: &Path) -> Result<()> {
    let tx = conn.transaction_with_behavior(TransactionBehavior::Immediate)?;
    // Read again under the write lock: another process may have migrated meanwhile.
    let (_, version) = read_header(&tx, path)?;
    if version > SCHEMA_VERSION {
        return Err(Error::SchemaTooNew {
            path: path.to_path_buf(),
            found: version,
            known: SCHEMA_VERSION,
        });
    }
    for sql in &MIGRATIONS[version as usize..] {
        tx.execute_batch(sql)?;
    }
    if version < SCHEMA_VERSION {
        tx.pragma_update(None, "application_id", APPLICATION_ID)?;
        tx.pragma_update(None, "user_version", SCHEMA_VERSION)?;
    }
    tx.commit()?;
    Ok(())
}

fn read_header(conn: &Connection, path: &Path) -> Result<(i64, i64)> {
    let app_id: i64 = conn
        .pragma_query_value(None, "application_id", |r| r.get(0))
        .map_err(|e| not_sqlite_or(e, path))?;
    let version: i64 = conn
        .pragma_query_value(None, "user_version", |r| r.get(0))
        .map_err(|e| not_sqlite_or(e, path))?;
    Ok((app_id, version))
}

fn not_sqlite_or(err: rusqlite::Error, path: &Path) -> Error {
    match err.sqlite_error_code() {
        Some(ErrorCode::NotADatabase) => Error::NotSqlite(path.to_path_buf()),
        _ => Error::Sqlite(err),
    }
}
