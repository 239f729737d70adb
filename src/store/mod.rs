//! The register on disk: SQLite through rusqlite. Parses no text; knows nothing of the CLI.

mod backup;
mod check;
mod diff;
mod ingest;
mod links;
mod migrate;
mod query;
mod read_only;
mod report;
mod review;
mod search;

pub use backup::BackupSummary;
pub use check::{CheckReport, Violation};
pub use ingest::SpeakerIds;
pub use ingest::{BATCH_ARTICLES, HashedExtraction, IngestOutcome, NewArticle};
pub use links::{AppearanceCount, LinkedChange};
pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
pub use query::{ClaimDetail, ClaimFilter, ClaimOrder, HistoryFilter};
pub use report::{Appearance, ReviewContext};
pub use search::{index_pending, search_expression};

use crate::error::{Error, Result};
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another one before giving up. Reviewers' writes are
/// short transactions, so a long wait only ever covers a big ingest's article.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open claimtrack database.
pub struct Store {
    conn: Connection,
    /// The writer's memory of `speakers` ids (see [`SpeakerIds`]).
    speaker_ids: SpeakerIds,
    path: PathBuf,
    read_only: bool,
}

impl Store {
    /// Opens (creating if missing) the database at `path`, refusing files that are
    /// not claimtrack's or are newer than this binary, then applies pending migrations.
    pub fn open(path: &Path) -> Result<Store> {
        let flags = OpenFlags::SQLITE_OPEN_READ_WRITE
            | OpenFlags::SQLITE_OPEN_CREATE
            | OpenFlags::SQLITE_OPEN_NO_MUTEX
            | OpenFlags::SQLITE_OPEN_URI;
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
            && !parent.is_dir()
        {
            return Err(Error::NotFound(parent.to_path_buf()));
        }
        let mut conn = Connection::open_with_flags(path, flags).map_err(|e| open_error(e, path))?;
        conn.busy_timeout(BUSY_TIMEOUT)?;
        if let Err(err) = migrate::check_compatible(&conn, path) {
            // A read-only WAL file whose -shm cannot be created: read it as immutable.
            conn = read_only::reopen_if_unshareable(err, path)?;
            conn.busy_timeout(BUSY_TIMEOUT)?;
            migrate::check_compatible(&conn, path)?;
        }
        let read_only = conn.is_readonly(rusqlite::MAIN_DB)?;
        if read_only {
            if migrate::needs_migration(&conn, path)? {
                return Err(Error::ReadOnly {
                    path: path.to_path_buf(),
                    action: "setting up the database".into(),
                });
            }
        } else {
            // WAL lets reviewers read while an ingest writes; NORMAL sync is durable
            // across application crashes (what WAL mode needs) and much faster than FULL.
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
        }
        conn.pragma_update(None, "foreign_keys", true)?;
        // Only a file that needs migrating takes the write lock: opening for `list`
        // must not queue behind a writer.
        if !read_only && migrate::needs_migration(&conn, path)? {
            migrate::migrate(&mut conn, path)?;
        }
        register_functions(&conn)?;
        Ok(Store {
            conn,
            speaker_ids: SpeakerIds::default(),
            path: path.to_path_buf(),
            read_only,
        })
    }

    /// The file this store was opened from.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Refuses a write on a read-only database with a message naming the action.
    fn require_writable(&self, action: &str) -> Result<()> {
        if self.read_only {
            Err(Error::ReadOnly {
                path: self.path.clone(),
                action: action.to_string(),
            })
        } else {
            Ok(())
        }
    }

    /// The underlying connection, for checks and benchmarks that need raw SQL.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }
}

/// SQL functions the queries use: `claimtrack_fold(text)` folds case, diacritics
/// and quote marks for all of Unicode (SQLite's LIKE folds ASCII only). Queries
/// only: the schema never depends on it, so the file stays readable without it.
/// `claimtrack_words(text)` gives its words folded and spaced, for phrase searches
/// ([`search::words`]).
fn register_functions(conn: &Connection) -> Result<()> {
    use rusqlite::functions::FunctionFlags;
    type Function = fn(&str) -> String;
    let functions: [(&str, Function); 2] = [
        ("claimtrack_fold", crate::fold::fold),
        ("claimtrack_words", search::words),
    ];
    for (name, function) in functions {
        conn.create_scalar_function(
            name,
            1,
            FunctionFlags::SQLITE_UTF8 | FunctionFlags::SQLITE_DETERMINISTIC,
            move |ctx| {
                Ok(ctx
                    .get_raw(0)
                    .as_str_or_null()
                    .map_err(|e| rusqlite::Error::UserFunctionError(e.into()))?
                    .map(function))
            },
        )?;
    }
    Ok(())
}

fn open_error(err: rusqlite::Error, path: &Path) -> Error {
    match err.sqlite_error_code() {
        Some(rusqlite::ErrorCode::NotADatabase) => Error::NotSqlite(path.to_path_buf()),
        Some(rusqlite::ErrorCode::CannotOpen) => {
            Error::Invalid(format!("{}: cannot open the database file", path.display()))
        }
        _ => Error::Sqlite(err),
    }
}

/// The current time as stored everywhere: RFC 3339, UTC, whole seconds.
pub fn now_rfc3339() -> String {
    chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}
