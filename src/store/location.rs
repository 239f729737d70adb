//! Where a register lives: an SQLite file (the default, embedded) or a
//! PostgreSQL database (a desk's shared register), as `--db` names it.

use super::pg_open::{is_postgres_url, redacted};
use std::fmt;
use std::path::{Path, PathBuf};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Location {
    /// An SQLite file.
    File(PathBuf),
    /// A `postgres://` or `postgresql://` URL as libpq takes it. Never shown
    /// as given: [`Location`]'s Display hides its password.
    Postgres(String),
}

impl Location {
    /// `--db`'s value: a PostgreSQL URL, else a file path.
    pub fn parse(text: &str) -> Location {
        if is_postgres_url(text) {
            Location::Postgres(text.to_string())
        } else {
            Location::File(PathBuf::from(text))
        }
    }

    /// The SQLite file, when the register is one.
    pub fn file(&self) -> Option<&Path> {
        match self {
            Location::File(path) => Some(path),
            Location::Postgres(_) => None,
        }
    }
}

impl std::str::FromStr for Location {
    type Err = std::convert::Infallible;

    fn from_str(text: &str) -> Result<Self, Self::Err> {
        Ok(Location::parse(text))
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::File(path) => write!(f, "{}", path.display()),
            Location::Postgres(url) => f.write_str(&redacted(url)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Location;

    #[test]
    fn a_url_is_postgres_and_shown_without_its_password() {
        let at = Location::parse("postgres://desk:s3cret@db.example/claims");
        assert!(at.file().is_none());
        assert!(!at.to_string().contains("s3cret"), "{at}");
        assert_eq!(
            Location::parse("claims.db").file(),
            Some(std::path::Path::new("claims.db"))
        );
    }
}
