//! Every word list the extractor relies on, as data, in one place.
//!
//! Words are matched lower-cased (ASCII); each word gets a set of class bits and, when it is a
//! reporting verb, a [`Cue`]. The lists are deliberately generic (English news register), never the
//! seeds' sentences: the extractor must generalise to unseen articles.

use std::collections::HashMap;
use std::sync::OnceLock;

/// Auxiliaries and adverbs that may sit between a speaker and its verb ("has also said").
pub const AUX: u32 = 1 << 0;
/// Words that open a clause: a speaker span never runs back over them ("what she said").
pub const CLAUSE: u32 = 1 << 1;
/// Determiners and quantifiers ("the", "many"): a cue word right after one is a noun ("the claims").
pub const DET: u32 = 1 << 2;
/// Possessive determiners ("her", "their").
pub const POSS: u32 = 1 << 3;
/// Personal pronouns usable as speakers.
pub const PRON: u32 = 1 << 4;
/// Nouns and modifiers that make up a source's description ("foreign ministry spokesperson").
pub const ROLE: u32 = 1 << 5;
/// Forms of "be": a cue after one is passive ("were told"), not an attribution.
pub const PASSIVE: u32 = 1 << 6;
/// Sentence connectors stripped from the front of a speaker ("But Ukraine said").
pub const LEAD: u32 = 1 << 7;
/// Function words allowed inside a noun phrase ("envoy to the UN", "head of the agency").
pub const GLUE: u32 = 1 << 8;
/// Words that open an introductory phrase ending in a comma ("In a statement, ...").
pub const INTRO: u32 = 1 << 9;
/// First- and second-person pronouns: outside quotes they mark publisher boilerplate.
pub const META: u32 = 1 << 10;
/// Titles and role words that precede a personal name ("Prime Minister", "spokeswoman").
pub const TITLE: u32 = 1 << 11;
/// Words telling a speaker is a woman.
pub const FEMALE: u32 = 1 << 12;
/// Words telling a speaker is a man.
pub const MALE: u32 = 1 << 13;
/// Negations: a cue after one asserts nothing ("did not say").
pub const NEG: u32 = 1 << 14;
/// Weekdays and period nouns of time adjuncts ("on Monday", "last week").
pub const TIME: u32 = 1 << 15;
/// Plural nouns for what a source said ("claims", "accounts"): a flag sentence naming them
/// reaches back over the speaker's run of claims.
pub const PLURAL_REF: u32 = 1 << 16;
/// Words marking a body of people or an organisation rather than a person.
pub const ORG: u32 = 1 << 17;
/// Plural source nouns ("officials", "residents").
pub const GROUP: u32 = 1 << 18;
/// Particles allowed inside personal names ("al-", "bin", "van").
pub const NAME_PART: u32 = 1 << 19;
/// "there": a span holding it is a clause ("There were no immediate reports"), never a source.
pub const EXPLETIVE: u32 = 1 << 21;
/// Words that may open boilerplate or credit vocabulary: only sentences holding one are
/// searched for the phrases (keeps the common path fast).
pub const BOILER: u32 = 1 << 22;
/// Words of outlet names and outlet nouns: only spans holding one are matched against [`OUTLETS`].
pub const OUTLET: u32 = 1 << 23;
/// Words that may start or end a hedge: only sentences holding one are searched for hedges.
pub const HEDGE: u32 = 1 << 24;
/// Words that may open a passive agent or a post introducer ("were made by", "the tweet from"):
/// only tokens holding it are checked for those shapes (keeps the per-word path fast).
pub const AGENT: u32 = 1 << 25;
/// Participles that, in "were made by X", attribute a claim only when the sentence names one
/// ("Claims that ... were made by several soldiers"); a bare "was made by" is narration.
pub const MADE_VERBS: &[&str] = &["made", "raised", "voiced", "levelled", "leveled", "issued"];
/// Prepositions: a cue word right after one is a noun or a gerund ("of confirming").
pub const PREP: u32 = 1 << 20;
/// Quantifiers that may open a source after an inverted cue ("..., said one broker").
/// Not determiners: "and one said" must stay a cue.
pub const QUANT: u32 = 1 << 26;
pub const QUANT_WORDS: &[&str] = &[
    "one", "two", "three", "four", "five", "six", "several", "some", "many", "both", "another",
];

/// Nouns of "a claim X denies" appositions.
pub const CLAIM_NOUNS: &[&str] = &[
    "claim",
    "charge",
    "allegation",
    "accusation",
    "assertion",
    "suggestion",
    "report",
    "view",
    // What a source judges rather than says ("..., a measure Democrats say is unconstitutional").
    "measure",
    "move",
    "step",
    "plan",
    "policy",
    "proposal",
    "decision",
    "figure",
];

/// Plural claim nouns of "a volley of unverified declarations": a hedge on such a collection
/// describes other claims (unless what they say follows: "unconfirmed reports of shelling").
pub const CLAIM_COLLECTION_NOUNS: &[&str] = &[
    "claims",
    "declarations",
    "assertions",
    "statements",
    "reports",
    "allegations",
    "accounts",
    "rumours",
    "rumors",
];
/// Words a hard-wrapped line may stop on that cannot end a sentence: the paragraph goes on
/// on the next line ("... launched overnight by Russia, a" / "claim that ..."). No verbs: a
/// headline may end on one ("..., KCNA says").
pub const WRAP_CONTINUING_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "and", "or", "that", "in", "on", "for", "by", "with", "from",
    "at", "as", "its", "their", "his", "her",
];

/// Subordinators that may open the clause a speaker is the subject of ("Although the fighters
/// claimed ..."): not part of the speaker.
pub const SUBORDINATORS: &[&str] = &[
    "although", "though", "while", "whereas", "because", "since", "if", "as", "when", "once",
    "unless", "until",
];

/// Hedge adjectives: a claim word right after one is a noun ("unverified reports that ...").
pub const HEDGE_ADJECTIVES: &[&str] = &[
    "unverified",
    "unconfirmed",
    "unsubstantiated",
    "uncorroborated",
];
/// What introduces the content of those claims: "reports that ...", "reports of shelling".
pub const CLAIM_CONTENT_OPENERS: &[&str] = &["that", "of", "about", "saying", "suggesting"];

/// Words in -ly that are no adverbs ("family", "July").
pub const LY_NOUNS: &[&str] = &[
    "family", "ally", "rally", "assembly", "supply", "daily", "weekly", "monthly", "yearly",
    "anomaly", "monopoly", "tally", "reply", "july", "italy", "bully", "belly", "fly", "holy",
    "poly", "lily",
];

/// Words that join a second source's clause to the first: "Moscow said ..., whereas Ukraine
/// said ...", "..., but police said ...", "..., after a security firm reported ...".
pub const SECOND_SOURCE_JOINERS: &[&str] = &[
    "but", "while", "whereas", "although", "though", "after", "and", "yet",
];

/// A free relative whose source says what a thing is: "operating what the US has claimed is a
/// command node" holds the US's claim (its cue followed by one of [`FREE_RELATIVE_COPULAS`]).
pub const FREE_RELATIVE_OPENERS: &[&str] = &["what"];
pub const FREE_RELATIVE_COPULAS: &[&str] = &["is", "was", "are", "were"];

/// Verbs after which "to" + a reporting verb still asserts: "were forced to deny", "moved to
/// reassure", "went on to say", "continued to insist".
pub const ASSERTING_INFINITIVE_HEADS: &[&str] = &[
    "forced",
    "moved",
    "rushed",
    "hastened",
    "continued",
    "continues",
    "continue",
    "sought",
    "on",
    "quick",
];

/// Pronouns that head a subject with a relative clause: "those who have left", "anyone who".
pub const SUBJECT_PRONOUNS_OF_RELATIVES: &[&str] = &["those", "people", "anyone", "many", "some"];

/// Subject pronouns that stand for the speaker just quoted ("He declined to say whether ...").
pub const PERSONAL_SUBJECTS: &[&str] = &["he", "she"];

/// Prepositions inside a noun phrase ("the ministry in the capital", "the head of the agency").
pub const NP_PREPOSITIONS: &[&str] = &["of", "in", "for", "at"];

/// Verbs whose object comes before "for"/"of" ("blamed Israel for", "accused him of"): right
/// before "for"/"of" they are passive participles ("the fever blamed for the death").
pub const OBJECT_FIRST_VERBS: &[&str] = &[
    "blamed",
    "accused",
    "criticised",
    "criticized",
    "condemned",
    "praised",
    "faulted",
    "credited",
];

/// Adverbs between an auxiliary and a reporting verb that are clause words elsewhere: "the
/// minister has since said", "officials have so far confirmed", "has to date claimed". Each is
/// one or two words; "since" alone only after a perfect auxiliary (`PERFECT_AUXILIARIES`).
pub const ADVERBS_BEFORE_CUE: &[&str] = &["since", "so far", "thus far", "to date", "as yet"];

/// The auxiliaries of the perfect, after which "since" is an adverb ("has since said").
pub const PERFECT_AUXILIARIES: &[&str] = &["has", "have", "had", "having"];

/// Titles that stand before a bare surname ("Mr Lavrov", "President Biden", "Gen Smith"), unlike
/// the words that only build a title ("National", "Health", "Foreign").
pub const SURNAME_TITLES: &[&str] = &[
    "mr",
    "mrs",
    "ms",
    "miss",
    "dr",
    "prof",
    "professor",
    "president",
    "minister",
    "secretary",
    "general",
    "gen",
    "mayor",
    "governor",
    "ambassador",
    "senator",
    "sen",
    "rep",
    "judge",
    "justice",
    "chancellor",
    "king",
    "queen",
    "prince",
    "princess",
    "pope",
    "sir",
    "lord",
    "lady",
    "lt",
    "col",
    "colonel",
    "major",
    "captain",
    "sergeant",
    "admiral",
    "reverend",
    "sheikh",
    "emir",
    "ayatollah",
    "cardinal",
    "bishop",
    "archbishop",
    "rabbi",
    "imam",
    "premier",
    "congressman",
    "congresswoman",
    "councillor",
    "commander",
    "chairman",
    "chairwoman",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Perception passives before a reporting participle: "a man is heard saying", "she was seen
/// telling".
pub const PERCEPTION_PARTICIPLES: &[&str] = &["heard", "seen", "filmed", "shown"];

/// Relative pronouns: "the ministry, which said ...", "a lawsuit that claims ...": the speaker
/// is the noun phrase they stand for.
pub const RELATIVE_PRONOUNS: &[&str] = &["who", "which", "that"];

/// What a source can be cited as besides a person or body ("citing a statement", "citing
/// documents"); anything else after "citing" is a reason ("citing reduced spending").
pub const CITABLE_NOUNS: &[&str] = &[
    "sources",
    "source",
    "statement",
    "statements",
    "report",
    "reports",
    "data",
    "documents",
    "document",
    "figures",
    "records",
    "footage",
    "video",
    "letter",
    "memo",
    "survey",
    "study",
    "research",
    "estimates",
    "analysis",
    "witnesses",
    "people",
    "residents",
    "someone",
    "person",
    "unnamed",
    "anonymous",
    "intelligence",
    "information",
    "interview",
    "remarks",
    "comments",
    "filing",
    "filings",
    "testimony",
    "accounts",
    "post",
    "posts",
    "tweet",
    "message",
];

/// What a cue that asserts nothing takes as its object: "Officials have said little about
/// the cause", "the ministry said nothing of the strike".
pub const NOTHING_SAID_OBJECTS: &[&str] = &["little", "nothing"];

/// "claimed as": laying claim to a thing ("the region, which it has claimed as its base"),
/// not reporting.
pub const LAYING_CLAIM_VERBS: &[&str] = &["claim", "claims", "claimed", "claiming"];
/// What opens the thing after "claimed as" (besides a possessive): "as the base", "as part of";
/// not "as many as".
pub const CLAIMED_AS_OPENERS: &[&str] = &["the", "a", "an", "part"];

/// What "states that ..." reports after: a document or a pronoun ("The indictment states that
/// ...", "It states that ..."); after anything else "states" is the plural noun ("EU member
/// states that want to join", "the Gulf states that border Iran").
pub const STATING_SUBJECTS: &[&str] = &[
    "report",
    "statement",
    "document",
    "indictment",
    "complaint",
    "lawsuit",
    "suit",
    "filing",
    "letter",
    "memo",
    "law",
    "order",
    "ruling",
    "judgment",
    "judgement",
    "decision",
    "post",
    "website",
    "policy",
    "rule",
    "contract",
    "agreement",
    "treaty",
    "text",
    "article",
    "constitution",
    "warrant",
    "affidavit",
    "release",
    "notice",
    "study",
    "survey",
    "manifesto",
    "resolution",
    "bill",
    "it",
    "he",
    "she",
    "which",
];

/// Nouns that, as `DET NOUN from X` in a line ending in a colon, introduce an embedded post or
/// statement ("Here is the tweet from the Lib Dem leader, Ed Davey:").
pub const POST_NOUNS: &[&str] = &[
    "tweet",
    "post",
    "statement",
    "message",
    "letter",
    "video",
    "thread",
];

/// Words that follow a closing quote but never a plural possessive's noun.
pub const CLOSE_FOLLOWERS: &[&str] = &[
    "and", "or", "but", "in", "on", "at", "of", "to", "for", "from", "with", "by", "as", "that",
    "which", "who", "the", "a", "an", "he", "she", "they", "it", "we", "said", "says", "is", "was",
    "were", "are", "after", "before", "while", "when", "if", "than",
];

/// Head nouns of a person's description ("a senior official"): a back-reference to a person.
pub const PERSON_HEADS: &[&str] = &[
    "official",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "minister",
    "president",
    "mayor",
    "envoy",
    "governor",
    "source",
    "ambassador",
    "leader",
    "premier",
    "chancellor",
    "secretary",
    "commander",
    "analyst",
    "judge",
    "chief",
    "director",
    "senator",
    "lawmaker",
    "diplomat",
    "witness",
    "student",
];

/// Words that end a source named after an inverted cue ("..., said Lee, who ...", "said X,
/// adding ...", "said X during a visit").
pub const INVERTED_SPEAKER_ENDS: &[&str] = &[
    "who", "which", "that", "adding", "saying", "told", "during", "when", "while", "as", "after",
    "speaking",
];

/// Reporting participles of a passive with its agent: "It was reported by Kan that ...".
pub const PASSIVE_REPORTING_VERBS: &[&str] = &[
    "reported",
    "said",
    "claimed",
    "stated",
    "announced",
    "alleged",
];

/// What closes "cited X as ...": "cited the ministry as saying".
pub const CITED_AS_PARTICIPLES: &[&str] = &["saying", "telling", "stating", "claiming", "warning"];

/// Modals and auxiliaries a verification hedge takes in before its negation ("could not ...",
/// "was unable ...", "did not ...").
pub const HEDGE_MODALS: &[&str] = &[
    "could", "can", "would", "has", "have", "had", "was", "were", "is", "are", "did", "does", "it",
];

/// Determiners of a claim as the object of "could not confirm" ("confirm the report").
pub const CLAIM_OBJECT_DETERMINERS: &[&str] = &[
    "the", "these", "this", "those", "his", "her", "their", "its",
];

/// "If confirmed, ...", "If true, ...": a conditional that hedges the claim before it.
pub const IF_CONFIRMED_WORDS: &[&str] = &["confirmed", "verified", "true", "accurate"];

/// Words that make "not ... verified" a hedge rather than a plain negation ("could not be
/// verified", "not independently confirmed", "not able to confirm").
pub const STRONG_VERIFY_MARKERS: &[&str] =
    &["be", "been", "being", "independently", "able", "possible"];

/// "either side's claims", "neither side": a flag sentence reaching over both sides' claims.
pub const EITHER_SIDE_WORDS: &[&str] = &["side", "sides", "side's", "side’s", "sides'"];

/// Words that open a relative clause in an appositive ("X, who ...", "a Texas Democrat whose
/// district ...").
pub const RELATIVE_WORDS: &[&str] = &["which", "who", "whose", "whom", "where"];

/// Words that open a time adjunct between a speaker and its verb ("said on Monday", "last
/// week").
pub const TIME_OPENERS: &[&str] = &["on", "last", "this", "every", "earlier", "later"];

/// How a reporting verb relates to its speaker.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CueForm {
    /// A finite verb: the speaker is its subject ("X said", or inverted "said X" when `invertible`).
    Finite { invertible: bool },
    /// A participle ("saying", "adding"): the speaker is the sentence's subject.
    Participle,
    /// "according" (with a following "to").
    According,
    /// "citing X": X is the source, the sentence's subject relays it.
    Citing,
    /// "cited/quoted X as saying": X is the source.
    CitedAs,
    /// "called"/"calls" (a cue only with a following "on" or "for").
    Call,
    /// A verb of finding ("determined", "concluded"): a cue only with a following "that"
    /// ("The US has determined that ..."; not "determined to fight", "talks concluded").
    FindingThat,
    /// A verb of publishing: a cue before an object or "that" ("posted a video statement",
    /// "published a list", "posted on X that"), not in "videos posted online".
    Posting,
    /// A cue only when `word` follows within `within` words ("spoke of", "viewed X as").
    WithWord { word: &'static str, within: u8 },
    /// A cue only right after a closing quote ("“...,” the commander continues").
    AfterQuote,
}

/// A reporting verb's behaviour; `noun_like` forms ("claims", "reports") are nouns after a determiner.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Cue {
    pub form: CueForm,
    pub noun_like: bool,
}

/// Reporting verbs: (word, how it relates to its speaker, whether the same spelling is also a
/// noun after a determiner: "the claims", "her reports").
pub const CUE_WORDS: &[(&str, CueForm, bool)] = &[
    ("said", INVERTIBLE, VERB_ONLY),
    // Present-tense plural forms ("Critics allege", "Aid groups dispute").
    ("warn", FINITE, VERB_ONLY),
    ("insist", FINITE, VERB_ONLY),
    ("allege", FINITE, VERB_ONLY),
    ("deny", FINITE, VERB_ONLY),
    ("confirm", FINITE, VERB_ONLY),
    ("dispute", FINITE, NOUN_TOO),
    ("argue", FINITE, VERB_ONLY),
    ("estimate", FINITE, NOUN_TOO),
    ("accuse", FINITE, VERB_ONLY),
    ("replied", INVERTIBLE, VERB_ONLY),
    ("disclosed", FINITE, VERB_ONLY),
    ("refuted", FINITE, VERB_ONLY),
    ("stating", PARTICIPLE, VERB_ONLY),
    ("says", INVERTIBLE, VERB_ONLY),
    ("say", FINITE, VERB_ONLY),
    ("saying", PARTICIPLE, VERB_ONLY),
    ("told", FINITE, VERB_ONLY),
    ("tells", FINITE, VERB_ONLY),
    ("telling", PARTICIPLE, VERB_ONLY),
    ("added", INVERTIBLE, VERB_ONLY),
    ("adds", INVERTIBLE, VERB_ONLY),
    ("adding", PARTICIPLE, VERB_ONLY),
    ("noted", INVERTIBLE, VERB_ONLY),
    ("notes", FINITE, NOUN_TOO),
    ("noting", PARTICIPLE, VERB_ONLY),
    ("wrote", INVERTIBLE, VERB_ONLY),
    ("writes", INVERTIBLE, VERB_ONLY),
    ("writing", PARTICIPLE, VERB_ONLY),
    ("tweeted", FINITE, VERB_ONLY),
    ("stated", FINITE, VERB_ONLY),
    ("claimed", FINITE, VERB_ONLY),
    ("claims", FINITE, NOUN_TOO),
    ("claim", FINITE, NOUN_TOO),
    ("claiming", PARTICIPLE, VERB_ONLY),
    ("alleged", FINITE, VERB_ONLY),
    ("alleges", FINITE, VERB_ONLY),
    ("alleging", PARTICIPLE, VERB_ONLY),
    ("estimated", FINITE, VERB_ONLY),
    ("estimates", FINITE, NOUN_TOO),
    ("estimating", PARTICIPLE, VERB_ONLY),
    ("confirmed", FINITE, VERB_ONLY),
    ("confirms", FINITE, VERB_ONLY),
    ("confirming", PARTICIPLE, VERB_ONLY),
    ("announced", FINITE, VERB_ONLY),
    ("announces", FINITE, VERB_ONLY),
    ("announcing", PARTICIPLE, VERB_ONLY),
    ("reported", FINITE, VERB_ONLY),
    ("reports", FINITE, NOUN_TOO),
    ("reporting", PARTICIPLE, NOUN_TOO),
    ("reiterated", FINITE, VERB_ONLY),
    ("reiterates", FINITE, VERB_ONLY),
    ("reiterating", PARTICIPLE, VERB_ONLY),
    ("dismissed", FINITE, VERB_ONLY),
    ("dismisses", FINITE, VERB_ONLY),
    ("dismissing", PARTICIPLE, VERB_ONLY),
    ("warned", INVERTIBLE, VERB_ONLY),
    ("warns", INVERTIBLE, VERB_ONLY),
    ("warning", PARTICIPLE, NOUN_TOO),
    ("denied", FINITE, VERB_ONLY),
    ("denies", FINITE, VERB_ONLY),
    ("denying", PARTICIPLE, VERB_ONLY),
    ("insisted", INVERTIBLE, VERB_ONLY),
    ("insists", INVERTIBLE, VERB_ONLY),
    ("insisting", PARTICIPLE, VERB_ONLY),
    ("accused", FINITE, VERB_ONLY),
    ("accuses", FINITE, VERB_ONLY),
    ("accusing", PARTICIPLE, VERB_ONLY),
    ("urged", FINITE, VERB_ONLY),
    ("urges", FINITE, VERB_ONLY),
    ("urging", PARTICIPLE, VERB_ONLY),
    ("argued", INVERTIBLE, VERB_ONLY),
    ("argues", INVERTIBLE, VERB_ONLY),
    ("arguing", PARTICIPLE, VERB_ONLY),
    ("acknowledged", FINITE, VERB_ONLY),
    ("acknowledges", FINITE, VERB_ONLY),
    ("admitted", FINITE, VERB_ONLY),
    ("admits", FINITE, VERB_ONLY),
    ("explained", INVERTIBLE, VERB_ONLY),
    ("stressed", INVERTIBLE, VERB_ONLY),
    ("stressing", PARTICIPLE, VERB_ONLY),
    ("emphasised", FINITE, VERB_ONLY),
    ("emphasized", FINITE, VERB_ONLY),
    ("asserted", FINITE, VERB_ONLY),
    ("asserts", FINITE, VERB_ONLY),
    ("declared", FINITE, VERB_ONLY),
    ("revealed", FINITE, VERB_ONLY),
    ("predicted", FINITE, VERB_ONLY),
    ("predicts", FINITE, VERB_ONLY),
    ("blamed", FINITE, VERB_ONLY),
    ("blames", FINITE, VERB_ONLY),
    ("blaming", PARTICIPLE, VERB_ONLY),
    ("rejected", FINITE, VERB_ONLY),
    ("rejects", FINITE, VERB_ONLY),
    ("rejecting", PARTICIPLE, VERB_ONLY),
    ("disputed", FINITE, VERB_ONLY),
    ("disputes", FINITE, NOUN_TOO),
    ("described", FINITE, VERB_ONLY),
    ("describes", FINITE, VERB_ONLY),
    ("describing", PARTICIPLE, VERB_ONLY),
    ("cautioned", INVERTIBLE, VERB_ONLY),
    ("conceded", FINITE, VERB_ONLY),
    ("countered", INVERTIBLE, VERB_ONLY),
    // Stances and promises: "condemned the strikes as ...", "vowed to fight on".
    ("condemned", FINITE, VERB_ONLY),
    ("condemns", FINITE, VERB_ONLY),
    ("condemning", PARTICIPLE, VERB_ONLY),
    ("vowed", FINITE, VERB_ONLY),
    ("vows", FINITE, NOUN_TOO),
    ("vowing", PARTICIPLE, VERB_ONLY),
    ("pledged", FINITE, VERB_ONLY),
    ("pledges", FINITE, NOUN_TOO),
    ("pledging", PARTICIPLE, VERB_ONLY),
    ("tweets", FINITE, NOUN_TOO),
    ("tweeting", PARTICIPLE, VERB_ONLY),
    ("according", ACCORDING, VERB_ONLY),
    ("citing", CITING, VERB_ONLY),
    ("cited", CITED_AS, VERB_ONLY),
    ("quoted", CITED_AS, VERB_ONLY),
    ("called", CALL, VERB_ONLY),
    ("calls", CALL, NOUN_TOO),
    ("call", CALL, NOUN_TOO),
    ("calling", CALL, VERB_ONLY),
    ("determined", NEEDS_THAT, VERB_ONLY),
    ("determines", NEEDS_THAT, VERB_ONLY),
    ("ruled", NEEDS_THAT, VERB_ONLY),
    ("rules", NEEDS_THAT, NOUN_TOO),
    ("assessed", NEEDS_THAT, VERB_ONLY),
    ("assesses", NEEDS_THAT, VERB_ONLY),
    ("found", NEEDS_THAT, VERB_ONLY),
    ("concluded", NEEDS_THAT, VERB_ONLY),
    ("concludes", NEEDS_THAT, VERB_ONLY),
    // "The indictment states that ...": with "that" only ("member states" stay a noun).
    ("states", NEEDS_THAT, NOUN_TOO),
    // Documents and witnesses: "Court documents show that ...", "testified that ...".
    ("show", NEEDS_THAT, NOUN_TOO),
    ("shows", NEEDS_THAT, NOUN_TOO),
    ("showed", NEEDS_THAT, VERB_ONLY),
    ("testified", FINITE, VERB_ONLY),
    // Stances held and hints given, with "that": "have long maintained that ...".
    ("maintained", NEEDS_THAT, VERB_ONLY),
    ("maintains", NEEDS_THAT, VERB_ONLY),
    ("maintain", NEEDS_THAT, VERB_ONLY),
    ("contended", NEEDS_THAT, VERB_ONLY),
    ("contends", NEEDS_THAT, VERB_ONLY),
    ("suggested", NEEDS_THAT, VERB_ONLY),
    ("suggests", NEEDS_THAT, VERB_ONLY),
    ("indicated", NEEDS_THAT, VERB_ONLY),
    ("indicates", NEEDS_THAT, VERB_ONLY),
    ("hinted", NEEDS_THAT, VERB_ONLY),
    // Election calls: "networks projected that ...".
    ("projected", NEEDS_THAT, VERB_ONLY),
    ("projects", NEEDS_THAT, NOUN_TOO),
    ("forecast", NEEDS_THAT, NOUN_TOO),
    ("forecasts", NEEDS_THAT, NOUN_TOO),
    ("testifies", FINITE, VERB_ONLY),
    ("testifying", PARTICIPLE, VERB_ONLY),
    ("posted", POSTING, VERB_ONLY),
    ("published", POSTING, VERB_ONLY),
    ("finds", NEEDS_THAT, VERB_ONLY),
    // Cues that need a word after them: "spoke of", "viewed the vote as", "identified him as",
    // "attributed this to", "informed the court that".
    (
        "spoke",
        CueForm::WithWord {
            word: "of",
            within: 1,
        },
        VERB_ONLY,
    ),
    (
        "speaks",
        CueForm::WithWord {
            word: "of",
            within: 1,
        },
        VERB_ONLY,
    ),
    (
        "viewed",
        CueForm::WithWord {
            word: "as",
            within: 6,
        },
        VERB_ONLY,
    ),
    (
        "identified",
        CueForm::WithWord {
            word: "as",
            within: 6,
        },
        VERB_ONLY,
    ),
    (
        "attributed",
        CueForm::WithWord {
            word: "to",
            within: 5,
        },
        VERB_ONLY,
    ),
    (
        "informed",
        CueForm::WithWord {
            word: "that",
            within: 4,
        },
        VERB_ONLY,
    ),
    ("pleaded", FINITE, VERB_ONLY),
    ("pleads", FINITE, VERB_ONLY),
    // Cues only right after a quote: "“...,” the commander continues", "“...,” read a tweet".
    ("continues", AFTER_QUOTE, VERB_ONLY),
    ("continued", AFTER_QUOTE, VERB_ONLY),
    ("read", AFTER_QUOTE, VERB_ONLY),
    ("reads", AFTER_QUOTE, VERB_ONLY),
];

/// A finite verb whose speaker is its subject ("X denied ...").
const FINITE: CueForm = CueForm::Finite { invertible: false };
/// A finite verb that also takes its speaker after it ("..., said X").
const INVERTIBLE: CueForm = CueForm::Finite { invertible: true };
const PARTICIPLE: CueForm = CueForm::Participle;
const ACCORDING: CueForm = CueForm::According;
const CITING: CueForm = CueForm::Citing;
const CITED_AS: CueForm = CueForm::CitedAs;
const CALL: CueForm = CueForm::Call;
/// A verb of finding that is a cue only before "that" ("has determined that ...").
const NEEDS_THAT: CueForm = CueForm::FindingThat;
const POSTING: CueForm = CueForm::Posting;
const AFTER_QUOTE: CueForm = CueForm::AfterQuote;
/// The spelling is also a noun ("claims", "reports"): after a determiner it is no cue.
const NOUN_TOO: bool = true;
const VERB_ONLY: bool = false;

/// Single-word hedges that mark a claim unverified wherever they stand ("reportedly").
pub const HEDGE_WORDS: &[&str] = &[
    "reportedly",
    "allegedly",
    "purportedly",
    "purported",
    "unconfirmed",
    "unverified",
    "supposedly",
];

/// Participles of the impersonal passive hedge: "is said to", "is reported to", "are believed
/// to", "is thought to" (no one holds the belief).
pub const IMPERSONAL_PASSIVES: &[&str] = &[
    "said", "reported", "believed", "thought", "claimed", "alleged",
];
/// Singular nouns for what was said, as the object of "not confirmed" ("could not confirm the
/// report").
pub const VERIFIED_OBJECTS: &[&str] = &[
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
/// "without saying where it got the information": verbs of a withheld source ...
pub const WITHHOLDING_VERBS: &[&str] = &[
    "saying",
    "specifying",
    "revealing",
    "disclosing",
    "explaining",
    "identifying",
    "naming",
    "citing",
];
/// ... and what they withhold.
pub const WITHHELD_OBJECTS: &[&str] = &[
    "where", "how", "who", "its", "his", "her", "their", "the", "any", "a",
];
/// Words a no-answer sentence ends on: "declined to comment", "did not immediately respond",
/// "could not be reached", "has yet to address", "no immediate response".
pub const NO_ANSWER_WORDS: &[&str] = &[
    "comment",
    "commented",
    "comments",
    "respond",
    "responded",
    "response",
    "responses",
    "reply",
    "reached",
    "address",
    "addressed",
];
/// What a party declines to do: "declined to say whether", "refused to confirm", "declined to
/// discuss": silence only after "declined"/"refused" ("did not say how many" is a detail).
pub const DECLINED_ONLY_ANSWERS: &[&str] = &[
    "say",
    "discuss",
    "elaborate",
    "specify",
    "disclose",
    "confirm",
    "reveal",
];
/// Claim nouns of "There were claims of ...", "There have been reports that ...".
pub const EXISTENTIAL_CLAIM_NOUNS: &[&str] = &[
    "claims",
    "reports",
    "allegations",
    "rumours",
    "rumors",
    "accounts",
    "suggestions",
];
/// Words that open a no-answer phrase (besides negations): "declined to comment", "refused to
/// respond", "has yet to address".
pub const NO_ANSWER_OPENERS: &[&str] = &[
    "declined",
    "declines",
    "refused",
    "refuses",
    "yet",
    // "was unavailable for comment".
    "unavailable",
];
/// Words that may stand inside a no-answer phrase: "did not immediately respond", "no immediate
/// comment", "could not be reached", "did not return requests for comment".
pub const NO_ANSWER_FILLERS: &[&str] = &[
    "immediately",
    "immediate",
    "to",
    "be",
    "been",
    "publicly",
    "officially",
    "further",
    "any",
    "an",
    "official",
    "for",
    "requests",
    "request",
    "return",
    "returned",
    // "was not immediately available for comment".
    "available",
    // "did not return calls seeking comment", "did not return messages".
    "calls",
    "messages",
    "emails",
    "seeking",
    "a",
];
/// Words that say no answer came without a negation, after one of [`UNANSWERED_VERBS`]:
/// "Requests for comment went unanswered".
pub const SELF_NEGATING_NO_ANSWERS: &[&str] = &["unanswered"];
pub const UNANSWERED_VERBS: &[&str] = &["went", "gone", "go", "remain", "remains", "remained"];

/// Stems of verification verbs; after a negation they make a verification hedge
/// ("could not be independently verified", "was unable to confirm").
pub const VERIFY_WORDS: &[&str] = &[
    "verify",
    "verified",
    "verifiable",
    "unverifiable",
    "confirm",
    "confirmed",
    "corroborate",
    "corroborated",
    "verification",
    "confirmation",
    // "The allegations have not been substantiated", "could not be authenticated".
    "substantiate",
    "substantiated",
    "authenticate",
    "authenticated",
];
/// Negations that open a verification hedge.
pub const VERIFY_NEGATIONS: &[&str] = &[
    "not",
    "unable",
    "cannot",
    "can't",
    "couldn't",
    "impossible",
    "no",
    "never",
];
/// Words that may stand between the negation and the verification verb.
pub const VERIFY_FILLERS: &[&str] = &[
    "be",
    "been",
    "being",
    "able",
    "to",
    "independently",
    "independent",
    "immediately",
    "yet",
    "so",
    "far",
    "fully",
    "possible",
    "separately",
    "officially",
    "readily",
    "way",
    "of",
    "it",
    "was",
    "is",
    "has",
    "have",
];
/// Verbs of "... without providing evidence" / "did not provide evidence".
pub const EVIDENCE_VERBS: &[&str] = &[
    "providing",
    "offering",
    "giving",
    "presenting",
    "citing",
    "producing",
    "showing",
    "provide",
    "offer",
    "give",
    "present",
    "produce",
    "show",
    "provided",
    "offered",
    "gave",
    "presented",
    "produced",
    "showed",
    "cite",
    "cited",
];

/// Phrases (lower case, outside quotes) that mark publisher boilerplate: appeals, sign-ups, forums.
pub const BOILERPLATE_VOCAB: &[&str] = &[
    "subscri",
    "donat",
    "paywall",
    "newsletter",
    "bookmark",
    "sign up",
    "log in",
    "commenting",
    "comments section",
    "premium",
    "advertis",
    "cookie",
    "privacy policy",
    "privacy notice",
    "terms of service",
    "javascript",
    "click here",
    "read more",
    "live page",
    "live coverage",
    "contribution",
    "journalism",
    "share this",
    "download the app",
    "inbox",
    "your support",
    "support us",
    "supporting us",
    "readers",
    // Promos and page furniture: "Listen to our podcast", corrections and copyright notes.
    "podcast",
    "all rights reserved",
    "this article was amended",
    "this story has been updated",
    "developing story",
];

/// Phrases of wire credits and contributor lines ("Editing by ...", "contributed to this report").
pub const CREDIT_VOCAB: &[&str] = &[
    "reporting by",
    "editing by",
    "writing by",
    "additional reporting",
    "contributed to this report",
    "contributed reporting",
    "compiled by",
    "produced by",
];

/// Line prefixes of captions, promos and live-blog furniture that are never claims.
pub const CAPTION_PREFIXES: &[&str] = &[
    "watch:",
    "in pictures:",
    "video:",
    "photo:",
    "photos:",
    "listen:",
    "read more",
    "related:",
    "breaking:",
    "live:",
    "analysis:",
    "opinion:",
    "explainer:",
    "key events",
    "updated at",
    "sign up",
    "follow ",
    "share",
    "advertisement",
    "see also",
    "more on this story",
];

/// Credits that mark a line as a picture caption (case-sensitive, as agencies print them).
pub const PHOTO_CREDITS: &[&str] = &[
    "Photograph:",
    "Photo:",
    "Photos:",
    "Image:",
    "Illustration:",
    "Getty Images",
    "/Reuters",
    "/AFP",
    "/EPA",
    "/AP",
    "/Getty",
    "Image source",
    "Image caption",
    "Picture:",
];

/// News outlets and agencies: as a source they are also the claim's `outlet`.
pub const OUTLETS: &[&str] = &[
    "reuters",
    "ap",
    "afp",
    "associated press",
    "cnn",
    "bbc",
    "al jazeera",
    "kcna",
    "tass",
    "ria",
    "ria novosti",
    "interfax",
    "yonhap",
    "xinhua",
    "financial times",
    "new york times",
    "washington post",
    "wall street journal",
    "guardian",
    "independent",
    "bloomberg",
    "axios",
    "politico",
    "nbc",
    "cbs",
    "abc",
    "fox news",
    "sky news",
    "dpa",
    "anadolu",
    "wafa",
    "irna",
    "ukrinform",
    "kyodo",
    "nhk",
    "haaretz",
    "times of israel",
    "telegraph",
    "le monde",
    "der spiegel",
];
/// Nouns telling a source is an outlet ("the Yonhap news agency", "state media").
pub const OUTLET_NOUNS: &[&str] = &[
    "news",
    "media",
    "newspaper",
    "broadcaster",
    "television",
    "tv",
    "outlet",
    "radio",
];

/// Heads after an outlet noun that make the source a body or a person, not an outlet:
/// "Gaza's Government Media Office", "the army's media officer", "the TV regulator".
pub const NOT_OUTLET_HEADS: &[&str] = &[
    "office",
    "offices",
    "department",
    "ministry",
    "centre",
    "center",
    "unit",
    "team",
    "adviser",
    "advisor",
    "officer",
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "director",
    "chief",
    "relations",
    "regulator",
    "watchdog",
    "commission",
    "minister",
];

/// Abbreviations after which a full stop does not end a sentence.
pub const ABBREVIATIONS: &[&str] = &[
    "Mr", "Mrs", "Ms", "Dr", "Prof", "St", "Gen", "Lt", "Col", "Maj", "Capt", "Sgt", "Cpl", "Adm",
    "Rep", "Sen", "Gov", "Rev", "Hon", "Jr", "Sr", "Inc", "Ltd", "Co", "Corp", "Bros", "Mt", "Ft",
    "Jan", "Feb", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "vs", "approx",
    "Messrs", "Gens", "Supt", "Insp", "Det", "Cmdr", "Brig", "Pres", "Amb", "Vol", "Fig",
];
/// Words that, after a dotted acronym ("U.S."), show a new sentence has begun.
pub const SENTENCE_STARTERS: &[&str] = &[
    "The",
    "He",
    "She",
    "It",
    "They",
    "We",
    "But",
    "And",
    "In",
    "A",
    "An",
    "This",
    "That",
    "There",
    "I",
    "On",
    "At",
    "His",
    "Her",
    "Its",
    "Their",
    "As",
    "If",
    "Some",
    "Many",
    "Officials",
    "After",
];

/// First words of [`BOILERPLATE_VOCAB`] and [`CREDIT_VOCAB`] phrases, as whole words.
const BOILER_WORDS: &[&str] = &[
    "podcast",
    "podcasts",
    "reserved",
    "amended",
    "updated",
    "developing",
    "subscribe",
    "subscribed",
    "subscriber",
    "subscribers",
    "subscription",
    "subscriptions",
    "subscribing",
    "donate",
    "donation",
    "donations",
    "donating",
    "donor",
    "donors",
    "paywall",
    "paywalls",
    "newsletter",
    "newsletters",
    "bookmark",
    "bookmarks",
    "sign",
    "log",
    "commenting",
    "comments",
    "premium",
    "advertisement",
    "advertisements",
    "advertising",
    "advertise",
    "advertisers",
    "cookie",
    "cookies",
    "privacy",
    "terms",
    "javascript",
    "click",
    "read",
    "live",
    "contribution",
    "contributions",
    "journalism",
    "share",
    "download",
    "inbox",
    "your",
    "support",
    "supporting",
    "readers",
    "additional",
    "contributed",
];

/// Class lists: (class bits, words).
const CLASSES: &[(u32, &[&str])] = &[
    (
        AUX,
        &[
            "has",
            "have",
            "had",
            "also",
            "previously",
            "earlier",
            "later",
            "first",
            "already",
            "again",
            "repeatedly",
            "separately",
            "publicly",
            "privately",
            "recently",
            "once",
            "would",
            "will",
            "may",
            "might",
            "could",
            "should",
            "can",
            "long",
            "further",
            "subsequently",
            "then",
            "now",
            "today",
            "yesterday",
            "tonight",
            "overnight",
            "initially",
            "originally",
            "last",
            "himself",
            "herself",
            "itself",
            "themselves",
            "both",
            "all",
            "too",
            "just",
            "ever",
            "did",
            "does",
            "do",
        ],
    ),
    (
        CLAUSE,
        &[
            "that", "which", "who", "whom", "whose", "what", "when", "where", "while", "as",
            "because", "since", "if", "after", "before", "than", "but", "although", "though",
            "whether", "how", "why", "until", "unless", "whereas", "so",
        ],
    ),
    (
        DET,
        &[
            "the",
            "a",
            "an",
            "this",
            "these",
            "those",
            "some",
            "any",
            "no",
            "many",
            "several",
            "such",
            "each",
            "every",
            "another",
            "other",
            "new",
            "recent",
            "initial",
            "latest",
            "similar",
            "multiple",
            "conflicting",
            "false",
            "baseless",
            "unconfirmed",
            "two",
            "three",
            "second",
            "previous",
            "widespread",
            "numerous",
        ],
    ),
    (
        PREP,
        &[
            "of", "in", "on", "for", "by", "with", "from", "about", "against", "at", "without",
            "into", "during", "despite", "amid", "over", "under", "through", "upon", "toward",
            "towards",
        ],
    ),
    (POSS, &["his", "her", "their", "its", "our", "my", "your"]),
    (PRON, &["he", "she", "they", "it", "we", "i"]),
    (EXPLETIVE, &["there"]),
    (
        PASSIVE,
        &[
            "was", "were", "been", "being", "is", "are", "be", "am", "get", "got",
        ],
    ),
    (
        NEG,
        &[
            "not", "never", "cannot", "didn't", "doesn't", "don't", "hasn't", "haven't", "won't",
            "wouldn't", "couldn't", "neither", "nor",
        ],
    ),
    (
        LEAD,
        &[
            "but",
            "and",
            "yet",
            "so",
            "however",
            "meanwhile",
            "separately",
            "also",
            "earlier",
            "later",
            "now",
            "still",
            "then",
            "instead",
            "elsewhere",
            "moreover",
            "indeed",
            "finally",
            "overall",
        ],
    ),
    (
        GLUE,
        &[
            "of", "for", "to", "in", "at", "and", "the", "a", "an", "on", "from", "with", "de",
        ],
    ),
    (
        INTRO,
        &[
            "in",
            "on",
            "at",
            "after",
            "before",
            "during",
            "speaking",
            "asked",
            "earlier",
            "later",
            "meanwhile",
            "however",
            "elsewhere",
            "separately",
            "since",
            "following",
            "despite",
            "amid",
            "with",
            "for",
            "from",
            "by",
            "under",
            "while",
            "when",
            "as",
            "although",
            "addressing",
            "writing",
            "responding",
            "today",
            "yesterday",
            "overnight",
            "then",
            "but",
            "and",
            "also",
            "according",
            "last",
            "this",
            "instead",
            "still",
            "interviewed",
            "briefing",
        ],
    ),
    (
        META,
        &[
            "we", "us", "our", "ours", "you", "your", "yours", "we're", "we've", "we'll", "you're",
            "you'll", "you've",
        ],
    ),
    (
        TITLE,
        &[
            "mr",
            "mrs",
            "ms",
            "miss",
            "dr",
            "prof",
            "professor",
            "president",
            "prime",
            "minister",
            "secretary",
            "general",
            "gen",
            "spokesman",
            "spokeswoman",
            "spokesperson",
            "mayor",
            "governor",
            "ambassador",
            "envoy",
            "chief",
            "head",
            "commander",
            "senator",
            "sen",
            "rep",
            "representative",
            "judge",
            "justice",
            "chancellor",
            "king",
            "queen",
            "prince",
            "princess",
            "pope",
            "sir",
            "lord",
            "lady",
            "chairman",
            "chairwoman",
            "chair",
            "director",
            "leader",
            "speaker",
            "vice",
            "deputy",
            "foreign",
            "defence",
            "defense",
            "interior",
            "finance",
            "state",
            "national",
            "security",
            "adviser",
            "advisor",
            "officer",
            "lt",
            "col",
            "colonel",
            "major",
            "captain",
            "sergeant",
            "admiral",
            "reverend",
            "sheikh",
            "emir",
            "ayatollah",
            "cardinal",
            "bishop",
            "archbishop",
            "rabbi",
            "imam",
            "district",
            "attorney",
            "counsel",
            "premier",
            "congressman",
            "congresswoman",
            "councillor",
            "lawmaker",
            "legislator",
            "mp",
            "mep",
            "spokes",
            "analyst",
            "correspondent",
            "reporter",
            "editor",
            "official",
            "press",
            "house",
            "senate",
            "minority",
            "majority",
            "whip",
            "treasury",
            "health",
            "economy",
            "trade",
            "army",
            "military",
            "staff",
            "supreme",
            "high",
            "top",
            "senior",
            "former",
            "acting",
            "interim",
            "presidential",
            "federal",
            "regional",
            "local",
            "opposition",
            "party",
            "labour",
            "member",
            "founder",
            "executive",
            "ceo",
            "commissioner",
            "inspector",
            "superintendent",
            "policy",
        ],
    ),
    (
        FEMALE,
        &[
            "ms",
            "mrs",
            "miss",
            "madam",
            "spokeswoman",
            "chairwoman",
            "congresswoman",
            "businesswoman",
            "woman",
            "queen",
            "princess",
            "lady",
            "she",
            "her",
            "mother",
            "grandmother",
            "daughter",
            "wife",
        ],
    ),
    (
        MALE,
        &[
            "mr",
            "spokesman",
            "chairman",
            "congressman",
            "businessman",
            "man",
            "king",
            "prince",
            "sir",
            "lord",
            "he",
            "his",
            "him",
            "father",
            "grandfather",
            "son",
            "husband",
        ],
    ),
    (
        TIME,
        &[
            "monday",
            "tuesday",
            "wednesday",
            "thursday",
            "friday",
            "saturday",
            "sunday",
            "week",
            "month",
            "year",
            "night",
            "weekend",
            "morning",
            "evening",
            "afternoon",
        ],
    ),
    (
        PLURAL_REF,
        &[
            "claims",
            "reports",
            "allegations",
            "accounts",
            "figures",
            "statements",
            "comments",
            "remarks",
            "assertions",
            "accusations",
            "numbers",
            "assessments",
            "details",
            "estimates",
            "tolls",
        ],
    ),
    (
        ORG,
        &[
            "ministry",
            "department",
            "office",
            "forces",
            "army",
            "agency",
            "news",
            "council",
            "house",
            "service",
            "services",
            "command",
            "forum",
            "committee",
            "party",
            "union",
            "government",
            "court",
            "nations",
            "states",
            "kremlin",
            "pentagon",
            "embassy",
            "administration",
            "military",
            "police",
            "navy",
            "group",
            "company",
            "bloc",
            "alliance",
            "coalition",
            "authorities",
            "commission",
            "organisation",
            "organization",
            "institute",
            "media",
            "statement",
            "report",
            "staff",
            "centre",
            "center",
            "bank",
            "fund",
            "board",
            "authority",
            "corps",
            "guard",
            "hospital",
            "university",
            "foundation",
            "network",
            "channel",
            "newspaper",
            "broadcaster",
            "secretariat",
            "parliament",
            "cabinet",
            "presidency",
            "regime",
            "airline",
            "firm",
        ],
    ),
    (
        GROUP,
        &[
            // The parties to a conflict: "one side or the other has claimed", "its rival".
            "side",
            "sides",
            "rival",
            "rivals",
            "officials",
            "sources",
            "leaders",
            "residents",
            "analysts",
            "diplomats",
            "witnesses",
            "observers",
            "groups",
            "experts",
            "activists",
            "doctors",
            "medics",
            "people",
            "soldiers",
            "troops",
            "protesters",
            "demonstrators",
            "lawmakers",
            "senators",
            "families",
            "relatives",
            "survivors",
            "students",
            "workers",
            "bloggers",
            "monitors",
            "authorities",
            "campaigners",
            "critics",
            "investigators",
            "prosecutors",
            "lawyers",
            "ministers",
            "allies",
            "journalists",
            "voters",
            "polls",
            "figures",
            "tallies",
            "results",
            "data",
            "villagers",
        ],
    ),
    (
        NAME_PART,
        &[
            "al", "el", "bin", "ibn", "bint", "abu", "de", "da", "di", "du", "van", "von", "der",
            "la", "le", "dos", "das", "ben",
        ],
    ),
];

/// Source nouns beyond the class lists above that may head a speaker span.
const ROLE_WORDS: &[&str] = &[
    "official",
    "officials",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "spokespeople",
    "minister",
    "ministers",
    "ministry",
    "secretary",
    "president",
    "vice",
    "prime",
    "deputy",
    "foreign",
    "defence",
    "defense",
    "interior",
    "finance",
    "health",
    "state",
    "press",
    "chief",
    "head",
    "leader",
    "leaders",
    "envoy",
    "ambassador",
    "mayor",
    "governor",
    "commander",
    "general",
    "military",
    "army",
    "forces",
    "force",
    "navy",
    "police",
    "agency",
    "media",
    "news",
    "source",
    "sources",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "observer",
    "observers",
    "resident",
    "residents",
    "witness",
    "witnesses",
    "people",
    "government",
    "authorities",
    "administration",
    "council",
    "office",
    "department",
    "service",
    "services",
    "committee",
    "court",
    "judge",
    "prosecutor",
    "prosecutors",
    "lawyer",
    "lawyers",
    "group",
    "groups",
    "organisation",
    "organization",
    "diplomat",
    "diplomats",
    "intelligence",
    "senior",
    "former",
    "local",
    "regional",
    "western",
    "presidential",
    "top",
    "statement",
    "report",
    "campaign",
    "party",
    "parliament",
    "lawmaker",
    "lawmakers",
    "legislator",
    "member",
    "members",
    "representative",
    "adviser",
    "advisor",
    "aide",
    "aides",
    "staff",
    "board",
    "company",
    "firm",
    "chairman",
    "chairwoman",
    "director",
    "policy",
    "security",
    "national",
    "international",
    "humanitarian",
    "aid",
    "workers",
    "worker",
    "rescue",
    "emergency",
    "civil",
    "union",
    "bloc",
    "alliance",
    "coalition",
    "opposition",
    "activists",
    "activist",
    "monitor",
    "monitors",
    "doctors",
    "doctor",
    "medics",
    "hospital",
    "officer",
    "officers",
    "soldiers",
    "soldier",
    "troops",
    "correspondent",
    "reporter",
    "journalist",
    "editor",
    "blogger",
    "bloggers",
    "commission",
    "authority",
    "watchdog",
    "regulator",
    "families",
    "relatives",
    "survivors",
    "student",
    "students",
    "protesters",
    "demonstrators",
    "voters",
    "poll",
    "polls",
    "survey",
    "data",
    "figures",
    "tallies",
    "results",
    "statistics",
    "operator",
    "utility",
    "embassy",
    "kremlin",
    "pentagon",
    "agency's",
    "ministry's",
    "electricity",
    "power",
    "energy",
    "interim",
    "acting",
    "federal",
    "district",
    "supreme",
    "high",
    "command",
    "general's",
    "mission",
    "delegation",
    "negotiator",
    "negotiators",
    "mediator",
    "mediators",
    "team",
    "crew",
    "crews",
    "woman",
    "man",
    "rebels",
    "militants",
    "fighters",
    "insurgents",
    "army-aligned",
    "state-run",
    "state-owned",
    "russian-installed",
    "exiled",
    "military-run",
];

/// Class bits and cue of one lower-case word (0 / `None` when unknown).
#[derive(Debug, Clone, Copy, Default)]
pub struct WordInfo {
    pub class: u32,
    /// 1 + the index of the word's entry in [`CUE_WORDS`], 0 for no reporting verb: an index
    /// rather than a [`Cue`] (which holds a `&str`) keeps every token at 32 bytes, and every
    /// rule walks the tokens.
    cue_entry: u16,
}

impl WordInfo {
    /// The word's reporting-verb behaviour, if it is one.
    pub fn cue(&self) -> Option<Cue> {
        let (_, form, noun_like) = *CUE_WORDS.get(usize::from(self.cue_entry).checked_sub(1)?)?;
        Some(Cue { form, noun_like })
    }
}

/// An open-addressing table keyed by words of up to 16 bytes packed into a `u128`: one multiply
/// and a probe or two per look-up, no hashing of slices, no allocation. The few longer words
/// ("russian-installed") live in a map of their own, consulted only for long tokens.
pub struct Table {
    /// Key and entry side by side: a look-up touches one cache line, not one in each of two
    /// arrays (the table is larger than the first-level cache; this was a tenth of the
    /// tokenizer's time).
    slots: Vec<(u128, WordInfo)>,
    mask: usize,
    /// One bit per hash value ([`FILTER_BITS`]), set for every key: 2 KB that stay in the
    /// first-level cache and turn most words not in the lexicon away without a look at the
    /// slots, where each such word was a cache miss.
    filter: Vec<u64>,
    long: HashMap<Box<[u8]>, WordInfo>,
}

/// Bits of the [`Table`]'s filter: about twenty per key, so one word in twenty that is not in
/// the lexicon still looks at the slots.
const FILTER_BITS: usize = 1 << 14;

const EMPTY: u128 = 0;
const MAX_WORD: usize = 16;

/// Packs a word's ASCII bytes, lower-cased, into a `u128` (`None` if too long or not ASCII).
fn pack(bytes: &[u8]) -> Option<u128> {
    if bytes.is_empty() || bytes.len() > MAX_WORD || !bytes.is_ascii() {
        return None;
    }
    // Copied, then lower-cased whole (the zero padding stays zero): no branch per byte, and
    // no call to copy a few bytes.
    let mut key = [0u8; MAX_WORD];
    for (k, &b) in key.iter_mut().zip(bytes) {
        *k = b;
    }
    key.make_ascii_lowercase();
    Some(u128::from_le_bytes(key))
}

/// The key's hash: its slot is in bits 40 and up, its filter bit in bits 50 and up.
fn key_hash(key: u128) -> u64 {
    let folded = (key as u64) ^ ((key >> 64) as u64).rotate_left(29);
    folded.wrapping_mul(0x9E37_79B9_7F4A_7C15)
}

fn slot(key: u128, mask: usize) -> usize {
    (key_hash(key) >> 40) as usize & mask
}

/// The key's bit in the filter: its word and the bit in it.
fn filter_bit(key: u128) -> (usize, u64) {
    let bit = (key_hash(key) >> 50) as usize & (FILTER_BITS - 1);
    (bit / 64, 1 << (bit % 64))
}

impl Table {
    fn get(&self, key: u128) -> Option<WordInfo> {
        let (word, bit) = filter_bit(key);
        if self.filter[word] & bit == 0 {
            return None;
        }
        let mut i = slot(key, self.mask);
        loop {
            let (k, info) = self.slots[i];
            if k == key {
                return Some(info);
            }
            if k == EMPTY {
                return None;
            }
            i = (i + 1) & self.mask;
        }
    }

    fn entry(&mut self, word: &str) -> &mut WordInfo {
        let Some(key) = pack(word.as_bytes()) else {
            let lower: Box<[u8]> = word.to_ascii_lowercase().into_bytes().into();
            return self.long.entry(lower).or_default();
        };
        let mut i = slot(key, self.mask);
        while self.slots[i].0 != EMPTY && self.slots[i].0 != key {
            i = (i + 1) & self.mask;
        }
        self.slots[i].0 = key;
        let (word, bit) = filter_bit(key);
        self.filter[word] |= bit;
        &mut self.slots[i].1
    }
}

/// The lexicon (built once); callers looking up many words hold on to it.
pub fn table() -> &'static Table {
    static TABLE: OnceLock<Table> = OnceLock::new();
    TABLE.get_or_init(|| {
        let size = 2048;
        let mut map = Table {
            slots: vec![(EMPTY, WordInfo::default()); size],
            mask: size - 1,
            filter: vec![0; FILTER_BITS / 64],
            long: HashMap::new(),
        };
        for (bits, words) in CLASSES {
            for w in *words {
                map.entry(w).class |= bits;
            }
        }
        for w in ROLE_WORDS {
            map.entry(w).class |= ROLE;
        }
        for w in BOILER_WORDS {
            map.entry(w).class |= BOILER;
        }
        for w in QUANT_WORDS {
            map.entry(w).class |= QUANT;
        }
        for w in MADE_VERBS.iter().chain(&["from"]) {
            map.entry(w).class |= AGENT;
        }
        // Outlet gate: single-word outlets and the last word of multi-word ones, plus outlet nouns.
        for o in OUTLETS
            .iter()
            .filter_map(|o| o.split(' ').next_back())
            .chain(OUTLET_NOUNS.iter().copied())
        {
            map.entry(o).class |= OUTLET;
        }
        for w in HEDGE_WORDS
            .iter()
            .chain(VERIFY_WORDS)
            .chain(IMPERSONAL_PASSIVES)
            .chain(NO_ANSWER_WORDS)
            .chain(SELF_NEGATING_NO_ANSWERS)
            .chain(DECLINED_ONLY_ANSWERS)
            .chain(EXISTENTIAL_CLAIM_NOUNS)
            .chain(&[
                "evidence",
                "proof",
                "figures",
                "data",
                "suspected",
                "without",
            ])
            .chain(&["true", "accurate"])
        {
            map.entry(w).class |= HEDGE;
        }
        for (i, &(w, _, _)) in CUE_WORDS.iter().enumerate() {
            map.entry(w).cue_entry = u16::try_from(i + 1).expect("CUE_WORDS fits a u16 index");
        }
        map
    })
}

impl Table {
    /// Looks up a word already packed (lower-cased ASCII, little-endian, as [`pack`] does);
    /// `None` keys are never in the lexicon.
    #[inline]
    pub fn info(&self, key: Option<u128>) -> WordInfo {
        key.and_then(|k| self.get(k)).unwrap_or_default()
    }

    /// Looks up a word too long to pack (over 16 bytes; a trailing full stop ignored).
    pub fn info_long(&self, word: &[u8]) -> WordInfo {
        let word = word.strip_suffix(b".").unwrap_or(word);
        if word.len() <= MAX_WORD || self.long.is_empty() {
            return WordInfo::default();
        }
        let lower: Vec<u8> = word.to_ascii_lowercase();
        self.long.get(lower.as_slice()).copied().unwrap_or_default()
    }
}

/// Looks a word up (case-insensitively); a trailing full stop ("Sen.") is ignored.
pub fn word_info(word: &str) -> WordInfo {
    let bytes = word.as_bytes();
    let bytes = match bytes.last() {
        Some(b'.') => &bytes[..bytes.len() - 1],
        _ => bytes,
    };
    if bytes.first().is_none_or(u8::is_ascii_digit) {
        return WordInfo::default();
    }
    match pack(bytes) {
        Some(k) => table().get(k).unwrap_or_default(),
        None => table().info_long(bytes),
    }
}

/// True when `word` (trailing full stops aside: "Mr.", "Gen.") is one of [`SURNAME_TITLES`],
/// ASCII case ignored. Every one of them is in the TITLE class (a test holds it), so one
/// look-up turns most words away before the list is read: a page of 200,000 speakers read it
/// twice for each.
pub fn is_surname_title(word: &str) -> bool {
    let word = word.trim_end_matches('.');
    word_info(word).class & TITLE != 0 && is_one_of(word, SURNAME_TITLES)
}

/// True when `word` equals one of `list` ignoring ASCII case.
pub fn is_one_of(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surname_titles_are_titles() {
        for &t in SURNAME_TITLES {
            assert!(
                word_info(t).class & TITLE != 0,
                "{t} is not in the TITLE class"
            );
            let capitalised = t[..1].to_ascii_uppercase() + &t[1..];
            assert!(is_surname_title(&format!("{capitalised}.")), "{t}");
            assert!(
                is_surname_title(&format!("{}..", t.to_ascii_uppercase())),
                "{t}"
            );
        }
        assert!(!is_surname_title("Jane0"));
        assert!(
            !is_surname_title("prime"),
            "a title word, not one before a surname"
        );
    }

    #[test]
    fn classifies_words_case_insensitively() {
        assert!(word_info("Said").cue().is_some());
        assert!(word_info("the").class & DET != 0);
        assert!(word_info("Spokeswoman").class & FEMALE != 0);
        assert!(word_info("according").cue().unwrap().form == CueForm::According);
        assert_eq!(word_info("zzzz").class, 0);
        assert_eq!(word_info(&"x".repeat(40)).class, 0);
        assert!(word_info("Sen.").class & TITLE != 0);
        assert_eq!(word_info("2.5").class, 0);
    }

    /// Every list, as (name, class bit, words): what the lexicon test walks.
    fn class_lists() -> Vec<(&'static str, u32, &'static [&'static str])> {
        let mut lists: Vec<(&str, u32, &[&str])> = CLASSES
            .iter()
            .map(|&(bits, words)| ("CLASSES", bits, words))
            .collect();
        lists.extend([
            ("ROLE_WORDS", ROLE, ROLE_WORDS),
            ("BOILER_WORDS", BOILER, BOILER_WORDS),
            ("QUANT_WORDS", QUANT, QUANT_WORDS),
            ("MADE_VERBS", AGENT, MADE_VERBS),
            ("HEDGE_WORDS", HEDGE, HEDGE_WORDS),
            ("VERIFY_WORDS", HEDGE, VERIFY_WORDS),
            ("NO_ANSWER_WORDS", HEDGE, NO_ANSWER_WORDS),
            ("SELF_NEGATING_NO_ANSWERS", HEDGE, SELF_NEGATING_NO_ANSWERS),
            ("IMPERSONAL_PASSIVES", HEDGE, IMPERSONAL_PASSIVES),
            ("DECLINED_ONLY_ANSWERS", HEDGE, DECLINED_ONLY_ANSWERS),
            ("EXISTENTIAL_CLAIM_NOUNS", HEDGE, EXISTENTIAL_CLAIM_NOUNS),
        ]);
        lists
    }

    #[test]
    fn every_listed_word_is_found_whatever_its_length() {
        for (name, bits, words) in class_lists() {
            for w in words {
                assert_eq!(
                    word_info(w).class & bits,
                    bits,
                    "{name}: {w:?} is listed but not found"
                );
            }
        }
        for &(w, form, noun_like) in CUE_WORDS {
            assert_eq!(
                word_info(w).cue(),
                Some(Cue { form, noun_like }),
                "CUE_WORDS: {w:?}"
            );
        }
        // Over 16 bytes: once silently dropped from the table.
        assert!(word_info("Russian-installed").class & ROLE != 0);
        assert!("russian-installed".len() > MAX_WORD);
    }

    #[test]
    fn long_words_are_found_in_running_text() {
        use crate::extract::text::{Tok, tokenize};
        let s = "The Russian-installed governor said so.";
        let mut toks: Vec<Tok> = Vec::new();
        tokenize(s, 0..s.len(), &[], &mut toks);
        assert!(toks[1].has(ROLE), "{:?}", &s[toks[1].start..toks[1].end]);
    }

    #[test]
    fn no_conflicting_duplicates() {
        let mut cues: HashMap<String, (CueForm, bool)> = HashMap::new();
        for &(w, form, noun_like) in CUE_WORDS {
            if let Some(prev) = cues.insert(w.to_ascii_lowercase(), (form, noun_like)) {
                panic!(
                    "CUE_WORDS lists {w:?} twice: {prev:?} and {:?}",
                    (form, noun_like)
                );
            }
        }
        for (name, bits, words) in class_lists() {
            let mut seen = std::collections::HashSet::new();
            for w in words {
                assert!(
                    seen.insert(w.to_ascii_lowercase()),
                    "{name} (class {bits:#x}) lists {w:?} twice"
                );
            }
        }
        // A word cannot tell both genders.
        for (_, _, words) in class_lists() {
            for w in words {
                let c = word_info(w).class;
                assert!(
                    c & FEMALE == 0 || c & MALE == 0,
                    "{w:?} is both female and male"
                );
            }
        }
    }

    #[test]
    fn noun_like_cues_are_marked() {
        assert!(word_info("claims").cue().unwrap().noun_like);
        assert!(!word_info("claimed").cue().unwrap().noun_like);
    }
}
