//! `claimtrack dismiss` and `claimtrack restore`: set aside what is not a claim.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, typed_text};
use crate::store::Store;
use clap::Args;

/// Set claims aside as not claims (boilerplate, narration). They leave every
/// listing, count and report (`list --dismissed` shows them) and stay dismissed in
/// later versions of the article.
#[derive(Debug, Args)]
pub struct DismissArgs {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    /// Why it is not a claim.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

/// Take a dismissal back.
#[derive(Debug, Args)]
pub struct RestoreArgs {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run_dismiss(store: &mut Store, args: DismissArgs) -> anyhow::Result<()> {
    let reason = typed_text(&args.reason, "reason")?;
    store.dismiss(&args.ids, &reason, &args.reviewer.name(store)?)?;
    let lines: Vec<String> = args
        .ids
        .iter()
        .map(|id| format!("claim {id}: dismissed"))
        .collect();
    report_committed(
        &lines,
        &format!("{} claim(s) were dismissed", args.ids.len()),
    );
    Ok(())
}

pub fn run_restore(store: &mut Store, args: RestoreArgs) -> anyhow::Result<()> {
    store.undismiss(&args.ids, &args.reviewer.name(store)?)?;
    let lines: Vec<String> = args
        .ids
        .iter()
        .map(|id| format!("claim {id}: restored"))
        .collect();
    report_committed(
        &lines,
        &format!("{} claim(s) were restored", args.ids.len()),
    );
    Ok(())
}
