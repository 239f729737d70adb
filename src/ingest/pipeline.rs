//! Parallel preparation, one writer, input order kept.
//!
//! Ingest reads, decodes and extracts articles on every core, but SQLite takes one
//! writer at a time and the report must list articles in the order given. So
//! workers take items by index, and the calling thread (the single writer) receives
//! the results and consumes them strictly in index order. Workers may run at most
//! `window` items ahead of the writer, which bounds memory to a few articles in
//! flight however large the corpus is.
//!
//! Before the writer waits for the next result, it is told so ([`Feed::Waiting`]):
//! a writer holding SQLite's lock over a batch commits then, so that a slow input
//! (a FIFO, a large page being parsed) never keeps reviewers waiting on the lock.

use std::collections::BTreeMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Mutex, mpsc};

/// What the writer is fed, in order.
#[derive(Debug)]
pub enum Feed<P> {
    /// The next item's result.
    Item(P),
    /// The next result is not ready: the writer is about to wait for it.
    Waiting,
}

/// Workers to use: one per core the process may run on.
pub fn default_workers() -> usize {
    std::thread::available_parallelism().map_or(1, |n| n.get())
}

/// Runs `work` over `items` on `workers` threads (each with its own state from
/// `init`, e.g. a read connection) and feeds every result to `sink` on the calling
/// thread, in the order of `items`, with a [`Feed::Waiting`] before each wait. The first error from `sink` stops the workers
/// and is returned. A panicking worker panics the caller, as a plain loop would.
pub fn ordered_parallel_map<I, S, P, E>(
    items: &[I],
    workers: usize,
    init: impl Fn() -> S + Sync,
    work: impl Fn(&mut S, &I) -> P + Sync,
    mut sink: impl FnMut(Feed<P>) -> Result<(), E>,
) -> Result<(), E>
where
    I: Sync,
    P: Send,
{
    let workers = workers.clamp(1, items.len().max(1));
    let window = 2 * workers;
    let (job_tx, job_rx) = mpsc::channel::<usize>();
    let job_rx = Mutex::new(job_rx);
    let (result_tx, result_rx) = mpsc::channel::<(usize, P)>();
    let cancelled = AtomicBool::new(false);
    let mut issued = 0;
    while issued < items.len().min(window) {
        // The receiver lives until the end of this function: sending cannot fail.
        let _ = job_tx.send(issued);
        issued += 1;
    }
    std::thread::scope(|scope| {
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
            let received = match result_rx.try_recv() {
                Ok(received) => Ok(received),
                Err(mpsc::TryRecvError::Empty) => {
                    if let Err(err) = sink(Feed::Waiting) {
                        outcome = Err(err);
                        cancelled.store(true, Ordering::Relaxed);
                        break;
                    }
                    result_rx.recv().map_err(|_| ())
                }
                Err(mpsc::TryRecvError::Disconnected) => Err(()),
            };
            // Err: every worker is gone, which only a panic causes; the scope re-raises it.
            let Ok((index, result)) = received else {
                break;
            };
            pending.insert(index, result);
            while let Some(result) = pending.remove(&next) {
                next += 1;
                if let Err(err) = sink(Feed::Item(result)) {
                    outcome = Err(err);
                    break;
                }
                if issued < items.len() {
                    let _ = job_tx.send(issued);
                    issued += 1;
                }
            }
            if outcome.is_err() {
                cancelled.store(true, Ordering::Relaxed);
                break;
            }
        }
        drop(job_tx);
        outcome
    })
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
            |fed| {
                if let Feed::Item(n) = fed {
                    seen.push(n);
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
        let mut taken = 0;
        let err = ordered_parallel_map(
            &items,
            2,
            || (),
            |_, &n| n,
            |fed| match fed {
                Feed::Item(n) => {
                    taken += 1;
                    if n == 10 { Err("stop") } else { Ok(()) }
                }
                Feed::Waiting => Ok(()),
            },
        );
        assert_eq!(err, Err("stop"));
        assert_eq!(taken, 11);
    }

    #[test]
    fn no_items_is_fine() {
        let items: Vec<u8> = Vec::new();
        let result = ordered_parallel_map(&items, 3, || (), |_, &n| n, |_| Err::<(), ()>(()));
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
            |f| {
                fed.push(matches!(f, Feed::Waiting));
                Ok::<(), ()>(())
            },
        );
        assert_eq!(result, Ok(()));
        // Each slow item is waited for, and the writer heard so first.
        assert_eq!(fed, [true, false, true, false, true, false]);
    }
}
