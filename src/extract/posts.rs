//! Lines and posts. A paragraph is a line; a live blog's post starts at a heading line.
//! Pronouns, floating quotes and flag back-references never reach across posts.

use std::ops::Range;

/// Trimmed byte ranges of the non-empty lines of `text`.
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0usize;
    // memchr's vectorised search for the line ends (a fiftieth of the extractor's time with
    // `split_inclusive`'s byte-wise one).
    std::iter::from_fn(move || {
        let start = offset;
        let rest = text.as_bytes().get(start..).filter(|r| !r.is_empty())?;
        offset = memchr::memchr(b'\n', rest).map_or(text.len(), |k| start + k + 1);
        Some(start..offset)
    })
    .filter_map(move |range| {
        let line = &text[range.clone()];
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        (!body.is_empty()).then(|| range.start + lead..range.start + lead + body.len())
    })
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
    fn trims_and_skips_blank_lines() {
        let t = "  Title \n\nBody one.\r\n";
        let l: Vec<_> = lines(t).map(|r| &t[r]).collect();
        assert_eq!(l, ["Title", "Body one."]);
    }
}
