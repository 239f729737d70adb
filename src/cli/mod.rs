//! The command line: clap derive, one file per subcommand (its args and its `run`).
//! Commands only wire the reader, the extractor, the store and the renderers.

mod add;
mod appearances;
mod articles;
mod assign;
mod backup;
mod check;
mod claimreview;
mod copy;
mod diff;
mod dismiss;
mod display;
mod edit;
mod export;
mod extract;
mod filter;
mod history;
mod ids;
mod ingest;
mod list;
mod list_format;
mod mark;
mod output;
mod publish;
pub mod review;
mod reviewer;
mod shell;
mod show;
mod stats;
mod status;
mod tag;
mod versions;
mod watch;

use crate::error::Error;
use crate::model::Status;
use crate::store::Location;
use crate::store::Store;
use clap::{Parser, Subcommand};

pub use output::say;

/// claimtrack: extract the claims of news articles into a register that
/// fact-checkers review from the shell, and export it for reports.
#[derive(Debug, Parser)]
#[command(name = "claimtrack", version, about, long_about = None, propagate_version = true)]
pub struct Cli {
    /// The register: an SQLite file, or a PostgreSQL URL
    /// (postgres://USER@HOST/DB; the password from PGPASSWORD or ~/.pgpass) for a
    /// desk's shared register. `ingest` creates it; other commands need it to exist.
    #[arg(
        long,
        global = true,
        env = "CLAIMTRACK_DB",
        default_value = "claims.db",
        value_name = "PATH|URL",
        hide_env_values = true
    )]
    pub db: Location,

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
    Copy(copy::CopyArgs),
    Stats(stats::StatsArgs),
    Versions(versions::VersionsArgs),
    Diff(diff::DiffArgs),
    Watch(watch::WatchArgs),
    Edit(edit::EditArgs),
    Add(add::AddArgs),
    Dismiss(dismiss::DismissArgs),
    Restore(dismiss::RestoreArgs),
    Assign(assign::AssignArgs),
    Unassign(assign::UnassignArgs),
    Tag(tag::TagArgs),
    /// Take tags off claims (`untag 12 13 sudan`), or off an article (`untag --article 3 sudan`).
    Untag(tag::TagArgs),
    Publish(publish::PublishArgs),
    Reopen(publish::ReopenArgs),
    /// The register's statuses: list, add, rename, retire, delete.
    #[command(subcommand)]
    Status(status::StatusCommand),
    Completions(shell::CompletionsArgs),
    Man(shell::ManArgs),
}

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
        Command::Copy(args) => copy::run(&open(&cli.db)?, args),
        Command::Stats(args) => stats::run(&open(&cli.db)?, args),
        Command::Versions(args) => versions::run(&open(&cli.db)?, args),
        Command::Diff(args) => diff::run(&open(&cli.db)?, args),
        Command::Watch(args) => watch::run(&cli.db, args),
        Command::Edit(args) => edit::run(&mut open(&cli.db)?, args),
        Command::Add(args) => add::run(&mut open(&cli.db)?, args),
        Command::Dismiss(args) => dismiss::run_dismiss(&mut open(&cli.db)?, args),
        Command::Restore(args) => dismiss::run_restore(&mut open(&cli.db)?, args),
        Command::Assign(args) => assign::run_assign(&mut open(&cli.db)?, args),
        Command::Unassign(args) => assign::run_unassign(&mut open(&cli.db)?, args),
        Command::Tag(args) => tag::run_tag(&mut open(&cli.db)?, args),
        Command::Untag(args) => tag::run_untag(&mut open(&cli.db)?, args),
        Command::Publish(args) => publish::run_publish(&mut open(&cli.db)?, args),
        Command::Reopen(args) => publish::run_reopen(&mut open(&cli.db)?, args),
        Command::Status(command) => status::run(&mut open(&cli.db)?, command),
        Command::Completions(args) => shell::completions(args),
        Command::Man(args) => shell::man(args),
    }
}

/// A clap error as claimtrack prints it: `None` for help and version output
/// (printed as clap renders it), otherwise the message on one line and at most
/// one hint line (clap's tip, or the usage line).
pub fn parse_error_lines(err: &clap::Error) -> Option<Vec<String>> {
    use clap::error::ErrorKind;
    if matches!(
        err.kind(),
        ErrorKind::DisplayHelp
            | ErrorKind::DisplayVersion
            | ErrorKind::DisplayHelpOnMissingArgumentOrSubcommand
    ) {
        return None;
    }
    let text = err.render().to_string();
    let mut lines = text
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .peekable();
    let first = lines.next().unwrap_or("bad usage");
    let mut message = first.strip_prefix("error: ").unwrap_or(first).to_string();
    // "the following required arguments were not provided:" lists them below.
    if message.ends_with(':') {
        let items: Vec<&str> = std::iter::from_fn(|| {
            lines.next_if(|l| !l.starts_with("tip:") && !l.starts_with("Usage:"))
        })
        .collect();
        message = format!("{message} {}", items.join(", "));
    }
    let rest: Vec<&str> = lines.collect();
    let hint = rest
        .iter()
        .find(|l| l.starts_with("tip:"))
        .or_else(|| rest.iter().find(|l| l.starts_with("Usage:")))
        .map(|l| {
            let l = l.replace("Usage:", "usage:");
            format!("{l} (see --help)")
        });
    Some(
        std::iter::once(format!("claimtrack: {message}"))
            .chain(hint)
            .collect(),
    )
}

fn open(location: &Location) -> Result<Store, Error> {
    Store::open(location)
}

/// clap value parser for `--limit`: a limit of 0 would show nothing and look like
/// an empty register.
fn parse_limit(text: &str) -> Result<u64, String> {
    match text.parse::<u64>() {
        Ok(0) => Err("a limit of 0 shows nothing; give 1 or more (or leave --limit out)".into()),
        Ok(n) => Ok(n),
        Err(_) => Err(format!("'{text}' is not a whole number")),
    }
}

/// clap value parser for version numbers, which start at 1.
fn parse_version(text: &str) -> Result<i64, String> {
    match text.parse::<i64>() {
        Ok(n) if n >= 1 => Ok(n),
        Ok(_) => Err("versions are numbered from 1".into()),
        Err(_) => Err(format!("'{text}' is not a version number")),
    }
}

/// A source as the user names it on the command line: an existing file by its
/// absolute path, as ingest stores it; anything else (a URL, a name, an article
/// id) as written.
fn source_key(text: &str) -> String {
    std::fs::canonicalize(text)
        .ok()
        .filter(|path| path.is_file())
        .map_or_else(|| text.to_string(), |path| path.display().to_string())
}

/// clap value parser for statuses: an unknown one is refused with the valid list.
fn parse_status(text: &str) -> Result<Status, String> {
    text.parse()
        .map_err(|e: crate::model::UnknownStatus| e.to_string())
}
