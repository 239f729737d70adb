//! `claimtrack status`: the register's own statuses.

use super::output::{print, report_committed};
use super::reviewer::{ReviewerArg, valid_name};
use crate::error::Error;
use crate::output::{stdout_is_terminal, table};
use crate::store::{NewStatus, Store};
use clap::{Args, Subcommand};
use std::io::Write;

/// The register's statuses: list them, add the desk's own, rename, retire.
#[derive(Debug, Subcommand)]
pub enum StatusCommand {
    /// List the statuses with their claim counts and ClaimReview ratings.
    List {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Add a status.
    Add(AddStatusArgs),
    /// Rename a status; claims that have it follow.
    Rename {
        old: String,
        new: String,
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
    /// Retire a status: no new marks with it; claims that have it keep it.
    Retire {
        name: String,
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
    /// Delete a status no claim has ever had.
    Delete {
        name: String,
        #[command(flatten)]
        reviewer: ReviewerArg,
    },
    /// Every change to the statuses (add, rename, retire, delete), newest first,
    /// with who made it and when.
    History {
        /// JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
}

#[derive(Debug, Args)]
pub struct AddStatusArgs {
    /// Lower case, digits and dashes (`needs-expert`).
    pub name: String,
    /// How reports show it.
    #[arg(long, value_name = "TEXT")]
    pub label: String,
    /// A verdict: publishable, and exported as ClaimReview.
    #[arg(long = "final")]
    pub is_final: bool,
    /// ClaimReview ratingValue, 1 (worst) to 5 (best); needs --final and --rating-label.
    #[arg(long, value_name = "N", value_parser = clap::value_parser!(i64).range(1..=5), requires = "rating_label")]
    pub rating: Option<i64>,
    /// ClaimReview alternateName ("Mostly true").
    #[arg(long, value_name = "TEXT", requires = "rating")]
    pub rating_label: Option<String>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run(store: &mut Store, command: StatusCommand) -> anyhow::Result<()> {
    match command {
        StatusCommand::List { json } => list(store, json),
        StatusCommand::History { json } => history(store, json),
        StatusCommand::Add(args) => {
            status_name(&args.name)?;
            valid_name(&args.label, "label")?;
            if args.rating.is_some() && !args.is_final {
                return Err(
                    Error::Usage("--rating needs --final: only verdicts are rated".into()).into(),
                );
            }
            let rating_label = args.rating_label.as_deref().unwrap_or_default();
            store.add_status(
                &NewStatus {
                    name: &args.name,
                    label: &args.label,
                    is_final: args.is_final,
                    rating: args.rating.map(|r| (r, rating_label)),
                },
                &args.reviewer.name(store)?,
            )?;
            report_committed(
                &[format!("status {}: added", args.name)],
                &format!("status {} was added", args.name),
            );
            Ok(())
        }
        StatusCommand::Rename { old, new, reviewer } => {
            status_name(&new)?;
            let claims = store.rename_status(&old, &new, &reviewer.name(store)?)?;
            report_committed(
                &[format!(
                    "status {old}: renamed {new} ({claims} claim(s) follow)"
                )],
                &format!("status {old} was renamed {new}"),
            );
            Ok(())
        }
        StatusCommand::Retire { name, reviewer } => {
            store.retire_status(&name, &reviewer.name(store)?)?;
            report_committed(
                &[format!("status {name}: retired")],
                &format!("status {name} was retired"),
            );
            Ok(())
        }
        StatusCommand::Delete { name, reviewer } => {
            store.delete_status(&name, &reviewer.name(store)?)?;
            report_committed(
                &[format!("status {name}: deleted")],
                &format!("status {name} was deleted"),
            );
            Ok(())
        }
    }
}

fn list(store: &Store, json: bool) -> anyhow::Result<()> {
    let statuses = store.statuses()?;
    if json {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&statuses)?
        )?;
        return Ok(());
    }
    print(&table::statuses(&statuses, stdout_is_terminal()))?;
    Ok(())
}

fn history(store: &Store, json: bool) -> anyhow::Result<()> {
    let events = store.status_events()?;
    if json {
        writeln!(
            std::io::stdout().lock(),
            "{}",
            serde_json::to_string_pretty(&events)?
        )?;
        return Ok(());
    }
    print(&table::status_events(
        &events,
        table::Shape::for_stdout(false),
    ))?;
    Ok(())
}

/// A status name as typed on the command line: lower case, digits and dashes.
fn status_name(name: &str) -> Result<(), Error> {
    let ok = !name.is_empty()
        && name.len() <= 40
        && name.starts_with(|c: char| c.is_ascii_lowercase())
        && name
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-');
    if ok {
        Ok(())
    } else {
        Err(Error::Usage(format!(
            "status name '{name}': use lower case letters, digits and dashes (at most 40)"
        )))
    }
}
