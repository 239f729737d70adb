//! `backup`: a consistent copy of the register, taken while reviewers keep working.
//!
//! SQLite's online backup API copies the pages inside one read transaction. In WAL
//! mode a reader never blocks writers (and they never block it), so marks and
//! ingests go on during the copy, and the copy is the database as of the moment the
//! backup began: every transaction committed by then, none after, none halfway.

use super::{Db, Store};
use crate::error::{Error, Result};
use rusqlite::backup::{Backup, StepResult};
use rusqlite::{Connection, OpenFlags};
use std::path::Path;
use std::time::Duration;

/// What a finished backup holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BackupSummary {
    pub pages: i64,
    pub bytes: u64,
    /// Temporary files of interrupted backups and exports, removed from the
    /// destination's directory (see [`crate::staging`]).
    pub removed_stale: Vec<std::path::PathBuf>,
}

impl Store {
    /// Copies the database to `dest`, which must not exist yet. The copy is written
    /// beside `dest` under a temporary name, checked with `PRAGMA quick_check`, and
    /// only then renamed into place: a failed backup leaves no file under `dest`.
    pub fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        if dest.exists() {
            return Err(Error::Invalid(format!(
                "{}: already exists; pick a new file name (a backup never overwrites)",
                dest.display()
            )));
        }
        let dir = dest
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        if !dir.is_dir() {
            return Err(Error::NotFound(dir.to_path_buf()));
        }
        let staged =
            crate::staging::stage_in(dir, "backup", 0o666).map_err(|e| Error::io(dir, e))?;
        let temp = staged.file;
        let pages = match &self.db {
            Db::Sqlite(conn) => copy_pages(conn, temp.path(), dest)?,
            // From PostgreSQL, a new SQLite register gets every row (see copy.rs).
            Db::Postgres(_) => {
                let mut copy = Store::open_as(temp.path(), true)?;
                self.copy_to(&mut copy)?;
                match &copy.db {
                    Db::Sqlite(conn) => finish_copy(conn, dest)?,
                    Db::Postgres(_) => return Err(Error::Invalid("a backup is a file".into())),
                }
            }
        };
        temp.as_file().sync_all().map_err(|e| Error::io(dest, e))?;
        let file = temp
            .persist_noclobber(dest)
            .map_err(|e| Error::io(dest, e.error))?;
        let bytes = file.metadata().map_err(|e| Error::io(dest, e))?.len();
        Ok(BackupSummary {
            pages,
            bytes,
            removed_stale: staged.removed_stale,
        })
    }
}

/// SQLite's online backup of `source` into the file at `temp`; returns its pages.
fn copy_pages(source: &Connection, temp: &Path, dest: &Path) -> Result<i64> {
    let mut copy = Connection::open_with_flags(
        temp,
        OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_NO_MUTEX,
    )?;
    {
        let backup = Backup::new(source, &mut copy)?;
        // All pages (-1) in one step: one read transaction, hence one
        // consistent snapshot; WAL keeps writers going meanwhile. Busy only
        // happens while another process checkpoints; then try again.
        loop {
            match backup.step(-1)? {
                StepResult::Done => break,
                StepResult::More | StepResult::Busy | StepResult::Locked => {
                    std::thread::sleep(Duration::from_millis(10))
                }
                _ => std::thread::sleep(Duration::from_millis(10)),
            }
        }
    }
    finish_copy(&copy, dest)
}

/// Folds the copy out of WAL (a standalone file is one file), checks it, and
/// returns its page count.
fn finish_copy(copy: &Connection, dest: &Path) -> Result<i64> {
    copy.pragma_update(None, "journal_mode", "DELETE")?;
    let ok: String = copy.query_row("PRAGMA quick_check", [], |r| r.get(0))?;
    if ok != "ok" {
        return Err(Error::Invalid(format!(
            "{}: the copy failed its check ({ok}); nothing was written",
            dest.display()
        )));
    }
    Ok(copy.query_row("PRAGMA page_count", [], |r| r.get(0))?)
}
