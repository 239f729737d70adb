//! `claimtrack list`: the claims register as a table (tab-separated when piped)
//! or a machine format.

use super::filter::FilterArgs;
use super::output::{Sink, print};
use crate::error::Error;
use crate::output::{stdout_is_terminal, table};
use crate::store::Store;
use clap::{Args, ValueEnum};

/// List claims, oldest first, with filters.
#[derive(Debug, Args)]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Show at most N claims.
    #[arg(short, long, value_name = "N")]
    pub limit: Option<u64>,
    #[arg(short, long, value_enum, default_value_t = ListFormat::Table)]
    pub format: ListFormat,
    /// Add how many article versions (and sources) hold each claim or a claim
    /// linked to it: a column in the table, `appearances` and `sources` fields otherwise.
    #[arg(long)]
    pub appearances: bool,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ListFormat {
    Table,
    Json,
    Jsonl,
    Csv,
}

pub fn run(store: &Store, args: ListArgs) -> anyhow::Result<()> {
    let filter = args.filter.to_filter(args.limit);
    if args.appearances {
        return super::appearances::run(store, &filter, args.format);
    }
    match args.format {
        ListFormat::Table if !stdout_is_terminal() => {
            // Piped: plain tab-separated lines, streamed (a table needs every row first).
            let mut writer = table::ClaimTsvWriter::new(Sink::open(None)?)?;
            store.for_each_claim(&filter, |claim| writer.write(&claim).map_err(Error::Output))?;
            writer.finish()?.finish()?;
        }
        ListFormat::Table => {
            let claims = store.claims(&filter)?;
            if claims.is_empty() {
                eprintln!("no claims match");
                return Ok(());
            }
            print(&table::claims(&claims, stdout_is_terminal()))?;
        }
        format => super::export::stream(store, &filter, format.into(), Sink::open(None)?)?,
    }
    Ok(())
}

impl From<ListFormat> for super::export::ExportFormat {
    fn from(format: ListFormat) -> Self {
        use super::export::ExportFormat;
        match format {
            ListFormat::Json => ExportFormat::Json,
            ListFormat::Jsonl => ExportFormat::Jsonl,
            ListFormat::Csv | ListFormat::Table => ExportFormat::Csv,
        }
    }
}
