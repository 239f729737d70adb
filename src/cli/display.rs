//! How output meets the terminal: colour (`--color`, `NO_COLOR`, `TERM=dumb`), the
//! width tables fit (the terminal's, or `COLUMNS`), and the pager (`--no-pager`,
//! `$CLAIMTRACK_PAGER`, `$PAGER`, else `less -FRX`), as git and gh do.

use crate::output::escape::{visible, visible_keeping_colour};
use crate::output::stdout_is_terminal;
use crate::output::table::Layout;
use clap::{Args, ValueEnum};
use std::io::Write;
use std::process::{Command, Stdio};

#[derive(Debug, Clone, Args)]
pub struct DisplayArgs {
    /// Colour status and flag: auto (on a terminal, unless NO_COLOR is set or
    /// TERM is dumb), always, or never.
    #[arg(long, global = true, value_enum, default_value_t = ColorChoice::Auto, value_name = "WHEN")]
    pub color: ColorChoice,
    /// Print long output straight to the terminal instead of through a pager.
    #[arg(long, global = true)]
    pub no_pager: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ColorChoice {
    Auto,
    Always,
    Never,
}

impl DisplayArgs {
    /// Whether to colour what goes to stdout.
    pub fn colour(&self) -> bool {
        match self.color {
            ColorChoice::Always => true,
            ColorChoice::Never => false,
            ColorChoice::Auto => stdout_is_terminal() && colour_allowed_by_env(),
        }
    }

    /// The layout of a table printed to stdout: fitted to the terminal's width
    /// (`COLUMNS` wins, as for `ls`), unbounded when piped and `COLUMNS` is unset.
    pub fn layout(&self) -> Layout {
        let width = columns_from_env().or_else(|| {
            stdout_is_terminal()
                .then(|| ratatui::crossterm::terminal::size().ok().map(|(w, _)| w))
                .flatten()
        });
        Layout {
            width,
            color: self.colour(),
        }
    }

    /// Prints a whole text, through the pager when stdout is a terminal.
    /// Control characters are shown as escapes, but for the table's own colours.
    pub fn page(&self, text: &str) -> anyhow::Result<()> {
        let text = if self.colour() {
            visible_keeping_colour(text)
        } else {
            visible(text)
        };
        if self.no_pager || !stdout_is_terminal() {
            return Ok(super::output::print_safe(&text)?);
        }
        match pager_command() {
            Some(command) => run_pager(&command, &text),
            None => Ok(super::output::print_safe(&text)?),
        }
    }
}

/// `NO_COLOR` (set and not empty) and `TERM=dumb` turn colour off.
pub fn colour_allowed_by_env() -> bool {
    let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
    let dumb = std::env::var_os("TERM").is_some_and(|t| t == "dumb");
    !no_color && !dumb
}

fn columns_from_env() -> Option<u16> {
    std::env::var("COLUMNS")
        .ok()?
        .trim()
        .parse()
        .ok()
        .filter(|&w| w >= 20)
}

/// The pager to run, or `None` for none (set to `cat` or to nothing).
fn pager_command() -> Option<String> {
    let chosen = ["CLAIMTRACK_PAGER", "PAGER"]
        .iter()
        .find_map(|name| std::env::var(name).ok())
        .unwrap_or_else(|| "less -FRX".into());
    let chosen = chosen.trim();
    (!chosen.is_empty() && chosen != "cat").then(|| chosen.to_string())
}

/// Runs the pager (on a text already made safe) through the shell (so `less -S` or a pipeline works) with the
/// text on its stdin. A pager that cannot start leaves the text printed directly;
/// a reader who quits the pager early is not an error.
fn run_pager(command: &str, text: &str) -> anyhow::Result<()> {
    let child = Command::new("sh")
        .args(["-c", command])
        .env(
            "LESS",
            std::env::var("LESS").unwrap_or_else(|_| "FRX".into()),
        )
        .stdin(Stdio::piped())
        .spawn();
    let Ok(mut child) = child else {
        return Ok(super::output::print_safe(text)?);
    };
    if let Some(mut stdin) = child.stdin.take() {
        let written = stdin
            .write_all(text.as_bytes())
            .and_then(|()| stdin.write_all(b"\n"));
        if let Err(err) = written
            && err.kind() != std::io::ErrorKind::BrokenPipe
        {
            return Err(err.into());
        }
    }
    child.wait()?;
    Ok(())
}
