//! `claimtrack ingest`: read articles, extract their claims, store both.

use super::output::{Committed, say};
use crate::error::Error;
use crate::extract;
use crate::fetch::FetchLimits;
use crate::ingest::{Collected, Document, Input, collect_inputs, read_input_with};
use crate::output::shown_source;
use crate::pipeline::{self, Feed};
use crate::store::{BATCH_ARTICLES, HashedExtraction, IngestOutcome, Store};
use anyhow::Context;
use clap::Args;
use indicatif::{ProgressBar, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};

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

pub fn run(db: &Path, args: IngestArgs) -> anyhow::Result<()> {
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
    let limits = FetchLimits {
        timeout: std::time::Duration::from_secs_f64(args.timeout),
        max_bytes: args.max_bytes,
    };
    let mut store = Store::create_or_open(db)?;
    for entry in &skipped {
        say(&format!("claimtrack: {entry}"));
    }
    let progress = progress_bar(inputs.len());
    // The articles are stored whatever happens to stdout: `ingest DIR | head -1`
    // still stores the whole corpus.
    let mut out = Committed::stdout();
    let mut failures = skipped.len();
    let source = args.source.as_deref();
    let single = inputs.len() == 1 && skipped.is_empty();
    // Reading, decoding and extracting run on every core; this thread is the single
    // writer, storing the articles in the order given, a batch of them per
    // transaction. An article's line is printed once its batch is committed, so a
    // line never reports what a crash could still undo. A batch is committed
    // before the writer waits for the next article (a FIFO, a slow disk, a page
    // long to parse), so the lock is only held while articles are written.
    // Only local files are batched: waiting on a URL or stdin must not hold the lock.
    let batched = inputs.iter().all(|i| matches!(i, Input::File(_)));
    let mut batch = Batch::default();
    pipeline::ordered_parallel_map(
        &inputs,
        pipeline::default_workers(),
        // Each worker's own read connection, to skip extracting content already held.
        || Store::open(db).ok(),
        |lookup, input| prepare(lookup.as_ref(), input, source, &limits),
        |fed| -> anyhow::Result<()> {
            let prepared = match fed {
                Feed::Waiting => return batch.commit(&mut store, &mut out, &progress),
                Feed::Item(prepared) => prepared,
            };
            progress.inc(1);
            let prepared = match prepared {
                Ok(prepared) => prepared,
                Err(err) if single => return Err(err),
                Err(err) => {
                    // One unreadable file should not stop a directory ingest: report
                    // it after the lines before it, go on, fail at the end.
                    batch.commit(&mut store, &mut out, &progress)?;
                    failures += 1;
                    report_failure(&mut out, &progress, &err)?;
                    return Ok(());
                }
            };
            if !batched {
                if single {
                    let line = store_one(&mut store, &prepared)?;
                    return Ok(progress.suspend(|| writeln!(out, "{line}"))?);
                }
                failures += store_alone(&mut store, &prepared, &mut out, &progress)?;
                return Ok(());
            }
            if batch.is_empty() {
                store.begin_batch()?;
                batch.started = std::time::Instant::now();
            }
            match store_one(&mut store, &prepared) {
                Ok(line) => {
                    batch.push(prepared, line);
                    if batch.is_full() {
                        batch.commit(&mut store, &mut out, &progress)?;
                    }
                }
                Err(err) if single => return Err(err),
                Err(_) => {
                    // The store rolled the whole batch back, so the failed article
                    // left nothing behind. Store the batch's articles again, one
                    // transaction each, then this one, which fails again on its own
                    // and is reported in its place.
                    store.abort_batch()?;
                    for (earlier, _) in batch.pending.drain(..) {
                        failures += store_alone(&mut store, &earlier, &mut out, &progress)?;
                    }
                    batch.bytes = 0;
                    failures += store_alone(&mut store, &prepared, &mut out, &progress)?;
                }
            }
            Ok(())
        },
    )?;
    batch.commit(&mut store, &mut out, &progress)?;
    progress.finish_and_clear();
    if source.is_none() && inputs.contains(&Input::Stdin) {
        say(
            "claimtrack: standard input is stored under a name of its own (stdin:<start of its SHA-256>); \
             give --source NAME to store pastes of one page as its versions",
        );
    }
    let total = inputs.len() + skipped.len();
    out.finish(&format!(
        "{} of {total} inputs were ingested",
        total - failures
    ));
    if failures > 0 {
        anyhow::bail!("{failures} of {total} inputs could not be ingested");
    }
    Ok(())
}

/// Stores one article in its own transaction and prints its line, or reports its
/// failure. Returns the number of failures (0 or 1).
fn store_alone(
    store: &mut Store,
    prepared: &Prepared,
    out: &mut impl Write,
    progress: &ProgressBar,
) -> anyhow::Result<usize> {
    match store_one(store, prepared) {
        Ok(line) => {
            progress.suspend(|| writeln!(out, "{line}"))?;
            Ok(0)
        }
        Err(err) => {
            report_failure(out, progress, &err)?;
            Ok(1)
        }
    }
}

/// One failed input's line on stderr, after the lines printed so far.
fn report_failure(
    out: &mut impl Write,
    progress: &ProgressBar,
    err: &anyhow::Error,
) -> anyhow::Result<()> {
    out.flush()?;
    progress.suspend(|| say(&format!("claimtrack: {err:#}")));
    Ok(())
}

/// A batch is committed once it holds this much text: it is kept until the commit,
/// in case a failure makes the batch's articles be stored again.
const BATCH_BYTES: usize = 16 << 20;
/// A batch is committed once it has been open this long, whatever its size.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(100);

/// The articles stored in the open transaction, with their report lines.
struct Batch {
    pending: Vec<(Prepared, String)>,
    /// The text the pending articles hold.
    bytes: usize,
    started: std::time::Instant,
}

impl Default for Batch {
    fn default() -> Self {
        Batch {
            pending: Vec::new(),
            bytes: 0,
            started: std::time::Instant::now(),
        }
    }
}

impl Batch {
    fn is_empty(&self) -> bool {
        self.pending.is_empty()
    }

    fn push(&mut self, prepared: Prepared, line: String) {
        if let Prepared::New { doc, .. } = &prepared {
            self.bytes += doc.text.len();
        }
        self.pending.push((prepared, line));
    }

    fn is_full(&self) -> bool {
        self.pending.len() >= BATCH_ARTICLES
            || self.bytes >= BATCH_BYTES
            || self.started.elapsed() >= BATCH_TIME
    }

    /// Commits the open transaction (if any), then prints its articles' lines.
    fn commit(
        &mut self,
        store: &mut Store,
        out: &mut impl Write,
        progress: &ProgressBar,
    ) -> anyhow::Result<()> {
        store.commit_batch()?;
        for (_, line) in self.pending.drain(..) {
            progress.suspend(|| writeln!(out, "{line}"))?;
        }
        self.bytes = 0;
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

/// An input read and extracted, ready for the writer.
enum Prepared {
    /// The same bytes are stored already: the report line says as what.
    Known(String),
    New {
        /// Boxed: a page's metadata makes it large beside `Known`.
        doc: Box<Document>,
        extraction: HashedExtraction,
    },
}

/// The part of ingesting that needs no write access: runs on a worker thread.
fn prepare(
    lookup: Option<&Store>,
    input: &Input,
    source: Option<&str>,
    limits: &FetchLimits,
) -> anyhow::Result<Prepared> {
    let doc = read_input_with(input, source, limits)?;
    // Skip extraction for content we already hold: re-ingesting a corpus is cheap.
    if let Some(store) = lookup
        && let Some(known) = store.known_content(&doc.source, &doc.sha256)?
    {
        return Ok(Prepared::Known(unchanged_line(
            &doc.source,
            known.article_id,
            &known.source,
            known.version,
        )));
    }
    let extraction = HashedExtraction::from(extract::extract(&doc.text));
    Ok(Prepared::New {
        doc: Box::new(doc),
        extraction,
    })
}

/// Stores one prepared article (whole, or not at all) and says what happened.
fn store_one(store: &mut Store, prepared: &Prepared) -> anyhow::Result<String> {
    let (doc, extraction) = match prepared {
        Prepared::Known(line) => return Ok(line.clone()),
        Prepared::New { doc, extraction } => (doc, extraction),
    };
    let outcome = store
        .ingest(&doc.article(), extraction)
        .with_context(|| format!("{}: cannot store the article", shown_source(&doc.source)))?;
    Ok(match outcome {
        IngestOutcome::Unchanged {
            article_id,
            source,
            version,
        } => unchanged_line(&doc.source, article_id, &source, version),
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
                shown_source(&doc.source)
            );
            if version > 1 {
                line.push_str(&format!(
                    " (version {version}: {} new, {kept} kept, {reworded} reworded, {removed} removed)",
                    claims - kept - reworded
                ));
            }
            line
        }
    })
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
