//! Verification flags: hedges in a claim's own sentence ("reportedly", "without providing
//! evidence") and back-referring flag sentences ("Her claims could not be independently
//! verified") applied to the claim(s) they refer to. A party's silence ("X did not immediately
//! respond to a request for comment", "There was no immediate comment") flags the claim before
//! it: the claim stands without that party's word. Each hedge shape is a named rule
//! ([`HEDGE_RULES`]), so `extract --explain` can say which one fired.

use super::cues::is_verb_cue;
use super::lexicon::{
    AUX, CLAIM_COLLECTION_NOUNS, CLAIM_CONTENT_OPENERS, CLAIM_OBJECT_DETERMINERS,
    DECLINED_ONLY_ANSWERS, EITHER_SIDE_WORDS, EVIDENCE_VERBS, EXISTENTIAL_CLAIM_NOUNS, EXPLETIVE,
    HEDGE, HEDGE_MODALS, HEDGE_WORDS, IF_CONFIRMED_WORDS, IMPERSONAL_PASSIVES, LEAD,
    NO_ANSWER_FILLERS, NO_ANSWER_OPENERS, NO_ANSWER_WORDS, PASSIVE, PLURAL_REF, POSS,
    SELF_NEGATING_NO_ANSWERS, STRONG_VERIFY_MARKERS, UNANSWERED_VERBS,
    VERIFIED_OBJECTS as CLAIM_NOUNS, VERIFY_FILLERS, VERIFY_NEGATIONS, VERIFY_WORDS,
    WITHHELD_OBJECTS, WITHHOLDING_VERBS, is_one_of,
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
    /// "X declined to comment", "There was no immediate comment from X".
    NoComment,
}

/// A hedge phrase: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hedge {
    pub first: usize,
    pub last: usize,
    pub kind: HedgeKind,
    /// The name of the rule that found it.
    pub rule: &'static str,
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

fn w<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

fn negation(word: &str) -> bool {
    is_one_of(word, VERIFY_NEGATIONS) || word.ends_with("n't") || word.ends_with("n’t")
}

/// Extends a hedge back over the modal before its negation ("could not ...", "was unable ...").
fn with_modal(text: &str, toks: &[Tok], neg: usize) -> usize {
    if neg > 0 && toks[neg - 1].is_word() && is_one_of(w(text, &toks[neg - 1]), HEDGE_MODALS) {
        neg - 1
    } else {
        neg
    }
}

/// A named hedge rule: looks at the hedge-gated word at index `i` and returns the hedge phrase
/// it opens or closes, if any.
pub struct HedgeRule {
    pub name: &'static str,
    find: fn(&str, &[Tok], usize) -> Option<Hedge>,
}

/// The hedge rules, in the order they are tried on each word.
pub const HEDGE_RULES: &[HedgeRule] = &[
    HedgeRule {
        name: "impersonal-passive",
        find: impersonal_passive,
    },
    HedgeRule {
        name: "hedge-adverb",
        find: hedge_adverb,
    },
    HedgeRule {
        name: "suspected-event",
        find: suspected_event,
    },
    HedgeRule {
        name: "if-confirmed",
        find: if_confirmed,
    },
    HedgeRule {
        name: "not-verified",
        find: not_verified,
    },
    HedgeRule {
        name: "no-evidence",
        find: no_evidence,
    },
    HedgeRule {
        name: "source-withheld",
        find: source_withheld,
    },
    HedgeRule {
        name: "no-comment",
        find: no_comment,
    },
    HedgeRule {
        name: "existential-claims",
        find: existential_claims,
    },
];

/// The first hedge in the sentence, if any, with the rule that found it.
pub fn find_hedge(text: &str, toks: &[Tok]) -> Option<Hedge> {
    toks.iter()
        .enumerate()
        .filter(|(_, t)| t.has(HEDGE))
        .find_map(|(i, _)| {
            HEDGE_RULES
                .iter()
                .find_map(|r| (r.find)(text, toks, i).map(|h| Hedge { rule: r.name, ..h }))
        })
}

fn hedge(first: usize, last: usize, kind: HedgeKind) -> Option<Hedge> {
    Some(Hedge {
        first,
        last,
        kind,
        rule: "",
    })
}

/// "Hezbollah is said to have rebuilt ...", "Reyes is reported to have spent ...", "Both men
/// are believed to be alive": an impersonal passive with no holder hedges like "reportedly"
/// ("was reported to the police" and "are believed by officials to" are not).
fn impersonal_passive(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    let word = w(text, t);
    if !is_one_of(word, IMPERSONAL_PASSIVES) || t.quoted || i == 0 {
        return None;
    }
    let infinitive = !word.eq_ignore_ascii_case("reported")
        || toks
            .get(i + 2)
            .is_some_and(|n| is_one_of(w(text, n), &["have", "be", "been", "being"]));
    let to_follows = toks
        .get(i + 1)
        .is_some_and(|n| w(text, n).eq_ignore_ascii_case("to"));
    // "It has been reported that ...", "It is claimed that ...": no one reports it.
    let that_follows = toks
        .get(i + 1)
        .is_some_and(|n| w(text, n).eq_ignore_ascii_case("that"));
    let impersonal_it = i <= 4
        && toks
            .first()
            .is_some_and(|f| w(text, f).eq_ignore_ascii_case("it"));
    if toks[i - 1].has(PASSIVE) && !toks[i - 1].cap && that_follows && impersonal_it {
        return hedge(0, i, HedgeKind::Adverb);
    }
    (toks[i - 1].has(PASSIVE) && !toks[i - 1].cap && to_follows && infinitive)
        .then_some(())
        .and_then(|()| hedge(i - 1, i + 1, HedgeKind::Adverb))
}

/// "Troops are reportedly inside Ukraine": a hedge adverb, inside a quote too ("the gunmen had
/// 'allegedly' used a school": the sentence still carries it).
fn hedge_adverb(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    (is_one_of(w(text, &toks[i]), HEDGE_WORDS) && !describes_other_claims(text, toks, i))
        .then_some(())
        .and_then(|()| hedge(i, i, HedgeKind::Adverb))
}

/// "the latest in a volley of unverified declarations by both sides": a hedge on a collection
/// of claims whose content is not given describes those claims; this sentence asserts nothing
/// it hedges.
fn describes_other_claims(text: &str, toks: &[Tok], i: usize) -> bool {
    let word_at = |k: usize, list: &[&str]| {
        toks.get(k)
            .is_some_and(|t| t.is_word() && is_one_of(w(text, t), list))
    };
    i >= 1
        && w(text, &toks[i - 1]).eq_ignore_ascii_case("of")
        && word_at(i + 1, CLAIM_COLLECTION_NOUNS)
        && !word_at(i + 2, CLAIM_CONTENT_OPENERS)
}

/// "a suspected US drone strike", "the suspected gunman": "suspected" qualifying the event or
/// agent itself (not "suspected of", not "police suspected that").
fn suspected_event(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    if t.quoted || i == 0 || !w(text, t).eq_ignore_ascii_case("suspected") {
        return None;
    }
    let after_det = is_one_of(w(text, &toks[i - 1]), &["a", "an", "the"]);
    let noun_next = toks
        .get(i + 1)
        .is_some_and(|n| n.is_word() && !is_one_of(w(text, n), &["of", "that", "to"]));
    (after_det && noun_next)
        .then_some(())
        .and_then(|()| hedge(i - 1, i, HedgeKind::Adverb))
}

/// "If confirmed, the death would be ...": the sentence hedges the claim it comments on.
fn if_confirmed(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    // The word first: the scan back to the sentence's start is for the rare candidate only.
    let opens = i >= 1
        && is_one_of(w(text, &toks[i]), IF_CONFIRMED_WORDS)
        && w(text, &toks[i - 1]).eq_ignore_ascii_case("if")
        && toks[..i - 1].iter().all(|t| t.has(LEAD) || !t.is_word());
    opens
        .then_some(())
        .and_then(|()| hedge(i - 1, i, HedgeKind::Verify))
}

/// "could not be independently verified", "has not been confirmed", "was never confirmed",
/// "which Reuters could not independently verify", "neither side's claims could be verified".
fn not_verified(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    if t.quoted || !is_one_of(w(text, t), VERIFY_WORDS) {
        return None;
    }
    // "The claim is unverifiable": the negation is in the word.
    if w(text, t).eq_ignore_ascii_case("unverifiable") {
        return hedge(i, i, HedgeKind::Verify);
    }
    let mut k = i;
    while k > 0 && i - k < 6 {
        let p = &toks[k - 1];
        if !p.is_word() {
            return None;
        }
        let pw = w(text, p);
        if negation(pw) {
            // Strong forms only: passive ("could not be verified"), "unable to verify",
            // "independently", or a claim as object. "X had not confirmed his attendance"
            // is no hedge.
            let chain = &toks[k..i];
            let claim_object = toks
                .get(i + 1)
                .is_some_and(|n| is_one_of(w(text, n), CLAIM_OBJECT_DETERMINERS))
                && toks
                    .get(i + 2)
                    .is_some_and(|n| n.has(PLURAL_REF) || is_one_of(w(text, n), CLAIM_NOUNS));
            // "could not verify" (a modal before the negation) is strong too, and so is
            // "not verifiable", a passive in one word.
            let modal = k >= 2 && is_one_of(w(text, &toks[k - 2]), &["could", "can"]);
            let strong = !(is_one_of(pw, &["not"]) || pw.ends_with("n't") || pw.ends_with("n’t"))
                || modal
                || w(text, t).ends_with("able")
                || chain
                    .iter()
                    .any(|t| is_one_of(w(text, t), STRONG_VERIFY_MARKERS))
                || claim_object;
            return strong
                .then_some(())
                .and_then(|()| hedge(with_modal(text, toks, k - 1), i, HedgeKind::Verify));
        }
        if !is_one_of(pw, VERIFY_FILLERS) {
            // "Neither side's account could be verified": the negation opens the sentence.
            // Also after a comma: "..., and neither side's claims could be verified".
            // "Neither the claims nor the timing of the video could be verified".
            let neg_subject = (k.saturating_sub(12)..k.saturating_sub(1))
                .rev()
                .take_while(|&j| toks[j].is_word())
                .any(|j| is_one_of(w(text, &toks[j]), &["neither", "none", "nothing"]));
            return (neg_subject && is_one_of(pw, &["could", "can", "has", "have"]))
                .then_some(())
                .and_then(|()| hedge(k - 1, i, HedgeKind::Verify));
        }
        k -= 1;
    }
    None
}

/// "without providing evidence", "did not provide (any) evidence", "provided no proof",
/// "figures to support the claim".
fn no_evidence(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    let word = w(text, t);
    if t.quoted {
        return None;
    }
    let backing = is_one_of(word, &["figures", "data"])
        && toks
            .get(i + 1)
            .is_some_and(|n| w(text, n).eq_ignore_ascii_case("to"))
        && toks
            .get(i + 2)
            .is_some_and(|n| is_one_of(w(text, n), &["support", "back", "substantiate"]));
    if !is_one_of(word, &["evidence", "proof"]) && !backing {
        return None;
    }
    let back = |n: usize| {
        i.checked_sub(n)
            .and_then(|k| toks.get(k))
            .filter(|t| t.is_word())
            .map(|t| w(text, t))
    };
    if let Some(n) = (1..=3).find(|&n| back(n).is_some_and(|x| x.eq_ignore_ascii_case("without"))) {
        return hedge(i - n, i, HedgeKind::Evidence);
    }
    let mut k = 1;
    if back(k).is_some_and(|x| is_one_of(x, &["any", "no", "the"])) {
        k += 1;
    }
    let verb = back(k).is_some_and(|x| is_one_of(x, EVIDENCE_VERBS));
    let negated = back(k + 1).is_some_and(negation);
    if !(verb && (back(k - 1).is_some_and(|x| x.eq_ignore_ascii_case("no")) || negated)) {
        return None;
    }
    let first = if negated {
        with_modal(text, toks, i - k - 1)
    } else {
        i - k
    };
    hedge(first, i, HedgeKind::Evidence)
}

/// "without saying where it got the information", "without specifying its sources": the source
/// of the claim is withheld.
fn source_withheld(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    if t.quoted || !w(text, t).eq_ignore_ascii_case("without") {
        return None;
    }
    let verb = toks
        .get(i + 1)
        .is_some_and(|n| is_one_of(w(text, n), WITHHOLDING_VERBS));
    let what = toks
        .get(i + 2)
        .is_some_and(|n| is_one_of(w(text, n), WITHHELD_OBJECTS));
    (verb && what)
        .then_some(())
        .and_then(|()| hedge(i, i + 2, HedgeKind::Evidence))
}

/// "There were also claims of missing emails", "There have been reports that ...": claims
/// that exist without a source, hedged as such.
fn existential_claims(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    if t.quoted || i < 2 || !is_one_of(w(text, t), EXISTENTIAL_CLAIM_NOUNS) {
        return None;
    }
    let there = (i.saturating_sub(4)..i - 1)
        .rev()
        .find(|&k| toks[k].is_word() && toks[k].has(EXPLETIVE))?;
    let between_ok = toks[there + 1..i].iter().all(|b| {
        b.is_word()
            && (b.has(PASSIVE | AUX) || is_one_of(w(text, b), &["been", "also", "unconfirmed"]))
    });
    let of_that = toks
        .get(i + 1)
        .is_some_and(|n| is_one_of(w(text, n), &["of", "that"]));
    (between_ok && of_that)
        .then_some(())
        .and_then(|()| hedge(there, i, HedgeKind::Adverb))
}

/// "There was no immediate comment from Hamas", "X did not immediately respond to a request for
/// comment", "could not be reached for comment", "declined to comment", "would not comment", "a
/// claim Washington has yet to address", "did not return calls seeking comment", "Requests for
/// comment went unanswered": the party concerned gave no answer, so the claim stands without
/// its word.
fn no_comment(text: &str, toks: &[Tok], i: usize) -> Option<Hedge> {
    let t = &toks[i];
    let word = w(text, t);
    if t.quoted {
        return None;
    }
    if is_one_of(word, SELF_NEGATING_NO_ANSWERS) {
        let verb = i.checked_sub(1).map(|k| &toks[k]);
        return verb
            .filter(|v| v.is_word() && is_one_of(w(text, v), UNANSWERED_VERBS))
            .and_then(|_| hedge(i - 1, i, HedgeKind::NoComment));
    }
    if !is_one_of(word, NO_ANSWER_WORDS) && !is_one_of(word, DECLINED_ONLY_ANSWERS) {
        return None;
    }
    let mut k = i;
    while k > 0 && i - k < 5 {
        let p = &toks[k - 1];
        if !p.is_word() || p.quoted {
            return None;
        }
        let pw = w(text, p);
        // "did not address the economy" is no silence; "has yet to address" the claim is.
        // "did not say how many" is a detail left out; "declined to say" is silence.
        let word = w(text, t);
        let opens = if word
            .get(..7)
            .is_some_and(|p| p.eq_ignore_ascii_case("address"))
        {
            pw.eq_ignore_ascii_case("yet")
        } else if is_one_of(word, DECLINED_ONLY_ANSWERS) {
            is_one_of(pw, NO_ANSWER_OPENERS)
        } else {
            negation(pw) || is_one_of(pw, NO_ANSWER_OPENERS)
        };
        if opens {
            return hedge(with_modal(text, toks, k - 1), i, HedgeKind::NoComment);
        }
        if !is_one_of(pw, NO_ANSWER_FILLERS) {
            return None;
        }
        k -= 1;
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
    let head = &toks[..hedge.first];
    // "When contacted, the ministry declined to comment": silence always answers what was said
    // before, unless the sentence attributes something itself.
    if hedge.kind == HedgeKind::NoComment {
        return !head.iter().any(is_verb_cue);
    }
    // "Hezbollah has not commented on the claim, and Al Jazeera could not verify it": a comma
    // before a coordinating "and"/"but" joins two clauses about the claim, not an attribution.
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
        is_one_of(x, EITHER_SIDE_WORDS)
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
            Some(("was no immediate comment".into(), true))
        );
        assert_eq!(
            hedge("The allegations have not been substantiated.").map(|h| (h.0, h.1)),
            Some(("have not been substantiated".into(), true))
        );
        assert_eq!(
            hedge("The video could not be authenticated.").map(|h| (h.0, h.1)),
            Some(("could not be authenticated".into(), true))
        );
        assert_eq!(
            hedge("The ship's operator did not immediately respond to a request for comment.")
                .map(|h| (h.0, h.1)),
            Some(("did not immediately respond".into(), true))
        );
        assert_eq!(
            hedge("The firm could not be reached for comment.").map(|h| (h.0, h.1)),
            Some(("could not be reached".into(), true))
        );
        assert_eq!(
            hedge("When contacted, the ministry declined to comment.").map(|h| (h.0, h.1)),
            Some(("declined to comment".into(), true))
        );
        assert_eq!(
            hedge("They said they downed a drone, a claim Washington has yet to address.")
                .map(|h| (h.0, h.1)),
            Some(("has yet to address".into(), false))
        );
        assert_eq!(hedge("The speech did not address the economy."), None);
        assert_eq!(
            hedge("Both men are believed to be alive.").map(|h| h.0),
            Some("are believed to".into())
        );
        assert_eq!(hedge("They are believed by officials to be alive."), None);
        assert_eq!(
            hedge("It was a suspected US drone strike.").map(|h| h.0),
            Some("a suspected".into())
        );
        assert_eq!(hedge("He is suspected of fraud."), None);
        assert_eq!(
            hedge("If confirmed, it would be the deepest strike yet.").map(|h| (h.0, h.1)),
            Some(("If confirmed".into(), true))
        );
        assert_eq!(
            hedge("The agency reported it, without saying where it got the information.")
                .map(|h| (h.0, h.1)),
            Some(("without saying where".into(), false))
        );
        assert_eq!(
            hedge("The death was never confirmed.").map(|h| (h.0, h.1)),
            Some(("was never confirmed".into(), true))
        );
        assert_eq!(
            hedge("There was no independent confirmation of the toll.").map(|h| (h.0, h.1)),
            Some(("was no independent confirmation".into(), true))
        );
        assert_eq!(
            hedge("Reyes is reported to have spent the afternoon at home.").map(|h| (h.0, h.1)),
            Some(("is reported to".into(), false))
        );
        assert_eq!(hedge("The army said it was reported to the police."), None);
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
