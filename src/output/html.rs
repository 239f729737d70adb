//! A self-contained HTML report: one file with inline CSS and an inline SVG chart,
//! no scripts and nothing fetched, so it opens the same offline, from a mail
//! attachment or on an intranet. A Content-Security-Policy in the file forbids
//! scripts and network loads as a second line of defence; the first is that every
//! text from the register is HTML-escaped.

use super::group;
use crate::model::{ClaimRecord, Status, StatusDef};
use crate::page_meta::PageMeta;
use crate::stats::{ClaimStats, NameCount};
use std::collections::HashMap;
use std::fmt;
use std::io::{self, Write};

/// Writes the whole report. `summary` counts the same `claims` (see
/// [`ClaimStats::from_claims`]); `generated_at` is printed in the header.
pub fn write_report<W: Write>(
    out: &mut W,
    title: &str,
    claims: &[ClaimRecord],
    summary: &ClaimStats,
    pages: &HashMap<i64, PageMeta>,
    statuses: &[StatusDef],
    generated_at: &str,
) -> io::Result<()> {
    let articles = group::by_article(claims);
    write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>{title}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n",
        title = Esc(title)
    )?;
    writeln!(
        out,
        "<header>\n<h1>{}</h1>\n<p class=\"meta\">{} in {} · generated {}</p>\n</header>",
        Esc(title),
        plural(summary.claims, "claim"),
        plural(articles.len() as u64, "article"),
        Esc(generated_at)
    )?;
    write_summary(out, summary, statuses)?;
    if claims.is_empty() {
        writeln!(out, "<p class=\"empty\">No claims match.</p>")?;
    }
    for group in &articles {
        write_article(out, group, pages.get(&group[0].article_id), statuses)?;
    }
    writeln!(out, "</body>\n</html>")
}

fn write_summary<W: Write>(out: &mut W, s: &ClaimStats, statuses: &[StatusDef]) -> io::Result<()> {
    let is_final = |status: &Status| statuses.iter().any(|d| d.is_final && d.name == *status);
    let settled: u64 = s
        .by_status
        .iter()
        .filter(|c| is_final(&c.status))
        .map(|c| c.claims)
        .sum();
    writeln!(out, "<section class=\"summary\">\n<div class=\"cards\">")?;
    for (label, value, note) in [
        ("claims", s.claims, String::new()),
        (
            "flagged in the text",
            s.flagged,
            percent(s.flagged, s.claims),
        ),
        ("with a verdict", settled, percent(settled, s.claims)),
        (
            "still open",
            s.claims - settled,
            percent(s.claims - settled, s.claims),
        ),
    ] {
        writeln!(
            out,
            "<div class=\"card\"><span class=\"value\">{value}</span><span class=\"label\">{label}</span><span class=\"note\">{note}</span></div>"
        )?;
    }
    writeln!(out, "</div>\n<div class=\"panels\">")?;

    writeln!(
        out,
        "<figure class=\"panel chart\">\n<figcaption>Claims by status</figcaption>"
    )?;
    write_status_chart(out, s)?;
    writeln!(out, "</figure>")?;

    writeln!(
        out,
        "<div class=\"panel\">\n<h3>By status and flag</h3>\n<table class=\"counts\">\n\
         <thead><tr><th>status</th><th class=\"num\">claims</th><th class=\"num\">flagged</th><th class=\"num\">not flagged</th></tr></thead>\n<tbody>"
    )?;
    for c in &s.by_status {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr>",
            StatusBadge(&c.status, None),
            c.claims,
            c.flagged,
            c.not_flagged
        )?;
    }
    writeln!(
        out,
        "</tbody>\n<tfoot><tr><td>all</td><td class=\"num\">{}</td><td class=\"num\">{}</td><td class=\"num\">{}</td></tr></tfoot>\n</table>\n</div>",
        s.claims,
        s.flagged,
        s.claims - s.flagged
    )?;

    writeln!(out, "<div class=\"panel\">")?;
    write_top(out, "Top speakers", &s.top_speakers)?;
    if s.unattributed > 0 {
        writeln!(
            out,
            "<p class=\"note\">{} without a speaker</p>",
            plural(s.unattributed, "claim")
        )?;
    }
    write_top(out, "Top outlets", &s.top_outlets)?;
    writeln!(out, "</div>\n</div>\n</section>")
}

fn write_top<W: Write>(out: &mut W, heading: &str, names: &[NameCount]) -> io::Result<()> {
    writeln!(out, "<h3>{heading}</h3>")?;
    if names.is_empty() {
        return writeln!(out, "<p class=\"note\">none</p>");
    }
    writeln!(out, "<table class=\"counts\">\n<tbody>")?;
    for n in names {
        writeln!(
            out,
            "<tr><td>{}</td><td class=\"num\">{}</td></tr>",
            Esc(&n.name),
            n.claims
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// A horizontal bar per status, longest bar for the largest count.
fn write_status_chart<W: Write>(out: &mut W, s: &ClaimStats) -> io::Result<()> {
    const LABEL: u64 = 104;
    const BAR: u64 = 250;
    const ROW: u64 = 30;
    let width = LABEL + BAR + 56;
    let height = ROW * s.by_status.len() as u64 + 8;
    let max = s
        .by_status
        .iter()
        .map(|c| c.claims)
        .max()
        .unwrap_or(0)
        .max(1);
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"bars\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" role=\"img\" aria-labelledby=\"chart-title\">\n<title id=\"chart-title\">Claims by status</title>"
    )?;
    for (i, c) in s.by_status.iter().enumerate() {
        let y = 4 + ROW * i as u64;
        let length = if c.claims == 0 {
            0
        } else {
            (BAR * c.claims / max).max(2)
        };
        writeln!(
            out,
            "<g class=\"bar s-{status}\"><text x=\"{lx}\" y=\"{ty}\" text-anchor=\"end\">{status}</text>\
             <rect x=\"{LABEL}\" y=\"{ry}\" width=\"{length}\" height=\"{rh}\" rx=\"3\"></rect>\
             <text x=\"{cx}\" y=\"{ty}\" class=\"count\">{count}</text></g>",
            status = c.status,
            lx = LABEL - 8,
            ty = y + 19,
            ry = y + 4,
            rh = ROW - 8,
            cx = LABEL + length + 6,
            count = c.claims,
        )?;
    }
    writeln!(out, "</svg>")
}

fn write_article<W: Write>(
    out: &mut W,
    claims: &[&ClaimRecord],
    page: Option<&PageMeta>,
    statuses: &[StatusDef],
) -> io::Result<()> {
    let first = claims[0];
    let counts: Vec<String> = statuses
        .iter()
        .map(|d| &d.name)
        .filter_map(|status| {
            let n = claims.iter().filter(|c| c.status == *status).count();
            (n > 0).then(|| format!("{n} {status}"))
        })
        .collect();
    writeln!(
        out,
        "<section class=\"article\" id=\"article-{id}\">\n<h2>{title}</h2>\n\
         <p class=\"meta\"><span class=\"source\">{source}</span> · version {version} · article {id} · {n}: {counts}</p>",
        id = first.article_id,
        title = Esc(first.title.as_deref().unwrap_or(&first.source)),
        source = Esc(&first.source),
        version = first.version,
        n = plural(claims.len() as u64, "claim"),
        counts = counts.join(", "),
    )?;
    if let Some(page) = page {
        let about: Vec<String> = page
            .labelled()
            .into_iter()
            .map(|(label, value)| format!("{label} {}", Esc(value)))
            .collect();
        writeln!(out, "<p class=\"meta page\">{}</p>", about.join(" · "))?;
    }
    writeln!(
        out,
        "<table class=\"claims\">\n<thead><tr><th class=\"num\">#</th><th class=\"num\">id</th><th>status</th>\
         <th class=\"claim\">claim</th><th>speaker</th><th>outlet</th><th>flag</th><th class=\"claim\">published verdict</th><th class=\"note\">latest note</th></tr></thead>\n<tbody>"
    )?;
    for c in claims {
        writeln!(
            out,
            "<tr{row_class}><td class=\"num\">{position}</td><td class=\"num\" data-label=\"id\">{id}</td><td>{status}</td>\
             <td class=\"claim\">{text}</td><td data-label=\"speaker\">{speaker}</td><td data-label=\"outlet\">{outlet}</td>\
             <td data-label=\"flag\">{flag}</td><td class=\"claim\" data-label=\"published verdict\">{verdict}</td><td class=\"note\" data-label=\"note\">{note}</td></tr>",
            row_class = if c.flag.is_some() {
                " class=\"flagged\""
            } else {
                ""
            },
            position = c.position,
            id = c.id,
            status = StatusBadge(&c.status, c.removed_in_version),
            text = Esc(&c.text),
            speaker = Speaker(c),
            outlet = Esc(c.outlet.as_deref().unwrap_or("")),
            flag = Flag(c.flag.as_deref()),
            verdict = Verdict(c.published.as_ref()),
            note = Esc(c.latest_note.as_deref().unwrap_or("")),
        )?;
    }
    writeln!(out, "</tbody>\n</table>\n</section>")
}

fn plural(n: u64, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

fn percent(part: u64, whole: u64) -> String {
    (part * 100 + whole / 2)
        .checked_div(whole)
        .map_or_else(String::new, |p| format!("{p}%"))
}

/// Text made safe for HTML element content and quoted attribute values.
pub struct Esc<'a>(pub &'a str);

impl fmt::Display for Esc<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let mut rest = self.0;
        while let Some(at) = rest.find(['&', '<', '>', '"', '\'', '\0']) {
            f.write_str(&rest[..at])?;
            f.write_str(match rest.as_bytes()[at] {
                b'&' => "&amp;",
                b'<' => "&lt;",
                b'>' => "&gt;",
                b'"' => "&quot;",
                b'\'' => "&#39;",
                // NUL is a parse error in HTML; show what a browser would.
                _ => "\u{fffd}",
            })?;
            rest = &rest[at + 1..];
        }
        f.write_str(rest)
    }
}

/// A published verdict: its status and explanation, who published it and when.
struct Verdict<'a>(Option<&'a crate::model::PublishedVerdict>);

impl fmt::Display for Verdict<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(v) => write!(
                f,
                "<strong>{}</strong>: {} <span class=\"meta\">({}, {})</span>",
                Esc(v.status.as_str()),
                Esc(&v.explanation),
                Esc(v.reviewer.as_deref().unwrap_or("")),
                Esc(&v.published_at)
            ),
            None => Ok(()),
        }
    }
}

/// A status as a coloured badge (status names are lower case, digits and dashes,
/// so one is safe in a class name).
struct StatusBadge<'a>(&'a Status, Option<i64>);

impl fmt::Display for StatusBadge<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "<span class=\"status s-{0}\">{0}</span>", self.0)?;
        if let Some(version) = self.1 {
            write!(f, " <span class=\"removed\">removed in v{version}</span>")?;
        }
        Ok(())
    }
}

struct Speaker<'a>(&'a ClaimRecord);

impl fmt::Display for Speaker<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let c = self.0;
        write!(f, "{}", Esc(c.speaker.as_deref().unwrap_or("")))?;
        match c.speaker_resolved.as_deref() {
            Some(resolved) if Some(resolved) != c.speaker.as_deref() => {
                write!(f, " <span class=\"resolved\">→ {}</span>", Esc(resolved))
            }
            _ => Ok(()),
        }
    }
}

struct Flag<'a>(Option<&'a str>);

impl fmt::Display for Flag<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.0 {
            Some(flag) => write!(f, "<mark class=\"flag\">{}</mark>", Esc(flag)),
            None => Ok(()),
        }
    }
}

const STYLE: &str = r#"
:root { --ink: #1f2328; --muted: #59636e; --line: #d8dee4; --bg: #f6f8fa;
  --unverified: #8a8f98; --in-progress: #2f6fdf; --verified: #2e9e5b; --false: #d64541;
  --misleading: #e67e22; --inconclusive: #8e6cc2; --flag: #fff1b8; --flag-edge: #e0b400; }
* { box-sizing: border-box; }
body { margin: 0 auto; max-width: 1240px; padding: 24px 28px 48px; color: var(--ink);
  font: 14px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
h1 { font-size: 26px; margin: 0 0 4px; }
h2 { font-size: 19px; margin: 36px 0 4px; }
h3 { font-size: 14px; margin: 0 0 8px; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); }
.meta, .note, .empty { color: var(--muted); }
.meta { margin: 0 0 12px; }
.source { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, monospace; font-size: 13px; overflow-wrap: anywhere; }
.cards { display: flex; flex-wrap: wrap; gap: 12px; margin: 20px 0; }
.card { flex: 1 1 160px; border: 1px solid var(--line); border-radius: 8px; padding: 12px 16px; background: var(--bg); }
.card .value { display: block; font-size: 28px; font-weight: 650; }
.card .label { color: var(--muted); }
.card .note { float: right; margin-top: 2px; }
.panels { display: flex; flex-wrap: wrap; gap: 20px; align-items: flex-start; }
.panel { flex: 1 1 300px; border: 1px solid var(--line); border-radius: 8px; padding: 14px 16px; margin: 0; }
.chart { flex: 0 1 auto; }
figcaption { font-size: 14px; font-weight: 600; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); margin-bottom: 8px; }
.bars text { font-size: 13px; fill: var(--ink); dominant-baseline: auto; }
.bars .count { fill: var(--muted); }
.bar.s-unverified rect { fill: var(--unverified); }
.bar.s-in-progress rect { fill: var(--in-progress); }
.bar.s-verified rect { fill: var(--verified); }
.bar.s-false rect { fill: var(--false); }
.bar.s-misleading rect { fill: var(--misleading); }
.bar.s-inconclusive rect { fill: var(--inconclusive); }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; vertical-align: top; padding: 6px 8px; border-bottom: 1px solid var(--line); }
th { font-size: 12px; text-transform: uppercase; letter-spacing: .03em; color: var(--muted); background: var(--bg); }
.counts td, .counts th { padding: 4px 6px; }
.counts tfoot td { font-weight: 600; border-bottom: 0; }
.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
table.claims { table-layout: fixed; }
table.claims th:nth-child(1) { width: 40px; } table.claims th:nth-child(2) { width: 52px; }
table.claims th:nth-child(3) { width: 118px; } table.claims th.claim { width: 34%; }
table.claims th:nth-child(5) { width: 14%; }
table.claims th:nth-child(6) { width: 90px; } table.claims th:nth-child(7) { width: 130px; }
td { overflow-wrap: break-word; }
td.claim, td.note { white-space: pre-line; }
td.note { color: var(--muted); }
tr.flagged td { background: #fffbe6; }
tr.flagged td:first-child { box-shadow: inset 4px 0 0 var(--flag-edge); }
mark.flag { display: inline-block; background: var(--flag); border: 1px solid var(--flag-edge); border-radius: 4px; padding: 0 4px; color: #6b4e00; }
.status { display: inline-block; padding: 1px 8px; border-radius: 10px; color: #fff; font-size: 12px; font-weight: 600; white-space: nowrap; }
.status.s-unverified { background: var(--unverified); } .status.s-in-progress { background: var(--in-progress); }
.status.s-verified { background: var(--verified); } .status.s-false { background: var(--false); }
.status.s-misleading { background: var(--misleading); } .status.s-inconclusive { background: var(--inconclusive); }
.removed { display: block; font-size: 12px; color: var(--muted); }
.resolved { color: var(--muted); }
/* Narrow screens: each claim a card, its fields labelled, instead of a table whose
   note column was one character wide at 760 px. */
@media screen and (max-width: 820px) {
  body { padding: 16px 12px 32px; }
  table.claims, table.claims tbody, table.claims tr, table.claims td { display: block; width: auto; }
  table.claims thead { display: none; }
  table.claims tr { border: 1px solid var(--line); border-radius: 8px; margin: 0 0 12px; padding: 6px 10px; }
  table.claims td { border: 0; padding: 2px 0; }
  table.claims td:first-child, table.claims td:empty { display: none; }
  table.claims td[data-label]::before { content: attr(data-label) ": "; color: var(--muted);
    font-size: 12px; text-transform: uppercase; letter-spacing: .03em; }
  table.claims td.claim { font-size: 15px; padding: 4px 0; }
  tr.flagged td:first-child { box-shadow: none; }
  table.claims tr.flagged { box-shadow: inset 4px 0 0 var(--flag-edge); }
}
/* Print: the page's width for the claim and the note, no position column, rows kept
   whole, headings with their table, colours as outlines. */
@page { margin: 12mm; }
@media print {
  body { max-width: none; padding: 0; font-size: 10px; }
  .panel, .card, .panels { break-inside: avoid; }
  h2 { break-after: avoid; margin-top: 16px; }
  table.claims { table-layout: auto; }
  table.claims th { width: auto !important; }
  table.claims th, table.claims td { padding: 3px 4px; }
  table.claims th:first-child, table.claims td:first-child { display: none; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  tr.flagged td { background: none; }
  .status { color: var(--ink); background: none !important; border: 1px solid var(--ink); }
}
"#;

#[cfg(test)]
mod tests {
    use super::Esc;

    #[test]
    fn escaping_covers_markup_and_quotes() {
        assert_eq!(
            Esc("<a href='x'>&\"</a>").to_string(),
            "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;"
        );
        assert_eq!(Esc("plain é").to_string(), "plain é");
    }
}
