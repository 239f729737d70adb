//! Renderers: one small module per format. Each takes rows from the store's query
//! layer and writes them to any `io::Write`; none of them queries or parses.

pub mod claimreview;
pub mod csv;
pub mod escape;
pub mod group;
pub mod html;
pub mod json;
pub mod markdown;
pub mod stats;
pub mod table;
pub mod versions;

use std::borrow::Cow;
use std::io::IsTerminal;
use std::path::Path;

/// A source as shown to a person: a local file (stored as its absolute path, so
/// that `sub/a.txt` and, from `sub`, `a.txt` are one article) relative to the
/// current directory when it lies below it; URLs and names as they are.
pub fn shown_source(source: &str) -> Cow<'_, str> {
    let path = Path::new(source);
    if !path.is_absolute() {
        return Cow::Borrowed(source);
    }
    match std::env::current_dir()
        .ok()
        .and_then(|cwd| path.strip_prefix(cwd).ok().map(Path::to_path_buf))
    {
        Some(relative) if !relative.as_os_str().is_empty() => {
            Cow::Owned(relative.display().to_string())
        }
        _ => Cow::Borrowed(source),
    }
}

/// Whether stdout is a terminal (tables are fitted to its width only then).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
