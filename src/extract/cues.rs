//! Finding the reporting cues of a sentence: reporting verbs outside quotes, "according to",
//! "citing X", "cited X as saying", "called on", with the checks that keep nouns ("her claims"),
//! passives ("were told"), infinitives ("declined to say") and negations ("did not say") out.

use super::lexicon::{
    AGENT, ASSERTING_INFINITIVE_HEADS, AUX, CITABLE_NOUNS, CITED_AS_PARTICIPLES, CLAIM_NOUNS,
    CLAIMED_AS_OPENERS, Cue, CueForm, DET, GROUP, HEDGE_ADJECTIVES, LAYING_CLAIM_VERBS, LEAD,
    MADE_VERBS, NEG, NOTHING_SAID_OBJECTS, OBJECT_FIRST_VERBS, ORG, PASSIVE,
    PASSIVE_REPORTING_VERBS, PLURAL_REF, POSS, POST_NOUNS, PREP, PRON, ROLE, STATING_SUBJECTS,
    TITLE, is_one_of,
};
use super::text::{Tok, TokKind, ends_with_ci, is_possessive};

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

/// The sentence as every cue rule sees it: its text and tokens, looked up by index.
pub struct CueView<'a> {
    text: &'a str,
    toks: &'a [Tok],
    /// The line ends with a colon (it introduces what follows).
    ends_colon: bool,
}

impl<'a> CueView<'a> {
    fn word(&self, i: usize) -> &'a str {
        self.toks.get(i).map_or("", |t| word(self.text, t))
    }
    fn word_is(&self, i: usize, w: &str) -> bool {
        self.toks.get(i).is_some_and(Tok::is_word) && self.word(i).eq_ignore_ascii_case(w)
    }
    fn cue(&self, i: usize) -> Option<Cue> {
        self.toks[i].info.cue()
    }
    /// The word after `i`, when it is an unquoted word.
    fn next_word(&self, i: usize) -> Option<&'a str> {
        self.toks
            .get(i + 1)
            .filter(|n| n.is_word() && !n.quoted)
            .map(|n| word(self.text, n))
    }
    /// The token before `i`, when it is a word.
    fn prev_word_tok(&self, i: usize) -> Option<&'a Tok> {
        i.checked_sub(1)
            .and_then(|p| self.toks.get(p))
            .filter(|p| p.is_word())
    }
    fn prev_word(&self, i: usize) -> Option<&'a str> {
        self.prev_word_tok(i).map(|p| word(self.text, p))
    }
    fn form(&self, i: usize) -> Option<CueForm> {
        self.cue(i).map(|c| c.form)
    }
    fn noun_like(&self, i: usize) -> bool {
        self.cue(i).is_some_and(|c| c.noun_like)
    }
    fn hit(&self, first: usize, last: usize, kind: CueKind) -> Option<Verdict> {
        Some(Verdict::Cue {
            first,
            last,
            kind,
            skip_to: last + 1,
        })
    }
}

/// What a cue rule decides about one token.
pub enum Verdict {
    /// A cue over tokens `first..=last`; the scan resumes at `skip_to`.
    Cue {
        first: usize,
        last: usize,
        kind: CueKind,
        skip_to: usize,
    },
    /// Not a cue, whatever a later rule would say.
    NotACue,
}

/// A named cue rule: a verdict on the token at an index, or `None` to leave it to the next rule.
pub struct CueRule {
    pub name: &'static str,
    pub decide: fn(&CueView, usize) -> Option<Verdict>,
}

macro_rules! cue_rules {
    ($($name:literal => $decide:ident,)*) => {
        /// The cue rules in the order they are tried on each unquoted word; the first verdict wins.
        pub const CUE_RULES: &[CueRule] = &[$(CueRule { name: $name, decide: $decide },)*];
    };
}

cue_rules! {
    "post-introducer" => post_introducer,
    "made-by-agent" => made_by_agent,
    "no-reporting-word" => no_reporting_word,
    "according-to" => according_to,
    "citing" => citing,
    "passive-cited-as" => passive_cited_as,
    "cited-as-saying" => cited_as_saying,
    "reduced-passive-agent" => reduced_passive_agent_rule,
    "passive-agent" => passive_agent_rule,
    "reduced-passive" => reduced_passive,
    "possessed-noun" => possessed_noun,
    "not-asserted" => not_asserted,
    "after-determiner-or-preposition" => after_determiner_or_preposition,
    "noun-after-modifier" => noun_after_modifier,
    "plural-noun-states" => plural_noun_states,
    "laying-claim-as" => laying_claim_as,
    "said-nothing" => said_nothing,
    "that-said" => that_said,
    "call-on" => call_on,
    "characterised-in-quotes" => characterised_in_quotes,
    "call-without-on" => call_without_on,
    "noun-opening-sentence" => noun_opening_sentence,
    "cue-with-word" => cue_with_word,
    "after-quote" => after_quote,
    "posting" => posting,
    "finding-that" => finding_that,
    "participle-on-a-thing" => participle_on_a_thing,
    "participle" => participle,
    "asserting-infinitive" => asserting_infinitive,
    "reporting-verb" => reporting_verb,
}

/// Pushes the cues of a sentence onto `out` in order: each unquoted word that could be a cue
/// goes through [`CUE_RULES`] until one gives a verdict.
pub fn find_cues(text: &str, toks: &[Tok], out: &mut Vec<CueHit>) {
    out.clear();
    let view = CueView {
        text,
        toks,
        ends_colon: toks.last().is_some_and(|t| t.kind == TokKind::Colon),
    };
    let mut skip_to = 0;
    for (i, t) in toks.iter().enumerate() {
        // Only reporting words and agent words ("from", "made") can start a cue.
        if !t.is_word() || t.quoted || i < skip_to || !t.has(AGENT) && t.info.cue().is_none() {
            continue;
        }
        let verdict = CUE_RULES
            .iter()
            .find_map(|r| (r.decide)(&view, i).map(|v| (r.name, v)));
        if let Some((
            rule,
            Verdict::Cue {
                first,
                last,
                kind,
                skip_to: next,
            },
        )) = verdict
        {
            out.push(CueHit {
                first,
                last,
                kind,
                rule,
            });
            skip_to = next;
        }
    }
}

/// "Photos from the scene:" closing a line: the post noun and "from" introduce what follows.
fn post_introducer(s: &CueView, i: usize) -> Option<Verdict> {
    let ok = s.toks[i].has(AGENT)
        && s.ends_colon
        && i >= 2
        && s.word(i).eq_ignore_ascii_case("from")
        && is_one_of(s.word(i - 1), POST_NOUNS)
        && s.toks[i - 2].has(DET | POSS);
    ok.then(|| s.hit(i - 1, i, CueKind::According)).flatten()
}

/// "The claims were made by the ministry": a made-verb passive with its agent.
fn made_by_agent(s: &CueView, i: usize) -> Option<Verdict> {
    if !s.toks[i].has(AGENT) || !is_one_of(s.word(i), MADE_VERBS) {
        return None;
    }
    let (f, k) = passive_agent(s.text, s.toks, i)?;
    s.hit(f, k, CueKind::According)
}

/// "The talks resumed from Monday": a word that is no reporting verb is no cue.
fn no_reporting_word(s: &CueView, i: usize) -> Option<Verdict> {
    s.cue(i).is_none().then_some(Verdict::NotACue)
}

/// "..., according to the ministry": "according" counts only before "to".
fn according_to(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::According {
        return None;
    }
    if s.next_word(i).is_some_and(|n| n.eq_ignore_ascii_case("to")) {
        s.hit(i, i + 1, CueKind::According)
    } else {
        Some(Verdict::NotACue)
    }
}

/// "The Financial Times, citing sources, reported ...": the cited source follows.
fn citing(s: &CueView, i: usize) -> Option<Verdict> {
    (s.form(i)? == CueForm::Citing)
        .then(|| s.hit(i, i, CueKind::Citing))
        .flatten()
}

/// The index of the participle of "as saying" (or another [`CITED_AS_PARTICIPLES`]) a little
/// after the cited-as verb at `i`.
fn as_participle_after(s: &CueView, i: usize) -> Option<usize> {
    let end = (i + 16).min(s.toks.len());
    (i + 2..end).find(|&k| {
        s.word(k - 1).eq_ignore_ascii_case("as") && is_one_of(s.word(k), CITED_AS_PARTICIPLES)
    })
}

/// "The minister was quoted by RIA as saying ...", "Police were cited as saying ...": the
/// passive; the subject speaks (a finite cue from the "be" form on), and the agent after
/// "by", if any, relays it (outlet rule `quoted-by-outlet`).
fn passive_cited_as(s: &CueView, i: usize) -> Option<Verdict> {
    let be = i.checked_sub(1)?;
    let passive = s.form(i)? == CueForm::CitedAs && s.toks[be].has(PASSIVE) && !s.toks[be].cap;
    if !passive {
        return None;
    }
    let k = as_participle_after(s, i)?;
    s.hit(be, k, CueKind::Verb { invertible: false })
}

/// "RIA cited Russia's Defence Ministry as saying ...": "as saying" a little further on.
fn cited_as_saying(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::CitedAs {
        return None;
    }
    match as_participle_after(s, i) {
        Some(k) if k >= i + 3 => s.hit(
            i,
            k,
            CueKind::CitedAs {
                source: (i + 1, k - 2),
            },
        ),
        _ => Some(Verdict::NotACue),
    }
}

/// "– a claim denied by the group": see [`reduced_passive_agent`].
fn reduced_passive_agent_rule(s: &CueView, i: usize) -> Option<Verdict> {
    let k = reduced_passive_agent(s.text, s.toks, i)?;
    s.hit(i, k, CueKind::According)
}

/// "It was reported by Kan that ...": the source follows "by", as after "according to".
fn passive_agent_rule(s: &CueView, i: usize) -> Option<Verdict> {
    let (f, k) = passive_agent(s.text, s.toks, i)?;
    s.hit(f, k, CueKind::According)
}

/// "the fever blamed for the death", "the man accused of fraud": a participle with no object
/// before "for"/"of" describes its noun.
fn reduced_passive(s: &CueView, i: usize) -> Option<Verdict> {
    let describes = is_one_of(s.word(i), OBJECT_FIRST_VERBS)
        && s.next_word(i)
            .is_some_and(|n| n.eq_ignore_ascii_case("for") || n.eq_ignore_ascii_case("of"))
        && i > 0
        && s.toks[i - 1].is_word()
        && !s.toks[i - 1].has(AUX);
    describes.then_some(Verdict::NotACue)
}

/// "neither side's claims": a noun after a possessive.
fn possessed_noun(s: &CueView, i: usize) -> Option<Verdict> {
    let pw = s.prev_word(i)?;
    (s.noun_like(i) && is_possessive(pw)).then_some(Verdict::NotACue)
}

/// "were told" (passive), "declined to say" (infinitive), "did not say", "has not publicly
/// acknowledged", "has not yet conceded" (negated): nothing is asserted. "went on to say" is.
fn not_asserted(s: &CueView, i: usize) -> Option<Verdict> {
    let p = s.prev_word_tok(i)?;
    let pw = s.prev_word(i)?;
    let before_negated = i >= 2
        && s.toks[i - 2].is_word()
        && (s.toks[i - 2].has(NEG) || s.word(i - 2).ends_with("n't"));
    let neg_adverb =
        (pw.len() > 4 && pw.ends_with("ly") || is_one_of(pw, &["yet", "ever"])) && before_negated;
    let bare_infinitive = pw.eq_ignore_ascii_case("to") && !is_asserting_infinitive(s, i);
    let negated = p.has(NEG) || neg_adverb || pw.ends_with("n't") || pw.ends_with("n’t");
    (p.has(PASSIVE) || bare_infinitive || negated).then_some(Verdict::NotACue)
}

/// "were forced to deny", "went on to say": an infinitive that still asserts.
fn is_asserting_infinitive(s: &CueView, i: usize) -> bool {
    s.prev_word(i).is_some_and(|w| w.eq_ignore_ascii_case("to"))
        && i >= 2
        && is_one_of(s.word(i - 2), ASSERTING_INFINITIVE_HEADS)
}

/// "her claims", "the reported attack", "in reports", "unverified reports": a noun or adjective
/// after a determiner, possessive, preposition or hedge adjective ("have each claimed", a
/// quantifier after an auxiliary, stays a verb).
fn after_determiner_or_preposition(s: &CueView, i: usize) -> Option<Verdict> {
    let p = s.prev_word_tok(i)?;
    let floating_quantifier = p.has(DET)
        && i >= 2
        && s.toks[i - 2].is_word()
        && s.toks[i - 2].has(AUX)
        && is_one_of(s.word(i - 1), &["each", "all", "both"]);
    let noun_position = (p.has(DET | POSS) && !p.cap || p.has(PREP)) && !floating_quantifier;
    let noun_after_determiner = s.noun_like(i) && p.has(DET | POSS);
    // "a series of unverified reports that ...": after a hedge adjective, a noun too.
    let noun_after_hedge = s.noun_like(i) && is_one_of(s.word(i - 1), HEDGE_ADJECTIVES);
    (noun_position || noun_after_determiner || noun_after_hedge).then_some(Verdict::NotACue)
}

/// "The Israeli claim comes ...": a bare noun form after a determiner and one capitalised
/// modifier is a noun ("The Kremlin claims" stays a verb).
fn noun_after_modifier(s: &CueView, i: usize) -> Option<Verdict> {
    let p = s.prev_word_tok(i)?;
    let noun = s.noun_like(i)
        && p.cap
        && !s.word(i - 1).ends_with('s')
        && !s.word(i).ends_with('s')
        && i >= 2
        && s.toks[i - 2].has(DET);
    noun.then_some(Verdict::NotACue)
}

/// "EU member states that want to join": "states" reports only after one of
/// [`STATING_SUBJECTS`] ("The indictment states that ..."); elsewhere it is the plural noun.
fn plural_noun_states(s: &CueView, i: usize) -> Option<Verdict> {
    if !s.word(i).eq_ignore_ascii_case("states") {
        return None;
    }
    let reports = !s.toks[i].cap
        && s.prev_word(i)
            .is_some_and(|p| is_one_of(p, STATING_SUBJECTS));
    (!reports).then_some(Verdict::NotACue)
}

/// "the Darfur region, which it has claimed as the base for a government": a thing claimed
/// as one's own, not words reported.
fn laying_claim_as(s: &CueView, i: usize) -> Option<Verdict> {
    // "claimed as its own", "claimed as part of"; not "claimed as many as 40 were killed".
    let owned = |k: usize| {
        s.toks.get(k).is_some_and(|t| {
            t.is_word() && (t.has(POSS) || is_one_of(s.word(k), CLAIMED_AS_OPENERS))
        })
    };
    let laying = is_one_of(s.word(i), LAYING_CLAIM_VERBS)
        && s.next_word(i).is_some_and(|n| n.eq_ignore_ascii_case("as"))
        && owned(i + 2);
    laying.then_some(Verdict::NotACue)
}

/// "Officials have said little about the cause of the blast": a cue whose object is
/// "little" or "nothing" (then a preposition or the clause's end) asserts nothing; "said
/// little had changed" reports.
fn said_nothing(s: &CueView, i: usize) -> Option<Verdict> {
    let object = s
        .next_word(i)
        .is_some_and(|n| is_one_of(n, NOTHING_SAID_OBJECTS));
    let after = s.toks.get(i + 2);
    let ends = after.is_none_or(|t| !t.is_word() || t.has(PREP) && !t.quoted);
    (object && ends).then_some(Verdict::NotACue)
}

/// "That said, ...": an idiom, not an attribution.
fn that_said(s: &CueView, i: usize) -> Option<Verdict> {
    let idiom = i == 1
        && s.prev_word(i)
            .is_some_and(|w| w.eq_ignore_ascii_case("that"))
        && s.toks.get(2).is_some_and(|n| n.kind == TokKind::Comma);
    idiom.then_some(Verdict::NotACue)
}

/// "The ministry called on residents to leave", "calling for calm".
fn call_on(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::Call
        || !s
            .next_word(i)
            .is_some_and(|n| n.eq_ignore_ascii_case("on") || n.eq_ignore_ascii_case("for"))
    {
        return None;
    }
    let kind = if ends_with_ci(s.word(i), "ing") {
        CueKind::Participle
    } else {
        CueKind::Verb { invertible: false }
    };
    s.hit(i, i + 1, kind)
}

/// "Trump called the bill a “disgraceful betrayal”": a characterisation in quotes ("on what it
/// called “private conversations”" is a label, not an attribution).
fn characterised_in_quotes(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::Call || s.noun_like(i) {
        return None;
    }
    let quote_follows = s.toks[i + 1..]
        .iter()
        .take(6)
        .any(|n| n.kind == TokKind::OpenQuote);
    let label = s
        .prev_word(i)
        .is_some_and(|p| p.eq_ignore_ascii_case("what") || p.eq_ignore_ascii_case("so"))
        || i >= 2 && s.word(i - 2).eq_ignore_ascii_case("what");
    (quote_follows && !label)
        .then(|| s.hit(i, i, CueKind::Verb { invertible: false }))
        .flatten()
}

/// "a meeting called by the mayor", "so-called": "call" is a cue only in the two rules above.
fn call_without_on(s: &CueView, i: usize) -> Option<Verdict> {
    (s.form(i)? == CueForm::Call).then_some(Verdict::NotACue)
}

/// "Reports said ...": a noun-like form opening the sentence is its subject.
fn noun_opening_sentence(s: &CueView, i: usize) -> Option<Verdict> {
    (i == 0 && s.noun_like(i)).then_some(Verdict::NotACue)
}

/// "She spoke of a betrayal", "viewed the move as ...": a cue only with its word close after.
fn cue_with_word(s: &CueView, i: usize) -> Option<Verdict> {
    let Some(CueForm::WithWord {
        word: needed,
        within,
    }) = s.form(i)
    else {
        return None;
    };
    let found = s.toks[i + 1..]
        .iter()
        .take(usize::from(within))
        .take_while(|n| !n.is_boundary())
        .any(|n| n.is_word() && word(s.text, n).eq_ignore_ascii_case(needed));
    if found {
        s.hit(i, i, CueKind::Verb { invertible: false })
    } else {
        Some(Verdict::NotACue)
    }
}

/// "“...,” the commander continues": a cue only right after a closing quote.
fn after_quote(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::AfterQuote {
        return None;
    }
    let quote_before = s.toks[i.saturating_sub(4)..i]
        .iter()
        .any(|n| n.kind == TokKind::CloseQuote);
    if quote_before {
        s.hit(i, i, CueKind::Verb { invertible: true })
    } else {
        Some(Verdict::NotACue)
    }
}

/// "posted a video statement", "published a list", "posted on X that ...": a verb of
/// publishing before its object or "that" (not "videos posted online").
fn posting(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::Posting {
        return None;
    }
    let object = s
        .toks
        .get(i + 1)
        .is_some_and(|n| n.is_word() && !n.quoted && n.has(DET | POSS) && !n.cap);
    if object || that_follows(s, i) {
        s.hit(i, i, CueKind::Verb { invertible: false })
    } else {
        Some(Verdict::NotACue)
    }
}

/// "The US has determined that ...": a verb of finding before "that" (not "determined to
/// fight", "talks concluded").
fn finding_that(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::FindingThat {
        return None;
    }
    if that_follows(s, i) {
        s.hit(i, i, CueKind::Verb { invertible: false })
    } else {
        Some(Verdict::NotACue)
    }
}

/// "that" right after `i`, or after a short "on"/"in" phrase ("posted on X that ...").
fn that_follows(s: &CueView, i: usize) -> bool {
    let via_phrase = s.next_word(i).is_some_and(|n| is_one_of(n, &["on", "in"]))
        && (i + 3..(i + 7).min(s.toks.len()))
            .take_while(|&k| s.toks[k - 1].is_word() && !s.toks[k - 1].quoted)
            .any(|k| s.word_is(k, "that"));
    s.word_is(i + 1, "that") || via_phrase
}

/// "leaflets condemning the leader" describes the leaflets ("officials saying", "a statement
/// warning", "Trump, saying" attribute).
fn participle_on_a_thing(s: &CueView, i: usize) -> Option<Verdict> {
    if s.form(i)? != CueForm::Participle {
        return None;
    }
    let p = s.prev_word_tok(i)?;
    let thing = !p.cap
        && !p.quoted
        && !p.has(GROUP | ROLE | ORG | PRON | TITLE | AUX | LEAD | PASSIVE)
        && !is_one_of(s.word(i - 1), CITABLE_NOUNS)
        && s.word(i - 1).ends_with('s');
    thing.then_some(Verdict::NotACue)
}

/// "..., adding that the talks would go on": the speaker is the sentence's subject.
fn participle(s: &CueView, i: usize) -> Option<Verdict> {
    (s.form(i)? == CueForm::Participle)
        .then(|| s.hit(i, i, CueKind::Participle))
        .flatten()
}

/// "Kyiv was forced to deny the report": see [`is_asserting_infinitive`].
fn asserting_infinitive(s: &CueView, i: usize) -> Option<Verdict> {
    let Some(CueForm::Finite { invertible }) = s.form(i) else {
        return None;
    };
    is_asserting_infinitive(s, i)
        .then(|| s.hit(i, i, CueKind::Verb { invertible }))
        .flatten()
}

/// "The ministry said ...", "..., said the ministry": a finite reporting verb.
fn reporting_verb(s: &CueView, i: usize) -> Option<Verdict> {
    let Some(CueForm::Finite { invertible }) = s.form(i) else {
        return None;
    };
    s.hit(i, i, CueKind::Verb { invertible })
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

    #[test]
    fn cue_rules_have_distinct_names_and_name_every_hit() {
        let names: Vec<&str> = CUE_RULES.iter().map(|r| r.name).collect();
        let mut sorted = names.clone();
        sorted.sort_unstable();
        sorted.dedup();
        assert_eq!(sorted.len(), names.len(), "duplicate rule names: {names:?}");
        let (_, hits) =
            tokens_and_cues("The ministry said the talks, according to Reuters, failed.");
        assert_eq!(
            hits.iter().map(|h| h.rule).collect::<Vec<_>>(),
            ["reporting-verb", "according-to"]
        );
    }

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
