//! The integration tests: one binary (one link instead of one per file), one
//! support module. Each file is a module; the tests of the register run on both
//! backends (see `common::on_both`).

#[macro_use]
mod common;

mod backup;
mod bad_input;
mod check;
mod cli;
mod concurrency;
mod copy;
mod crash;
mod curation;
mod extract_gold;
mod extract_never_panics;
mod extract_props;
mod extract_rules;
mod fetch;
mod fit;
mod hostile;
mod html;
mod page_meta;
mod piped;
mod postgres;
mod reports;
mod review;
mod search;
mod shell;
mod tls;
mod versions;
mod watch;
