//! `claimtrack check`: is the register whole and consistent?

use crate::store::Store;
use clap::Args;
use std::io::Write;

/// Check the database: SQLite's integrity check plus claimtrack's invariants
/// (statuses, published verdicts, dismissals and assignees match their history, no
/// orphan rows, every stored article has all its claims, versions numbered 1..n,
/// claim offsets point at their text). Prints each problem and exits 1 if there is any.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack check
  claimtrack --db /srv/desk/claims.db check")]
pub struct CheckArgs {}

pub fn run(store: &Store, _args: CheckArgs) -> anyhow::Result<()> {
    let report = store.check()?;
    let mut out = std::io::stdout().lock();
    if report.violations.is_empty() {
        writeln!(
            out,
            "ok: {} articles, {} claims, {} history rows; integrity and every invariant hold",
            report.articles, report.claims, report.reviews
        )?;
        return Ok(());
    }
    for violation in &report.violations {
        writeln!(
            out,
            "FAILED ({} rows): {}",
            violation.count, violation.invariant
        )?;
        for example in &violation.examples {
            writeln!(out, "  {example}")?;
        }
        let hidden = violation.count - violation.examples.len();
        if hidden > 0 {
            writeln!(out, "  … and {hidden} more")?;
        }
    }
    out.flush()?;
    anyhow::bail!(
        "{}: check found {} problems",
        store.path().display(),
        report.problem_count()
    )
}
