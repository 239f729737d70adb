//! Tags on claims, and on articles (by source: every version, and each of its
//! claims in listings, carries them).

use super::history::{ReviewRow, insert_review};
use super::{Store, now_rfc3339};
use crate::error::{Error, Result};
use crate::model::ReviewEvent;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

impl Store {
    /// Tags claims (one transaction); a tag a claim has already records nothing.
    /// Returns how many (claim, tag) pairs were added.
    pub fn tag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize> {
        self.change_tags(ids, names, reviewer, true)
    }

    /// Takes tags off claims; a tag the register does not know is refused.
    pub fn untag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize> {
        self.change_tags(ids, names, reviewer, false)
    }

    fn change_tags(
        &mut self,
        ids: &[i64],
        names: &[String],
        reviewer: &str,
        add: bool,
    ) -> Result<usize> {
        self.require_writable(if add { "tag" } else { "untag" })?;
        let tx = self
            .db
            .sqlite_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let now = now_rfc3339();
        let mut changed = 0;
        for &id in ids {
            let status: String = tx
                .prepare_cached("SELECT status FROM claims WHERE id = ?1")?
                .query_row([id], |r| r.get(0))
                .optional()?
                .ok_or(Error::UnknownClaim(id))?;
            for name in names {
                let tag = if add {
                    tag_id_or_new(&tx, name)?
                } else {
                    known_tag(&tx, name)?
                };
                let sql = if add {
                    "INSERT OR IGNORE INTO claim_tags (claim_id, tag_id) VALUES (?1, ?2)"
                } else {
                    "DELETE FROM claim_tags WHERE claim_id = ?1 AND tag_id = ?2"
                };
                if tx.prepare_cached(sql)?.execute(params![id, tag])? == 0 {
                    continue;
                }
                let event = TagEvent {
                    name,
                    add,
                    note: None,
                };
                event.record(&tx, id, &status, reviewer, &now)?;
                changed += 1;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// Tags (or untags) the article's source: all its versions and their claims.
    /// Each claim of the article gets the history row of the change.
    pub fn tag_article(
        &mut self,
        article: i64,
        names: &[String],
        add: bool,
        reviewer: &str,
    ) -> Result<usize> {
        self.require_writable(if add { "tag" } else { "untag" })?;
        let tx = self
            .db
            .sqlite_mut()
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let source: String = tx
            .prepare_cached("SELECT source FROM articles WHERE id = ?1")?
            .query_row([article], |r| r.get(0))
            .optional()?
            .ok_or(Error::UnknownArticle(article))?;
        let now = now_rfc3339();
        let mut changed = 0;
        for name in names {
            let (tag, sql) = if add {
                (
                    tag_id_or_new(&tx, name)?,
                    "INSERT OR IGNORE INTO source_tags (source, tag_id) VALUES (?1, ?2)",
                )
            } else {
                (
                    known_tag(&tx, name)?,
                    "DELETE FROM source_tags WHERE source = ?1 AND tag_id = ?2",
                )
            };
            if tx.prepare_cached(sql)?.execute(params![source, tag])? == 0 {
                continue;
            }
            changed += 1;
            let note = format!("on article {article} ({source})");
            for (id, status) in source_claims(&tx, &source)? {
                let event = TagEvent {
                    name,
                    add,
                    note: Some(&note),
                };
                event.record(&tx, id, &status, reviewer, &now)?;
            }
        }
        tx.commit()?;
        Ok(changed)
    }

    /// A claim's tags, its own and its article's, sorted and each once.
    pub fn claim_tags(&self, id: i64) -> Result<Vec<String>> {
        let mut stmt = self.sqlite().prepare_cached(
            "SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = ?1
             UNION
             SELECT t.name FROM claims c JOIN articles a ON a.id = c.article_id
                 JOIN source_tags st ON st.source = a.source JOIN tags t ON t.id = st.tag_id
             WHERE c.id = ?1
             ORDER BY 1",
        )?;
        let rows = stmt.query_map([id], |r| r.get(0))?;
        Ok(rows.collect::<rusqlite::Result<_>>()?)
    }
}

/// Every claim any version of the source holds, with its status.
fn source_claims(tx: &Connection, source: &str) -> Result<Vec<(i64, String)>> {
    let mut stmt = tx.prepare_cached(
        "SELECT c.id, c.status FROM claims c
         WHERE c.id IN (SELECT p.claim_id FROM articles a JOIN appearances p ON p.article_id = a.id
                        WHERE a.source = ?1)
         ORDER BY c.id",
    )?;
    let rows = stmt.query_map([source], |r| Ok((r.get(0)?, r.get(1)?)))?;
    Ok(rows.collect::<rusqlite::Result<_>>()?)
}

fn tag_id_or_new(tx: &Connection, name: &str) -> Result<i64> {
    tx.prepare_cached("INSERT OR IGNORE INTO tags (name) VALUES (?1)")?
        .execute([name])?;
    known_tag(tx, name)
}

fn known_tag(tx: &Connection, name: &str) -> Result<i64> {
    tx.prepare_cached("SELECT id FROM tags WHERE name = ?1")?
        .query_row([name], |r| r.get(0))
        .optional()?
        .ok_or_else(|| Error::Invalid(format!("no tag named '{name}'")))
}

/// A tag put on or taken off a claim (directly, or through its article), as the
/// claim's history row records it.
struct TagEvent<'a> {
    name: &'a str,
    add: bool,
    /// Which article, when the tag came through it.
    note: Option<&'a str>,
}

impl TagEvent<'_> {
    fn record(
        &self,
        conn: &rusqlite::Connection,
        claim: i64,
        status: &str,
        reviewer: &str,
        now: &str,
    ) -> Result<()> {
        let event = if self.add {
            ReviewEvent::Tag
        } else {
            ReviewEvent::Untag
        };
        insert_review(
            conn,
            &ReviewRow {
                note: self.note,
                field: Some("tag"),
                old_value: (!self.add).then_some(self.name),
                new_value: self.add.then_some(self.name),
                ..ReviewRow::event(claim, event, status, reviewer, now)
            },
        )?;
        Ok(())
    }
}
