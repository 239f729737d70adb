//! `list --format`: the formats a listing comes in, shared by the plain listing
//! (`list.rs`) and the one with appearance counts (`appearances.rs`).

use super::export::ExportFormat;
use clap::ValueEnum;

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ListFormat {
    Table,
    Tsv,
    Json,
    Jsonl,
    Csv,
}

impl From<ListFormat> for ExportFormat {
    fn from(format: ListFormat) -> Self {
        match format {
            ListFormat::Json => ExportFormat::Json,
            ListFormat::Jsonl => ExportFormat::Jsonl,
            ListFormat::Csv | ListFormat::Table | ListFormat::Tsv => ExportFormat::Csv,
        }
    }
}
