//! Terminal tables (comfy-table). On a terminal they fit its width and long claim
//! texts are shortened; piped, every cell is printed whole.

use super::escape::visible;
use crate::extract::ExtractedClaim;
use crate::model::{ArticleSummary, ClaimRecord, Review, StatusDef};
use comfy_table::{ContentArrangement, Table, presets};

/// Longest claim text shown in a terminal table before it is cut with "…".
const TERMINAL_CLAIM_CHARS: usize = 110;

pub(super) fn new_table(header: &[&str], on_terminal: bool) -> Table {
    let mut table = Table::new();
    table.load_style(if on_terminal {
        presets::UTF8_FULL_CONDENSED
    } else {
        presets::ASCII_MARKDOWN
    });
    table.set_content_arrangement(if on_terminal {
        ContentArrangement::Dynamic
    } else {
        ContentArrangement::Disabled
    });
    table.set_header(header.iter().copied());
    table
}

/// Cuts `text` to at most `max` characters, ending in "…" when cut.
pub fn shorten(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut short: String = text.chars().take(max.saturating_sub(1)).collect();
    short.push('…');
    short
}

pub(super) fn cell_text(text: &str, on_terminal: bool) -> String {
    // Escaped before the table measures its columns, so that they line up.
    let text = visible(text);
    if on_terminal {
        shorten(&text, TERMINAL_CLAIM_CHARS)
    } else {
        text.replace('\n', " ")
    }
}

/// A status with what else the desk must know at a glance: published (locked),
/// needing a re-check since a rewording, removed from the newest version, dismissed.
fn status_label(c: &ClaimRecord) -> String {
    let mut label = c.status.to_string();
    if c.published.is_some() {
        label.push_str(" (published)");
    }
    if let Some(v) = c.recheck_version {
        label.push_str(&format!(" (re-check: reworded v{v})"));
    }
    if let Some(v) = c.removed_in_version {
        label.push_str(&format!(" (removed v{v})"));
    }
    if c.dismissed.is_some() {
        label.push_str(" (dismissed)");
    }
    label
}

/// The claims listing: id, status, flag, speaker, claim, article.
pub fn claims(rows: &[ClaimRecord], on_terminal: bool) -> String {
    let mut table = new_table(&CLAIM_LISTING_HEADER, on_terminal);
    for c in rows {
        table.add_row(claim_cells(c, on_terminal).to_vec());
    }
    table.to_string()
}

/// The columns of the claims listing, in the table and in its piped form.
pub const CLAIM_LISTING_HEADER: [&str; 6] = ["id", "status", "flag", "speaker", "claim", "article"];

/// One claim's cells of the listing, in [`CLAIM_LISTING_HEADER`] order.
pub fn claim_cells(c: &ClaimRecord, on_terminal: bool) -> [String; 6] {
    [
        c.id.to_string(),
        status_label(c),
        c.flag.clone().unwrap_or_default(),
        c.speaker.clone().unwrap_or_default(),
        cell_text(&c.text, on_terminal),
        format!("{} v{}", c.article_id, c.version),
    ]
}

/// Writes the claims listing as tab-separated lines, one claim at a time: what
/// `list` prints when piped, so a listing of any size streams in flat memory.
/// Tabs and line breaks inside cells become spaces.
pub struct ClaimTsvWriter<W: std::io::Write> {
    out: W,
}

impl<W: std::io::Write> ClaimTsvWriter<W> {
    pub fn new(mut out: W) -> std::io::Result<Self> {
        writeln!(out, "{}", CLAIM_LISTING_HEADER.join("\t"))?;
        Ok(ClaimTsvWriter { out })
    }

    pub fn write(&mut self, c: &ClaimRecord) -> std::io::Result<()> {
        // Written cell by cell, not through `claim_cells`: a large listing spent a
        // tenth of its time building and replacing those strings.
        write!(self.out, "{}\t", c.id)?;
        let plain = c.published.is_none()
            && c.recheck_version.is_none()
            && c.removed_in_version.is_none()
            && c.dismissed.is_none();
        if plain {
            write!(self.out, "{}\t", c.status)?;
        } else {
            write!(self.out, "{}\t", status_label(c))?;
        }
        for cell in [
            c.flag.as_deref(),
            c.speaker.as_deref(),
            Some(c.text.as_str()),
        ] {
            write_tsv_cell(&mut self.out, cell.unwrap_or_default())?;
            self.out.write_all(b"\t")?;
        }
        writeln!(self.out, "{} v{}", c.article_id, c.version)
    }

    pub fn finish(mut self) -> std::io::Result<W> {
        self.out.flush()?;
        Ok(self.out)
    }
}

/// A cell of a tab-separated line: tabs and line breaks inside it become spaces,
/// other control characters escapes.
fn write_tsv_cell(out: &mut impl std::io::Write, text: &str) -> std::io::Result<()> {
    let text = visible(text);
    let mut rest = text.as_bytes();
    while let Some(at) = rest.iter().position(|b| matches!(b, b'\t' | b'\n' | b'\r')) {
        out.write_all(&rest[..at])?;
        out.write_all(b" ")?;
        rest = &rest[at + 1..];
    }
    out.write_all(rest)
}

/// The claims listing with a "seen in" column: article versions (and sources)
/// holding the claim or a claim linked to it. `counts` runs parallel to `rows`.
pub fn claims_with_appearances(
    rows: &[ClaimRecord],
    counts: &[crate::store::AppearanceCount],
    on_terminal: bool,
) -> String {
    let mut table = new_table(
        &[
            "id", "status", "flag", "speaker", "claim", "article", "seen in",
        ],
        on_terminal,
    );
    for (c, n) in rows.iter().zip(counts) {
        table.add_row(vec![
            c.id.to_string(),
            status_label(c),
            c.flag.clone().unwrap_or_default(),
            c.speaker.clone().unwrap_or_default(),
            cell_text(&c.text, on_terminal),
            format!("{} v{}", c.article_id, c.version),
            format!(
                "{} version{}, {} source{}",
                n.appearances,
                if n.appearances == 1 { "" } else { "s" },
                n.sources,
                if n.sources == 1 { "" } else { "s" }
            ),
        ]);
    }
    table.to_string()
}

/// What the extractor found in a text (`claimtrack extract`).
pub fn extracted(rows: &[(String, ExtractedClaim)], on_terminal: bool) -> String {
    let mut table = new_table(
        &["#", "speaker", "outlet", "cue", "flag", "claim"],
        on_terminal,
    );
    for (i, (_, c)) in rows.iter().enumerate() {
        table.add_row(vec![
            (i + 1).to_string(),
            c.speaker.clone().unwrap_or_default(),
            c.outlet.clone().unwrap_or_default(),
            c.cue.clone().unwrap_or_default(),
            c.flag.clone().unwrap_or_default(),
            cell_text(&c.text, on_terminal),
        ]);
    }
    table.to_string()
}

/// Review events: newest first, as given.
pub fn history(rows: &[Review], on_terminal: bool) -> String {
    let mut table = new_table(
        &["event", "claim", "when", "reviewer", "change", "note"],
        on_terminal,
    );
    for r in rows {
        let change = match &r.field {
            Some(field) => format!(
                "{field}: {} → {}",
                r.old_value.as_deref().unwrap_or("(none)"),
                r.new_value.as_deref().unwrap_or("(none)")
            ),
            None if r.old_status == r.new_status => r.new_status.to_string(),
            None => format!("{} → {}", r.old_status, r.new_status),
        };
        let change = cell_text(&change, on_terminal);
        table.add_row(vec![
            format!("{} {}", r.id, r.event.as_str()),
            r.claim_id.to_string(),
            r.created_at.clone(),
            r.reviewer.clone().unwrap_or_default(),
            change,
            cell_text(r.note.as_deref().unwrap_or(""), on_terminal),
        ]);
    }
    table.to_string()
}

/// Ingested article versions with claim counts by status.
pub fn articles(rows: &[ArticleSummary], on_terminal: bool) -> String {
    let mut header = vec!["id", "source", "version", "title", "claims", "flagged"];
    // The register's statuses, in its order (the store gives every row all of them).
    if let Some(first) = rows.first() {
        header.extend(first.by_status.iter().map(|(s, _)| s.as_str()));
    }
    let mut table = new_table(&header, on_terminal);
    for a in rows {
        let mut row = vec![
            a.id.to_string(),
            super::shown_source(&a.source).into_owned(),
            a.version.to_string(),
            cell_text(a.title.as_deref().unwrap_or(""), on_terminal),
            a.claims.to_string(),
            a.flagged.to_string(),
        ];
        row.extend(a.by_status.iter().map(|(_, n)| n.to_string()));
        table.add_row(row);
    }
    table.to_string()
}

/// The register's statuses with their claim counts and ClaimReview ratings.
pub fn statuses(rows: &[StatusDef], on_terminal: bool) -> String {
    let mut table = new_table(
        &["status", "label", "final", "rating", "retired", "claims"],
        on_terminal,
    );
    for s in rows {
        let rating = match (s.rating, &s.rating_label) {
            (Some(value), Some(label)) => format!("{value} {label}"),
            _ => String::new(),
        };
        table.add_row(vec![
            s.name.to_string(),
            cell_text(&s.label, on_terminal),
            if s.is_final { "yes" } else { "" }.to_string(),
            cell_text(&rating, on_terminal),
            if s.retired { "yes" } else { "" }.to_string(),
            s.claims.to_string(),
        ]);
    }
    table.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(text: &str, flag: Option<&str>, removed: Option<i64>) -> ClaimRecord {
        ClaimRecord {
            id: 7,
            article_id: 3,
            source: "s".into(),
            title: None,
            version: 2,
            position: 1,
            text: text.into(),
            speaker: Some("the\tminister".into()),
            speaker_resolved: None,
            outlet: None,
            cue: None,
            flag: flag.map(Into::into),
            flag_evidence: None,
            start: 0,
            end: text.len() as i64,
            status: "in-progress".parse().unwrap(),
            removed_in_version: removed,
            latest_note: None,
            post_title: None,
            post_time: None,
            created_at: String::new(),
            updated_at: String::new(),
            assignee: None,
            dismissed: None,
            published: None,
            recheck_version: None,
            created_by: None,
        }
    }

    #[test]
    fn tsv_lines_hold_the_listing_cells_with_breaks_and_tabs_as_spaces() {
        let mut writer = ClaimTsvWriter::new(Vec::new()).unwrap();
        let claims = [
            record(
                "Two\tcolumns,\r\nthree lines\n",
                Some("reportedly"),
                Some(4),
            ),
            record("Plain.", None, None),
        ];
        for c in &claims {
            writer.write(c).unwrap();
        }
        let text = String::from_utf8(writer.finish().unwrap()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 3, "{text:?}");
        assert_eq!(lines[0], CLAIM_LISTING_HEADER.join("\t"));
        for (line, c) in lines[1..].iter().zip(&claims) {
            let expected: Vec<String> = claim_cells(c, false)
                .iter()
                .map(|cell| cell.replace(['\t', '\n', '\r'], " "))
                .collect();
            assert_eq!(line.split('\t').collect::<Vec<_>>(), expected);
        }
        assert!(lines[1].starts_with("7\tin-progress (removed v4)\treportedly\tthe minister\t"));
    }

    #[test]
    fn shorten_cuts_on_characters_not_bytes() {
        assert_eq!(shorten("ééééé", 3), "éé…");
        assert_eq!(shorten("abc", 3), "abc");
    }
}
