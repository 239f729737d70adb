//! A GitHub-flavoured Markdown report: a summary line per status, then one
//! section per article with a table of its claims.
//!
//! Claim texts are quoted news copy and may hold anything, so every cell is
//! escaped to stay plain text: the characters that make tables, emphasis, links,
//! code, HTML, entities, strikethrough or maths are backslash-escaped, line breaks
//! become `<br>` (a raw newline would end the table row), and a cell that starts
//! like a list item or a heading has that start escaped too.

use super::group;
use crate::model::{ClaimRecord, Status};
use crate::page_meta::PageMeta;
use std::collections::HashMap;
use std::io::{self, Write};

/// Writes the whole report. `generated_at` is printed in the header (RFC 3339).
pub fn write_report<W: Write>(
    out: &mut W,
    title: &str,
    claims: &[ClaimRecord],
    pages: &HashMap<i64, PageMeta>,
    statuses: &[Status],
    generated_at: &str,
) -> io::Result<()> {
    let articles = group::by_article(claims);
    writeln!(out, "# {}\n", title.replace(['\n', '\r'], " "))?;
    writeln!(
        out,
        "{} in {}, generated {}.\n",
        plural(claims.len(), "claim"),
        plural(articles.len(), "article"),
        escape_inline(generated_at)
    )?;
    for status in statuses {
        let count = claims.iter().filter(|c| c.status == *status).count();
        writeln!(out, "- **{status}**: {count}")?;
    }
    if claims.is_empty() {
        writeln!(out, "\nNo claims match.")?;
    }
    for group in &articles {
        let first = group[0];
        let heading = first.title.as_deref().unwrap_or(&first.source);
        writeln!(out, "\n## {}\n", escape_line(heading))?;
        writeln!(
            out,
            "Source: {} · version {} · article {}\n",
            escape_line(&first.source),
            first.version,
            first.article_id
        )?;
        if let Some(page) = pages.get(&first.article_id) {
            let about: Vec<String> = page
                .labelled()
                .into_iter()
                .map(|(label, value)| format!("{label} {}", escape_line(value)))
                .collect();
            writeln!(out, "Page: {}\n", about.join(" · "))?;
        }
        writeln!(out, "{}\n", status_summary(group, statuses))?;
        writeln!(
            out,
            "| # | id | status | claim | speaker | outlet | flag | published verdict | latest note |"
        )?;
        writeln!(
            out,
            "| ---: | ---: | --- | --- | --- | --- | --- | --- | --- |"
        )?;
        for c in group {
            writeln!(
                out,
                "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
                c.position,
                c.id,
                status_cell(c),
                escape_cell(&c.text),
                speaker_cell(c),
                escape_cell(c.outlet.as_deref().unwrap_or("")),
                c.flag
                    .as_deref()
                    .map(|f| format!("**{}**", escape_cell(f)))
                    .unwrap_or_default(),
                c.published
                    .as_ref()
                    .map(|v| format!("**{}**: {}", v.status, escape_cell(&v.explanation)))
                    .unwrap_or_default(),
                escape_cell(c.latest_note.as_deref().unwrap_or("")),
            )?;
        }
    }
    Ok(())
}

/// "3 claims: 2 unverified, 1 false" for one article's claims.
fn status_summary(claims: &[&ClaimRecord], statuses: &[Status]) -> String {
    let parts: Vec<String> = statuses
        .iter()
        .filter_map(|status| {
            let n = claims.iter().filter(|c| c.status == *status).count();
            (n > 0).then(|| format!("{n} {status}"))
        })
        .collect();
    format!("{}: {}.", plural(claims.len(), "claim"), parts.join(", "))
}

fn status_cell(c: &ClaimRecord) -> String {
    match c.removed_in_version {
        Some(v) => format!("{} (removed in v{v})", c.status),
        None => c.status.to_string(),
    }
}

fn speaker_cell(c: &ClaimRecord) -> String {
    let speaker = escape_cell(c.speaker.as_deref().unwrap_or(""));
    match c.speaker_resolved.as_deref() {
        Some(resolved) if Some(resolved) != c.speaker.as_deref() => {
            format!("{speaker} → {}", escape_cell(resolved))
        }
        _ => speaker,
    }
}

fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Escapes text for a table cell: plain text on one line, breaks as `<br>`.
pub fn escape_cell(text: &str) -> String {
    escape_leading(&escape_with_breaks(text.trim(), "<br>"))
}

/// Escapes text for a heading or paragraph line: breaks become spaces.
pub fn escape_line(text: &str) -> String {
    escape_leading(&escape_with_breaks(text.trim(), " "))
}

/// Escapes inline syntax without touching line starts (for our own short texts).
fn escape_inline(text: &str) -> String {
    escape_with_breaks(text, " ")
}

/// Characters that start or end inline syntax somewhere in GFM (GitHub's maths
/// included): each is ASCII punctuation, so a backslash makes it literal.
const INLINE_SYNTAX: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '~', '&', '$', '#', '!',
];

fn escape_with_breaks(text: &str, line_break: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str(line_break);
            }
            '\n' => out.push_str(line_break),
            c if INLINE_SYNTAX.contains(&c) => {
                out.push('\\');
                out.push(c);
            }
            c => out.push(c),
        }
    }
    out
}

/// A cell or line starting like a block (`- item`, `+ item`, `= underline`,
/// `1. item`, `1) item`) gets that start escaped: harmless inside a table cell, but
/// it keeps the text literal wherever it is pasted.
fn escape_leading(text: &str) -> String {
    if text.starts_with(['-', '+', '=']) {
        return format!("\\{text}");
    }
    let digits = text.bytes().take_while(u8::is_ascii_digit).count();
    let after = &text[digits..];
    let is_marker =
        after.starts_with(['.', ')']) && (after.len() == 1 || after[1..].starts_with([' ', '\t']));
    if digits > 0 && is_marker {
        return format!("{}\\{}", &text[..digits], &text[digits..]);
    }
    text.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cells_escape_pipes_backslashes_and_breaks() {
        assert_eq!(escape_cell("a|b\\c\nd\r\ne"), "a\\|b\\\\c<br>d<br>e");
        assert_eq!(escape_cell("<script>"), "\\<script\\>");
        assert_eq!(escape_cell("*x* _y_ `z`"), "\\*x\\* \\_y\\_ \\`z\\`");
    }

    #[test]
    fn block_starts_are_escaped() {
        assert_eq!(escape_cell("- item"), "\\- item");
        assert_eq!(escape_cell("12. item"), "12\\. item");
        assert_eq!(escape_cell("3) item"), "3\\) item");
        assert_eq!(escape_line("# title"), "\\# title");
        assert_eq!(escape_cell("2.5 percent"), "2.5 percent");
        assert_eq!(escape_cell("7."), "7\\.");
    }
}
