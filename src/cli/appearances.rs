//! `claimtrack list --appearances`: the listing with, for each claim, how many
//! article versions (and sources) hold it or a claim linked to it.

use super::list_format::ListFormat;
use super::output::{Sink, print};
use crate::error::Error;
use crate::model::AppearanceCount;
use crate::model::ClaimRecord;
use crate::output::csv::ClaimCsvWriter;
use crate::output::{json, stdout_is_terminal, table};
use crate::store::{ClaimFilter, Store};
use serde::Serialize;
use std::io::Write;

/// A claim row with its counts: the export's fields, then `appearances` and `sources`.
#[derive(Serialize)]
struct Counted<'a> {
    #[serde(flatten)]
    claim: &'a ClaimRecord,
    appearances: i64,
    sources: i64,
}

pub fn run(store: &Store, filter: &ClaimFilter, format: ListFormat) -> anyhow::Result<()> {
    match format {
        ListFormat::Table | ListFormat::Tsv => {
            let claims = store.claims(filter)?;
            if claims.is_empty() {
                super::output::say("no claims match");
                return Ok(());
            }
            let counts = claims
                .iter()
                .map(|c| store.appearance_count(c.id))
                .collect::<Result<Vec<_>, _>>()?;
            print(&table::claims_with_appearances(
                &claims,
                &counts,
                stdout_is_terminal(),
            ))?;
        }
        ListFormat::Json => {
            let mut sink = Sink::open(None)?;
            let mut writer = json::JsonArrayWriter::new(&mut sink)?;
            store.for_each_claim(filter, |claim: ClaimRecord| {
                let n = store.appearance_count(claim.id)?;
                writer.write(&counted(&claim, n)).map_err(Error::Output)
            })?;
            writer.finish()?.flush()?;
            sink.finish()?;
        }
        ListFormat::Jsonl => {
            let mut sink = Sink::open(None)?;
            store.for_each_claim(filter, |claim: ClaimRecord| {
                let n = store.appearance_count(claim.id)?;
                json::write_line(&mut sink, &counted(&claim, n)).map_err(Error::Output)
            })?;
            sink.finish()?;
        }
        ListFormat::Csv => {
            let mut sink = Sink::open(None)?;
            let mut writer =
                ClaimCsvWriter::with_extra_columns(&mut sink, &["appearances", "sources"])?;
            store.for_each_claim(filter, |claim: ClaimRecord| {
                let n = store.appearance_count(claim.id)?;
                writer
                    .write_with(&claim, &[n.appearances.to_string(), n.sources.to_string()])
                    .map_err(Error::Output)
            })?;
            writer.finish()?;
            sink.finish()?;
        }
    }
    Ok(())
}

fn counted(claim: &ClaimRecord, n: AppearanceCount) -> Counted<'_> {
    Counted {
        claim,
        appearances: n.appearances,
        sources: n.sources,
    }
}
