//! Low-level text helpers: tokens of a sentence, quote spans of a paragraph.
//!
//! Everything works on byte offsets into the article and only ever slices at char boundaries
//! found by iterating chars, so no input can make it panic.

use super::lexicon::{self, CLOSE_FOLLOWERS, WordInfo};
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
    /// A token outside quotes (`tokenize` marks the quoted ones).
    #[inline]
    fn new(start: usize, end: usize, kind: TokKind, cap: bool, info: WordInfo) -> Tok {
        Tok {
            start,
            end,
            kind,
            cap,
            quoted: false,
            info,
        }
    }

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
            TokKind::Comma
                | TokKind::Colon
                | TokKind::OpenQuote
                | TokKind::CloseQuote
                | TokKind::Dash
                | TokKind::Stop
        )
    }
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// Characters that stay inside a word between two word characters: hyphens, full stops of
/// acronyms, digit commas, and apostrophes as typed in real copy ("Russia's", "Russia’s", and
/// the acute accent or modifier letter some sites print: "Russia´s", "Russiaʼs").
fn is_joiner(c: char) -> bool {
    matches!(
        c,
        '-' | '\'' | '’' | '´' | 'ʼ' | '`' | '.' | ',' | '&' | '/' | '‑'
    )
}

/// Byte classes of the tokenizer's ASCII fast path: a letter or digit, or an ASCII joiner
/// (see [`is_joiner`]).
const ASCII_WORD: u8 = 1;
const ASCII_JOINER: u8 = 2;

static ASCII_CLASS: [u8; 256] = {
    let mut t = [0u8; 256];
    let mut b = 0;
    while b < 128 {
        if (b as u8).is_ascii_alphanumeric() {
            t[b] = ASCII_WORD;
        }
        if matches!(b as u8, b'-' | b'\'' | b'`' | b'.' | b',' | b'&' | b'/') {
            t[b] = ASCII_JOINER;
        }
        b += 1;
    }
    t
};

/// How many of the eight bytes of `chunk` (little-endian), from the first, are ASCII letters
/// or digits in a row: the word scan's eight-bytes-at-a-time step (SWAR range tests, with
/// the high bit of each byte as its flag).
#[inline]
fn ascii_word_run(chunk: u64) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // For bytes under 0x80: the high bit of `x + (0x80 - lo)` says x >= lo, and that of
    // `x + (0x7F - hi)` says x > hi; no sum carries into the next byte.
    let in_range = |x: u64, lo: u8, hi: u8| {
        (x + ONES * u64::from(0x80 - lo)) & !(x + ONES * u64::from(0x7F - hi)) & HIGH
    };
    let x = chunk & !HIGH;
    let word = (in_range(x, b'0', b'9') | in_range(x | (ONES * 0x20), b'a', b'z')) & !chunk & HIGH;
    (!word & HIGH).trailing_zeros() as usize / 8
}

/// The end of the run of ASCII letters and digits starting at `end`.
#[inline]
fn ascii_word_end(bytes: &[u8], mut end: usize) -> usize {
    while let Some(chunk) = bytes.get(end..end + 8) {
        let mut a = [0u8; 8];
        a.copy_from_slice(chunk);
        let n = ascii_word_run(u64::from_le_bytes(a));
        end += n;
        if n < 8 {
            return end;
        }
    }
    while end < bytes.len() && ASCII_CLASS[usize::from(bytes[end])] == ASCII_WORD {
        end += 1;
    }
    end
}

/// After the space at `k`, does a typical sentence opener follow?
fn next_is_sentence_start(slice: &str, k: usize) -> bool {
    let rest = slice.get(k..).unwrap_or("").trim_start();
    let end = rest
        .find(|c: char| !c.is_alphabetic())
        .unwrap_or(rest.len());
    lexicon::SENTENCE_STARTERS.contains(&&rest[..end])
}

/// The char at byte `i` of `s` and its length (ASCII fast path); `None` past the end.
#[inline]
fn char_at(s: &str, i: usize) -> Option<(char, usize)> {
    let b = *s.as_bytes().get(i)?;
    if b < 0x80 {
        return Some((char::from(b), 1));
    }
    s.get(i..)
        .and_then(|r| r.chars().next())
        .map(|c| (c, c.len_utf8()))
}

/// `WORD_MASKS[n]` keeps the low `n` bytes of a packed word: a load, where a 128-bit shift
/// costs a dozen instructions on every token.
const WORD_MASKS: [u128; 17] = {
    let mut masks = [0u128; 17];
    let mut n = 1;
    while n <= 16 {
        masks[n] = u128::MAX >> (8 * (16 - n));
        n += 1;
    }
    masks
};

/// The lexicon key of `bytes[start..end]`: lower-cased ASCII bytes packed little-endian, without a
/// trailing full stop; `None` for numbers, non-ASCII and words over 16 bytes (looked up apart).
///
/// Every byte a word token can hold (letters, digits, `-`, `'`, `.`, `,`, `&`, `/`) has bit 0x20
/// set except upper-case letters, so OR-ing 0x20 into each byte lower-cases the word.
#[inline]
fn pack_word(bytes: &[u8], start: usize, mut end: usize) -> Option<u128> {
    if end > start && bytes[end - 1] == b'.' {
        end -= 1;
    }
    let len = end - start;
    if len == 0 || len > 16 || bytes[start].is_ascii_digit() {
        return None;
    }
    let raw = match bytes.get(start..start + 16) {
        Some(chunk) => {
            let mut a = [0u8; 16];
            a.copy_from_slice(chunk);
            u128::from_le_bytes(a)
        }
        None => {
            let mut a = [0u8; 16];
            a[..len].copy_from_slice(&bytes[start..end]);
            u128::from_le_bytes(a)
        }
    };
    let mask = WORD_MASKS[len];
    let v = raw & mask;
    if v & (0x8080_8080_8080_8080_8080_8080_8080_8080 & mask) != 0 {
        return pack_with_apostrophes(&bytes[start..end]);
    }
    Some(v | (0x2020_2020_2020_2020_2020_2020_2020_2020 & mask))
}

/// The slow path of [`pack_word`] for a word with non-ASCII bytes: the apostrophes real copy
/// prints ("we’re", "Russia´s", "Russiaʼs") become `'`, as the lexicon lists them; any other
/// non-ASCII letter keeps the word out of the lexicon.
#[cold]
fn pack_with_apostrophes(word: &[u8]) -> Option<u128> {
    let mut out = [0u8; 16];
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let (b, step) = match word[i..] {
            [0xE2, 0x80, 0x99, ..] => (b'\'', 3),
            [0xC2, 0xB4, ..] | [0xCA, 0xBC, ..] => (b'\'', 2),
            [b, ..] if b.is_ascii() => (b.to_ascii_lowercase(), 1),
            _ => return None,
        };
        *out.get_mut(n)? = b;
        n += 1;
        i += step;
    }
    Some(u128::from_le_bytes(out))
}

/// Tokenises `text[range]`, marking tokens inside any of the (sorted) `quotes` spans; returns
/// the union of its words' lexicon classes, so a stage can skip a sentence without the words
/// it looks for.
///
/// Most tokens are short ASCII words ended by a space or a comma: they take the short path
/// ([`short_ascii_word`]: one 16-byte load, one look-up); words with joiners or non-ASCII
/// letters, and punctuation, go through [`other_token`], kept out of line so the short path
/// keeps its registers.
pub fn tokenize(
    text: &str,
    range: Range<usize>,
    quotes: &[Range<usize>],
    out: &mut Vec<Tok>,
) -> u32 {
    out.clear();
    let Some(slice) = text.get(range.clone()) else {
        return 0;
    };
    let (base, bytes, table) = (range.start, slice.as_bytes(), lexicon::table());
    // Quote spans are sorted: start at the first one that can still hold this range.
    let mut q = quotes.partition_point(|r| r.end <= range.start);
    // About one token every five bytes: grow once, not token by token.
    out.reserve(bytes.len() / 4);
    let (mut classes, mut i) = (0, 0);
    while let Some(&b) = bytes.get(i) {
        // Spaces are most of what is not a word: skip them before decoding a char.
        if b == b' ' {
            i += 1;
            continue;
        }
        let start = base + i;
        let (end, tok) = match short_ascii_word(bytes, i) {
            Some((end, key)) => {
                let info = table.info(Some(key).filter(|_| !b.is_ascii_digit()));
                let cap = b.is_ascii_uppercase();
                (end, Tok::new(start, base + end, TokKind::Word, cap, info))
            }
            None => match other_token(slice, base, quotes, i) {
                (end, None) => {
                    i = end;
                    continue;
                }
                (end, Some((kind, cap))) => {
                    let info = match kind {
                        TokKind::Word => word_info_at(table, bytes, i, end),
                        _ => WordInfo::default(),
                    };
                    (end, Tok::new(start, base + end, kind, cap, info))
                }
            },
        };
        classes |= tok.info.class;
        let quoted = in_quote(quotes, &mut q, start);
        out.push(Tok { quoted, ..tok });
        i = end;
    }
    classes
}

/// The token at `i` that [`short_ascii_word`] does not take: its end, with its kind and
/// whether it opens with a capital; no kind for whitespace (skipped).
#[inline(never)]
fn other_token(
    slice: &str,
    base: usize,
    quotes: &[Range<usize>],
    i: usize,
) -> (usize, Option<(TokKind, bool)>) {
    let Some((c, clen)) = char_at(slice, i) else {
        return (slice.len(), None);
    };
    if c.is_whitespace() {
        return (i + clen, None);
    }
    if is_word_char(c) {
        let end = word_end(slice, i, i + clen);
        return (end, Some((TokKind::Word, c.is_uppercase())));
    }
    let (end, kind) = punctuation(slice, base, quotes, i, c, clen);
    (end, Some((kind, false)))
}

/// Is a token starting at byte `start` inside a quote? `q` is the first of the sorted `quotes`
/// that can still hold it (tokens come in order, so it only moves forward).
#[inline]
fn in_quote(quotes: &[Range<usize>], q: &mut usize, start: usize) -> bool {
    while *q < quotes.len() && quotes[*q].end <= start {
        *q += 1;
    }
    *q < quotes.len() && quotes[*q].start < start && start < quotes[*q].end
}

/// The word at `i` when it is under 16 ASCII letters and digits followed by a space or
/// punctuation that ends it (most words): its end and its lexicon key (as [`pack_word`] makes it), from one 16-byte load that
/// both finds the end and packs the key. `None` for any other word, and near the slice's end.
#[inline]
fn short_ascii_word(bytes: &[u8], i: usize) -> Option<(usize, u128)> {
    if !bytes.get(i)?.is_ascii_alphanumeric() {
        return None;
    }
    let mut a = [0u8; 16];
    a.copy_from_slice(bytes.get(i..i + 16)?);
    let raw = u128::from_le_bytes(a);
    let mut len = ascii_word_run(raw as u64);
    if len == 8 {
        len += ascii_word_run((raw >> 64) as u64);
    }
    if len == 16 {
        return None;
    }
    // What ends it must end it at once in [`word_end`] too: a space or ASCII punctuation other
    // than a joiner, or a comma not between digits ("said," but not "11,000").
    let ends = match a[len] {
        b',' => {
            !(a[len - 1].is_ascii_digit() && bytes.get(i + len + 1).is_some_and(u8::is_ascii_digit))
        }
        t => t < 0x80 && ASCII_CLASS[usize::from(t)] != ASCII_JOINER,
    };
    if !ends {
        return None;
    }
    let mask = WORD_MASKS[len];
    Some((
        i + len,
        (raw & mask) | (0x2020_2020_2020_2020_2020_2020_2020_2020 & mask),
    ))
}

/// The lexicon entry of the word `bytes[start..end]`.
#[inline]
fn word_info_at(table: &lexicon::Table, bytes: &[u8], start: usize, end: usize) -> WordInfo {
    match pack_word(bytes, start, end) {
        Some(key) => table.info(Some(key)),
        None if end - start > 16 => table.info_long(&bytes[start..end]),
        None => WordInfo::default(),
    }
}

/// The end of the word starting at `start` whose letters run at least to `end`: joiners stay
/// inside it when a word char follows them ("U.S", "Woong-gil"; a comma only between digits,
/// "11,000"), and an abbreviation keeps its full stop.
#[inline(never)]
fn word_end(slice: &str, start: usize, mut end: usize) -> usize {
    let bytes = slice.as_bytes();
    loop {
        // ASCII fast path over the bulk of a word.
        end = ascii_word_end(bytes, end);
        // A space or ASCII punctuation other than a joiner ends the word at once.
        match bytes.get(end) {
            None => break,
            Some(&b) if b < 0x80 && ASCII_CLASS[usize::from(b)] != ASCII_JOINER => break,
            _ => {}
        }
        let Some((d, dlen)) = char_at(slice, end) else {
            break;
        };
        if is_word_char(d) {
            end += dlen;
            continue;
        }
        if !is_joiner(d) {
            break;
        }
        let after = char_at(slice, end + dlen);
        let prev_digit = bytes[end - 1].is_ascii_digit();
        let keep = match after {
            Some((a, _)) if d == ',' => prev_digit && a.is_ascii_digit(),
            Some((a, _)) => is_word_char(a),
            None => false,
        };
        if !keep {
            break;
        }
        end += dlen + after.map_or(0, |(_, l)| l);
    }
    if bytes.get(end) == Some(&b'.') && keeps_full_stop(slice, start, end) {
        end += 1;
    }
    end
}

/// Does the full stop at `end` belong to the word `slice[start..end]` ("Sen.", "R-S.D.,")? A
/// stop followed by a comma, or closing a listed abbreviation, a dotted acronym or an initial.
fn keeps_full_stop(slice: &str, start: usize, end: usize) -> bool {
    let word = &slice[start..end];
    let after = slice.as_bytes().get(end + 1).copied();
    let dotted = word.contains('.') && word.len() <= 6;
    let listed = after == Some(b' ') && lexicon::ABBREVIATIONS.contains(&word);
    let acronym = dotted && after == Some(b' ') && !next_is_sentence_start(slice, end + 1);
    // An initial inside a name ("R. W. Baird", "George W. Bush").
    let initial = word.len() == 1
        && word.as_bytes()[0].is_ascii_uppercase()
        && after == Some(b' ')
        && slice
            .as_bytes()
            .get(end + 2)
            .is_some_and(u8::is_ascii_uppercase)
        && !next_is_sentence_start(slice, end + 1);
    after == Some(b',') || listed || acronym || initial
}

/// The kind and end of the punctuation token `c` (`clen` bytes) at `i`; `base` is the byte
/// offset of `slice` in the article, where the `quotes` spans are.
#[inline(never)]
fn punctuation(
    slice: &str,
    base: usize,
    quotes: &[Range<usize>],
    i: usize,
    c: char,
    clen: usize,
) -> (usize, TokKind) {
    let start = base + i;
    let kind = match c {
        ',' => TokKind::Comma,
        ':' | ';' => TokKind::Colon,
        '“' | '«' => TokKind::OpenQuote,
        '”' | '»' => TokKind::CloseQuote,
        '‘' | '’' | '\'' => {
            // A single mark is a quote only where a quote span starts or ends.
            if quotes.binary_search_by_key(&start, |r| r.start).is_ok() {
                TokKind::OpenQuote
            } else if quotes
                .get(quotes.partition_point(|r| r.end < start + clen))
                .is_some_and(|r| r.end == start + clen)
            {
                TokKind::CloseQuote
            } else {
                TokKind::Other
            }
        }
        // A straight quote opens when a quote span starts here, else it closes one.
        '"' if quotes.binary_search_by_key(&start, |r| r.start).is_ok() => TokKind::OpenQuote,
        '"' => TokKind::CloseQuote,
        '–' | '—' | '-' => TokKind::Dash,
        '.' | '!' | '?' | '…' => TokKind::Stop,
        _ => TokKind::Other,
    };
    // "--" typed for a dash is one dash.
    let mut end = i + clen;
    if kind == TokKind::Dash {
        while slice.as_bytes().get(end) == Some(&b'-') {
            end += 1;
        }
    }
    (end, kind)
}

/// Spans of direct quotes in a paragraph, opening mark to closing mark inclusive, sorted.
/// Curly quotes pair up; straight double quotes toggle. Unclosed quotes are dropped.
/// Single quotes (‘…’ and '…', British style) count outside double quotes when they stand at word
/// edges: an opening mark after a space or the paragraph's start, a closing one before a space,
/// punctuation or the end ("isn’t" and "the whips' office" are apostrophes, not quotes).
pub fn quote_spans(text: &str, para: Range<usize>, out: &mut Vec<Range<usize>>) {
    out.clear();
    let Some(slice) = text.get(para.clone()) else {
        return;
    };
    let bytes = slice.as_bytes();
    let mut curly: Option<usize> = None;
    let mut straight: Option<usize> = None;
    let mut single: Option<usize> = None;
    // Byte scan: the marks are '"' and '\'' (1 byte), “ ” ‘ ’ (E2 80 9C/9D/98/99) and « »
    // (C2 AB/BB).
    let mut i = 0usize;
    // The next 0xC2 (« »), found apart from the other lead bytes and kept until passed.
    let mut next_c2 = 0usize;
    while i < bytes.len() {
        // Jump to the next byte that can start a mark (vectorised searches).
        if next_c2 < i {
            next_c2 = memchr::memchr(0xC2, &bytes[i..]).map_or(bytes.len(), |k| i + k);
        }
        let next = memchr::memchr3(b'"', b'\'', 0xE2, &bytes[i..]).map_or(bytes.len(), |k| i + k);
        i = next.min(next_c2);
        if i >= bytes.len() {
            break;
        }
        let b = bytes[i];
        let at = para.start + i;
        let here = i;
        i += 1;
        let i = here;
        let mark = match b {
            b'"' => Some(('"', 1)),
            // An apostrophe inside a word ("Russia's", "don't") is the common case: no quote.
            b'\''
                if i > 0
                    && bytes[i - 1].is_ascii_alphanumeric()
                    && bytes.get(i + 1).is_some_and(u8::is_ascii_alphanumeric) =>
            {
                None
            }
            b'\'' => Some(('\'', 1)),
            0xE2 if bytes.get(i + 1) == Some(&0x80) => match bytes.get(i + 2) {
                Some(0x9C) => Some(('“', 3)),
                Some(0x9D) => Some(('”', 3)),
                Some(0x98) => Some(('‘', 3)),
                Some(0x99) => Some(('’', 3)),
                _ => None,
            },
            0xC2 => match bytes.get(i + 1) {
                Some(0xAB) => Some(('“', 2)),
                Some(0xBB) => Some(('”', 2)),
                _ => None,
            },
            _ => None,
        };
        let in_double = curly.is_some() || straight.is_some();
        match mark {
            Some(('\'' | '‘' | '’', n)) => {
                if in_double {
                    continue;
                }
                if single.is_none() && opens_single(slice, i, n) {
                    single = Some(at);
                } else if let Some(s) = single
                    && closes_single(slice, i, n)
                {
                    single = None;
                    out.push(s..at + n);
                }
            }
            _ if single.is_some() => {}
            Some(('“', _)) => curly = Some(at),
            Some(('”', n)) => {
                if let Some(s) = curly.take() {
                    out.push(s..at + n);
                }
            }
            // “... " : a straight mark closing a curly opening one (mixed marks in real copy).
            Some(('"', _)) if straight.is_none() && curly.is_some() => {
                if let Some(s) = curly.take() {
                    out.push(s..at + 1);
                }
            }
            Some(_) => match straight.take() {
                Some(s) => out.push(s..at + 1),
                None => straight = Some(at),
            },
            None => {}
        }
    }
    // An opening curly quote left open runs to the paragraph's end: the quote continues in the
    // next paragraph (news convention), so everything after it is quoted.
    if let Some(s) = curly {
        out.push(s..para.end);
    }
    out.sort_by_key(|r| r.start);
}

/// A single mark at byte `i` (`n` bytes) opens a quote: after the start, a space, a bracket or a
/// dash, and before a word character.
fn opens_single(s: &str, i: usize, n: usize) -> bool {
    let before = s[..i].chars().next_back();
    let mut rest = s[i + n..].chars();
    let after = rest.next();
    // "Central African Republic ‘s election": a possessive typed after a stray space.
    let possessive = after == Some('s') && rest.next().is_none_or(|c| !c.is_alphanumeric());
    before.is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '[' | '—' | '–'))
        && after.is_some_and(|c| c.is_alphanumeric())
        && !possessive
}

/// A single mark at byte `i` closes a quote: after a non-space, before the end, a space or
/// punctuation; "s' " before a lower-case word is a plural possessive ("the whips' office").
fn closes_single(s: &str, i: usize, n: usize) -> bool {
    let before = s[..i].chars().next_back();
    let rest = &s[i + n..];
    let after = rest.chars().next();
    if before.is_none_or(char::is_whitespace) {
        return false;
    }
    if after.is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    // A function word after "s' " ("the reports' and ...") means the quote closed there.
    let next_word = rest
        .get(1..)
        .unwrap_or("")
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let possessive = before == Some('s')
        && after == Some(' ')
        && next_word.starts_with(char::is_lowercase)
        && !lexicon::is_one_of(next_word, CLOSE_FOLLOWERS);
    !possessive
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

/// Does `word` end with `suffix`, ASCII case ignored? (No lower-cased copy of the word.)
pub fn ends_with_ci(word: &str, suffix: &str) -> bool {
    word.len() >= suffix.len()
        && word.as_bytes()[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix.as_bytes())
}

/// True when a possessive ("Russia's", "agencies’") ends the word.
pub fn is_possessive(word: &str) -> bool {
    ["'s", "’s", "´s", "ʼs", "s'", "s’"]
        .iter()
        .any(|p| word.ends_with(p))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(s: &str) -> Vec<(String, TokKind, bool)> {
        let mut q = Vec::new();
        quote_spans(s, 0..s.len(), &mut q);
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &q, &mut t);
        t.iter()
            .map(|t| (s[t.start..t.end].to_string(), t.kind, t.quoted))
            .collect()
    }

    #[test]
    fn the_eight_byte_word_scan_agrees_with_the_byte_test() {
        for b in 0..=255u8 {
            for at in 0..8 {
                let mut chunk = *b"abcdefgh";
                chunk[at] = b;
                let want = if b.is_ascii_alphanumeric() { 8 } else { at };
                assert_eq!(
                    ascii_word_run(u64::from_le_bytes(chunk)),
                    want,
                    "byte {b:#x} at {at}"
                );
            }
        }
        let s = b"Woong9Gil-x";
        assert_eq!(ascii_word_end(s, 0), 9);
        assert_eq!(ascii_word_end(s, 10), 11);
    }

    #[test]
    fn a_word_gets_the_same_span_and_entry_whatever_ends_it_and_wherever_it_lies() {
        // The short path loads 16 bytes: move the word across the end of the text, and end it
        // with every kind of byte, and it must come out as the long path makes it.
        for pad in 0..20 {
            for (after, word, is_cue) in [
                (" x", "Said", true),
                (",", "Said", true),
                (", 5", "Said", true),
                (":", "Said", true),
                (".", "Said", true),
                ("", "Said", true),
                ("\n", "Said", true),
                ("—", "Said", true),
                ("’s", "Said’s", false),
                ("-x", "Said-x", false),
                ("9", "Said9", false),
            ] {
                let s = format!("{}Said{after}", "a ".repeat(pad));
                let mut toks = Vec::new();
                tokenize(&s, 0..s.len(), &[], &mut toks);
                let t = toks.iter().find(|t| t.start == 2 * pad).expect("a token");
                let at = format!("{pad} then {after:?}");
                assert_eq!(&s[t.start..t.end], word, "{at}");
                assert_eq!(t.info.cue().is_some(), is_cue, "{at}");
                assert!(t.cap, "{at}");
            }
        }
        // A comma between digits stays inside the number; after a letter it ends the word.
        let words = |s: &str| {
            let mut toks = Vec::new();
            tokenize(s, 0..s.len(), &[], &mut toks);
            toks.iter()
                .filter(|t| t.is_word())
                .map(|t| s[t.start..t.end].to_string())
                .collect::<Vec<_>>()
        };
        assert_eq!(
            words("11,000 troops, 5 tanks"),
            ["11,000", "troops", "5", "tanks"]
        );
        assert_eq!(words("troops,5"), ["troops", "5"]);
        // Sixteen letters and more take the long path, and find a long lexicon word.
        assert_eq!(
            words("abcdefghijklmnopq said"),
            ["abcdefghijklmnopq", "said"]
        );
    }

    #[test]
    fn words_keep_inner_joiners() {
        let k = kinds("U.S. envoy Lee Woong-gil, Russia’s 11,000 troops, $2.5 bn.");
        let words: Vec<_> = k
            .iter()
            .filter(|x| x.1 == TokKind::Word)
            .map(|x| x.0.as_str())
            .collect();
        assert_eq!(
            words,
            [
                "U.S.",
                "envoy",
                "Lee",
                "Woong-gil",
                "Russia’s",
                "11,000",
                "troops",
                "2.5",
                "bn"
            ]
        );
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
    fn unclosed_quotes() {
        let mut q = Vec::new();
        quote_spans("\"never closed", 0..13, &mut q);
        assert!(q.is_empty(), "straight quotes need a pair");
        let s = "“runs on to the end";
        quote_spans(s, 0..s.len(), &mut q);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0], 0..s.len());
    }

    #[test]
    fn single_quotes_at_word_edges() {
        let mut q = Vec::new();
        let s = "‘This isn’t a rebellion, it’s a plea,’ she said.";
        quote_spans(s, 0..s.len(), &mut q);
        assert_eq!(q.len(), 1);
        assert_eq!(q[0].end, s.find(" she").unwrap());
        let s = "The IDF said it was 'looking into the reports' in the whips' office.";
        quote_spans(s, 0..s.len(), &mut q);
        assert_eq!(q.len(), 1);
        assert_eq!(&s[q[0].clone()], "'looking into the reports'");
        let s = "He dismissed it as ‘speculation’. The sides' claims differ.";
        quote_spans(s, 0..s.len(), &mut q);
        assert_eq!(q.len(), 1);
        // Singles inside a double quote are not quotes of their own.
        let s = "“They said ‘no’ to us,” he said.";
        quote_spans(s, 0..s.len(), &mut q);
        assert_eq!(q.len(), 1);
        let k = kinds("‘We will listen,’ he replied.");
        assert_eq!(k[0].1, TokKind::OpenQuote);
        assert!(!k.iter().find(|x| x.0 == "he").unwrap().2);
    }
}
