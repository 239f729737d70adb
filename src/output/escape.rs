//! Control characters made visible for a terminal.
//!
//! Claims, notes, reviewer names, sources and titles come from untrusted pages and
//! people. Written raw to a terminal, a backspace rewrites a figure (`3000` shows
//! as `30`), a carriage return hides a reviewer, an escape sequence conceals words
//! or makes a note a hidden link, and a bidi override reverses what follows. Every
//! renderer for a terminal or for piped tab-separated/table output passes its text
//! through [`visible`]; data formats (JSON, CSV, JSONL) keep the bytes instead.

use std::borrow::Cow;

/// `text` with every control character shown as an escape (`\x1b`, `\u202e`):
/// C0 controls but tab and newline (which the layouts use), DEL, C1 controls and
/// the bidirectional embeddings, overrides and isolates (U+202A–U+202E,
/// U+2066–U+2069). Text without any is returned as it is, without a copy.
pub fn visible(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    for c in text.chars() {
        if needs_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// [`visible`], except for the colour sequences of claimtrack's own coloured
/// tables (SGR, `ESC [ 0-9;… m`), which are kept; any other escape sequence, and
/// an SGR that conceals text (parameter 8), is shown as [`visible`] shows it. The
/// cells of such a table went through [`visible`] already, so every escape
/// character left in it is the renderer's.
pub fn visible_keeping_colour(text: &str) -> Cow<'_, str> {
    if !text.chars().any(needs_escape) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut rest = text;
    while let Some(c) = rest.chars().next() {
        if c == '\u{1b}'
            && let Some(len) = colour_sequence_len(rest)
        {
            out.push_str(&rest[..len]);
            rest = &rest[len..];
            continue;
        }
        if needs_escape(c) {
            push_escape(&mut out, c);
        } else {
            out.push(c);
        }
        rest = &rest[c.len_utf8()..];
    }
    Cow::Owned(out)
}

/// The length of the SGR colour sequence `text` starts with, if it does.
fn colour_sequence_len(text: &str) -> Option<usize> {
    let body = text.strip_prefix("\u{1b}[")?;
    let end = body.find(|c: char| !(c.is_ascii_digit() || c == ';'))?;
    let conceals = body[..end].split(';').any(|p| p == "8");
    (body[end..].starts_with('m') && !conceals).then_some(2 + end + 1)
}

fn needs_escape(c: char) -> bool {
    match c {
        '\t' | '\n' => false,
        '\u{0}'..='\u{1f}' | '\u{7f}'..='\u{9f}' => true,
        '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' => true,
        _ => false,
    }
}

fn push_escape(out: &mut String, c: char) {
    use std::fmt::Write;
    let code = u32::from(c);
    // Writing to a String cannot fail.
    let _ = if code < 0x80 {
        write!(out, "\\x{code:02x}")
    } else {
        write!(out, "\\u{code:04x}")
    };
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_is_kept_and_every_other_sequence_shown() {
        let table = "\u{1b}[38;5;7m unverified \u{1b}[39m";
        assert_eq!(visible_keeping_colour(table), table);
        assert_eq!(visible_keeping_colour("\u{1b}[8mhidden"), "\\x1b[8mhidden");
        assert_eq!(
            visible_keeping_colour("\u{1b}]8;;http://x\u{7}"),
            "\\x1b]8;;http://x\\x07"
        );
        assert_eq!(visible_keeping_colour("a\rb"), "a\\x0db");
    }

    #[test]
    fn controls_are_shown_and_text_kept() {
        assert_eq!(visible("3000\u{8}\u{8}"), "3000\\x08\\x08");
        assert_eq!(visible("a\rb"), "a\\x0db");
        assert_eq!(
            visible("\u{1b}]8;;http://x\u{7}note"),
            "\\x1b]8;;http://x\\x07note"
        );
        assert_eq!(visible("\u{1b}[8mhidden"), "\\x1b[8mhidden");
        assert_eq!(visible("abc\u{202e}fed"), "abc\\u202efed");
        assert_eq!(visible("x\u{2066}y\u{85}"), "x\\u2066y\\u0085");
        assert_eq!(
            visible("tab\there\nnext ünïcode «»"),
            "tab\there\nnext ünïcode «»"
        );
        assert!(matches!(visible("plain"), Cow::Borrowed(_)));
        assert_eq!(
            visible(&visible("\u{1b}")),
            "\\x1b",
            "escaping twice changes nothing"
        );
    }
}
