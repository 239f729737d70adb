//! Sentence splitting inside one paragraph, and merging of sentences into claim units
//! (a direct quote running over several sentences is one unit).
//!
//! Survives abbreviations ("Mr", "Dr.", "U.S."), decimals ("$2.5"), ellipses ("No... If"),
//! closing quotes after the full stop (`.”`) and a missing space after a full stop ("difference.The").

use super::lexicon::{ABBREVIATIONS, SENTENCE_STARTERS};
use std::ops::Range;

/// The ASCII letters just before byte `i` (the word a full stop ends).
fn word_before(bytes: &[u8], start: usize, i: usize) -> &[u8] {
    let mut k = i;
    while k > start && bytes[k - 1].is_ascii_alphabetic() {
        k -= 1;
    }
    &bytes[k..i]
}

/// The ASCII word starting at `k`.
fn word_at(bytes: &[u8], k: usize, end: usize) -> &[u8] {
    let mut e = k;
    while e < end && bytes[e].is_ascii_alphabetic() {
        e += 1;
    }
    &bytes[k..e]
}

/// Could the char at `k` start a sentence?
fn starts_sentence(text: &str, k: usize) -> bool {
    match text.get(k..).and_then(|s| s.chars().next()) {
        Some(c) => {
            c.is_uppercase()
                || c.is_ascii_digit()
                || matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«')
        }
        None => false,
    }
}

/// Length of a closing quote or bracket at `k`, if any.
fn closer_len(bytes: &[u8], k: usize) -> usize {
    match bytes.get(k) {
        Some(b'"' | b'\'' | b')' | b']') => 1,
        Some(0xE2)
            if bytes.get(k + 1) == Some(&0x80) && matches!(bytes.get(k + 2), Some(0x9D | 0x99)) =>
        {
            3
        }
        Some(0xC2) if bytes.get(k + 1) == Some(&0xBB) => 2,
        _ => 0,
    }
}

/// Length of the whitespace character at `k`, if any: ASCII, or the no-break and thin spaces
/// that text copied from web pages keeps (U+00A0, U+2000–U+200A, U+202F, U+205F, U+3000).
fn space_len(bytes: &[u8], k: usize) -> usize {
    match bytes.get(k..).unwrap_or_default() {
        [b, ..] if b.is_ascii_whitespace() => 1,
        [0xC2, 0xA0, ..] => 2,
        [0xE2, 0x80, 0x80..=0x8A | 0xAF, ..] | [0xE2, 0x81, 0x9F, ..] | [0xE3, 0x80, 0x80, ..] => 3,
        _ => 0,
    }
}

/// The first byte at or after `k` (before `end`) that is not whitespace.
fn skip_spaces(bytes: &[u8], mut k: usize, end: usize) -> usize {
    while k < end {
        match space_len(bytes, k) {
            0 => break,
            n => k += n,
        }
    }
    k.min(end)
}

/// Does the full stop at `i` close an abbreviation rather than a sentence?
fn is_abbreviation(bytes: &[u8], start: usize, i: usize, next: usize, end: usize) -> bool {
    let w = word_before(bytes, start, i);
    let word = std::str::from_utf8(w).unwrap_or("");
    if word == "No" {
        return bytes.get(next).is_some_and(u8::is_ascii_digit);
    }
    if ABBREVIATIONS.contains(&word) {
        return true;
    }
    if w.len() == 1 {
        let dotted = i >= start + 2 && bytes[i - 2] == b'.';
        if dotted || w[0].is_ascii_lowercase() {
            // "U.S." / "e.g.": a new sentence only when a typical sentence opener follows.
            let nw = std::str::from_utf8(word_at(bytes, next, end)).unwrap_or("");
            return !SENTENCE_STARTERS.contains(&nw);
        }
        // A single initial ("George W. Bush") is followed by a capitalised name; a quote or a
        // typical opener after it ("on X. “Europe ...") starts a new sentence.
        let nw = std::str::from_utf8(word_at(bytes, next, end)).unwrap_or("");
        return w[0].is_ascii_uppercase() && !nw.is_empty() && !SENTENCE_STARTERS.contains(&nw);
    }
    false
}

/// Splits `text[para]` into sentences, pushing their (trimmed) byte ranges onto `out`.
pub fn split_sentences(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    let bytes = text.as_bytes();
    let end = para.end.min(bytes.len());
    let mut s = skip_spaces(bytes, para.start, end);
    let mut i = s;
    while i < end {
        // Jump to the next full stop, '!' or '?' (a vectorised search).
        let Some(k) = memchr::memchr3(b'.', b'!', b'?', &bytes[i..end]) else {
            break;
        };
        i += k;
        let b = bytes[i];
        if b == b'.' && bytes.get(i + 1) == Some(&b'.') {
            // An ellipsis ("No... If") does not end a sentence.
            while i < end && bytes[i] == b'.' {
                i += 1;
            }
            continue;
        }
        let mut j = i + 1;
        loop {
            let n = closer_len(bytes, j);
            if n == 0 || j + n > end {
                break;
            }
            j += n;
        }
        if j >= end {
            break;
        }
        if space_len(bytes, j) > 0 {
            let k = skip_spaces(bytes, j, end);
            if k < end
                && starts_sentence(text, k)
                && !(b == b'.' && is_abbreviation(bytes, s, i, k, end))
            {
                out.push(s..j);
                s = k;
                i = k;
                continue;
            }
        } else if b == b'.' && j == i + 1 && bytes[j].is_ascii_uppercase() {
            // "difference.The": a missing space after a full stop closing a lower-case word.
            let w = word_before(bytes, s, i);
            if w.len() >= 2 && w.iter().all(u8::is_ascii_lowercase) {
                out.push(s..j);
                s = j;
                i = j;
                continue;
            }
        }
        i = j;
    }
    let e = s + text[s..end].trim_end().len();
    if e > s {
        out.push(s..e);
    }
}

/// Merges sentences whose boundary falls inside a quote span into one unit.
pub fn merge_units(
    sentences: &[Range<usize>],
    quotes: &[Range<usize>],
    out: &mut Vec<Range<usize>>,
) {
    out.clear();
    let mut q = 0usize;
    for s in sentences {
        if let Some(last) = out.last_mut() {
            let boundary = last.end;
            while q < quotes.len() && quotes[q].end <= boundary {
                q += 1;
            }
            let inside = quotes[q..]
                .iter()
                .take_while(|r| r.start < boundary)
                .any(|r| r.start < boundary && boundary < r.end);
            if inside {
                last.end = s.end;
                continue;
            }
        }
        out.push(s.clone());
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::quote_spans;

    fn split(s: &str) -> Vec<&str> {
        let mut out = Vec::new();
        split_sentences(s, 0..s.len(), &mut out);
        out.into_iter().map(|r| &s[r]).collect()
    }

    #[test]
    fn no_break_and_thin_spaces_part_sentences_like_spaces() {
        assert_eq!(
            split("One two.\u{a0}Three four.\u{202f}Five six.\u{2009}\u{a0}"),
            ["One two.", "Three four.", "Five six."]
        );
        assert_eq!(
            split("\u{a0} Mr.\u{a0}Lavrov spoke."),
            ["Mr.\u{a0}Lavrov spoke."]
        );
    }

    #[test]
    fn splits_plain_sentences() {
        assert_eq!(
            split("One two. Three four! Five?"),
            ["One two.", "Three four!", "Five?"]
        );
    }

    #[test]
    fn keeps_abbreviations_and_decimals() {
        assert_eq!(
            split("Mr Lavrov met Dr. Smith in the U.S. capital. It cost $2.5 bn."),
            [
                "Mr Lavrov met Dr. Smith in the U.S. capital.",
                "It cost $2.5 bn."
            ]
        );
        assert_eq!(
            split("It happened on Oct. 7, 2023. Then more."),
            ["It happened on Oct. 7, 2023.", "Then more."]
        );
        assert_eq!(
            split("He lives in the U.S. The rest."),
            ["He lives in the U.S.", "The rest."]
        );
    }

    #[test]
    fn ellipsis_and_quotes() {
        assert_eq!(
            split("He said: “No... If they come.” Then it ended."),
            ["He said: “No... If they come.”", "Then it ended."]
        );
    }

    #[test]
    fn missing_space_after_stop() {
        assert_eq!(
            split("Your support matters.The US said so."),
            ["Your support matters.", "The US said so."]
        );
    }

    #[test]
    fn merges_quoted_sentences() {
        let s = "“One. Two,” he said. Three.";
        let mut sent = Vec::new();
        split_sentences(s, 0..s.len(), &mut sent);
        let mut q = Vec::new();
        quote_spans(s, 0..s.len(), &mut q);
        let mut units = Vec::new();
        merge_units(&sent, &q, &mut units);
        let u: Vec<_> = units.into_iter().map(|r| &s[r]).collect();
        assert_eq!(u, ["“One. Two,” he said.", "Three."]);
    }
}
