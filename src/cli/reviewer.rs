//! Who is writing: every change to the register records a non-empty reviewer.

use crate::error::Error;
use crate::store::Store;
use clap::Args;

#[derive(Debug, Clone, Args)]
pub struct ReviewerArg {
    /// Who is reviewing, recorded with every change [default: on PostgreSQL the
    /// database user, else $USER].
    #[arg(short, long, value_name = "NAME", env = "CLAIMTRACK_REVIEWER")]
    reviewer: Option<String>,
}

impl ReviewerArg {
    /// The reviewer's name: `--reviewer`, `CLAIMTRACK_REVIEWER`, then the
    /// PostgreSQL user the register is opened as, then `$USER`; refused with a
    /// hint when none is set.
    pub fn name(&self, store: &Store) -> Result<String, Error> {
        let given = self.reviewer.as_deref().map(str::trim);
        given
            .map(str::to_string)
            .or_else(|| store.database_user())
            .or_else(|| std::env::var("USER").ok().map(|u| u.trim().to_string()))
            .filter(|name| !name.is_empty())
            .ok_or_else(no_reviewer)
            .and_then(|name| valid_name(&name, "reviewer").map(|()| name))
    }
}

fn no_reviewer() -> Error {
    Error::Usage(
        "who is reviewing? give --reviewer NAME or set CLAIMTRACK_REVIEWER (every change records its reviewer)"
            .into(),
    )
}

/// The name of the person running the command, for `me` in filters (no error
/// when unknown: `me` then matches nobody).
pub fn me() -> Option<String> {
    std::env::var("CLAIMTRACK_REVIEWER")
        .ok()
        .or_else(|| std::env::var("USER").ok())
        .map(|n| n.trim().to_string())
        .filter(|n| !n.is_empty())
}

/// A person's or tag's name: not empty, no control characters, at most 100 characters.
pub fn valid_name(name: &str, what: &str) -> Result<(), Error> {
    if name.trim().is_empty() {
        return Err(Error::Usage(format!("the {what} name is empty")));
    }
    if name.chars().any(char::is_control) {
        return Err(Error::Usage(format!(
            "the {what} name holds a control character"
        )));
    }
    if name.chars().count() > 100 {
        return Err(Error::Usage(format!(
            "the {what} name is longer than 100 characters"
        )));
    }
    Ok(())
}

/// Longest note, reason or explanation a reviewer can type.
const MAX_TEXT_CHARS: usize = 10_000;

/// A reason, explanation or field value as typed: trimmed, not empty, bounded,
/// and free of control characters other than line breaks and tabs.
pub fn typed_text(text: &str, what: &str) -> Result<String, Error> {
    let text = text.trim();
    if text.is_empty() {
        return Err(Error::Usage(format!("the {what} is empty")));
    }
    if text.chars().count() > MAX_TEXT_CHARS {
        return Err(Error::Usage(format!(
            "the {what} is longer than {MAX_TEXT_CHARS} characters"
        )));
    }
    if text
        .chars()
        .any(|c| c.is_control() && c != '\n' && c != '\t')
    {
        return Err(Error::Usage(format!(
            "the {what} holds a control character"
        )));
    }
    Ok(text.to_string())
}
