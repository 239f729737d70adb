//! `claimtrack tag` and `claimtrack untag`: label claims and articles.

use super::output::report_committed;
use super::reviewer::{ReviewerArg, valid_name};
use crate::error::Error;
use crate::store::Store;
use clap::Args;

/// Tag claims (`tag 12 13 sudan health`), or an article and so all its claims
/// in every version (`tag --article 3 sudan`).
#[derive(Debug, Args)]
pub struct TagArgs {
    /// Claim ids then tag names; with --article, tag names only.
    #[arg(required = true, value_name = "ID|NAME")]
    pub words: Vec<String>,
    /// Tag this article (any of its versions) instead of claims.
    #[arg(long, value_name = "ID")]
    pub article: Option<i64>,
    #[command(flatten)]
    pub reviewer: ReviewerArg,
}

pub fn run_tag(store: &mut Store, args: TagArgs) -> anyhow::Result<()> {
    run(store, args, true)
}

pub fn run_untag(store: &mut Store, args: TagArgs) -> anyhow::Result<()> {
    run(store, args, false)
}

fn run(store: &mut Store, args: TagArgs, add: bool) -> anyhow::Result<()> {
    let reviewer = args.reviewer.name(store)?;
    let (ids, names) = split(&args.words, args.article.is_some())?;
    let verb = if add { "tagged" } else { "untagged" };
    let changed = match args.article {
        Some(article) => {
            let changed = store.tag_article(article, &names, add, &reviewer)?;
            report_committed(
                &[format!(
                    "article {article}: {verb} {} ({changed} changed)",
                    names.join(", ")
                )],
                &format!("article {article} was {verb}"),
            );
            return Ok(());
        }
        None if add => store.tag_claims(&ids, &names, &reviewer)?,
        None => store.untag_claims(&ids, &names, &reviewer)?,
    };
    report_committed(
        &[format!(
            "{} claim(s) {verb} {}: {changed} change(s)",
            ids.len(),
            names.join(", ")
        )],
        &format!("{} claim(s) were {verb}", ids.len()),
    );
    Ok(())
}

/// Leading numbers are claim ids, the rest tag names (validated).
fn split(words: &[String], article: bool) -> Result<(Vec<i64>, Vec<String>), Error> {
    let mut ids = Vec::new();
    let mut rest = words;
    if !article {
        while let Some((first, tail)) = rest.split_first() {
            match first.parse::<i64>() {
                Ok(id) => ids.push(id),
                Err(_) => break,
            }
            rest = tail;
        }
        if ids.is_empty() {
            return Err(Error::Usage(
                "give the claim ids first, then the tag names".into(),
            ));
        }
    }
    if rest.is_empty() {
        return Err(Error::Usage("give at least one tag name".into()));
    }
    let mut names = Vec::new();
    for name in rest {
        valid_name(name, "tag")?;
        if name.chars().any(char::is_whitespace) {
            return Err(Error::Usage(format!(
                "tag '{name}' has a space: tags are one word"
            )));
        }
        if name.parse::<i64>().is_ok() {
            return Err(Error::Usage(format!(
                "tag '{name}' is a number: tags need a letter"
            )));
        }
        names.push(name.clone());
    }
    Ok((ids, names))
}
