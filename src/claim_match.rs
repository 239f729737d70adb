//! Which claim of a new article version is which claim of the earlier versions.
//!
//! Pure: claim texts and speakers in, pairs out. Two steps:
//! 1. the same normalised text (`claim_key`) is the same claim;
//! 2. of what is left, a pair whose speakers agree and whose word sets overlap by a
//!    Dice coefficient of at least [`REWORD_THRESHOLD`] is the same claim reworded.
//!    Pairs are taken best first, so each claim is matched at most once.
//!
//! Dice over word *sets* (not sequences) was chosen because rewording in live blogs
//! reorders clauses and swaps a verb ("estimated that" → "have claimed that") while
//! keeping the figures and names, which carry the claim.

use std::collections::{HashMap, HashSet};

/// Word overlap from which two claims with agreeing speakers are one claim reworded.
pub const REWORD_THRESHOLD: f64 = 0.6;

/// The normalised form of a claim's text: lower case, curly quotes and dashes folded,
/// every run of non-alphanumeric characters one space.
pub fn claim_key(text: &str) -> String {
    let mut key = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_alphanumeric() {
            if pending_space && !key.is_empty() {
                key.push(' ');
            }
            pending_space = false;
            key.extend(c.to_lowercase());
        } else {
            pending_space = true;
        }
    }
    key
}

/// A claim as the matcher needs it.
#[derive(Debug, Clone, Copy)]
pub struct Candidate<'a> {
    pub text: &'a str,
    pub speaker: Option<&'a str>,
}

/// How a new claim relates to the earlier ones.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Link {
    /// Same normalised text as earlier claim `old`.
    Same { old: usize },
    /// Earlier claim `old` reworded, with the word overlap found.
    Reworded { old: usize, overlap: f64 },
    /// Not in the earlier versions.
    New,
}

/// Links every claim of `new` to at most one claim of `old` (indexes into the slices).
pub fn link_versions(old: &[Candidate<'_>], new: &[Candidate<'_>]) -> Vec<Link> {
    let mut links = vec![Link::New; new.len()];
    let mut old_taken = vec![false; old.len()];

    let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
    for (i, claim) in old.iter().enumerate() {
        by_key.entry(claim_key(claim.text)).or_default().push(i);
    }
    for (j, claim) in new.iter().enumerate() {
        if let Some(olds) = by_key.get_mut(&claim_key(claim.text))
            && !olds.is_empty()
        {
            let i = olds.remove(0);
            old_taken[i] = true;
            links[j] = Link::Same { old: i };
        }
    }

    let old_words: Vec<HashSet<String>> = old.iter().map(|c| word_set(c.text)).collect();
    let mut pairs = Vec::new();
    for (j, claim) in new.iter().enumerate() {
        if links[j] != Link::New {
            continue;
        }
        let words = word_set(claim.text);
        for (i, earlier) in old.iter().enumerate() {
            if old_taken[i] || !speakers_agree(earlier.speaker, claim.speaker) {
                continue;
            }
            let overlap = dice(&old_words[i], &words);
            if overlap >= REWORD_THRESHOLD {
                pairs.push((overlap, i, j));
            }
        }
    }
    // Best pairs first; ties keep document order so the result is deterministic.
    pairs.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    for (overlap, i, j) in pairs {
        if !old_taken[i] && links[j] == Link::New {
            old_taken[i] = true;
            links[j] = Link::Reworded { old: i, overlap };
        }
    }
    links
}

/// The distinct words of a text (normalised as in [`claim_key`]).
fn word_set(text: &str) -> HashSet<String> {
    claim_key(text).split(' ').map(str::to_string).collect()
}

/// 2|A∩B| / (|A|+|B|): 1 for the same words, 0 for none in common.
fn dice(a: &HashSet<String>, b: &HashSet<String>) -> f64 {
    if a.is_empty() && b.is_empty() {
        return 1.0;
    }
    2.0 * a.intersection(b).count() as f64 / (a.len() + b.len()) as f64
}

/// Speakers agree when both are absent, or the words of one contain the other's
/// ("a presidential official" ~ "a presidential official in Seoul").
fn speakers_agree(a: Option<&str>, b: Option<&str>) -> bool {
    match (a, b) {
        (None, None) => true,
        (Some(a), Some(b)) => {
            let (a, b) = (claim_key(a), claim_key(b));
            let a = a.trim_start_matches("the ").trim_start_matches("a ");
            let b = b.trim_start_matches("the ").trim_start_matches("a ");
            contains_words(a, b) || contains_words(b, a)
        }
        _ => false,
    }
}

fn contains_words(haystack: &str, needle: &str) -> bool {
    !needle.is_empty() && format!(" {haystack} ").contains(&format!(" {needle} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cand<'a>(text: &'a str, speaker: Option<&'a str>) -> Candidate<'a> {
        Candidate { text, speaker }
    }

    #[test]
    fn key_folds_case_quotes_and_spacing() {
        assert_eq!(
            claim_key("“It’s here,”  she SAID."),
            claim_key("\"It's here,\" she said")
        );
        assert_eq!(claim_key("A  b,c"), "a b c");
    }

    #[test]
    fn identical_text_is_the_same_claim() {
        let old = [cand("One thing, he said.", Some("he")), cand("Two.", None)];
        let new = [cand("Two.", None), cand("One thing, he said.", Some("he"))];
        assert_eq!(
            link_versions(&old, &new),
            vec![Link::Same { old: 1 }, Link::Same { old: 0 }]
        );
    }

    #[test]
    fn seed_rewording_is_linked() {
        let old = [cand(
            "South Korea and its allies estimated that at least 11,000 North Korean soldiers have been moved to Russia, with more than 3,000 of them now deployed close to the front lines in Ukraine, a presidential official said on Wednesday.",
            Some("a presidential official"),
        )];
        let new = [cand(
            "South Korea and its allies have claimed that North Korea has sent at least 11,000 soldiers to Russia, with more than 3,000 of them now deployed close to the frontlines in Ukraine, a presidential official in Seoul said on Wednesday.",
            Some("a presidential official in Seoul"),
        )];
        assert!(matches!(
            link_versions(&old, &new)[0],
            Link::Reworded { old: 0, .. }
        ));
    }

    #[test]
    fn different_speakers_are_not_linked_by_overlap() {
        let old = [cand(
            "Troops crossed the river at dawn, Kyiv said.",
            Some("Kyiv"),
        )];
        let new = [cand(
            "Troops crossed the river at dawn, Moscow said.",
            Some("Moscow"),
        )];
        assert_eq!(link_versions(&old, &new), vec![Link::New]);
    }

    #[test]
    fn unrelated_claims_stay_new_and_each_old_claim_links_once() {
        let old = [cand("The bridge was hit twice overnight.", None)];
        let new = [
            cand("The bridge was hit twice overnight, officials added.", None),
            cand("The bridge was hit twice overnight.", None),
            cand("Grain exports fell by a third.", None),
        ];
        assert_eq!(
            link_versions(&old, &new),
            vec![Link::New, Link::Same { old: 0 }, Link::New]
        );
    }
}
