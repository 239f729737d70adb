//! `--search`: what a reviewer types, as a query on `claims_fts`.
//!
//! Words are matched whole (`minister` finds "Minister" and "minister's", not
//! "ministers"); a word ending in `*` is a prefix (`minist*`); text between quote
//! marks, straight or curly, is a phrase. Every word must be there. Case,
//! diacritics and quote styles are folded ([`crate::fold::fold`] here, the same
//! rules as the index's tokenizer), and nothing the reviewer types is FTS5 syntax.
//!
//! The index keeps which claims hold a word, not where (`detail = none`: a quarter
//! of the size, and ingest's indexing time halved). So the index finds the claims
//! holding every word, and a phrase (quoted, or a word with punctuation inside such
//! as "don't") is then checked on those claims' text, words in order.

use super::sql::{Connection, Dialect, Query};
use crate::args;

/// A reviewer's search: the FTS5 query and the phrases to check on its matches.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Search {
    /// Every word as a quoted FTS5 term, all required.
    pub(super) fts: String,
    /// Multi-word runs, as ` word word` (folded, one space before each word, and
    /// one after the last unless it is a prefix), to find in a column's
    /// [`words`].
    pub(super) phrases: Vec<String>,
    /// Every word alone, in the same form as a phrase (` word ` or, for a prefix,
    /// ` stem`): what a backend without the FTS5 index looks for.
    pub(super) words: Vec<String>,
}

/// The words of a text as the index sees them, folded, each with one space before
/// and after: what phrases are looked for in.
pub fn words(text: &str) -> String {
    let folded = crate::fold::fold(text);
    let mut out = String::with_capacity(folded.len() + 2);
    for word in folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        out.push(' ');
        out.push_str(word);
    }
    out.push(' ');
    out
}

/// Adds the claims above `claims_fts_state.indexed_through` to the full-text index
/// in one statement, and moves the mark to the newest claim. Every writer that adds
/// claims calls it inside its transaction, before committing: one bulk insert a
/// transaction instead of a trigger per row (see schema.sql, migration 3).
pub fn index_pending(conn: &dyn Connection) -> crate::error::Result<()> {
    index_pending_from(conn, 1)
}

/// Claims a batched ingest leaves unindexed at a commit before indexing them. A
/// batch is committed whenever the writer would wait for input, so on a fast disk
/// batches are small, and one FTS5 insert per small commit (each a new segment to
/// merge) cost 1.6 s of 5.9 s on the 50 MB benchmark. The ingest indexes the rest
/// when it ends ([`crate::store::Store::index_pending`]).
pub const BATCH_INDEX_BACKLOG: i64 = 4096;

/// [`index_pending`] when at least `backlog` claims wait for the index.
/// PostgreSQL has no FTS5 index to keep: its searches read the claims themselves.
pub fn index_pending_from(conn: &dyn Connection, backlog: i64) -> crate::error::Result<()> {
    if conn.dialect() == Dialect::Postgres {
        return Ok(());
    }
    let waiting: i64 = conn.query_value(
        "SELECT coalesce(max(id), 0) - (SELECT indexed_through FROM claims_fts_state)
         FROM claims",
        args![],
    )?;
    if waiting < backlog {
        return Ok(());
    }
    conn.execute(
        "INSERT INTO claims_fts (rowid, text, speaker, speaker_resolved, outlet, latest_note)
         SELECT id, text, speaker, speaker_resolved, outlet, latest_note FROM claims
         WHERE id > (SELECT indexed_through FROM claims_fts_state) ORDER BY id",
        args![],
    )?;
    conn.execute(
        "UPDATE claims_fts_state SET indexed_through = (SELECT coalesce(max(id), 0) FROM claims)",
        args![],
    )?;
    Ok(())
}

/// The query for a reviewer's search text, or why there is none.
pub fn search_expression(text: &str) -> Result<Search, String> {
    let folded = crate::fold::fold(text);
    let mut search = Search {
        fts: String::new(),
        phrases: Vec::new(),
        words: Vec::new(),
    };
    // Quote marks split the text: odd pieces were inside quotes (phrases).
    for (index, piece) in folded.split('"').enumerate() {
        if index % 2 == 1 {
            search.add(piece, false);
        } else {
            for word in piece.split_whitespace() {
                match word.strip_suffix('*') {
                    Some(stem) => search.add(stem, true),
                    None => search.add(word, false),
                }
            }
        }
    }
    if search.fts.is_empty() {
        return Err(format!(
            "nothing to search for in '{text}': give at least one word"
        ));
    }
    Ok(search)
}

impl Search {
    /// Adds a word or a phrase: each of its words to the FTS5 query, and the run of
    /// them as a phrase when there are several.
    fn add(&mut self, text: &str, prefix: bool) {
        let parts: Vec<&str> = text
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .collect();
        for (i, word) in parts.iter().enumerate() {
            if !self.fts.is_empty() {
                self.fts.push(' ');
            }
            let star = if prefix && i + 1 == parts.len() {
                "*"
            } else {
                ""
            };
            self.fts.push_str(&format!("\"{word}\"{star}"));
            self.words
                .push(format!(" {word}{}", if star.is_empty() { " " } else { "" }));
        }
        if parts.len() > 1 {
            let mut phrase: String = parts.iter().map(|w| format!(" {w}")).collect();
            if !prefix {
                phrase.push(' ');
            }
            self.phrases.push(phrase);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{search_expression, words};

    fn fts(text: &str) -> String {
        search_expression(text).unwrap().fts
    }

    #[test]
    fn words_phrases_and_prefixes_become_quoted_terms() {
        assert_eq!(fts("Pentagon said"), r#""pentagon" "said""#);
        assert_eq!(fts("minist*"), r#""minist"*"#);
        assert_eq!(fts("Çavuşoğlu"), r#""cavusoglu""#);
        let search = search_expression("curly “quotes here” too").unwrap();
        assert_eq!(search.fts, r#""curly" "quotes" "here" "too""#);
        assert_eq!(search.phrases, vec![" quotes here ".to_string()]);
        let search = search_expression("don’t*").unwrap();
        assert_eq!(search.fts, r#""don" "t"*"#);
        assert_eq!(search.phrases, vec![" don t".to_string()]);
    }

    #[test]
    fn fts_syntax_typed_by_a_reviewer_is_just_text() {
        assert_eq!(
            fts("NOT (a OR b) NEAR:x"),
            r#""not" "a" "or" "b" "near" "x""#
        );
        assert!(search_expression(" \" - ' ").is_err());
    }

    #[test]
    fn words_fold_and_space_a_text() {
        assert_eq!(words("“Fake news,” she SAID."), " fake news she said ");
        assert_eq!(words(""), " ");
    }
}
