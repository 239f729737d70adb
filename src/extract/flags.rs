//! Verification flags: hedges in a claim's own sentence ("reportedly", "without providing
//! evidence") and back-referring flag sentences ("Her claims could not be independently
//! verified", "There was no immediate comment") applied to the claim(s) they refer to.

use super::cues::is_verb_cue;
use super::lexicon::{
    EVIDENCE_VERBS, HEDGE, HEDGE_WORDS, LEAD, PASSIVE, PLURAL_REF, POSS, RESPONSE_WORDS,
    VERIFY_FILLERS, VERIFY_NEGATIONS, VERIFY_WORDS, is_one_of,
};
use super::text::{Tok, TokKind};

/// The kind of hedge.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HedgeKind {
    /// "reportedly", "allegedly", "unconfirmed": always about its own sentence.
    Adverb,
    /// "could not be independently verified".
    Verify,
    /// "without providing evidence", "did not provide evidence".
    Evidence,
    /// "there was no immediate response", "did not immediately comment".
    NoResponse,
}

/// A hedge phrase: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hedge {
    pub first: usize,
    pub last: usize,
    pub kind: HedgeKind,
}

/// How far back a flag sentence reaches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reach {
    /// The claim just before.
    Last,
    /// "her claims": that speaker's run of claims.
    SpeakerRun,
    /// "either side", "neither side's account": the claims of the last claim's paragraph.
    Paragraph,
}

/// Singular nouns for what was said, as the object of "not confirmed".
const CLAIM_NOUNS: &[&str] = &[
    "report",
    "claim",
    "account",
    "figure",
    "footage",
    "video",
    "images",
    "toll",
    "allegation",
];

fn w<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

fn negation(word: &str) -> bool {
    is_one_of(word, VERIFY_NEGATIONS) || word.ends_with("n't") || word.ends_with("n’t")
}

/// Extends a hedge back over the modal before its negation ("could not ...", "was unable ...").
fn with_modal(text: &str, toks: &[Tok], neg: usize) -> usize {
    if neg > 0
        && toks[neg - 1].is_word()
        && is_one_of(
            w(text, &toks[neg - 1]),
            &[
                "could", "can", "would", "has", "have", "had", "was", "were", "is", "are", "did",
                "does", "it",
            ],
        )
    {
        neg - 1
    } else {
        neg
    }
}

/// The first hedge outside quotes, if any.
pub fn find_hedge(text: &str, toks: &[Tok]) -> Option<Hedge> {
    for (i, t) in toks.iter().enumerate() {
        if !t.has(HEDGE) {
            continue;
        }
        let word = w(text, t);
        // "Hezbollah is said to have rebuilt ...": the impersonal passive hedges like "reportedly".
        // "said" carries the bit only for this: settle it first, it is everywhere.
        if word.eq_ignore_ascii_case("said") {
            if !t.quoted
                && i > 0
                && toks[i - 1].has(PASSIVE)
                && !toks[i - 1].cap
                && toks
                    .get(i + 1)
                    .is_some_and(|n| w(text, n).eq_ignore_ascii_case("to"))
            {
                return Some(Hedge {
                    first: i - 1,
                    last: i + 1,
                    kind: HedgeKind::Adverb,
                });
            }
            continue;
        }
        // A hedge adverb counts inside a quote too ("the gunmen had 'allegedly' used a school"):
        // the sentence still carries it. Phrase hedges are only read outside quotes.
        if is_one_of(word, HEDGE_WORDS) {
            return Some(Hedge {
                first: i,
                last: i,
                kind: HedgeKind::Adverb,
            });
        }
        if t.quoted {
            continue;
        }
        if is_one_of(word, VERIFY_WORDS) {
            let mut k = i;
            while k > 0 && i - k < 6 {
                let p = &toks[k - 1];
                if !p.is_word() {
                    break;
                }
                let pw = w(text, p);
                if negation(pw) {
                    // Strong forms only: passive ("could not be verified"), "unable to verify",
                    // "independently", or a claim as object. "X had not confirmed his attendance"
                    // is no hedge.
                    let chain = &toks[k..i];
                    let claim_object = toks.get(i + 1).is_some_and(|n| {
                        is_one_of(
                            w(text, n),
                            &[
                                "the", "these", "this", "those", "his", "her", "their", "its",
                            ],
                        )
                    }) && toks
                        .get(i + 2)
                        .is_some_and(|n| n.has(PLURAL_REF) || is_one_of(w(text, n), CLAIM_NOUNS));
                    // "could not verify" (a modal before the negation) is strong too.
                    let modal = k >= 2 && is_one_of(w(text, &toks[k - 2]), &["could", "can"]);
                    let strong =
                        !(is_one_of(pw, &["not"]) || pw.ends_with("n't") || pw.ends_with("n’t"))
                            || modal
                            || chain.iter().any(|t| {
                                is_one_of(
                                    w(text, t),
                                    &["be", "been", "being", "independently", "able", "possible"],
                                )
                            })
                            || claim_object;
                    if !strong {
                        break;
                    }
                    return Some(Hedge {
                        first: with_modal(text, toks, k - 1),
                        last: i,
                        kind: HedgeKind::Verify,
                    });
                }
                if !is_one_of(pw, VERIFY_FILLERS) {
                    // "Neither side's account could be verified": the negation opens the sentence.
                    // Also after a comma: "..., and neither side's claims could be verified".
                    let neg_subject = (k.saturating_sub(6)..k.saturating_sub(1))
                        .rev()
                        .take_while(|&j| toks[j].is_word())
                        .any(|j| is_one_of(w(text, &toks[j]), &["neither", "none", "nothing"]));
                    if neg_subject && is_one_of(pw, &["could", "can", "has", "have"]) {
                        return Some(Hedge {
                            first: k - 1,
                            last: i,
                            kind: HedgeKind::Verify,
                        });
                    }
                    break;
                }
                k -= 1;
            }
        }
        // "figures to support the claim": numbers offered as backing count as evidence.
        let backing = is_one_of(word, &["figures", "data"])
            && toks
                .get(i + 1)
                .is_some_and(|n| w(text, n).eq_ignore_ascii_case("to"))
            && toks
                .get(i + 2)
                .is_some_and(|n| is_one_of(w(text, n), &["support", "back", "substantiate"]));
        if is_one_of(word, &["evidence", "proof"]) || backing {
            let back = |n: usize| {
                i.checked_sub(n)
                    .and_then(|k| toks.get(k))
                    .filter(|t| t.is_word())
                    .map(|t| w(text, t))
            };
            for n in 1..=3 {
                if back(n).is_some_and(|x| x.eq_ignore_ascii_case("without")) {
                    return Some(Hedge {
                        first: i - n,
                        last: i,
                        kind: HedgeKind::Evidence,
                    });
                }
            }
            // "provided no evidence" / "did not provide (any) evidence".
            let mut k = 1;
            if back(k).is_some_and(|x| is_one_of(x, &["any", "no", "the"])) {
                k += 1;
            }
            if back(k).is_some_and(|x| is_one_of(x, EVIDENCE_VERBS))
                && (back(k - 1).is_some_and(|x| x.eq_ignore_ascii_case("no"))
                    || back(k + 1).is_some_and(negation))
            {
                let first = if back(k + 1).is_some_and(negation) {
                    with_modal(text, toks, i - k - 1)
                } else {
                    i - k
                };
                return Some(Hedge {
                    first,
                    last: i,
                    kind: HedgeKind::Evidence,
                });
            }
        }
        let response_next = || {
            toks.get(i + 1)
                .is_some_and(|n| n.is_word() && is_one_of(w(text, n), RESPONSE_WORDS))
        };
        // "no immediate response".
        if word.eq_ignore_ascii_case("immediate")
            && i > 0
            && w(text, &toks[i - 1]).eq_ignore_ascii_case("no")
            && response_next()
        {
            return Some(Hedge {
                first: i - 1,
                last: i + 1,
                kind: HedgeKind::NoResponse,
            });
        }
        // "did not immediately respond".
        if word.eq_ignore_ascii_case("immediately")
            && i > 0
            && negation(w(text, &toks[i - 1]))
            && response_next()
        {
            return Some(Hedge {
                first: with_modal(text, toks, i - 1),
                last: i + 1,
                kind: HedgeKind::NoResponse,
            });
        }
    }
    None
}

/// Is the hedge a back-reference to earlier claims ("Her claims could not be verified")?
/// Yes when it is not an adverb, and its subject has no comma and no reporting cue: the sentence
/// is about something said before, not a new attribution.
pub fn refers_back(toks: &[Tok], hedge: &Hedge) -> bool {
    if hedge.kind == HedgeKind::Adverb
        || hedge.first > 16
        || toks.first().is_some_and(|t| t.kind == TokKind::OpenQuote)
    {
        return false;
    }
    // "Hezbollah has not commented on the claim, and Al Jazeera could not verify it": a comma
    // before a coordinating "and"/"but" joins two clauses about the claim, not an attribution.
    let head = &toks[..hedge.first];
    !head.iter().enumerate().any(|(j, t)| {
        t.kind == TokKind::Comma
            && !head
                .get(j + 1)
                .is_some_and(|n| n.is_word() && n.has(LEAD) && !n.cap)
            || is_verb_cue(t)
    })
}

/// How far a back-referring flag sentence reaches.
pub fn reach(text: &str, toks: &[Tok]) -> Reach {
    let words = || toks.iter().filter(|t| t.is_word() && !t.quoted);
    if words().any(|t| {
        let x = w(text, t);
        is_one_of(x, &["side", "sides", "side's", "side’s", "sides'"])
    }) {
        return Reach::Paragraph;
    }
    let poss = words().any(|t| t.has(POSS) && !w(text, t).eq_ignore_ascii_case("its"));
    if poss || words().any(|t| t.has(PLURAL_REF)) {
        return Reach::SpeakerRun;
    }
    Reach::Last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::tokenize;

    fn hedge(s: &str) -> Option<(String, bool, Reach)> {
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &[], &mut t);
        find_hedge(s, &t).map(|h| {
            (
                s[t[h.first].start..t[h.last].end].to_string(),
                refers_back(&t, &h),
                reach(s, &t),
            )
        })
    }

    #[test]
    fn finds_hedges() {
        assert_eq!(
            hedge("Troops are reportedly inside Ukraine.").map(|h| h.0),
            Some("reportedly".into())
        );
        assert_eq!(
            hedge("Her claims could not be independently verified and there was no response."),
            Some((
                "could not be independently verified".into(),
                true,
                Reach::SpeakerRun
            ))
        );
        assert_eq!(
            hedge("Reuters could not independently verify the report.").map(|h| (h.0, h.1)),
            Some(("could not independently verify".into(), true))
        );
        assert_eq!(
            hedge("Israel disputed the figures without providing evidence.").map(|h| (h.0, h.1)),
            Some(("without providing evidence".into(), false))
        );
        assert_eq!(
            hedge("He did not provide evidence for the claim.").map(|h| (h.0, h.1)),
            Some(("did not provide evidence".into(), true))
        );
        assert_eq!(
            hedge("There was no immediate comment from Kyiv.").map(|h| (h.0, h.1)),
            Some(("no immediate comment".into(), true))
        );
        assert_eq!(
            hedge("Neither side's account could be independently verified.").map(|h| h.2),
            Some(Reach::Paragraph)
        );
        assert_eq!(hedge("The US confirmed some soldiers were there."), None);
        assert_eq!(
            hedge(
                "Moscow and Kyiv accuse each other, and neither side's claims could be verified."
            )
            .map(|h| (h.0, h.1)),
            Some(("could be verified".into(), false))
        );
        assert_eq!(
            hedge("Hezbollah is said to have rebuilt its arsenal.").map(|h| (h.0, h.1)),
            Some(("is said to".into(), false))
        );
        assert_eq!(
            hedge("He said the gunmen had 'allegedly' used a school.").map(|h| h.0),
            Some("allegedly".into())
        );
        assert_eq!(
            hedge("Noem did not provide figures to support the claim.").map(|h| (h.0, h.1)),
            Some(("did not provide figures".into(), true))
        );
        assert_eq!(
            hedge("Hezbollah has not commented on the claim, and Al Jazeera could not verify it.")
                .map(|h| h.1),
            Some(true)
        );
        assert_eq!(hedge("He declined to give figures."), None);
        assert_eq!(
            hedge("Mr Lavrov alleged that instructors were deployed."),
            None
        );
    }
}
