//! `claimtrack articles`: what has been ingested.

use super::output::Sink;
use crate::output::{json, stdout_is_terminal, table};
use crate::store::Register;
use clap::{Args, ValueEnum};

/// List ingested articles (every version) with claim counts by status.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack articles
  claimtrack articles -f json | jq '.[] | {source, version, claims}'")]
pub struct ArticlesArgs {
    #[arg(short, long, value_enum, default_value_t = ArticlesFormat::Table)]
    pub format: ArticlesFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ArticlesFormat {
    Table,
    Json,
}

pub fn run(
    store: &impl Register,
    args: ArticlesArgs,
    display: &super::display::DisplayArgs,
) -> anyhow::Result<()> {
    let articles = store.articles()?;
    match args.format {
        ArticlesFormat::Table if articles.is_empty() => {
            super::output::say("no articles yet: see `claimtrack ingest --help`")
        }
        ArticlesFormat::Table => display.page(&table::articles(&articles, stdout_is_terminal()))?,
        ArticlesFormat::Json => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &articles)?;
            sink.finish()?;
        }
    }
    Ok(())
}
