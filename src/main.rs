//! The `claimtrack` binary: parse the command line, run it, map errors to exit codes.

use claimtrack::cli::{Cli, parse_error_lines, run, say};
use claimtrack::error::Failure;
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return parse_failure(err),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            let failure = Failure::of(&err);
            if failure != Failure::BrokenPipe {
                say(&format!("claimtrack: {err:#}"));
            }
            ExitCode::from(failure.exit_code())
        }
    }
}

/// `--help` and `--version` print as clap renders them; a usage mistake is one
/// line, plus at most one line of hint.
fn parse_failure(err: clap::Error) -> ExitCode {
    match parse_error_lines(&err) {
        None => {
            // Help or version text: a failed write of it has nobody to tell.
            let _ = err.print();
        }
        Some(lines) => lines.iter().for_each(|line| say(line)),
    }
    ExitCode::from(u8::try_from(err.exit_code()).unwrap_or(2))
}
