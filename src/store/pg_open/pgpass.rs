//! The password file (`~/.pgpass`, or PGPASSFILE) as libpq reads it: lines of
//! `host:port:database:user:password`, the first four matching anything when
//! `*`, `\:` and `\\` escaping a colon and a backslash, `#` starting a comment,
//! the first matching line winning. A file that group or others may read is
//! ignored, as libpq does, since its passwords may have been seen.

use super::Env;
use std::io::Read;
use std::os::unix::fs::PermissionsExt;
use std::path::PathBuf;

/// Larger than any real password file: a bound on what is read.
const MAX_BYTES: u64 = 1 << 20;

/// What a connection is looked up by.
pub(super) struct Key<'a> {
    pub host: &'a str,
    pub port: &'a str,
    pub dbname: &'a str,
    pub user: &'a str,
}

pub(super) enum PassFile {
    Found(String),
    /// The file exists but group or others may read it: ignored.
    TooOpen(PathBuf),
    None,
}

/// The password the file gives for `key`.
pub(super) fn lookup(key: &Key<'_>, env: Env<'_>) -> PassFile {
    let path = match env("PGPASSFILE").filter(|p| !p.is_empty()) {
        Some(path) => PathBuf::from(path),
        None => match env("HOME") {
            Some(home) => PathBuf::from(home).join(".pgpass"),
            None => return PassFile::None,
        },
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return PassFile::None;
    };
    if !meta.is_file() {
        return PassFile::None;
    }
    if meta.permissions().mode() & 0o077 != 0 {
        return PassFile::TooOpen(path);
    }
    let mut text = String::new();
    let read =
        std::fs::File::open(&path).and_then(|file| file.take(MAX_BYTES).read_to_string(&mut text));
    match read.ok().and_then(|_| find(&text, key)) {
        Some(password) => PassFile::Found(password),
        None => PassFile::None,
    }
}

/// The password of the first line of `text` that matches `key`.
fn find(text: &str, key: &Key<'_>) -> Option<String> {
    let wanted = [key.host, key.port, key.dbname, key.user];
    text.lines()
        .map(|line| line.trim_end_matches('\r'))
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .find_map(|line| {
            let fields = fields(line);
            let matches = fields.len() >= 5
                && fields
                    .iter()
                    .zip(wanted)
                    .all(|(field, value)| field.matches(value));
            matches.then(|| fields[4].text.clone())
        })
}

struct Field {
    text: String,
    /// Written as a bare `*`.
    any: bool,
}

impl Field {
    fn matches(&self, value: &str) -> bool {
        self.any || self.text == value
    }
}

/// A line's fields, split at unescaped colons and unescaped.
fn fields(line: &str) -> Vec<Field> {
    let mut fields = Vec::new();
    let (mut text, mut raw) = (String::new(), String::new());
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let escaped = chars.next().unwrap_or('\\');
                text.push(escaped);
                raw.push(c);
                raw.push(escaped);
            }
            ':' => {
                fields.push(Field {
                    any: raw == "*",
                    text: std::mem::take(&mut text),
                });
                raw.clear();
            }
            _ => {
                text.push(c);
                raw.push(c);
            }
        }
    }
    fields.push(Field {
        any: raw == "*",
        text,
    });
    fields
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: Key<'static> = Key {
        host: "db.example",
        port: "5432",
        dbname: "desk",
        user: "ann",
    };

    #[test]
    fn the_first_matching_line_wins_with_wildcards() {
        let text = "# comment\n\
                    other:5432:desk:ann:wrong\n\
                    db.example:*:desk:ann:right\n\
                    *:*:*:*:fallback\n";
        assert_eq!(find(text, &KEY).as_deref(), Some("right"));
        let other = Key { user: "bob", ..KEY };
        assert_eq!(find(text, &other).as_deref(), Some("fallback"));
        assert_eq!(find("db.example:5432:desk:bob:x\n", &KEY), None);
    }

    #[test]
    fn escapes_are_read_and_a_starred_escape_is_literal() {
        let text = "db.example:5432:desk:ann:pa\\:ss\\\\word\r\n";
        assert_eq!(find(text, &KEY).as_deref(), Some("pa:ss\\word"));
        let text = "db.example:5432:\\*:ann:literal-star\n";
        assert_eq!(find(text, &KEY), None, "\\* names a database called *");
        let socket = Key {
            host: "/run/pg:x",
            ..KEY
        };
        assert_eq!(
            find("/run/pg\\:x:5432:desk:ann:s\n", &socket).as_deref(),
            Some("s")
        );
    }

    #[test]
    fn short_lines_match_nothing() {
        assert_eq!(find("db.example:5432:desk:ann\n", &KEY), None);
    }

    #[test]
    fn a_file_others_may_read_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("pgpass");
        std::fs::write(&path, "*:*:*:*:secret\n").unwrap();
        let env_path = path.to_string_lossy().into_owned();
        let env = move |name: &str| (name == "PGPASSFILE").then(|| env_path.clone());
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o644)).unwrap();
        assert!(matches!(lookup(&KEY, &env), PassFile::TooOpen(p) if p == path));
        std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).unwrap();
        assert!(matches!(lookup(&KEY, &env), PassFile::Found(p) if p == "secret"));
        let home = dir.path().to_string_lossy().into_owned();
        let env = move |name: &str| (name == "HOME").then(|| home.clone());
        assert!(matches!(lookup(&KEY, &env), PassFile::None), "no ~/.pgpass");
    }
}
