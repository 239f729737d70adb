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

/// Every migration, in order, in one file: the text before the first marker is
/// migration 1, and each marker line starts the next one.
const SCHEMA: &str = include_str!("../../schema.sql");
const MARKER: &str = "\n-- @migration ";

/// The schema version this binary writes: the number of migrations in `schema.sql`.
pub const SCHEMA_VERSION: i64 = count_markers(SCHEMA.as_bytes()) as i64 + 1;

const fn count_markers(text: &[u8]) -> usize {
    let marker = MARKER.as_bytes();
    let (mut count, mut at) = (0, 0);
    while at + marker.len() <= text.len() {
        let mut same = 0;
        while same < marker.len() && text[at + same] == marker[same] {
            same += 1;
        }
        if same == marker.len() {
            count += 1;
        }
        at += 1;
    }
    count
}

/// Migration N (1-based) brings the schema from version N-1 to N: its number as
/// its marker gives it ("1" for the first) and its SQL.
fn migrations() -> impl Iterator<Item = (&'static str, &'static str)> {
    SCHEMA.split(MARKER).enumerate().map(|(index, text)| {
        if index == 0 {
            ("1", text)
        } else {
            let (number, sql) = text.split_once('\n').unwrap_or((text, ""));
            (number.trim(), sql)
        }
    })
}

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
    // A migration may rebuild a table that others reference, which SQLite's
    // procedure does with foreign keys off (the pragma is a no-op inside a
    // transaction); `foreign_key_check` then proves nothing was left dangling.
    let enforced: bool = conn.pragma_query_value(None, "foreign_keys", |r| r.get(0))?;
    conn.pragma_update(None, "foreign_keys", false)?;
    let outcome = migrate_in(conn, path);
    conn.pragma_update(None, "foreign_keys", enforced)?;
    outcome
}

fn migrate_in(conn: &mut Connection, path: &Path) -> Result<()> {
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
    for (_, sql) in migrations().skip(version as usize) {
        tx.execute_batch(sql)?;
    }
    let dangling: i64 = tx.query_row("SELECT count(*) FROM pragma_foreign_key_check", [], |r| {
        r.get(0)
    })?;
    if dangling > 0 {
        return Err(Error::Invalid(format!(
            "{}: upgrading the schema would leave {dangling} rows pointing at nothing; \
             the file is left as it was",
            path.display()
        )));
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn migrations_are_numbered_in_order_from_one() {
        let numbers: Vec<String> = migrations().map(|(n, _)| n.to_string()).collect();
        let expected: Vec<String> = (1..=SCHEMA_VERSION).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected);
        assert!(migrations().all(|(_, sql)| !sql.trim().is_empty()));
    }

    #[test]
    fn a_version_1_file_is_upgraded_in_place_keeping_its_rows() {
        let mut conn = Connection::open_in_memory().unwrap();
        let (_, first) = migrations().next().unwrap();
        conn.execute_batch(first).unwrap();
        conn.pragma_update(None, "application_id", APPLICATION_ID)
            .unwrap();
        conn.pragma_update(None, "user_version", 1).unwrap();
        conn.execute_batch(
            "INSERT INTO articles (source, version, sha256, content, ingested_at, claim_count, flagged_count)
                 VALUES ('a', 1, 'x', 'It rained, she said.', 'now', 1, 0);
             INSERT INTO speakers (speaker) VALUES ('she');
             INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
                 speaker, speaker_id, created_at, updated_at)
                 VALUES (1, 1, 'It rained, she said.', 0, 0, 20, 'she', 1, 'now', 'now');
             INSERT INTO reviews (claim_id, event, old_status, new_status, note, created_at) VALUES
                 (1, 'status', 'unverified', 'false', 'first', 'now'),
                 (1, 'note', 'false', 'false', 'second', 'now'),
                 (1, 'reworded', 'false', 'false', 'not a reviewer note', 'now'),
                 (1, 'status', 'false', 'verified', NULL, 'now');",
        )
        .unwrap();
        conn.pragma_update(None, "foreign_keys", true).unwrap();
        migrate(&mut conn, Path::new(":memory:")).unwrap();
        let version: i64 = conn
            .pragma_query_value(None, "user_version", |r| r.get(0))
            .unwrap();
        assert_eq!(version, SCHEMA_VERSION);
        let plan: String = conn
            .query_row(
                "EXPLAIN QUERY PLAN SELECT id FROM claims WHERE speaker_id IN (1)",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("claims_by_speaker"), "{plan}");
        let enforced: bool = conn
            .pragma_query_value(None, "foreign_keys", |r| r.get(0))
            .unwrap();
        assert!(
            enforced,
            "foreign keys are enforced again after the migration"
        );
        let bad_status = conn.execute("UPDATE claims SET status = 'maybe' WHERE id = 1", []);
        assert!(
            bad_status.is_err(),
            "a status must be one of the register's (migration 3's foreign key)"
        );
        let (statuses, finals): (i64, i64) = conn
            .query_row("SELECT count(*), sum(is_final) FROM statuses", [], |r| {
                Ok((r.get(0)?, r.get(1)?))
            })
            .unwrap();
        assert_eq!((statuses, finals), (6, 4), "the six statuses are seeded");
        let status: String = conn
            .query_row("SELECT status FROM claims WHERE id = 1", [], |r| r.get(0))
            .unwrap();
        assert_eq!(status, "unverified", "the claim kept its status");
        let reviews: i64 = conn
            .query_row("SELECT count(*) FROM reviews WHERE claim_id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(reviews, 4, "the history survives the rebuild of reviews");
        let rewrite = conn.execute("UPDATE reviews SET note = 'x' WHERE id = 1", []);
        assert!(
            rewrite.is_err(),
            "history stays append-only after the rebuild"
        );
        let note: Option<String> = conn
            .query_row("SELECT latest_note FROM claims WHERE id = 1", [], |r| {
                r.get(0)
            })
            .unwrap();
        assert_eq!(note.as_deref(), Some("second"));
        let text: String = conn
            .query_row(
                "SELECT content FROM article_texts WHERE article_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(text, "It rained, she said.");
        let post: (Option<String>, Option<String>) = conn
            .query_row(
                "SELECT post_title, post_time FROM claims WHERE id = 1",
                [],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .unwrap();
        assert_eq!(post, (None, None), "claims stored before posts had times");
        let dropped = conn.prepare("SELECT content FROM articles");
        assert!(dropped.is_err(), "the text now lives in article_texts only");
        let claims: i64 = conn
            .query_row(
                "SELECT count(*) FROM claims WHERE speaker_id = 1",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(claims, 1);
        let found: i64 = conn
            .query_row(
                "SELECT rowid FROM claims_fts WHERE claims_fts MATCH 'rained AND second'",
                [],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(
            found, 1,
            "the search index covers the claims and notes already there"
        );
    }
}
