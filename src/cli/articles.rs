//! `claimtrack articles`: what has been ingested.

use super::output::Sink;
use crate::output::{json, table};
use crate::store::Store;
use clap::{Args, ValueEnum};

/// List ingested articles (every version) with claim counts by status.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack articles
  claimtrack articles -f json | jq '.[] | {source, version, claims}'")]
pub struct ArticlesArgs {
    /// table (on a terminal; tab-separated lines under a header line when
    /// piped, unless given), or json.
    #[arg(short, long, value_enum)]
    pub format: Option<ArticlesFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ArticlesFormat {
    Table,
    Json,
}

pub fn run(
    store: &Store,
    args: ArticlesArgs,
    display: &super::display::DisplayArgs,
) -> anyhow::Result<()> {
    let articles = store.articles()?;
    match args.format {
        None | Some(ArticlesFormat::Table) if articles.is_empty() => {
            super::output::say("no articles yet: see `claimtrack ingest --help`")
        }
        None | Some(ArticlesFormat::Table) => {
            let shape = table::Shape::for_stdout(args.format.is_some());
            display.page(&table::articles(&articles, shape))?
        }
        Some(ArticlesFormat::Json) => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &articles)?;
            sink.finish()?;
        }
    }
    Ok(())
}
