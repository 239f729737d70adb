//! `claimtrack versions`: the versions of one source, with what each changed.

use super::output::{Sink, print};
use crate::output::table::Shape;
use crate::output::{json, versions};
use crate::store::Store;
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
    /// table (on a terminal; tab-separated lines under a header line when
    /// piped, unless given), or json.
    #[arg(short, long, value_enum)]
    pub format: Option<VersionsFormat>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum VersionsFormat {
    Table,
    Json,
}

pub fn run(store: &Store, args: VersionsArgs) -> anyhow::Result<()> {
    let source = store.resolve_source(&super::source_key(&args.source))?;
    let rows = store.versions(&source)?;
    match args.format {
        None | Some(VersionsFormat::Table) => {
            let shape = Shape::for_stdout(args.format.is_some());
            print(&versions::versions(&source, &rows, shape))?
        }
        Some(VersionsFormat::Json) => {
            let mut sink = Sink::open(None)?;
            json::write_pretty(&mut sink, &rows)?;
            sink.finish()?;
        }
    }
    Ok(())
}
