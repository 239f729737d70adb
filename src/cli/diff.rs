//! `claimtrack diff`: what changed between two versions of one source.

use super::output::{Sink, print};
use crate::output::table::Shape;
use crate::output::{json, versions};
use crate::store::Store;
use clap::{Args, ValueEnum};

/// Show what changed between two versions of an article: new claims, reworded
/// ones (old → new text), removed ones, and verification flags that appeared or
/// vanished. Defaults to the last two versions.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack diff https://example.org/live-blog             # what the last version changed
  claimtrack diff live-page --from 1 --to 3")]
pub struct DiffArgs {
    /// The source (path, URL or --source name), or any of its article ids.
    #[arg(value_name = "SOURCE|ID")]
    pub source: String,
    /// The older version [default: the one before --to].
    #[arg(long, value_name = "V", value_parser = super::parse_version)]
    pub from: Option<i64>,
    /// The newer version [default: the latest].
    #[arg(long, value_name = "V", value_parser = super::parse_version)]
    pub to: Option<i64>,
    /// table (on a terminal; tab-separated lines under a header line when
    /// piped, unless given), or json.
    #[arg(short, long, value_enum)]
    pub format: Option<DiffFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum DiffFormat {
    Table,
    Json,
}

pub fn run(store: &Store, args: DiffArgs) -> anyhow::Result<()> {
    let source = store.resolve_source(&super::source_key(&args.source))?;
    let diff = store.diff(&source, args.from, args.to)?;
    match args.format {
        None | Some(DiffFormat::Table) => print(&versions::diff(
            &diff,
            Shape::for_stdout(args.format.is_some()),
        ))?,
        Some(DiffFormat::Json) => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &diff)?;
            sink.finish()?;
        }
    }
    Ok(())
}
