//! Grouping claim rows by the article version they were last seen in, for the
//! reports that print one section per article.

use crate::model::ClaimRecord;
use std::collections::BTreeMap;

/// The claims of each article, articles in ingest order (by id), claims in
/// article order (by position). Every group holds at least one claim.
pub fn by_article(claims: &[ClaimRecord]) -> Vec<Vec<&ClaimRecord>> {
    let mut groups: BTreeMap<i64, Vec<&ClaimRecord>> = BTreeMap::new();
    for claim in claims {
        groups.entry(claim.article_id).or_default().push(claim);
    }
    groups
        .into_values()
        .map(|mut group| {
            group.sort_by_key(|c| (c.position, c.id));
            group
        })
        .collect()
}
