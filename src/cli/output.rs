//! Where a command's output goes: stdout, or a file written whole or not at all.

use crate::output::escape::visible;
use anyhow::Context;
use std::fs;
use std::io::{self, BufWriter, Write};
use std::path::{Path, PathBuf};

/// A destination for a command's output.
pub enum Sink {
    Stdout(BufWriter<io::StdoutLock<'static>>),
    /// A temporary file beside the target, renamed over it on `finish`, so a
    /// failed export never leaves a half-written file under the target name.
    File {
        temp: tempfile::NamedTempFile,
        target: PathBuf,
    },
}

impl Sink {
    /// stdout, or (for `Some` path other than `-`) a file as [`Sink::create`] makes it.
    pub fn open(target: Option<&Path>) -> anyhow::Result<Sink> {
        match target {
            Some(path) if path.as_os_str() != "-" => Sink::create(path, &Replace::default()),
            _ => Ok(Sink::Stdout(BufWriter::new(io::stdout().lock()))),
        }
    }

    /// A file written under a temporary name beside `path`, renamed over it on
    /// `finish`, after checking that `replace` allows writing there.
    pub fn create(path: &Path, replace: &Replace<'_>) -> anyhow::Result<Sink> {
        let existing = replace.check(path)?;
        // Replace what a symlink points at, not the link.
        let target = match &existing {
            Some(_) => fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()),
            None => path.to_path_buf(),
        };
        let dir = target
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        // A new file gets the mode the umask gives; a replaced one keeps its own.
        let mode = existing.as_ref().map_or(0o666, mode_of);
        let staged = crate::staging::stage_in(dir, "export", mode)
            .with_context(|| format!("{}: cannot write here", path.display()))?;
        for stale in &staged.removed_stale {
            say(&format!(
                "claimtrack: removed {}, left by an interrupted export or backup",
                stale.display()
            ));
        }
        if let Some(meta) = &existing {
            let _ = fs::set_permissions(staged.file.path(), meta.permissions());
        }
        Ok(Sink::File {
            temp: staged.file,
            target,
        })
    }

    /// Flushes, and for a file moves it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File { temp, target } => {
                temp.as_file().sync_all()?;
                temp.persist(&target)
                    .with_context(|| format!("{}: cannot write the file", target.display()))?;
                Ok(())
            }
        }
    }
}

/// What an output file may replace: never the database (by any path or link to
/// it), never an SQLite file, and an existing file only with `--force`.
#[derive(Debug, Default)]
pub struct Replace<'a> {
    /// The database the command reads, which the output must never be.
    pub database: Option<&'a Path>,
    /// `--force`: an existing file (that is not a database) may be replaced.
    pub force: bool,
}

impl Replace<'_> {
    /// Refuses `path` if writing it is not allowed; returns the metadata of the
    /// file it would replace.
    fn check(&self, path: &Path) -> anyhow::Result<Option<fs::Metadata>> {
        let meta = match fs::metadata(path) {
            Ok(meta) => meta,
            Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(None),
            Err(e) => return Err(crate::error::Error::io(path, e).into()),
        };
        let shown = path.display();
        if meta.is_dir() {
            anyhow::bail!("{shown}: is a directory; give a file name");
        }
        if let Some(db) = self.database
            && fs::metadata(db).is_ok_and(|db| same_file(&db, &meta))
        {
            anyhow::bail!("{shown}: is the database itself; refusing to overwrite it");
        }
        if is_sqlite_file(path) {
            anyhow::bail!("{shown}: is an SQLite database; refusing to overwrite it");
        }
        if !self.force {
            anyhow::bail!("{shown}: already exists; use --force to replace it");
        }
        Ok(Some(meta))
    }
}

#[cfg(unix)]
fn same_file(a: &fs::Metadata, b: &fs::Metadata) -> bool {
    use std::os::unix::fs::MetadataExt;
    a.dev() == b.dev() && a.ino() == b.ino()
}

#[cfg(not(unix))]
fn same_file(_: &fs::Metadata, _: &fs::Metadata) -> bool {
    false
}

#[cfg(unix)]
fn mode_of(meta: &fs::Metadata) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    meta.permissions().mode() & 0o7777
}

#[cfg(not(unix))]
fn mode_of(_: &fs::Metadata) -> u32 {
    0o666
}

/// Whether the file starts with SQLite's header (so it is some database).
fn is_sqlite_file(path: &Path) -> bool {
    use std::io::Read;
    let mut magic = [0u8; 16];
    fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut magic))
        .is_ok_and(|()| &magic == b"SQLite format 3\0")
}

impl Write for Sink {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        match self {
            Sink::Stdout(out) => out.write(buf),
            Sink::File { temp, .. } => temp.write(buf),
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        match self {
            Sink::Stdout(out) => out.flush(),
            Sink::File { temp, .. } => temp.flush(),
        }
    }
}

/// Writes a whole text to stdout (a table, a report), failing on a closed pipe
/// like every other write so that `main` can exit quietly.
/// Control characters in it are shown as escapes (see [`visible`]).
pub fn print(text: &str) -> io::Result<()> {
    print_safe(&visible(text))
}

/// Writes a text already made safe for a terminal (see [`crate::output::escape`]).
pub fn print_safe(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Writes one line to stderr. A closed or full stderr is no reason to panic (as
/// `eprintln!` does) or to fail a command that did its work: the line is dropped.
/// Its control characters (from file names, URLs, page titles) are shown as escapes.
pub fn say(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{}", visible(line));
}

/// stdout for a command whose changes are committed (or go on being stored) as it
/// prints: a closed or full stdout cannot undo them, so it must neither stop the
/// work (`ingest DIR | head -1` stores the whole corpus) nor fail the command in a
/// way that invites a retry (a second `mark` would record the change twice).
/// Writes after the first failure are dropped; [`Committed::finish`] says what
/// was done if the report was lost for any reason but a closed pipe.
pub struct Committed {
    out: io::StdoutLock<'static>,
    lost: Option<io::Error>,
}

/// Prints the report of a change already committed, one line each, through
/// [`Committed`]; `done` says what happened should the report be lost.
pub fn report_committed(lines: &[String], done: &str) {
    let mut out = Committed::stdout();
    for line in lines {
        // Committed never fails a write: it keeps the first error for `finish`.
        let _ = writeln!(out, "{line}");
    }
    out.finish(done);
}

impl Committed {
    pub fn stdout() -> Committed {
        Committed {
            out: io::stdout().lock(),
            lost: None,
        }
    }

    /// Flushes; if the report was lost (other than to a closed pipe, which is
    /// the reader's choice), says on stderr that `done` happened anyway.
    pub fn finish(mut self, done: &str) {
        let _ = self.flush();
        if let Some(err) = self.lost
            && err.kind() != io::ErrorKind::BrokenPipe
        {
            say(&format!(
                "claimtrack: {done}, but its report could not be written ({err}); it is committed: do not run it again"
            ));
        }
    }
}

impl Write for Committed {
    /// `writeln!` hands over whole `str` pieces: each is escaped (see [`visible`]).
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let shown = match std::str::from_utf8(buf) {
            Ok(text) => visible(text),
            Err(_) => String::from_utf8_lossy(buf),
        };
        if self.lost.is_none()
            && let Err(err) = self.out.write_all(shown.as_bytes())
        {
            self.lost = Some(err);
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        if self.lost.is_none()
            && let Err(err) = self.out.flush()
        {
            self.lost = Some(err);
        }
        Ok(())
    }
}
