//! Storing one article version and its claims, atomically.

use super::pending::{APPEARANCE_COLUMNS, PendingRows};
use super::sql::{Connection, Dialect, Param, Query, Value};
use super::{Db, Store, now_rfc3339};
use crate::args;
use crate::claim_match::{Candidate, Link, claim_text_hash, link_versions};
use crate::error::{Error, Result};
use crate::extract::{ExtractedClaim, Extraction};
use crate::model::{ReviewEvent, Status};
use crate::page_meta::{PageMeta, Post, post_at};
use std::collections::{HashMap, HashSet};

/// Articles a batch ([`Store::begin_batch`]) should hold at most: enough to write
/// each B-tree page touched once for many articles (256 ran 10% faster than 64 on
/// the benchmark), few enough that a reviewer's `mark` waits little (under 0.1 s).
pub const BATCH_ARTICLES: usize = 256;

/// SQLite's page cache while ingesting in batches, in KiB.
const BATCH_CACHE_KIB: i64 = 8 * 1024;
/// WAL pages (4 KiB) after which a batched ingest's commit checkpoints.
const BATCH_CHECKPOINT_PAGES: i64 = 4000;

/// An extraction with the hash of every claim's normalised text, which the store
/// keeps to link claims: built wherever the extraction is made (on ingest's worker
/// threads), so that the single writer does not hash every claim itself.
#[derive(Debug, Clone)]
pub struct HashedExtraction {
    pub extraction: Extraction,
    /// `claim_text_hash` of each claim, in the order of `extraction.claims`.
    hashes: Vec<i64>,
}

impl From<Extraction> for HashedExtraction {
    fn from(extraction: Extraction) -> Self {
        let hashes = extraction
            .claims
            .iter()
            .map(|c| claim_text_hash(&c.text))
            .collect();
        HashedExtraction { extraction, hashes }
    }
}

/// An article as read from its source, ready to store.
#[derive(Debug, Clone, Default)]
pub struct NewArticle<'a> {
    /// The path, URL or `--source` name; versions of one page share it.
    pub source: &'a str,
    /// Hex SHA-256 of the raw bytes.
    pub sha256: &'a str,
    /// The decoded text the extractor read.
    pub content: &'a str,
    /// What the page says about itself (HTML pages only).
    pub meta: Option<&'a PageMeta>,
    /// Where the page's live-blog posts start in `content`, in order.
    pub posts: &'a [Post],
}

/// What storing an article did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum IngestOutcome {
    /// The same bytes were stored before; nothing was added.
    Unchanged {
        article_id: i64,
        source: String,
        version: i64,
    },
    Added {
        article_id: i64,
        version: i64,
        claims: usize,
        flagged: usize,
        /// Claims carried over from earlier versions with the same text.
        kept: usize,
        /// Claims carried over from earlier versions with new wording.
        reworded: usize,
        /// Claims of the earlier versions that this version no longer has.
        removed: usize,
    },
}

/// A claim of an earlier version of the same source.
struct EarlierClaim {
    id: i64,
    text: String,
    speaker: Option<String>,
    status: Status,
    removed: bool,
    /// Added by a reviewer (`claimtrack add`), not by the extractor.
    added: bool,
}

impl Store {
    /// Whether these bytes, read from `source`, are stored already: as the
    /// source's current version, or as another source's article. Bytes equal to
    /// an *older* version of the source are not: they are stored again, as a new
    /// version that restores that version's claims (a live page that reverts).
    pub fn known_content(&self, source: &str, sha256: &str) -> Result<Option<KnownContent>> {
        known_content(self.db(), source, sha256)
    }

    /// Stores an article version and its claims atomically: either all of it lands
    /// or none. Claims that an earlier version of the same source had keep their id,
    /// status and history. Outside a batch the article is its own transaction.
    /// Inside one ([`Store::begin_batch`]) a failure rolls the whole batch back, so
    /// that no part of the article can ever be committed; the caller stores the
    /// batch's earlier articles again.
    pub fn ingest(
        &mut self,
        article: &NewArticle<'_>,
        extraction: &HashedExtraction,
    ) -> Result<IngestOutcome> {
        self.require_writable("ingest")?;
        let conn = self.db.conn();
        if conn.in_transaction() {
            // No savepoint per article: they copied every B-tree page an earlier
            // article of the batch had written, and cost a fifth of ingest's time.
            let mut writes = Writes {
                speakers: &mut self.speaker_ids,
                pending: &mut self.pending,
            };
            return ingest_in(conn, &mut writes, article, extraction).inspect_err(|_| {
                // Should ROLLBACK itself fail, `abort_batch` tries again, and
                // dropping the connection rolls back in any case.
                let _ = conn.execute_batch("ROLLBACK");
                self.speaker_ids.forget();
                self.pending.forget();
            });
        }
        let tx = conn.write()?;
        let mut writes = Writes {
            speakers: &mut self.speaker_ids,
            pending: &mut self.pending,
        };
        let outcome = ingest_in(&tx, &mut writes, article, extraction).and_then(|outcome| {
            writes.pending.write_out(&tx)?;
            super::search::index_pending(&tx)?;
            tx.commit().map(|()| outcome)
        });
        if outcome.is_err() {
            self.speaker_ids.forget();
        }
        // Ids drawn and not used are dropped with the transaction: claims keep
        // their ids in the order they were stored, whoever writes next.
        self.pending.forget();
        outcome
    }

    /// Has SQLite plan each statement once, whatever values are later bound to it
    /// (its query planner stability guarantee). Ingest looks rows up by equality on
    /// an index, a plan no value changes; without this SQLite prepared some of its
    /// lookups (`known_content`'s, the next version's) again at every new binding:
    /// 5.6% of the 50 MB ingest's writer time, and the workers' lookups alike.
    pub fn plan_once(&self) -> Result<()> {
        if let Db::Sqlite(conn) = &self.db {
            conn.set_db_config(
                rusqlite::config::DbConfig::SQLITE_DBCONFIG_ENABLE_QPSG,
                true,
            )?;
        }
        Ok(())
    }

    /// Has PostgreSQL compress the articles' texts with lz4 rather than its
    /// default pglz: compressing each text (TOAST) was 0.85 s of the 50 MB
    /// ingest's 4.8 s of server time, and lz4 does it several times faster for
    /// a little less compression. A setting of this connection only; a server
    /// without lz4 (before 14, or built without it) refuses it and keeps pglz.
    /// Call it outside any transaction, which the refusal would abort.
    pub fn compress_texts_cheaply(&self) {
        if let Db::Postgres(conn) = &self.db {
            let _ = conn.execute_batch("SET default_toast_compression = 'lz4'");
        }
    }

    /// Opens a write transaction that the following [`Store::ingest`] calls join,
    /// until [`Store::commit_batch`]. Committing articles in batches writes each
    /// B-tree's tail, and the speaker and norm_hash indexes' pages, once a batch
    /// instead of once an article (see README, Performance); every article still
    /// lands whole or not at all. Dropping the store without committing rolls the
    /// batch back.
    pub fn begin_batch(&mut self) -> Result<()> {
        self.require_writable("ingest")?;
        if let Db::Sqlite(conn) = &self.db {
            // A batch dirties about 8 MB of pages (the articles' text, the tables'
            // tails, the norm_hash index's leaves). In SQLite's default 2 MB cache
            // they were spilled to the WAL mid-batch and read back: 218,000 writes
            // and 116,000 reads for the 50 MB benchmark, against 125,000 and 44,000
            // with this fixed 8 MiB (the process's peak grows by 7 MB, whatever the
            // corpus).
            conn.pragma_update(None, "cache_size", -BATCH_CACHE_KIB)?;
            // Checkpoint every 16 MB of WAL rather than SQLite's 4 MB: a checkpoint
            // copies each page once however often the WAL holds it, and the
            // norm_hash index's leaves are in every batch. 50 MB benchmark: 162 →
            // 136 MB written to the database file, 175 → 149 MB read back.
            conn.pragma_update(None, "wal_autocheckpoint", BATCH_CHECKPOINT_PAGES)?;
        }
        self.db.conn().begin_write()
    }

    /// Names the articles (source, bytes' hash) that the following calls of
    /// [`Store::ingest`] will store, in a batch or not: on PostgreSQL the first
    /// of them looks up what the register holds of them all, in one statement
    /// rather than one an article. SQLite answers each lookup in-process.
    pub fn expect(&mut self, upcoming: &[(&str, &str)]) {
        if let Db::Postgres(_) = &self.db {
            self.pending.expect(upcoming);
        }
    }

    /// Rolls back the open batch, if one is still open: after a failed
    /// [`Store::ingest`], before storing the batch's articles again.
    pub fn abort_batch(&mut self) -> Result<()> {
        self.speaker_ids.forget();
        self.pending.forget();
        let conn = self.db.conn();
        if conn.in_transaction() {
            conn.execute_batch("ROLLBACK")?;
        }
        Ok(())
    }

    /// Brings the full-text index up to date, in a transaction of its own: a
    /// batched ingest ends with it ([`Store::commit_batch`] indexes only backlogs).
    pub fn index_pending(&mut self) -> Result<()> {
        self.require_writable("indexing")?;
        let tx = self.db.conn().write()?;
        super::search::index_pending(&tx)?;
        tx.commit()
    }

    /// Writes the rows the open batch's articles still hold back (PostgreSQL's,
    /// see [`PendingRows`]). On failure the batch is rolled back, as after a
    /// failed [`Store::ingest`]: the caller stores its articles again one by one.
    pub fn flush_batch(&mut self) -> Result<()> {
        let conn = self.db.conn();
        if !conn.in_transaction() {
            return Ok(());
        }
        self.pending.flush(conn).inspect_err(|_| {
            let _ = conn.execute_batch("ROLLBACK");
            self.speaker_ids.forget();
            self.pending.forget();
        })
    }

    /// Commits the batch [`Store::begin_batch`] opened (nothing if none is open).
    pub fn commit_batch(&mut self) -> Result<()> {
        let conn = self.db.conn();
        if conn.in_transaction() {
            self.pending
                .write_out(conn)
                .and_then(|()| {
                    super::search::index_pending_from(conn, super::search::BATCH_INDEX_BACKLOG)
                })
                .and_then(|()| conn.execute_batch("COMMIT"))
                .inspect_err(|_| self.speaker_ids.forget())?;
        }
        self.pending.forget();
        Ok(())
    }
}

/// An article that holds the same bytes as the one being ingested.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownContent {
    pub article_id: i64,
    pub source: String,
    pub version: i64,
}

fn known_content(
    conn: &dyn Connection,
    source: &str,
    sha256: &str,
) -> Result<Option<KnownContent>> {
    Ok(Holdings::of(conn, source, sha256)?.known(source, sha256))
}

/// What the register holds of a source and of some bytes, looked up in one
/// statement: a server answers each over the network, and ingest asks this of
/// every article (workers and writer alike).
#[derive(Debug)]
pub(super) struct Holdings {
    /// The source's current version: its article id, version and bytes' hash.
    current: Option<(i64, i64, String)>,
    /// Whether one of the source's versions holds the bytes.
    source_has_bytes: bool,
    /// The first article, of any source, that holds the bytes.
    first_with_bytes: Option<KnownContent>,
}

impl Holdings {
    pub(super) fn of(conn: &dyn Connection, source: &str, sha256: &str) -> Result<Holdings> {
        match conn.dialect() {
            Dialect::Sqlite => Holdings::looked_up_in_turn(conn, source, sha256),
            Dialect::Postgres => Holdings::looked_up_at_once(conn, source, sha256),
        }
    }

    /// SQLite runs in-process: each lookup only when the one before leaves the
    /// answer open, in statements of one index search each. (The statement
    /// PostgreSQL gets made SQLite's 50 MB ingest 1.52 -> 1.80 s.)
    fn looked_up_in_turn(conn: &dyn Connection, source: &str, sha256: &str) -> Result<Holdings> {
        let current: Option<(i64, i64, String)> = conn.query_opt(
            "SELECT id, version, sha256 FROM articles WHERE source = ?1 ORDER BY version DESC LIMIT 1",
            args![source],
            |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
        )?;
        let source_has_bytes = match &current {
            Some((_, _, current_sha)) if current_sha == sha256 => true,
            Some(_) => conn.query_value(
                "SELECT EXISTS (SELECT 1 FROM articles WHERE source = ?1 AND sha256 = ?2)",
                args![source, sha256],
            )?,
            None => false,
        };
        let first_with_bytes = if source_has_bytes {
            None
        } else {
            conn.query_opt(
                "SELECT id, source, version FROM articles WHERE sha256 = ?1 ORDER BY id LIMIT 1",
                args![sha256],
                |r| {
                    Ok(KnownContent {
                        article_id: r.get(0)?,
                        source: r.get(1)?,
                        version: r.get(2)?,
                    })
                },
            )?
        };
        Ok(Holdings {
            current,
            source_has_bytes,
            first_with_bytes,
        })
    }

    /// PostgreSQL's lookup, for the (source, bytes' hash) pairs of `keys`
    /// (a JSON array of pairs), one row each: what both engines' lookups answer,
    /// in one statement, for a round trip to the server. Every part is a LATERAL
    /// join with a LIMIT, which keeps the planner to an index search a pair (an
    /// EXISTS became a hash of the whole table).
    const AT_ONCE: &str = "SELECT k.source, k.sha256, cur.id, cur.version, cur.sha256,
            same.one IS NOT NULL, other.id, other.source, other.version
         FROM (SELECT (k ->> 0) COLLATE \"C\" AS source, (k ->> 1) COLLATE \"C\" AS sha256
               FROM json_array_elements(CAST(?1 AS JSON)) AS keys (k)) AS k
         LEFT JOIN LATERAL (SELECT id, version, sha256 FROM articles WHERE source = k.source
                            ORDER BY version DESC LIMIT 1) AS cur ON TRUE
         LEFT JOIN LATERAL (SELECT 1 AS one FROM articles
                            WHERE source = k.source AND sha256 = k.sha256 LIMIT 1) AS same ON TRUE
         LEFT JOIN LATERAL (SELECT id, source, version FROM articles WHERE sha256 = k.sha256
                            ORDER BY id LIMIT 1) AS other ON TRUE";

    fn looked_up_at_once(conn: &dyn Connection, source: &str, sha256: &str) -> Result<Holdings> {
        Holdings::of_all(conn, &[(source, sha256)])?
            .remove(&(source.to_string(), sha256.to_string()))
            .ok_or_else(|| Error::Invalid("no row from the articles lookup".into()))
    }

    /// On PostgreSQL, the holdings of many (source, bytes' hash) pairs at once.
    pub(super) fn of_all(
        conn: &dyn Connection,
        keys: &[(&str, &str)],
    ) -> Result<HashMap<(String, String), Holdings>> {
        let keys = serde_json::to_string(keys)
            .map_err(|err| Error::Invalid(format!("the articles lookup: {err}")))?;
        let rows = conn.query(Holdings::AT_ONCE, args![keys], |r| {
            let id: Option<i64> = r.get(2)?;
            let other: Option<i64> = r.get(6)?;
            let holdings = Holdings {
                current: match id {
                    Some(id) => Some((id, r.get(3)?, r.get(4)?)),
                    None => None,
                },
                source_has_bytes: r.get(5)?,
                first_with_bytes: match other {
                    Some(article_id) => Some(KnownContent {
                        article_id,
                        source: r.get(7)?,
                        version: r.get(8)?,
                    }),
                    None => None,
                },
            };
            Ok(((r.get(0)?, r.get(1)?), holdings))
        })?;
        Ok(rows.into_iter().collect())
    }

    /// The article that already holds these bytes: the source's current
    /// version, else another source's article. Bytes equal to an older version
    /// of the source are not known: they come back as a new version.
    fn known(self, source: &str, sha256: &str) -> Option<KnownContent> {
        match self.current {
            Some((article_id, version, current_sha)) if current_sha == sha256 => {
                Some(KnownContent {
                    article_id,
                    source: source.to_string(),
                    version,
                })
            }
            Some(_) if self.source_has_bytes => None,
            _ => self.first_with_bytes,
        }
    }

    /// The version number the source's next article gets.
    fn next_version(&self) -> i64 {
        self.current
            .as_ref()
            .map_or(1, |(_, version, _)| version + 1)
    }
}

/// Refuses an empty version (no bytes, or no text in its markup) of a source
/// whose current version has claims: a page that fails to load must not be
/// stored as a version that removes every claim.
fn refuse_emptied(tx: &dyn Connection, article: &NewArticle<'_>, claims: usize) -> Result<()> {
    if claims > 0 || !article.content.trim().is_empty() {
        return Ok(());
    }
    let current: Option<(i64, i64)> = tx.query_opt(
        "SELECT version, claim_count FROM articles WHERE source = ?1 ORDER BY version DESC LIMIT 1",
        args![article.source],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )?;
    match current {
        Some((version, had)) if had > 0 => Err(Error::Invalid(format!(
            "{}: empty (no text); not stored, as it would remove all {had} claims of version {version}",
            article.source
        ))),
        _ => Ok(()),
    }
}

/// What the writer keeps between the statements of a transaction.
struct Writes<'s> {
    speakers: &'s mut SpeakerIds,
    pending: &'s mut PendingRows,
}

fn ingest_in(
    tx: &dyn Connection,
    writes: &mut Writes<'_>,
    article: &NewArticle<'_>,
    hashed: &HashedExtraction,
) -> Result<IngestOutcome> {
    let extraction = &hashed.extraction;
    let holdings = writes
        .pending
        .holdings(tx, article.source, article.sha256)?;
    let version = holdings.next_version();
    if let Some(known) = holdings.known(article.source, article.sha256) {
        return Ok(IngestOutcome::Unchanged {
            article_id: known.article_id,
            source: known.source,
            version: known.version,
        });
    }
    refuse_emptied(tx, article, extraction.claims.len())?;
    let now = now_rfc3339();
    let flagged = extraction
        .claims
        .iter()
        .filter(|c| c.flag.is_some())
        .count();
    let meta = article.meta.cloned().unwrap_or_default();
    let (claims, flagged_count) = (extraction.claims.len() as i64, flagged as i64);
    let row = args![
        article.source,
        version,
        article.sha256,
        extraction.title,
        meta.published_at,
        now,
        claims,
        flagged_count,
        meta.canonical_url,
        meta.headline,
        meta.modified_at,
        meta.author,
        meta.publisher,
        article.content,
    ];
    let article_id = insert_article(tx, writes.pending, row)?;
    writes
        .speakers
        .prepare(tx, writes.pending, &extraction.claims)?;

    let earlier = if version > 1 {
        // Earlier versions' rows may be waiting with the batch's others, and
        // the claims carried over are updated at once, with their speakers.
        writes.pending.flush(tx)?;
        earlier_claims(tx, article.source)?
    } else {
        Vec::new()
    };
    let links = if earlier.is_empty() {
        vec![Link::New; extraction.claims.len()]
    } else {
        let old: Vec<Candidate<'_>> = earlier
            .iter()
            .map(|c| Candidate {
                text: &c.text,
                speaker: c.speaker.as_deref(),
            })
            .collect();
        let new: Vec<Candidate<'_>> = extraction
            .claims
            .iter()
            .map(|c| Candidate {
                text: &c.text,
                speaker: c.speaker.as_deref(),
            })
            .collect();
        link_versions(&old, &new)
    };

    // A plain-text page marks no posts; its heading lines open them, without times.
    let text_posts: Vec<Post>;
    let posts = if article.posts.is_empty() {
        text_posts = extraction
            .headings
            .iter()
            .map(|h| Post {
                start: h.start,
                title: Some(h.text.clone()),
                time: None,
            })
            .collect();
        &text_posts
    } else {
        article.posts
    };
    let speakers = &mut *writes.speakers;
    let mut writer = ClaimWriter::new(tx, writes.pending);
    let mut seen = vec![false; earlier.len()];
    let (mut kept, mut reworded) = (0, 0);
    for (index, (claim, link)) in extraction.claims.iter().zip(&links).enumerate() {
        let position = index as i64 + 1;
        let stored = StoredClaim {
            claim,
            hash: hashed.hashes[index],
            article_id,
            position,
            post: post_at(posts, claim.start),
        };
        let claim_id = match *link {
            Link::New => writer.store_claim(speakers, None, &stored, &now)?,
            Link::Same { old } | Link::Reworded { old, .. } => {
                seen[old] = true;
                let earlier = &earlier[old];
                writer.store_claim(speakers, Some(earlier.id), &stored, &now)?;
                super::curate::reapply_corrections(tx, speakers, earlier.id)?;
                if earlier.removed {
                    record_event(
                        tx,
                        earlier.id,
                        ReviewEvent::Restored,
                        &earlier.status,
                        Some(&format!("back in version {version}")),
                        &now,
                    )?;
                }
                if let Link::Reworded { overlap, .. } = *link {
                    reworded += 1;
                    super::curate::flag_for_recheck(tx, earlier.id, version)?;
                    let note = format!(
                        "reworded in version {version} (word overlap {overlap:.2}): was \u{201c}{}\u{201d}",
                        earlier.text
                    );
                    record_event(
                        tx,
                        earlier.id,
                        ReviewEvent::Reworded,
                        &earlier.status,
                        Some(&note),
                        &now,
                    )?;
                } else {
                    kept += 1;
                }
                earlier.id
            }
        };
        writer.insert_appearance(&stored, claim_id)?;
    }
    if !earlier.is_empty() {
        // What follows reads and updates the claims of this version.
        writes.pending.flush(tx)?;
    }

    let (mut removed, mut carried) = (0, 0);
    for (earlier, _) in earlier
        .iter()
        .zip(&seen)
        .filter(|(c, seen)| !**seen && !c.removed)
    {
        // The extractor never finds what it missed before: a reviewer's claim is
        // carried over wherever its text still stands.
        if earlier.added
            && super::add::carry_forward(
                tx,
                earlier.id,
                &earlier.text,
                article_id,
                article.content,
                &now,
            )?
        {
            kept += 1;
            carried += 1;
            continue;
        }
        tx.execute(
            "UPDATE claims SET removed_in_version = ?2, updated_at = ?3 WHERE id = ?1",
            args![earlier.id, version, now],
        )?;
        record_event(
            tx,
            earlier.id,
            ReviewEvent::Removed,
            &earlier.status,
            Some(&format!("removed in version {version}")),
            &now,
        )?;
        removed += 1;
    }

    Ok(IngestOutcome::Added {
        article_id,
        version,
        claims: extraction.claims.len() + carried,
        flagged,
        kept,
        reworded,
        removed,
    })
}

/// Inserts the article's row and its text (bound last, as ?14); returns its id.
/// On PostgreSQL both wait with the transaction's other held rows.
fn insert_article(
    tx: &dyn Connection,
    pending: &mut PendingRows,
    row: &[Param<'_>],
) -> Result<i64> {
    match tx.dialect() {
        Dialect::Sqlite => {
            let article_id = tx.insert_id(
                "INSERT INTO articles (source, version, sha256, title, published_at,
                    ingested_at, claim_count, flagged_count, canonical_url, headline,
                    modified_at, author, publisher)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)",
                &row[..13],
            )?;
            tx.execute(
                "INSERT INTO article_texts (article_id, content) VALUES (?1, ?2)",
                args![article_id, row[13]],
            )?;
            Ok(article_id)
        }
        Dialect::Postgres => pending.hold_article(tx, row),
    }
}

/// Every claim the source's earlier versions had, removed ones included (they may come back).
fn earlier_claims(tx: &dyn Connection, source: &str) -> Result<Vec<EarlierClaim>> {
    tx.query(
        // The speaker the extractor gave it (its appearance's), not a reviewer's
        // correction: versions are matched extraction to extraction.
        "SELECT c.id, c.text,
                (SELECT p.speaker FROM appearances p
                 WHERE p.article_id = c.article_id AND p.position = c.position),
                c.status, c.removed_in_version IS NOT NULL, c.created_by IS NOT NULL
         FROM claims c
         WHERE c.id IN (SELECT p.claim_id FROM articles a JOIN appearances p ON p.article_id = a.id
                        WHERE a.source = ?1)
         ORDER BY c.id",
        args![source],
        |r| {
            Ok(EarlierClaim {
                id: r.get(0)?,
                text: r.get(1)?,
                speaker: r.get(2)?,
                status: super::stored::status_at(&r, 3)?,
                removed: r.get(4)?,
                added: r.get(5)?,
            })
        },
    )
}

/// One claim of the article being stored, where it goes.
#[derive(Clone, Copy)]
struct StoredClaim<'a> {
    claim: &'a ExtractedClaim,
    hash: i64,
    article_id: i64,
    position: i64,
    /// The live-blog post the claim is in, when the page marks its posts.
    post: Option<&'a Post>,
}

impl StoredClaim<'_> {
    fn post_title(&self) -> Option<&str> {
        self.post.and_then(|p| p.title.as_deref())
    }

    fn post_time(&self) -> Option<&str> {
        self.post.and_then(|p| p.time.as_deref())
    }
}

/// Stores an article's claims and their appearances.
struct ClaimWriter<'c, 'p> {
    tx: &'c dyn Connection,
    /// On PostgreSQL, where new claims' and appearances' rows wait.
    batch: Option<&'p mut PendingRows>,
}

impl<'c, 'p> ClaimWriter<'c, 'p> {
    fn new(tx: &'c dyn Connection, pending: &'p mut PendingRows) -> Self {
        let batch = match tx.dialect() {
            // SQLite runs in-process: a statement a row is as fast as any.
            Dialect::Sqlite => None,
            Dialect::Postgres => Some(pending),
        };
        ClaimWriter { tx, batch }
    }

    /// Stores a claim as it stands in its newest version: a new row when
    /// `existing` is `None`, otherwise the carried-over claim's row gets this
    /// version's wording and position (its status, history and creation time
    /// stay). Returns the claim id. Two statements rather than one INSERT … ON
    /// CONFLICT DO UPDATE: the upsert made the 50 MB ingest benchmark ~30% slower
    /// (3.5 → 4.6 s). Both bind the same values in the same order (?1 to ?16),
    /// the update the claim's id as ?17.
    fn store_claim(
        &mut self,
        speakers: &mut SpeakerIds,
        existing: Option<i64>,
        stored: &StoredClaim<'_>,
        now: &str,
    ) -> Result<i64> {
        let StoredClaim {
            claim,
            hash,
            article_id,
            position,
            ..
        } = *stored;
        let (post_title, post_time) = (stored.post_title(), stored.post_time());
        let speaker_id = speakers.id(
            self.tx,
            claim.speaker.as_deref(),
            claim.speaker_resolved.as_deref(),
        )?;
        let id = existing.unwrap_or_default();
        let values = args![
            article_id,
            position,
            claim.text,
            hash,
            claim.start,
            claim.end,
            claim.speaker,
            claim.speaker_resolved,
            speaker_id,
            claim.outlet,
            claim.cue,
            claim.flag,
            claim.flag_evidence,
            now,
            post_title,
            post_time,
            id,
        ];
        if let (None, Some(batch)) = (existing, &mut self.batch) {
            let row = values[..13]
                .iter()
                .map(Value::from_param)
                .chain([
                    Value::from("unverified"),
                    Value::from(now),
                    Value::from(now),
                ])
                .chain(values[14..16].iter().map(Value::from_param));
            return batch.hold_claim(self.tx, row);
        }
        match existing {
            None => self.tx.insert_id(
                "INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
                    speaker, speaker_resolved, speaker_id, outlet, cue, flag, flag_evidence, status,
                    created_at, updated_at, post_title, post_time)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'unverified', ?14, ?14,
                    ?15, ?16)",
                &values[..16],
            ),
            Some(id) => {
                self.tx.execute(
                    "UPDATE claims SET article_id = ?1, position = ?2, text = ?3, norm_hash = ?4,
                        start_offset = ?5, end_offset = ?6, speaker = ?7, speaker_resolved = ?8,
                        speaker_id = ?9, outlet = ?10, cue = ?11, flag = ?12, flag_evidence = ?13,
                        removed_in_version = NULL, updated_at = ?14, post_title = ?15, post_time = ?16
                     WHERE id = ?17",
                    values,
                )?;
                Ok(id)
            }
        }
    }

    /// Records where the claim stands in this article version.
    fn insert_appearance(&mut self, stored: &StoredClaim<'_>, claim_id: i64) -> Result<()> {
        let claim = stored.claim;
        let (post_title, post_time) = (stored.post_title(), stored.post_time());
        let values = args![
            stored.article_id,
            stored.position,
            claim_id,
            claim.start,
            claim.end,
            claim.speaker,
            claim.speaker_resolved,
            claim.outlet,
            claim.cue,
            claim.flag,
            claim.flag_evidence,
            post_title,
            post_time,
        ];
        if let Some(batch) = &mut self.batch {
            return batch.hold_appearance(self.tx, values.iter().map(Value::from_param));
        }
        self.tx.execute(
            &format!(
                "INSERT INTO appearances ({APPEARANCE_COLUMNS})
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13)"
            ),
            values,
        )?;
        Ok(())
    }
}

/// The ids of the (speaker, resolved speaker) pairs the writer has looked up or
/// added, so that a claim whose pair is known does not query `speakers` again.
/// Used under the write lock only, so a pair looked up and not found cannot be
/// added by another writer meanwhile. Rows of `speakers` are never deleted, so a
/// remembered id stays right, except for one added by a transaction that is then
/// rolled back: [`SpeakerIds::forget`] must follow every rollback.
#[derive(Debug, Default)]
pub struct SpeakerIds {
    /// Keyed by [`SpeakerIds::key`] of the pair.
    known: HashMap<String, i64>,
    key: String,
}

impl SpeakerIds {
    /// The pair's id, added to `speakers` if new; `None` for an unattributed claim.
    pub fn id(
        &mut self,
        tx: &dyn Connection,
        speaker: Option<&str>,
        resolved: Option<&str>,
    ) -> Result<Option<i64>> {
        if speaker.is_none() && resolved.is_none() {
            return Ok(None);
        }
        self.set_key(speaker, resolved);
        if let Some(&id) = self.known.get(&self.key) {
            return Ok(Some(id));
        }
        let find = match tx.dialect() {
            Dialect::Sqlite => {
                "SELECT id FROM speakers WHERE speaker IS ?1 AND speaker_resolved IS ?2"
            }
            // PostgreSQL's IS takes no values, and IS NOT DISTINCT FROM no index.
            Dialect::Postgres => {
                "SELECT id FROM speakers
                 WHERE (speaker = ?1 OR (speaker IS NULL AND ?1 IS NULL))
                   AND (speaker_resolved = ?2 OR (speaker_resolved IS NULL AND ?2 IS NULL))"
            }
        };
        let stored: Option<i64> = tx.query_opt(find, args![speaker, resolved], |r| r.get(0))?;
        let id = match stored {
            Some(id) => id,
            None => tx.insert_id(
                "INSERT INTO speakers (speaker, speaker_resolved) VALUES (?1, ?2)",
                args![speaker, resolved],
            )?,
        };
        self.known.insert(self.key.clone(), id);
        Ok(Some(id))
    }

    /// On PostgreSQL, gives every (speaker, resolved speaker) pair of `claims`
    /// its id before they are stored: the pairs not met before are looked up in
    /// one statement, and the new ones' rows are held back with the article's
    /// (ids drawn from the sequence), rather than two round trips a pair. Real
    /// copy names a new speaker in almost every claim (172 pairs for the dev
    /// set's 188 claims). SQLite looks each pair up in-process ([`SpeakerIds::id`]).
    fn prepare(
        &mut self,
        tx: &dyn Connection,
        pending: &mut PendingRows,
        claims: &[ExtractedClaim],
    ) -> Result<()> {
        if tx.dialect() == Dialect::Sqlite {
            return Ok(());
        }
        let mut unknown: Vec<(Option<&str>, Option<&str>)> = Vec::new();
        // A set, not a search of `unknown`: a hostile page names 80,000 speakers.
        let mut seen = HashSet::new();
        for claim in claims {
            let pair = (claim.speaker.as_deref(), claim.speaker_resolved.as_deref());
            if pair == (None, None) || !seen.insert(pair) {
                continue;
            }
            self.set_key(pair.0, pair.1);
            if !self.known.contains_key(&self.key) {
                unknown.push(pair);
            }
        }
        if unknown.is_empty() {
            return Ok(());
        }
        for (speaker, resolved, id) in speakers_of(tx, &unknown)? {
            self.set_key(speaker.as_deref(), resolved.as_deref());
            self.known.insert(self.key.clone(), id);
        }
        for (speaker, resolved) in unknown {
            self.set_key(speaker, resolved);
            if !self.known.contains_key(&self.key) {
                let id = pending.hold_speaker(tx, speaker, resolved)?;
                self.known.insert(self.key.clone(), id);
            }
        }
        Ok(())
    }

    /// One string for the pair, without allocating per claim: which halves are
    /// present, then both, split by a character no name holds.
    fn set_key(&mut self, speaker: Option<&str>, resolved: Option<&str>) {
        self.key.clear();
        self.key.push(char::from(
            b'0' + u8::from(speaker.is_some()) * 2 + u8::from(resolved.is_some()),
        ));
        self.key.push_str(speaker.unwrap_or_default());
        self.key.push('\0');
        self.key.push_str(resolved.unwrap_or_default());
    }

    /// Forgets every remembered id: after a rollback, which may have undone some.
    pub fn forget(&mut self) {
        self.known.clear();
    }
}

/// A row of `speakers`: the speaker, the resolved speaker, the id.
type StoredSpeaker = (Option<String>, Option<String>, i64);

/// On PostgreSQL, the ids of those (speaker, resolved speaker) pairs that
/// `speakers` holds, in one statement (a JSON array of pairs; each looked up
/// through the index, as the LATERAL join with a LIMIT keeps it).
fn speakers_of(
    tx: &dyn Connection,
    pairs: &[(Option<&str>, Option<&str>)],
) -> Result<Vec<StoredSpeaker>> {
    let pairs = serde_json::to_string(pairs)
        .map_err(|err| Error::Invalid(format!("the speakers lookup: {err}")))?;
    tx.query(
        "SELECT k.speaker, k.resolved, s.id
         FROM (SELECT (k ->> 0) COLLATE \"C\" AS speaker, (k ->> 1) COLLATE \"C\" AS resolved
               FROM json_array_elements(CAST(?1 AS JSON)) AS keys (k)) AS k
         JOIN LATERAL (SELECT id FROM speakers
                       WHERE (speaker = k.speaker OR (speaker IS NULL AND k.speaker IS NULL))
                         AND (speaker_resolved = k.resolved
                              OR (speaker_resolved IS NULL AND k.resolved IS NULL))
                       ORDER BY id LIMIT 1) AS s ON TRUE",
        args![pairs],
        |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)),
    )
}

/// Appends a history row that leaves the status as it is (ingest-side events).
fn record_event(
    tx: &dyn Connection,
    claim_id: i64,
    event: ReviewEvent,
    status: &Status,
    note: Option<&str>,
    now: &str,
) -> Result<()> {
    super::history::append_review(
        tx,
        claim_id,
        event,
        status,
        status,
        Some("claimtrack"),
        note,
        now,
    )
}
