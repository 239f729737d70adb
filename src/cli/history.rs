//! `claimtrack history`: review events, newest first.

use super::output::Sink;
use crate::output::{json, stdout_is_terminal, table};
use crate::store::Store;
use clap::{Args, ValueEnum};
use std::io::Write;

/// Show review events, newest first: of all claims, or of one.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack history -l 20
  claimtrack history 12
  claimtrack history -f jsonl | jq -c 'select(.event == \"status\")'")]
pub struct HistoryArgs {
    /// Only this claim's events.
    pub id: Option<i64>,
    /// Show at most N events.
    #[arg(short, long, value_name = "N")]
    pub limit: Option<u64>,
    #[arg(short, long, value_enum, default_value_t = HistoryFormat::Table)]
    pub format: HistoryFormat,
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
    let events = store.history(args.id, args.limit)?;
    match args.format {
        HistoryFormat::Table if events.is_empty() => eprintln!("no review events yet"),
        HistoryFormat::Table => display.page(&table::history(&events, stdout_is_terminal()))?,
        HistoryFormat::Json => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &events)?;
            sink.finish()?;
        }
        HistoryFormat::Jsonl => {
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
