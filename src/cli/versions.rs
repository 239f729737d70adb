//! `claimtrack versions`: the versions of one source, with what each changed.

use super::output::{Sink, print};
use crate::output::{json, stdout_is_terminal, versions};
use crate::store::Register;
use clap::{Args, ValueEnum};

/// List the versions of one article (a source ingested more than once), oldest
/// first: when each was ingested, its claims and flags, and how many claims are
/// new, kept, reworded or removed against the version before.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack versions https://example.org/live-blog
  claimtrack versions 12 -f json")]
pub struct VersionsArgs {
    /// The source (path, URL or --source name), or any of its article ids.
    #[arg(value_name = "SOURCE|ID")]
    pub source: String,
    #[arg(short, long, value_enum, default_value_t = VersionsFormat::Table)]
    pub format: VersionsFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VersionsFormat {
    Table,
    Json,
}

pub fn run(store: &impl Register, args: VersionsArgs) -> anyhow::Result<()> {
    let source = store.resolve_source(&super::source_key(&args.source))?;
    let rows = store.versions(&source)?;
    match args.format {
        VersionsFormat::Table => print(&versions::versions(&source, &rows, stdout_is_terminal()))?,
        VersionsFormat::Json => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &rows)?;
            sink.finish()?;
        }
    }
    Ok(())
}
