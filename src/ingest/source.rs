//! Reading articles from disk, stdin or a URL: finding the files, fetching,
//! decoding, turning HTML into text, hashing. Knows nothing of extraction or
//! storage; the ingest service ([`super`]) feeds what it reads to both.

use crate::charset::{decode_fetched, decode_text};
use crate::error::{Error, Result};
use crate::fetch::{BodyKind, FetchLimits, Fetched, fetch, is_url};
use crate::html::{PageMeta, Post, looks_like_html, read_page};
use sha2::{Digest, Sha256};
use std::fs;
use std::io::Read;
use std::path::{Path, PathBuf};

/// File name endings read as articles when a directory is ingested.
pub const ARTICLE_EXTENSIONS: &[&str] = &["txt", "md", "html", "htm"];

/// File name endings read as HTML pages (the rest are plain text).
pub const HTML_EXTENSIONS: &[&str] = &["html", "htm"];

/// Where an article comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Input {
    File(PathBuf),
    Stdin,
    /// An `http://` or `https://` page, fetched when read.
    Url(String),
}

/// An article's text, decoded and identified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Document {
    /// The file's absolute path (symlinks resolved), the URL, `--source`, or
    /// `stdin:<hash prefix>`.
    pub source: String,
    /// Hex SHA-256 of the raw bytes (for HTML, of the markup, not the extracted text).
    pub sha256: String,
    /// UTF-8 text with any byte-order mark dropped and CRLF line ends made LF; for
    /// an HTML page, its article text (see [`crate::html`]).
    pub text: String,
    /// What an HTML page says about itself (empty for plain text).
    pub meta: PageMeta,
    /// Where an HTML page's live-blog posts start in `text` (empty for plain text:
    /// the extractor still reads its heading lines as posts, without times).
    pub posts: Vec<Post>,
}

impl Document {
    /// The document as the store takes it.
    pub fn article(&self) -> crate::store::NewArticle<'_> {
        crate::store::NewArticle {
            source: &self.source,
            sha256: &self.sha256,
            content: &self.text,
            meta: (!self.meta.is_empty()).then_some(&self.meta),
            posts: &self.posts,
        }
    }
}

/// The inputs found, and the directory entries skipped on the way.
#[derive(Debug, Default)]
pub struct Collected {
    pub inputs: Vec<Input>,
    /// Entries below a given directory that could not be looked at (a dangling
    /// symlink, an unreadable subdirectory, a symlink loop): one error each.
    pub skipped: Vec<Error>,
}

impl Collected {
    /// The inputs, or the first skipped entry as an error: for commands that
    /// store nothing, where skipping would go unnoticed.
    pub fn all(self) -> Result<Vec<Input>> {
        match self.skipped.into_iter().next() {
            Some(err) => Err(err),
            None => Ok(self.inputs),
        }
    }
}

/// Expands the command-line paths into article inputs, in order: files as given,
/// directories walked recursively (sorted, so ingests are reproducible), `-` as
/// stdin, `http://` and `https://` arguments as URLs. A path given on the command
/// line must exist; a bad entry below a directory is skipped, not fatal.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Collected> {
    let mut found = Collected::default();
    for path in paths {
        if path.as_os_str() == "-" {
            found.inputs.push(Input::Stdin);
            continue;
        }
        if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            found.inputs.push(Input::Url(url.to_string()));
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let before = (found.inputs.len(), found.skipped.len());
            walk_dir(path, &mut found, &mut Vec::new());
            if (found.inputs.len(), found.skipped.len()) == before {
                return Err(Error::NoArticles(path.clone()));
            }
        } else {
            found.inputs.push(Input::File(path.clone()));
        }
    }
    Ok(found)
}

/// Walks `dir`; `ancestors` are the directories being walked above it (device,
/// inode), so that a symlink back up the tree is skipped, not followed forever.
fn walk_dir(dir: &Path, found: &mut Collected, ancestors: &mut Vec<(u64, u64)>) {
    let skip = |path: &Path, reason: String| Error::Skipped {
        path: shorten(path),
        reason,
    };
    let identity = fs::metadata(dir).map(|m| file_identity(&m));
    if let Ok(id) = identity
        && ancestors.contains(&id)
    {
        found.skipped.push(skip(
            dir,
            "a symlink loop: it leads back to a directory above it".into(),
        ));
        return;
    }
    let entries = match fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => return found.skipped.push(skip(dir, e.to_string())),
    };
    let mut paths = Vec::new();
    for entry in entries {
        match entry {
            Ok(entry) => paths.push(entry.path()),
            Err(e) => found.skipped.push(skip(dir, e.to_string())),
        }
    }
    paths.sort();
    let walking = identity.is_ok();
    ancestors.extend(identity.ok());
    for path in paths {
        match fs::metadata(&path) {
            Ok(meta) if meta.is_dir() => walk_dir(&path, found, ancestors),
            Ok(_) if is_article_file(&path) => found.inputs.push(Input::File(path)),
            Ok(_) => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                found.skipped.push(skip(&path, "a dangling symlink".into()))
            }
            Err(e) => found.skipped.push(skip(&path, e.to_string())),
        }
    }
    if walking {
        ancestors.pop();
    }
}

#[cfg(unix)]
fn file_identity(meta: &fs::Metadata) -> (u64, u64) {
    use std::os::unix::fs::MetadataExt;
    (meta.dev(), meta.ino())
}

#[cfg(not(unix))]
fn file_identity(_: &fs::Metadata) -> (u64, u64) {
    (0, 0)
}

/// A path short enough for one line of an error: its start and its end.
pub fn shorten(path: &Path) -> String {
    const KEEP: usize = 40;
    let text = path.display().to_string();
    let chars: Vec<char> = text.chars().collect();
    if chars.len() <= 2 * KEEP + 1 {
        return text;
    }
    let head: String = chars[..KEEP].iter().collect();
    let tail: String = chars[chars.len() - KEEP..].iter().collect();
    format!("{head}…{tail}")
}

/// Whether a directory walk takes this file as an article.
pub fn is_article_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        ARTICLE_EXTENSIONS
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// Whether a file is read as an HTML page (by its name's ending).
pub fn is_html_file(path: &Path) -> bool {
    path.extension().and_then(|e| e.to_str()).is_some_and(|e| {
        HTML_EXTENSIONS
            .iter()
            .any(|known| e.eq_ignore_ascii_case(known))
    })
}

/// Reads and decodes one input, fetching URLs with the default limits. `source`
/// overrides the name it is stored under.
pub fn read_input(input: &Input, source: Option<&str>) -> Result<Document> {
    read_input_with(input, source, &FetchLimits::default())
}

/// [`read_input`] with the given limits: `limits.max_bytes` bounds local files
/// and stdin as it bounds fetched pages.
pub fn read_input_with(
    input: &Input,
    source: Option<&str>,
    limits: &FetchLimits,
) -> Result<Document> {
    // Whether the bytes are HTML: by a file's name, a response's type, or (for
    // stdin, which has neither) by how the text opens.
    let (name, bytes, html) = match input {
        Input::File(path) => (
            path.display().to_string(),
            read_file(path, limits.max_bytes)?,
            Some(is_html_file(path)),
        ),
        Input::Stdin => (
            "-".to_string(),
            read_capped(std::io::stdin().lock(), Path::new("-"), limits.max_bytes)?,
            None,
        ),
        Input::Url(url) => return fetched_document(url, fetch(url, limits)?, source),
    };
    document(name, bytes, html, None, |sha256, name| {
        match (source, input) {
            (Some(given), _) => given.to_string(),
            // Two unrelated pastes must not become two versions of one article `-`.
            (None, Input::Stdin) => stdin_source(sha256),
            // One file is one source however it was reached: `sub/a.txt`, `./sub/a.txt`,
            // and `a.txt` from inside `sub` are the same article.
            (None, Input::File(path)) => fs::canonicalize(path)
                .map(|p| p.display().to_string())
                .unwrap_or(name),
            (None, Input::Url(_)) => name,
        }
    })
}

/// The document a fetched page holds (`ingest URL` and `watch` alike).
pub fn fetched_document(url: &str, fetched: Fetched, source: Option<&str>) -> Result<Document> {
    let html = fetched.kind == BodyKind::Html;
    let charset = Some(fetched.charset);
    document(
        url.to_string(),
        fetched.bytes,
        Some(html),
        charset,
        |_, name| source.map_or(name, str::to_string),
    )
}

/// Hashes, decodes and (for HTML) reads the page. `html` is `None` when only the
/// text's opening can tell; `charset` is `Some` for a fetched page (with what its
/// `Content-Type` header said); `source` names the article from its hash and name.
fn document(
    name: String,
    bytes: Vec<u8>,
    html: Option<bool>,
    charset: Option<Option<String>>,
    source: impl FnOnce(&str, String) -> String,
) -> Result<Document> {
    let path = PathBuf::from(&name);
    // Hash first, so the bytes can become the text without a copy: a 50 MB
    // single-line file is then held once, not twice.
    let sha256 = sha256_hex(&bytes);
    let text = match charset {
        // A fetched page says (in its header or its markup) how it is encoded.
        Some(header) => decode_fetched(&path, bytes, header.as_deref())?,
        None => decode_text(&path, bytes)?,
    };
    let (text, meta, posts) = if html.unwrap_or_else(|| looks_like_html(&text)) {
        let page = read_page(&text);
        (page.text, page.meta, page.posts)
    } else {
        (text, PageMeta::default(), Vec::new())
    };
    let source = source(&sha256, name);
    Ok(Document {
        source,
        sha256,
        text,
        meta,
        posts,
    })
}

/// The source name of an article read from stdin without `--source`: its own,
/// from its content.
pub fn stdin_source(sha256: &str) -> String {
    format!("stdin:{}", &sha256[..sha256.len().min(12)])
}

/// How much of an input is looked at to tell text from binary before reading it all.
const SNIFF_BYTES: u64 = 8 * 1024;

/// Reads a local file, refusing devices (`/dev/zero` would never end) and
/// anything over `max_bytes`.
fn read_file(path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let file = fs::File::open(path).map_err(|e| Error::io(path, e))?;
    let meta = file.metadata().map_err(|e| Error::io(path, e))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt;
        let kind = meta.file_type();
        if kind.is_char_device() || kind.is_block_device() || kind.is_socket() {
            return Err(Error::Invalid(format!(
                "{}: a device, not an article file",
                path.display()
            )));
        }
    }
    if meta.is_file() && meta.len() > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            max_bytes,
        });
    }
    read_capped(file, path, max_bytes)
}

/// Reads at most `max_bytes` (a FIFO or stdin may be endless), refusing binary
/// and UTF-16 content from the first bytes, before reading the rest.
fn read_capped(mut reader: impl Read, path: &Path, max_bytes: u64) -> Result<Vec<u8>> {
    let mut bytes = Vec::new();
    let head = SNIFF_BYTES.min(max_bytes + 1);
    reader
        .by_ref()
        .take(head)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    sniff(path, &bytes)?;
    reader
        .take(max_bytes + 1 - bytes.len() as u64)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io(path, e))?;
    if bytes.len() as u64 > max_bytes {
        return Err(Error::TooLarge {
            path: path.to_path_buf(),
            max_bytes,
        });
    }
    Ok(bytes)
}

/// Refuses UTF-16 (by its byte-order mark) and binary content (a NUL byte).
fn sniff(path: &Path, head: &[u8]) -> Result<()> {
    if head.starts_with(&[0xFF, 0xFE]) || head.starts_with(&[0xFE, 0xFF]) {
        return Err(Error::Utf16(path.to_path_buf()));
    }
    if head.contains(&0) {
        return Err(Error::Binary(path.to_path_buf()));
    }
    Ok(())
}

/// Lower-case hex SHA-256.
pub fn sha256_hex(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut hex = String::with_capacity(64);
    for byte in digest.iter() {
        hex.push(char::from_digit(u32::from(byte >> 4), 16).unwrap_or('0'));
        hex.push(char::from_digit(u32::from(byte & 0xf), 16).unwrap_or('0'));
    }
    hex
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sha256_of_empty_input_is_the_known_digest() {
        assert_eq!(
            sha256_hex(b""),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }

    #[test]
    fn article_files_are_known_by_extension() {
        assert!(is_article_file(Path::new("x/a.TXT")));
        assert!(is_article_file(Path::new("a.md")));
        assert!(is_article_file(Path::new("page.HTM")));
        assert!(!is_article_file(Path::new("a.json")));
        assert!(is_html_file(Path::new("x/page.html")));
        assert!(!is_html_file(Path::new("x/page.txt")));
    }
}
