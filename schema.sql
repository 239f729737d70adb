-- claimtrack schema.
--
-- Each `-- @migration N` line starts migration N; the statements before the first
-- marker are migration 1. src/store/migrate.rs applies the pending ones in one
-- transaction, keyed on PRAGMA user_version. A shipped migration is never edited:
-- changes are new migrations appended at the end of this file.
-- The connection PRAGMAs (foreign_keys, journal_mode=WAL, busy_timeout) are set on
-- every open, outside migrations. PRAGMA application_id marks the file as ours.

-- One version of one source (a path, URL or --source name). A new version is
-- stored when the same source comes with different content.
CREATE TABLE articles (
    id           INTEGER PRIMARY KEY,
    source       TEXT    NOT NULL,
    version      INTEGER NOT NULL CHECK (version >= 1),
    sha256       TEXT    NOT NULL UNIQUE,  -- hex SHA-256 of the raw bytes: content identity
    title        TEXT,
    content      TEXT    NOT NULL,         -- the decoded text; claim offsets point into it
    published_at TEXT,                     -- RFC 3339, when the source gives a date
    ingested_at  TEXT    NOT NULL,         -- RFC 3339 UTC
    claim_count  INTEGER NOT NULL,         -- claims the extractor found in this version
    flagged_count INTEGER NOT NULL,
    UNIQUE (source, version)
);

-- Each distinct (speaker, speaker_resolved) pair the claims carry, once.
CREATE TABLE speakers (
    id               INTEGER PRIMARY KEY,
    speaker          TEXT,
    speaker_resolved TEXT,
    CHECK (speaker IS NOT NULL OR speaker_resolved IS NOT NULL)
);
-- Not UNIQUE (NULLs would be distinct anyway): the writer looks a pair up with `IS`
-- under the write lock before adding it, so each pair is stored once.
CREATE INDEX speakers_by_name ON speakers (speaker, speaker_resolved);

-- A claim as the register tracks it. Its wording is the one of the newest version
-- it appears in; every version's wording stays in that version's content, between
-- its appearance's offsets.
CREATE TABLE claims (
    id                 INTEGER PRIMARY KEY,
    article_id         INTEGER NOT NULL REFERENCES articles (id),  -- newest version seen in
    position           INTEGER NOT NULL,   -- 1-based order in that version
    text               TEXT    NOT NULL,
    norm_hash          INTEGER NOT NULL,   -- 64-bit hash of the normalised text (claim_match::claim_hash):
                                           -- finds claims to link; Rust compares the texts, so a
                                           -- collision links nothing
    start_offset       INTEGER NOT NULL,
    end_offset         INTEGER NOT NULL,
    speaker            TEXT,
    speaker_resolved   TEXT,
    speaker_id         INTEGER REFERENCES speakers (id),  -- this (speaker, speaker_resolved); NULL when both are
    outlet             TEXT,
    cue                TEXT,
    flag               TEXT,
    flag_evidence      TEXT,
    status             TEXT    NOT NULL DEFAULT 'unverified'
        CHECK (status IN ('unverified', 'in-progress', 'verified', 'false', 'misleading', 'inconclusive')),
    removed_in_version INTEGER,            -- the version of its source that no longer has it
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL
);
CREATE INDEX claims_by_status  ON claims (status, id);
CREATE INDEX claims_by_article ON claims (article_id, position);
CREATE INDEX claims_by_norm    ON claims (norm_hash);
-- No index on speaker in text order: such an index takes a random leaf page per
-- claim, rewritten at every article's commit (see README, Performance). `--speaker`
-- (a substring match, which no text-ordered index serves) finds the matching rows
-- of the small `speakers` table, then looks their ids up here. Migration 2 replaced
-- this (id, speaker_id) index, scanned whole, by one in speaker_id order.
CREATE INDEX claims_by_speaker ON claims (id, speaker_id);
CREATE INDEX claims_flagged    ON claims (id) WHERE flag IS NOT NULL;

-- Where a claim stands in each article version, with that version's attribution.
-- Its wording is not stored again: it is the article's content between the offsets.
CREATE TABLE appearances (
    article_id       INTEGER NOT NULL REFERENCES articles (id),
    position         INTEGER NOT NULL,
    claim_id         INTEGER NOT NULL REFERENCES claims (id),
    start_offset     INTEGER NOT NULL,
    end_offset       INTEGER NOT NULL,
    speaker          TEXT,
    speaker_resolved TEXT,
    outlet           TEXT,
    cue              TEXT,
    flag             TEXT,
    flag_evidence    TEXT,
    PRIMARY KEY (article_id, position)
) WITHOUT ROWID;
CREATE INDEX appearances_by_claim ON appearances (claim_id);

-- Review history: append-only. Every row records the status before and after, so a
-- claim's status always equals the new_status of its newest row (or 'unverified').
CREATE TABLE reviews (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    event      TEXT    NOT NULL CHECK (event IN ('status', 'note', 'reworded', 'removed', 'restored')),
    old_status TEXT    NOT NULL,
    new_status TEXT    NOT NULL,
    reviewer   TEXT,
    note       TEXT,
    created_at TEXT    NOT NULL
);
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);

CREATE TRIGGER reviews_are_append_only_update BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'review history is append-only');
END;
CREATE TRIGGER reviews_are_append_only_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'review history is append-only');
END;

-- @migration 2
-- Rebuilds `claims` (SQLite cannot alter a constraint in place) for three changes.
-- src/store/migrate.rs runs it with foreign keys off, as SQLite's documented
-- procedure for a table rebuild requires, and runs foreign_key_check before
-- committing.
--
-- 1. The status CHECK as a chain of comparisons: the same rule, but an IN list made
--    SQLite build a temporary B-tree of the six names on every INSERT, half the
--    cost of storing a claim (callgrind: 22,000 of 43,000 instructions an insert).
-- 2. `latest_note`: the newest reviewer note (of a 'status' or 'note' event), kept
--    on the claim as its status is. Listings show it for every claim, and looking it
--    up in the history took a third of the time of a large `list`. It is set with the
--    history row that carries it (src/store/review.rs); `claimtrack check` compares
--    the two.
-- 3. `--speaker` through an index in speaker_id order rather than a scan of every
--    claim: the scan of the (id, speaker_id) index took 70-90 ms on a million claims
--    before a single row was printed. This index takes a leaf page per speaker in
--    each write transaction, which ingest amortises over a batch of articles (see
--    README, Performance). Partial: unattributed claims are never looked up by speaker.
-- 4. Article texts in a table of their own: an article's row was mostly its text
--    (8 KB on average), so a listing that shows each claim's source and version read
--    a page per article; narrow rows hold ~20 articles a page (a million-claim
--    `--speaker` listing: 69 → 55 ms of SQL).
CREATE TABLE claims_rebuilt (
    id                 INTEGER PRIMARY KEY,
    article_id         INTEGER NOT NULL REFERENCES articles (id),  -- newest version seen in
    position           INTEGER NOT NULL,   -- 1-based order in that version
    text               TEXT    NOT NULL,
    norm_hash          INTEGER NOT NULL,   -- 64-bit hash of the normalised text (claim_match::claim_hash):
                                           -- finds claims to link; Rust compares the texts, so a
                                           -- collision links nothing
    start_offset       INTEGER NOT NULL,
    end_offset         INTEGER NOT NULL,
    speaker            TEXT,
    speaker_resolved   TEXT,
    speaker_id         INTEGER REFERENCES speakers (id),  -- this (speaker, speaker_resolved); NULL when both are
    outlet             TEXT,
    cue                TEXT,
    flag               TEXT,
    flag_evidence      TEXT,
    status             TEXT    NOT NULL DEFAULT 'unverified'
        CHECK (status = 'unverified' OR status = 'in-progress' OR status = 'verified'
               OR status = 'false' OR status = 'misleading' OR status = 'inconclusive'),
    removed_in_version INTEGER,            -- the version of its source that no longer has it
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    latest_note        TEXT                -- the note of the newest 'status' or 'note' history row with one
);
INSERT INTO claims_rebuilt (id, article_id, position, text, norm_hash, start_offset, end_offset,
        speaker, speaker_resolved, speaker_id, outlet, cue, flag, flag_evidence, status,
        removed_in_version, created_at, updated_at, latest_note)
    SELECT c.id, c.article_id, c.position, c.text, c.norm_hash, c.start_offset, c.end_offset,
        c.speaker, c.speaker_resolved, c.speaker_id, c.outlet, c.cue, c.flag, c.flag_evidence,
        c.status, c.removed_in_version, c.created_at, c.updated_at,
        (SELECT r.note FROM reviews r
         WHERE r.claim_id = c.id AND r.note IS NOT NULL AND r.event IN ('status', 'note')
         ORDER BY r.id DESC LIMIT 1)
    FROM claims c ORDER BY c.id;
DROP TABLE claims;
ALTER TABLE claims_rebuilt RENAME TO claims;
CREATE INDEX claims_by_status  ON claims (status, id);
-- No claims_by_article any more: a source's claims are found through the
-- appearances of its versions (that table's primary key), one index less to keep
-- for every claim stored.
CREATE INDEX claims_by_norm    ON claims (norm_hash);
CREATE INDEX claims_by_speaker ON claims (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX claims_flagged    ON claims (id) WHERE flag IS NOT NULL;

CREATE TABLE article_texts (
    article_id INTEGER PRIMARY KEY REFERENCES articles (id),
    content    TEXT    NOT NULL            -- the decoded text; claim offsets point into it
);
INSERT INTO article_texts (article_id, content) SELECT id, content FROM articles ORDER BY id;
ALTER TABLE articles DROP COLUMN content;

-- @migration 3
-- A desk's own register: corrections, added and dismissed claims, assignment,
-- tags, published verdicts and the register's own statuses (issue 13).
--
-- 1. `statuses`: the register's statuses, seeded with the six it always had. A
--    claim's status points at one (ON UPDATE CASCADE: `status rename`); a retired
--    status takes no new marks; `is_final` statuses are verdicts, and their
--    `rating`/`rating_label` are what ClaimReview publishes.
-- 2. `claims` rebuilt without the fixed status CHECK, with the desk's columns:
--    `assignee`, `dismissed` (the reason; NULL when not dismissed),
--    `published_review` (the history row of the verdict in force; NULL when not
--    published, and then the claim is not locked), `recheck_version` (a verdict's
--    wording changed in that version: needs re-check), `created_by` (a reviewer for
--    a claim added by hand; NULL for the extractor's).
-- 3. `reviews` rebuilt for the new events, with `field`, `old_value` and
--    `new_value` (an edit's before and after; a publish's summary in new_value).
-- 4. `claim_corrections`: the reviewer's value of each corrected field, applied
--    again whenever a new version of the article is stored.
-- 5. Tags: on claims, and on sources (every version of an article inherits them).
CREATE TABLE statuses (
    name         TEXT    PRIMARY KEY,
    label        TEXT    NOT NULL,
    position     INTEGER NOT NULL,           -- listing order
    is_final     INTEGER NOT NULL DEFAULT 0 CHECK (is_final IN (0, 1)),
    rating       INTEGER,                    -- ClaimReview ratingValue (1 worst .. 5 best)
    rating_label TEXT,                       -- ClaimReview alternateName
    retired      INTEGER NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    CHECK (rating IS NULL OR (is_final = 1 AND rating BETWEEN 1 AND 5 AND rating_label IS NOT NULL))
) WITHOUT ROWID;
INSERT INTO statuses (name, label, position, is_final, rating, rating_label) VALUES
    ('unverified',   'Unverified',   1, 0, NULL, NULL),
    ('in-progress',  'In progress',  2, 0, NULL, NULL),
    ('verified',     'Verified',     3, 1, 5, 'Verified'),
    ('false',        'False',        4, 1, 1, 'False'),
    ('misleading',   'Misleading',   5, 1, 2, 'Misleading'),
    ('inconclusive', 'Inconclusive', 6, 1, 3, 'Inconclusive');

CREATE TABLE reviews_rebuilt (
    id         INTEGER PRIMARY KEY,
    claim_id   INTEGER NOT NULL REFERENCES claims (id),
    event      TEXT    NOT NULL CHECK (event = 'status' OR event = 'note' OR event = 'reworded'
        OR event = 'removed' OR event = 'restored' OR event = 'edit' OR event = 'add'
        OR event = 'dismiss' OR event = 'undismiss' OR event = 'publish' OR event = 'reopen'
        OR event = 'assign' OR event = 'tag' OR event = 'untag' OR event = 'status-renamed'),
    old_status TEXT    NOT NULL,
    new_status TEXT    NOT NULL,
    reviewer   TEXT,
    note       TEXT,
    created_at TEXT    NOT NULL,
    field      TEXT,                       -- edit: the field; assign: 'assignee'; tag/untag: 'tag'
    old_value  TEXT,
    new_value  TEXT                        -- publish: the summary (ClaimReview's claimReviewed)
);
INSERT INTO reviews_rebuilt (id, claim_id, event, old_status, new_status, reviewer, note, created_at)
    SELECT id, claim_id, event, old_status, new_status, reviewer, note, created_at
    FROM reviews ORDER BY id;
DROP TABLE reviews;
ALTER TABLE reviews_rebuilt RENAME TO reviews;
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);
CREATE TRIGGER reviews_are_append_only_update BEFORE UPDATE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'review history is append-only');
END;
CREATE TRIGGER reviews_are_append_only_delete BEFORE DELETE ON reviews
BEGIN
    SELECT RAISE(ABORT, 'review history is append-only');
END;

CREATE TABLE claims_rebuilt (
    id                 INTEGER PRIMARY KEY,
    article_id         INTEGER NOT NULL REFERENCES articles (id),  -- newest version seen in
    position           INTEGER NOT NULL,   -- 1-based order in that version
    text               TEXT    NOT NULL,
    norm_hash          INTEGER NOT NULL,   -- claim_match::claim_hash of the normalised text
    start_offset       INTEGER NOT NULL,
    end_offset         INTEGER NOT NULL,
    speaker            TEXT,
    speaker_resolved   TEXT,
    speaker_id         INTEGER REFERENCES speakers (id),
    outlet             TEXT,
    cue                TEXT,
    flag               TEXT,
    flag_evidence      TEXT,
    status             TEXT    NOT NULL DEFAULT 'unverified'
        REFERENCES statuses (name) ON UPDATE CASCADE,
    removed_in_version INTEGER,
    created_at         TEXT    NOT NULL,
    updated_at         TEXT    NOT NULL,
    latest_note        TEXT,
    assignee           TEXT CHECK (assignee IS NULL OR length(trim(assignee)) > 0),
    dismissed          TEXT,               -- the reason; NULL when the claim is not dismissed
    published_review   INTEGER REFERENCES reviews (id),
    recheck_version    INTEGER,            -- reworded in this version after a verdict
    created_by         TEXT                -- the reviewer who added it; NULL: the extractor
);
INSERT INTO claims_rebuilt (id, article_id, position, text, norm_hash, start_offset, end_offset,
        speaker, speaker_resolved, speaker_id, outlet, cue, flag, flag_evidence, status,
        removed_in_version, created_at, updated_at, latest_note)
    SELECT id, article_id, position, text, norm_hash, start_offset, end_offset,
        speaker, speaker_resolved, speaker_id, outlet, cue, flag, flag_evidence, status,
        removed_in_version, created_at, updated_at, latest_note
    FROM claims ORDER BY id;
DROP TABLE claims;
ALTER TABLE claims_rebuilt RENAME TO claims;
CREATE INDEX claims_by_status   ON claims (status, id);
CREATE INDEX claims_by_norm     ON claims (norm_hash);
CREATE INDEX claims_by_speaker  ON claims (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX claims_flagged     ON claims (id) WHERE flag IS NOT NULL;
CREATE INDEX claims_by_assignee ON claims (assignee) WHERE assignee IS NOT NULL;

CREATE TABLE claim_corrections (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    field    TEXT    NOT NULL CHECK (field = 'speaker' OR field = 'outlet' OR field = 'cue'
                                     OR field = 'flag'),
    value    TEXT,                         -- NULL: the reviewer cleared the field
    PRIMARY KEY (claim_id, field)
) WITHOUT ROWID;

CREATE TABLE tags (
    id   INTEGER PRIMARY KEY,
    name TEXT    NOT NULL UNIQUE
);
CREATE TABLE claim_tags (
    claim_id INTEGER NOT NULL REFERENCES claims (id),
    tag_id   INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (claim_id, tag_id)
) WITHOUT ROWID;
CREATE INDEX claim_tags_by_tag ON claim_tags (tag_id, claim_id);
-- Keyed by source: every version of the article, and its claims, carry the tag.
CREATE TABLE source_tags (
    source TEXT    NOT NULL,
    tag_id INTEGER NOT NULL REFERENCES tags (id),
    PRIMARY KEY (source, tag_id)
) WITHOUT ROWID;


-- @migration 4
-- Issue 10 (hostile input): content identity per *current* version. A live page
-- that goes A, B, then A again is a third version (restoring A's claims), not
-- "unchanged": so the same bytes may be stored again under the same source, and
-- `sha256` can no longer be UNIQUE. SQLite cannot drop a UNIQUE constraint in
-- place, so `articles` is rebuilt (with foreign keys off, as migration 2 did for
-- `claims`), and a plain index keeps looking content up by its hash fast.
-- It comes before migration 5, which adds the page-metadata columns to the
-- rebuilt table.
CREATE TABLE articles_rebuilt (
    id            INTEGER PRIMARY KEY,
    source        TEXT    NOT NULL,
    version       INTEGER NOT NULL CHECK (version >= 1),
    sha256        TEXT    NOT NULL,         -- hex SHA-256 of the raw bytes; a version may repeat an older one's
    title         TEXT,
    published_at  TEXT,                     -- RFC 3339, when the source gives a date
    ingested_at   TEXT    NOT NULL,         -- RFC 3339 UTC
    claim_count   INTEGER NOT NULL,         -- claims the extractor found in this version
    flagged_count INTEGER NOT NULL,
    UNIQUE (source, version)
);
INSERT INTO articles_rebuilt (id, source, version, sha256, title, published_at, ingested_at,
        claim_count, flagged_count)
    SELECT id, source, version, sha256, title, published_at, ingested_at, claim_count, flagged_count
    FROM articles ORDER BY id;
DROP TABLE articles;
ALTER TABLE articles_rebuilt RENAME TO articles;
CREATE INDEX articles_by_sha ON articles (sha256);

-- @migration 5
-- What a page says about itself (HTML pages: canonical URL, headline, modified
-- time, author, publisher; `published_at` was already there) and, for live blogs,
-- the post each claim is in: its heading and time, on the claim (as of its newest
-- version, like its wording) and on each appearance (as of that version). Columns
-- added, nothing rebuilt: older rows keep NULLs, which is what they knew.
ALTER TABLE articles ADD COLUMN canonical_url TEXT;
ALTER TABLE articles ADD COLUMN headline TEXT;
ALTER TABLE articles ADD COLUMN modified_at TEXT;   -- RFC 3339 UTC, as the page gives it
ALTER TABLE articles ADD COLUMN author TEXT;
ALTER TABLE articles ADD COLUMN publisher TEXT;
ALTER TABLE claims ADD COLUMN post_title TEXT;
ALTER TABLE claims ADD COLUMN post_time TEXT;       -- RFC 3339 UTC
ALTER TABLE appearances ADD COLUMN post_title TEXT;
ALTER TABLE appearances ADD COLUMN post_time TEXT;

-- @migration 6
-- A full-text index for `--search`: claim text, speaker (as written and resolved),
-- outlet and the latest note, as words folded for case, diacritics and quote
-- marks (unicode61 treats quote marks as separators, so “quotes” and "quotes" are
-- the same word). External content: the words point at `claims` rows by id and the
-- text is not stored twice. `detail = none` keeps which claims hold a word, not
-- where: a quarter of the size, half the time to index; phrases are checked on
-- the matching claims' text (src/store/search.rs).
--
-- New claims are indexed in bulk, not by a row trigger: `claims_fts_state` says up
-- to which claim id the index is complete, and every writer that adds claims
-- indexes the ones above it in one statement before committing (`index_pending`
-- in src/store/search.rs; a writer that forgets is caught up by the next). Any
-- trigger on INSERT INTO claims, however cheap, gave each insert a statement
-- journal, and FTS5 wrote its pending words to disk at every statement: ingest
-- took 3.5 times as long. Changes to the indexed columns of claims already indexed
-- go through row triggers: they are rare (a reviewer's note, a reworded claim).
-- A later migration that rebuilds `claims` must recreate these triggers.
CREATE VIRTUAL TABLE claims_fts USING fts5 (
    text, speaker, speaker_resolved, outlet, latest_note,
    content = 'claims', content_rowid = 'id',
    tokenize = 'unicode61 remove_diacritics 2',
    detail = none,
    columnsize = 0      -- no per-claim word counts: nothing ranks results
);
INSERT INTO claims_fts (claims_fts) VALUES ('rebuild');
CREATE TABLE claims_fts_state (
    id              INTEGER PRIMARY KEY CHECK (id = 1),
    indexed_through INTEGER NOT NULL    -- every claim with an id up to this one is indexed
);
INSERT INTO claims_fts_state (id, indexed_through) SELECT 1, coalesce(max(id), 0) FROM claims;
CREATE TRIGGER claims_fts_after_delete AFTER DELETE ON claims
    WHEN old.id <= (SELECT indexed_through FROM claims_fts_state)
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, speaker, speaker_resolved, outlet, latest_note)
    VALUES ('delete', old.id, old.text, old.speaker, old.speaker_resolved, old.outlet, old.latest_note);
    -- The newest claim's id is given again to the next claim added.
    UPDATE claims_fts_state SET indexed_through = old.id - 1 WHERE indexed_through = old.id;
END;
CREATE TRIGGER claims_fts_after_update AFTER UPDATE OF text, speaker, speaker_resolved, outlet, latest_note
    ON claims
    WHEN old.id <= (SELECT indexed_through FROM claims_fts_state)
BEGIN
    INSERT INTO claims_fts (claims_fts, rowid, text, speaker, speaker_resolved, outlet, latest_note)
    VALUES ('delete', old.id, old.text, old.speaker, old.speaker_resolved, old.outlet, old.latest_note);
    INSERT INTO claims_fts (rowid, text, speaker, speaker_resolved, outlet, latest_note)
    VALUES (new.id, new.text, new.speaker, new.speaker_resolved, new.outlet, new.latest_note);
END;

-- @migration 7
-- The register's statuses change too (`status add`, `rename`, `retire`,
-- `delete`): each change is a row here, with its reviewer and time, append-only
-- like the claims' history (which only holds changes to claims).
CREATE TABLE status_events (
    id         INTEGER PRIMARY KEY,
    event      TEXT    NOT NULL CHECK (event = 'add' OR event = 'rename' OR event = 'retire'
                                       OR event = 'delete'),
    status     TEXT    NOT NULL,   -- the status's name when it happened (rename: the old one)
    detail     TEXT,               -- add: label, final, rating; rename: the new name
    reviewer   TEXT    NOT NULL,
    created_at TEXT    NOT NULL    -- RFC 3339 UTC
);
CREATE TRIGGER status_events_are_append_only_update BEFORE UPDATE ON status_events
BEGIN
    SELECT RAISE(ABORT, 'status history is append-only');
END;
CREATE TRIGGER status_events_are_append_only_delete BEFORE DELETE ON status_events
BEGIN
    SELECT RAISE(ABORT, 'status history is append-only');
END;

-- @migration 8
-- Nothing changes on SQLite. On PostgreSQL (schema-postgres.sql) claims' and
-- appearances' references are checked once per statement rather than per row;
-- SQLite checks its foreign keys in-process, where a row's check costs little.
