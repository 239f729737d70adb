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

use std::io::IsTerminal;

/// Whether stdout is a terminal (tables are fitted to its width only then).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}
