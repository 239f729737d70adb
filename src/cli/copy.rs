//! `claimtrack copy --to DB`: the whole register into a new one, SQLite or PostgreSQL.

use crate::store::{Location, Store};
use clap::Args;
use std::io::Write;

/// Copy the whole register (articles, versions, claims with their ids, the full
/// history, tags, statuses) into an empty register: from an SQLite file to a
/// desk's PostgreSQL database, or back. The target must hold nothing yet; it
/// gets all of it or nothing. Afterwards `check` passes on both, and `export
/// --format json` of both is the same.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack --db claims.db copy --to postgres://desk@db.example/claims
  claimtrack --db postgres://desk@db.example/claims copy --to claims-copy.db")]
pub struct CopyArgs {
    /// The register to fill: a new SQLite file, or a PostgreSQL URL whose
    /// database is empty.
    #[arg(long, value_name = "PATH|URL")]
    pub to: Location,
}

pub fn run(store: &Store, args: CopyArgs) -> anyhow::Result<()> {
    let created = args.to.file().filter(|path| !path.exists());
    let copied = Store::create_or_open(&args.to).and_then(|mut target| store.copy_to(&mut target));
    let summary = match copied {
        Ok(summary) => summary,
        Err(err) => {
            // A file this command created holds nothing of the copy: take it away.
            if let Some(path) = created {
                let _ = std::fs::remove_file(path);
            }
            return Err(err.into());
        }
    };
    writeln!(
        std::io::stdout().lock(),
        "{}: copied {} articles, {} claims, {} history rows from {}",
        args.to,
        summary.articles,
        summary.claims,
        summary.reviews,
        store.path().display()
    )?;
    Ok(())
}
