//! Tags on claims, and on articles (by source: every version, and each of its
//! claims in listings, carries them).

use super::history::{ReviewRow, insert_review};
use super::sql::{Connection, Query};
use super::{Store, now_rfc3339};
use crate::args;
use crate::error::{Error, Result};
use crate::model::ReviewEvent;

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
        let tx = self.db.conn().write()?;
        let now = now_rfc3339();
        let mut changed = 0;
        for &id in ids {
            let status: String = tx
                .query_opt("SELECT status FROM claims WHERE id = ?1", args![id], |r| {
                    r.get(0)
                })?
                .ok_or(Error::UnknownClaim(id))?;
            for name in names {
                let tag = if add {
                    tag_id_or_new(&tx, name)?
                } else {
                    known_tag(&tx, name)?
                };
                let sql = if add {
                    "INSERT INTO claim_tags (claim_id, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING"
                } else {
                    "DELETE FROM claim_tags WHERE claim_id = ?1 AND tag_id = ?2"
                };
                if tx.execute(sql, args![id, tag])? == 0 {
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
        let tx = self.db.conn().write()?;
        let source: String = tx
            .query_opt(
                "SELECT source FROM articles WHERE id = ?1",
                args![article],
                |r| r.get(0),
            )?
            .ok_or(Error::UnknownArticle(article))?;
        let now = now_rfc3339();
        let mut changed = 0;
        for name in names {
            let (tag, sql) = if add {
                (
                    tag_id_or_new(&tx, name)?,
                    "INSERT INTO source_tags (source, tag_id) VALUES (?1, ?2) ON CONFLICT DO NOTHING",
                )
            } else {
                (
                    known_tag(&tx, name)?,
                    "DELETE FROM source_tags WHERE source = ?1 AND tag_id = ?2",
                )
            };
            if tx.execute(sql, args![source, tag])? == 0 {
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
        self.db().query(
            "SELECT t.name FROM claim_tags ct JOIN tags t ON t.id = ct.tag_id WHERE ct.claim_id = ?1
             UNION
             SELECT t.name FROM claims c JOIN articles a ON a.id = c.article_id
                 JOIN source_tags st ON st.source = a.source JOIN tags t ON t.id = st.tag_id
             WHERE c.id = ?1
             ORDER BY 1",
            args![id],
            |r| r.get(0),
        )
    }
}

/// Every claim any version of the source holds, with its status.
fn source_claims(tx: &dyn Connection, source: &str) -> Result<Vec<(i64, String)>> {
    tx.query(
        "SELECT c.id, c.status FROM claims c
         WHERE c.id IN (SELECT p.claim_id FROM articles a JOIN appearances p ON p.article_id = a.id
                        WHERE a.source = ?1)
         ORDER BY c.id",
        args![source],
        |r| Ok((r.get(0)?, r.get(1)?)),
    )
}

fn tag_id_or_new(tx: &dyn Connection, name: &str) -> Result<i64> {
    tx.execute(
        "INSERT INTO tags (name) VALUES (?1) ON CONFLICT DO NOTHING",
        args![name],
    )?;
    known_tag(tx, name)
}

fn known_tag(tx: &dyn Connection, name: &str) -> Result<i64> {
    tx.query_opt("SELECT id FROM tags WHERE name = ?1", args![name], |r| {
        r.get(0)
    })?
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
        conn: &dyn Connection,
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
