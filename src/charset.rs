//! Decoding article bytes into text: a local file as UTF-8, a fetched page by
//! the character encoding it declares.
//!
//! Local files must be UTF-8 (a guess would put wrong characters into claims), but
//! a page from a URL says how it is encoded: in its `Content-Type` header, or in a
//! `<meta charset>` near its start. encoding_rs decodes every encoding the WHATWG
//! Encoding Standard names, as browsers do.

use crate::error::{Error, Result};
use encoding_rs::{Encoding, UTF_8};
use std::path::Path;

/// How far into a page a `<meta charset>` is looked for (HTML's own rule: 1024 bytes).
const META_WINDOW: usize = 1024;

/// Decodes a fetched body: by its byte-order mark, else the header's charset, else
/// the markup's `<meta charset>`, else as UTF-8. Bytes that are not valid in the
/// declared encoding are refused, never replaced.
pub fn decode_fetched(path: &Path, bytes: Vec<u8>, header: Option<&str>) -> Result<String> {
    let declared = Encoding::for_bom(&bytes)
        .map(|(encoding, _)| encoding)
        .or_else(|| header.and_then(|label| Encoding::for_label(label.as_bytes())))
        .or_else(|| meta_charset(&bytes));
    let encoding = match declared {
        Some(encoding) if encoding != UTF_8 => encoding,
        _ => return decode_text(path, bytes),
    };
    let (_, bom_len) = Encoding::for_bom(&bytes).unwrap_or((encoding, 0));
    let decoded = encoding
        .decode_without_bom_handling_and_without_replacement(&bytes[bom_len..])
        .ok_or_else(|| {
            Error::Invalid(format!(
                "{}: not valid {} (the encoding the page declares)",
                path.display(),
                encoding.name()
            ))
        })?;
    decode_text(path, decoded.into_owned().into_bytes())
}

/// The encoding a `<meta charset=…>` or `<meta http-equiv … content="…; charset=…">`
/// in the page's first bytes names.
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(META_WINDOW)]).to_ascii_lowercase();
    head.match_indices("<meta").find_map(|(at, _)| {
        let tag = &head[at..];
        let tag = &tag[..tag.find('>').unwrap_or(tag.len())];
        let value = &tag[tag.find("charset")? + "charset".len()..];
        let value = value.trim_start().strip_prefix('=')?.trim_start();
        let value = value.trim_start_matches(['"', '\'']);
        let end = value
            .find(|c: char| !(c.is_ascii_alphanumeric() || "-_:.".contains(c)))
            .unwrap_or(value.len());
        Encoding::for_label(&value.as_bytes()[..end])
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

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_declared_charset_decodes_the_page() {
        let latin1 = b"<html><head><meta charset=\"iso-8859-1\"></head><p>Caf\xe9</p>".to_vec();
        let text = decode_fetched(Path::new("u"), latin1.clone(), None).unwrap();
        assert!(text.contains("Caf\u{e9}"), "{text}");
        let by_header = decode_fetched(Path::new("u"), b"Caf\xe9".to_vec(), Some("windows-1252"));
        assert_eq!(by_header.unwrap(), "Caf\u{e9}");
        let http_equiv =
            b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=koi8-r\"><p>\xf0"
                .to_vec();
        assert!(
            decode_fetched(Path::new("u"), http_equiv, None)
                .unwrap()
                .ends_with('\u{41f}')
        );
    }

    #[test]
    fn undeclared_pages_must_be_utf8() {
        assert!(matches!(
            decode_fetched(Path::new("u"), b"Caf\xe9".to_vec(), None),
            Err(Error::NotUtf8 { .. })
        ));
        assert_eq!(
            decode_fetched(Path::new("u"), "Café".as_bytes().to_vec(), Some("utf-8")).unwrap(),
            "Café"
        );
    }
}
