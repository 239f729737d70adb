//! Lines and posts. A paragraph is a line (or, in hard-wrapped text, the lines it runs over);
//! a live blog's post starts at a heading line.
//! Pronouns, floating quotes and flag back-references never reach across posts.

use super::lexicon::{WRAP_CONTINUING_WORDS, is_one_of};
use std::cell::OnceCell;
use std::ops::Range;

/// Trimmed byte ranges of the paragraphs of `text`: its non-empty lines, except that a
/// paragraph hard-wrapped over several lines (plain text from e-mail or a terminal, "said on
/// Tuesday that it had shot\ndown 30 drones") is one range, newlines inside.
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut rest = physical_lines(text).peekable();
    // Whether the whole text is wrapped is asked only at the first line that could go on:
    // most texts have none, or a headline over a byline.
    let wrapped = OnceCell::new();
    std::iter::from_fn(move || {
        let mut para = rest.find(|r| !r.is_empty())?;
        let mut last_line = para.clone();
        while let Some(next) = rest.next_if(|next| {
            goes_on(text, &last_line, next) && *wrapped.get_or_init(|| is_hard_wrapped(text))
        }) {
            para.end = next.end;
            last_line = next;
        }
        Some(para)
    })
}

/// Is `text` hard-wrapped? Most of its long lines that stop mid-sentence go on on the next
/// line, and at least two do. A page with a paragraph a line has few such lines (a headline
/// over a byline "by ..." at most), and none of them decides for the rest.
fn is_hard_wrapped(text: &str) -> bool {
    let (mut open, mut going_on) = (0usize, 0usize);
    let mut physical = physical_lines(text).peekable();
    while let Some(line) = physical.next() {
        if stops_mid_sentence(&text[line.clone()]) {
            open += 1;
            going_on += usize::from(physical.peek().is_some_and(|n| goes_on(text, &line, n)));
        }
    }
    going_on >= 2 && going_on * 2 >= open
}

/// The trimmed byte range of every line of `text`, empty for a blank line.
fn physical_lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0usize;
    // memchr's vectorised search for the line ends (a fiftieth of the extractor's time with
    // `split_inclusive`'s byte-wise one).
    std::iter::from_fn(move || {
        let start = offset;
        let rest = text.as_bytes().get(start..).filter(|r| !r.is_empty())?;
        offset = memchr::memchr(b'\n', rest).map_or(text.len(), |k| start + k + 1);
        let line = &text[start..offset];
        let lead = line.len() - line.trim_start().len();
        let body = line.trim().len();
        Some(start + lead..start + lead + body)
    })
}

/// Is this a long line that stops mid-sentence (as a wrapped line, or a headline, does)?
fn stops_mid_sentence(line: &str) -> bool {
    const WRAPPED_LINE_BYTES: usize = 40;
    line.len() >= WRAPPED_LINE_BYTES
        && !line.ends_with(['.', '!', '?', ':', ';', '"', '”', '’', '\'', ')', ']', '…'])
}

/// Does the line `next` go on with the paragraph whose last line is `line`? `line` is long
/// and stops mid-sentence, and `next` opens in lower case, or `line` ends in a comma or a word
/// that cannot end a sentence ("... launched overnight by Russia, a" / "claim that ...").
fn goes_on(text: &str, line: &Range<usize>, next: &Range<usize>) -> bool {
    let last_line = &text[line.clone()];
    if next.is_empty() || !stops_mid_sentence(last_line) {
        return false;
    }
    let last_word = last_line.rsplit(' ').next().unwrap_or("");
    text[next.start..].starts_with(|c: char| c.is_lowercase())
        || last_line.ends_with(',')
        || is_one_of(last_word, WRAP_CONTINUING_WORDS)
}

/// Numbers posts: every heading that is not a repeat opens a new one.
#[derive(Debug, Default)]
pub struct Posts {
    pub current: usize,
}

impl Posts {
    pub fn heading(&mut self) {
        self.current += 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_hard_wrapped_paragraph_is_one() {
        let t = "Drones downed overnight\n\nThe air force said on Tuesday that it had shot\ndown 30 of the 35 drones launched overnight by Russia, a\nclaim that could not be verified.\nThe mayor spoke.\n";
        let l: Vec<_> = lines(t).map(|r| &t[r]).collect();
        assert_eq!(
            l,
            [
                "Drones downed overnight",
                "The air force said on Tuesday that it had shot\ndown 30 of the 35 drones launched overnight by Russia, a\nclaim that could not be verified.",
                "The mayor spoke."
            ]
        );
        // A heading over its paragraph stays a line of its own; in a page with a paragraph
        // a line, a headline over a byline in lower case too.
        let t = "Russia says it captured a village in the east\nThe ministry said so.\n";
        assert_eq!(lines(t).count(), 2);
        let t = "Russia says it captured a village in the east, officials say\nby A. Writer\nThe ministry said so.\n";
        assert_eq!(lines(t).count(), 3);
    }

    #[test]
    fn trims_and_skips_blank_lines() {
        let t = "  Title \n\nBody one.\r\n";
        let l: Vec<_> = lines(t).map(|r| &t[r]).collect();
        assert_eq!(l, ["Title", "Body one."]);
    }
}
