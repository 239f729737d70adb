//! Coreference of speakers: pronouns ("she"), back-references ("the statement", "the ministry")
//! and surnames ("Mr Lavrov", "Zakharova") resolved to the most recent matching named speaker,
//! pronouns and back-references within the same post. Gender agreement where titles, role
//! nouns or pronouns tell ("Ms", "spokeswoman", "on his Telegram channel").
//!
//! Each decision is a named rule ([`COREF_RULES`], tried in order, the first that decides
//! wins); `extract --explain` names the rule that resolved a speaker.

use super::lexicon::{self, FEMALE, GROUP, MALE, NAME_PART, ORG, PERSON_HEADS, PRON, ROLE, TITLE};
use hashbrown::HashTable;
use rustc_hash::{FxHashMap as HashMap, FxHasher};
use std::cell::OnceCell;
use std::hash::Hasher;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    Person,
    Org,
    Group,
    Unknown,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Female,
    Male,
    Unknown,
}

/// No entity: the end of a recency list, of an index chain or of a mention list.
const NONE: usize = usize::MAX;

/// A span of [`Coref::text`], where every string the entities hold lives.
type Span = (usize, usize);

#[derive(Debug, Clone)]
struct Entity {
    /// The display name: a person's name, else the source as first written.
    name: Span,
    /// Lower-case words of the personal name, one space apart (for surname look-ups).
    name_words: Span,
    /// How many words `name_words` holds.
    name_word_count: usize,
    /// The newest of its distinct mentions, lower-cased, in [`Coref::mentions`] (for "the
    /// ministry" look-ups).
    mentions: usize,
    /// Bytes of mentions kept, bounded by [`MAX_MENTION_BYTES`].
    mention_bytes: usize,
    kind: Kind,
    gender: Gender,
    /// Introduced by a description with a common head noun ("the governor", "Kyiv's military
    /// administration", "Rebels"), not a name: another head noun is another source.
    described: bool,
    post: usize,
    last_seen: usize,
    /// The entity seen just before this one ([`NONE`] for the oldest): the recency list.
    older: usize,
    /// The entity seen just after this one ([`NONE`] for the most recent).
    newer: usize,
}

impl Entity {
    fn is_person_like(&self) -> bool {
        matches!(self.kind, Kind::Person | Kind::Unknown)
    }

    fn is_org_like(&self) -> bool {
        matches!(self.kind, Kind::Org | Kind::Unknown)
    }
}

/// What a resolution found: the resolved name (for back-references only), the entity id and
/// the rule that decided.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    pub name: Option<String>,
    pub entity: Option<usize>,
    pub rule: Option<&'static str>,
}

/// The FxHash of `key` with ASCII case folded, so "Lavrov" and "lavrov" file together.
fn folded_hash(key: &str) -> u64 {
    let mut h = FxHasher::default();
    let mut chunks = key.as_bytes().chunks_exact(8);
    for c in &mut chunks {
        let mut a = [0u8; 8];
        a.copy_from_slice(c);
        h.write_u64(ascii_lowercase_word(u64::from_le_bytes(a)));
    }
    // The last few bytes as one word (zero-padded; the length tells "ab" from "ab\0").
    let last = (chunks.remainder().iter().rev()).fold(0, |w, &b| w << 8 | u64::from(b));
    h.write_u64(ascii_lowercase_word(last));
    h.write_usize(key.len());
    // No finaliser after FxHash: one spread every bit (callgrind: half the probes on a page of
    // numbered names), but numbered names ("jane0", "jane1", ...) then landed on a new cache
    // line each rather than near each other, and the page of 200,000 of them ran no faster.
    h.finish()
}

/// Eight bytes lower-cased as `make_ascii_lowercase` does (A-Z only), at once rather than a
/// byte at a time.
fn ascii_lowercase_word(x: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    // Each byte's low seven bits plus an offset set its high bit from 'A' on, and from past
    // 'Z' on: no byte carries into the next.
    let low = x & !HIGH;
    let from_a = low + ONES * (0x80 - u64::from(b'A'));
    let past_z = low + ONES * (0x80 - u64::from(b'Z') - 1);
    let upper = from_a & !past_z & !x & HIGH;
    x | upper >> 2
}

/// Entity ids filed under keys (ASCII case ignored), the most recently filed first: chains
/// through one arena of nodes, keys kept in [`Coref::text`], so a key costs no allocation.
#[derive(Debug, Default)]
struct Index {
    heads: HashTable<Head>,
    /// (entity id, next older node of the same key).
    nodes: Vec<(usize, usize)>,
}

/// A key of an [`Index`]: where it is in the text, its hash (kept, so growing the table and
/// telling keys apart read no text) and its newest node.
#[derive(Debug)]
struct Head {
    key: Span,
    hash: u64,
    node: usize,
}

impl Head {
    fn is(&self, text: &str, key: &str, hash: u64) -> bool {
        self.hash == hash && text[self.key.0..self.key.1].eq_ignore_ascii_case(key)
    }
}

impl Index {
    /// Files `id` under the key `text[span]` (once, however often the key repeats in one
    /// name); the key stays where it is in `text`.
    fn file(&mut self, text: &str, (a, b): Span, id: usize) {
        let key = &text[a..b];
        let node = self.nodes.len();
        let hash = folded_hash(key);
        let next = match self.heads.find_mut(hash, |h| h.is(text, key, hash)) {
            Some(head) if self.nodes[head.node].0 == id => return,
            Some(head) => std::mem::replace(&mut head.node, node),
            None => {
                let head = Head {
                    key: (a, b),
                    hash,
                    node,
                };
                self.heads.insert_unique(hash, head, |h| h.hash);
                NONE
            }
        };
        self.nodes.push((id, next));
    }

    /// The ids filed under `key`, most recently filed first.
    fn newest<'i>(&'i self, text: &str, key: &str) -> impl Iterator<Item = usize> + 'i {
        let hash = folded_hash(key);
        let mut node = self
            .heads
            .find(hash, |h| h.is(text, key, hash))
            .map_or(NONE, |h| h.node);
        std::iter::from_fn(move || {
            let &(id, next) = self.nodes.get(node)?;
            node = next;
            Some(id)
        })
    }
}

/// The speakers seen so far in an article.
#[derive(Debug)]
pub struct Coref {
    entities: Vec<Entity>,
    clock: usize,
    /// Every string the entities and indexes hold, end to end: one buffer for all of them.
    text: String,
    /// Mention lists: (span of a lower-cased mention, the entity's next older mention).
    mentions: Vec<(Span, usize)>,
    /// Entity ids by name, and by each word of the personal name: the named look-ups go
    /// through these rather than scanning every speaker seen (80,000 distinct speakers in
    /// one post made that quadratic).
    by_name: Index,
    by_word: Index,
    /// The most recently seen entity: the head of the recency list (linked through
    /// `Entity::older`), so the most recent come first and a touch moves one link.
    newest: usize,
    /// The clock when each post was first seen: an entity of the post was seen
    /// since, so a pronoun looks no further back than that.
    post_start: HashMap<usize, usize>,
}

impl Default for Coref {
    fn default() -> Self {
        // Sized for the speakers of a typical article, so the tables rarely grow. Not sized
        // from the text's length: on a page of 200,000 speakers that touched more fresh memory
        // (a table sized a little short doubles once, to twice what it needs) than growing did.
        let index = || Index {
            heads: HashTable::with_capacity(32),
            nodes: Vec::with_capacity(32),
        };
        Coref {
            entities: Vec::with_capacity(32),
            clock: 0,
            text: String::with_capacity(1024),
            mentions: Vec::with_capacity(32),
            by_name: index(),
            by_word: index(),
            newest: NONE,
            post_start: HashMap::default(),
        }
    }
}

/// The most bytes of distinct mentions one entity keeps: far more than an article calls one
/// source by, and a bound on hostile pages ("the a1", "the a2", ... each new to the list).
const MAX_MENTION_BYTES: usize = 2048;

/// At most this many entities are looked at for one pronoun or back-reference
/// (the most recently seen), and of one name key (the most recently added): far
/// more than a text refers back across, and a bound on hostile pages.
const LOOKUP_LIMIT: usize = 64;

const MAX_WORDS: usize = 24;

fn words_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| match w.as_bytes() {
            // Most words open and close with an ASCII letter or digit: nothing to trim.
            [a, .., z] if a.is_ascii_alphanumeric() && z.is_ascii_alphanumeric() => w,
            _ => {
                w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
            }
        })
        .filter(|w| !w.is_empty())
}

#[cfg(test)]
fn words_of(s: &str) -> Vec<&str> {
    words_iter(s).collect()
}

fn is_cap(w: &str) -> bool {
    w.chars().next().is_some_and(char::is_uppercase)
}

fn class(w: &str) -> u32 {
    lexicon::word_info(w).class
}

fn possessive(w: &str) -> bool {
    w.ends_with("'s") || w.ends_with("’s")
}

/// The personal name inside a speaker's words: the capitalised run after the last title or
/// lower-case word ("Russian Foreign Ministry spokeswoman Maria Zakharova" → "Maria Zakharova").
fn personal_name(words: &[&str], cls: &[u32]) -> Option<(usize, usize)> {
    let mut start = 0;
    let mut titled = false;
    for (i, (w, &c)) in words.iter().zip(cls).enumerate() {
        let name_part =
            c & NAME_PART != 0 || w.contains('-') && is_cap(w.split('-').nth(1).unwrap_or(""));
        if (!is_cap(w) && !name_part) || c & TITLE != 0 || possessive(w) || c & lexicon::DET != 0 {
            start = i + 1;
            // Only a title just before the name counts: "the Health Ministry in Gaza" has none.
            titled = c & TITLE != 0;
        }
    }
    let tail = &words[start..];
    if tail.is_empty() || tail.len() > 4 || cls[start..].iter().any(|c| c & (ORG | GROUP) != 0) {
        return None;
    }
    if tail.len() >= 2 || titled {
        return Some((start, words.len()));
    }
    None
}

fn gender_of(cls: &[u32]) -> Gender {
    for &c in cls {
        if c & FEMALE != 0 && c & PRON == 0 {
            return Gender::Female;
        }
        if c & MALE != 0 && c & PRON == 0 {
            return Gender::Male;
        }
    }
    Gender::Unknown
}

fn kind_of(words: &[&str], cls: &[u32], has_name: bool) -> Kind {
    if has_name {
        return Kind::Person;
    }
    let all = cls.iter().fold(0, |a, c| a | c);
    let any = |bits: u32| all & bits != 0;
    if any(GROUP) || words.contains(&"and") {
        Kind::Group
    } else if any(ORG)
        || words.len() == 1 && words[0].len() > 1 && words[0].chars().all(|c| c.is_uppercase())
    {
        Kind::Org
    } else if any(TITLE) {
        Kind::Person
    } else {
        Kind::Unknown
    }
}

/// A speaker as written, split into words with their lexicon classes: what every rule reads.
struct Mention<'s> {
    speaker: &'s str,
    words: &'s [&'s str],
    cls: &'s [u32],
    hint: Gender,
    post: usize,
    /// The head noun of a back-reference ("ministry" in "the foreign ministry"), lower-cased.
    back_head: Option<String>,
    /// The name, kind and gender of a named source, worked out on first use.
    named: OnceCell<Named>,
}

/// A named source's parts: the personal name's word span, its kind and gender.
#[derive(Clone, Copy)]
struct Named {
    name: Option<(usize, usize)>,
    kind: Kind,
    gender: Gender,
}

impl Mention<'_> {
    /// "she" or "he" standing alone: the gender it asks for.
    fn personal_pronoun(&self) -> Option<Gender> {
        match self.pronoun()? {
            w if w.eq_ignore_ascii_case("she") => Some(Gender::Female),
            w if w.eq_ignore_ascii_case("he") => Some(Gender::Male),
            _ => None,
        }
    }

    /// The speaker when it is one pronoun.
    fn pronoun(&self) -> Option<&str> {
        (self.words.len() == 1 && self.cls[0] & PRON != 0).then_some(self.words[0])
    }

    /// "the governor", "A spokesman for the UN refugee agency", "Kyiv's military
    /// administration", "Officials": a common head noun (the last word in lower case, or one
    /// word the lexicon knows as a group or role), not a name.
    fn is_description(&self) -> bool {
        let last = self.words.len() - 1;
        self.back_head.is_some()
            || !is_cap(self.words[last])
            || last == 0 && self.cls[0] & (GROUP | ROLE) != 0
    }

    /// "Mr Lavrov", "Governor Hochul": a title that goes before a surname, and one capitalised
    /// word ("National Beverage" is no person).
    fn titled_single(&self) -> bool {
        self.words.len() == 2 && lexicon::is_surname_title(self.words[0]) && is_cap(self.words[1])
    }

    fn named(&self) -> Named {
        *self.named.get_or_init(|| {
            let (words, cls) = (self.words, self.cls);
            // "NAME, ROLE" or "ROLE, NAME" name either side.
            let name = match self.speaker.split_once(',') {
                Some((left, _)) => {
                    let n = words_iter(left).count().min(words.len());
                    personal_name(&words[..n], &cls[..n]).or_else(|| {
                        personal_name(&words[n..], &cls[n..]).map(|(a, b)| (a + n, b + n))
                    })
                }
                None => personal_name(words, cls),
            };
            let kind = kind_of(words, cls, name.is_some() || self.titled_single());
            let mut gender = gender_of(cls);
            if gender == Gender::Unknown && kind == Kind::Person {
                gender = self.hint;
            }
            Named { name, kind, gender }
        })
    }
}

/// What a coreference rule decided.
enum Outcome {
    /// A back-reference to this entity: the claim shows its name.
    Refers(usize),
    /// A named source, new or seen before: its own words name it.
    Names(usize),
    /// Nobody to refer to ("we", or "she" with no woman in the post).
    Unresolved,
}

/// A named coreference rule: `Some(outcome)` ends the search, `None` leaves the mention to the
/// next rule.
pub struct CorefRule {
    pub name: &'static str,
    decide: fn(&mut Coref, &Mention) -> Option<Outcome>,
}

macro_rules! coref_rules {
    ($($name:literal => $decide:ident,)*) => {
        /// The coreference rules, in order; the first decision wins. The last always decides.
        pub const COREF_RULES: &[CorefRule] = &[$(CorefRule { name: $name, decide: $decide },)*];
    };
}

coref_rules! {
    "pronoun-previous-speaker" => pronoun_previous_speaker,
    "pronoun-same-gender" => pronoun_same_gender,
    "pronoun-gender-unknown" => pronoun_gender_unknown,
    "it-organisation" => it_organisation,
    "they-not-a-person" => they_not_a_person,
    "unresolved-pronoun" => unresolved_pronoun,
    "back-reference-mention" => back_reference_mention,
    "the-statement" => the_statement,
    "back-reference-person" => back_reference_person,
    "back-reference-organisation" => back_reference_organisation,
    "surname" => surname,
    "titled-surname" => titled_surname,
    "repeated-name" => repeated_name,
    "new-source" => new_source,
}

/// "She said ..." right after "Dr Sarah Jones, a surgeon, said", with "spokeswoman Maria
/// Zakharova" earlier in the post: the person who spoke last, of no known gender (names carry
/// none), is nearer than an older speaker known to be of the pronoun's gender.
fn pronoun_previous_speaker(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let want = m.personal_pronoun()?;
    let last = c.most_recent(m.post, |_| true)?;
    let e = &c.entities[last];
    if e.kind != Kind::Person || e.gender != Gender::Unknown {
        return None;
    }
    // Only where an older speaker of that gender would otherwise take the pronoun.
    c.most_recent(m.post, |e| e.is_person_like() && e.gender == want)?;
    c.entities[last].gender = want;
    Some(Outcome::Refers(last))
}

/// "She said ..." after "spokeswoman Maria Zakharova": the most recent person of the post
/// known to be of the pronoun's gender.
fn pronoun_same_gender(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let want = m.personal_pronoun()?;
    let id = c.most_recent(m.post, |e| e.is_person_like() && e.gender == want)?;
    c.entities[id].gender = want;
    Some(Outcome::Refers(id))
}

/// "He said ..." after "Jan Novak said" (no gender known): the most recent person of the post
/// whose gender is not known, who takes the pronoun's.
fn pronoun_gender_unknown(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let want = m.personal_pronoun()?;
    let id = c.most_recent(m.post, |e| {
        e.is_person_like() && e.gender == Gender::Unknown
    })?;
    c.entities[id].gender = want;
    Some(Outcome::Refers(id))
}

/// "It said ..." after "The ministry said": the most recent organisation (or source of unknown
/// kind) of the post.
fn it_organisation(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    m.pronoun().filter(|w| w.eq_ignore_ascii_case("it"))?;
    c.most_recent(m.post, Entity::is_org_like)
        .map(Outcome::Refers)
}

/// "They said ..." after "The rebels said": the most recent source of the post that is not a
/// person.
fn they_not_a_person(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    m.pronoun().filter(|w| w.eq_ignore_ascii_case("they"))?;
    c.most_recent(m.post, |e| e.kind != Kind::Person)
        .map(Outcome::Refers)
}

/// "We said ..." (or "she" with no one to refer to in the post): a pronoun the rules above
/// left is no one the article named.
fn unresolved_pronoun(_: &mut Coref, m: &Mention) -> Option<Outcome> {
    m.pronoun().map(|_| Outcome::Unresolved)
}

/// "the ministry said" after "Russia's Foreign Ministry said": the most recent source of the
/// post with a mention holding the head noun at the end of a word ("the suit" after "a class
/// action lawsuit"; not "the minister" after "the prime minister's office").
fn back_reference_mention(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let head = m.back_head.as_deref()?;
    let holds_head = |t: &str| {
        t.split_whitespace().any(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .ends_with(head)
        })
    };
    c.most_recent(m.post, |e| c.mention_texts(e).any(holds_head))
        .map(Outcome::Refers)
}

/// "the statement said" after "The embassy said": the most recent source of the post.
fn the_statement(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    m.back_head.as_deref().filter(|&h| h == "statement")?;
    c.most_recent(m.post, |_| true).map(Outcome::Refers)
}

/// "the spokesperson said" after "Ana Lee said": a person's head noun refers to the most
/// recent person of the post, when a name introduced them ("the governor" after "the company's
/// chief executive" is someone else; the same head noun is `back-reference-mention`'s), and
/// gave them no other role ("the minister" after "Gen. Mark Milley, chairman of the Joint
/// Chiefs" is someone else).
fn back_reference_person(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let head = m.back_head.as_deref()?;
    if head == "statement" || !PERSON_HEADS.contains(&head) {
        return None;
    }
    c.most_recent(m.post, |e| e.kind == Kind::Person)
        .filter(|&id| !c.entities[id].described && !c.has_other_role(&c.entities[id], head))
        .map(Outcome::Refers)
}

/// "the agency said" after "Rosaviatsia said": any other head noun refers to the most recent
/// organisation (or source of unknown kind) of the post, when a name introduced it ("the army"
/// after "the ministry" is another source).
fn back_reference_organisation(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let head = m.back_head.as_deref()?;
    // "the western leaders", "the officials": people, not the organisation before them.
    let people = head
        .strip_suffix('s')
        .is_some_and(|one| PERSON_HEADS.contains(&one));
    if head == "statement" || PERSON_HEADS.contains(&head) || people {
        return None;
    }
    c.most_recent(m.post, Entity::is_org_like)
        .filter(|&id| !c.entities[id].described)
        .map(Outcome::Refers)
}

/// "Zakharova said" after "Maria Zakharova said", in any post: the most recent person whose
/// name holds the word.
fn surname(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let [word] = m.words else { return None };
    if !is_cap(word) {
        return None;
    }
    c.by_surname(word, Gender::Unknown).map(Outcome::Refers)
}

/// "Mr Lavrov said" after "Sergei Lavrov said": a surname after a title, of the title's gender
/// (which the person then takes).
fn titled_surname(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    if !m.titled_single() {
        return None;
    }
    let gender = gender_of(&m.cls[..1]);
    let id = c.by_surname(m.words[1], gender)?;
    if gender != Gender::Unknown {
        c.entities[id].gender = gender;
    }
    Some(Outcome::Refers(id))
}

/// "Maria Zakharova said" after "spokeswoman Maria Zakharova said": a named source seen before,
/// found by the last word of its personal name (else by its whole name, "the ministry").
fn repeated_name(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let named = m.named();
    let id = match named.name {
        Some((a, b)) if b - a >= 2 => {
            let last = m.words[b - 1];
            c.most_recent_by(&c.by_word, last, |e| {
                c.name_words(e)
                    .last()
                    .is_some_and(|l| l.eq_ignore_ascii_case(last))
            })
        }
        Some((a, _)) => {
            let first = m.words[a];
            c.most_recent_by(&c.by_name, first, |e| c.name(e).eq_ignore_ascii_case(first))
        }
        None => c.most_recent_by(&c.by_name, m.speaker, |e| {
            c.name(e).eq_ignore_ascii_case(m.speaker)
        }),
    }?;
    if c.entities[id].gender == Gender::Unknown {
        c.entities[id].gender = named.gender;
    }
    Some(Outcome::Names(id))
}

/// "A senior official said" (or any source not seen before): a new entity, named by its
/// personal name when it has one ("spokeswoman Maria Zakharova" → "Maria Zakharova").
fn new_source(c: &mut Coref, m: &Mention) -> Option<Outcome> {
    let named = m.named();
    let id = c.entities.len();
    let start = c.text.len();
    let (name, name_words, name_word_count) = match named.name {
        Some((a, b)) => {
            for (i, w) in m.words[a..b].iter().enumerate() {
                if i > 0 {
                    c.text.push(' ');
                }
                c.text.push_str(w);
            }
            let name = (start, c.text.len());
            // Each word filed as it is written, where its span is known.
            for (i, w) in m.words[a..b].iter().enumerate() {
                if i > 0 {
                    c.text.push(' ');
                }
                let from = c.text.len();
                push_lowercase(&mut c.text, w);
                c.by_word.file(&c.text, (from, c.text.len()), id);
            }
            (name, (name.1, c.text.len()), b - a)
        }
        None => {
            c.text.push_str(m.speaker);
            ((start, c.text.len()), (0, 0), 0)
        }
    };
    c.by_name.file(&c.text, name, id);
    c.entities.push(Entity {
        name,
        name_words,
        name_word_count,
        mentions: NONE,
        mention_bytes: 0,
        kind: named.kind,
        gender: named.gender,
        described: m.is_description(),
        post: m.post,
        last_seen: 0,
        older: NONE,
        newer: NONE,
    });
    Some(Outcome::Names(id))
}

/// Appends `s` lower-cased (ASCII in place, without the copy `to_lowercase` makes).
fn push_lowercase(out: &mut String, s: &str) {
    if s.is_ascii() {
        let from = out.len();
        out.push_str(s);
        out[from..].make_ascii_lowercase();
    } else {
        out.push_str(&s.to_lowercase());
    }
}

impl Coref {
    /// Resolves a speaker as written; `hint` is a gender the context gives ("his Telegram
    /// channel"). The first of [`COREF_RULES`] that decides names the rule.
    pub fn resolve(&mut self, speaker: &str, hint: Gender, post: usize) -> Resolved {
        let next_tick = self.clock + 1;
        self.post_start.entry(post).or_insert(next_tick);
        // Speakers are short: their words and classes live on the stack.
        let mut word_buf: [&str; MAX_WORDS] = [""; MAX_WORDS];
        let mut cls_buf = [0u32; MAX_WORDS];
        let mut n = 0;
        for w in words_iter(speaker).take(MAX_WORDS) {
            word_buf[n] = w;
            cls_buf[n] = class(w);
            n += 1;
        }
        let (words, cls) = (&word_buf[..n], &cls_buf[..n]);
        if words.is_empty() {
            return Resolved::default();
        }
        // Back-references: "the statement", "the foreign ministry", "the spokesperson".
        let back_head = (words[0].eq_ignore_ascii_case("the")
            && words.len() <= 3
            && words[1..].iter().all(|w| !is_cap(w)))
        .then(|| words[words.len() - 1].to_lowercase());
        let mention = Mention {
            speaker,
            words,
            cls,
            hint,
            post,
            back_head,
            named: OnceCell::new(),
        };
        COREF_RULES
            .iter()
            .find_map(|r| (r.decide)(self, &mention).map(|o| (r.name, o)))
            .map_or_else(Resolved::default, |(rule, outcome)| {
                self.finish(outcome, rule, speaker, post)
            })
    }

    fn finish(
        &mut self,
        outcome: Outcome,
        rule: &'static str,
        speaker: &str,
        post: usize,
    ) -> Resolved {
        let (id, refers) = match outcome {
            Outcome::Refers(id) => (id, true),
            Outcome::Names(id) => (id, false),
            Outcome::Unresolved => {
                return Resolved {
                    rule: Some(rule),
                    ..Resolved::default()
                };
            }
        };
        self.touch(id, speaker, post);
        Resolved {
            name: refers.then(|| self.name(&self.entities[id]).to_string()),
            entity: Some(id),
            rule: Some(rule),
        }
    }

    fn touch(&mut self, id: usize, mention: &str, post: usize) {
        self.clock += 1;
        self.move_to_front(id);
        let e = &mut self.entities[id];
        e.last_seen = self.clock;
        e.post = post;
        self.remember_mention(id, mention);
    }

    /// Keeps a mention of entity `id`, lower-cased, unless a kept one already holds it (a
    /// source speaking again as it did costs one comparison).
    fn remember_mention(&mut self, id: usize, mention: &str) {
        let e = &self.entities[id];
        let words = e.name_words;
        // A new source named by its name alone ("Jane Doe") was just written lower-cased as its
        // name's words: that span is the mention, not a second copy.
        if e.mentions == NONE
            && words.1 - words.0 <= MAX_MENTION_BYTES
            && mention.is_ascii()
            && self.text[words.0..words.1].eq_ignore_ascii_case(mention)
        {
            let node = self.mentions.len();
            self.mentions.push((words, NONE));
            let e = &mut self.entities[id];
            e.mentions = node;
            e.mention_bytes = words.1 - words.0;
            return;
        }
        let from = self.text.len();
        push_lowercase(&mut self.text, mention);
        let lower = &self.text[from..];
        let e = &self.entities[id];
        let newest_same = self
            .mentions
            .get(e.mentions)
            .is_some_and(|&((a, b), _)| self.text[a..b] == *lower);
        let full = e.mention_bytes + lower.len() > MAX_MENTION_BYTES;
        if newest_same || full || self.mention_texts(e).any(|m| m.contains(lower)) {
            self.text.truncate(from);
            return;
        }
        let node = self.mentions.len();
        self.mentions.push(((from, self.text.len()), e.mentions));
        let e = &mut self.entities[id];
        e.mentions = node;
        e.mention_bytes += self.text.len() - from;
    }

    /// Does a mention of `e` give them a role other than `head` ("chairman", not "minister")?
    fn has_other_role(&self, e: &Entity, head: &str) -> bool {
        self.mention_texts(e).any(|t| {
            t.split_whitespace().any(|w| {
                let w = w.trim_matches(|c: char| !c.is_alphanumeric());
                lexicon::word_info(w).class & ROLE != 0 && !w.eq_ignore_ascii_case(head)
            })
        })
    }

    /// The kept mentions of `e`, newest first.
    fn mention_texts<'c>(&'c self, e: &Entity) -> impl Iterator<Item = &'c str> + 'c {
        let mut node = e.mentions;
        std::iter::from_fn(move || {
            let &((a, b), next) = self.mentions.get(node)?;
            node = next;
            Some(&self.text[a..b])
        })
    }

    fn name(&self, e: &Entity) -> &str {
        &self.text[e.name.0..e.name.1]
    }

    /// The lower-case words of the personal name of `e`.
    fn name_words(&self, e: &Entity) -> impl Iterator<Item = &str> {
        self.text[e.name_words.0..e.name_words.1]
            .split(' ')
            .take(e.name_word_count)
    }

    /// Makes `id` the most recently seen entity: unlinks it from its place in the recency
    /// list (if it is in it yet) and links it in at the head.
    fn move_to_front(&mut self, id: usize) {
        if self.newest == id {
            return;
        }
        let (older, newer) = (self.entities[id].older, self.entities[id].newer);
        if older != NONE {
            self.entities[older].newer = newer;
        }
        if newer != NONE {
            self.entities[newer].older = older;
        }
        if self.newest != NONE {
            self.entities[self.newest].newer = id;
        }
        self.entities[id].older = self.newest;
        self.entities[id].newer = NONE;
        self.newest = id;
    }

    /// The most recently seen entity of `post` that is `ok`, among the [`LOOKUP_LIMIT`] most
    /// recent seen since the post began.
    fn most_recent(&self, post: usize, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        let since = self.post_start.get(&post).copied().unwrap_or(usize::MAX);
        let mut id = self.newest;
        for _ in 0..LOOKUP_LIMIT {
            let e = self.entities.get(id)?;
            if e.last_seen < since {
                return None;
            }
            if e.post == post && ok(e) {
                return Some(id);
            }
            id = e.older;
        }
        None
    }

    /// The most recently seen `ok` entity among the [`LOOKUP_LIMIT`] most recently filed
    /// under `key` (ASCII case ignored) in `index`.
    fn most_recent_by(
        &self,
        index: &Index,
        key: &str,
        ok: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        index
            .newest(&self.text, key)
            .take(LOOKUP_LIMIT)
            .filter(|&id| ok(&self.entities[id]))
            .max_by_key(|&id| self.entities[id].last_seen)
    }

    /// The most recent person with a name of two words or more holding `word`, of `gender`
    /// when both genders are known.
    fn by_surname(&self, word: &str, gender: Gender) -> Option<usize> {
        self.most_recent_by(&self.by_word, word, |e| {
            e.is_person_like()
                && e.name_word_count >= 2
                && self.name_words(e).any(|w| w.eq_ignore_ascii_case(word))
                && (gender == Gender::Unknown || e.gender == Gender::Unknown || e.gender == gender)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_lowercasing_matches_the_byte_at_a_time_one() {
        for b in 0..=255u8 {
            let bytes = [b, b'A', b'Z', b'@', b'[', b'z', 0xc3, b];
            let mut want = bytes;
            want.make_ascii_lowercase();
            let got = ascii_lowercase_word(u64::from_le_bytes(bytes));
            assert_eq!(got.to_le_bytes(), want, "byte {b}");
        }
        assert_eq!(folded_hash("Jane0 DOE0"), folded_hash("jane0 doe0"));
        assert_ne!(folded_hash("jane0 doe0"), folded_hash("jane0 doe1"));
    }

    #[test]
    fn resolves_pronouns_by_gender() {
        let mut c = Coref::default();
        c.resolve("British Prime Minister Keir Starmer", Gender::Unknown, 1);
        c.resolve(
            "Russian Foreign Ministry spokeswoman Maria Zakharova",
            Gender::Unknown,
            1,
        );
        assert_eq!(
            c.resolve("she", Gender::Unknown, 1).name.as_deref(),
            Some("Maria Zakharova")
        );
        assert_eq!(
            c.resolve("he", Gender::Unknown, 1).name.as_deref(),
            Some("Keir Starmer")
        );
        // The person who spoke last, of no known gender, is nearer than an older "she".
        c.resolve("Dr Sarah Jones", Gender::Unknown, 1);
        assert_eq!(
            c.resolve("she", Gender::Unknown, 1).name.as_deref(),
            Some("Sarah Jones")
        );
        assert_eq!(
            c.resolve("Zakharova", Gender::Unknown, 1).name.as_deref(),
            Some("Maria Zakharova")
        );
        assert_eq!(
            c.resolve("she", Gender::Unknown, 2).name,
            None,
            "other post"
        );
    }

    #[test]
    fn names_are_found_however_many_speakers_came_between() {
        let mut c = Coref::default();
        let first = c.resolve("Maria Zakharova", Gender::Unknown, 0).entity;
        for i in 0..(3 * LOOKUP_LIMIT) {
            c.resolve(&format!("Officer{i} Name{i}"), Gender::Unknown, 1);
        }
        // Names go through the index, not the recent speakers only.
        assert_eq!(c.resolve("Zakharova", Gender::Unknown, 2).entity, first);
        assert_eq!(
            c.resolve("Maria Zakharova", Gender::Unknown, 2).entity,
            first
        );
        // A pronoun looks back within its own post only.
        assert_eq!(c.resolve("she", Gender::Unknown, 3).name, None);
        assert_eq!(
            c.resolve("she", Gender::Unknown, 2).name.as_deref(),
            Some("Maria Zakharova")
        );
    }

    #[test]
    fn resolves_back_references() {
        let mut c = Coref::default();
        c.resolve("the Russian embassy", Gender::Unknown, 0);
        assert_eq!(
            c.resolve("the statement", Gender::Unknown, 0)
                .name
                .as_deref(),
            Some("the Russian embassy")
        );
        c.resolve("a foreign ministry spokesperson", Gender::Unknown, 0);
        assert_eq!(
            c.resolve("the spokesperson", Gender::Unknown, 0)
                .name
                .as_deref(),
            Some("a foreign ministry spokesperson")
        );
        assert_eq!(c.resolve("Mr Lavrov", Gender::Unknown, 0).name, None);
    }

    /// Every rule, with a mention it decides after the speakers before it (same post).
    #[test]
    fn every_rule_decides_its_example() {
        let examples: &[(&[&str], &str, &str)] = &[
            (
                &["spokeswoman Maria Zakharova"],
                "she",
                "pronoun-same-gender",
            ),
            (
                &["spokeswoman Maria Zakharova", "Dr Sarah Jones"],
                "she",
                "pronoun-previous-speaker",
            ),
            (&["Jan Novak"], "he", "pronoun-gender-unknown"),
            (&["the ministry"], "it", "it-organisation"),
            (
                &["the rebels and the militias"],
                "they",
                "they-not-a-person",
            ),
            (&[], "we", "unresolved-pronoun"),
            (
                &["Russia's Foreign Ministry"],
                "the ministry",
                "back-reference-mention",
            ),
            (&["the embassy"], "the statement", "the-statement"),
            (&["Jan Novak"], "the spokesperson", "back-reference-person"),
            (
                &["Rosaviatsia"],
                "the agency",
                "back-reference-organisation",
            ),
            (&["Maria Zakharova"], "Zakharova", "surname"),
            (&["Sergei Lavrov"], "Mr Lavrov", "titled-surname"),
            (
                &["Maria Zakharova"],
                "spokeswoman Maria Zakharova",
                "repeated-name",
            ),
            (&[], "a senior official", "new-source"),
        ];
        for (before, mention, rule) in examples {
            let mut c = Coref::default();
            for b in *before {
                c.resolve(b, Gender::Unknown, 0);
            }
            let got = c.resolve(mention, Gender::Unknown, 0);
            assert_eq!(got.rule, Some(*rule), "{mention:?} after {before:?}");
        }
        let mut names: Vec<&str> = COREF_RULES.iter().map(|r| r.name).collect();
        assert_eq!(names.len(), examples.len(), "an example for every rule");
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), COREF_RULES.len(), "distinct rule names");
    }

    #[test]
    fn mentions_kept_per_entity_are_bounded() {
        let mut c = Coref::default();
        let id = c.resolve("Rosaviatsia", Gender::Unknown, 0).entity;
        for i in 0..10_000 {
            let r = c.resolve(&format!("the ministry{i}"), Gender::Unknown, 0);
            assert_eq!(r.entity, id, "resolved to the organisation");
        }
        let e = &c.entities[id.unwrap()];
        assert!(e.mention_bytes <= MAX_MENTION_BYTES);
        assert!(c.text.len() < 4 * MAX_MENTION_BYTES, "{}", c.text.len());
    }

    #[test]
    fn finds_personal_names() {
        let pn = |s: &str| {
            let w = words_of(s);
            let c: Vec<u32> = w.iter().map(|x| class(x)).collect();
            personal_name(&w, &c)
        };
        assert_eq!(pn("Robert Wood"), Some((0, 2)));
        assert_eq!(pn("Kremlin spokesman Dmitry Peskov"), Some((2, 4)));
        assert_eq!(pn("Russia's Foreign Ministry"), None);
    }
}
