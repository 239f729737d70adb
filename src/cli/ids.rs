//! Claim ids as a reviewer gives them: `12`, a range `12-20`, or `-` for ids read
//! from stdin, one a line or the first column of tab-separated lines, so that
//! `claimtrack list --flagged | fzf -m | claimtrack mark - -s in-progress` works.

use crate::error::Error;
use std::io::BufRead;

/// The most ids one range may name: a typo like `12-1200000` is refused, not run.
const MAX_RANGE: i64 = 100_000;

/// One id argument.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IdSpec {
    One(i64),
    Range(i64, i64),
    Stdin,
}

/// clap value parser for an id argument.
pub fn parse_id_spec(text: &str) -> Result<IdSpec, String> {
    let text = text.trim();
    if text == "-" {
        return Ok(IdSpec::Stdin);
    }
    let bad = || format!("'{text}' is not a claim id, a range (12-20) or - (ids on stdin)");
    match text.split_once('-') {
        None => text.parse().map(IdSpec::One).map_err(|_| bad()),
        Some((from, to)) => {
            let (from, to): (i64, i64) = (
                from.trim().parse().map_err(|_| bad())?,
                to.trim().parse().map_err(|_| bad())?,
            );
            if from > to {
                return Err(format!("range {text} runs backwards: write {to}-{from}"));
            }
            if to - from >= MAX_RANGE {
                return Err(format!(
                    "range {text} names more than {MAX_RANGE} claims; split it"
                ));
            }
            Ok(IdSpec::Range(from, to))
        }
    }
}

/// The ids the arguments name, in order, each once; `-` reads stdin.
pub fn resolve(specs: &[IdSpec]) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for spec in specs {
        match *spec {
            IdSpec::One(id) => ids.push(id),
            IdSpec::Range(from, to) => ids.extend(from..=to),
            IdSpec::Stdin => ids.extend(read_ids(std::io::stdin().lock())?),
        }
    }
    let mut seen = std::collections::HashSet::new();
    ids.retain(|id| seen.insert(*id));
    if ids.is_empty() {
        return Err(Error::Usage("no claim ids given (stdin held none)".into()).into());
    }
    Ok(ids)
}

/// Ids from lines: the first tab-separated column of each; blank lines and a
/// listing's header line (`id`) are skipped.
fn read_ids(input: impl BufRead) -> anyhow::Result<Vec<i64>> {
    let mut ids = Vec::new();
    for (number, line) in input.lines().enumerate() {
        let line = line?;
        let first = line.split('\t').next().unwrap_or("").trim();
        if first.is_empty() || first == "id" {
            continue;
        }
        let id = first.parse().map_err(|_| {
            let shown: String = first.chars().take(40).collect();
            Error::Usage(format!(
                "stdin line {}: '{shown}' is not a claim id",
                number + 1
            ))
        })?;
        ids.push(id);
    }
    Ok(ids)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_ranges_and_stdin_marker_parse() {
        assert_eq!(parse_id_spec("12"), Ok(IdSpec::One(12)));
        assert_eq!(parse_id_spec("12-20"), Ok(IdSpec::Range(12, 20)));
        assert_eq!(parse_id_spec("-"), Ok(IdSpec::Stdin));
        assert!(parse_id_spec("20-12").unwrap_err().contains("backwards"));
        assert!(parse_id_spec("1-1000000").is_err());
        assert!(parse_id_spec("x").is_err());
    }

    #[test]
    fn stdin_lines_give_their_first_column() {
        let input = "id\tstatus\n12\tunverified\tthe claim\n\n 13 \n";
        assert_eq!(read_ids(input.as_bytes()).unwrap(), vec![12, 13]);
        assert!(read_ids("12\nfoo\tbar\n".as_bytes()).is_err());
    }
}
