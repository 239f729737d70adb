//! `claimtrack extract`: run the extractor on texts and print the claims,
//! without touching the database.

use super::output::{Sink, print};
use crate::extract::{ExtractedClaim, extract};
use crate::ingest::{collect_inputs, read_input};
use crate::output::{json, stdout_is_terminal, table};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Print the claims the extractor finds in articles (for trying it on a text);
/// the database is not touched.
#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    Table,
    /// A JSON array of claims, each with its `source` (scorable like an export).
    Json,
}

#[derive(Serialize)]
struct SourcedClaim<'a> {
    source: &'a str,
    #[serde(flatten)]
    claim: &'a ExtractedClaim,
}

pub fn run(args: ExtractArgs) -> anyhow::Result<()> {
    let mut found: Vec<(String, ExtractedClaim)> = Vec::new();
    for input in collect_inputs(&args.paths)? {
        let doc = read_input(&input, None)?;
        found.extend(
            extract(&doc.text)
                .claims
                .into_iter()
                .map(|c| (doc.source.clone(), c)),
        );
    }
    match args.format {
        ExtractFormat::Table => print(&table::extracted(&found, stdout_is_terminal()))?,
        ExtractFormat::Json => {
            let mut sink = Sink::open(None)?;
            let mut writer = json::JsonArrayWriter::new(&mut sink)?;
            for (source, claim) in &found {
                writer.write(&SourcedClaim { source, claim })?;
            }
            writer.finish()?.flush()?;
            sink.finish()?;
        }
    }
    Ok(())
}
