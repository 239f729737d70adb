//! Property tests: the extractor never panics, and every claim is an exact slice of its article.

use claimtrack::extract::{explain, extract, sentence_spans};
use proptest::prelude::*;

fn seed_lines() -> Vec<String> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut lines = Vec::new();
    for sub in ["seeds", "tests/gold/articles"] {
        for text in claimtrack::corpus::read_articles(&dir.join(sub)).unwrap() {
            lines.extend(text.lines().map(str::to_string));
        }
    }
    lines
}

fn check(text: &str) {
    let e = extract(text);
    for c in &e.claims {
        assert!(c.start <= c.end && c.end <= text.len());
        assert_eq!(text.get(c.start..c.end), Some(c.text.as_str()));
    }
    for w in e.claims.windows(2) {
        assert!(w[0].start <= w[1].start, "claims in article order");
    }
    for s in sentence_spans(text) {
        assert!(text.get(s).is_some());
    }
    for d in explain(text) {
        assert!(text.get(d.start..d.end).is_some());
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn arbitrary_unicode_never_panics(s in any::<String>()) {
        check(&s);
    }

    #[test]
    fn punctuation_soup_never_panics(s in "[“”\"‘’'.,:;!?…—–()\\- a-zA-Z0-9\n]{0,300}") {
        check(&s);
    }

    #[test]
    fn recombined_seed_paragraphs(picks in proptest::collection::vec((0usize..10_000, 0usize..4, any::<u8>()), 1..40)) {
        let lines = seed_lines();
        let mut text = String::new();
        for (i, how, byte) in picks {
            let line = &lines[i % lines.len()];
            match how {
                // Lines cut at an arbitrary char boundary, glued, or with stray quotes.
                0 => { text.push_str(line); text.push('\n'); }
                1 => {
                    let cut = line.char_indices().nth(usize::from(byte) % (line.chars().count() + 1)).map_or(line.len(), |(k, _)| k);
                    text.push_str(&line[..cut]);
                    text.push('\n');
                }
                2 => { text.push_str(line); text.push(' '); }
                _ => { text.push('“'); text.push_str(line); text.push_str("\"\n"); }
            }
        }
        check(&text);
    }
}

#[test]
fn long_single_line_with_unbalanced_quotes() {
    let lines = seed_lines();
    let mut text = String::from("“ ");
    while text.len() < 2_000_000 {
        for l in &lines {
            text.push_str(l);
            text.push_str(" ‘ ” \" ");
        }
    }
    check(&text);
}
