//! The register: one `Store` over SQLite (embedded, the default) or PostgreSQL (a
//! desk's shared server), the same SQL for both through `sql/`. Parses no text;
//! knows nothing of the CLI.

mod add;
mod backup;
mod check;
mod copy;
mod curate;
mod diff;
mod header;
mod history;
mod ingest;
mod links;
mod location;
mod migrate;
mod pending;
pub mod pg_open;
mod query;
mod read_only;
mod report;
mod review;
mod search;
pub mod sql;
mod statuses;
mod stored;
mod tags;

pub use add::NewClaim;
pub use backup::BackupSummary;
pub use check::{CheckReport, Violation};
pub use copy::CopySummary;
pub use curate::{Correction, Field, FieldChange};
pub use ingest::SpeakerIds;
pub use ingest::{BATCH_ARTICLES, HashedExtraction, IngestOutcome, KnownContent, NewArticle};
pub use links::LinkedChange;
pub use location::Location;
pub use migrate::{APPLICATION_ID, SCHEMA_VERSION};
use pending::PendingRows;
pub use query::{Assignee, ClaimDetail, ClaimFilter, ClaimOrder, HistoryFilter};
pub use review::StatusChange;
pub use search::{index_pending, search_expression};
pub use statuses::NewStatus;

use crate::error::{Error, Result};
use header::Header;
use rusqlite::{Connection, OpenFlags};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// How long a writer waits for another one before giving up. Reviewers' writes are
/// short transactions, so a long wait only ever covers a big ingest's article.
const BUSY_TIMEOUT: Duration = Duration::from_secs(60);

/// An open claimtrack database.
pub struct Store {
    db: Db,
    /// The writer's memory of `speakers` ids (see [`SpeakerIds`]).
    speaker_ids: SpeakerIds,
    /// The writer's rows not yet sent to the server (see [`PendingRows`]).
    pending: PendingRows,
    path: PathBuf,
    /// Set when the file cannot be written: why not, for the error a write gets
    /// (empty when the file itself is simply read-only).
    read_only: Option<String>,
}

impl Store {
    /// Opens the claimtrack database at `path`, which must exist: commands that
    /// only read or review never create one (a typo in `--db` would otherwise
    /// list an empty register). Pending migrations are applied when it is writable.
    pub fn open(location: &Location) -> Result<Store> {
        match location {
            Location::File(path) => Store::open_as(path, false),
            Location::Postgres(url) => Store::open_postgres(url, pg_open::IfMissing::Refuse),
        }
    }

    /// Opens the database at `path`, creating and setting it up if missing: for
    /// commands that add data (`ingest`).
    pub fn create_or_open(location: &Location) -> Result<Store> {
        match location {
            Location::File(path) => Store::open_as(path, true),
            Location::Postgres(url) => Store::open_postgres(url, pg_open::IfMissing::Create),
        }
    }

    fn open_postgres(url: &str, if_missing: pg_open::IfMissing) -> Result<Store> {
        let conn = pg_open::open(url, if_missing)?;
        Ok(Store {
            db: Db::Postgres(Box::new(conn)),
            speaker_ids: SpeakerIds::default(),
            pending: PendingRows::default(),
            path: PathBuf::from(pg_open::redacted(url)),
            read_only: None,
        })
    }

    /// The database user, on PostgreSQL: the reviewer's name when none is given.
    pub fn database_user(&self) -> Option<String> {
        match &self.db {
            Db::Sqlite(_) => None,
            Db::Postgres(conn) => pg_open::current_user(conn).ok(),
        }
    }

    fn open_as(path: &Path, create: bool) -> Result<Store> {
        refuse_non_path(path)?;
        let exists = match header::inspect(path)? {
            Header::Missing if create => false,
            Header::Missing => return Err(Error::NoDatabase(path.to_path_buf())),
            Header::Unmarked => {
                // Read-only: this may be someone else's file with a log to recover.
                if !read_only::probe_is_ours(path)? && !create {
                    return Err(Error::NoDatabase(path.to_path_buf()));
                }
                true
            }
            Header::Ours { .. } => true,
        };
        let refusal = if exists {
            read_only::write_refusal(path)
        } else {
            None
        };
        let mut conn = match refusal {
            None => open_read_write(path, create)?,
            Some(_) => read_only::open(path)?,
        };
        conn.busy_timeout(BUSY_TIMEOUT)?;
        migrate::check_compatible(&conn, path)?;
        let read_only = refusal.is_some() || conn.is_readonly(rusqlite::MAIN_DB)?;
        if read_only {
            if migrate::needs_migration(&conn, path)? {
                return Err(Error::ReadOnly {
                    path: path.to_path_buf(),
                    action: "setting up the database".into(),
                    why: refusal.unwrap_or_default(),
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
            db: Db::Sqlite(conn),
            speaker_ids: SpeakerIds::default(),
            pending: PendingRows::default(),
            path: path.to_path_buf(),
            read_only: read_only.then(|| refusal.unwrap_or_default()),
        })
    }

    /// The file this store was opened from (on PostgreSQL, its URL without the
    /// password: what messages show).
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Refuses a write on a read-only database with a message naming the action.
    fn require_writable(&self, action: &str) -> Result<()> {
        match &self.read_only {
            Some(why) => Err(Error::ReadOnly {
                path: self.path.clone(),
                action: action.to_string(),
                why: why.clone(),
            }),
            None => Ok(()),
        }
    }

    /// The register's connection: the SQL every backend runs.
    pub(crate) fn db(&self) -> &dyn sql::Connection {
        self.db.conn()
    }
}

impl Db {
    /// The connection, borrowed apart from the rest of the store (writes also
    /// update the store's speaker ids).
    fn conn(&self) -> &dyn sql::Connection {
        match self {
            Db::Sqlite(conn) => conn,
            Db::Postgres(conn) => conn.as_ref(),
        }
    }
}

/// The engine a register lives in.
enum Db {
    Sqlite(Connection),
    // Boxed: a client is much larger than an SQLite handle.
    Postgres(Box<sql::PgConnection>),
}

/// A connection that may write (and, for `ingest`, create the file). URI
/// parsing is compiled into the bundled SQLite, so `file:` names never get here.
fn open_read_write(path: &Path, create: bool) -> Result<Connection> {
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty())
        && !parent.is_dir()
    {
        return Err(Error::NotFound(parent.to_path_buf()));
    }
    let mut flags = OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX;
    if create {
        flags |= OpenFlags::SQLITE_OPEN_CREATE;
    }
    Connection::open_with_flags(path, flags).map_err(|e| open_error(e, path))
}

/// `--db` names a file: SQLite's in-memory database and its `file:` URIs (whose
/// parameters could make it open anything, anyhow) are refused.
fn refuse_non_path(path: &Path) -> Result<()> {
    let text = path.to_string_lossy();
    if text.is_empty() || text == ":memory:" || text.starts_with("file:") {
        return Err(Error::Invalid(format!(
            "--db takes a file path, not '{text}' (for a file so named, write ./{text})"
        )));
    }
    Ok(())
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
