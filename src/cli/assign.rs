//! `claimtrack assign` and `claimtrack unassign`: divide the work.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, valid_name};
use crate::store::Store;
use clap::Args;

/// Give claims to a reviewer (`--to me` for yourself).
#[derive(Debug, Args)]
pub struct AssignArgs {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    /// Who takes them: a name, or `me`.
    #[arg(long, value_name = "NAME")]
    pub to: String,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

/// Take claims back from whoever has them.
#[derive(Debug, Args)]
pub struct UnassignArgs {
    #[arg(required = true, value_name = "ID")]
    pub ids: Vec<i64>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run_assign(store: &mut Store, args: AssignArgs) -> anyhow::Result<()> {
    let reviewer = args.reviewer.name(store)?;
    let to = match args.to.trim() {
        "me" => reviewer.clone(),
        name => name.to_string(),
    };
    valid_name(&to, "assignee")?;
    if to == "none" {
        return Err(crate::error::Error::Usage(
            "'none' means nobody in `list --assignee`; use `claimtrack unassign` instead".into(),
        )
        .into());
    }
    store.assign(&args.ids, Some(&to), &reviewer)?;
    let lines: Vec<String> = args
        .ids
        .iter()
        .map(|id| format!("claim {id}: assigned to {to}"))
        .collect();
    report_committed(
        &lines,
        &format!("{} claim(s) were assigned to {to}", args.ids.len()),
    );
    Ok(())
}

pub fn run_unassign(store: &mut Store, args: UnassignArgs) -> anyhow::Result<()> {
    store.assign(&args.ids, None, &args.reviewer.name(store)?)?;
    let lines: Vec<String> = args
        .ids
        .iter()
        .map(|id| format!("claim {id}: unassigned"))
        .collect();
    report_committed(
        &lines,
        &format!("{} claim(s) were unassigned", args.ids.len()),
    );
    Ok(())
}
