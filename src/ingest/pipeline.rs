//! Parallel preparation, one writer, input order kept.
//!
//! Ingest reads, decodes and extracts articles on every core, but SQLite takes one
//! writer at a time and the report must list articles in the order given. So
//! workers take items by index, and the calling thread (the single writer) receives
//! the results and consumes them strictly in index order. Workers may run ahead of
//! the writer by a window of items that also has a budget of bytes (of input, as
//! the caller weighs it), which bounds memory to the articles in flight (and the
//! run the writer holds, below) however large the corpus is.
//!
//! The writer is fed every result ready in order at once ([`Feed::Items`]), and
//! before it waits for the next one, it is told so ([`Feed::Waiting`]):
//! a writer holding SQLite's lock over a batch commits then, so that a slow input
//! (a FIFO, a large page being parsed) never keeps reviewers waiting on the lock.

use std::collections::{BTreeMap, VecDeque};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// What the writer is fed, in order.
#[derive(Debug)]
pub enum Feed<P> {
    /// The results ready next, in order: one or more, weighing together no more
    /// than the window's bytes (or one result). The writer may look at them all
    /// before it takes the first (to look them up at once, say).
    Items(Vec<P>),
    /// The next result is not ready: the writer is about to wait for it.
    Waiting,
}

/// Workers to use: one per core the process may run on.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Items per worker that may always be in flight, whatever their size.
const AHEAD_ALWAYS: usize = 2;
/// Items per worker that may be in flight while they weigh no more than
/// [`AHEAD_BYTES`] together. With only the two above, a worker the scheduler set
/// aside for a millisecond left the writer nothing to take, and a writer that
/// waits commits: the 50 MB ingest committed ~600 batches of ~10 articles instead
/// of ~25 of up to 256.
const AHEAD_MOST: usize = 32;
/// What the items in flight may weigh together, beyond [`AHEAD_ALWAYS`] a worker.
const AHEAD_BYTES: usize = 4 << 20;

/// Runs `work` over `items` on `workers` threads (each with its own state from
/// `init`, e.g. a read connection) and feeds every result to `sink` on the calling
/// thread, in the order of `items`, with a [`Feed::Waiting`] before each wait. The
/// first error from `sink` stops the workers and is returned. A panicking worker
/// panics the caller, as a plain loop would. `weight` is what an item's result
/// will hold in memory, about (bytes; `usize::MAX` when unknown): workers run far
/// ahead of `sink` only over light items.
pub fn ordered_parallel_map<I, S, P, E>(
    items: &[I],
    workers: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &I) -> P + Sync,
    weight: impl Fn(&I) -> usize,
    mut sink: impl FnMut(Feed<P>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    P: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    let (job_tx, job_rx) = mpsc::channel::<usize>();
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, P)>();
    let cancelled = AtomicBool::new(false);
    // The items issued and not yet fed to `sink`, their weights in order.
    let mut in_flight = InFlight::default();
    std::thread::scope(|scope| {
        // Issues jobs while the window allows; the receiver lives until the end of
        // this function, so sending cannot fail.
        let issue = |in_flight: &mut InFlight| {
            while let Some(item) = items.get(in_flight.issued) {
                let ahead = in_flight.weights.len();
                // Capped, so that the sum of at most AHEAD_MOST items cannot overflow.
                let item_weight = weight(item).min(AHEAD_BYTES + 1);
                if ahead >= AHEAD_MOST * workers
                    || (ahead >= AHEAD_ALWAYS * workers
                        && in_flight.weight + item_weight > AHEAD_BYTES)
                {
                    break;
                }
                let _ = job_tx.send(in_flight.issued);
                in_flight.push(item_weight);
            }
        };
        issue(&mut in_flight);
        for _ in 0..workers {
            let result_tx = result_tx.clone();
            let (job_rx, init, work, cancelled) = (&job_rx, &init, &work, &cancelled);
            scope.spawn(move || {
                let mut state = init();
                loop {
                    let next = job_rx.lock().map(|rx| rx.recv());
                    let Ok(Ok(index)) = next else { break };
                    if cancelled.load(Ordering::Relaxed) {
                        break;
                    }
                    let result = work(&mut state, &items[index]);
                    if result_tx.send((index, result)).is_err() {
                        break;
                    }
                }
            });
        }
        drop(result_tx);

        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut outcome = Ok(());
        while next < items.len() {
            // Whatever has arrived, then the run of it that comes next in order.
            while let Ok((index, result)) = result_rx.try_recv() {
                pending.insert(index, result);
            }
            // A run weighs no more than the window's bytes (or is one item), so
            // that the window and the run the writer holds bound what is in memory.
            let (mut run, mut run_weight) = (Vec::new(), 0);
            while pending.contains_key(&next)
                && (run.is_empty() || run_weight + in_flight.oldest() <= AHEAD_BYTES)
            {
                let Some(result) = pending.remove(&next) else {
                    break;
                };
                next += 1;
                run_weight += in_flight.pop();
                run.push(result);
            }
            let waiting = run.is_empty();
            let fed = if waiting {
                sink(Feed::Waiting)
            } else {
                // The window moves on while the writer takes the run: at most
                // a window's worth more is in memory meanwhile.
                issue(&mut in_flight);
                sink(Feed::Items(run))
            };
            if let Err(err) = fed {
                outcome = Err(err);
                cancelled.store(true, Ordering::Relaxed);
                break;
            }
            if !waiting {
                continue;
            }
            // Err: every worker is gone, which only a panic causes; the scope re-raises it.
            let Ok((index, result)) = result_rx.recv() else {
                break;
            };
            pending.insert(index, result);
        }
        drop(job_tx);
        outcome
    })
}

/// The jobs issued to the workers whose results the writer has not taken.
#[derive(Default)]
struct InFlight {
    /// Jobs issued so far: the next one is this index.
    issued: usize,
    weights: VecDeque<usize>,
    /// The sum of `weights`.
    weight: usize,
}

impl InFlight {
    fn push(&mut self, weight: usize) {
        self.issued += 1;
        self.weights.push_back(weight);
        self.weight += weight;
    }

    /// What the oldest job's result weighs.
    fn oldest(&self) -> usize {
        self.weights.front().copied().unwrap_or_default()
    }

    /// The oldest job's result was taken; returns its weight.
    fn pop(&mut self) -> usize {
        let weight = self.weights.pop_front().unwrap_or_default();
        self.weight -= weight;
        weight
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_in_input_order_whatever_the_timing() {
        let items: Vec<u64> = (0..200).collect();
        let mut seen = Vec::new();
        ordered_parallel_map(
            &items,
            4,
            || (),
            |_, &n| {
                // Later items finish first now and then.
                std::thread::sleep(std::time::Duration::from_micros((200 - n) % 7 * 50));
                n * 2
            },
            |_| 0,
            |fed| {
                if let Feed::Items(run) = fed {
                    seen.extend(run);
                }
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        assert_eq!(seen, items.iter().map(|n| n * 2).collect::<Vec<_>>());
    }

    #[test]
    fn a_sink_error_stops_early() {
        let items: Vec<u32> = (0..1000).collect();
        let mut runs: Vec<Vec<u32>> = Vec::new();
        let err = ordered_parallel_map(
            &items,
            2,
            || (),
            |_, &n| n,
            |_| 0,
            |fed| match fed {
                Feed::Items(run) => {
                    let stop = run.contains(&10);
                    runs.push(run);
                    if stop { Err("stop") } else { Ok(()) }
                }
                Feed::Waiting => Ok(()),
            },
        );
        assert_eq!(err, Err("stop"));
        let last = runs.last().unwrap();
        assert!(last.contains(&10), "nothing was fed after the refused run");
        assert!(*last.last().unwrap() < 999, "the workers stopped early");
    }

    #[test]
    fn no_items_is_fine() {
        let items: Vec<u8> = Vec::new();
        let result =
            ordered_parallel_map(&items, 3, || (), |_, &n| n, |_| 0, |_| Err::<(), ()>(()));
        assert_eq!(result, Ok(()));
    }

    #[test]
    fn the_writer_hears_before_it_waits() {
        let items: Vec<u64> = (0..3).collect();
        let mut fed = Vec::new();
        let result = ordered_parallel_map(
            &items,
            1,
            || (),
            |_, &n| {
                std::thread::sleep(std::time::Duration::from_millis(20));
                n
            },
            |_| 0,
            |f| {
                fed.push(match f {
                    Feed::Waiting => "waiting".to_string(),
                    Feed::Items(run) => format!("{run:?}"),
                });
                Ok::<(), ()>(())
            },
        );
        assert_eq!(result, Ok(()));
        // Each slow item is waited for, and the writer heard so first.
        assert_eq!(fed, ["waiting", "[0]", "waiting", "[1]", "waiting", "[2]"]);
    }

    /// How many items the worker did beyond the first run the writer was
    /// handed, over items 0..200 that each weigh `weight`, while the writer
    /// dallied over that run.
    fn furthest_ahead(weight: usize) -> usize {
        use std::sync::atomic::AtomicUsize;
        let items: Vec<usize> = (0..200).collect();
        let done = AtomicUsize::new(0);
        let mut ahead = None;
        ordered_parallel_map(
            &items,
            1,
            || (),
            |_, &n| done.fetch_max(n + 1, Ordering::SeqCst),
            |_| weight,
            |f| {
                if let Feed::Items(run) = f
                    && ahead.is_none()
                {
                    std::thread::sleep(std::time::Duration::from_millis(50));
                    ahead = Some(done.load(Ordering::SeqCst) - run.len());
                }
                Ok::<(), ()>(())
            },
        )
        .unwrap();
        ahead.unwrap()
    }

    #[test]
    fn a_run_weighs_no_more_than_the_window_allows() {
        let items: Vec<usize> = (0..40).collect();
        for (weight, longest) in [(1, AHEAD_MOST * 2), (AHEAD_BYTES / 4, 4), (AHEAD_BYTES, 1)] {
            let mut runs = Vec::new();
            ordered_parallel_map(
                &items,
                2,
                || (),
                |_, &n| n,
                |_| weight,
                |f| {
                    if let Feed::Items(run) = f {
                        // The writer is slow: the window fills meanwhile.
                        std::thread::sleep(std::time::Duration::from_millis(5));
                        runs.push(run.len());
                    }
                    Ok::<(), ()>(())
                },
            )
            .unwrap();
            assert!(runs.iter().all(|&n| n <= longest), "{weight}: {runs:?}");
            assert_eq!(runs.iter().sum::<usize>(), items.len());
        }
    }

    #[test]
    fn workers_run_far_ahead_only_over_light_items() {
        // Light items: the worker goes on while the writer is busy.
        assert_eq!(furthest_ahead(1), AHEAD_MOST);
        // Heavy ones, or of unknown weight: no more in flight than the few always allowed.
        assert_eq!(furthest_ahead(AHEAD_BYTES), AHEAD_ALWAYS);
        assert_eq!(furthest_ahead(usize::MAX), AHEAD_ALWAYS);
    }
}
