//! The command line: clap derive, one file per subcommand (its args and its `run`).
//! Commands only wire the reader, the extractor, the store and the renderers.

mod appearances;
mod articles;
mod backup;
mod check;
mod claimreview;
mod diff;
mod display;
mod export;
mod extract;
mod filter;
mod history;
mod ids;
mod ingest;
mod list;
mod mark;
mod output;
pub mod review;
mod shell;
mod show;
mod stats;
mod versions;

use crate::error::Error;
use crate::model::Status;
use crate::store::Store;
use clap::{Parser, Subcommand};
use std::path::PathBuf;

/// claimtrack: extract the claims of news articles into a register that
/// fact-checkers review from the shell, and export it for reports.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The claims database (created on first use).
    #[arg(
        long,
        global = true,
        env = "CLAIMTRACK_DB",
        default_value = "claims.db",
        value_name = "PATH"
    )]
    pub db: PathBuf,

    #[command(flatten)]
    pub display: display::DisplayArgs,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    Ingest(ingest::IngestArgs),
    Extract(extract::ExtractArgs),
    List(list::ListArgs),
    Show(show::ShowArgs),
    Mark(mark::MarkArgs),
    Note(mark::NoteArgs),
    Review(review::ReviewArgs),
    History(history::HistoryArgs),
    Articles(articles::ArticlesArgs),
    Export(export::ExportArgs),
    Check(check::CheckArgs),
    Backup(backup::BackupArgs),
    Stats(stats::StatsArgs),
    Versions(versions::VersionsArgs),
    Diff(diff::DiffArgs),
    Completions(shell::CompletionsArgs),
    Man(shell::ManArgs),
}

/// A mistake in how the command was called (exit code 2), as opposed to an
/// operation that failed (exit code 1).
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct UsageError(pub String);

/// Runs one parsed command line.
pub fn run(cli: Cli) -> anyhow::Result<()> {
    match cli.command {
        Command::Ingest(args) => ingest::run(&cli.db, args),
        Command::Extract(args) => extract::run(args),
        Command::List(args) => list::run(&open(&cli.db)?, args, &cli.display),
        Command::Show(args) => show::run(&open(&cli.db)?, args, &cli.display),
        Command::Mark(args) => mark::run_mark(&mut open(&cli.db)?, args),
        Command::Note(args) => mark::run_note(&mut open(&cli.db)?, args),
        Command::Review(args) => review::run(&mut open(&cli.db)?, args, &cli.display),
        Command::History(args) => history::run(&open(&cli.db)?, args, &cli.display),
        Command::Articles(args) => articles::run(&open(&cli.db)?, args, &cli.display),
        Command::Export(args) => export::run(&open(&cli.db)?, args),
        Command::Check(args) => check::run(&open(&cli.db)?, args),
        Command::Backup(args) => backup::run(&open(&cli.db)?, args),
        Command::Stats(args) => stats::run(&open(&cli.db)?, args),
        Command::Versions(args) => versions::run(&open(&cli.db)?, args),
        Command::Diff(args) => diff::run(&open(&cli.db)?, args),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

fn open(path: &std::path::Path) -> Result<Store, Error> {
    Store::open(path)
}

/// clap value parser for statuses: an unknown one is refused with the valid list.
fn parse_status(text: &str) -> Result<Status, String> {
    text.parse()
        .map_err(|e: crate::model::UnknownStatus| e.to_string())
}
