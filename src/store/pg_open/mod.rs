//! Opening a register on PostgreSQL: the URL (libpq's forms and environment
//! defaults, the password file), the connection, the schema's migrations. The
//! counterpart of [`crate::store::Store::open`] and `create_or_open` for a
//! `postgres://` `--db`.
//!
//! Connections over TCP use TLS as libpq's `sslmode` says (see [`tls`]);
//! Unix sockets are plain.

mod migrate;
mod pgpass;
mod tls;
mod url;

pub use migrate::{MIGRATE_LOCK, SCHEMA_VERSION, SchemaState, inspect, migrate, needs_migration};
pub use url::{is_postgres_url, redacted};

use crate::error::{Error, Result};
use crate::store::sql::Query;
use crate::store::sql::{Connection, PgConnection};
use std::path::PathBuf;
use std::time::Duration;

/// How long connecting may take before a wrong or unreachable host is reported
/// (unless the URL sets `connect_timeout`).
pub const CONNECT_TIMEOUT: Duration = Duration::from_secs(10);

/// Reads an environment variable: the process's, or a test's own.
pub type Env<'a> = &'a dyn Fn(&str) -> Option<String>;

/// The process's environment (variables that are not UTF-8 count as unset).
pub fn process_env(name: &str) -> Option<String> {
    std::env::var(name).ok()
}

/// What opening does with a database that holds no register yet.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum IfMissing {
    /// Set the register up in it (`ingest`).
    Create,
    /// Refuse with [`Error::NoDatabase`]: commands that only read or review
    /// never create a register (a typo in `--db` would list an empty one).
    Refuse,
}

/// Connects to the database `url` names, with the environment's defaults.
/// Errors name the URL redacted, never its password.
pub fn connect(url: &str) -> Result<PgConnection> {
    connect_with(url, &process_env)
}

/// [`connect`] with the environment read through `env`.
pub fn connect_with(url: &str, env: Env<'_>) -> Result<PgConnection> {
    let mut target = url::target(url, env)?;
    let tls = tls::settle(&target.tls, target.config.get_hosts(), env)
        .map_err(|why| Error::Invalid(format!("{}: {}", target.shown, url::scrubbed(&why, url))))?;
    let client = tls::connect(&mut target.config, &tls)
        .map_err(|failed| connect_error(&failed, &target, &tls, url))?;
    Ok(PgConnection::new(client))
}

/// Connects and checks the database: a register (migrated if it is older
/// than this binary), or an empty database, set up or refused as `if_missing`
/// says. A foreign or newer database is refused untouched. Only a database that
/// needs migrating takes the migration lock: opening for `list` never waits.
pub fn open(url: &str, if_missing: IfMissing) -> Result<PgConnection> {
    open_with(url, if_missing, &process_env)
}

/// [`open`] with the environment read through `env`.
pub fn open_with(url: &str, if_missing: IfMissing, env: Env<'_>) -> Result<PgConnection> {
    let conn = connect_with(url, env)?;
    let shown = redacted(url);
    match inspect(&conn, &shown)? {
        SchemaState::Empty if if_missing == IfMissing::Refuse => {
            return Err(Error::NoDatabase(PathBuf::from(shown)));
        }
        SchemaState::Ours { version } if version >= SCHEMA_VERSION => {}
        _ => migrate(&conn, &shown)?,
    }
    Ok(conn)
}

/// The database user the connection logged in as: the reviewer's name when
/// CLAIMTRACK_REVIEWER does not give one.
pub fn current_user(conn: &PgConnection) -> Result<String> {
    let db: &dyn Connection = conn;
    db.query_value("SELECT current_user::TEXT", &[])
}

/// One line: the redacted URL, what failed (each attempt, when libpq's modes
/// made two), and a hint when a password file was skipped for its permissions.
fn connect_error(failed: &tls::Failed, target: &url::Target, tls: &tls::Tls, url: &str) -> Error {
    let mut message = format!(
        "{}: cannot connect: {}",
        target.shown,
        url::scrubbed(&failed.describe(tls), url)
    );
    let err = failed.last();
    let login_failed = err
        .as_db_error()
        .is_some_and(|db| db.code().code().starts_with("28"))
        || message.contains("password missing");
    if let Some(path) = target.skipped_pass_file.as_ref().filter(|_| login_failed) {
        message.push_str(&format!(
            " ({} was ignored: group or others may read it; chmod 0600 it)",
            path.display()
        ));
    }
    Error::Invalid(message)
}
