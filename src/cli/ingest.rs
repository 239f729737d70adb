//! `claimtrack ingest`: read articles, extract their claims, store both.

use super::output::{Committed, say};
use crate::error::Error;
use crate::fetch::FetchLimits;
use crate::ingest::source::{Collected, Input, collect_inputs};
use crate::ingest::{self, Options, Report};
use crate::output::shown_source;
use crate::store::{IngestOutcome, Store};
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;

/// Ingest articles: plain text (one paragraph a line) or HTML pages. Takes files,
/// directories (recursive: .txt, .md, .html, .htm), http(s) URLs, or `-` for stdin.
/// Identical content is stored once; new content under a known source is a new version.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack ingest articles/                      # every .txt, .md, .html inside
  claimtrack ingest https://example.org/live-blog   # fetch a page; again later for a new version
  pbpaste | claimtrack ingest - --source 'desk paste 4 Dec'")]
pub struct IngestArgs {
    /// Files, directories, or `-` for standard input.
    #[arg(required = true, value_name = "PATH")]
    pub paths: Vec<PathBuf>,
    /// The name to store the article under (for stdin or a single file; versions
    /// of one page share a name).
    #[arg(long, value_name = "NAME")]
    pub source: Option<String>,
    /// Give up fetching a URL after this many seconds.
    #[arg(long, value_name = "SECONDS", default_value_t = 30.0, value_parser = parse_seconds)]
    pub timeout: f64,
    /// Refuse an input (file, stdin or fetched page) larger than this many bytes.
    #[arg(long, value_name = "BYTES", default_value_t = FetchLimits::default().max_bytes)]
    pub max_bytes: u64,
}

pub(super) fn parse_seconds(text: &str) -> Result<f64, String> {
    match text.parse::<f64>() {
        Ok(s) if s.is_finite() && s > 0.0 && s <= 86_400.0 => Ok(s),
        _ => Err(format!(
            "'{text}' is not a number of seconds between 0 and 86400"
        )),
    }
}

pub fn run(db: &crate::store::Location, args: IngestArgs) -> anyhow::Result<()> {
    let Collected { inputs, skipped } = collect_inputs(&args.paths)?;
    if args.source.is_some() && inputs.len() > 1 {
        return Err(Error::Usage(format!(
            "--source names one article, but the paths hold {} articles",
            inputs.len()
        ))
        .into());
    }
    if inputs.iter().filter(|i| **i == Input::Stdin).count() > 1 {
        return Err(Error::Usage("`-` (stdin) can be given once".into()).into());
    }
    let options = Options {
        source: args.source.as_deref(),
        limits: FetchLimits {
            timeout: std::time::Duration::from_secs_f64(args.timeout),
            max_bytes: args.max_bytes,
        },
        single_input: inputs.len() == 1 && skipped.is_empty(),
    };
    let mut store = Store::create_or_open(db)?;
    for entry in &skipped {
        say(&format!("claimtrack: {entry}"));
    }
    let mut lines = Lines {
        // The articles are stored whatever happens to stdout: `ingest DIR | head -1`
        // still stores the whole corpus.
        out: Committed::stdout(),
        progress: progress_bar(inputs.len()),
    };
    let open_reader = || Store::open(db).ok();
    let failures =
        skipped.len() + ingest::ingest(open_reader, &mut store, &inputs, &options, &mut lines)?;
    lines.progress.finish_and_clear();
    if options.source.is_none() && inputs.contains(&Input::Stdin) {
        say(
            "claimtrack: standard input is stored under a name of its own (stdin:<start of its SHA-256>); \
             give --source NAME to store pastes of one page as its versions",
        );
    }
    let total = inputs.len() + skipped.len();
    lines.out.finish(&format!(
        "{} of {total} inputs were ingested",
        total - failures
    ));
    if failures > 0 {
        anyhow::bail!("{failures} of {total} inputs could not be ingested");
    }
    Ok(())
}

/// The ingest report as printed: one line per stored input on stdout, one per
/// failure on stderr in its place, a progress bar on a terminal.
struct Lines {
    out: Committed,
    progress: ProgressBar,
}

impl Report for Lines {
    fn prepared(&mut self) {
        self.progress.inc(1);
    }

    fn stored(&mut self, source: &str, outcome: &IngestOutcome) -> Result<(), Error> {
        let line = outcome_line(source, outcome);
        self.progress
            .suspend(|| writeln!(self.out, "{line}"))
            .map_err(Error::Output)
    }

    fn failed(&mut self, err: &Error) -> Result<(), Error> {
        self.out.flush().map_err(Error::Output)?;
        self.progress
            .suspend(|| say(&format!("claimtrack: {err:#}")));
        Ok(())
    }
}

/// Ingests this many articles or more get a progress bar (on a terminal only).
const PROGRESS_FROM: usize = 200;

fn progress_bar(total: usize) -> ProgressBar {
    if total < PROGRESS_FROM || !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(total as u64);
    if let Ok(style) =
        ProgressStyle::with_template("{bar:40} {pos}/{len} articles, {per_sec}, {eta} left")
    {
        bar.set_style(style);
    }
    bar
}

/// What storing one input did, as one line.
fn outcome_line(source: &str, outcome: &IngestOutcome) -> String {
    match *outcome {
        IngestOutcome::Unchanged {
            article_id,
            source: ref stored_as,
            version,
        } => unchanged_line(source, article_id, stored_as, version),
        IngestOutcome::Added {
            article_id,
            version,
            claims,
            flagged,
            kept,
            reworded,
            removed,
        } => {
            let mut line = format!(
                "{}: {claims} claims, {flagged} flagged, article {article_id}",
                shown_source(source)
            );
            if version > 1 {
                line.push_str(&format!(
                    " (version {version}: {} new, {kept} kept, {reworded} reworded, {removed} removed)",
                    claims - kept - reworded
                ));
            }
            line
        }
    }
}

fn unchanged_line(source: &str, id: i64, stored_as: &str, version: i64) -> String {
    let shown = shown_source(source);
    if stored_as == source {
        format!(
            "{shown}: unchanged, already ingested as article {id} (version {version}); nothing added"
        )
    } else {
        format!(
            "{shown}: unchanged, same content as article {id} ({}, version {version}); nothing added",
            shown_source(stored_as)
        )
    }
}
