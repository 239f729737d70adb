//! `claimtrack list`: the claims register as a table (tab-separated when piped)
//! or a machine format.

use super::display::DisplayArgs;
use super::filter::FilterArgs;
use super::list_format::ListFormat;
use super::output::Sink;
use crate::error::Error;
use crate::model::ClaimRecord;
use crate::output::{stdout_is_terminal, table};
use crate::store::Store;
use clap::Args;

/// List claims (oldest first unless --sort says otherwise), with filters.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack list --flagged --since yesterday
  claimtrack list --search '\"fake news\"' --speaker cavusoglu
  claimtrack list --flagged | fzf -m | claimtrack mark - -s in-progress")]
pub struct ListArgs {
    #[command(flatten)]
    pub filter: FilterArgs,
    /// Show at most N claims.
    #[arg(short, long, value_name = "N", value_parser = super::parse_limit)]
    pub limit: Option<u64>,
    /// table (on a terminal; tab-separated lines when piped, unless given), tsv,
    /// json, jsonl or csv.
    #[arg(short, long, value_enum)]
    pub format: Option<ListFormat>,
    /// Add how many article versions (and sources) hold each claim or a claim
    /// linked to it: a column in the table, `appearances` and `sources` fields otherwise.
    #[arg(long)]
    pub appearances: bool,
    /// Show a claim linked across sources once, with how many sources hold it
    /// (the default for a table on a terminal).
    #[arg(long, overrides_with = "no_collapse")]
    pub collapse: bool,
    /// Show every copy of a claim linked across sources.
    #[arg(long)]
    pub no_collapse: bool,
}

pub fn run(store: &Store, args: ListArgs, display: &DisplayArgs) -> anyhow::Result<()> {
    let filter = args.filter.to_filter(args.limit);
    let format = args.format.unwrap_or(if stdout_is_terminal() {
        ListFormat::Table
    } else {
        ListFormat::Tsv
    });
    if args.appearances {
        return super::appearances::run(store, &filter, format);
    }
    match format {
        ListFormat::Tsv => {
            // Plain tab-separated lines, streamed (a table needs every row first).
            let mut writer = table::ClaimTsvWriter::new(Sink::open(None)?)?;
            store.for_each_claim(&filter, &mut |claim| {
                writer.write(&claim).map_err(Error::Output)
            })?;
            writer.finish()?.finish()?;
        }
        ListFormat::Table => {
            let claims = store.claims(&filter)?;
            if claims.is_empty() {
                super::output::say("no claims match");
                return Ok(());
            }
            let collapse = args.collapse || (!args.no_collapse && stdout_is_terminal());
            let text = if collapse {
                let (claims, seen_in) = collapse_linked(store, claims)?;
                table::claims(&claims, Some(&seen_in), display.layout())
            } else {
                table::claims(&claims, None, display.layout())
            };
            display.page(&text)?;
        }
        format => super::export::stream(store, &filter, format.into(), Sink::open(None)?)?,
    }
    Ok(())
}

/// The claims with each group of linked ones (the same claim in other sources)
/// reduced to its first, and how many of the listed claims each row stands for.
fn collapse_linked(
    store: &Store,
    claims: Vec<ClaimRecord>,
) -> anyhow::Result<(Vec<ClaimRecord>, Vec<usize>)> {
    let listed: std::collections::HashSet<i64> = claims.iter().map(|c| c.id).collect();
    // Claim id → the row standing for it.
    let mut row_of = std::collections::HashMap::new();
    let (mut kept, mut seen_in) = (Vec::new(), Vec::new());
    for claim in claims {
        if let Some(&row) = row_of.get(&claim.id) {
            seen_in[row] += 1;
            continue;
        }
        let row = kept.len();
        for linked in store.linked_claims(claim.id)? {
            if listed.contains(&linked) {
                row_of.entry(linked).or_insert(row);
            }
        }
        kept.push(claim);
        seen_in.push(1);
    }
    Ok((kept, seen_in))
}
