//! `claimtrack stats` as terminal tables, one per question.

use super::table::{new_table, shorten};
use crate::stats::{NameCount, Stats};
use std::fmt::Write;

/// Longest article title shown on a terminal.
const TERMINAL_TITLE_CHARS: usize = 60;

/// Every table, each under its heading, separated by blank lines.
pub fn tables(stats: &Stats, on_terminal: bool) -> String {
    let s = &stats.claims;
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{} claims in {} articles: {} flagged, {} without a speaker\n",
        s.claims, s.articles, s.flagged, s.unattributed
    );

    let mut by_status = new_table(&["status", "claims", "flagged", "not flagged"], on_terminal);
    for c in &s.by_status {
        by_status.add_row(vec![
            c.status.to_string(),
            c.claims.to_string(),
            c.flagged.to_string(),
            c.not_flagged.to_string(),
        ]);
    }
    by_status.add_row(vec![
        "all".to_string(),
        s.claims.to_string(),
        s.flagged.to_string(),
        (s.claims - s.flagged).to_string(),
    ]);
    section(&mut out, "Claims by status", by_status.to_string());

    section(
        &mut out,
        "Top speakers",
        names(&s.top_speakers, "speaker", on_terminal),
    );
    section(
        &mut out,
        "Top outlets",
        names(&s.top_outlets, "outlet", on_terminal),
    );

    let articles = if s.most_unverified_articles.is_empty() {
        "none".to_string()
    } else {
        let mut table = new_table(
            &[
                "article",
                "source",
                "version",
                "title",
                "unverified",
                "claims",
            ],
            on_terminal,
        );
        for a in &s.most_unverified_articles {
            let title = a.title.as_deref().unwrap_or("");
            table.add_row(vec![
                a.article_id.to_string(),
                super::shown_source(&a.source).into_owned(),
                a.version.to_string(),
                if on_terminal {
                    shorten(title, TERMINAL_TITLE_CHARS)
                } else {
                    title.replace('\n', " ")
                },
                a.unverified.to_string(),
                a.claims.to_string(),
            ]);
        }
        table.to_string()
    };
    section(
        &mut out,
        "Articles with the most unverified claims",
        articles,
    );

    let reviewers = if stats.reviewers.is_empty() {
        "none".to_string()
    } else {
        let mut table = new_table(
            &[
                "reviewer",
                "status changes",
                "notes",
                "claims",
                "last active",
            ],
            on_terminal,
        );
        for r in &stats.reviewers {
            table.add_row(vec![
                r.reviewer.clone(),
                r.status_changes.to_string(),
                r.notes.to_string(),
                r.claims.to_string(),
                r.last_active.clone(),
            ]);
        }
        table.to_string()
    };
    section(&mut out, "Review activity", reviewers);
    section(&mut out, "Assignees", assignees(&stats.claims, on_terminal));
    out
}

fn assignees(s: &crate::stats::ClaimStats, on_terminal: bool) -> String {
    let mut table = new_table(
        &["assignee", "claims", "unverified", "published", "re-check"],
        on_terminal,
    );
    for a in &s.assignees {
        table.add_row(vec![
            a.assignee.clone(),
            a.claims.to_string(),
            a.unverified.to_string(),
            a.published.to_string(),
            a.recheck.to_string(),
        ]);
    }
    table.add_row(vec![
        "(nobody)".to_string(),
        s.unassigned.to_string(),
        String::new(),
        String::new(),
        String::new(),
    ]);
    table.to_string()
}

fn names(rows: &[NameCount], what: &str, on_terminal: bool) -> String {
    if rows.is_empty() {
        return "none".to_string();
    }
    let mut table = new_table(&[what, "claims"], on_terminal);
    for n in rows {
        table.add_row(vec![n.name.clone(), n.claims.to_string()]);
    }
    table.to_string()
}

fn section(out: &mut String, heading: &str, body: String) {
    if !out.ends_with("\n\n") {
        out.push('\n');
    }
    let _ = writeln!(out, "{heading}\n{body}");
}

/// Every figure of the tables as one tab-separated listing, for scripts: a header
/// line, then one figure a line (`status`, `verified`, `claims`, `3`), so that
/// tables of different shapes share one header.
pub fn tsv(stats: &Stats) -> String {
    const HEADER: [&str; 4] = ["table", "name", "measure", "value"];
    let s = &stats.claims;
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut push = |table: &str, name: &str, measure: &str, value: String| {
        rows.push(vec![table.into(), name.into(), measure.into(), value]);
    };
    for (measure, value) in [
        ("claims", s.claims),
        ("articles", s.articles),
        ("flagged", s.flagged),
        ("without a speaker", s.unattributed),
    ] {
        push("total", "all", measure, value.to_string());
    }
    for c in &s.by_status {
        let name = c.status.as_str();
        push("status", name, "claims", c.claims.to_string());
        push("status", name, "flagged", c.flagged.to_string());
        push("status", name, "not flagged", c.not_flagged.to_string());
    }
    for n in &s.top_speakers {
        push("speaker", &n.name, "claims", n.claims.to_string());
    }
    for n in &s.top_outlets {
        push("outlet", &n.name, "claims", n.claims.to_string());
    }
    for a in &s.most_unverified_articles {
        let name = a.article_id.to_string();
        push("article", &name, "unverified", a.unverified.to_string());
        push("article", &name, "claims", a.claims.to_string());
    }
    for r in &stats.reviewers {
        let name = &r.reviewer;
        push(
            "reviewer",
            name,
            "status changes",
            r.status_changes.to_string(),
        );
        push("reviewer", name, "notes", r.notes.to_string());
        push("reviewer", name, "claims", r.claims.to_string());
        push("reviewer", name, "last active", r.last_active.clone());
    }
    for a in &s.assignees {
        let name = &a.assignee;
        push("assignee", name, "claims", a.claims.to_string());
        push("assignee", name, "unverified", a.unverified.to_string());
        push("assignee", name, "published", a.published.to_string());
        push("assignee", name, "re-check", a.recheck.to_string());
    }
    push("assignee", "(nobody)", "claims", s.unassigned.to_string());
    super::table::tsv(&HEADER, rows.into_iter())
}
