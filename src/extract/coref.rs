//! Coreference of speakers: pronouns ("she"), back-references ("the statement", "the ministry")
//! and surnames ("Mr Lavrov", "Zakharova") resolved to the most recent matching named speaker,
//! pronouns and back-references within the same post. Gender agreement where titles, role
//! nouns or pronouns tell ("Ms", "spokeswoman", "on his Telegram channel").

use super::lexicon::{self, FEMALE, GROUP, MALE, NAME_PART, ORG, PERSON_HEADS, PRON, TITLE};
use rustc_hash::FxHashMap as HashMap;
use std::collections::BTreeMap;

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

#[derive(Debug, Clone)]
struct Entity {
    /// The display name: a person's name, else the source as first written.
    name: String,
    /// Lower-case words of the personal name (for surname look-ups).
    name_words: Vec<String>,
    /// Lower-case text of every mention (for "the ministry" look-ups).
    mentions: String,
    /// The last mention as written (repeats skip the bookkeeping).
    last_mention: String,
    kind: Kind,
    gender: Gender,
    post: usize,
    last_seen: usize,
}

/// What a resolution found: the resolved name (for back-references only) and the entity id.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Resolved {
    pub name: Option<String>,
    pub entity: Option<usize>,
}

/// The speakers seen so far in an article.
#[derive(Debug, Default)]
pub struct Coref {
    entities: Vec<Entity>,
    clock: usize,
    /// Entity ids by ASCII-lower-cased name, and by each word of the personal name:
    /// the named look-ups go through these rather than scanning every speaker seen
    /// (80,000 distinct speakers in one post made that quadratic).
    by_name: HashMap<String, Vec<usize>>,
    by_word: HashMap<String, Vec<usize>>,
    /// Entity ids by `last_seen`, so the most recent come first.
    recency: BTreeMap<usize, usize>,
    /// The clock when each post was first seen: an entity of the post was seen
    /// since, so a pronoun looks no further back than that.
    post_start: HashMap<usize, usize>,
}

/// At most this many entities are looked at for one pronoun or back-reference
/// (the most recently seen), and of one name key (the most recently added): far
/// more than a text refers back across, and a bound on hostile pages.
const LOOKUP_LIMIT: usize = 64;

const MAX_WORDS: usize = 24;

fn words_iter(s: &str) -> impl Iterator<Item = &str> {
    s.split(|c: char| c.is_whitespace() || c == ',')
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\'' && c != '’')
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
            titled |= c & TITLE != 0;
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

impl Coref {
    fn touch(&mut self, id: usize, mention: &str, post: usize) {
        self.clock += 1;
        let e = &mut self.entities[id];
        self.recency.remove(&e.last_seen);
        self.recency.insert(self.clock, id);
        e.last_seen = self.clock;
        e.post = post;
        // Distinct mentions only, so look-ups stay cheap however often a source speaks.
        if e.last_mention == mention {
            return;
        }
        e.last_mention.clear();
        e.last_mention.push_str(mention);
        // An ASCII mention is checked in place; only a new one is lower-cased and stored.
        let known = if mention.is_ascii() {
            super::text::contains_ci(&e.mentions, mention)
        } else {
            e.mentions.contains(&mention.to_lowercase())
        };
        if !known {
            e.mentions.push(' ');
            e.mentions.push_str(&mention.to_lowercase());
        }
    }

    /// The most recently seen entity (of `post`, if given) that is `ok`, among the
    /// [`LOOKUP_LIMIT`] most recent.
    fn most_recent(&self, post: Option<usize>, ok: impl Fn(&Entity) -> bool) -> Option<usize> {
        let since = post.map_or(0, |p| {
            self.post_start.get(&p).copied().unwrap_or(usize::MAX)
        });
        self.recency
            .range(since..)
            .map(|(_, id)| id)
            .rev()
            .take(LOOKUP_LIMIT)
            .copied()
            .find(|&id| post.is_none_or(|p| self.entities[id].post == p) && ok(&self.entities[id]))
    }

    /// The most recently seen `ok` entity among those filed under `key` in `index`.
    fn most_recent_by(
        &self,
        index: &HashMap<String, Vec<usize>>,
        key: &str,
        ok: impl Fn(&Entity) -> bool,
    ) -> Option<usize> {
        let ids = index.get(&key.to_ascii_lowercase())?;
        ids.iter()
            .rev()
            .take(LOOKUP_LIMIT)
            .copied()
            .filter(|&id| ok(&self.entities[id]))
            .max_by_key(|&id| self.entities[id].last_seen)
    }

    fn add(
        &mut self,
        name: String,
        name_words: Vec<String>,
        kind: Kind,
        gender: Gender,
        post: usize,
    ) -> usize {
        let id = self.entities.len();
        self.by_name
            .entry(name.to_ascii_lowercase())
            .or_default()
            .push(id);
        for word in &name_words {
            let ids = self.by_word.entry(word.to_ascii_lowercase()).or_default();
            if ids.last() != Some(&id) {
                ids.push(id);
            }
        }
        self.entities.push(Entity {
            name,
            name_words,
            mentions: String::new(),
            last_mention: String::new(),
            kind,
            gender,
            post,
            last_seen: 0,
        });
        self.entities.len() - 1
    }

    /// Resolves a speaker as written; `hint` is a gender the context gives ("his Telegram channel").
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
        // Pronouns.
        if words.len() == 1 && cls[0] & PRON != 0 {
            let lower0 = words[0].to_ascii_lowercase();
            let found = match lower0.as_str() {
                "she" | "he" => {
                    let want = if lower0 == "she" {
                        Gender::Female
                    } else {
                        Gender::Male
                    };
                    // A speaker known to agree first, else the most recent of unknown gender.
                    let person = |e: &Entity| matches!(e.kind, Kind::Person | Kind::Unknown);
                    self.most_recent(Some(post), |e| person(e) && e.gender == want)
                        .or_else(|| {
                            self.most_recent(Some(post), |e| {
                                person(e) && e.gender == Gender::Unknown
                            })
                        })
                        .inspect(|&id| self.entities[id].gender = want)
                }
                "it" => {
                    self.most_recent(Some(post), |e| matches!(e.kind, Kind::Org | Kind::Unknown))
                }
                "they" => self.most_recent(Some(post), |e| !matches!(e.kind, Kind::Person)),
                _ => None,
            };
            return self.finish(found, speaker, post);
        }
        // Back-references: "the statement", "the foreign ministry", "the spokesperson".
        if words[0].eq_ignore_ascii_case("the")
            && words.len() <= 3
            && words[1..].iter().all(|w| !is_cap(w))
        {
            let head = words[words.len() - 1].to_lowercase();
            let person = PERSON_HEADS.contains(&head.as_str());
            let found = self
                .most_recent(Some(post), |e| e.mentions.contains(&head))
                .or_else(|| match head.as_str() {
                    "statement" => self.most_recent(Some(post), |_| true),
                    _ if person => self.most_recent(Some(post), |e| e.kind == Kind::Person),
                    _ => self
                        .most_recent(Some(post), |e| matches!(e.kind, Kind::Org | Kind::Unknown)),
                });
            if found.is_some() {
                return self.finish(found, speaker, post);
            }
        }
        // Surnames: "Zakharova", "Mr Lavrov".
        let titled_single = words.len() == 2 && cls[0] & TITLE != 0 && is_cap(words[1]);
        if (words.len() == 1 && is_cap(words[0])) || titled_single {
            let surname = words[words.len() - 1];
            let g = if titled_single {
                gender_of(&cls[..1])
            } else {
                Gender::Unknown
            };
            let found = self.most_recent_by(&self.by_word, surname, |e| {
                matches!(e.kind, Kind::Person | Kind::Unknown)
                    && e.name_words.len() >= 2
                    && e.name_words.iter().any(|w| w.eq_ignore_ascii_case(surname))
                    && (g == Gender::Unknown || e.gender == Gender::Unknown || e.gender == g)
            });
            if let Some(id) = found {
                if g != Gender::Unknown {
                    self.entities[id].gender = g;
                }
                return self.finish(Some(id), speaker, post);
            }
        }
        // A new or repeated named source; "NAME, ROLE" or "ROLE, NAME" name either side.
        let name = match speaker.split_once(',') {
            Some((left, _)) => {
                let n = words_iter(left).count().min(words.len());
                personal_name(&words[..n], &cls[..n])
                    .or_else(|| personal_name(&words[n..], &cls[n..]).map(|(a, b)| (a + n, b + n)))
            }
            None => personal_name(words, cls),
        };
        let kind = kind_of(words, cls, name.is_some() || titled_single);
        let mut gender = gender_of(cls);
        if gender == Gender::Unknown && kind == Kind::Person {
            gender = hint;
        }
        // Match an existing entity before building any strings for a new one.
        let existing = match name {
            Some((a, b)) if b - a >= 2 => {
                let last = words[b - 1];
                self.most_recent_by(&self.by_word, last, |e| {
                    e.name_words
                        .last()
                        .is_some_and(|l| l.eq_ignore_ascii_case(last))
                })
            }
            Some((a, b)) => {
                let first = words[a..b].first().copied().unwrap_or("");
                self.most_recent_by(&self.by_name, first, |e| e.name.eq_ignore_ascii_case(first))
            }
            None => self.most_recent_by(&self.by_name, speaker, |e| {
                e.name.eq_ignore_ascii_case(speaker)
            }),
        };
        let id = match existing {
            Some(id) => id,
            None => {
                let (display, name_words) = match name {
                    Some((a, b)) => (
                        words[a..b].join(" "),
                        words[a..b]
                            .iter()
                            .map(|w| w.to_lowercase())
                            .collect::<Vec<_>>(),
                    ),
                    None => (speaker.to_string(), vec![]),
                };
                self.add(display, name_words, kind, gender, post)
            }
        };
        if self.entities[id].gender == Gender::Unknown {
            self.entities[id].gender = gender;
        }
        self.touch(id, speaker, post);
        Resolved {
            name: None,
            entity: Some(id),
        }
    }

    fn finish(&mut self, found: Option<usize>, speaker: &str, post: usize) -> Resolved {
        match found {
            Some(id) => {
                self.touch(id, speaker, post);
                Resolved {
                    name: Some(self.entities[id].name.clone()),
                    entity: Some(id),
                }
            }
            None => Resolved::default(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolves_pronouns_by_gender() {
        let mut c = Coref::default();
        c.resolve(
            "Russian Foreign Ministry spokeswoman Maria Zakharova",
            Gender::Unknown,
            1,
        );
        c.resolve("British Prime Minister Keir Starmer", Gender::Unknown, 1);
        assert_eq!(
            c.resolve("she", Gender::Unknown, 1).name.as_deref(),
            Some("Maria Zakharova")
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
