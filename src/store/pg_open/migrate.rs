//! Schema migrations on PostgreSQL: schema-postgres.sql's list, numbered as
//! schema.sql's, the version kept in `claimtrack_schema` (which also marks the
//! database as claimtrack's, as `PRAGMA application_id` marks a SQLite file).
//!
//! Everything pending runs in one transaction under an advisory lock, which a
//! second client starting at once waits for; it then finds the work done. A
//! database that is not ours, or newer than this binary, is refused before
//! anything is written. The register lives in the connection's current schema
//! (the first of its `search_path` that exists).

use crate::error::{Error, Result};
use crate::store::sql::Query;
use crate::store::sql::{Connection, PgConnection};
use std::path::PathBuf;

/// The migrations, from schema-postgres.sql.
const SCHEMA: &str = include_str!("../../../schema-postgres.sql");
const MARKER: &str = "\n-- @migration ";

/// The advisory lock migrations hold: one migrating client at a time.
pub const MIGRATE_LOCK: i64 = 0x636c_6169_6d6d; // "claimm"

/// What `claimtrack_schema.application` says in a claimtrack database.
const APPLICATION: &str = "claimtrack";

/// The schema version this binary writes: SQLite's, which PostgreSQL's list
/// reaches too (a unit test holds them together).
pub const SCHEMA_VERSION: i64 = crate::store::SCHEMA_VERSION;

/// What a database holds, as far as claimtrack is concerned.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SchemaState {
    /// No tables at all in the current schema: ours to set up.
    Empty,
    /// A claimtrack register at this schema version (never newer than ours).
    Ours { version: i64 },
}

/// Migration N as its number and SQL, in order.
fn migrations() -> impl Iterator<Item = (i64, &'static str)> {
    SCHEMA.split(MARKER).skip(1).map(|text| {
        let (number, sql) = text.split_once('\n').unwrap_or((text, ""));
        (number.trim().parse().unwrap_or(0), sql)
    })
}

/// Reads what the database is, refusing one that is not a claimtrack register
/// ([`Error::NotOurs`]) or is newer than this binary ([`Error::SchemaTooNew`]).
/// Writes nothing. `shown` is the redacted URL, for messages.
pub fn inspect(conn: &PgConnection, shown: &str) -> Result<SchemaState> {
    let db: &dyn Connection = conn;
    // One round trip for the common case: where the register lives, whether it
    // is marked as ours, and whether anything else is there.
    let (schema, marked, relations) = db
        .query_opt(
            "SELECT current_schema()::TEXT,
                    (SELECT count(*) FROM pg_catalog.pg_tables
                     WHERE schemaname = current_schema() AND tablename = 'claimtrack_schema'),
                    (SELECT count(*) FROM pg_catalog.pg_class c
                     JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                     WHERE n.nspname = current_schema()
                       AND c.relkind IN ('r', 'p', 'v', 'm', 'f', 'S'))",
            &[],
            |row| {
                Ok((
                    row.get::<Option<String>>(0)?,
                    row.get::<i64>(1)?,
                    row.get::<i64>(2)?,
                ))
            },
        )?
        .ok_or_else(|| Error::Invalid(format!("{shown}: the server answered no row")))?;
    if schema.is_none() {
        return Err(Error::Invalid(format!(
            "{shown}: no schema to keep the register in: none of the search_path exists"
        )));
    }
    if marked == 0 {
        return match relations {
            0 => Ok(SchemaState::Empty),
            _ => Err(Error::NotOurs(PathBuf::from(shown))),
        };
    }
    let version: Option<i64> = db.query_opt(
        "SELECT version FROM claimtrack_schema WHERE application = ?1",
        crate::args![APPLICATION],
        |row| row.get(0),
    )?;
    match version {
        None => Err(Error::NotOurs(PathBuf::from(shown))),
        Some(found) if found > SCHEMA_VERSION => Err(Error::SchemaTooNew {
            path: PathBuf::from(shown),
            found,
            known: SCHEMA_VERSION,
        }),
        Some(version) => Ok(SchemaState::Ours { version }),
    }
}

/// Whether migrations are pending (an empty database needs them all).
/// Refuses a foreign or newer database, as [`inspect`] does.
pub fn needs_migration(conn: &PgConnection, shown: &str) -> Result<bool> {
    Ok(match inspect(conn, shown)? {
        SchemaState::Empty => true,
        SchemaState::Ours { version } => version < SCHEMA_VERSION,
    })
}

/// Applies every pending migration in one transaction under [`MIGRATE_LOCK`],
/// creating the register in an empty database. The state is read again under
/// the lock: a client that waited for another finds nothing left to do. A
/// failure leaves the database as it was.
pub fn migrate(conn: &PgConnection, shown: &str) -> Result<()> {
    let db: &dyn Connection = conn;
    // READ COMMITTED whatever the role's default: each statement must see what
    // a client that held the lock before us committed.
    db.execute_batch(&format!(
        "BEGIN ISOLATION LEVEL READ COMMITTED; SELECT pg_advisory_xact_lock({MIGRATE_LOCK})"
    ))?;
    let outcome = apply_pending(conn, shown);
    match outcome {
        Ok(()) => db.execute_batch("COMMIT"),
        Err(err) => {
            // The migration's own error is the one to report.
            let _ = db.execute_batch("ROLLBACK");
            Err(err)
        }
    }
}

fn apply_pending(conn: &PgConnection, shown: &str) -> Result<()> {
    let db: &dyn Connection = conn;
    let state = inspect(conn, shown)?;
    if let SchemaState::Ours { version } = state
        && version >= SCHEMA_VERSION
    {
        return Ok(());
    }
    act_as_database_owner(db)?;
    let version = match state {
        SchemaState::Ours { version } => version,
        SchemaState::Empty => {
            require_utf8(db, shown)?;
            db.execute_batch(
                "CREATE TABLE claimtrack_schema (
                     application TEXT PRIMARY KEY,
                     version     BIGINT NOT NULL
                 )",
            )?;
            0
        }
    };
    for (number, sql) in migrations().filter(|(number, _)| *number > version) {
        db.execute_batch(sql).map_err(|err| {
            Error::Invalid(format!(
                "{shown}: schema migration {number} failed, nothing was changed: {err}"
            ))
        })?;
    }
    db.execute(
        "INSERT INTO claimtrack_schema (application, version) VALUES (?1, ?2)
         ON CONFLICT (application) DO UPDATE SET version = excluded.version",
        crate::args![APPLICATION, SCHEMA_VERSION],
    )?;
    Ok(())
}

/// Creates what follows as the database's owner when the user is one of its
/// members: a desk's register belongs to the desk's role, whichever reviewer's
/// `ingest` happened to set it up, so every member may use it and a later
/// reviewer may migrate it. (Otherwise the tables would be that reviewer's, and
/// the others could not touch them.) Lasts until the transaction ends.
fn act_as_database_owner(db: &dyn Connection) -> Result<()> {
    let owner: Option<String> = db.query_value(
        "SELECT (SELECT quote_ident(pg_get_userbyid(d.datdba)) FROM pg_catalog.pg_database d
                 WHERE d.datname = current_database()
                   AND pg_get_userbyid(d.datdba) <> current_user
                   AND pg_has_role(current_user, d.datdba, 'MEMBER'))",
        &[],
    )?;
    match owner {
        Some(owner) => db.execute_batch(&format!("SET LOCAL ROLE {owner}")),
        None => Ok(()),
    }
}

/// The register holds text of every script, and the fold functions normalise
/// Unicode: both need a UTF8 database.
fn require_utf8(db: &dyn Connection, shown: &str) -> Result<()> {
    let encoding: String = db.query_value("SELECT current_setting('server_encoding')", &[])?;
    if encoding != "UTF8" {
        return Err(Error::Invalid(format!(
            "{shown}: the database's encoding is {encoding}; claimtrack needs UTF8 \
             (CREATE DATABASE ... ENCODING 'UTF8' TEMPLATE template0)"
        )));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_start_at_7_and_reach_sqlites_version() {
        let numbers: Vec<i64> = migrations().map(|(number, _)| number).collect();
        let expected: Vec<i64> = (7..=SCHEMA_VERSION).collect();
        assert_eq!(
            numbers, expected,
            "numbered 7, 8, ... up to schema.sql's last"
        );
        assert!(migrations().all(|(_, sql)| !sql.trim().is_empty()));
        let preamble = SCHEMA.split(MARKER).next().unwrap();
        assert!(
            preamble
                .lines()
                .all(|l| l.is_empty() || l.starts_with("--")),
            "only comments before the first migration"
        );
    }
}
