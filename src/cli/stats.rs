//! `claimtrack stats`: what the register adds up to.

use super::filter::FilterArgs;
use super::output::{Sink, print};
use crate::output::table::Shape;
use crate::output::{json, stats};
use crate::stats::DEFAULT_TOP;
use crate::store::Store;
use clap::{Args, ValueEnum};

/// Count claims: by status, flagged or not, top speakers and outlets, the articles
/// with the most unverified claims, and review activity per reviewer. Takes the
/// same filters as `list`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack stats
  claimtrack stats --since 7d --top 5
  claimtrack stats -f json")]
pub struct StatsArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// How many speakers, outlets and articles the "top" tables show.
    #[arg(long, value_name = "N", default_value_t = DEFAULT_TOP)]
    pub top: usize,
    /// table (on a terminal; tab-separated lines under a header line when
    /// piped, unless given), or json.
    #[arg(short, long, value_enum)]
    pub format: Option<StatsFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum StatsFormat {
    Table,
    /// One JSON object (fields as in the README).
    Json,
}

pub fn run(store: &Store, args: StatsArgs) -> anyhow::Result<()> {
    let stats = store.stats(&args.filter.to_filter(None), args.top)?;
    match args.format {
        None | Some(StatsFormat::Table) => match Shape::for_stdout(args.format.is_some()) {
            Shape::Tsv => print(&stats::tsv(&stats))?,
            Shape::Table { on_terminal } => print(&stats::tables(&stats, on_terminal))?,
        },
        Some(StatsFormat::Json) => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &stats)?;
            sink.finish()?;
        }
    }
    Ok(())
}
