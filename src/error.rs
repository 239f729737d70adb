//! The library's errors: each one prints as one clear line.

use std::path::PathBuf;

pub type Result<T, E = Error> = std::result::Result<T, E>;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{}: no such file or directory", .0.display())]
    NotFound(PathBuf),
    #[error("{}: {cause}", path.display())]
    Io {
        path: PathBuf,
        // Not named `source`: the message carries it, and an error chain would repeat it.
        cause: std::io::Error,
    },
    #[error("{}: binary file, not text (it holds a NUL byte)", .0.display())]
    Binary(PathBuf),
    #[error("{path}: skipped: {reason}")]
    Skipped { path: String, reason: String },
    #[error("{}: UTF-16 text: convert it with iconv -f UTF-16 -t UTF-8", .0.display())]
    Utf16(PathBuf),
    #[error("{}: {}", path.display(), too_large_text(*max_bytes))]
    TooLarge { path: PathBuf, max_bytes: u64 },
    #[error("{}: not valid UTF-8 (first bad byte at offset {offset}); convert it to UTF-8 first", path.display())]
    NotUtf8 { path: PathBuf, offset: usize },
    #[error("{}: no articles found (looked for .txt, .md, .html and .htm files)", .0.display())]
    NoArticles(PathBuf),
    #[error("no claim with id {0}")]
    UnknownClaim(i64),
    #[error("no article with id {0}")]
    UnknownArticle(i64),
    #[error("no article with source '{0}' (see `claimtrack articles`)")]
    UnknownSource(String),
    #[error("{}: not a claimtrack database; refusing to touch it", .0.display())]
    NotOurs(PathBuf),
    #[error("{}: not an SQLite database; refusing to touch it", .0.display())]
    NotSqlite(PathBuf),
    #[error(
        "{}: database schema version {found} is newer than this claimtrack knows ({known}); upgrade claimtrack",
        path.display()
    )]
    SchemaTooNew {
        path: PathBuf,
        found: i64,
        known: i64,
    },
    #[error(
        "{}: database is read-only; {action} needs write access{}",
        path.display(),
        if why.is_empty() { String::new() } else { format!(" ({why})") }
    )]
    ReadOnly {
        path: PathBuf,
        action: String,
        /// What makes it read-only when it is not the file itself: a sidecar, the directory.
        why: String,
    },
    #[error("no claimtrack database at {} (`claimtrack ingest` creates one)", .0.display())]
    NoDatabase(PathBuf),
    #[error("cannot write the output: {0}")]
    Output(std::io::Error),
    #[error("{0}")]
    Invalid(String),
    /// A mistake in how the command was called (exit code 2), found after
    /// clap parsed it: an empty note, a flag that needs another.
    #[error("{0}")]
    Usage(String),
    /// A status the register does not have (a usage mistake: exit code 2).
    #[error("{0}")]
    UnknownStatus(String),
    /// A URL could not be fetched (refused, timed out, HTTP error, too large, not text).
    #[error("{url}: {reason}")]
    Fetch { url: String, reason: String },
    #[error("database error: {0}")]
    Sqlite(rusqlite::Error),
    #[error("database error: {}", postgres_message(.0))]
    Postgres(postgres::Error),
    /// An article read but not stored (nothing of it was kept): why, in `cause`.
    #[error("{article}: cannot store the article: {cause}")]
    NotStored { article: String, cause: Box<Error> },
}

impl From<postgres::Error> for Error {
    fn from(err: postgres::Error) -> Self {
        Error::Postgres(err)
    }
}

/// The server's own message when it sent one (with its detail), else the
/// client's, with its cause: connection refused, authentication failed.
fn postgres_message(err: &postgres::Error) -> String {
    use std::error::Error as _;
    match err.as_db_error() {
        Some(db) => match db.detail() {
            Some(detail) => format!("{} ({detail})", db.message()),
            None => db.message().to_string(),
        },
        None => match err.source() {
            Some(cause) => format!("{err}: {cause}"),
            None => err.to_string(),
        },
    }
}

impl From<rusqlite::Error> for Error {
    fn from(err: rusqlite::Error) -> Self {
        Error::Sqlite(err)
    }
}

/// How a failed command ends. Each error kind maps to one of these, and each of
/// these to its exit code, here and nowhere else.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// An operation failed: bad input, a missing claim, a refused database (exit 1).
    Operation,
    /// The command was called wrongly (exit 2).
    Usage,
    /// The reader of our output went away (`claimtrack list | head`): not a
    /// failure, so it exits quietly with 0.
    BrokenPipe,
}

impl Failure {
    /// The failure an error chain stands for: a closed pipe anywhere in it, else
    /// the kind of the outermost library error, else a failed operation.
    pub fn of(err: &anyhow::Error) -> Failure {
        let broken_pipe = err.chain().any(|cause| {
            cause
                .downcast_ref::<std::io::Error>()
                .is_some_and(is_broken_pipe)
                || cause
                    .downcast_ref::<Error>()
                    .is_some_and(|e| e.failure() == Failure::BrokenPipe)
        });
        if broken_pipe {
            return Failure::BrokenPipe;
        }
        err.chain()
            .find_map(|cause| cause.downcast_ref::<Error>())
            .map_or(Failure::Operation, Error::failure)
    }

    pub fn exit_code(self) -> u8 {
        match self {
            Failure::BrokenPipe => 0,
            Failure::Operation => 1,
            Failure::Usage => 2,
        }
    }
}

fn is_broken_pipe(err: &std::io::Error) -> bool {
    err.kind() == std::io::ErrorKind::BrokenPipe
}

impl Error {
    /// How this error ends the command (see [`Failure`]).
    pub fn failure(&self) -> Failure {
        match self {
            Error::Usage(_) | Error::UnknownStatus(_) => Failure::Usage,
            Error::NotStored { cause, .. } => cause.failure(),
            Error::Io { cause, .. } | Error::Output(cause) if is_broken_pipe(cause) => {
                Failure::BrokenPipe
            }
            _ => Failure::Operation,
        }
    }

    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        let path = path.into();
        if source.kind() == std::io::ErrorKind::NotFound {
            Error::NotFound(path)
        } else {
            Error::Io {
                path,
                cause: source,
            }
        }
    }
}

/// "larger than the N limit", for a page or a local file.
pub fn too_large_text(max_bytes: u64) -> String {
    format!(
        "larger than the {} limit (see --max-bytes)",
        human_bytes(max_bytes)
    )
}

fn human_bytes(bytes: u64) -> String {
    const MIB: u64 = 1024 * 1024;
    if bytes >= MIB && bytes.is_multiple_of(MIB) {
        format!("{} MiB", bytes / MIB)
    } else {
        format!("{bytes}-byte")
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use anyhow::Context;

    fn failure_of(err: Error) -> Failure {
        Failure::of(&anyhow::Error::from(err).context("while doing something"))
    }

    #[test]
    fn sizes_read_naturally() {
        assert_eq!(human_bytes(10 * 1024 * 1024), "10 MiB");
        assert_eq!(human_bytes(1000), "1000-byte");
    }

    #[test]
    fn each_kind_ends_with_its_code_through_context() {
        assert_eq!(failure_of(Error::Usage("x".into())).exit_code(), 2);
        assert_eq!(failure_of(Error::UnknownStatus("x".into())).exit_code(), 2);
        assert_eq!(failure_of(Error::UnknownClaim(7)).exit_code(), 1);
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        assert_eq!(failure_of(Error::Output(pipe)), Failure::BrokenPipe);
        assert_eq!(Failure::BrokenPipe.exit_code(), 0);
    }

    #[test]
    fn a_plain_closed_pipe_is_quiet_and_anything_else_a_failed_operation() {
        let pipe = std::io::Error::from(std::io::ErrorKind::BrokenPipe);
        let err = Err::<(), _>(pipe).context("writing").unwrap_err();
        assert_eq!(Failure::of(&err), Failure::BrokenPipe);
        assert_eq!(Failure::of(&anyhow::anyhow!("no")), Failure::Operation);
    }

    #[test]
    fn an_article_not_stored_keeps_its_cause_kind() {
        let err = Error::NotStored {
            article: "a.txt".into(),
            cause: Box::new(Error::Output(std::io::Error::other("disk"))),
        };
        assert_eq!(
            err.to_string(),
            "a.txt: cannot store the article: cannot write the output: disk"
        );
        assert_eq!(err.failure(), Failure::Operation);
        let usage = Error::NotStored {
            article: "a.txt".into(),
            cause: Box::new(Error::Usage("x".into())),
        };
        assert_eq!(usage.failure(), Failure::Usage);
    }
}
