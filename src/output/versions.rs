//! Terminal renderings of a source's versions and of a diff between two of them.

use super::table::{Shape, cell_text, new_table, shorten, tsv};
use crate::versions::{VersionDiff, VersionSummary};
use std::fmt::Write as _;

/// Longest side of a reworded pair on a terminal.
const TERMINAL_SIDE_CHARS: usize = 100;

/// The versions of one source, oldest first, with their changes against the one before.
/// Piped (`Shape::Tsv`) only the header line and the rows.
pub fn versions(source: &str, rows: &[VersionSummary], shape: Shape) -> String {
    const HEADER: [&str; 9] = [
        "version", "article", "ingested", "claims", "flagged", "new", "kept", "reworded", "removed",
    ];
    let cells = rows.iter().map(|v| {
        vec![
            v.version.to_string(),
            v.article_id.to_string(),
            v.ingested_at.clone(),
            v.claims.to_string(),
            v.flagged.to_string(),
            v.new.to_string(),
            v.kept.to_string(),
            v.reworded.to_string(),
            v.removed.to_string(),
        ]
    });
    let on_terminal = match shape {
        Shape::Tsv => return tsv(&HEADER, cells),
        Shape::Table { on_terminal } => on_terminal,
    };
    let mut table = new_table(&HEADER, on_terminal);
    for row in cells {
        table.add_row(row);
    }
    format!(
        "{}: {} version{}\n{table}\n",
        super::shown_source(source),
        rows.len(),
        if rows.len() == 1 { "" } else { "s" }
    )
}

/// A summary line, then one row per change: new, reworded (old → new), removed,
/// flag appeared (+), flag vanished (−). Piped (`Shape::Tsv`) only the header
/// line and the rows, even when there are none.
pub fn diff(d: &VersionDiff, shape: Shape) -> String {
    const HEADER: [&str; 5] = ["change", "id", "status", "flag", "claim"];
    let on_terminal = matches!(shape, Shape::Table { on_terminal: true });
    let rows = diff_rows(d, on_terminal);
    if matches!(shape, Shape::Tsv) {
        return tsv(&HEADER, rows.into_iter());
    }
    let c = &d.counts;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{}: version {} (article {}) → version {} (article {}): {} new, {} reworded, {} removed, {} kept; flags {} appeared, {} vanished",
        super::shown_source(&d.source),
        d.from.version,
        d.from.article_id,
        d.to.version,
        d.to.article_id,
        c.new,
        c.reworded,
        c.removed,
        c.kept,
        c.flags_appeared,
        c.flags_vanished
    );
    if rows.is_empty() {
        return out;
    }
    let mut table = new_table(&HEADER, on_terminal);
    for row in rows {
        table.add_row(row);
    }
    let _ = writeln!(out, "{table}");
    out
}

fn diff_rows(d: &VersionDiff, on_terminal: bool) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for n in &d.new {
        rows.push(vec![
            "new".to_string(),
            n.claim_id.to_string(),
            n.status.to_string(),
            n.flag.clone().unwrap_or_default(),
            cell_text(&n.text, on_terminal),
        ]);
    }
    for r in &d.reworded {
        let pair = if on_terminal {
            format!(
                "{}\n→ {}",
                shorten(&r.old_text, TERMINAL_SIDE_CHARS),
                shorten(&r.new_text, TERMINAL_SIDE_CHARS)
            )
        } else {
            format!(
                "{} → {}",
                cell_text(&r.old_text, false),
                cell_text(&r.new_text, false)
            )
        };
        rows.push(vec![
            "reworded".to_string(),
            r.claim_id.to_string(),
            r.status.to_string(),
            String::new(),
            pair,
        ]);
    }
    for r in &d.removed {
        rows.push(vec![
            "removed".to_string(),
            r.claim_id.to_string(),
            r.status.to_string(),
            r.flag.clone().unwrap_or_default(),
            cell_text(&r.text, on_terminal),
        ]);
    }
    for (label, changes) in [("flag +", &d.flags_appeared), ("flag −", &d.flags_vanished)] {
        for f in changes {
            rows.push(vec![
                label.to_string(),
                f.claim_id.to_string(),
                f.status.to_string(),
                f.flag.clone(),
                cell_text(&f.text, on_terminal),
            ]);
        }
    }
    rows
}
