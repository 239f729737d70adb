//! `claimtrack mark` and `claimtrack note`: the reviewer's writes.

use super::output::Committed;
use super::parse_status;
use super::reviewer::ReviewerArg;
use crate::model::Status;
use crate::store::{LinkedChange, Store};
use clap::Args;
use std::io::Write;

/// Set the status of one or more claims (one transaction; one history row each).
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack mark 12 -s false -n 'MoD figures say otherwise'
  claimtrack mark 12-20 -s in-progress
  claimtrack list --flagged | fzf -m | claimtrack mark - -s in-progress")]
pub struct MarkArgs {
    /// Claim ids: `12`, a range `12-20`, or `-` to read ids from stdin (one a
    /// line, or the first column of `claimtrack list` lines).
    #[arg(required = true, value_name = "ID", value_parser = super::ids::parse_id_spec)]
    pub ids: Vec<super::ids::IdSpec>,
    /// One of the register's statuses (`claimtrack status list`; a new register
    /// has unverified, in-progress, verified, false, misleading and inconclusive).
    #[arg(short, long, value_name = "S", value_parser = parse_status)]
    pub status: Status,
    /// Why: kept in the history with the change.
    #[arg(short, long, value_name = "TEXT")]
    pub note: Option<String>,
    /// Also mark the linked claims: the same claim (same normalised text) in other
    /// sources. Without it only the given ids change.
    #[arg(long)]
    pub all_appearances: bool,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

/// Add a note to a claim's history without changing its status.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack note 12 'Asked the ministry for the source, 14:05'
  claimtrack note 12 'Second source confirms' -r ayse")]
pub struct NoteArgs {
    /// The claim id.
    pub id: i64,
    /// The note.
    pub text: String,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run_mark(store: &mut Store, args: MarkArgs) -> anyhow::Result<()> {
    // Each id once: marking the same id twice in one call would record two identical events.
    let ids = super::ids::resolve(&args.ids)?;
    if args.all_appearances {
        return run_mark_linked(store, &ids, &args);
    }
    let changes = store.mark(
        &ids,
        &args.status,
        args.note.as_deref(),
        &args.reviewer.name(store)?,
    )?;
    let mut out = Committed::stdout();
    for change in &changes {
        writeln!(
            out,
            "claim {}: {} → {}",
            change.claim_id, change.old, change.new
        )?;
    }
    out.finish(&format!("{} claims marked {}", changes.len(), args.status));
    // Say where else the claim stands, so a reviewer knows the flag exists; ask nothing.
    for &id in &ids {
        let linked = store.linked_claims(id)?;
        if !linked.is_empty() {
            super::output::say(&format!(
                "note: claim {id} also appears in other sources as claim {}; `--all-appearances` marks those too",
                some_ids(&linked)
            ));
        }
    }
    Ok(())
}

/// Ids shown in a note, at most; a sentence a wire service sent to every
/// outlet can stand in thousands of sources.
const IDS_SHOWN: usize = 10;

/// `ids` for a one-line note: the first [`IDS_SHOWN`], then how many more.
fn some_ids(ids: &[i64]) -> String {
    let shown: Vec<String> = ids.iter().take(IDS_SHOWN).map(i64::to_string).collect();
    match ids.len().saturating_sub(IDS_SHOWN) {
        0 => shown.join(", "),
        more => format!("{} and {more} more", shown.join(", ")),
    }
}

fn run_mark_linked(store: &mut Store, ids: &[i64], args: &MarkArgs) -> anyhow::Result<()> {
    let changes = store.mark_with_linked(
        ids,
        &args.status,
        args.note.as_deref(),
        &args.reviewer.name(store)?,
    )?;
    let mut out = Committed::stdout();
    let marked = changes.len();
    for LinkedChange { change, linked_to } in changes {
        write!(
            out,
            "claim {}: {} → {}",
            change.claim_id, change.old, change.new
        )?;
        match linked_to {
            Some(from) => writeln!(out, " (linked to claim {from})")?,
            None => writeln!(out)?,
        }
    }
    out.finish(&format!("{marked} claims marked {}", args.status));
    Ok(())
}

pub fn run_note(store: &mut Store, args: NoteArgs) -> anyhow::Result<()> {
    if args.text.trim().is_empty() {
        return Err(crate::error::Error::Usage("the note is empty".into()).into());
    }
    let status = store.note(args.id, &args.text, &args.reviewer.name(store)?)?;
    let mut out = Committed::stdout();
    writeln!(out, "claim {}: note added (status {status})", args.id)?;
    out.finish(&format!("the note was added to claim {}", args.id));
    Ok(())
}
