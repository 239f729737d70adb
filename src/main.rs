//! The `claimtrack` binary: parse the command line, run it, map errors to exit codes.

use claimtrack::cli::{Cli, UsageError, parse_error_lines, run, say};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => return parse_failure(err),
    };
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `claimtrack list | head` closes the pipe early: that is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            say(&format!("claimtrack: {err:#}"));
            let usage = err.downcast_ref::<UsageError>().is_some()
                || err
                    .downcast_ref::<claimtrack::error::Error>()
                    .is_some_and(claimtrack::error::Error::is_usage);
            if usage {
                ExitCode::from(2)
            } else {
                ExitCode::FAILURE
            }
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

fn is_broken_pipe(err: &anyhow::Error) -> bool {
    err.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
            || cause
                .downcast_ref::<claimtrack::error::Error>()
                .is_some_and(claimtrack::error::Error::is_broken_pipe)
    })
}
