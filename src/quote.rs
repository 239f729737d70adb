//! Finding a reviewer's quote in an article's text, as `add` needs it: exactly,
//! after folding runs of whitespace to one space and curly quotes to straight
//! ones, so that a quote typed on a keyboard finds the typeset text. Pure and
//! linear in the text's length.

/// Byte ranges of `text` where `quote` occurs (folded), in text order.
pub fn find_all(text: &str, quote: &str) -> Vec<(usize, usize)> {
    let needle = fold(quote.trim());
    if needle.text.is_empty() {
        return Vec::new();
    }
    let haystack = fold(text);
    haystack
        .text
        .match_indices(&needle.text)
        .map(|(at, found)| {
            let first = haystack.origin[at];
            let last = haystack.origin[at + found.len() - 1];
            (first.0, last.1)
        })
        .collect()
}

/// Folded text, and for each of its bytes the byte range of the original
/// character it comes from.
struct Folded {
    text: String,
    origin: Vec<(usize, usize)>,
}

fn fold(text: &str) -> Folded {
    let mut folded = Folded {
        text: String::with_capacity(text.len()),
        origin: Vec::with_capacity(text.len()),
    };
    let mut space_run: Option<usize> = None;
    for (at, c) in text.char_indices() {
        let end = at + c.len_utf8();
        if c.is_whitespace() {
            match space_run {
                // A run of whitespace is one space that covers the whole run.
                Some(index) => folded.origin[index].1 = end,
                None => {
                    space_run = Some(folded.text.len());
                    folded.text.push(' ');
                    folded.origin.push((at, end));
                }
            }
            continue;
        }
        space_run = None;
        let c = match c {
            '\u{2018}' | '\u{2019}' | '\u{201a}' | '\u{201b}' | '\u{2032}' => '\'',
            '\u{201c}' | '\u{201d}' | '\u{201e}' | '\u{201f}' | '\u{2033}' | '\u{ab}'
            | '\u{bb}' => '"',
            c => c,
        };
        folded.text.push(c);
        folded
            .origin
            .extend(std::iter::repeat_n((at, end), c.len_utf8()));
    }
    folded
}

#[cfg(test)]
mod tests {
    use super::find_all;

    #[test]
    fn finds_the_typeset_text_from_a_typed_quote() {
        let text = "He said \u{201c}we\u{2019}re  ready\u{201d}\nand left.";
        let found = find_all(text, "\"we're ready\" and");
        assert_eq!(found.len(), 1);
        let (start, end) = found[0];
        assert_eq!(
            &text[start..end],
            "\u{201c}we\u{2019}re  ready\u{201d}\nand"
        );
    }

    #[test]
    fn counts_every_occurrence_and_finds_none_of_an_empty_quote() {
        assert_eq!(find_all("a b. a b.", "a b").len(), 2);
        assert!(find_all("a b", "  ").is_empty());
        assert!(find_all("a b", "c").is_empty());
    }
}
