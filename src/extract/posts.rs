//! Lines and posts. A paragraph is a line; a live blog's post starts at a heading line.
//! Pronouns, floating quotes and flag back-references never reach across posts.

use std::ops::Range;

/// Trimmed byte ranges of the non-empty lines of `text`.
pub fn lines(text: &str) -> impl Iterator<Item = Range<usize>> + '_ {
    let mut offset = 0usize;
    text.split_inclusive('\n').filter_map(move |line| {
        let start = offset;
        offset += line.len();
        let lead = line.len() - line.trim_start().len();
        let body = line.trim();
        (!body.is_empty()).then(|| start + lead..start + lead + body.len())
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
