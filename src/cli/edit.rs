//! `claimtrack edit`: correct the extractor's attribution of a claim.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, typed_text};
use crate::error::Error;
use crate::store::{Correction, Field, Store};
use clap::Args;

/// Correct a claim's speaker, outlet, cue or flag. History keeps the old and new
/// values; the correction is kept when a new version of the article is ingested.
#[derive(Debug, Args)]
pub struct EditArgs {
    /// The claim id.
    pub id: i64,
    /// Who made the claim, as it should read.
    #[arg(long, value_name = "TEXT", conflicts_with = "no_speaker")]
    pub speaker: Option<String>,
    /// The claim has no speaker.
    #[arg(long)]
    pub no_speaker: bool,
    /// The outlet that relayed it.
    #[arg(long, value_name = "TEXT", conflicts_with = "no_outlet")]
    pub outlet: Option<String>,
    /// No outlet relayed it.
    #[arg(long)]
    pub no_outlet: bool,
    /// The attribution cue ("said", "according to").
    #[arg(long, value_name = "TEXT", conflicts_with = "no_cue")]
    pub cue: Option<String>,
    #[arg(long)]
    pub no_cue: bool,
    /// The text's own hedge ("could not be independently verified").
    #[arg(long, value_name = "PHRASE", conflicts_with = "no_flag")]
    pub flag: Option<String>,
    /// The text does not hedge the claim.
    #[arg(long)]
    pub no_flag: bool,
    /// Why: kept in the history with each change.
    #[arg(long, value_name = "TEXT")]
    pub note: Option<String>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run(store: &mut Store, args: EditArgs) -> anyhow::Result<()> {
    let corrections = corrections(&args)?;
    if corrections.is_empty() {
        return Err(Error::Usage(
            "nothing to change: give --speaker, --outlet, --cue or --flag (or --no-...)".into(),
        )
        .into());
    }
    let note = args
        .note
        .as_deref()
        .map(|n| typed_text(n, "note"))
        .transpose()?;
    let changes = store.edit(
        args.id,
        &corrections,
        note.as_deref(),
        &args.reviewer.name(store)?,
    )?;
    if changes.is_empty() {
        super::output::print(&format!("claim {}: nothing changed", args.id))?;
        return Ok(());
    }
    let lines: Vec<String> = changes
        .iter()
        .map(|change| {
            format!(
                "claim {}: {} {} → {}",
                args.id,
                change.field.as_str(),
                shown(change.old.as_deref()),
                shown(change.new.as_deref())
            )
        })
        .collect();
    report_committed(&lines, &format!("claim {} was edited", args.id));
    Ok(())
}

fn shown(value: Option<&str>) -> String {
    value.map_or_else(|| "(none)".to_string(), |v| format!("\u{201c}{v}\u{201d}"))
}

fn corrections(args: &EditArgs) -> Result<Vec<Correction>, Error> {
    let fields = [
        (Field::Speaker, &args.speaker, args.no_speaker),
        (Field::Outlet, &args.outlet, args.no_outlet),
        (Field::Cue, &args.cue, args.no_cue),
        (Field::Flag, &args.flag, args.no_flag),
    ];
    let mut corrections = Vec::new();
    for (field, value, cleared) in fields {
        if let Some(value) = value {
            let value = typed_text(value, field.as_str())?;
            if value.contains('\n') {
                return Err(Error::Usage(format!("the {} is one line", field.as_str())));
            }
            corrections.push(Correction {
                field,
                value: Some(value),
            });
        } else if cleared {
            corrections.push(Correction { field, value: None });
        }
    }
    Ok(corrections)
}
