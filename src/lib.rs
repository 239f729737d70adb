//! claimtrack: a fact-claim verification tracker.
//!
//! Data moves one way: text → claims ([`extract`]) → rows ([`store`]) → tables
//! ([`output`]). The extractor never sees SQLite, the store never parses text, and
//! the CLI ([`cli`]) only wires them and renders.

pub mod charset;
pub mod claim_match;
pub mod cli;
pub mod corpus;
pub mod error;
pub mod extract;
pub mod fetch;
pub mod fold;
pub mod html;
pub mod ingest;
pub mod markup_depth;
pub mod model;
pub mod output;
pub mod page_meta;
pub mod quote;
pub mod staging;
pub mod stats;
pub mod store;
pub mod versions;
pub mod watch;
