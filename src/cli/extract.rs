//! `claimtrack extract`: run the extractor on texts and print the claims,
//! without touching the database.

use super::output::{Sink, print};
use crate::extract::{Decision, ExtractedClaim, explain, extract};
use crate::ingest::source::{collect_inputs, read_input};
use crate::output::escape::visible;
use crate::output::shown_source;
use crate::output::{json, stdout_is_terminal, table};
use clap::{Args, ValueEnum};
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// Print the claims the extractor finds in articles (for trying it on a text);
/// the database is not touched.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack extract article.txt
  claimtrack extract article.html --explain      # which rule found each part
  claimtrack extract article.txt -f json | jq '.[].speaker'")]
pub struct ExtractArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    #[arg(short, long, value_enum, default_value_t = ExtractFormat::Table)]
    pub format: ExtractFormat,
    /// Print every sentence with why it was taken as a claim or left out.
    #[arg(long)]
    pub explain: bool,
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
    if args.explain {
        return run_explain(&args);
    }
    let mut found: Vec<(String, ExtractedClaim)> = Vec::new();
    for input in collect_inputs(&args.paths)?.all()? {
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

#[derive(Serialize)]
struct SourcedDecision<'a> {
    source: &'a str,
    text: &'a str,
    #[serde(flatten)]
    decision: &'a Decision,
}

/// `--explain`: one line per sentence, `+` taken or `-` left, with the reason.
fn run_explain(args: &ExtractArgs) -> anyhow::Result<()> {
    let mut sink = Sink::open(None)?;
    let mut writer = match args.format {
        ExtractFormat::Json => Some(json::JsonArrayWriter::new(Vec::new())?),
        ExtractFormat::Table => None,
    };
    for input in collect_inputs(&args.paths)?.all()? {
        let doc = read_input(&input, None)?;
        if writer.is_none() {
            writeln!(sink, "== {}", visible(&shown_source(&doc.source)))?;
        }
        for decision in explain(&doc.text) {
            let text = doc.text.get(decision.start..decision.end).unwrap_or("");
            match writer.as_mut() {
                Some(writer) => writer.write(&SourcedDecision {
                    source: &doc.source,
                    text,
                    decision: &decision,
                })?,
                None => writeln!(
                    sink,
                    "{} {}: {}",
                    if decision.taken { '+' } else { '-' },
                    decision.reason,
                    // One line a decision: a hard-wrapped paragraph's newlines are spaces here.
                    visible(&table::shorten(&text.replace('\n', " "), 160))
                )?,
            }
        }
    }
    if let Some(writer) = writer {
        sink.write_all(&writer.finish()?)?;
    }
    sink.finish()
}
