//! `claimtrack completions` and `claimtrack man`: fitting into the shell. Neither
//! opens the database.

use clap::{Args, CommandFactory};
use std::io::Write;
use std::path::PathBuf;

/// Print a completion script for a shell.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack completions bash > ~/.local/share/bash-completion/completions/claimtrack
  claimtrack completions zsh > ~/.zfunc/_claimtrack     # with fpath+=~/.zfunc
  claimtrack completions fish > ~/.config/fish/completions/claimtrack.fish")]
pub struct CompletionsArgs {
    /// bash, zsh, fish, powershell or elvish.
    #[arg(value_enum)]
    pub shell: clap_complete::Shell,
}

/// Print the manual page (roff), or write one page per command into a directory.
#[derive(Debug, Args)]
#[command(after_help = "Examples:
  claimtrack man | man -l -
  mkdir -p ~/.local/share/man/man1 && claimtrack man --dir ~/.local/share/man/man1")]
pub struct ManArgs {
    /// Write claimtrack.1 and a page per command (claimtrack-list.1, ...) into DIR
    /// (it must exist) instead of printing the main page.
    #[arg(long, value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

pub fn completions(args: CompletionsArgs) -> anyhow::Result<()> {
    let mut out = std::io::stdout().lock();
    clap_complete::generate(
        args.shell,
        &mut super::Cli::command(),
        "claimtrack",
        &mut out,
    );
    Ok(out.flush()?)
}

pub fn man(args: ManArgs) -> anyhow::Result<()> {
    let command = super::Cli::command();
    match args.dir {
        Some(dir) => {
            if !dir.is_dir() {
                anyhow::bail!("{}: no such directory", dir.display());
            }
            clap_mangen::generate_to(command, &dir)?;
            println!("manual pages written to {}", dir.display());
        }
        None => {
            let mut out = std::io::stdout().lock();
            clap_mangen::Man::new(command).render(&mut out)?;
            out.flush()?;
        }
    }
    Ok(())
}
