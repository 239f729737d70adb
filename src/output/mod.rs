//! Renderers: one small module per format. Each takes rows from the store's query
//! layer and writes them to any `io::Write`; none of them queries or parses.

pub mod claimreview;
pub mod csv;
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

/// Text from articles and people, made safe to show on a terminal: control
/// characters (C0 but tab and newline, DEL, C1) and bidi overrides are shown as
/// `\u{..}` escapes, never interpreted. Every terminal rendering of stored text in
/// the review screen goes through this one function.
pub fn escape_for_terminal(text: &str) -> std::borrow::Cow<'_, str> {
    let unsafe_char = |c: char| {
        (c.is_control() && c != '\n' && c != '\t')
            || matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
    };
    if !text.chars().any(unsafe_char) {
        return std::borrow::Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if unsafe_char(c) {
            out.push_str(&format!("\\u{{{:x}}}", c as u32));
        } else {
            out.push(c);
        }
    }
    std::borrow::Cow::Owned(out)
}
