//! `claimtrack show`: one claim whole, in context, with its history.

use crate::extract::sentence_spans;
use crate::output::escape::visible;
use crate::output::{json, table};
use crate::store::{ClaimDetail, Store};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::fmt::Write as _;

/// Show one claim: text, attribution, flag, the sentences around it, where it
/// appears, its status and its full review history.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack show 12
  claimtrack show 12 -f json | jq .history")]
pub struct ShowArgs {
    /// The claim id (from `claimtrack list`).
    pub id: i64,
    #[arg(short, long, value_enum, default_value_t = ShowFormat::Text)]
    pub format: ShowFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ShowFormat {
    Text,
    Json,
}

#[derive(Serialize)]
struct ShowJson<'a> {
    #[serde(flatten)]
    claim: &'a crate::model::ClaimRecord,
    context_before: Option<&'a str>,
    context_after: Option<&'a str>,
    appearances: Vec<Appearance<'a>>,
    linked: Vec<Linked<'a>>,
    tags: &'a [String],
    history: &'a [crate::model::Review],
}

#[derive(Serialize)]
struct Appearance<'a> {
    article_id: i64,
    source: &'a str,
    version: i64,
    position: i64,
}

#[derive(Serialize)]
struct Linked<'a> {
    id: i64,
    source: &'a str,
    status: crate::model::Status,
}

pub fn run(
    store: &Store,
    args: ShowArgs,
    display: &super::display::DisplayArgs,
) -> anyhow::Result<()> {
    let detail = store.claim_detail(args.id)?;
    let (before, after) = context(&detail);
    match args.format {
        ShowFormat::Json => {
            let view = ShowJson {
                claim: &detail.claim,
                context_before: before,
                context_after: after,
                appearances: detail
                    .appearances
                    .iter()
                    .map(|(article_id, source, version, position)| Appearance {
                        article_id: *article_id,
                        source,
                        version: *version,
                        position: *position,
                    })
                    .collect(),
                linked: detail
                    .linked
                    .iter()
                    .map(|(id, source, status)| Linked {
                        id: *id,
                        source,
                        status: status.clone(),
                    })
                    .collect(),
                tags: &detail.tags,
                history: &detail.history,
            };
            json::write_pretty(&mut std::io::stdout().lock(), &view)?;
        }
        ShowFormat::Text => {
            display.page(&render_text(&detail, before, after, display.layout().width))?
        }
    }
    Ok(())
}

/// The sentences just before and just after the claim in its article.
pub(crate) fn context(detail: &ClaimDetail) -> (Option<&str>, Option<&str>) {
    let content = detail.content.as_str();
    let (start, end) = (detail.claim.start as usize, detail.claim.end as usize);
    if end > content.len()
        || start > end
        || !content.is_char_boundary(start)
        || !content.is_char_boundary(end)
    {
        return (None, None);
    }
    let spans = sentence_spans(content);
    let before = spans
        .iter()
        .rev()
        .find(|s| s.end <= start)
        .and_then(|s| content.get(s.clone()));
    let after = spans
        .iter()
        .find(|s| s.start >= end)
        .and_then(|s| content.get(s.clone()));
    (before, after)
}

/// `show`'s text: the claim once, in its context, then its attribution, where it
/// appears and its history; wrapped at word boundaries to `width` display cells
/// when there is one (a terminal, or `COLUMNS`).
fn render_text(
    detail: &ClaimDetail,
    before: Option<&str>,
    after: Option<&str>,
    width: Option<u16>,
) -> String {
    let c = &detail.claim;
    let mut out = String::new();
    let wrap = |out: &mut String, first: &str, rest: &str, text: &str| {
        let text = visible(text);
        match width {
            Some(width) => {
                let options = textwrap::Options::new(usize::from(width).max(30))
                    .initial_indent(first)
                    .subsequent_indent(rest);
                for line in textwrap::wrap(&text, options) {
                    let _ = writeln!(out, "{line}");
                }
            }
            None => {
                let _ = writeln!(out, "{first}{text}");
            }
        }
    };
    let field = |out: &mut String, name: &str, value: Option<&str>| {
        wrap(
            out,
            &format!("{name:<16}"),
            &" ".repeat(16),
            value.unwrap_or("—"),
        );
    };
    let _ = writeln!(out, "claim {}  [{}]", c.id, c.status);
    if let Some(v) = c.removed_in_version {
        let _ = writeln!(out, "removed in version {v} of its source");
    }
    // The claim once, marked, between the sentences around it in the article.
    out.push('\n');
    if let Some(before) = before {
        wrap(&mut out, "  ", "  ", before);
    }
    wrap(&mut out, "▶ ", "  ", &c.text);
    if let Some(after) = after {
        wrap(&mut out, "  ", "  ", after);
    }
    out.push('\n');
    field(&mut out, "speaker", c.speaker.as_deref());
    if c.speaker_resolved.is_some() && c.speaker_resolved != c.speaker {
        field(&mut out, "resolved to", c.speaker_resolved.as_deref());
    }
    field(&mut out, "outlet", c.outlet.as_deref());
    field(&mut out, "cue", c.cue.as_deref());
    field(&mut out, "flag", c.flag.as_deref());
    if c.flag.is_some() {
        field(&mut out, "flag evidence", c.flag_evidence.as_deref());
    }
    field(
        &mut out,
        "article",
        Some(&format!(
            "{} ({}, version {}){}",
            c.article_id,
            crate::output::shown_source(&c.source),
            c.version,
            c.title
                .as_deref()
                .map(|t| format!(": {t}"))
                .unwrap_or_default()
        )),
    );
    if c.post_title.is_some() || c.post_time.is_some() {
        let post = match (&c.post_time, &c.post_title) {
            (Some(time), Some(title)) => format!("{time}  {title}"),
            (Some(one), None) | (None, Some(one)) => one.clone(),
            (None, None) => String::new(),
        };
        field(&mut out, "post", Some(&post));
    }
    field(
        &mut out,
        "position",
        Some(&format!("{} (bytes {}..{})", c.position, c.start, c.end)),
    );
    field(&mut out, "assignee", c.assignee.as_deref());
    if !detail.tags.is_empty() {
        field(&mut out, "tags", Some(&detail.tags.join(", ")));
    }
    if let Some(by) = &c.created_by {
        field(&mut out, "added by", Some(by));
    }
    if let Some(reason) = &c.dismissed {
        field(&mut out, "dismissed", Some(reason));
    }
    if let Some(v) = &c.published {
        field(
            &mut out,
            "published",
            Some(&format!(
                "{}: {} ({}, {}; locked)",
                v.status,
                v.explanation,
                v.reviewer.as_deref().unwrap_or("?"),
                v.published_at
            )),
        );
    }
    if let Some(v) = c.recheck_version {
        field(
            &mut out,
            "needs re-check",
            Some(&format!(
                "reworded in version {v} after its verdict (see history)"
            )),
        );
    }
    field(&mut out, "created", Some(&c.created_at));
    field(&mut out, "updated", Some(&c.updated_at));
    if detail.appearances.len() > 1 || !detail.linked.is_empty() {
        let _ = writeln!(out, "\nappearances:");
        for (article_id, source, version, position) in &detail.appearances {
            let _ = writeln!(
                out,
                "  article {article_id}: {source} version {version}, position {position}"
            );
        }
        for (id, source, status) in &detail.linked {
            let _ = writeln!(out, "  linked claim {id}: {source} [{status}]");
        }
    }
    let _ = writeln!(
        out,
        "\nhistory ({} events, newest first):",
        detail.history.len()
    );
    if detail.history.is_empty() {
        let _ = writeln!(out, "  none yet");
    } else {
        out.push_str(&table::history(
            &detail.history,
            table::Shape::for_stdout(false),
        ));
        out.push('\n');
    }
    out
}
