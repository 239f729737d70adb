//! `claimtrack add`: a claim the extractor missed.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, typed_text};
use crate::error::Error;
use crate::quote;
use crate::store::{NewClaim, Store};
use clap::Args;

/// Add a claim the extractor missed. The quote must occur in the article's newest
/// version (whitespace and quote styles folded); when it occurs more than once,
/// `--occurrence N` picks one.
#[derive(Debug, Args)]
pub struct AddArgs {
    /// The article id (any version: the quote is looked up in the newest one).
    pub article: i64,
    /// The claim's text, as the article has it.
    #[arg(long, value_name = "TEXT")]
    pub quote: String,
    /// Which occurrence, counting from 1, when the quote occurs more than once.
    #[arg(long, value_name = "N")]
    pub occurrence: Option<usize>,
    #[arg(long, value_name = "TEXT")]
    pub speaker: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub outlet: Option<String>,
    #[arg(long, value_name = "TEXT")]
    pub cue: Option<String>,
    #[arg(long, value_name = "PHRASE")]
    pub flag: Option<String>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run(store: &mut Store, args: AddArgs) -> anyhow::Result<()> {
    let reviewer = args.reviewer.name(store)?;
    let quote_text = typed_text(&args.quote, "quote")?;
    let (article_id, content) = store.newest_version(args.article)?;
    let found = quote::find_all(&content, &quote_text);
    let (start, end) = pick(&found, args.occurrence, article_id)?;
    let field =
        |value: &Option<String>, what| value.as_deref().map(|v| typed_text(v, what)).transpose();
    let claim = NewClaim {
        article_id,
        start,
        end,
        speaker: field(&args.speaker, "speaker")?,
        outlet: field(&args.outlet, "outlet")?,
        cue: field(&args.cue, "cue")?,
        flag: field(&args.flag, "flag")?,
    };
    let id = store.add_claim(&claim, &reviewer)?;
    report_committed(
        &[format!(
            "claim {id}: added to article {article_id} (bytes {start}..{end})"
        )],
        &format!("claim {id} was added"),
    );
    Ok(())
}

fn pick(
    found: &[(usize, usize)],
    occurrence: Option<usize>,
    article: i64,
) -> Result<(usize, usize), Error> {
    match (found.len(), occurrence) {
        (0, _) => Err(Error::Usage(format!(
            "the quote does not occur in article {article} (its newest version); copy it from `claimtrack show`"
        ))),
        (1, None | Some(1)) => Ok(found[0]),
        (n, None) => Err(Error::Usage(format!(
            "the quote occurs {n} times in article {article}; pick one with --occurrence 1..{n}"
        ))),
        (n, Some(k)) if k == 0 || k > n => Err(Error::Usage(format!(
            "--occurrence {k}: the quote occurs {n} time(s) in article {article}"
        ))),
        (_, Some(k)) => Ok(found[k - 1]),
    }
}
