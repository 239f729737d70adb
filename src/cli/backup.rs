//! `claimtrack backup`: a consistent copy of the database, safe while others work.

use crate::store::Store;
use clap::Args;
use std::io::Write;
use std::path::PathBuf;

/// Copy the database to FILE with SQLite's online backup: reviewers and ingests
/// may go on meanwhile; the copy holds every change committed when it began. The
/// copy is checked before it is put in place, and an existing FILE is never
/// overwritten. To restore, stop all work and copy FILE over the database.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack backup claims-$(date +%F).db
  claimtrack --db /srv/desk/claims.db backup /mnt/backups/claims.db")]
pub struct BackupArgs {
    /// Where to write the copy (must not exist).
    #[arg(value_name = "FILE")]
    pub file: PathBuf,
}

pub fn run(store: &Store, args: BackupArgs) -> anyhow::Result<()> {
    let summary = store.backup_to(&args.file)?;
    for stale in &summary.removed_stale {
        super::output::say(&format!(
            "claimtrack: removed {}, left by an interrupted backup or export",
            stale.display()
        ));
    }
    writeln!(
        std::io::stdout().lock(),
        "{}: backup of {} written ({} pages, {} bytes, checked ok)",
        args.file.display(),
        store.path().display(),
        summary.pages,
        summary.bytes
    )?;
    Ok(())
}
