//! `claimtrack export`: one row per claim, for reports and other tools.

use super::UsageError;
use super::claimreview::ClaimReviewArgs;
use super::filter::FilterArgs;
use super::output::Sink;
use crate::error::Error;
use crate::model::Status;
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
    /// Write to FILE instead of stdout (written whole or not at all).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
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
    /// schema.org ClaimReview JSON-LD for claims with a verdict (needs --review-url-base).
    Claimreview,
}

pub fn run(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let mut filter = args.filter.to_filter(None);
    // Check the flags before opening the output, so a refused export creates no file.
    let publisher = if args.format == ExportFormat::Claimreview {
        filter = with_final_statuses(&filter)?;
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
        Sink::open(args.output.as_deref())?,
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
            store.for_each_claim(filter, |claim| writer.write(&claim).map_err(Error::Output))?;
            writer.finish()?;
        }
        ExportFormat::Json => {
            let mut writer = json::JsonArrayWriter::new(&mut sink)?;
            store.for_each_claim(filter, |claim| writer.write(&claim).map_err(Error::Output))?;
            writer.finish()?.flush()?;
        }
        ExportFormat::Jsonl => {
            store.for_each_claim(filter, |claim| {
                json::write_line(&mut sink, &claim).map_err(Error::Output)
            })?;
        }
        // The reports group claims by article, so they hold the filtered rows: they
        // are for people to read, not for whole registers.
        ExportFormat::Markdown => {
            let claims = store.claims(filter)?;
            markdown::write_report(&mut sink, title, &claims, &now_rfc3339())?;
        }
        ExportFormat::Html => {
            let claims = store.claims(filter)?;
            let summary = ClaimStats::from_claims(&claims, DEFAULT_TOP);
            html::write_report(&mut sink, title, &claims, &summary, &now_rfc3339())?;
        }
        ExportFormat::Claimreview => {
            let publisher = publisher.ok_or_else(|| {
                UsageError("--format claimreview needs --review-url-base URL".into())
            })?;
            let filter = with_final_statuses(filter)?;
            let mut writer = ClaimReviewWriter::new(&mut sink, publisher.clone())?;
            store.for_each_claim(&filter, |claim| {
                let context = store.review_context(claim.id)?;
                writer.write(&claim, &context).map_err(Error::Output)?;
                Ok(())
            })?;
            writer.finish()?.flush()?;
        }
    }
    sink.finish()
}

/// ClaimReview publishes verdicts only: the filter's statuses narrowed to the
/// final ones (all of them when the filter names none).
fn with_final_statuses(filter: &ClaimFilter) -> Result<ClaimFilter, UsageError> {
    let mut filter = filter.clone();
    if filter.statuses.is_empty() {
        filter.statuses = Status::ALL.into_iter().filter(|s| s.is_final()).collect();
    } else {
        filter.statuses.retain(|s| s.is_final());
        if filter.statuses.is_empty() {
            return Err(UsageError(
                "ClaimReview publishes verdicts only: pick --status verified, false, misleading \
                 or inconclusive (or none for all four)"
                    .into(),
            ));
        }
    }
    Ok(filter)
}
