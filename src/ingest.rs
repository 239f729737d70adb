//! Reading articles from disk, stdin or a URL: finding the files, fetching,
//! decoding, turning HTML into text, hashing. Knows nothing of extraction or
//! storage; the CLI feeds what it reads to both.

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
    /// The path as given (or found below a given directory), the URL, `--source`, or "-".
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

/// Expands the command-line paths into article inputs, in order: files as given,
/// directories walked recursively (sorted, so ingests are reproducible), `-` as
/// stdin, `http://` and `https://` arguments as URLs.
pub fn collect_inputs(paths: &[PathBuf]) -> Result<Vec<Input>> {
    let mut inputs = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            inputs.push(Input::Stdin);
            continue;
        }
        if let Some(url) = path.to_str().filter(|p| is_url(p)) {
            inputs.push(Input::Url(url.to_string()));
            continue;
        }
        let meta = fs::metadata(path).map_err(|e| Error::io(path, e))?;
        if meta.is_dir() {
            let before = inputs.len();
            walk_dir(path, &mut inputs)?;
            if inputs.len() == before {
                return Err(Error::NoArticles(path.clone()));
            }
        } else {
            inputs.push(Input::File(path.clone()));
        }
    }
    Ok(inputs)
}

fn walk_dir(dir: &Path, out: &mut Vec<Input>) -> Result<()> {
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)
        .map_err(|e| Error::io(dir, e))?
        .map(|entry| entry.map(|e| e.path()).map_err(|e| Error::io(dir, e)))
        .collect::<Result<_>>()?;
    entries.sort();
    for path in entries {
        let meta = fs::metadata(&path).map_err(|e| Error::io(&path, e))?;
        if meta.is_dir() {
            walk_dir(&path, out)?;
        } else if is_article_file(&path) {
            out.push(Input::File(path));
        }
    }
    Ok(())
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

/// [`read_input`] with the given fetch limits for URLs.
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
            fs::read(path).map_err(|e| Error::io(path, e))?,
            Some(is_html_file(path)),
        ),
        Input::Stdin => {
            let mut bytes = Vec::new();
            std::io::stdin()
                .lock()
                .read_to_end(&mut bytes)
                .map_err(|e| Error::io("-", e))?;
            ("-".to_string(), bytes, None)
        }
        Input::Url(url) => return fetched_document(url, fetch(url, limits)?, source),
    };
    document(name, bytes, html, source)
}

/// The document a fetched page holds (`ingest URL` and `watch` alike).
pub fn fetched_document(url: &str, fetched: Fetched, source: Option<&str>) -> Result<Document> {
    let html = fetched.kind == BodyKind::Html;
    document(url.to_string(), fetched.bytes, Some(html), source)
}

/// Hashes, decodes and (for HTML) reads the page. `html` is `None` when only the
/// text's opening can tell.
fn document(
    name: String,
    bytes: Vec<u8>,
    html: Option<bool>,
    source: Option<&str>,
) -> Result<Document> {
    let path = PathBuf::from(&name);
    // Hash first, so the bytes can become the text without a copy: a 50 MB
    // single-line file is then held once, not twice.
    let sha256 = sha256_hex(&bytes);
    let text = decode_text(&path, bytes)?;
    let (text, meta, posts) = if html.unwrap_or_else(|| looks_like_html(&text)) {
        let page = read_page(&text);
        (page.text, page.meta, page.posts)
    } else {
        (text, PageMeta::default(), Vec::new())
    };
    Ok(Document {
        source: source.map_or(name, str::to_string),
        sha256,
        text,
        meta,
        posts,
    })
}

/// Decodes article bytes as UTF-8 text. A NUL byte means a binary file; invalid
/// UTF-8 is refused rather than guessed at, because a lossy decode would put
/// replacement characters into claims a reviewer then quotes.
pub fn decode_text(path: &Path, mut bytes: Vec<u8>) -> Result<String> {
    if bytes.contains(&0) {
        return Err(Error::Binary(path.to_path_buf()));
    }
    if let Err(e) = std::str::from_utf8(&bytes) {
        return Err(Error::NotUtf8 {
            path: path.to_path_buf(),
            offset: e.valid_up_to(),
        });
    }
    if bytes.starts_with("\u{feff}".as_bytes()) {
        bytes.drain(..3);
    }
    if bytes.contains(&b'\r') {
        let text = String::from_utf8_lossy(&bytes);
        return Ok(text.replace("\r\n", "\n").replace('\r', "\n"));
    }
    // Valid UTF-8 (checked above, and a BOM is whole characters): no copy.
    String::from_utf8(bytes).map_err(|e| Error::NotUtf8 {
        path: path.to_path_buf(),
        offset: e.utf8_error().valid_up_to(),
    })
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
    fn decoding_drops_bom_and_crlf() {
        let text =
            decode_text(Path::new("a"), "\u{feff}one\r\ntwo\r\n".as_bytes().to_vec()).unwrap();
        assert_eq!(text, "one\ntwo\n");
    }

    #[test]
    fn nul_bytes_mean_binary() {
        assert!(matches!(
            decode_text(Path::new("a"), b"ab\0c".to_vec()),
            Err(Error::Binary(_))
        ));
    }

    #[test]
    fn invalid_utf8_is_refused_with_its_offset() {
        match decode_text(Path::new("a"), b"abc\xff".to_vec()) {
            Err(Error::NotUtf8 { offset, .. }) => assert_eq!(offset, 3),
            other => panic!("expected NotUtf8, got {other:?}"),
        }
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
