//! `copy`: a whole register from one store into an empty one, SQLite or
//! PostgreSQL either way: every table's rows with their ids, in one snapshot of
//! the source and one transaction on the target, so the target holds all of it
//! or nothing. How a desk moves one reviewer's file onto its server, and how
//! `backup` on PostgreSQL writes an SQLite file.

use super::Store;
use super::sql::{Connection, Dialect, Param, Query, Value, params_of};
use crate::args;
use crate::error::{Error, Result};

/// Every table of the register and its columns, in an order that inserts each
/// row after the rows it points at. `claims.published_review` points at
/// `reviews`, which point at claims: it is copied after the history (see
/// [`Store::copy_to`]). A test checks the list against the schema.
pub(super) const TABLES: &[(&str, &[&str])] = &[
    (
        "statuses",
        &[
            "name",
            "label",
            "position",
            "is_final",
            "rating",
            "rating_label",
            "retired",
        ],
    ),
    ("speakers", &["id", "speaker", "speaker_resolved"]),
    (
        "articles",
        &[
            "id",
            "source",
            "version",
            "sha256",
            "title",
            "published_at",
            "ingested_at",
            "claim_count",
            "flagged_count",
            "canonical_url",
            "headline",
            "modified_at",
            "author",
            "publisher",
        ],
    ),
    ("article_texts", &["article_id", "content"]),
    (
        "claims",
        &[
            "id",
            "article_id",
            "position",
            "text",
            "norm_hash",
            "start_offset",
            "end_offset",
            "speaker",
            "speaker_resolved",
            "speaker_id",
            "outlet",
            "cue",
            "flag",
            "flag_evidence",
            "status",
            "removed_in_version",
            "created_at",
            "updated_at",
            "latest_note",
            "assignee",
            "dismissed",
            "recheck_version",
            "created_by",
            "post_title",
            "post_time",
        ],
    ),
    (
        "appearances",
        &[
            "article_id",
            "position",
            "claim_id",
            "start_offset",
            "end_offset",
            "speaker",
            "speaker_resolved",
            "outlet",
            "cue",
            "flag",
            "flag_evidence",
            "post_title",
            "post_time",
        ],
    ),
    (
        "reviews",
        &[
            "id",
            "claim_id",
            "event",
            "old_status",
            "new_status",
            "reviewer",
            "note",
            "created_at",
            "field",
            "old_value",
            "new_value",
        ],
    ),
    ("claim_corrections", &["claim_id", "field", "value"]),
    ("tags", &["id", "name"]),
    ("claim_tags", &["claim_id", "tag_id"]),
    ("source_tags", &["source", "tag_id"]),
    (
        "status_events",
        &["id", "event", "status", "detail", "reviewer", "created_at"],
    ),
];

/// The tables whose `id` the engine hands out: PostgreSQL's identity sequences
/// must move past the copied ids.
const IDENTITY_TABLES: &[&str] = &[
    "speakers",
    "articles",
    "claims",
    "reviews",
    "tags",
    "status_events",
];

/// What a copy moved.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct CopySummary {
    pub articles: i64,
    pub claims: i64,
    pub reviews: i64,
}

impl Store {
    /// Copies this register into `target`, which must be empty (set up, with
    /// nothing ingested and its statuses untouched). Reads one snapshot of this
    /// register; writes the target in one transaction.
    pub fn copy_to(&self, target: &mut Store) -> Result<CopySummary> {
        target.require_writable("copy")?;
        let source = self.db();
        source.execute_batch(match source.dialect() {
            Dialect::Sqlite => "BEGIN",
            Dialect::Postgres => "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY",
        })?;
        let copied = copy_rows(source, target);
        // Reading only: ending the snapshot cannot lose anything.
        let _ = source.execute_batch("COMMIT");
        target.speaker_ids.forget();
        copied
    }
}

fn copy_rows(source: &dyn Connection, target: &Store) -> Result<CopySummary> {
    let into = target.db.conn();
    let tx = into.write()?;
    refuse_unless_empty(&tx, target)?;
    // The target's six starting statuses give way to the source's own.
    tx.execute("DELETE FROM statuses", args![])?;
    for (table, columns) in TABLES {
        copy_table(source, &tx, table, columns)?;
    }
    copy_published(source, &tx)?;
    match tx.dialect() {
        Dialect::Sqlite => super::search::index_pending(&tx)?,
        Dialect::Postgres => {
            for table in IDENTITY_TABLES {
                tx.execute(
                    &format!(
                        "SELECT setval(pg_get_serial_sequence('{table}', 'id'),
                                       coalesce((SELECT max(id) FROM {table}), 0) + 1, false)"
                    ),
                    args![],
                )?;
            }
        }
    }
    let count =
        |table: &str| tx.query_value::<i64>(&format!("SELECT count(*) FROM {table}"), args![]);
    let summary = CopySummary {
        articles: count("articles")?,
        claims: count("claims")?,
        reviews: count("reviews")?,
    };
    tx.commit()?;
    if into.dialect() == Dialect::Postgres {
        // A server plans from its statistics, and a table filled in one
        // transaction has none until autovacuum comes round: without them a
        // listing over a million copied claims took 2 s instead of milliseconds.
        let tables: Vec<&str> = TABLES.iter().map(|(table, _)| *table).collect();
        into.execute_batch(&format!("ANALYZE {}", tables.join(", ")))?;
    }
    Ok(summary)
}

/// A target that holds anything beyond a fresh register's starting statuses is
/// refused: a copy never merges two registers.
fn refuse_unless_empty(tx: &dyn Connection, target: &Store) -> Result<()> {
    let rows: i64 = tx.query_value(
        "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM claims)
              + (SELECT count(*) FROM reviews) + (SELECT count(*) FROM status_events)
              + (SELECT count(*) FROM tags) + (SELECT count(*) FROM speakers)",
        args![],
    )?;
    if rows > 0 {
        return Err(Error::Invalid(format!(
            "{}: not empty; copy only fills a new register (it never merges two)",
            target.path().display()
        )));
    }
    Ok(())
}

/// Rows a multi-row INSERT carries: far fewer round trips to a server (and
/// statements for SQLite), within both engines' limits on bound values.
pub(super) const ROWS_PER_INSERT: usize = 256;

/// Streams one table's rows into the target in key order, [`ROWS_PER_INSERT`] an
/// INSERT.
fn copy_table(
    source: &dyn Connection,
    target: &dyn Connection,
    table: &str,
    columns: &[&str],
) -> Result<()> {
    let list = columns.join(", ");
    let order = if columns[0] == "id" { "id" } else { "1, 2" };
    let mut pending: Vec<Value> = Vec::with_capacity(ROWS_PER_INSERT * columns.len());
    source.for_each_row(
        &format!("SELECT {list} FROM {table} ORDER BY {order}"),
        args![],
        &mut |row| {
            for i in 0..columns.len() {
                pending.push(row.get::<Value>(i)?);
            }
            if pending.len() == ROWS_PER_INSERT * columns.len() {
                insert_rows(target, table, &list, columns.len(), &mut pending)?;
            }
            Ok(())
        },
    )?;
    insert_rows(target, table, &list, columns.len(), &mut pending)
}

/// Inserts the rows `values` holds (`width` values a row, [`ROWS_PER_INSERT`]
/// rows a statement at the most) and empties it.
pub(super) fn insert_rows(
    target: &dyn Connection,
    table: &str,
    list: &str,
    width: usize,
    values: &mut Vec<Value>,
) -> Result<()> {
    for chunk in values.chunks(ROWS_PER_INSERT * width) {
        let rows: Vec<String> = (0..chunk.len() / width)
            .map(|row| {
                let marks: Vec<String> = (1..=width)
                    .map(|i| format!("?{}", row * width + i))
                    .collect();
                format!("({})", marks.join(", "))
            })
            .collect();
        target.execute(
            &format!("INSERT INTO {table} ({list}) VALUES {}", rows.join(", ")),
            &params_of(chunk),
        )?;
    }
    values.clear();
    Ok(())
}

/// Each published claim's verdict, once the history it points at is there.
fn copy_published(source: &dyn Connection, target: &dyn Connection) -> Result<()> {
    source.for_each_row(
        "SELECT id, published_review FROM claims WHERE published_review IS NOT NULL ORDER BY id",
        args![],
        &mut |row| {
            let (id, review): (i64, i64) = (row.get(0)?, row.get(1)?);
            target.execute(
                "UPDATE claims SET published_review = ?2 WHERE id = ?1",
                &[Param::Int(id), Param::Int(review)],
            )?;
            Ok(())
        },
    )
}

#[cfg(test)]
mod tests {
    use super::TABLES;
    use crate::store::{Location, Store};

    /// `copy` moves every table the schema has, every column of each: a
    /// migration that adds one must add it here too.
    #[test]
    fn the_table_list_is_the_schema() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("schema.db");
        drop(Store::create_or_open(&Location::File(path.clone())).unwrap());
        let conn = rusqlite::Connection::open(&path).unwrap();
        let mut tables: Vec<String> = conn
            .prepare(
                "SELECT name FROM sqlite_master WHERE type = 'table'
                 AND name NOT LIKE 'sqlite_%' AND name NOT LIKE 'claims_fts%' ORDER BY name",
            )
            .unwrap()
            .query_map([], |r| r.get(0))
            .unwrap()
            .collect::<Result<_, _>>()
            .unwrap();
        let mut listed: Vec<String> = TABLES.iter().map(|(t, _)| t.to_string()).collect();
        tables.sort();
        listed.sort();
        assert_eq!(listed, tables);
        for (table, columns) in TABLES {
            let mut actual: Vec<String> = conn
                .prepare(&format!("SELECT name FROM pragma_table_info('{table}')"))
                .unwrap()
                .query_map([], |r| r.get(0))
                .unwrap()
                .collect::<Result<_, _>>()
                .unwrap();
            let mut ours: Vec<String> = columns.iter().map(|c| c.to_string()).collect();
            actual.sort();
            ours.sort();
            // published_review is copied last, once the history it points at is in.
            if *table == "claims" {
                ours.push("published_review".into());
                ours.sort();
            }
            assert_eq!(ours, actual, "{table}");
        }
    }
}
