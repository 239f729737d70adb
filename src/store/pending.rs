//! On PostgreSQL, what an ingest's open transaction keeps on the client to
//! spare round trips to the server: rows held back to send many to a
//! statement, and what the register holds of the articles about to be stored,
//! looked up at once.

use super::copy::{ROWS_PER_INSERT, insert_rows};
use super::ingest::Holdings;
use super::sql::{Connection, Param, Query, Value};
use crate::args;
use crate::error::{Error, Result};
use std::collections::{HashMap, HashSet};

/// On PostgreSQL, the rows of new articles (and their texts), speakers, claims
/// and appearances wait here, across the articles of a transaction, to be written
/// [`ROWS_PER_INSERT`] to a statement: a server answers each statement over the
/// network, and the client waits for each answer. A statement a claim made
/// ingest four times slower than SQLite's; two an article (its lookup, its row)
/// were still a quarter of PostgreSQL's ingest time. Whatever reads or changes
/// what they hold in the transaction writes them first ([`PendingRows::flush`],
/// [`PendingRows::holdings`]); a rollback drops them ([`PendingRows::forget`]).
#[derive(Debug, Default)]
pub struct PendingRows {
    article_ids: IdBlock,
    speaker_ids: IdBlock,
    claim_ids: IdBlock,
    articles: Vec<Value>,
    texts: Vec<Value>,
    speakers: Vec<Value>,
    /// The bytes of the texts held: a few megabytes are written at once.
    text_bytes: usize,
    /// The sources and byte hashes of the articles held, which a lookup of
    /// either must find written.
    sources: HashSet<String>,
    hashes: HashSet<String>,
    claims: Vec<Value>,
    appearances: Vec<Value>,
    /// The (source, bytes' hash) of articles about to be stored, not looked up yet.
    expected: Vec<(String, String)>,
    /// What the register held, earlier in the transaction, of the sources and
    /// byte hashes (keyed by both) of articles it was about to store.
    looked_up: HashMap<(String, String), Holdings>,
    /// The sources and byte hashes of the articles stored in the transaction,
    /// whose lookups made ahead no longer hold.
    stored_sources: HashSet<String>,
    stored_hashes: HashSet<String>,
}

/// Text bytes held before the articles are written, whatever their number.
const TEXT_BYTES_HELD: usize = 4 << 20;

/// The columns of a new article's row, in the order ingest binds them.
const ARTICLE_COLUMNS: &str = "id, source, version, sha256, title, published_at, ingested_at,
    claim_count, flagged_count, canonical_url, headline, modified_at, author, publisher";
const ARTICLE_WIDTH: usize = 14;
const SPEAKER_COLUMNS: &str = "id, speaker, speaker_resolved";
/// The columns of a new claim's row, in the order ingest binds them./
const CLAIM_COLUMNS: &str = "id, article_id, position, text, norm_hash, start_offset,
    end_offset, speaker, speaker_resolved, speaker_id, outlet, cue, flag, flag_evidence, status,
    created_at, updated_at, post_title, post_time";
const CLAIM_WIDTH: usize = 19;
pub(super) const APPEARANCE_COLUMNS: &str = "article_id, position, claim_id, start_offset,
    end_offset, speaker, speaker_resolved, outlet, cue, flag, flag_evidence, post_title, post_time";
const APPEARANCE_WIDTH: usize = 13;

impl PendingRows {
    /// Queues the (source, bytes' hash) of articles about to be stored: the
    /// next lookup looks them all up at once ([`PendingRows::holdings`]).
    pub(super) fn expect(&mut self, upcoming: &[(&str, &str)]) {
        self.expected.extend(
            upcoming
                .iter()
                .map(|&(source, sha256)| (source.to_string(), sha256.to_string())),
        );
    }

    /// What the register holds of `source` and of the bytes `sha256`: looked
    /// up with every article expected, unless an article of the transaction
    /// changed it since.
    pub(super) fn holdings(
        &mut self,
        tx: &dyn Connection,
        source: &str,
        sha256: &str,
    ) -> Result<Holdings> {
        let key = (source.to_string(), sha256.to_string());
        if !self.looked_up.contains_key(&key) && !self.expected.is_empty() {
            let keys: Vec<(&str, &str)> = self
                .expected
                .iter()
                .map(|(source, sha256)| (source.as_str(), sha256.as_str()))
                .collect();
            let found = Holdings::of_all(tx, &keys)?;
            self.looked_up.extend(found);
            self.expected.clear();
        }
        if let Some(holdings) = self.looked_up.remove(&key)
            && !self.stored_sources.contains(source)
            && !self.stored_hashes.contains(sha256)
        {
            return Ok(holdings);
        }
        if self.sources.contains(source) || self.hashes.contains(sha256) {
            self.flush(tx)?;
        }
        Holdings::of(tx, source, sha256)
    }

    /// Holds an article's row (`row`: its columns but the id, the text last);
    /// returns the id it will have.
    pub(super) fn hold_article(&mut self, tx: &dyn Connection, row: &[Param<'_>]) -> Result<i64> {
        let id = self.article_ids.next(tx, "articles")?;
        let (text, columns) = row
            .split_last()
            .ok_or_else(|| Error::Invalid("an article row without its text".into()))?;
        self.articles.push(Value::Int(id));
        self.articles.extend(columns.iter().map(Value::from_param));
        self.texts.push(Value::Int(id));
        self.texts.push(Value::from_param(text));
        if let (Param::Text(source), Param::Text(sha256)) = (&columns[0], &columns[2]) {
            for set in [&mut self.sources, &mut self.stored_sources] {
                set.insert(source.to_string());
            }
            for set in [&mut self.hashes, &mut self.stored_hashes] {
                set.insert(sha256.to_string());
            }
        }
        self.text_bytes += match text {
            Param::Text(text) => text.len(),
            _ => 0,
        };
        if self.articles.len() >= ROWS_PER_INSERT * ARTICLE_WIDTH
            || self.text_bytes >= TEXT_BYTES_HELD
        {
            self.write_articles(tx)?;
        }
        Ok(id)
    }

    /// Holds a new (speaker, resolved speaker) pair's row; returns the id it
    /// will have.
    pub(super) fn hold_speaker(
        &mut self,
        tx: &dyn Connection,
        speaker: Option<&str>,
        resolved: Option<&str>,
    ) -> Result<i64> {
        let id = self.speaker_ids.next(tx, "speakers")?;
        let text = |name: Option<&str>| name.map_or(Value::Null, Value::from);
        self.speakers
            .extend([Value::Int(id), text(speaker), text(resolved)]);
        if self.speakers.len() >= ROWS_PER_INSERT * 3 {
            insert_rows(tx, "speakers", SPEAKER_COLUMNS, 3, &mut self.speakers)?;
        }
        Ok(id)
    }

    /// Holds a new claim's row (its columns but the id, in [`CLAIM_COLUMNS`]'
    /// order); returns the id it will have.
    pub(super) fn hold_claim(
        &mut self,
        tx: &dyn Connection,
        row: impl IntoIterator<Item = Value>,
    ) -> Result<i64> {
        let id = self.claim_ids.next(tx, "claims")?;
        self.claims.push(Value::Int(id));
        self.claims.extend(row);
        if self.claims.len() >= ROWS_PER_INSERT * CLAIM_WIDTH {
            self.write_claims(tx)?;
        }
        Ok(id)
    }

    /// Holds an appearance's row, in [`APPEARANCE_COLUMNS`]' order.
    pub(super) fn hold_appearance(
        &mut self,
        tx: &dyn Connection,
        row: impl IntoIterator<Item = Value>,
    ) -> Result<()> {
        self.appearances.extend(row);
        if self.appearances.len() >= ROWS_PER_INSERT * APPEARANCE_WIDTH {
            self.flush(tx)?;
        }
        Ok(())
    }

    /// Writes every held row, each table before those that point at it.
    pub(super) fn flush(&mut self, tx: &dyn Connection) -> Result<()> {
        self.write_claims(tx)?;
        insert_rows(
            tx,
            "appearances",
            APPEARANCE_COLUMNS,
            APPEARANCE_WIDTH,
            &mut self.appearances,
        )
    }

    /// Writes the claims held, after the articles and speakers they point at.
    fn write_claims(&mut self, tx: &dyn Connection) -> Result<()> {
        self.write_articles(tx)?;
        insert_rows(tx, "speakers", SPEAKER_COLUMNS, 3, &mut self.speakers)?;
        insert_rows(tx, "claims", CLAIM_COLUMNS, CLAIM_WIDTH, &mut self.claims)
    }

    fn write_articles(&mut self, tx: &dyn Connection) -> Result<()> {
        insert_rows(
            tx,
            "articles",
            ARTICLE_COLUMNS,
            ARTICLE_WIDTH,
            &mut self.articles,
        )?;
        insert_rows(
            tx,
            "article_texts",
            "article_id, content",
            2,
            &mut self.texts,
        )?;
        self.text_bytes = 0;
        self.sources.clear();
        self.hashes.clear();
        Ok(())
    }

    /// Before a commit: writes every held row, then gives back the ids not used.
    pub(super) fn write_out(&mut self, tx: &dyn Connection) -> Result<()> {
        self.flush(tx)?;
        self.article_ids.give_back(tx, "articles")?;
        self.speaker_ids.give_back(tx, "speakers")?;
        self.claim_ids.give_back(tx, "claims")
    }

    /// Drops the held rows, the ids drawn and the lookups made: after a
    /// rollback, and after a commit (ids drawn in one transaction are not used in
    /// the next, so that ids keep the order their rows were stored in; another
    /// writer may change what a lookup found once the lock is let go). The
    /// articles looked up and not stored yet are expected still.
    pub(super) fn forget(&mut self) {
        let mut expected = std::mem::take(&mut self.expected);
        expected.extend(std::mem::take(&mut self.looked_up).into_keys());
        *self = PendingRows {
            expected,
            ..PendingRows::default()
        };
    }
}

/// Ids drawn from a table's sequence and not yet used, the next one last.
#[derive(Debug, Default)]
struct IdBlock(Vec<i64>);

/// Ids drawn from a sequence at once: a round trip per 256 new rows rather
/// than one a row. Ids left unused make gaps, which nothing minds.
const IDS_PER_DRAW: i64 = 256;

impl IdBlock {
    /// The next id for `table`, drawing more from its sequence when none is left.
    fn next(&mut self, tx: &dyn Connection, table: &str) -> Result<i64> {
        if self.0.is_empty() {
            // One nextval, then the sequence moved past the rest: a nextval an id
            // was 0.3 s of the 50 MB ingest's server time. No other writer draws
            // in between: every writer holds the write lock, as ingest does here.
            let last: i64 = tx.query_value(
                "SELECT setval(s::regclass, nextval(s::regclass) + ?2 - 1)
                 FROM pg_get_serial_sequence(?1, 'id') AS s",
                args![table, IDS_PER_DRAW],
            )?;
            self.0 = (last - IDS_PER_DRAW + 1..=last).rev().collect();
        }
        self.0
            .pop()
            .ok_or_else(|| Error::Invalid(format!("the {table} sequence gave no id")))
    }

    /// Gives the ids drawn and not used back to the sequence, before a commit:
    /// reviewers type claim ids, which stay dense as when each was drawn alone.
    /// Only when nobody drew from the sequence since (the write lock keeps other
    /// writers out) and the ids left run up to its last value.
    fn give_back(&mut self, tx: &dyn Connection, table: &str) -> Result<()> {
        let (Some(&first), Some(&last)) = (self.0.last(), self.0.first()) else {
            return Ok(());
        };
        if last - first + 1 == self.0.len() as i64 {
            tx.execute(
                "SELECT setval(s::regclass, ?2) FROM pg_get_serial_sequence(?1, 'id') AS s
                 WHERE pg_sequence_last_value(s::regclass) = ?3",
                args![table, first - 1, last],
            )?;
        }
        self.0.clear();
        Ok(())
    }
}
