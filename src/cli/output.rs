//! Where a command's output goes: stdout, or a file written whole or not at all.

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
    pub fn open(target: Option<&Path>) -> anyhow::Result<Sink> {
        match target {
            None => Ok(Sink::Stdout(BufWriter::new(io::stdout().lock()))),
            Some(path) if path.as_os_str() == "-" => {
                Ok(Sink::Stdout(BufWriter::new(io::stdout().lock())))
            }
            Some(path) => {
                let dir = path
                    .parent()
                    .filter(|p| !p.as_os_str().is_empty())
                    .unwrap_or(Path::new("."));
                let temp = tempfile::NamedTempFile::new_in(dir)
                    .with_context(|| format!("{}: cannot write here", path.display()))?;
                Ok(Sink::File {
                    temp,
                    target: path.to_path_buf(),
                })
            }
        }
    }

    /// Flushes, and for a file moves it into place.
    pub fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::Stdout(mut out) => Ok(out.flush()?),
            Sink::File { temp, target } => {
                let file = temp.as_file();
                file.sync_all()?;
                temp.persist(&target)
                    .with_context(|| format!("{}: cannot write the file", target.display()))?;
                if let Ok(meta) = fs::metadata(&target) {
                    // NamedTempFile creates 0600; an export is an ordinary file.
                    let mut perms = meta.permissions();
                    #[cfg(unix)]
                    {
                        use std::os::unix::fs::PermissionsExt;
                        perms.set_mode(0o644);
                    }
                    let _ = fs::set_permissions(&target, perms);
                }
                Ok(())
            }
        }
    }
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
pub fn print(text: &str) -> io::Result<()> {
    let mut out = io::stdout().lock();
    out.write_all(text.as_bytes())?;
    if !text.ends_with('\n') {
        out.write_all(b"\n")?;
    }
    out.flush()
}

/// Writes one line to stderr. A closed or full stderr is no reason to panic (as
/// `eprintln!` does) or to fail a command that did its work: the line is dropped.
pub fn say(line: &str) {
    let mut err = io::stderr().lock();
    let _ = writeln!(err, "{line}");
}
