//! `claimtrack export`: one row per claim, for reports and other tools.

use super::claimreview::ClaimReviewArgs;
use super::filter::FilterArgs;
use super::output::{Replace, Sink};
use crate::error::Error;
use crate::output::claimreview::{ClaimReviewWriter, Publisher};
use crate::output::{csv::ClaimCsvWriter, html, json, markdown};
use crate::stats::{ClaimStats, DEFAULT_TOP};
use crate::store::{ClaimFilter, Store, now_rfc3339};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Export claims: rows for other tools (csv, json, jsonl; streamed, any size runs
/// in flat memory), reports for people (markdown, html), or schema.org
/// ClaimReview markup for publishing verdicts.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack export -f csv -o claims.csv
  claimtrack export -f html --status false --status misleading -o verdicts.html
  claimtrack export -f jsonl --since 7d | jq -c '{id, status}'")]
pub struct ExportArgs {
    #[arg(short, long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
    #[command(flatten)]
    pub claimreview: ClaimReviewArgs,
    /// Write to FILE instead of stdout (written whole or not at all). FILE must
    /// not exist, unless --force; it is never the database or another SQLite file.
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
    /// Replace FILE if it exists (keeping its permissions).
    #[arg(long, requires = "output")]
    pub force: bool,
    /// The heading of a markdown or html report [default: Claims report].
    #[arg(long, value_name = "TEXT")]
    pub title: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 with a header row; formula-like cells neutralised.
    Csv,
    /// A JSON array of claim objects.
    Json,
    /// One JSON claim object a line.
    Jsonl,
    /// GitHub-flavoured Markdown: a table per article, a summary per status.
    Markdown,
    /// One self-contained HTML file: summary, status chart, a table per article.
    Html,
    /// schema.org ClaimReview JSON-LD for published verdicts (`claimtrack publish`;
    /// needs --review-url-base).
    Claimreview,
}

pub fn run(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let mut filter = args.filter.to_filter(None);
    // Check the flags before opening the output, so a refused export creates no file.
    let publisher = if args.format == ExportFormat::Claimreview {
        filter.published = true;
        refuse_open_statuses(store, &filter)?;
        Some(args.claimreview.publisher()?)
    } else {
        let name = args
            .format
            .to_possible_value()
            .map_or_else(String::new, |v| v.get_name().to_string());
        args.claimreview.refuse_unless_used(&name)?;
        None
    };
    write_format(
        store,
        &filter,
        args.format,
        publisher.as_ref(),
        args.title.as_deref(),
        match args.output.as_deref() {
            Some(path) if path.as_os_str() != "-" => Sink::create(
                path,
                &Replace {
                    database: Some(store.path()),
                    force: args.force,
                },
            )?,
            _ => Sink::open(None)?,
        },
    )
}

/// Streams the filtered claims into `sink` in `format` (as `list` does).
pub fn stream(
    store: &Store,
    filter: &ClaimFilter,
    format: ExportFormat,
    sink: Sink,
) -> anyhow::Result<()> {
    write_format(store, filter, format, None, None, sink)
}

fn write_format(
    store: &Store,
    filter: &ClaimFilter,
    format: ExportFormat,
    publisher: Option<&Publisher>,
    title: Option<&str>,
    mut sink: Sink,
) -> anyhow::Result<()> {
    let title = title.unwrap_or("Claims report");
    match format {
        ExportFormat::Csv => {
            let mut writer = ClaimCsvWriter::new(&mut sink)?;
            store.for_each_claim(filter, &mut |claim| {
                writer.write(&claim).map_err(Error::Output)
            })?;
            writer.finish()?;
        }
        ExportFormat::Json => {
            let mut writer = json::JsonArrayWriter::new(&mut sink)?;
            store.for_each_claim(filter, &mut |claim| {
                writer.write(&claim).map_err(Error::Output)
            })?;
            writer.finish()?.flush()?;
        }
        ExportFormat::Jsonl => {
            store.for_each_claim(filter, &mut |claim| {
                json::write_line(&mut sink, &claim).map_err(Error::Output)
            })?;
        }
        // The reports group claims by article, so they hold the filtered rows: they
        // are for people to read, not for whole registers.
        ExportFormat::Markdown => {
            let claims = store.claims(filter)?;
            let pages = store.page_meta(&article_ids(&claims))?;
            markdown::write_report(
                &mut sink,
                title,
                &claims,
                &pages,
                &store.status_names()?,
                &now_rfc3339(),
            )?;
        }
        ExportFormat::Html => {
            let claims = store.claims(filter)?;
            let statuses = store.statuses()?;
            let names: Vec<_> = statuses.iter().map(|s| s.name.clone()).collect();
            let summary = ClaimStats::from_claims(&claims, DEFAULT_TOP, &names);
            let pages = store.page_meta(&article_ids(&claims))?;
            html::write_report(
                &mut sink,
                title,
                &claims,
                &summary,
                &pages,
                &statuses,
                &now_rfc3339(),
            )?;
        }
        ExportFormat::Claimreview => {
            let publisher = publisher.ok_or_else(|| {
                Error::Usage("--format claimreview needs --review-url-base URL".into())
            })?;
            let filter = ClaimFilter {
                published: true,
                ..filter.clone()
            };
            let mut writer = ClaimReviewWriter::new(&mut sink, publisher.clone())?;
            store.for_each_claim(&filter, |claim: crate::model::ClaimRecord| {
                let context = store.review_context(claim.id)?;
                writer.write(&claim, &context).map_err(Error::Output)?;
                Ok(())
            })?;
            writer.finish()?.flush()?;
        }
    }
    sink.finish()
}

/// ClaimReview publishes verdicts only: a filter that names statuses, none of
/// them final, could only ever export nothing, so it is refused.
fn refuse_open_statuses(store: &Store, filter: &ClaimFilter) -> anyhow::Result<()> {
    if filter.statuses.is_empty() {
        return Ok(());
    }
    let finals: Vec<String> = store
        .statuses()?
        .into_iter()
        .filter(|s| s.is_final)
        .map(|s| s.name.to_string())
        .collect();
    if filter
        .statuses
        .iter()
        .any(|s| finals.iter().any(|f| f == s.as_str()))
    {
        return Ok(());
    }
    Err(Error::Usage(format!(
        "ClaimReview publishes verdicts only: pick --status {} (or none for all published verdicts)",
        finals.join(", ")
    ))
    .into())
}

fn article_ids(claims: &[crate::model::ClaimRecord]) -> Vec<i64> {
    claims.iter().map(|c| c.article_id).collect()
}
