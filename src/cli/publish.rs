//! `claimtrack publish` and `claimtrack reopen`: verdicts that stay put.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, typed_text};
use crate::store::Store;
use clap::Args;

/// Publish a claim's verdict (its final status) with the explanation readers see,
/// and lock it: `mark`, `edit` and `dismiss` are refused until `reopen`.
#[derive(Debug, Args)]
pub struct PublishArgs {
    pub id: i64,
    /// Why the verdict stands: ClaimReview's ratingExplanation.
    #[arg(long, value_name = "TEXT")]
    pub explanation: String,
    /// The claim in a short sentence: ClaimReview's claimReviewed (the claim's
    /// text when not given).
    #[arg(long, value_name = "TEXT")]
    pub summary: Option<String>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

/// Unlock a published claim; its verdict is no longer published.
#[derive(Debug, Args)]
pub struct ReopenArgs {
    pub id: i64,
    /// Why it is reopened.
    #[arg(long, value_name = "TEXT")]
    pub reason: String,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run_publish(store: &mut Store, args: PublishArgs) -> anyhow::Result<()> {
    let explanation = typed_text(&args.explanation, "explanation")?;
    let summary = args
        .summary
        .as_deref()
        .map(|s| typed_text(s, "summary"))
        .transpose()?;
    let status = store.publish(
        args.id,
        &explanation,
        summary.as_deref(),
        &args.reviewer.name(store)?,
    )?;
    report_committed(
        &[format!(
            "claim {}: published as {status}; locked until `claimtrack reopen {}`",
            args.id, args.id
        )],
        &format!("claim {} was published", args.id),
    );
    Ok(())
}

pub fn run_reopen(store: &mut Store, args: ReopenArgs) -> anyhow::Result<()> {
    let reason = typed_text(&args.reason, "reason")?;
    store.reopen(args.id, &reason, &args.reviewer.name(store)?)?;
    report_committed(
        &[format!("claim {}: reopened", args.id)],
        &format!("claim {} was reopened", args.id),
    );
    Ok(())
}
