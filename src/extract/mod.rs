//! The extractor: article text in, claims out. Pure: no I/O, no SQLite, no CLI.
//!
//! A pipeline of small stages, one module each:
//! [`clean`] (headings, bylines, captions, boilerplate) → [`sentences`] → [`posts`] →
//! [`cues`] → [`attribution`] → [`coref`] → [`flags`]. All word lists live in [`lexicon`].
//!
//! Every decision is taken by a named rule, and [`explain`] reports the name (the same names
//! `extract --explain` prints, in brackets, and in its JSON `rule` and `trace`):
//! - lines: `heading-line`, `byline-line`, `caption-prefix`, `photo-credit`, `credit-line`,
//!   `introducer-line`, `repeated-paragraph`; sentences left out: `boilerplate`,
//!   `boilerplate-paragraph`, `narration-no-cue`, `flag-sentence`, `own-speaker-silence`,
//!   `open-quote-without-speaker`; a quote going on after its attribution in the same
//!   paragraph joins that claim: `quote-continues`; a sentence with a cue but no speaker is
//!   left out under the name of the rule that found none (a speaker rule below, or
//!   `according-to-without-source`,
//!   `participle-without-subject`, `cited-source-not-a-speaker`), its trace naming the cue's rule;
//! - cues ([`cues::CUE_RULES`], tried in order on each word, the first verdict wins): cues
//!   `post-introducer`, `made-by-agent`, `according-to`, `citing`, `passive-cited-as`,
//!   `cited-as-saying`,
//!   `reduced-passive-agent`, `passive-agent`, `call-on`, `characterised-in-quotes`,
//!   `cue-with-word`, `after-quote`, `posting`, `finding-that`, `participle`,
//!   `asserting-infinitive`, `reporting-verb`; and the rules that rule a word out:
//!   `no-reporting-word`, `reduced-passive`, `possessed-noun`, `not-asserted`,
//!   `after-determiner-or-preposition`, `noun-after-modifier`, `that-said`, `call-without-on`,
//!   `noun-opening-sentence`, `participle-on-a-thing`, `plural-noun-states`, `laying-claim-as`,
//!   `said-nothing`;
//! - speakers of a verb cue (`attribution::SPEAKER_RULES`, tried in order, the first decision
//!   wins: `cue-opens-sentence`, `relative-antecedent`, `coordinated-verb`,
//!   `subject-with-relative`, `main-clause-subject`, `subject-before-cue`,
//!   `after-quote-or-bracket`, `inverted-at-end`, `coordinated-after-adjunct`,
//!   `no-segment-before-comma`, `name-then-parenthetical`, `name-comma-role`,
//!   `inverted-speaker`); the names a trace shows ([`attribution`]): `subject-before-cue`, `inverted-speaker`, `inverted-at-end`,
//!   `name-comma-role`, `name-then-parenthetical`, `claim-noun-apposition`, `reduced-relative`,
//!   `relative-antecedent`, `subject-with-relative`, `coordinated-verb`, `main-clause-subject`,
//!   `clause-subject`, `with-participle`, `name-before-participle`, `citing-reason`,
//!   `source-after-according-to`, `citing-source`, `cited-as-source`, `second-source`;
//!   for quotes without a cue: `floating-quote-previous-speaker`, `open-quote-previous-speaker`;
//! - outlets (`attribution::outlet_of`, in order, and the citing rules): `according-to-outlet`,
//!   `quoted-by-outlet`, `speaker-is-outlet`, `subject-citing-source`;
//! - back-references and names ([`coref::COREF_RULES`], in order, the trace's `coref`; a
//!   back-reference's reason says whom it refers to): `pronoun-previous-speaker`,
//!   `pronoun-same-gender`, `pronoun-gender-unknown`, `it-organisation`, `they-not-a-person`, `unresolved-pronoun`,
//!   `back-reference-mention`, `the-statement`, `back-reference-person`,
//!   `back-reference-organisation`, `surname`, `titled-surname`, `repeated-name`, `new-source`;
//! - flags ([`flags::HEDGE_RULES`], tried in order): `impersonal-passive`, `hedge-adverb`,
//!   `suspected-event`, `if-confirmed`, `not-verified`, `no-evidence`, `source-withheld`,
//!   `no-comment`, `existential-claims`; a flag set by a later sentence says so.

mod attribution;
mod clean;
mod coref;
mod cues;
mod flags;
mod lexicon;
mod posts;
mod sentences;
mod text;

use attribution::{Attribution, Rules};
use clean::ParaKind;
use coref::{Coref, Gender, Resolved};
use cues::CueHit;
use flags::{Hedge, HedgeKind, Reach};
use lexicon::{HEDGE, PERSONAL_SUBJECTS};
use rustc_hash::FxHashMap as HashMap;
use serde::{Deserialize, Serialize};
use std::collections::hash_map::Entry;
use std::ops::Range;
use text::{Tok, TokKind};

/// One claim as found in an article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ExtractedClaim {
    /// The claim's sentence(s) exactly as in the article: `text == article[start..end]`.
    pub text: String,
    /// Byte offset of `text` in the article.
    pub start: usize,
    /// Byte offset just past `text` in the article.
    pub end: usize,
    /// The source as written, with its role ("Robert Wood, US envoy to the UN"); `None` if unattributed.
    pub speaker: Option<String>,
    /// The named speaker a back-reference ("she", "the statement") stands for, when resolved.
    pub speaker_resolved: Option<String>,
    /// The relaying outlet ("CNN" in "according to CNN").
    pub outlet: Option<String>,
    /// The reporting cue as written ("said", "according to", "cited ... as saying").
    pub cue: Option<String>,
    /// The hedge phrase that marks the claim unverified, `None` when not flagged.
    pub flag: Option<String>,
    /// The sentence carrying the flag (may be a later sentence than the claim).
    pub flag_evidence: Option<String>,
}

/// What the extractor found in one article.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Extraction {
    /// The article's title: its first heading line, if it has one.
    pub title: Option<String>,
    /// Claims in article order.
    pub claims: Vec<ExtractedClaim>,
    /// The heading lines that open a live blog's posts, in order (not the title).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<Heading>,
}

/// A heading line that opens a post: where it starts in the article, and its text.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Heading {
    pub start: usize,
    pub text: String,
}

/// Why one piece of text (a sentence, or a whole line) was taken as a claim or left out.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Decision {
    /// Byte range of the sentence or line in the article.
    pub start: usize,
    pub end: usize,
    /// True when it became a claim.
    pub taken: bool,
    /// A short human-readable reason ("claim: cue 'said' [reporting-verb], speaker 'the
    /// Pentagon' [subject-before-cue]", "boilerplate").
    pub reason: String,
    /// The rule that took the sentence or left it out ("reporting-verb", "narration-no-cue").
    pub rule: String,
    /// For a claim: the rules behind its cue, speaker, outlet and flag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub trace: Option<Trace>,
}

/// The rules behind one claim's parts, by name (see `extract --explain`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Trace {
    pub cue: Option<String>,
    pub speaker: Option<String>,
    pub outlet: Option<String>,
    pub flag: Option<String>,
    /// The coreference rule that resolved (or named) the speaker ("pronoun-same-gender").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub coref: Option<String>,
}

/// Extracts every claim of an article (plain text, one paragraph a line).
pub fn extract(text: &str) -> Extraction {
    Pipeline::new(text, false).run()
}

/// Explains, sentence by sentence, what [`extract`] took and left, and why.
pub fn explain(text: &str) -> Vec<Decision> {
    let mut p = Pipeline::new(text, true);
    p.run_stages();
    p.decisions
}

/// Byte ranges of the sentences of `text`, in order (used by `show` for context).
pub fn sentence_spans(text: &str) -> Vec<Range<usize>> {
    let mut spans = Vec::new();
    for line in posts::lines(text) {
        sentences::split_sentences(text, line, &mut spans);
    }
    spans
}

/// A fast 64-bit hash of a line (eight bytes a round), for spotting repeated paragraphs.
fn line_hash(s: &str) -> u64 {
    let mut h = s.len() as u64;
    let mut chunks = s.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h = (h.rotate_left(23) ^ u64::from_le_bytes(a)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    for &b in chunks.remainder() {
        h = (h.rotate_left(23) ^ u64::from(b)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    }
    h
}

/// The most claims one back-referring flag sentence can reach.
const MAX_FLAG_REACH: usize = 12;

/// A claim plus what later stages need to know about it. The rules behind it are kept only
/// while it is the newest claim ([`Pipeline::newest_rules`]), the only time they are read: a
/// claim-dense page holds 200,000 of these, and their growing list was the extractor's
/// largest block of memory.
struct Found {
    claim: ExtractedClaim,
    entity: Option<usize>,
    post: usize,
    para: usize,
    /// Its entry in the explanation, to add a flag that a later sentence sets.
    decision: Option<usize>,
}

/// The rules behind the newest claim: for its explanation, and for a quote that carries its
/// speaker over.
#[derive(Clone, Copy, Default)]
struct ClaimRules {
    rules: Option<Rules>,
    /// The coreference rule behind its speaker (none for a speaker carried over).
    coref: Option<&'static str>,
    flag_rule: Option<&'static str>,
}

/// A speaker ready to be attached to claims.
#[derive(Clone)]
struct Speaker {
    written: String,
    resolved: Option<String>,
    entity: Option<usize>,
    outlet: Option<String>,
    cue: String,
    rules: Rules,
    /// The coreference rule that resolved `written` (none for a speaker carried over).
    coref: Option<&'static str>,
}

/// Why a sentence with a cue has no speaker, for `--explain`.
struct NoSpeakerWhy {
    cue: Range<usize>,
    cue_rule: &'static str,
    rule: &'static str,
}

/// What the analysis of one unit found.
struct Unit {
    range: Range<usize>,
    attr: Option<Attribution>,
    /// A second source in the same sentence ("..., whereas Ukraine said ..."): a second claim.
    second: Option<Attribution>,
    /// With cues but no source: the cue and the rule that found no speaker for it.
    no_speaker: Option<NoSpeakerWhy>,
    hedge: Option<(Range<usize>, HedgeKind, &'static str)>,
    back: Option<Reach>,
    quote_only: bool,
    /// Opens with a quotation mark.
    starts_quote: bool,
    /// Opens with a personal pronoun ("He declined to say ...").
    starts_with_pronoun: bool,
    /// A no-answer phrase inside the clause its own cue reports ("X said the ministry did not
    /// comment on ..."), not set off by a comma or dash as a comment on the claim.
    silence_reported: bool,
    boiler: bool,
    gender_hint: Gender,
}

struct Pipeline<'a> {
    text: &'a str,
    toks: Vec<Tok>,
    cues: Vec<CueHit>,
    quotes: Vec<Range<usize>>,
    sents: Vec<Range<usize>>,
    units: Vec<Range<usize>>,
    infos: Vec<Unit>,
    coref: Coref,
    found: Vec<Found>,
    /// The rules behind the last of `found`.
    newest_rules: ClaimRules,
    posts: posts::Posts,
    headings: Vec<Heading>,
    para: usize,
    explain: bool,
    decisions: Vec<Decision>,
    title: Option<String>,
    /// A quote paragraph left open, held until the next paragraph tells its speaker.
    open_quote: Option<(Range<usize>, usize)>,
}

fn slice(text: &str, r: &Range<usize>) -> String {
    text.get(r.clone()).unwrap_or("").to_string()
}

/// A no-comment sentence opening with a pronoun ("He declined to say ..."): the speaker keeps
/// back more of their own story.
fn own_silence(u: &Unit) -> bool {
    u.hedge
        .as_ref()
        .is_some_and(|h| h.1 == HedgeKind::NoComment)
        && u.starts_with_pronoun
}

impl<'a> Pipeline<'a> {
    fn new(text: &'a str, explain: bool) -> Self {
        Pipeline {
            text,
            toks: Vec::new(),
            cues: Vec::new(),
            quotes: Vec::new(),
            sents: Vec::new(),
            units: Vec::new(),
            infos: Vec::new(),
            coref: Coref::default(),
            found: Vec::new(),
            newest_rules: ClaimRules::default(),
            posts: posts::Posts::default(),
            headings: Vec::new(),
            para: 0,
            explain,
            decisions: Vec::new(),
            title: None,
            open_quote: None,
        }
    }

    /// Keeps a heading line that opens a post, for the post's title: not the
    /// article's title line, and not a publisher's appeal ("Your support helps us
    /// to tell the story") that merely looks like a heading.
    fn record_heading(&mut self, text: &str, line: Range<usize>) {
        let s = &text[line.clone()];
        if self.para == 1 && self.title.as_deref() == Some(s) {
            return;
        }
        self.quotes.clear();
        text::tokenize(text, line.clone(), &[], &mut self.toks);
        if clean::is_boilerplate(s, &self.toks, false) {
            return;
        }
        self.headings.push(Heading {
            start: line.start,
            text: s.to_string(),
        });
    }

    fn run(mut self) -> Extraction {
        self.run_stages();
        Extraction {
            title: self.title,
            claims: self.found.into_iter().map(|f| f.claim).collect(),
            headings: self.headings,
        }
    }

    /// Records why a sentence was taken or left out (explain mode only). A taken sentence is
    /// the claim just emitted: its rules go into the trace.
    fn note(
        &mut self,
        range: Range<usize>,
        taken: bool,
        rule: &'static str,
        reason: impl FnOnce() -> String,
    ) {
        if !self.explain {
            return;
        }
        let mut reason = reason();
        let newest = self.newest_rules;
        let trace = taken.then(|| self.found.last_mut()).flatten().map(|f| {
            f.decision = Some(self.decisions.len());
            let rules = newest.rules;
            match (&f.claim.speaker_resolved, newest.coref) {
                (Some(name), Some(rule)) => {
                    reason.push_str(&format!(", refers to '{name}' [{rule}]"))
                }
                (None, Some(rule @ "unresolved-pronoun")) => {
                    reason.push_str(&format!(", refers to no one named before [{rule}]"));
                }
                _ => {}
            }
            if let (Some(flag), Some(rule)) = (&f.claim.flag, newest.flag_rule) {
                reason.push_str(&format!(", flag '{flag}' [{rule}]"));
            }
            Trace {
                cue: rules.map(|r| r.cue.to_string()),
                speaker: rules.map(|r| r.speaker.to_string()),
                outlet: rules.and_then(|r| r.outlet).map(str::to_string),
                flag: newest.flag_rule.map(str::to_string),
                coref: newest.coref.map(str::to_string),
            }
        });
        self.decisions.push(Decision {
            start: range.start,
            end: range.end,
            taken,
            reason,
            rule: rule.to_string(),
            trace,
        });
    }

    /// The speaker of the claim just before, when it is in this post and at most one paragraph
    /// back (for a quote that carries no attribution of its own).
    fn previous_speaker(&self, para: usize, rule: &'static str) -> Option<Speaker> {
        let last = self.found.last()?;
        (last.post == self.posts.current && last.para + 1 >= para && last.claim.speaker.is_some())
            .then(|| Speaker {
                written: last.claim.speaker.clone().unwrap_or_default(),
                resolved: last.claim.speaker_resolved.clone(),
                entity: last.entity,
                outlet: last.claim.outlet.clone(),
                cue: last.claim.cue.clone().unwrap_or_default(),
                rules: Rules {
                    cue: self.newest_rules.rules.map_or("previous-claim", |r| r.cue),
                    speaker: rule,
                    outlet: last.claim.outlet.as_ref().map(|_| "previous-claim"),
                },
                coref: None,
            })
    }

    fn run_stages(&mut self) {
        let text = self.text;
        // Hash of each line seen -> its range (compared on a hit, so a collision is harmless).
        // Keys are hashes already: FxHash only spreads them. Sized for a typical article's
        // paragraphs (one every 200 bytes or so), so it rarely grows.
        let mut seen: HashMap<u64, Range<usize>> =
            HashMap::with_capacity_and_hasher((text.len() / 200).min(4096), Default::default());
        let mut first = true;
        let mut intro: Option<Speaker> = None;
        for line in posts::lines(text) {
            self.para += 1;
            let s = &text[line.clone()];
            let has_cue = s.ends_with(':') && {
                self.quotes.clear();
                text::tokenize(text, line.clone(), &[], &mut self.toks);
                cues::find_cues(text, &self.toks, &mut self.cues);
                !self.cues.is_empty()
            };
            let mut kind = clean::classify_line(s, has_cue);
            if first {
                first = false;
                if kind == ParaKind::Heading {
                    self.title = Some(s.to_string());
                }
            }
            let repeat = match seen.entry(line_hash(s)) {
                Entry::Occupied(e) => text.get(e.get().clone()) == Some(s),
                Entry::Vacant(e) => {
                    e.insert(line.clone());
                    false
                }
            };
            if repeat && matches!(kind, ParaKind::Body | ParaKind::Heading) {
                kind = ParaKind::Repeat;
            }
            if kind != ParaKind::Body {
                // A quote held open ends at anything but a body paragraph.
                self.flush_open_quote(None);
            }
            match kind {
                ParaKind::Body => {
                    let pending = intro.take();
                    self.paragraph(line, pending);
                }

                ParaKind::Introducer => {
                    intro = self.introducer(line.clone());
                    let who = intro
                        .as_ref()
                        .map(|s| s.written.clone())
                        .unwrap_or_default();
                    self.note(line, false, "introducer-line", || {
                        format!("introducer: next paragraph is the quote of '{who}'")
                    });
                }
                other => {
                    if other == ParaKind::Heading
                        || other == ParaKind::Caption && !clean::ends_like_sentence(s)
                    {
                        self.posts.heading();
                        self.record_heading(text, line.clone());
                        intro = None;
                    }
                    self.note(line, false, other.rule(), || {
                        format!("{other:?}").to_lowercase()
                    });
                }
            }
        }
        self.flush_open_quote(None);
    }

    /// Emits a held-back quote paragraph left open ("“We will fight. ..." with no closing mark):
    /// it belongs to the speaker the next quote paragraph names, else to the previous speaker.
    fn flush_open_quote(&mut self, next: Option<Speaker>) {
        let Some((range, para)) = self.open_quote.take() else {
            return;
        };
        let speaker = next.or_else(|| self.previous_speaker(para, "open-quote-previous-speaker"));
        match speaker {
            Some(sp) => {
                let keep = self.para;
                self.para = para;
                let reason = format!(
                    "quote running on into the next paragraph, speaker '{}' [{}]",
                    sp.written, sp.rules.speaker
                );
                self.emit(range.clone(), Some(sp), None, None);
                self.para = keep;
                self.note(range, true, "open-quote-run-on", || reason);
            }
            None => self.note(range, false, "open-quote-without-speaker", || {
                "open quote without a known speaker".into()
            }),
        }
    }

    /// Tokenises and analyses one unit.
    fn analyze(&mut self, range: Range<usize>) -> Unit {
        let text = self.text;
        let classes = text::tokenize(text, range.clone(), &self.quotes, &mut self.toks);
        cues::find_cues(text, &self.toks, &mut self.cues);
        let toks = &self.toks;
        let (attr, second, no_speaker) =
            match attribution::attribute_sources(text, toks, &self.cues) {
                Ok((main, second)) => (Some(main), second, None),
                Err(why) => (None, None, why),
            };
        // Every hedge rule starts at a hedge word: a sentence without one has no hedge.
        let hedge: Option<Hedge> = if classes & HEDGE != 0 {
            flags::find_hedge(text, toks)
        } else {
            None
        };
        let back = hedge
            .filter(|h| flags::refers_back(toks, h))
            .map(|_| flags::reach(text, toks));
        let words = || toks.iter().filter(|t| t.is_word());
        let quote_only =
            toks.first().is_some_and(|t| t.kind == TokKind::OpenQuote) && words().all(|t| t.quoted);
        let sentence = text.get(range.clone()).unwrap_or("");
        let boiler = clean::is_boilerplate(sentence, toks, attr.is_some());
        let gender_hint = attr
            .as_ref()
            .and_then(|a| {
                toks.iter()
                    .skip(a.cue_last + 1)
                    .take(8)
                    .filter(|t| t.is_word() && !t.quoted)
                    .find_map(|t| {
                        let w = text.get(t.start..t.end).unwrap_or("");
                        if w.eq_ignore_ascii_case("his") {
                            Some(Gender::Male)
                        } else if w.eq_ignore_ascii_case("her") {
                            Some(Gender::Female)
                        } else {
                            None
                        }
                    })
            })
            .unwrap_or(Gender::Unknown);
        let silence_reported = match (&attr, &hedge) {
            (Some(a), Some(h)) if h.kind == HedgeKind::NoComment => {
                h.first > a.cue_last
                    && !toks[a.cue_last..h.first]
                        .iter()
                        .any(|t| matches!(t.kind, TokKind::Comma | TokKind::Dash))
            }
            _ => false,
        };
        Unit {
            range,
            attr,
            second,
            no_speaker: no_speaker.map(|n| NoSpeakerWhy {
                cue: toks[n.cue.first].start..toks[n.cue.last].end,
                cue_rule: n.cue.rule,
                rule: n.rule,
            }),
            hedge: hedge.map(|h| (toks[h.first].start..toks[h.last].end, h.kind, h.rule)),
            back,
            quote_only,
            starts_quote: toks.first().is_some_and(|t| t.kind == TokKind::OpenQuote),
            silence_reported,
            starts_with_pronoun: toks.first().is_some_and(|t| {
                lexicon::is_one_of(text.get(t.start..t.end).unwrap_or(""), PERSONAL_SUBJECTS)
            }),
            boiler,
            gender_hint,
        }
    }

    fn speaker_of(&mut self, attr: &Attribution, hint: Gender) -> Speaker {
        let text = self.text;
        let written = slice(text, &attr.speaker);
        let Resolved { name, entity, rule } =
            self.coref.resolve(&written, hint, self.posts.current);
        let cue = if attr.cited_as {
            format!("{} ... as saying", slice(text, &attr.cue))
        } else {
            slice(text, &attr.cue)
        };
        Speaker {
            written,
            resolved: name,
            entity,
            outlet: attr.outlet.as_ref().map(|o| slice(text, o)),
            cue,
            rules: attr.rules,
            coref: rule,
        }
    }

    fn introducer(&mut self, line: Range<usize>) -> Option<Speaker> {
        text::quote_spans(self.text, line.clone(), &mut self.quotes);
        let unit = self.analyze(line);
        let attr = unit.attr?;
        Some(self.speaker_of(&attr, unit.gender_hint))
    }

    fn emit(
        &mut self,
        range: Range<usize>,
        speaker: Option<Speaker>,
        cue: Option<String>,
        flag: Option<(String, String, &'static str)>,
    ) {
        let text = self.text;
        let (flag, flag_evidence, flag_rule) = match flag {
            Some((f, e, r)) => (Some(f), Some(e), Some(r)),
            None => (None, None, None),
        };
        // The speaker's strings move into the claim: no copy per claim.
        let (entity, rules, coref) = speaker
            .as_ref()
            .map_or((None, None, None), |s| (s.entity, Some(s.rules), s.coref));
        let (written, resolved, outlet, speaker_cue) = match speaker {
            Some(s) => (Some(s.written), s.resolved, s.outlet, Some(s.cue)),
            None => (None, None, None, None),
        };
        self.found.push(Found {
            claim: ExtractedClaim {
                text: slice(text, &range),
                start: range.start,
                end: range.end,
                speaker: written,
                speaker_resolved: resolved,
                outlet,
                cue: cue.or(speaker_cue),
                flag,
                flag_evidence,
            },
            entity,
            post: self.posts.current,
            para: self.para,
            decision: None,
        });
        self.newest_rules = ClaimRules {
            rules,
            coref,
            flag_rule,
        };
    }

    /// Applies a back-referring flag sentence to the claims it refers to; returns how many.
    fn flag_back(
        &mut self,
        reach: Reach,
        phrase: &str,
        evidence: &str,
        rule: &'static str,
    ) -> usize {
        let post = self.posts.current;
        let Some(last) = self.found.last() else {
            return 0;
        };
        if last.post != post {
            return 0;
        }
        let (entity, para) = (last.entity, last.para);
        let mut n = 0;
        for f in self.found.iter_mut().rev() {
            let hit = f.post == post
                && match reach {
                    Reach::Last => n == 0,
                    Reach::SpeakerRun => n == 0 || entity.is_some() && f.entity == entity,
                    Reach::Paragraph => f.para == para,
                };
            // A flag sentence refers to what was said just before: a few claims at most.
            if !hit || n >= MAX_FLAG_REACH {
                break;
            }
            if f.claim.flag.is_none() {
                f.claim.flag = Some(phrase.to_string());
                f.claim.flag_evidence = Some(evidence.to_string());
                if n == 0 {
                    // The newest claim's rules are kept apart (see `Found`).
                    self.newest_rules.flag_rule = Some(rule);
                }
                if let Some(d) = f.decision.and_then(|d| self.decisions.get_mut(d)) {
                    d.reason
                        .push_str(&format!(", flag '{phrase}' [{rule}] from a later sentence"));
                    if let Some(t) = d.trace.as_mut() {
                        t.flag = Some(rule.to_string());
                    }
                }
            }
            n += 1;
        }
        n
    }

    fn paragraph(&mut self, para: Range<usize>, intro: Option<Speaker>) {
        let text = self.text;
        text::quote_spans(text, para.clone(), &mut self.quotes);
        if let Some(sp) = intro {
            // The quote an introducer line ("the president said:") announced.
            let reason = format!("quote announced by introducer, speaker '{}'", sp.written);
            self.emit(para.clone(), Some(sp), None, None);
            self.note(para, true, "introduced-quote", || reason);
            return;
        }
        let (para_start, para_end) = (para.start, para.end);
        self.sents.clear();
        sentences::split_sentences(text, para, &mut self.sents);
        let sents = std::mem::take(&mut self.sents);
        sentences::merge_units(&sents, &self.quotes, &mut self.units);
        self.sents = sents;
        let units = std::mem::take(&mut self.units);
        let mut infos = std::mem::take(&mut self.infos);
        infos.clear();
        for u in &units {
            let info = self.analyze(u.clone());
            infos.push(info);
        }
        // A paragraph mostly made of appeals is boilerplate as a whole.
        let boiler_para = infos.iter().filter(|u| u.boiler).count() * 2 > infos.len();
        // A quote held back from the previous paragraph takes this paragraph's speaker when this
        // paragraph opens with an attributed quote.
        if self.open_quote.is_some() {
            let next = infos
                .first()
                .filter(|u| u.starts_quote && !boiler_para)
                .and_then(|u| u.attr.clone().map(|a| (a, u.gender_hint)));
            let sp = next.map(|(a, g)| self.speaker_of(&a, g));
            self.flush_open_quote(sp);
        }
        // A paragraph that is one quote left open continues into the next paragraph.
        let open = infos.len() == 1
            && infos[0].quote_only
            && self.quotes.last().is_some_and(|q| q.end == para_end)
            && !clean::ends_with_close_quote(&text[para_start..para_end]);
        if open && !boiler_para {
            self.open_quote = Some((infos[0].range.clone(), self.para));
            self.units = units;
            self.infos = infos;
            return;
        }
        for u in &infos {
            self.decide(u, boiler_para);
        }
        self.units = units;
        self.infos = infos;
    }

    /// Takes or leaves one sentence: the decisions below, in order; the first that settles it
    /// (takes or leaves it, with a note naming the rule for `--explain`) wins.
    fn decide(&mut self, u: &Unit, boiler_para: bool) {
        type SentenceRule<'p> = fn(&mut Pipeline<'p>, &Unit, bool) -> bool;
        let sentence_rules: [(&str, SentenceRule<'a>); 9] = [
            ("boilerplate", Self::boilerplate),
            ("own-speaker-silence", Self::own_speaker_silence),
            ("flag-sentence", Self::flag_sentence),
            ("attributed-claim", Self::attributed_claim),
            // A quote's own hedge is its speaker's word, not an unattributed claim's.
            ("quote-continues", Self::quote_continues),
            ("floating-quote", Self::floating_quote),
            ("unattributed-hedged-claim", Self::unattributed_hedged_claim),
            ("cue-without-speaker", Self::cue_without_speaker),
            ("narration-no-cue", Self::narration_no_cue),
        ];
        for (_, settles) in sentence_rules {
            if settles(self, u, boiler_para) {
                return;
            }
        }
    }

    /// The sentence's own hedge phrase as written, with its rule.
    fn hedge_of(&self, u: &Unit) -> Option<(String, &'static str)> {
        u.hedge
            .as_ref()
            .map(|(r, _, rule)| (slice(self.text, r), *rule))
    }

    /// "Donate now to support our journalism.": publisher boilerplate, or a paragraph mostly
    /// made of it, is left out.
    fn boilerplate(&mut self, u: &Unit, boiler_para: bool) -> bool {
        if !u.boiler && !boiler_para {
            return false;
        }
        let rule = if u.boiler {
            "boilerplate"
        } else {
            "boilerplate-paragraph"
        };
        self.note(u.range.clone(), false, rule, || "boilerplate".into());
        true
    }

    /// "He declined to say whether ...": a speaker keeping back more of their own story leaves
    /// their claim as it stands (no flag, no claim).
    fn own_speaker_silence(&mut self, u: &Unit, _: bool) -> bool {
        if !own_silence(u) || u.attr.is_some() {
            return false;
        }
        self.note(u.range.clone(), false, "own-speaker-silence", || {
            "the speaker keeps back more of their own story: no flag, no claim".into()
        });
        true
    }

    /// "Her claims could not be independently verified.": flags the claims it refers back to;
    /// a sentence with no attribution of its own is then left out, one with it goes on.
    fn flag_sentence(&mut self, u: &Unit, _: bool) -> bool {
        let Some(reach) = u.back.filter(|_| !own_silence(u)) else {
            return false;
        };
        let (phrase, rule) = self.hedge_of(u).unwrap_or_default();
        let n = self.flag_back(reach, &phrase, &slice(self.text, &u.range), rule);
        if u.attr.is_some() {
            return false;
        }
        self.note(u.range.clone(), false, "flag-sentence", || {
            format!("flag sentence '{phrase}' [{rule}] applied to {n} earlier claim(s) ({reach:?})")
        });
        true
    }

    /// "The ministry said ...": a claim with its speaker (and a second source's claim), flagged
    /// by its own hedge unless the silence is inside the reported words ("Gill said the
    /// Commission does not comment on speculation" is Gill's claim).
    fn attributed_claim(&mut self, u: &Unit, _: bool) -> bool {
        let Some(attr) = &u.attr else {
            return false;
        };
        let range = u.range.clone();
        let flag = match (self.hedge_of(u), u.back) {
            (Some(_), None) if u.silence_reported => None,
            (Some((phrase, rule)), None) => Some((phrase, slice(self.text, &range), rule)),
            _ => None,
        };
        self.emit_attributed(&range, attr, u.gender_hint, flag.clone(), "claim");
        if let Some(second) = &u.second {
            self.emit_attributed(&range, second, Gender::Unknown, flag, "second source");
        }
        true
    }

    /// "North Korean troops are reportedly already inside Ukraine.": a hedged sentence with no
    /// source is a claim with no speaker.
    fn unattributed_hedged_claim(&mut self, u: &Unit, _: bool) -> bool {
        let Some((phrase, rule)) = self.hedge_of(u) else {
            return false;
        };
        let range = u.range.clone();
        let sentence = slice(self.text, &range);
        self.emit(
            range.clone(),
            None,
            Some(phrase.clone()),
            Some((phrase.clone(), sentence, rule)),
        );
        self.newest_rules.rules = Some(Rules {
            cue: rule,
            speaker: "unattributed-hedged-claim",
            outlet: None,
        });
        self.note(range, true, "unattributed-hedged-claim", || {
            format!("unattributed claim carrying the hedge '{phrase}' [{rule}]")
        });
        true
    }

    /// "“We all know it,” Dologuélé said. “The figures are far from the truth.”": a quote that
    /// goes on right after its attribution, in the same paragraph, is the same claim, which
    /// grows to hold it (a quote over several sentences, attributed once, is one claim).
    fn quote_continues(&mut self, u: &Unit, _: bool) -> bool {
        let text = self.text;
        let Some(last) = self.found.last() else {
            return false;
        };
        let (start, para) = (last.claim.start, last.para);
        let right_after = last.post == self.posts.current
            && para == self.para
            && last.claim.end <= u.range.start
            && text[last.claim.end..u.range.start].trim().is_empty();
        if !u.quote_only || !right_after || !self.quotes_inside(start..last.claim.end) {
            return false;
        }
        let grown = start..u.range.end;
        // Every claim of that sentence grows (two sources in it are two claims).
        for f in self.found.iter_mut().rev() {
            if f.claim.start != start || f.para != para {
                break;
            }
            f.claim.end = grown.end;
            f.claim.text = slice(text, &grown);
        }
        self.note(u.range.clone(), false, "quote-continues", || {
            "the quote goes on from the claim before it: part of that claim".into()
        });
        true
    }

    /// Does a quotation (a quote span) lie within `range`?
    fn quotes_inside(&self, range: Range<usize>) -> bool {
        let first = self.quotes.partition_point(|q| q.start < range.start);
        self.quotes.get(first).is_some_and(|q| q.end <= range.end)
    }

    /// "“But I think not.”" in its own paragraph after a quote by a known speaker: theirs.
    fn floating_quote(&mut self, u: &Unit, _: bool) -> bool {
        if !u.quote_only {
            return false;
        }
        let Some(sp) = self.previous_speaker(self.para, "floating-quote-previous-speaker") else {
            return false;
        };
        let range = u.range.clone();
        let reason = format!(
            "floating quote of the previous speaker '{}' [floating-quote-previous-speaker]",
            sp.written
        );
        self.emit(range.clone(), Some(sp), None, None);
        self.note(range, true, "floating-quote", || reason);
        true
    }

    /// "Described as the largest in years, the parade went ahead.": a cue for which no speaker
    /// was found is left out; the decision names the rule that found none (a speaker rule such
    /// as `subject-before-cue`, or `according-to-without-source`, `participle-without-subject`).
    fn cue_without_speaker(&mut self, u: &Unit, _: bool) -> bool {
        let Some(why) = &u.no_speaker else {
            return false;
        };
        let text = self.text;
        self.note(u.range.clone(), false, why.rule, || {
            format!(
                "no speaker: cue '{}' [{}], no speaker found [{}]",
                text.get(why.cue.clone()).unwrap_or(""),
                why.cue_rule,
                why.rule
            )
        });
        if let Some(d) = self.decisions.last_mut().filter(|_| self.explain) {
            d.trace = Some(Trace {
                cue: Some(why.cue_rule.to_string()),
                speaker: Some(why.rule.to_string()),
                ..Trace::default()
            });
        }
        true
    }

    /// "It comes as Ukraine drafted 160,000 more troops.": narration without a source.
    fn narration_no_cue(&mut self, u: &Unit, _: bool) -> bool {
        self.note(u.range.clone(), false, "narration-no-cue", || {
            "narration: no reporting cue or hedge".into()
        });
        true
    }

    /// Emits one attributed claim on `range` and explains it: the rules behind its cue,
    /// speaker and outlet.
    fn emit_attributed(
        &mut self,
        range: &Range<usize>,
        attr: &Attribution,
        hint: Gender,
        flag: Option<(String, String, &'static str)>,
        what: &'static str,
    ) {
        let sp = self.speaker_of(attr, hint);
        let rule = if what == "claim" {
            sp.rules.cue
        } else {
            "second-source"
        };
        // Written before the speaker moves into the claim, in explain mode only.
        let reason = self.explain.then(|| {
            let outlet = match (&sp.outlet, sp.rules.outlet) {
                (Some(o), Some(r)) => format!(", outlet '{o}' [{r}]"),
                _ => String::new(),
            };
            format!(
                "{what}: cue '{}' [{}], speaker '{}' [{}]{outlet}",
                sp.cue, sp.rules.cue, sp.written, sp.rules.speaker
            )
        });
        self.emit(range.clone(), Some(sp), None, flag);
        self.note(range.clone(), true, rule, || reason.unwrap_or_default());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn extracts_basic_claims_with_offsets() {
        let t = "Title line\nThe US said troops were there. It rained.\n“We will go,” she said.\n";
        let e = extract(t);
        assert_eq!(e.title.as_deref(), Some("Title line"));
        assert_eq!(e.claims.len(), 2);
        for c in &e.claims {
            assert_eq!(&t[c.start..c.end], c.text);
        }
        assert_eq!(e.claims[0].speaker.as_deref(), Some("The US"));
    }

    #[test]
    fn floating_quote_takes_previous_speaker() {
        let t = "“One thing,” said Lee Woong-gil, a soldier. He came in 2007. “But I think not.”\n";
        let e = extract(t);
        assert_eq!(e.claims.len(), 2);
        assert_eq!(e.claims[1].text, "“But I think not.”");
        assert!(
            e.claims[1]
                .speaker
                .as_deref()
                .unwrap()
                .starts_with("Lee Woong-gil")
        );
    }

    #[test]
    fn flag_sentence_reaches_back_over_speaker_run() {
        let t = "Post\nRussian spokeswoman Maria Zakharova said the UK lied. \"It is so,\" she alleged. Zakharova said more. Her claims could not be independently verified.\n";
        let e = extract(t);
        assert_eq!(e.claims.len(), 3);
        assert!(e.claims.iter().all(|c| c.flag.is_some()), "{:#?}", e.claims);
        assert_eq!(
            e.claims[1].speaker_resolved.as_deref(),
            Some("Maria Zakharova")
        );
    }

    #[test]
    fn open_quote_paragraph_takes_next_speaker() {
        let t = "Post\nThe mayor spoke.\n“People are starving. Children are dying.\n“We need access now,” she said.\n";
        let e = extract(t);
        assert_eq!(e.claims.len(), 2, "{:#?}", e.claims);
        assert_eq!(
            e.claims[0].text,
            "“People are starving. Children are dying."
        );
        assert_eq!(e.claims[0].speaker.as_deref(), Some("she"));
    }

    #[test]
    fn photo_caption_does_not_split_a_post() {
        let t = "Post\nMaria Zakharova said it was false.\nA crowd in Moscow. Photograph: A B/Reuters\nShe said more.\n";
        let e = extract(t);
        assert_eq!(
            e.claims[1].speaker_resolved.as_deref(),
            Some("Maria Zakharova")
        );
    }

    #[test]
    fn explain_covers_every_line() {
        let t = "Heading\nNarration here.\nThe ministry said so.\n";
        let d = explain(t);
        assert_eq!(d.len(), 3);
        assert!(d[2].taken && !d[1].taken && !d[0].taken);
    }
}
