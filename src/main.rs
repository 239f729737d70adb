//! The `claimtrack` binary: parse the command line, run it, map errors to exit codes.

use claimtrack::cli::{Cli, UsageError, run};
use clap::Parser;
use std::process::ExitCode;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        // `claimtrack list | head` closes the pipe early: that is not a failure.
        Err(err) if is_broken_pipe(&err) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("claimtrack: {err:#}");
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
