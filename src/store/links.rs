//! The same claim across articles: claims of other sources with the same normalised
//! text (`claim_key`) are linked. The store finds them by `norm_hash`, the key's
//! 64-bit hash, and compares the keys themselves, so a hash collision links nothing. Counting a claim's appearances, and marking a claim
//! together with its linked ones.

use super::review::StatusChange;
use super::sql::Connection;
use super::{Store, now_rfc3339};
use crate::args;
use crate::claim_match::claim_key;
use crate::error::Result;
use crate::model::{AppearanceCount, Status};

/// A status change made by `mark_with_linked`, and why the claim was in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LinkedChange {
    pub change: StatusChange,
    /// The asked-for claim this one is linked to; `None` for an asked-for claim.
    pub linked_to: Option<i64>,
}

impl Store {
    /// Ids of the claims in other sources with the same normalised text as `id`.
    pub fn linked_claims(&self, id: i64) -> Result<Vec<i64>> {
        linked_ids(self.db(), id)
    }

    /// How many article versions, in how many sources, hold claim `id` or a claim
    /// linked to it.
    pub fn appearance_count(&self, id: i64) -> Result<AppearanceCount> {
        let mut ids = vec![id];
        ids.extend(linked_ids(self.db(), id)?);
        let mut count = AppearanceCount::default();
        let mut sources = std::collections::HashSet::new();
        for id in ids {
            self.db().for_each_row(
                "SELECT a.source FROM appearances p JOIN articles a ON a.id = p.article_id
                 WHERE p.claim_id = ?1",
                args![id],
                &mut |row| {
                    count.appearances += 1;
                    sources.insert(row.get::<String>(0)?);
                    Ok(())
                },
            )?;
        }
        count.sources = sources.len() as i64;
        Ok(count)
    }

    /// Sets `status` on every claim in `ids` and on every claim linked to them, in
    /// one transaction with one history row each. An unknown id fails the whole
    /// call: nothing is marked. A claim reached twice is marked once.
    pub fn mark_with_linked(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<LinkedChange>> {
        self.require_writable("mark")?;
        let tx = self.db.conn().write()?;
        // Collect under the write lock, so the set marked is the set linked now.
        let mut targets: Vec<(i64, Option<i64>)> = ids.iter().map(|&id| (id, None)).collect();
        for &id in ids {
            for other in linked_ids(&tx, id)? {
                targets.push((other, Some(id)));
            }
        }
        let mut seen = std::collections::HashSet::new();
        targets.retain(|(id, _)| seen.insert(*id));

        let now = now_rfc3339();
        let mut changes = Vec::with_capacity(targets.len());
        for (id, linked_to) in targets {
            let linked_note;
            let note = match (linked_to, note) {
                (Some(from), Some(note)) => {
                    linked_note = format!("{note} (marked with linked claim {from})");
                    Some(linked_note.as_str())
                }
                (Some(from), None) => {
                    linked_note = format!("marked with linked claim {from}");
                    Some(linked_note.as_str())
                }
                (None, note) => note,
            };
            let change = super::review::set_status(&tx, id, status, Some(reviewer), note, &now)?;
            changes.push(LinkedChange { change, linked_to });
        }
        tx.commit()?;
        Ok(changes)
    }
}

/// Claims of other sources with the same normalised text as claim `id` (none for
/// an unknown id: the caller's status read reports it), in id order.
fn linked_ids(conn: &dyn Connection, id: i64) -> Result<Vec<i64>> {
    let mut key = None;
    let mut ids = Vec::new();
    conn.for_each_row(
        "SELECT c.text, o.id, o.text FROM claims c
         JOIN articles ca ON ca.id = c.article_id
         JOIN claims o ON o.norm_hash = c.norm_hash AND o.id <> c.id
         JOIN articles oa ON oa.id = o.article_id AND oa.source <> ca.source
         WHERE c.id = ?1 ORDER BY o.id",
        args![id],
        &mut |row| {
            let key = match &key {
                Some(key) => key,
                None => key.insert(claim_key(&row.get::<String>(0)?)),
            };
            if claim_key(&row.get::<String>(2)?) == *key {
                ids.push(row.get(1)?);
            }
            Ok(())
        },
    )?;
    Ok(ids)
}
