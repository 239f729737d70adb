//! Terminal tables (comfy-table). On a terminal they fit its width, measured in
//! display cells, long texts wrapping at word boundaries; piped, every cell is
//! printed whole.

use super::escape::visible;
use crate::extract::ExtractedClaim;
use crate::model::{ArticleSummary, ClaimRecord, Review, Status, StatusDef, StatusEvent};
use comfy_table::{Cell, Color, ColumnConstraint, ContentArrangement, Table, Width, presets};

/// How a table is laid out: fitted to a width (a terminal's) or not, coloured or not.
#[derive(Debug, Clone, Copy, Default)]
pub struct Layout {
    pub width: Option<u16>,
    pub color: bool,
}

/// How a listing is printed: a table (fitted to the terminal, or whole when
/// `--format table` is given in a pipe), or tab-separated lines under a header
/// line, what every listing prints when piped.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    Table { on_terminal: bool },
    Tsv,
}

impl Shape {
    /// A table on a terminal or when asked for (`explicit_table`); else TSV.
    pub fn for_stdout(explicit_table: bool) -> Shape {
        let on_terminal = super::stdout_is_terminal();
        if on_terminal || explicit_table {
            Shape::Table { on_terminal }
        } else {
            Shape::Tsv
        }
    }
}

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

/// A long text in a table cell: on a terminal it wraps to the column (comfy-table's
/// dynamic arrangement, at word boundaries); piped, it stays on one line.
pub(super) fn cell_text(text: &str, on_terminal: bool) -> String {
    // Escaped before the table measures its columns, so that they line up.
    let text = visible(text);
    if on_terminal {
        text.into_owned()
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

/// Below this width the listing drops the article column and shows the flag as a
/// mark, so that the claim keeps about half of an 80-column terminal.
const NARROW: u16 = 110;

/// The claims listing: id, status, flag, speaker, claim, article, and with
/// `seen_in` (claims linked across sources shown once) how many sources hold each.
pub fn claims(rows: &[ClaimRecord], seen_in: Option<&[usize]>, layout: Layout) -> String {
    let narrow = layout.width.is_some_and(|w| w < NARROW);
    // The count column only when some claim was seen in more than one source.
    let seen_in = seen_in.filter(|counts| counts.iter().any(|&n| n > 1));
    let mut header = vec!["id", "status", "flag", "speaker", "claim"];
    if !narrow {
        header.push("article");
    }
    if seen_in.is_some() {
        header.push("seen in");
    }
    let mut table = Table::new();
    table.load_style(presets::UTF8_FULL_CONDENSED);
    table.set_header(header);
    if let Some(width) = layout.width {
        table.set_content_arrangement(ContentArrangement::Dynamic);
        table.set_width(width);
        fit_claim_columns(&mut table, narrow);
    }
    if layout.color {
        table.enforce_styling();
    }
    for (index, c) in rows.iter().enumerate() {
        let [id, status, flag, speaker, text, article] =
            claim_cells(c, false).map(|cell| visible(&cell).into_owned());
        let flag = if narrow && c.flag.is_some() {
            "⚑".to_string()
        } else {
            flag
        };
        let mut row = vec![
            Cell::new(id),
            coloured(
                Cell::new(status),
                layout.color.then(|| status_colour(&c.status)).flatten(),
            ),
            coloured(Cell::new(flag), layout.color.then_some(Color::Yellow)),
            Cell::new(speaker),
            Cell::new(text),
        ];
        if !narrow {
            row.push(Cell::new(article));
        }
        if let Some(counts) = seen_in {
            let n = counts.get(index).copied().unwrap_or(1);
            row.push(Cell::new(if n > 1 { n.to_string() } else { String::new() }));
        }
        table.add_row(row);
    }
    table.to_string()
}

/// Short columns keep their content's width, flag and speaker wrap in narrow
/// ones, and the claim takes the rest (at 80 columns it used to get 15 characters).
fn fit_claim_columns(table: &mut Table, narrow: bool) {
    let (flag, speaker) = if narrow { (6, 18) } else { (22, 28) };
    let constraints = [
        (0, ColumnConstraint::ContentWidth),
        (1, ColumnConstraint::ContentWidth),
        (2, ColumnConstraint::UpperBoundary(Width::Fixed(flag))),
        (3, ColumnConstraint::UpperBoundary(Width::Fixed(speaker))),
        (5, ColumnConstraint::ContentWidth),
        (6, ColumnConstraint::ContentWidth),
    ];
    for (column, constraint) in constraints {
        if let Some(column) = table.column_mut(column) {
            column.set_constraint(constraint);
        }
    }
}

fn coloured(cell: Cell, color: Option<Color>) -> Cell {
    match color {
        Some(color) => cell.fg(color),
        None => cell,
    }
}

/// The default statuses' colours; a register's own statuses are shown plain.
fn status_colour(status: &Status) -> Option<Color> {
    Some(match status.as_str() {
        "unverified" => Color::Grey,
        "in-progress" => Color::Cyan,
        "verified" => Color::Green,
        "false" => Color::Red,
        "misleading" => Color::Magenta,
        "inconclusive" => Color::Yellow,
        _ => return None,
    })
}

/// The columns of the claims listing, in the table and in its piped form.
pub const CLAIM_LISTING_HEADER: [&str; 6] = ["id", "status", "flag", "speaker", "claim", "article"];

/// The speaker as written, and whom it resolves to when that says more:
/// `she → Maria Zakharova`.
pub fn speaker_label(c: &ClaimRecord) -> String {
    match (&c.speaker, &c.speaker_resolved) {
        (Some(written), Some(resolved)) if !written.eq_ignore_ascii_case(resolved) => {
            format!("{written} → {resolved}")
        }
        (Some(written), _) => written.clone(),
        (None, Some(resolved)) => resolved.clone(),
        (None, None) => String::new(),
    }
}

/// One claim's cells of the listing, in [`CLAIM_LISTING_HEADER`] order.
pub fn claim_cells(c: &ClaimRecord, on_terminal: bool) -> [String; 6] {
    [
        c.id.to_string(),
        status_label(c),
        c.flag.clone().unwrap_or_default(),
        speaker_label(c),
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
        let speaker = speaker_label(c);
        for cell in [c.flag.as_deref().unwrap_or_default(), &speaker, &c.text] {
            write_tsv_cell(&mut self.out, cell)?;
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
    counts: &[crate::model::AppearanceCount],
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
            speaker_label(c),
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

/// A listing as tab-separated lines, a header line first: what every listing prints
/// when piped. Tabs and line breaks inside cells become spaces.
pub(super) fn tsv(header: &[&str], rows: impl Iterator<Item = Vec<String>>) -> String {
    let mut out = Vec::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        for (i, cell) in cells.enumerate() {
            if i > 0 {
                out.push(b'\t');
            }
            // Writing to a Vec cannot fail.
            let _ = write_tsv_cell(&mut out, &visible(cell));
        }
        out.push(b'\n');
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    String::from_utf8(out).unwrap_or_default()
}

/// Review events: newest first, as given.
pub fn history(rows: &[Review], shape: Shape) -> String {
    let on_terminal = shape == Shape::Table { on_terminal: true };
    const HEADER: [&str; 6] = ["event", "claim", "when", "reviewer", "change", "note"];
    let cells = rows.iter().map(|r| {
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
        vec![
            format!("{} {}", r.id, r.event.as_str()),
            r.claim_id.to_string(),
            r.created_at.clone(),
            r.reviewer.clone().unwrap_or_default(),
            change,
            cell_text(r.note.as_deref().unwrap_or(""), on_terminal),
        ]
    });
    if shape == Shape::Tsv {
        return tsv(&HEADER, cells);
    }
    let mut table = new_table(&HEADER, on_terminal);
    for row in cells {
        table.add_row(row);
    }
    table.to_string()
}

/// Ingested article versions with claim counts by status.
pub fn articles(rows: &[ArticleSummary], shape: Shape) -> String {
    let on_terminal = shape == Shape::Table { on_terminal: true };
    let mut header = vec!["id", "source", "version", "title", "claims", "flagged"];
    // The register's statuses, in its order (the store gives every row all of them).
    if let Some(first) = rows.first() {
        header.extend(first.by_status.iter().map(|(s, _)| s.as_str()));
    }
    let cells = rows.iter().map(|a| {
        let mut row = vec![
            a.id.to_string(),
            super::shown_source(&a.source).into_owned(),
            a.version.to_string(),
            cell_text(a.title.as_deref().unwrap_or(""), on_terminal),
            a.claims.to_string(),
            a.flagged.to_string(),
        ];
        row.extend(a.by_status.iter().map(|(_, n)| n.to_string()));
        row
    });
    if shape == Shape::Tsv {
        return tsv(&header, cells);
    }
    let mut table = new_table(&header, on_terminal);
    for row in cells {
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

/// Changes to the register's statuses, newest first.
pub fn status_events(rows: &[StatusEvent], shape: Shape) -> String {
    let on_terminal = shape == Shape::Table { on_terminal: true };
    const HEADER: [&str; 6] = ["id", "when", "reviewer", "event", "status", "detail"];
    let cells = rows.iter().map(|e| {
        vec![
            e.id.to_string(),
            e.created_at.clone(),
            cell_text(&e.reviewer, on_terminal),
            e.event.clone(),
            e.status.clone(),
            cell_text(e.detail.as_deref().unwrap_or(""), on_terminal),
        ]
    });
    if shape == Shape::Tsv {
        return tsv(&HEADER, cells);
    }
    let mut table = new_table(&HEADER, on_terminal);
    for row in cells {
        table.add_row(row);
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
