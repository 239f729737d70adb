//! `claimtrack export`: one row per claim, for reports and other tools.

use super::filter::FilterArgs;
use super::output::Sink;
use crate::error::Error;
use crate::output::{csv::ClaimCsvWriter, json};
use crate::store::{ClaimFilter, Store};
use clap::{Args, ValueEnum};
use std::io::Write;
use std::path::PathBuf;

/// Export claims, one row per claim, streamed (any size runs in flat memory).
#[derive(Debug, Args)]
pub struct ExportArgs {
    #[arg(long, value_enum)]
    pub format: ExportFormat,
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Write to FILE instead of stdout (written whole or not at all).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormat {
    /// RFC 4180 with a header row; formula-like cells neutralised.
    Csv,
    /// A JSON array of claim objects.
    Json,
    /// One JSON claim object a line.
    Jsonl,
}

pub fn run(store: &Store, args: ExportArgs) -> anyhow::Result<()> {
    let filter = args.filter.to_filter(None);
    stream(
        store,
        &filter,
        args.format,
        Sink::open(args.output.as_deref())?,
    )
}

/// Streams the filtered claims into `sink` in `format`.
pub fn stream(
    store: &Store,
    filter: &ClaimFilter,
    format: ExportFormat,
    mut sink: Sink,
) -> anyhow::Result<()> {
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
    }
    sink.finish()
}
