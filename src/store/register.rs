//! The store interface: every call the CLI and the ingest service make on a
//! register, written down once. The SQLite [`Store`] implements it; a second
//! backend (PostgreSQL, issue 12) implements the same trait, and everything above
//! it is written once. Object safe (no generic methods), so a caller may hold a
//! `Box<dyn Register>` chosen at run time.

use super::{
    BackupSummary, CheckReport, ClaimDetail, ClaimFilter, Correction, FieldChange,
    HashedExtraction, HistoryFilter, IngestOutcome, KnownContent, LinkedChange, NewArticle,
    NewClaim, NewStatus, StatusChange, Store,
};
use crate::error::Result;
use crate::model::{
    AppearanceCount, ArticleSummary, ClaimRecord, Review, ReviewContext, Status, StatusDef,
    StatusEvent,
};
use crate::page_meta::PageMeta;
use crate::stats::Stats;
use crate::versions::{VersionDiff, VersionSummary};
use std::collections::HashMap;
use std::path::Path;

/// A claims register: articles, their versions and claims, the review history,
/// the desk's statuses. Each write is one transaction, whole or not at all.
pub trait Register {
    // Ingest (the ingest service: the one writer and its workers' lookups).
    /// Stores an article version and its claims atomically: either all of it lands
    /// or none. Claims that an earlier version of the same source had keep their id,
    /// status and history. Outside a batch the article is its own transaction.
    /// Inside one ([`Store::begin_batch`]) a failure rolls the whole batch back, so
    /// that no part of the article can ever be committed; the caller stores the
    /// batch's earlier articles again.
    fn ingest(
        &mut self,
        article: &NewArticle<'_>,
        extraction: &HashedExtraction,
    ) -> Result<IngestOutcome>;
    /// Whether these bytes, read from `source`, are stored already: as the
    /// source's current version, or as another source's article. Bytes equal to
    /// an *older* version of the source are not: they are stored again, as a new
    /// version that restores that version's claims (a live page that reverts).
    fn known_content(&self, source: &str, sha256: &str) -> Result<Option<KnownContent>>;
    /// Opens an IMMEDIATE transaction that the following [`Store::ingest`] calls join,
    /// until [`Store::commit_batch`]. Committing articles in batches writes each
    /// B-tree's tail, and the speaker and norm_hash indexes' pages, once a batch
    /// instead of once an article (see README, Performance); every article still
    /// lands whole or not at all. Dropping the store without committing rolls the
    /// batch back.
    fn begin_batch(&mut self) -> Result<()>;
    /// Commits the batch [`Store::begin_batch`] opened (nothing if none is open).
    fn commit_batch(&mut self) -> Result<()>;
    /// Brings the full-text index up to date: a batched ingest ends with it.
    fn index_pending(&mut self) -> Result<()>;
    /// Rolls back the open batch, if one is still open: after a failed
    /// [`Store::ingest`], before storing the batch's articles again.
    fn abort_batch(&mut self) -> Result<()>;

    // Reading the register.
    /// All claims the filter lets through (for small listings; exports stream instead).
    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>>;
    /// Calls `each` with every claim the filter lets through, in register order,
    /// one row at a time so that exports of any size run in flat memory.
    fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ClaimRecord) -> Result<()>,
    ) -> Result<()>;
    /// One claim by id, or `None`.
    fn claim(&self, id: i64) -> Result<Option<ClaimRecord>>;
    /// A claim with its article text, history, appearances and linked claims.
    fn claim_detail(&self, id: i64) -> Result<ClaimDetail>;
    /// Every article version with its claim counts by status (dismissed claims left out).
    fn articles(&self) -> Result<Vec<ArticleSummary>>;
    /// Review events, newest first: of one claim, or of all claims.
    fn history(&self, claim: Option<i64>, limit: Option<u64>) -> Result<Vec<Review>>;
    /// Review events, newest first, of the claims `filter.claims` lets through (its
    /// `since` is left out: `filter.since` dates the events), by one reviewer.
    fn history_of(&self, filter: &HistoryFilter) -> Result<Vec<Review>>;
    /// How many article versions, in how many sources, hold claim `id` or a claim
    /// linked to it.
    fn appearance_count(&self, id: i64) -> Result<AppearanceCount>;
    /// Ids of the claims in other sources with the same normalised text as `id`.
    fn linked_claims(&self, id: i64) -> Result<Vec<i64>>;
    /// What each of these article versions' pages said about themselves (only
    /// those that said something), for the reports.
    fn page_meta(&self, article_ids: &[i64]) -> Result<HashMap<i64, PageMeta>>;
    /// The review date and appearances of one claim, for ClaimReview.
    fn review_context(&self, claim_id: i64) -> Result<ReviewContext>;
    /// Statistics over the claims the filter lets through, plus the review
    /// activity on those claims (`mark` and `note` events; with `since`, only
    /// events from then on). `top` cuts the "top" lists.
    fn stats(&self, filter: &ClaimFilter, top: usize) -> Result<Stats>;

    // Versions of a source.
    /// Every version of `source`, oldest first, with its changes against the one before.
    fn versions(&self, source: &str) -> Result<Vec<VersionSummary>>;
    /// The newest version of the article `article` is a version of: its id and text.
    fn newest_version(&self, article: i64) -> Result<(i64, String)>;
    /// What changed from version `from` to version `to` of `source`. Without them:
    /// the last two versions; with only `from`: from it to the last; with only `to`:
    /// from the version before it.
    fn diff(&self, source: &str, from: Option<i64>, to: Option<i64>) -> Result<VersionDiff>;
    /// The source that `key` names: a source as stored, else an article id's source.
    fn resolve_source(&self, key: &str) -> Result<String>;

    // The register's statuses.
    /// Every status, in listing order, with its claim count.
    fn statuses(&self) -> Result<Vec<StatusDef>>;
    /// The statuses' names, in listing order.
    fn status_names(&self) -> Result<Vec<Status>>;

    // The register itself.
    /// Runs `PRAGMA integrity_check` and every invariant; reads only.
    fn check(&self) -> Result<CheckReport>;
    /// Copies the database to `dest`, which must not exist yet. The copy is written
    /// beside `dest` under a temporary name, checked with `PRAGMA quick_check`, and
    /// only then renamed into place: a failed backup leaves no file under `dest`.
    fn backup_to(&self, dest: &Path) -> Result<BackupSummary>;
    /// The file this store was opened from.
    fn path(&self) -> &Path;
    /// The database user, on PostgreSQL: the reviewer's name when none is given.
    fn database_user(&self) -> Option<String>;

    // Review: each write one transaction with its history rows.
    /// Sets the status of every claim in `ids` in one transaction, appending one
    /// history row per claim. An unknown id fails the whole call: nothing is marked.
    fn mark(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<StatusChange>>;
    /// Sets `status` on every claim in `ids` and on every claim linked to them, in
    /// one transaction with one history row each. An unknown id fails the whole
    /// call: nothing is marked. A claim reached twice is marked once.
    fn mark_with_linked(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<LinkedChange>>;
    /// Adds a note to a claim's history without changing its status.
    fn note(&mut self, id: i64, note: &str, reviewer: &str) -> Result<Status>;

    // Curation.
    /// Corrects fields of a claim's extraction. Unchanged fields record nothing;
    /// every changed one gets an `edit` history row with its old and new value,
    /// and is kept when later versions of the article are stored.
    fn edit(
        &mut self,
        id: i64,
        corrections: &[Correction],
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<FieldChange>>;
    /// Adds the claim; returns its id. Refused when the article has a newer version
    /// than the one the offsets point into, or a claim overlaps them.
    fn add_claim(&mut self, claim: &NewClaim, reviewer: &str) -> Result<i64>;
    /// Sets claims aside as not claims (one transaction): they leave every
    /// listing, count and report until [`Store::undismiss`].
    fn dismiss(&mut self, ids: &[i64], reason: &str, reviewer: &str) -> Result<()>;
    /// Takes dismissals back.
    fn undismiss(&mut self, ids: &[i64], reviewer: &str) -> Result<()>;
    /// Gives claims to `assignee` (`None`: to nobody). A claim already given to
    /// them records nothing.
    fn assign(&mut self, ids: &[i64], assignee: Option<&str>, reviewer: &str) -> Result<()>;
    /// Tags claims (one transaction); a tag a claim has already records nothing.
    /// Returns how many (claim, tag) pairs were added.
    fn tag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize>;
    /// Takes tags off claims; a tag the register does not know is refused.
    fn untag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize>;
    /// Tags (or untags) the article's source: all its versions and their claims.
    /// Each claim of the article gets the history row of the change.
    fn tag_article(
        &mut self,
        article: i64,
        names: &[String],
        add: bool,
        reviewer: &str,
    ) -> Result<usize>;
    /// Publishes the claim's verdict (its status, which must be final) with the
    /// explanation readers see, and locks the claim until [`Store::reopen`].
    fn publish(
        &mut self,
        id: i64,
        explanation: &str,
        summary: Option<&str>,
        reviewer: &str,
    ) -> Result<String>;
    /// Unlocks a published claim; its verdict is no longer published.
    fn reopen(&mut self, id: i64, reason: &str, reviewer: &str) -> Result<()>;

    // Managing the statuses.
    fn add_status(&mut self, status: &NewStatus<'_>, reviewer: &str) -> Result<()>;
    /// Renames a status: the claims that have it follow (each with a history row
    /// saying so); earlier history keeps the name it was written with.
    fn rename_status(&mut self, old: &str, new: &str, reviewer: &str) -> Result<usize>;
    /// Retires a status: no new marks with it; claims that have it keep it.
    fn retire_status(&mut self, name: &str, reviewer: &str) -> Result<()>;
    /// Deletes a status no claim and no history row has ever used.
    fn delete_status(&mut self, name: &str, reviewer: &str) -> Result<()>;
    /// Every change to the statuses, newest first.
    fn status_events(&self) -> Result<Vec<StatusEvent>>;
}

/// The SQLite register: each method is the store's own.
impl Register for Store {
    fn ingest(
        &mut self,
        article: &NewArticle<'_>,
        extraction: &HashedExtraction,
    ) -> Result<IngestOutcome> {
        Store::ingest(self, article, extraction)
    }

    fn known_content(&self, source: &str, sha256: &str) -> Result<Option<KnownContent>> {
        Store::known_content(self, source, sha256)
    }

    fn begin_batch(&mut self) -> Result<()> {
        Store::begin_batch(self)
    }

    fn commit_batch(&mut self) -> Result<()> {
        Store::commit_batch(self)
    }

    fn index_pending(&mut self) -> Result<()> {
        Store::index_pending(self)
    }

    fn abort_batch(&mut self) -> Result<()> {
        Store::abort_batch(self)
    }

    fn claims(&self, filter: &ClaimFilter) -> Result<Vec<ClaimRecord>> {
        Store::claims(self, filter)
    }

    fn for_each_claim(
        &self,
        filter: &ClaimFilter,
        each: &mut dyn FnMut(ClaimRecord) -> Result<()>,
    ) -> Result<()> {
        Store::for_each_claim(self, filter, each)
    }

    fn claim(&self, id: i64) -> Result<Option<ClaimRecord>> {
        Store::claim(self, id)
    }

    fn claim_detail(&self, id: i64) -> Result<ClaimDetail> {
        Store::claim_detail(self, id)
    }

    fn articles(&self) -> Result<Vec<ArticleSummary>> {
        Store::articles(self)
    }

    fn history(&self, claim: Option<i64>, limit: Option<u64>) -> Result<Vec<Review>> {
        Store::history(self, claim, limit)
    }

    fn history_of(&self, filter: &HistoryFilter) -> Result<Vec<Review>> {
        Store::history_of(self, filter)
    }

    fn appearance_count(&self, id: i64) -> Result<AppearanceCount> {
        Store::appearance_count(self, id)
    }

    fn linked_claims(&self, id: i64) -> Result<Vec<i64>> {
        Store::linked_claims(self, id)
    }

    fn page_meta(&self, article_ids: &[i64]) -> Result<HashMap<i64, PageMeta>> {
        Store::page_meta(self, article_ids)
    }

    fn review_context(&self, claim_id: i64) -> Result<ReviewContext> {
        Store::review_context(self, claim_id)
    }

    fn stats(&self, filter: &ClaimFilter, top: usize) -> Result<Stats> {
        Store::stats(self, filter, top)
    }

    fn versions(&self, source: &str) -> Result<Vec<VersionSummary>> {
        Store::versions(self, source)
    }

    fn newest_version(&self, article: i64) -> Result<(i64, String)> {
        Store::newest_version(self, article)
    }

    fn diff(&self, source: &str, from: Option<i64>, to: Option<i64>) -> Result<VersionDiff> {
        Store::diff(self, source, from, to)
    }

    fn resolve_source(&self, key: &str) -> Result<String> {
        Store::resolve_source(self, key)
    }

    fn statuses(&self) -> Result<Vec<StatusDef>> {
        Store::statuses(self)
    }

    fn status_names(&self) -> Result<Vec<Status>> {
        Store::status_names(self)
    }

    fn check(&self) -> Result<CheckReport> {
        Store::check(self)
    }

    fn backup_to(&self, dest: &Path) -> Result<BackupSummary> {
        Store::backup_to(self, dest)
    }

    fn path(&self) -> &Path {
        Store::path(self)
    }

    fn database_user(&self) -> Option<String> {
        Store::database_user(self)
    }

    fn mark(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<StatusChange>> {
        Store::mark(self, ids, status, note, reviewer)
    }

    fn mark_with_linked(
        &mut self,
        ids: &[i64],
        status: &Status,
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<LinkedChange>> {
        Store::mark_with_linked(self, ids, status, note, reviewer)
    }

    fn note(&mut self, id: i64, note: &str, reviewer: &str) -> Result<Status> {
        Store::note(self, id, note, reviewer)
    }

    fn edit(
        &mut self,
        id: i64,
        corrections: &[Correction],
        note: Option<&str>,
        reviewer: &str,
    ) -> Result<Vec<FieldChange>> {
        Store::edit(self, id, corrections, note, reviewer)
    }

    fn add_claim(&mut self, claim: &NewClaim, reviewer: &str) -> Result<i64> {
        Store::add_claim(self, claim, reviewer)
    }

    fn dismiss(&mut self, ids: &[i64], reason: &str, reviewer: &str) -> Result<()> {
        Store::dismiss(self, ids, reason, reviewer)
    }

    fn undismiss(&mut self, ids: &[i64], reviewer: &str) -> Result<()> {
        Store::undismiss(self, ids, reviewer)
    }

    fn assign(&mut self, ids: &[i64], assignee: Option<&str>, reviewer: &str) -> Result<()> {
        Store::assign(self, ids, assignee, reviewer)
    }

    fn tag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize> {
        Store::tag_claims(self, ids, names, reviewer)
    }

    fn untag_claims(&mut self, ids: &[i64], names: &[String], reviewer: &str) -> Result<usize> {
        Store::untag_claims(self, ids, names, reviewer)
    }

    fn tag_article(
        &mut self,
        article: i64,
        names: &[String],
        add: bool,
        reviewer: &str,
    ) -> Result<usize> {
        Store::tag_article(self, article, names, add, reviewer)
    }

    fn publish(
        &mut self,
        id: i64,
        explanation: &str,
        summary: Option<&str>,
        reviewer: &str,
    ) -> Result<String> {
        Store::publish(self, id, explanation, summary, reviewer)
    }

    fn reopen(&mut self, id: i64, reason: &str, reviewer: &str) -> Result<()> {
        Store::reopen(self, id, reason, reviewer)
    }

    fn add_status(&mut self, status: &NewStatus<'_>, reviewer: &str) -> Result<()> {
        Store::add_status(self, status, reviewer)
    }

    fn rename_status(&mut self, old: &str, new: &str, reviewer: &str) -> Result<usize> {
        Store::rename_status(self, old, new, reviewer)
    }

    fn retire_status(&mut self, name: &str, reviewer: &str) -> Result<()> {
        Store::retire_status(self, name, reviewer)
    }

    fn delete_status(&mut self, name: &str, reviewer: &str) -> Result<()> {
        Store::delete_status(self, name, reviewer)
    }

    fn status_events(&self) -> Result<Vec<StatusEvent>> {
        Store::status_events(self)
    }
}

// The trait stays object safe: a backend chosen at run time is a `dyn Register`.
const _: Option<&dyn Register> = None;
