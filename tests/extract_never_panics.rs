//! The extractor never panics, and every claim it returns is a slice of its input:
//! over arbitrary Unicode, and over the seed paragraphs shuffled, cut and recombined.

use claimtrack::corpus::SeedPool;
use claimtrack::extract::{extract, sentence_spans};
use proptest::prelude::*;
use std::sync::OnceLock;

fn pool() -> &'static SeedPool {
    static POOL: OnceLock<SeedPool> = OnceLock::new();
    POOL.get_or_init(|| {
        SeedPool::from_dir(&std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("seeds")).unwrap()
    })
}

fn assert_claims_are_slices(text: &str) {
    let extraction = extract(text);
    for claim in &extraction.claims {
        assert!(
            claim.start <= claim.end && claim.end <= text.len(),
            "{claim:?}"
        );
        assert_eq!(
            text.get(claim.start..claim.end),
            Some(claim.text.as_str()),
            "claim is not text[start..end]"
        );
    }
    for span in sentence_spans(text) {
        assert!(
            text.get(span.clone()).is_some(),
            "bad sentence span {span:?}"
        );
    }
}

/// Pieces to splice between paragraphs: what real copy and hostile input contain.
const NOISE: &[&str] = &[
    "",
    " ",
    "\n",
    "\r\n",
    "\u{feff}",
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "(",
    ")",
    "—",
    "...",
    "Mr.",
    "Dr.",
    "$2.5",
    "U.S.",
    " said ",
    "according to ",
    "reportedly ",
    "\u{0301}",
    "🇺🇦",
    "\u{200b}",
    "\t",
    "#",
    "- ",
    "* ",
];

fn recombined() -> impl Strategy<Value = String> {
    let paragraphs = pool().paragraphs.len();
    prop::collection::vec(
        (0..paragraphs, 0usize..200, 0usize..200, 0..NOISE.len()),
        0..25,
    )
    .prop_map(|picks| {
        let pool = pool();
        let mut text = String::new();
        for (p, cut_a, cut_b, noise) in picks {
            let para = &pool.paragraphs[p];
            // Cut the paragraph at two char boundaries, keep the middle.
            let bounds: Vec<usize> = para
                .char_indices()
                .map(|(i, _)| i)
                .chain([para.len()])
                .collect();
            let a = bounds[cut_a % bounds.len()];
            let b = bounds[cut_b % bounds.len()];
            let (a, b) = (a.min(b), a.max(b));
            text.push_str(if cut_a % 3 == 0 { &para[a..b] } else { para });
            text.push_str(NOISE[noise]);
            text.push('\n');
        }
        text
    })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]

    #[test]
    fn never_panics_on_arbitrary_unicode(text in "\\PC*") {
        assert_claims_are_slices(&text);
    }

    #[test]
    fn never_panics_on_any_chars_with_control_characters(text in prop::collection::vec(any::<char>(), 0..400).prop_map(|v| v.into_iter().collect::<String>())) {
        assert_claims_are_slices(&text);
    }

    #[test]
    fn never_panics_on_recombined_seed_paragraphs(text in recombined()) {
        assert_claims_are_slices(&text);
    }
}

#[test]
fn the_seeds_themselves_extract_as_slices() {
    for (i, paragraph) in pool().paragraphs.iter().enumerate() {
        assert_claims_are_slices(paragraph);
        assert_claims_are_slices(&format!(
            "{}\n{paragraph}",
            pool().titles[i % pool().titles.len()]
        ));
    }
}
