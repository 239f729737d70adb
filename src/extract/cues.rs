//! Finding the reporting cues of a sentence: reporting verbs outside quotes, "according to",
//! "citing X", "cited X as saying", "called on", with the checks that keep nouns ("her claims"),
//! passives ("were told"), infinitives ("declined to say") and negations ("did not say") out.

use super::lexicon::{CueForm, DET, NEG, PASSIVE, POSS, PREP, is_one_of};
use super::text::{Tok, TokKind};

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
}

fn word<'a>(text: &'a str, t: &Tok) -> &'a str {
    text.get(t.start..t.end).unwrap_or("")
}

/// True for a word that is a finite reporting verb here (used to bound speaker spans).
pub fn is_verb_cue(t: &Tok) -> bool {
    t.is_word()
        && !t.quoted
        && t.info
            .cue
            .is_some_and(|c| !c.noun_like && matches!(c.form, CueForm::Finite { .. }))
}

/// Pushes the cues of a sentence onto `out` in order.
pub fn find_cues(text: &str, toks: &[Tok], out: &mut Vec<CueHit>) {
    out.clear();
    let mut skip_to = 0;
    for (i, t) in toks.iter().enumerate() {
        if !t.is_word() || t.quoted || i < skip_to {
            continue;
        }
        let Some(cue) = t.info.cue else { continue };
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
                    });
                }
                continue;
            }
            CueForm::Citing => {
                out.push(CueHit {
                    first: i,
                    last: i,
                    kind: CueKind::Citing,
                });
                continue;
            }
            CueForm::CitedAs => {
                // "cited Russia's Defence Ministry as saying": find "as saying" a little further on.
                let end = (i + 16).min(toks.len());
                let found = (i + 2..end).find(|&k| {
                    word(text, &toks[k - 1]).eq_ignore_ascii_case("as")
                        && is_one_of(
                            word(text, &toks[k]),
                            &["saying", "telling", "stating", "claiming", "warning"],
                        )
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
                    });
                    skip_to = k + 1;
                }
                continue;
            }
            _ => {}
        }
        if let Some(p) = prev
            && p.is_word()
        {
            let pw = prev_word.unwrap_or("");
            // Passive ("were told"), infinitive ("declined to say"), negated ("did not say"),
            // or a noun after a determiner ("her claims", "the reported attack").
            if p.has(PASSIVE)
                || pw.eq_ignore_ascii_case("to")
                || p.has(NEG)
                || pw.ends_with("n't")
                || pw.ends_with("n’t")
            {
                continue;
            }
            if p.has(DET | POSS) && !p.cap || p.has(PREP) {
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
                    });
                } else if !cue.noun_like
                    && toks[i + 1..]
                        .iter()
                        .take(6)
                        .any(|n| n.kind == TokKind::OpenQuote)
                    && !prev_word.is_some_and(|p| {
                        p.eq_ignore_ascii_case("what") || p.eq_ignore_ascii_case("so")
                    })
                {
                    // "Trump called the bill a “disgraceful betrayal”": a characterisation in quotes.
                    out.push(CueHit {
                        first: i,
                        last: i,
                        kind: CueKind::Verb { invertible: false },
                    });
                }
                continue;
            }
            CueForm::Participle => CueKind::Participle,
            CueForm::Finite { invertible } => CueKind::Verb { invertible },
            _ => continue,
        };
        // A noun-like form at the very start of a sentence ("Reports said ...") is the subject.
        if cue.noun_like && i == 0 {
            continue;
        }
        out.push(CueHit {
            first: i,
            last: i,
            kind,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::text::{quote_spans, tokenize};

    fn cues(s: &str) -> Vec<String> {
        let mut q = Vec::new();
        quote_spans(s, 0..s.len(), &mut q);
        let mut t = Vec::new();
        tokenize(s, 0..s.len(), &q, &mut t);
        let mut c = Vec::new();
        find_cues(s, &t, &mut c);
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
        assert_eq!(
            cues("RIA cited the ministry as saying so."),
            ["cited the ministry as saying"]
        );
    }

    #[test]
    fn skips_nouns_passives_and_quotes() {
        assert!(cues("Her claims could not be verified.").is_empty());
        assert!(cues("Soldiers were told to leave.").is_empty());
        assert!(cues("He declined to say whether.").is_empty());
        assert!(cues("“We said no,” was the reply.").is_empty());
        assert!(cues("There were many reports out there.").is_empty());
        assert!(cues("He did not say.").is_empty());
    }
}
