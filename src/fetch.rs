//! Fetching a live page over HTTP(S): one blocking GET with a timeout and a size cap,
//! conditional on the validators (`ETag`, `Last-Modified`) of the last response when
//! a page is polled.
//!
//! Knows nothing of extraction or storage: bytes, their kind and the response's
//! validators out. Every failure
//! (refused, unknown host, timed out, HTTP error status, too large, not text) is one
//! [`Error::Fetch`] line naming the URL.

use crate::error::{Error, Result, too_large_text};
use std::time::Duration;

/// How long and how much a fetch may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FetchLimits {
    /// The whole exchange: connecting, redirects, headers and body.
    pub timeout: Duration,
    /// The largest body accepted, in bytes (after any gzip decoding).
    pub max_bytes: u64,
}

impl Default for FetchLimits {
    /// 30 seconds and 64 MiB: a long live blog is a few hundred KiB of HTML, a
    /// big text corpus file tens of MiB; more is a mistake (`/dev/zero`), not news.
    fn default() -> Self {
        FetchLimits {
            timeout: Duration::from_secs(30),
            max_bytes: 64 * 1024 * 1024,
        }
    }
}

/// What a page's body is, from its `Content-Type` (or its first bytes when untyped).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BodyKind {
    Html,
    Text,
}

/// A fetched body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fetched {
    pub bytes: Vec<u8>,
    pub kind: BodyKind,
    /// The `charset` of the `Content-Type` header, lower-cased, if it names one.
    pub charset: Option<String>,
    /// What the response said identifies this body, for the next conditional request.
    pub validators: Validators,
}

/// A response's `ETag` and `Last-Modified`, sent back as `If-None-Match` and
/// `If-Modified-Since` so that an unchanged page costs a `304 Not Modified`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

/// What a conditional fetch got.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Conditional {
    /// `304 Not Modified`: the body is the one the validators came with.
    NotModified,
    Fetched(Fetched),
}

/// Whether a command-line argument is a URL to fetch rather than a path.
pub fn is_url(arg: &str) -> bool {
    let lower = arg.get(..8).unwrap_or(arg).to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// GETs `url` and returns its body, refusing error statuses, bodies over the cap
/// and content that is neither HTML nor plain text.
pub fn fetch(url: &str, limits: &FetchLimits) -> Result<Fetched> {
    match fetch_if_changed(url, limits, &Validators::default())? {
        Conditional::Fetched(fetched) => Ok(fetched),
        // Only a conditional request can be answered "not modified".
        Conditional::NotModified => Err(Error::Fetch {
            url: url.to_string(),
            reason: "HTTP 304 Not Modified to an unconditional request".into(),
        }),
    }
}

/// [`fetch`], asking the server to answer `304 Not Modified` when the page still
/// matches `since` (the validators of the body fetched last).
pub fn fetch_if_changed(
    url: &str,
    limits: &FetchLimits,
    since: &Validators,
) -> Result<Conditional> {
    let fail = |reason: String| Error::Fetch {
        url: url.to_string(),
        reason,
    };
    let agent: ureq::Agent = ureq::Agent::config_builder()
        .timeout_global(Some(limits.timeout))
        // Statuses are checked below, so the message can name them.
        .http_status_as_error(false)
        .user_agent(concat!("claimtrack/", env!("CARGO_PKG_VERSION")))
        .build()
        .into();
    let mut request = agent
        .get(url)
        .header("Accept", "text/html, text/plain;q=0.9, */*;q=0.1");
    if let Some(etag) = &since.etag {
        request = request.header("If-None-Match", etag);
    }
    if let Some(date) = &since.last_modified {
        request = request.header("If-Modified-Since", date);
    }
    let mut response = request.call().map_err(|e| fail(describe(&e, limits)))?;
    let status = response.status();
    if status == ureq::http::StatusCode::NOT_MODIFIED {
        return Ok(Conditional::NotModified);
    }
    if !status.is_success() {
        return Err(fail(format!(
            "HTTP {}{}",
            status.as_u16(),
            status
                .canonical_reason()
                .map(|r| format!(" {r}"))
                .unwrap_or_default()
        )));
    }
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let validators = Validators {
        etag: header("etag"),
        last_modified: header("last-modified"),
    };
    let mime = response.body().mime_type().map(str::to_ascii_lowercase);
    let charset = response.body().charset().map(str::to_ascii_lowercase);
    if let Some(length) = response.body().content_length()
        && length > limits.max_bytes
    {
        return Err(fail(too_large(limits)));
    }
    let bytes = response
        .body_mut()
        .with_config()
        .limit(limits.max_bytes)
        .read_to_vec()
        .map_err(|e| fail(describe(&e, limits)))?;
    let kind = match mime.as_deref() {
        Some("text/html" | "application/xhtml+xml") => BodyKind::Html,
        Some("text/plain" | "text/markdown") => BodyKind::Text,
        None => {
            if crate::html::looks_like_html(&String::from_utf8_lossy(&bytes[..bytes.len().min(64)]))
            {
                BodyKind::Html
            } else {
                BodyKind::Text
            }
        }
        Some(other) => {
            return Err(fail(format!(
                "unsupported content type {other} (expected an HTML page or plain text)"
            )));
        }
    };
    Ok(Conditional::Fetched(Fetched {
        bytes,
        kind,
        charset,
        validators,
    }))
}

fn too_large(limits: &FetchLimits) -> String {
    too_large_text(limits.max_bytes)
}

/// One line for a transport error, in a reviewer's words.
fn describe(err: &ureq::Error, limits: &FetchLimits) -> String {
    use std::io::ErrorKind;
    match err {
        ureq::Error::Timeout(_) => format!(
            "timed out after {} (see --timeout)",
            human_duration(limits.timeout)
        ),
        ureq::Error::BodyExceedsLimit(_) => too_large(limits),
        ureq::Error::HostNotFound => "host not found".into(),
        ureq::Error::ConnectionFailed => "could not connect".into(),
        ureq::Error::Io(e) => match e.kind() {
            ErrorKind::ConnectionRefused => "connection refused".into(),
            ErrorKind::TimedOut | ErrorKind::WouldBlock => format!(
                "timed out after {} (see --timeout)",
                human_duration(limits.timeout)
            ),
            ErrorKind::ConnectionReset | ErrorKind::UnexpectedEof => {
                "the server closed the connection".into()
            }
            _ => e.to_string(),
        },
        ureq::Error::BadUri(uri) => format!("not a valid URL ({uri})"),
        ureq::Error::TooManyRedirects => "too many redirects".into(),
        other => other.to_string(),
    }
}

fn human_duration(d: Duration) -> String {
    if d.subsec_millis() == 0 {
        format!("{} s", d.as_secs())
    } else {
        format!("{:.1} s", d.as_secs_f64())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("https://example.org/live"));
        assert!(is_url("HTTP://example.org"));
        assert!(!is_url("seeds/http.txt"));
        assert!(!is_url("-"));
        assert!(!is_url("ftp://example.org"));
    }

    #[test]
    fn sizes_and_durations_read_naturally() {
        assert_eq!(human_duration(Duration::from_secs(30)), "30 s");
        assert_eq!(human_duration(Duration::from_millis(1500)), "1.5 s");
    }
}
