//! The extractor: article text in, claims out. Pure: no I/O, no SQLite, no CLI.
//!
//! PLACEHOLDER: the real pipeline (clean → sentences → posts → cues → attribution →
//! coreference → flags) replaces this module; only the public types and functions
//! below are relied upon by the rest of the crate.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// One claim as found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// The claim's sentence(s) exactly as in the article: `text == article[start..end]`.
    pub text: String,
    /// Byte offset of `text` in the article.
    pub start: usize,
    /// Byte offset just past `text` in the article.
    pub end: usize,
    /// The source as written, with its role ("Robert Wood, US envoy to the UN"); `None` if unattributed.
    pub speaker: Option<String>,
    /// The named speaker a back-reference ("she", "the statement") stands for, when resolved.
    pub speaker_resolved: Option<String>,
    /// The relaying outlet ("CNN" in "according to CNN").
    pub outlet: Option<String>,
    /// The reporting cue as written ("said", "according to", "cited ... as saying").
    pub cue: Option<String>,
    /// The hedge phrase that marks the claim unverified, `None` when not flagged.
    pub flag: Option<String>,
    /// The sentence carrying the flag (may be a later sentence than the claim).
    pub flag_evidence: Option<String>,
}

/// What the extractor found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// The article's title: its first heading line, if it has one.
    pub title: Option<String>,
    /// Claims in article order.
    pub claims: Vec<ExtractedClaim>,
}

/// Extracts every claim of an article (plain text, one paragraph a line).
pub fn extract(text: &str) -> Extraction {
    let mut claims = Vec::new();
    for span in sentence_spans(text) {
        let sentence = &text[span.clone()];
        if let Some(idx) = sentence.find(" said") {
            let before = sentence[..idx].trim_start_matches(", ");
            let speaker = before.rsplit(", ").next().map(|s| s.trim().to_string());
            claims.push(ExtractedClaim {
                text: sentence.to_string(),
                start: span.start,
                end: span.end,
                speaker,
                speaker_resolved: None,
                outlet: None,
                cue: Some("said".into()),
                flag: None,
                flag_evidence: None,
            });
        }
    }
    let title = text
        .lines()
        .next()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(String::from);
    Extraction { title, claims }
}

/// Byte ranges of the sentences of `text`, in order (used by `show` for context).
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim_end();
        let mut start = offset;
        for (i, c) in trimmed.char_indices() {
            if c == '.' {
                let end = offset + i + 1;
                spans.push(start..end);
                start = end;
                while start < offset + trimmed.len() && text.as_bytes()[start] == b' ' {
                    start += 1;
                }
            }
        }
        if start < offset + trimmed.len() {
            spans.push(start..offset + trimmed.len());
        }
        offset += line.len();
    }
    spans
}
