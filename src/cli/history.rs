//! `claimtrack history`: review events, newest first.

use super::output::Sink;
use crate::output::{json, table};
use crate::store::{HistoryFilter, Store};
use clap::{Args, ValueEnum};
use std::io::Write;

/// Show review events, newest first: of all claims, of one, or of the claims
/// the filters of `list` select; `--since` dates the events.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack history -r ayse --since yesterday
  claimtrack history 12
  claimtrack history -f jsonl | jq -c 'select(.event == \"status\")'")]
pub struct HistoryArgs {
    /// Only this claim's events.
    pub id: Option<i64>,
    #[command(flatten)]
    pub filter: super::filter::FilterArgs,
    /// Show at most N events.
    #[arg(short, long, value_name = "N", value_parser = super::parse_limit)]
    pub limit: Option<u64>,
    /// table (on a terminal; tab-separated lines under a header line when
    /// piped, unless given), json or jsonl.
    #[arg(short, long, value_enum)]
    pub format: Option<HistoryFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum HistoryFormat {
    Table,
    Json,
    Jsonl,
}

pub fn run(
    store: &Store,
    args: HistoryArgs,
    display: &super::display::DisplayArgs,
) -> anyhow::Result<()> {
    // `--since` dates the events here, not the claims, and `--reviewer` picks
    // the reviewer's own events.
    let mut claims = args.filter.to_filter(None);
    let reviewer = claims.reviewer.take();
    let events = store.history_of(&HistoryFilter {
        claim: args.id,
        claims,
        reviewer,
        since: args.filter.since.clone(),
        limit: args.limit,
    })?;
    match args.format {
        None | Some(HistoryFormat::Table) if events.is_empty() => {
            super::output::say("no review events yet")
        }
        None | Some(HistoryFormat::Table) => {
            let shape = table::Shape::for_stdout(args.format.is_some());
            display.page(&table::history(&events, shape))?
        }
        Some(HistoryFormat::Json) => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &events)?;
            sink.finish()?;
        }
        Some(HistoryFormat::Jsonl) => {
            let mut sink = Sink::open(None)?;
            for event in &events {
                json::write_line(&mut sink, event)?;
            }
            sink.flush()?;
            sink.finish()?;
        }
    }
    Ok(())
}
