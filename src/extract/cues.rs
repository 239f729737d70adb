//! Finding the reporting cues of a sentence: reporting verbs outside quotes, "according to",
//! "citing X", "cited X as saying", "called on", with the checks that keep nouns ("her claims"),
//! passives ("were told"), infinitives ("declined to say") and negations ("did not say") out.

use super::lexicon::{
    AGENT, ASSERTING_INFINITIVE_HEADS, AUX, CITABLE_NOUNS, CITED_AS_PARTICIPLES, CLAIM_NOUNS,
    CueForm, DET, GROUP, LEAD, MADE_VERBS, NEG, OBJECT_FIRST_VERBS, ORG, PASSIVE,
    PASSIVE_REPORTING_VERBS, PLURAL_REF, POSS, POST_NOUNS, PREP, PRON, ROLE, TITLE, is_one_of,
};
use super::text::{Tok, TokKind, is_possessive};

/// The kind of a cue found in a sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueKind {
    /// A finite reporting verb; `invertible` ones also take the speaker after them ("said X").
    Verb { invertible: bool },
    /// "saying", "adding": the speaker is the sentence's subject.
    Participle,
    /// "according to": the source follows.
    According,
    /// "citing X": X is the source.
    Citing,
    /// "cited X as saying": X is the source, tokens `source.0..=source.1`.
    CitedAs { source: (usize, usize) },
}

/// A cue occurrence: tokens `first..=last`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CueHit {
    pub first: usize,
    pub last: usize,
    pub kind: CueKind,
    /// The name of the rule that found it (shown by `extract --explain`).
    pub rule: &'static str,
}

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

/// True for a word that is a finite reporting verb here (used to bound speaker spans).
pub fn is_verb_cue(t: &Tok) -> bool {
    t.is_word()
        && !t.quoted
        && t.info
            .cue()
            .is_some_and(|c| !c.noun_like && matches!(c.form, CueForm::Finite { .. }))
}

/// A passive reporting verb with its agent ("was reported by", "were made by"): the indices of
/// the "be" form and of "by" when the cue word at `i` ends one.
fn passive_agent(text: &str, toks: &[Tok], i: usize) -> Option<(usize, usize)> {
    let by = i + 1;
    if !toks
        .get(by)
        .is_some_and(|t| t.is_word() && word(text, t).eq_ignore_ascii_case("by"))
    {
        return None;
    }
    // The "be" form, over one adverb ("were first made by").
    let be = (1..=2).filter(|&n| n <= i).find(|&n| {
        let p = &toks[i - n];
        p.is_word()
            && p.has(PASSIVE)
            && !p.cap
            && (n == 1 || {
                let adv = word(text, &toks[i - 1]);
                toks[i - 1].has(AUX) || adv.ends_with("ly") || is_one_of(adv, &["first", "later"])
            })
    })?;
    let w0 = word(text, &toks[i]);
    let reporting = is_one_of(w0, PASSIVE_REPORTING_VERBS);
    let made = is_one_of(w0, MADE_VERBS)
        && toks[..i]
            .iter()
            .any(|t| t.has(PLURAL_REF) || is_one_of(word(text, t), &["claim", "allegation"]));
    (reporting || made).then_some((i - be, by))
}

/// Rule `reduced-passive-agent`: "– a claim denied by the group", "the claim quickly rejected by
/// its rival", "..., announced by both sides": a reporting participle with its agent after a
/// claim noun or a comma; the source follows "by". Returns the index of "by".
fn reduced_passive_agent(text: &str, toks: &[Tok], i: usize) -> Option<usize> {
    let t = &toks[i];
    let by = toks.get(i + 1)?;
    if t.cap || !word(text, t).ends_with("ed") || !word(text, by).eq_ignore_ascii_case("by") {
        return None;
    }
    let mut k = i.checked_sub(1)?;
    if word(text, &toks[k]).ends_with("ly") && k > 0 {
        k -= 1;
    }
    let p = &toks[k];
    let after_claim = p.is_word() && !p.quoted && is_one_of(word(text, p), CLAIM_NOUNS);
    (after_claim || p.kind == TokKind::Comma).then_some(i + 1)
}

/// Pushes the cues of a sentence onto `out` in order.
pub fn find_cues(text: &str, toks: &[Tok], out: &mut Vec<CueHit>) {
    out.clear();
    let mut skip_to = 0;
    let ends_colon = toks.last().is_some_and(|t| t.kind == TokKind::Colon);
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || t.quoted || i < skip_to {
            continue;
        }
        if t.has(AGENT)
            && ends_colon
            && i >= 2
            && word(text, t).eq_ignore_ascii_case("from")
            && is_one_of(word(text, &toks[i - 1]), POST_NOUNS)
            && toks[i - 2].has(DET | POSS)
        {
            out.push(CueHit {
                first: i - 1,
                last: i,
                kind: CueKind::According,
                rule: "post-introducer",
            });
            continue;
        }
        if t.has(AGENT)
            && is_one_of(word(text, t), MADE_VERBS)
            && let Some((f, k)) = passive_agent(text, toks, i)
        {
            out.push(CueHit {
                first: f,
                last: k,
                kind: CueKind::According,
                rule: "made-by-agent",
            });
            skip_to = k + 1;
            continue;
        }
        let Some(cue) = t.info.cue() else { continue };
        let next = toks
            .get(i + 1)
            .filter(|n| n.is_word() && !n.quoted)
            .map(|n| word(text, n));
        let prev = if i > 0 { toks.get(i - 1) } else { None };
        let prev_word = prev.filter(|p| p.is_word()).map(|p| word(text, p));
        match cue.form {
            CueForm::According => {
                if next.is_some_and(|n| n.eq_ignore_ascii_case("to")) {
                    out.push(CueHit {
                        first: i,
                        last: i + 1,
                        kind: CueKind::According,
                        rule: "according-to",
                    });
                }
                continue;
            }
            CueForm::Citing => {
                out.push(CueHit {
                    first: i,
                    last: i,
                    kind: CueKind::Citing,
                    rule: "citing",
                });
                continue;
            }
            CueForm::CitedAs => {
                // "cited Russia's Defence Ministry as saying": find "as saying" a little further on.
                let end = (i + 16).min(toks.len());
                let found = (i + 2..end).find(|&k| {
                    word(text, &toks[k - 1]).eq_ignore_ascii_case("as")
                        && is_one_of(word(text, &toks[k]), CITED_AS_PARTICIPLES)
                });
                if let Some(k) = found
                    && k >= i + 3
                {
                    out.push(CueHit {
                        first: i,
                        last: k,
                        kind: CueKind::CitedAs {
                            source: (i + 1, k - 2),
                        },
                        rule: "cited-as-saying",
                    });
                    skip_to = k + 1;
                }
                continue;
            }
            _ => {}
        }
        if let Some(k) = reduced_passive_agent(text, toks, i) {
            out.push(CueHit {
                first: i,
                last: k,
                kind: CueKind::According,
                rule: "reduced-passive-agent",
            });
            skip_to = k + 1;
            continue;
        }
        if let Some((f, k)) = passive_agent(text, toks, i) {
            // "It was reported by Kan that ...": the source follows "by", as after "according to".
            out.push(CueHit {
                first: f,
                last: k,
                kind: CueKind::According,
                rule: "passive-agent",
            });
            skip_to = k + 1;
            continue;
        }
        // Rule `reduced-passive`: "the fever blamed for the death", "the man accused of fraud": a
        // participle with no object before "for"/"of" describes its noun.
        if is_one_of(word(text, t), OBJECT_FIRST_VERBS)
            && next.is_some_and(|n| n.eq_ignore_ascii_case("for") || n.eq_ignore_ascii_case("of"))
            && prev.is_some_and(|p| p.is_word() && !p.has(AUX))
        {
            continue;
        }
        // "were forced to deny", "went on to say": the infinitive still asserts.
        let asserting_infinitive = prev_word.is_some_and(|w| w.eq_ignore_ascii_case("to"))
            && i >= 2
            && is_one_of(word(text, &toks[i - 2]), ASSERTING_INFINITIVE_HEADS);
        if let Some(p) = prev
            && p.is_word()
        {
            let pw = prev_word.unwrap_or("");
            // "neither side's claims": a noun after a possessive.
            if cue.noun_like && is_possessive(pw) {
                continue;
            }
            // Passive ("were told"), infinitive ("declined to say"), negated ("did not say"),
            // or a noun after a determiner ("her claims", "the reported attack").
            // "has not publicly acknowledged": a negation before one adverb still negates.
            // "has not yet conceded": "yet"/"ever" likewise.
            let neg_adverb = (pw.len() > 4 && pw.ends_with("ly")
                || is_one_of(pw, &["yet", "ever"]))
                && i >= 2
                && toks[i - 2].is_word()
                && (toks[i - 2].has(NEG) || word(text, &toks[i - 2]).ends_with("n't"));
            if p.has(PASSIVE)
                || pw.eq_ignore_ascii_case("to") && !asserting_infinitive
                || p.has(NEG)
                || neg_adverb
                || pw.ends_with("n't")
                || pw.ends_with("n’t")
            {
                continue;
            }
            // "have each claimed", "have all denied": a quantifier after an auxiliary.
            let floating_quantifier = p.has(DET)
                && i >= 2
                && toks[i - 2].is_word()
                && toks[i - 2].has(AUX)
                && is_one_of(pw, &["each", "all", "both"]);
            if (p.has(DET | POSS) && !p.cap || p.has(PREP)) && !floating_quantifier {
                continue;
            }
            // "The Israeli claim comes ...": a bare noun form after a determiner and one
            // capitalised modifier is a noun ("The Kremlin claims" stays a verb).
            if cue.noun_like
                && p.cap
                && !pw.ends_with('s')
                && !word(text, t).ends_with('s')
                && i >= 2
                && toks[i - 2].has(DET)
            {
                continue;
            }
            if cue.noun_like && p.has(DET | POSS) {
                continue;
            }
        }
        // "That said, ..." is an idiom, not an attribution.
        if i == 1
            && prev_word.is_some_and(|w| w.eq_ignore_ascii_case("that"))
            && toks.get(2).is_some_and(|n| n.kind == TokKind::Comma)
        {
            continue;
        }
        let kind = match cue.form {
            CueForm::Call => {
                if next
                    .is_some_and(|n| n.eq_ignore_ascii_case("on") || n.eq_ignore_ascii_case("for"))
                {
                    out.push(CueHit {
                        first: i,
                        last: i + 1,
                        kind: if word(text, t).to_ascii_lowercase().ends_with("ing") {
                            CueKind::Participle
                        } else {
                            CueKind::Verb { invertible: false }
                        },
                        rule: "call-on",
                    });
                } else if !cue.noun_like
                    && toks[i + 1..]
                        .iter()
                        .take(6)
                        .any(|n| n.kind == TokKind::OpenQuote)
                    && !prev_word.is_some_and(|p| {
                        p.eq_ignore_ascii_case("what") || p.eq_ignore_ascii_case("so")
                    })
                    // "on what it called “private conversations”": a label, not an attribution.
                    && (i < 2 || !word(text, &toks[i - 2]).eq_ignore_ascii_case("what"))
                {
                    // "Trump called the bill a “disgraceful betrayal”": a characterisation in quotes.
                    out.push(CueHit {
                        first: i,
                        last: i,
                        kind: CueKind::Verb { invertible: false },
                        rule: "characterised-in-quotes",
                    });
                }
                continue;
            }
            CueForm::WithWord {
                word: needed,
                within,
            } => {
                let found = toks[i + 1..]
                    .iter()
                    .take(usize::from(within))
                    .take_while(|n| !n.is_boundary())
                    .any(|n| n.is_word() && word(text, n).eq_ignore_ascii_case(needed));
                if !found {
                    continue;
                }
                CueKind::Verb { invertible: false }
            }
            CueForm::AfterQuote => {
                if !toks[i.saturating_sub(4)..i]
                    .iter()
                    .any(|n| n.kind == TokKind::CloseQuote)
                {
                    continue;
                }
                CueKind::Verb { invertible: true }
            }
            CueForm::Posting
                if toks
                    .get(i + 1)
                    .is_some_and(|n| n.is_word() && !n.quoted && n.has(DET | POSS) && !n.cap) =>
            {
                CueKind::Verb { invertible: false }
            }
            CueForm::FindingThat | CueForm::Posting => {
                // "that" next, or after a short "on"/"in" phrase ("posted on X that ...").
                let that_at = |k: usize| {
                    toks.get(k)
                        .is_some_and(|n| n.is_word() && word(text, n).eq_ignore_ascii_case("that"))
                };
                let via_phrase = next.is_some_and(|n| is_one_of(n, &["on", "in"]))
                    && (i + 3..(i + 7).min(toks.len()))
                        .take_while(|&k| toks[k - 1].is_word() && !toks[k - 1].quoted)
                        .any(that_at);
                if !that_at(i + 1) && !via_phrase {
                    continue;
                }
                CueKind::Verb { invertible: false }
            }
            // Rule `participle-on-a-thing`: "leaflets condemning the leader" describes the
            // leaflets; "officials saying", "a statement warning", "Trump, saying" attribute.
            CueForm::Participle
                if prev.is_some_and(|p| {
                    p.is_word()
                        && !p.cap
                        && !p.quoted
                        && !p.has(GROUP | ROLE | ORG | PRON | TITLE | AUX | LEAD | PASSIVE)
                        && !is_one_of(word(text, p), CITABLE_NOUNS)
                        && word(text, p).ends_with('s')
                }) =>
            {
                continue;
            }
            CueForm::Participle => CueKind::Participle,
            CueForm::Finite { invertible } => CueKind::Verb { invertible },
            _ => continue,
        };
        let rule = match cue.form {
            CueForm::FindingThat => "finding-that",
            CueForm::Posting => "posting",
            CueForm::WithWord { .. } => "cue-with-word",
            CueForm::AfterQuote => "after-quote",
            CueForm::Participle => "participle",
            _ if asserting_infinitive => "asserting-infinitive",
            _ => "reporting-verb",
        };
        // A noun-like form at the very start of a sentence ("Reports said ...") is the subject.
        if cue.noun_like && i == 0 {
            continue;
        }
        out.push(CueHit {
            first: i,
            last: i,
            kind,
            rule,
        });
    }
}

/// Test support for this stage and the next: a one-sentence text's tokens and cues.
#[cfg(test)]
pub(crate) fn tokens_and_cues(s: &str) -> (Vec<Tok>, Vec<CueHit>) {
    use crate::extract::text::{quote_spans, tokenize};
    let mut quotes = Vec::new();
    quote_spans(s, 0..s.len(), &mut quotes);
    let mut toks = Vec::new();
    tokenize(s, 0..s.len(), &quotes, &mut toks);
    let mut hits = Vec::new();
    find_cues(s, &toks, &mut hits);
    (toks, hits)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cues(s: &str) -> Vec<String> {
        let (t, c) = tokens_and_cues(s);
        c.iter()
            .map(|h| s[t[h.first].start..t[h.last].end].to_string())
            .collect()
    }

    #[test]
    fn finds_verbs_and_phrases() {
        assert_eq!(cues("The US said it would."), ["said"]);
        assert_eq!(
            cues("The move will grow, according to the leaders."),
            ["according to"]
        );
        assert_eq!(cues("They called on Russia to stop."), ["called on"]);
        assert_eq!(cues("Trump called the bill a “betrayal”."), ["called"]);
        assert!(cues("He was called a “hero”.").is_empty());
        assert!(cues("It declined to comment on what it called “private talks”.").is_empty());
        assert_eq!(
            cues("RIA cited the ministry as saying so."),
            ["cited the ministry as saying"]
        );
    }

    #[test]
    fn documents_witnesses_and_projections() {
        assert_eq!(
            cues("Court documents show that bank records were obtained."),
            ["show"]
        );
        assert!(cues("The footage did not show the launch site.").is_empty());
        assert_eq!(
            cues("An accountant testified that the fees were fake."),
            ["testified"]
        );
        assert_eq!(
            cues("Two networks projected that Reyes would win."),
            ["projected"]
        );
        assert!(cues("The economy is projected to grow.").is_empty());
        assert_eq!(
            cues("Israeli officials have long maintained that Hamas hides there."),
            ["maintained"]
        );
        assert!(cues("The army maintained its positions.").is_empty());
    }

    #[test]
    fn negation_before_yet_still_negates() {
        assert!(cues("Her rival has not yet conceded.").is_empty());
        assert!(cues("He has never ever admitted it.").is_empty());
    }

    #[test]
    fn skips_nouns_passives_and_quotes() {
        assert!(cues("Her claims could not be verified.").is_empty());
        assert!(cues("Soldiers were told to leave.").is_empty());
        assert!(cues("He declined to say whether.").is_empty());
        assert!(cues("“We said no,” was the reply.").is_empty());
        assert!(cues("There were many reports out there.").is_empty());
        assert!(cues("He did not say.").is_empty());
        assert!(cues("The RSF has not publicly acknowledged the loss.").is_empty());
        assert_eq!(
            cues("Moscow and Kyiv accuse each other, and neither side's claims could be verified."),
            ["accuse"]
        );
        assert!(cues("The bombs were made by hand.").is_empty());
        assert_eq!(
            cues("The US has determined that the RSF did it."),
            ["determined"]
        );
        assert!(cues("He is determined to fight on.").is_empty());
        assert_eq!(cues("Macron posted on X that Europe must act."), ["posted"]);
        assert!(cues("Videos posted online show the strike.").is_empty());
        assert!(cues("He found the body that was missing.").is_empty());
    }

    #[test]
    fn passive_agents_and_post_introducers() {
        assert_eq!(
            cues("It was reported by Kan that the cabinet would meet."),
            ["was reported by"]
        );
        assert_eq!(
            cues("Claims that troops fled were made by several soldiers."),
            ["were made by"]
        );
        assert_eq!(
            cues("Here is the tweet from the party leader, Ed Davey:"),
            ["tweet from"]
        );
        assert!(cues("The tweet from the party leader drew replies.").is_empty());
    }
}
