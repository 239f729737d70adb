//! Low-level text helpers: tokens of a sentence, quote spans of a paragraph.
//!
//! Everything works on byte offsets into the article and only ever slices at char boundaries
//! found by iterating chars, so no input can make it panic.

use super::lexicon::{self, WordInfo};
use std::ops::Range;

/// What a token is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    Word,
    Comma,
    /// `:` or `;`.
    Colon,
    OpenQuote,
    CloseQuote,
    /// A spaced dash ("–", "—", " - ").
    Dash,
    /// `.`, `!`, `?`, `…`.
    Stop,
    Other,
}

/// One token of a sentence.
#[derive(Debug, Clone, Copy)]
pub struct Tok {
    pub start: usize,
    pub end: usize,
    pub kind: TokKind,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// Lies inside a direct quote.
    pub quoted: bool,
    pub info: WordInfo,
}

impl Tok {
    pub fn is_word(&self) -> bool {
        self.kind == TokKind::Word
    }
    pub fn has(&self, class: u32) -> bool {
        self.kind == TokKind::Word && self.info.class & class != 0
    }
    /// A boundary that ends a speaker span.
    pub fn is_boundary(&self) -> bool {
        matches!(
            self.kind,
            TokKind::Comma | TokKind::Colon | TokKind::OpenQuote | TokKind::CloseQuote | TokKind::Dash | TokKind::Stop
        )
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '-' | '\'' | '’' | '.' | ',' | '&' | '/' | '‑')
}

/// After the space at `k`, does a typical sentence opener follow?
fn next_is_sentence_start(slice: &str, k: usize) -> bool {
    let rest = slice.get(k..).unwrap_or("").trim_start();
    let word: String = rest.chars().take_while(|c| c.is_alphabetic()).collect();
    lexicon::SENTENCE_STARTERS.contains(&word.as_str())
}

/// Tokenises `text[range]`, marking tokens inside any of the (sorted) `quotes` spans.
pub fn tokenize(text: &str, range: Range<usize>, quotes: &[Range<usize>], out: &mut Vec<Tok>) {
    out.clear();
    let Some(slice) = text.get(range.clone()) else { return };
    let base = range.start;
    let mut chars = slice.char_indices().peekable();
    let mut q = 0usize;
    while let Some((i, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let start = base + i;
        let (end, kind) = if is_word_char(c) {
            let mut end = start + c.len_utf8();
            loop {
                let Some(&(j, d)) = chars.peek() else { break };
                if is_word_char(d) {
                    end = base + j + d.len_utf8();
                    chars.next();
                } else if is_joiner(d) {
                    // A joiner stays inside the word only when a word char follows it ("U.S",
                    // "Woong-gil"); a comma only between digits ("11,000").
                    let after = slice[j + d.len_utf8()..].chars().next();
                    let prev_digit = slice[..j].ends_with(|x: char| x.is_ascii_digit());
                    let keep = match after {
                        Some(a) if d == ',' => prev_digit && a.is_ascii_digit(),
                        Some(a) => is_word_char(a),
                        None => false,
                    };
                    if !keep {
                        break;
                    }
                    chars.next();
                    if let Some((k, e)) = chars.next() {
                        end = base + k + e.len_utf8();
                    }
                } else {
                    break;
                }
            }
            // An abbreviation's full stop belongs to it ("Sen.", "R-S.D.,"): a stop followed by a
            // comma, or closing a listed abbreviation or a dotted acronym.
            if slice.as_bytes().get(end - base) == Some(&b'.') {
                let word = &text[start..end];
                let after = slice.as_bytes().get(end - base + 1).copied();
                let dotted = word.contains('.') && word.len() <= 6;
                let listed = lexicon::ABBREVIATIONS.contains(&word) && after == Some(b' ');
                let acronym = dotted && after == Some(b' ') && !next_is_sentence_start(slice, end - base + 1);
                if after == Some(b',') || listed || acronym {
                    chars.next();
                    end += 1;
                }
            }
            (end, TokKind::Word)
        } else {
            let end = start + c.len_utf8();
            let kind = match c {
                ',' => TokKind::Comma,
                ':' | ';' => TokKind::Colon,
                '“' | '«' => TokKind::OpenQuote,
                '”' | '»' => TokKind::CloseQuote,
                '"' => {
                    // A straight quote opens when a quote span starts here, else it closes one.
                    if quotes.iter().any(|r| r.start == start) { TokKind::OpenQuote } else { TokKind::CloseQuote }
                }
                '–' | '—' => TokKind::Dash,
                '-' => TokKind::Dash,
                '.' | '!' | '?' | '…' => TokKind::Stop,
                _ => TokKind::Other,
            };
            (end, kind)
        };
        while q < quotes.len() && quotes[q].end <= start {
            q += 1;
        }
        let quoted = q < quotes.len() && quotes[q].start < start && start < quotes[q].end;
        let word = &text[start..end];
        let info = if kind == TokKind::Word { lexicon::word_info(word) } else { WordInfo::default() };
        out.push(Tok {
            start,
            end,
            kind,
            cap: kind == TokKind::Word && word.chars().next().is_some_and(char::is_uppercase),
            quoted,
            info,
        });
    }
}

/// Spans of direct quotes in a paragraph, opening mark to closing mark inclusive, sorted.
/// Curly quotes pair up; straight double quotes toggle. Unclosed quotes are dropped.
pub fn quote_spans(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let Some(slice) = text.get(para.clone()) else { return };
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    for (i, c) in slice.char_indices() {
        let at = para.start + i;
        match c {
            '“' | '«' => curly = Some(at),
            '”' | '»' => {
                if let Some(s) = curly.take() {
                    out.push(s..at + c.len_utf8());
                }
            }
            '"' => match straight.take() {
                Some(s) => out.push(s..at + 1),
                None => straight = Some(at),
            },
            _ => {}
        }
    }
    out.sort_by_key(|r| r.start);
}

/// ASCII-lower-cased copy, for vocabulary checks on short strings.
pub fn contains_ci(haystack: &str, needle: &str) -> bool {
    let h = haystack.as_bytes();
    let n = needle.as_bytes();
    if n.is_empty() || h.len() < n.len() {
        return false;
    }
    h.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n))
}

/// True when a possessive ("Russia's", "agencies’") ends the word.
pub fn is_possessive(word: &str) -> bool {
    word.ends_with("'s") || word.ends_with("’s") || word.ends_with("s'") || word.ends_with("s’")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, TokKind, bool)> {
        let mut q = Vec::new();
        quote_spans(s, 0..s.len(), &mut q);
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &q, &mut t);
        t.iter().map(|t| (s[t.start..t.end].to_string(), t.kind, t.quoted)).collect()
    }

    #[test]
    fn words_keep_inner_joiners() {
        let k = kinds("U.S. envoy Lee Woong-gil, Russia’s 11,000 troops, $2.5 bn.");
        let words: Vec<_> = k.iter().filter(|x| x.1 == TokKind::Word).map(|x| x.0.as_str()).collect();
        assert_eq!(words, ["U.S.", "envoy", "Lee", "Woong-gil", "Russia’s", "11,000", "troops", "2.5", "bn"]);
    }

    #[test]
    fn quotes_mark_tokens() {
        let k = kinds("“We will fight,” he said.");
        assert_eq!(k[0].1, TokKind::OpenQuote);
        assert!(k[1].2, "inside quote");
        assert!(k.iter().any(|x| x.1 == TokKind::CloseQuote));
        let he = k.iter().find(|x| x.0 == "he").unwrap();
        assert!(!he.2);
    }

    #[test]
    fn straight_quotes_pair_up() {
        let k = kinds("\"Such outrage,\" she alleged.");
        assert_eq!(k[0].1, TokKind::OpenQuote);
        assert!(k[1].2);
        assert!(!k.iter().find(|x| x.0 == "she").unwrap().2);
    }

    #[test]
    fn unclosed_quote_is_ignored() {
        let mut q = Vec::new();
        quote_spans("“never closed", 0..15, &mut q);
        assert!(q.is_empty());
    }
}
