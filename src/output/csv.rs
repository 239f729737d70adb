//! CSV output (RFC 4180, by the csv crate), safe to open in a spreadsheet.

use crate::model::ClaimRecord;
use std::io::{self, Write};

/// The header row of the claims CSV, in column order.
pub const CLAIM_COLUMNS: &[&str] = &[
    "id",
    "article_id",
    "source",
    "title",
    "version",
    "position",
    "text",
    "speaker",
    "speaker_resolved",
    "outlet",
    "cue",
    "flag",
    "flag_evidence",
    "start",
    "end",
    "status",
    "removed_in_version",
    "latest_note",
    "created_at",
    "updated_at",
    "assignee",
    "dismissed",
    "published_status",
    "published_explanation",
    "published_summary",
    "published_by",
    "published_at",
    "recheck_version",
    "created_by",
];

/// Writes claims as CSV with a header row, one record at a time.
pub struct ClaimCsvWriter<W: Write> {
    out: csv::Writer<W>,
}

impl<W: Write> ClaimCsvWriter<W> {
    pub fn new(out: W) -> io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        out.write_record(CLAIM_COLUMNS).map_err(csv_to_io)?;
        Ok(ClaimCsvWriter { out })
    }

    /// Like [`ClaimCsvWriter::new`], with more columns after the claim's own.
    pub fn with_extra_columns(out: W, extra: &[&str]) -> io::Result<Self> {
        let mut out = csv::Writer::from_writer(out);
        let header: Vec<&str> = CLAIM_COLUMNS.iter().chain(extra).copied().collect();
        out.write_record(&header).map_err(csv_to_io)?;
        Ok(ClaimCsvWriter { out })
    }

    pub fn write(&mut self, claim: &ClaimRecord) -> io::Result<()> {
        self.out.write_record(record(claim)).map_err(csv_to_io)
    }

    /// Writes a claim and the values of the extra columns (as given, not neutralised:
    /// callers pass numbers).
    pub fn write_with(&mut self, claim: &ClaimRecord, extra: &[String]) -> io::Result<()> {
        let mut row = record(claim).to_vec();
        row.extend_from_slice(extra);
        self.out.write_record(&row).map_err(csv_to_io)
    }

    pub fn finish(mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// A claim's cells, in [`CLAIM_COLUMNS`] order.
fn record(claim: &ClaimRecord) -> [String; 29] {
    let opt = |v: &Option<String>| neutralise_formula(v.as_deref().unwrap_or(""));
    let verdict = claim.published.as_ref();
    [
        claim.id.to_string(),
        claim.article_id.to_string(),
        neutralise_formula(&claim.source),
        opt(&claim.title),
        claim.version.to_string(),
        claim.position.to_string(),
        neutralise_formula(&claim.text),
        opt(&claim.speaker),
        opt(&claim.speaker_resolved),
        opt(&claim.outlet),
        opt(&claim.cue),
        opt(&claim.flag),
        opt(&claim.flag_evidence),
        claim.start.to_string(),
        claim.end.to_string(),
        claim.status.to_string(),
        claim
            .removed_in_version
            .map(|v| v.to_string())
            .unwrap_or_default(),
        opt(&claim.latest_note),
        claim.created_at.clone(),
        claim.updated_at.clone(),
        opt(&claim.assignee),
        opt(&claim.dismissed),
        verdict.map(|v| v.status.to_string()).unwrap_or_default(),
        verdict
            .map(|v| neutralise_formula(&v.explanation))
            .unwrap_or_default(),
        opt(&verdict.and_then(|v| v.summary.clone())),
        opt(&verdict.and_then(|v| v.reviewer.clone())),
        verdict.map(|v| v.published_at.clone()).unwrap_or_default(),
        claim
            .recheck_version
            .map(|v| v.to_string())
            .unwrap_or_default(),
        opt(&claim.created_by),
    ]
}

/// A cell that a spreadsheet would run as a formula (it starts with `=`, `+`, `-`,
/// `@`, a tab or a carriage return) gets a leading apostrophe, as OWASP's
/// CSV-injection advice says; every other cell is written as it is.
pub fn neutralise_formula(cell: &str) -> String {
    match cell.as_bytes().first() {
        Some(b'=' | b'+' | b'-' | b'@' | b'\t' | b'\r') => format!("'{cell}"),
        _ => cell.to_string(),
    }
}

fn csv_to_io(err: csv::Error) -> io::Error {
    match err.into_kind() {
        csv::ErrorKind::Io(e) => e,
        other => io::Error::other(format!("{other:?}")),
    }
}

#[cfg(test)]
mod tests {
    use super::neutralise_formula;

    #[test]
    fn formula_prefixes_are_neutralised() {
        for cell in ["=1+1", "+1", "-1", "@SUM(A1)", "\tx", "\rx"] {
            assert_eq!(neutralise_formula(cell), format!("'{cell}"));
        }
        assert_eq!(neutralise_formula("plain, text"), "plain, text");
        assert_eq!(neutralise_formula(""), "");
    }
}
