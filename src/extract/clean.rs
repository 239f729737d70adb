//! Paragraph-level cleaning: which lines are headings, bylines, captions, credits, introducers
//! ("..., the president said:"), repeats, or body text; and which sentences are publisher
//! boilerplate. Recognised by shape and vocabulary, never by a list of known sentences.

use super::lexicon::{
    BOILER, BOILERPLATE_VOCAB, CAPTION_PREFIXES, CREDIT_VOCAB, META, PHOTO_CREDITS,
};
use super::text::{Tok, contains_ci};

/// What a paragraph (line) is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParaKind {
    /// A line without a final full stop: heads a post (or is live-blog furniture).
    Heading,
    /// "Anthony Cuthbertson reports:" and similar.
    Byline,
    /// "Watch: ...", "In pictures: ...", "Read more: ...".
    Caption,
    /// A picture caption with its credit ("... Photograph: Haitham Imad/EPA"): inside a post.
    PhotoCaption,
    /// "(Reporting by ...; Editing by ...)".
    Credit,
    /// A line ending in a colon that carries a reporting cue ("the Ukrainian president said:"):
    /// the next paragraph is that speaker's quote.
    Introducer,
    /// A paragraph repeating an earlier one word for word (repeated standfirsts).
    Repeat,
    Body,
}

impl ParaKind {
    /// The name of the line rule that classed a line this way (for `extract --explain`).
    pub fn rule(self) -> &'static str {
        match self {
            ParaKind::Heading => "heading-line",
            ParaKind::Byline => "byline-line",
            ParaKind::Caption => "caption-prefix",
            ParaKind::PhotoCaption => "photo-credit",
            ParaKind::Credit => "credit-line",
            ParaKind::Introducer => "introducer-line",
            ParaKind::Repeat => "repeated-paragraph",
            ParaKind::Body => "body",
        }
    }
}

/// Does the line end like a sentence (".", "!", "?", optionally followed by closing quotes)?
pub fn ends_like_sentence(line: &str) -> bool {
    let t = line.trim_end_matches(|c: char| {
        c.is_whitespace() || matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»')
    });
    t.ends_with(['.', '!', '?', '…'])
}

/// Does the line end with a closing quotation mark (after any final punctuation)?
pub fn ends_with_close_quote(line: &str) -> bool {
    let t = line
        .trim_end_matches(|c: char| c.is_whitespace() || matches!(c, '.' | ',' | '!' | '?' | ')'));
    t.ends_with(['”', '"', '»'])
}

/// Does `line` open with `prefix` (ASCII case ignored), as a whole word when the prefix ends in
/// a letter ("Share" opens "Share this", not "Shares fell 5%")?
fn starts_with_ci(line: &str, prefix: &str) -> bool {
    let bytes = line.as_bytes();
    let n = prefix.len();
    bytes.len() >= n
        && bytes[..n].eq_ignore_ascii_case(prefix.as_bytes())
        && !(prefix.as_bytes()[n - 1].is_ascii_alphanumeric()
            && bytes.get(n).is_some_and(u8::is_ascii_alphanumeric))
}

/// The first bytes of the phrases of a list, in either case: a byte not in the set starts none
/// of them, so most lines and positions are turned away by one look-up.
const fn first_bytes(list: &[&str]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < list.len() {
        let b = list[i].as_bytes()[0];
        set[b.to_ascii_lowercase() as usize] = true;
        set[b.to_ascii_uppercase() as usize] = true;
        i += 1;
    }
    set
}

/// The first bytes of the phrases of a list, case kept (for [`contains_any`], which keeps it:
/// "p", "i" and "g" starting half the words of a line would each start a look at every phrase).
const fn first_bytes_exact(list: &[&str]) -> [bool; 256] {
    let mut set = [false; 256];
    let mut i = 0;
    while i < list.len() {
        set[list[i].as_bytes()[0] as usize] = true;
        i += 1;
    }
    set
}

const CAPTION_FIRST: [bool; 256] = first_bytes(CAPTION_PREFIXES);
const CREDIT_FIRST: [bool; 256] = first_bytes(CREDIT_VOCAB);
const PHOTO_CREDIT_FIRST: [bool; 256] = first_bytes_exact(PHOTO_CREDITS);

/// Does `line` open with one of `prefixes` (lower-case, as [`starts_with_ci`] takes them)?
fn starts_with_any(line: &str, prefixes: &[&str], first: &[bool; 256]) -> bool {
    let Some(&b) = line.as_bytes().first() else {
        return false;
    };
    let lower = b.to_ascii_lowercase();
    first[usize::from(b)]
        && prefixes
            .iter()
            .any(|p| p.as_bytes()[0] == lower && starts_with_ci(line, p))
}

/// Does `line` contain one of `needles` (case kept)? One pass over the line.
fn contains_any(line: &str, needles: &[&str], first: &[bool; 256]) -> bool {
    let bytes = line.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| {
        first[usize::from(b)] && needles.iter().any(|n| bytes[i..].starts_with(n.as_bytes()))
    })
}

/// Classifies one non-empty, trimmed line; `has_cue` tells whether it contains a reporting verb.
pub fn classify_line(line: &str, has_cue: bool) -> ParaKind {
    if starts_with_any(line, CAPTION_PREFIXES, &CAPTION_FIRST) {
        return ParaKind::Caption;
    }
    if !ends_like_sentence(line) && contains_any(line, PHOTO_CREDITS, &PHOTO_CREDIT_FIRST) {
        return ParaKind::PhotoCaption;
    }
    if line.ends_with(':') {
        let byline = line.split_whitespace().count() <= 12
            && (contains_ci(line, "reports")
                || contains_ci(line, "writes")
                || contains_ci(line, "reporting")
                || contains_ci(line, "correspondent")
                || contains_ci(line, "editor"));
        if byline {
            return ParaKind::Byline;
        }
        return if has_cue {
            ParaKind::Introducer
        } else if line.len() <= MAX_HEADING_BYTES {
            ParaKind::Heading
        } else {
            ParaKind::Body
        };
    }
    let trimmed = line.trim_start_matches('(');
    if starts_with_any(trimmed, CREDIT_VOCAB, &CREDIT_FIRST)
        || (line.starts_with('(') && line.ends_with(')'))
    {
        return ParaKind::Credit;
    }
    if !ends_like_sentence(line) && line.len() <= MAX_HEADING_BYTES {
        return ParaKind::Heading;
    }
    ParaKind::Body
}

/// A line longer than this is prose even when it does not end like a sentence (a
/// paragraph cut short, a page flattened into one line): headings, standfirsts
/// included, run to under 200 bytes in every article we have.
const MAX_HEADING_BYTES: usize = 320;

/// Is this sentence publisher boilerplate? `toks` are its tokens; `has_cue` whether it attributes.
///
/// Shape: first/second person outside quotes (news copy rarely says "we" or "you" in its own
/// voice) without an attribution, or appeal/sign-up vocabulary. Credits ("X reported from Cairo",
/// "contributed to this report") count too.
pub fn is_boilerplate(sentence: &str, toks: &[Tok], has_cue: bool) -> bool {
    // One pass over the tokens for both classes.
    let (mut meta, mut boiler) = (false, false);
    for t in toks.iter().filter(|t| t.is_word()) {
        meta |= !t.quoted && t.info.class & META != 0;
        boiler |= t.info.class & BOILER != 0;
    }
    if is_dateline_credit(sentence, toks) {
        return true;
    }
    if !boiler {
        return meta && !has_cue;
    }
    let lower = sentence.to_ascii_lowercase();
    if CREDIT_VOCAB.iter().any(|v| lower.contains(v)) {
        return true;
    }
    // An attributed sentence in the article's own voice is kept whatever its vocabulary.
    if has_cue && !meta {
        return false;
    }
    meta && !has_cue || BOILERPLATE_VOCAB.iter().any(|v| lower.contains(v))
}

/// "Magdy reported from Cairo." — a reporter's credit line, not a claim.
fn is_dateline_credit(sentence: &str, toks: &[Tok]) -> bool {
    toks.len() <= 8
        && (contains_ci(sentence, "reported from") || contains_ci(sentence, "reporting from"))
        && !contains_ci(sentence, " that ")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn boiler(s: &str, cue: bool) -> bool {
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &[], &mut t);
        is_boilerplate(s, &t, cue)
    }

    #[test]
    fn a_long_line_without_a_full_stop_is_prose_not_a_heading() {
        let heading = "Ukraine-Russia war live: North Korean troops deployed to frontline";
        assert_eq!(classify_line(heading, false), ParaKind::Heading);
        let cut_short = "The minister said the convoy had crossed the river, ".repeat(10);
        assert_eq!(classify_line(cut_short.trim_end(), false), ParaKind::Body);
        let long_colon = format!("{}and then:", "The briefing went on for hours ".repeat(12));
        assert_eq!(classify_line(&long_colon, false), ParaKind::Body);
    }

    #[test]
    fn promos_and_page_notes() {
        assert!(boiler(
            "Listen to the latest episode of our podcast, in which our reporter says the war has changed.",
            true
        ));
        assert!(boiler(
            "Copyright 2025 The Associated Press. All rights reserved.",
            false
        ));
        assert!(boiler(
            "This article was amended on 3 March 2025 to correct a name.",
            false
        ));
        assert!(boiler(
            "This is a developing story and will be updated.",
            false
        ));
        assert!(!boiler(
            "Trump said on a podcast that tariffs would rise.",
            true
        ));
        assert!(!boiler(
            "The ministry said the toll had been updated.",
            true
        ));
    }

    #[test]
    fn classifies_lines() {
        assert_eq!(
            classify_line("Kremlin dismisses report about talks", false),
            ParaKind::Heading
        );
        assert_eq!(
            classify_line("Hyung-Jin Kim reports:", true),
            ParaKind::Byline
        );
        assert_eq!(
            classify_line("Watch: Putin launches drills", false),
            ParaKind::Caption
        );
        assert_eq!(
            classify_line("In a statement, the Israeli prime minister said:", true),
            ParaKind::Introducer
        );
        assert_eq!(
            classify_line("(Reporting by A; Editing by B)", false),
            ParaKind::Credit
        );
        assert_eq!(
            classify_line("“We will fight,” he said.", true),
            ParaKind::Body
        );
    }

    #[test]
    fn detects_appeals_by_shape() {
        assert!(boiler(
            "Your donation allows us to keep sending journalists.",
            false
        ));
        assert!(boiler(
            "Help us keep bringing these stories to light.",
            false
        ));
        assert!(boiler(
            "Sign up to our free newsletter for the latest headlines.",
            false
        ));
        assert!(!boiler(
            "The ministry said 107 people had been detained.",
            true
        ));
        assert!(!boiler("Police used water cannon in the capital.", false));
    }
}
