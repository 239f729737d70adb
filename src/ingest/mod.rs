//! The ingest service: inputs read and extracted on every core, stored by one
//! writer in batches, a failed batch replayed article by article, each new
//! version matched to the last (in the store, through [`crate::claim_match`]).
//! It reports what happened, input by input, to a [`Report`]; the CLI renders it.

pub mod pipeline;
pub mod source;

use crate::error::{Error, Result};
use crate::extract;
use crate::fetch::FetchLimits;
use crate::output::shown_source;
use crate::store::{BATCH_ARTICLES, HashedExtraction, IngestOutcome, Store};
use pipeline::Feed;
use source::{Document, Input, read_input_with};

/// How the inputs are read.
#[derive(Debug, Clone, Default)]
pub struct Options<'a> {
    /// The name to store a single article under (`--source`).
    pub source: Option<&'a str>,
    pub limits: FetchLimits,
    /// The command names one input and nothing else: its failure is the
    /// command's error rather than one report line among others.
    pub single_input: bool,
}

/// Where the service says what happened to each input, in the order given. An
/// input is reported stored only once its transaction is committed, so a report
/// never claims what a crash could still undo.
pub trait Report {
    /// An input was read and extracted (or failed to be): for a progress bar.
    fn prepared(&mut self) {}
    /// An input's article is stored, or was held already (`Unchanged`).
    fn stored(&mut self, source: &str, outcome: &IngestOutcome) -> Result<()>;
    /// An input could not be read or stored; the others go on.
    fn failed(&mut self, err: &Error) -> Result<()>;
}

/// Ingests `inputs` into `store`, reporting each one. Each worker opens its own
/// reader of the same register with `open_reader` (none: every input is extracted).
/// Returns how many failed; with [`Options::single_input`], its failure is the error.
pub fn ingest(
    open_reader: impl Fn() -> Option<Store> + Sync,
    store: &mut Store,
    inputs: &[Input],
    options: &Options,
    report: &mut impl Report,
) -> Result<usize> {
    store.plan_once()?;
    store.compress_texts_cheaply();
    let mut writer = Writer {
        store,
        report,
        failures: 0,
        batch: Batch::default(),
        single: options.single_input,
        // Only local files are batched: waiting on a URL or stdin must not hold the lock.
        batched: inputs.iter().all(|i| matches!(i, Input::File(_))),
    };
    // Reading, decoding and extracting run on every core; this thread is the single
    // writer, storing the articles in the order given, a batch of them per
    // transaction. A batch is committed before the writer waits for the next
    // article (a FIFO, a slow disk, a page long to parse), so the lock is only
    // held while articles are written.
    let stored = pipeline::ordered_parallel_map(
        inputs,
        pipeline::default_workers(),
        // Each worker's own reader, to skip extracting content already held
        // (none if it cannot be set up: then every input is extracted).
        || open_reader().filter(|reader| reader.plan_once().is_ok()),
        |lookup, input| prepare(lookup.as_ref(), input, options),
        input_weight,
        |fed| match fed {
            Feed::Waiting => writer.commit(),
            Feed::Items(run) => writer.take_all(run),
        },
    )
    .and_then(|()| writer.commit());
    // Whatever was committed is searchable when the command ends, failed or not.
    let indexed = writer.store.index_pending();
    stored?;
    indexed?;
    Ok(writer.failures)
}

/// The single writer's state.
struct Writer<'s, R> {
    store: &'s mut Store,
    report: &'s mut R,
    failures: usize,
    batch: Batch,
    /// One input: its failure is the command's error, not a report line.
    single: bool,
    batched: bool,
}

impl<R: Report> Writer<'_, R> {
    /// Takes a run of articles ready in order: the store is told which are to
    /// come, to look them up at once, then each is taken in turn.
    fn take_all(&mut self, run: Vec<Result<Prepared>>) -> Result<()> {
        if self.batched {
            let upcoming: Vec<(&str, &str)> = run
                .iter()
                .filter_map(|prepared| prepared.as_ref().ok()?.key())
                .collect();
            self.store.expect(&upcoming);
        }
        run.into_iter().try_for_each(|prepared| self.take(prepared))
    }

    fn take(&mut self, prepared: Result<Prepared>) -> Result<()> {
        self.report.prepared();
        let prepared = match prepared {
            Ok(prepared) => prepared,
            Err(err) if self.single => return Err(err),
            Err(err) => {
                // One unreadable file should not stop a directory ingest: report
                // it after the inputs before it, go on, fail at the end.
                self.commit()?;
                self.failures += 1;
                return self.report.failed(&err);
            }
        };
        if !self.batched {
            if self.single {
                let (source, outcome) = store_one(self.store, &prepared)?;
                return self.report.stored(&source, &outcome);
            }
            return self.store_alone(&prepared);
        }
        if self.batch.is_empty() {
            self.store.begin_batch()?;
            self.batch.started = std::time::Instant::now();
        }
        match store_one(self.store, &prepared) {
            Ok(stored) => {
                self.batch.push(prepared, stored);
                if self.batch.is_full() {
                    self.commit()?;
                }
                Ok(())
            }
            Err(err) if self.single => Err(err),
            Err(_) => self.replay(Some(&prepared)),
        }
    }

    /// The store rolled the whole batch back, so the failed article left nothing
    /// behind. Stores the batch's articles again, one transaction each, then this
    /// one (if the failure was an article's), which fails again on its own and is
    /// reported in its place.
    fn replay(&mut self, failed: Option<&Prepared>) -> Result<()> {
        self.store.abort_batch()?;
        for (earlier, _) in std::mem::take(&mut self.batch.pending) {
            self.store_alone(&earlier)?;
        }
        self.batch.bytes = 0;
        failed.map_or(Ok(()), |failed| self.store_alone(failed))
    }

    /// Stores one article in its own transaction and reports it, stored or failed.
    fn store_alone(&mut self, prepared: &Prepared) -> Result<()> {
        match store_one(self.store, prepared) {
            Ok((source, outcome)) => self.report.stored(&source, &outcome),
            Err(err) => {
                self.failures += 1;
                self.report.failed(&err)
            }
        }
    }

    /// Commits the open batch (if any), then reports its articles.
    fn commit(&mut self) -> Result<()> {
        // Rows the store held back are written now: should an article's be
        // refused, its batch is rolled back and stored again article by article.
        if self.store.flush_batch().is_err() {
            return self.replay(None);
        }
        self.store.commit_batch()?;
        for (_, (source, outcome)) in self.batch.pending.drain(..) {
            self.report.stored(&source, &outcome)?;
        }
        self.batch.bytes = 0;
        Ok(())
    }
}

/// A batch is committed once it holds this much text: it is kept until the commit,
/// in case a failure makes the batch's articles be stored again.
const BATCH_BYTES: usize = 16 << 20;
/// A batch is committed once it has been open this long, whatever its size.
const BATCH_TIME: std::time::Duration = std::time::Duration::from_millis(100);

/// What one stored article comes to: its source and the store's outcome.
type Stored = (String, IngestOutcome);

/// The articles stored in the open transaction, with their outcomes.
struct Batch {
    pending: Vec<(Prepared, Stored)>,
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

    fn push(&mut self, prepared: Prepared, stored: Stored) {
        if let Prepared::New { doc, .. } = &prepared {
            self.bytes += doc.text.len();
        }
        self.pending.push((prepared, stored));
    }

    fn is_full(&self) -> bool {
        self.pending.len() >= BATCH_ARTICLES
            || self.bytes >= BATCH_BYTES
            || self.started.elapsed() >= BATCH_TIME
    }
}

/// An input read and extracted, ready for the writer.
enum Prepared {
    /// The same bytes are stored already.
    Known(Stored),
    New {
        /// Boxed: a page's metadata makes it large beside `Known`.
        doc: Box<Document>,
        extraction: HashedExtraction,
    },
}

impl Prepared {
    /// The source and bytes' hash of an article to store (none if held already).
    fn key(&self) -> Option<(&str, &str)> {
        match self {
            Prepared::Known(_) => None,
            Prepared::New { doc, .. } => Some((&doc.source, &doc.sha256)),
        }
    }
}

/// The part of ingesting that needs no write access: runs on a worker thread.
fn prepare(lookup: Option<&Store>, input: &Input, options: &Options) -> Result<Prepared> {
    let doc = read_input_with(input, options.source, &options.limits)?;
    // Skip extraction for content we already hold: re-ingesting a corpus is cheap.
    if let Some(store) = lookup
        && let Some(known) = store.known_content(&doc.source, &doc.sha256)?
    {
        let outcome = IngestOutcome::Unchanged {
            article_id: known.article_id,
            source: known.source,
            version: known.version,
        };
        return Ok(Prepared::Known((doc.source, outcome)));
    }
    let extraction = HashedExtraction::from(extract::extract(&doc.text));
    Ok(Prepared::New {
        doc: Box::new(doc),
        extraction,
    })
}

/// About what an input's article holds in memory once read: its file's size (a
/// stat, on the writer's thread, which is cheap beside storing it), or unknown.
fn input_weight(input: &Input) -> usize {
    match input {
        Input::File(path) => std::fs::metadata(path).map_or(usize::MAX, |m| m.len() as usize),
        _ => usize::MAX,
    }
}

/// Stores one prepared article (whole, or not at all).
fn store_one(store: &mut Store, prepared: &Prepared) -> Result<Stored> {
    let (doc, extraction) = match prepared {
        Prepared::Known(stored) => return Ok(stored.clone()),
        Prepared::New { doc, extraction } => (doc, extraction),
    };
    let outcome = store
        .ingest(&doc.article(), extraction)
        .map_err(|cause| Error::NotStored {
            article: shown_source(&doc.source).into_owned(),
            cause: Box::new(cause),
        })?;
    Ok((doc.source.clone(), outcome))
}
