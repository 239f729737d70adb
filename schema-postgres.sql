-- claimtrack schema on PostgreSQL.
--
-- The same append-only list of migrations as schema.sql, numbered alike, so that
-- "schema version 7" is the same register on both engines. PostgreSQL support
-- starts at version 7: its first migration creates the register as SQLite's
-- migrations 1-7 leave it. Each `-- @migration N` line starts migration N; nothing
-- but comments comes before the first one. A shipped migration is never edited:
-- a change is a new migration appended at the end, here and in schema.sql, under
-- the same number.
--
-- src/store/pg_open/migrate.rs applies the pending ones in one transaction under
-- an advisory lock and records the version in `claimtrack_schema` (which marks
-- the database as claimtrack's, as PRAGMA application_id does a SQLite file).
--
-- The store's SQL is shared by both engines, hence the conventions:
-- * the same table and column names, in the same order;
-- * every integer BIGINT (SQLite's INTEGER is 64-bit), flags 0/1 as on SQLite;
--   ids are identities that accept explicit values (`copy` keeps claim ids);
-- * timestamps are RFC 3339 TEXT, as on SQLite;
-- * text columns compare byte by byte (COLLATE "C"), as SQLite's default BINARY
--   collation does, so ORDER BY and UNIQUE behave alike whatever the database's
--   locale, and lower() folds ASCII only, as SQLite's does;
-- * no full-text index (SQLite's FTS5 tables): search on PostgreSQL is the
--   store's own module.

-- @migration 7
-- The register as SQLite's migrations 1-7 leave it (see schema.sql for what each
-- table and column means).

-- SQLite functions the shared queries call.
CREATE FUNCTION instr(haystack TEXT, needle TEXT) RETURNS BIGINT
    LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
    AS 'SELECT strpos(haystack, needle)::BIGINT';

-- claimtrack_fold(text) and claimtrack_words(text): src/fold.rs's `fold` and
-- src/store/search.rs's `words` in SQL. The steps are fold.rs's: compatibility
-- decomposition (NFKD; the database must be UTF8), combining marks dropped,
-- fold.rs's letters and quote marks mapped, lower case, whitespace runs as one
-- space. Case and letter classes come from ICU's root locale ("und-x-icu", in
-- every database of a server built with ICU, as Debian's is), so they cover all
-- of Unicode whatever the database's locale; without ICU they are the database's
-- default collation's (a database created with the C locale then folds the
-- case of ASCII letters only).
--
-- Where the results differ from fold.rs's:
-- * combining marks: fold.rs drops every one (Unicode's Mark categories); here
--   those of the combining diacritics blocks and of Cyrillic, Hebrew and Arabic
--   (PostgreSQL's regular expressions have no Unicode categories), so the marks of
--   Indic and South-East Asian scripts stay;
-- * none for capital sigma: it is mapped to σ before lowering, as fold.rs's
--   letter-by-letter lowering gives (ICU would give a word-final one ς);
-- * claimtrack_words splits on ICU's letters and decimal digits; search.rs's
--   `words` on Rust's alphanumerics, which also count letter-like numbers (Ⅻ) and
--   some marks (already dropped by the fold);
-- * results depend on the server's Unicode and ICU versions, which a PostgreSQL
--   upgrade may change (the functions are IMMUTABLE: nothing indexes them).
DO $migration$
DECLARE
    icu_or_default TEXT := CASE
        WHEN EXISTS (SELECT 1 FROM pg_catalog.pg_collation WHERE collname = 'und-x-icu')
        THEN '"und-x-icu"' ELSE '"default"' END;
BEGIN
    EXECUTE replace($function$
        CREATE FUNCTION claimtrack_fold(input TEXT) RETURNS TEXT
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $body$
            SELECT regexp_replace(
                lower(
                    replace(replace(replace(replace(replace(replace(replace(replace(replace(
                        translate(
                            regexp_replace(
                                normalize(input, NFKD),
                                U&'[\0300-\036F\1AB0-\1AFF\1DC0-\1DFF\20D0-\20FF\FE20-\FE2F\0483-\0489\0591-\05BD\05BF\05C1\05C2\05C4\05C5\05C7\0610-\061A\064B-\065F\0670\06D6-\06DC\06DF-\06E4\06E7\06E8\06EA-\06ED]',
                                '', 'g'),
                            U&'\0131\0130\0142\0141\00F8\00D8\0111\0110\00F0\00D0\0127\0126\2018\2019\201A\201B\2032\2039\203A\0060\00B4\201C\201D\201E\201F\2033\00AB\00BB',
                            'iillooddddhh' || repeat('''', 9) || repeat('"', 7)),
                        U&'\00DF', 'ss'), U&'\1E9E', 'ss'),
                        U&'\00E6', 'ae'), U&'\00C6', 'ae'),
                        U&'\0153', 'oe'), U&'\0152', 'oe'),
                        U&'\00FE', 'th'), U&'\00DE', 'th'), U&'\03A3', U&'\03C3')
                    COLLATE @COLLATION@),
                U&'[\0009-\000D\0020\0085\00A0\1680\2000-\200A\2028\2029\202F\205F\3000]+',
                ' ', 'g')
            $body$
    $function$, '@COLLATION@', icu_or_default);
    EXECUTE replace($function$
        CREATE FUNCTION claimtrack_words(input TEXT) RETURNS TEXT
            LANGUAGE sql IMMUTABLE PARALLEL SAFE RETURNS NULL ON NULL INPUT
            AS $body$
            SELECT CASE WHEN words = '' THEN ' ' ELSE ' ' || words || ' ' END
            FROM (SELECT btrim(regexp_replace(claimtrack_fold(input) COLLATE @COLLATION@,
                                              '[^[:alnum:]]+', ' ', 'g'), ' ') AS words) AS folded
            $body$
    $function$, '@COLLATION@', icu_or_default);
END
$migration$;

-- The history tables refuse UPDATE, DELETE and TRUNCATE: each trigger passes its
-- message, the same as SQLite's RAISE(ABORT, ...).
CREATE FUNCTION claimtrack_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION USING MESSAGE = TG_ARGV[0], ERRCODE = 'restrict_violation';
END
$$;

CREATE TABLE articles (
    id            BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    source        TEXT COLLATE "C" NOT NULL,
    version       BIGINT NOT NULL CHECK (version >= 1),
    sha256        TEXT COLLATE "C" NOT NULL,  -- a version may repeat an older one's
    title         TEXT COLLATE "C",
    published_at  TEXT COLLATE "C",
    ingested_at   TEXT COLLATE "C" NOT NULL,
    claim_count   BIGINT NOT NULL,
    flagged_count BIGINT NOT NULL,
    canonical_url TEXT COLLATE "C",
    headline      TEXT COLLATE "C",
    modified_at   TEXT COLLATE "C",
    author        TEXT COLLATE "C",
    publisher     TEXT COLLATE "C",
    UNIQUE (source, version)
);
CREATE INDEX articles_by_sha ON articles (sha256);

CREATE TABLE article_texts (
    article_id BIGINT PRIMARY KEY REFERENCES articles (id),
    content    TEXT COLLATE "C" NOT NULL
);

CREATE TABLE speakers (
    id               BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    speaker          TEXT COLLATE "C",
    speaker_resolved TEXT COLLATE "C",
    CHECK (speaker IS NOT NULL OR speaker_resolved IS NOT NULL)
);
CREATE INDEX speakers_by_name ON speakers (speaker, speaker_resolved);

CREATE TABLE statuses (
    name         TEXT COLLATE "C" PRIMARY KEY,
    label        TEXT COLLATE "C" NOT NULL,
    position     BIGINT NOT NULL,
    is_final     BIGINT NOT NULL DEFAULT 0 CHECK (is_final IN (0, 1)),
    rating       BIGINT,
    rating_label TEXT COLLATE "C",
    retired      BIGINT NOT NULL DEFAULT 0 CHECK (retired IN (0, 1)),
    CHECK (rating IS NULL OR (is_final = 1 AND rating BETWEEN 1 AND 5 AND rating_label IS NOT NULL))
);
INSERT INTO statuses (name, label, position, is_final, rating, rating_label) VALUES
    ('unverified',   'Unverified',   1, 0, NULL, NULL),
    ('in-progress',  'In progress',  2, 0, NULL, NULL),
    ('verified',     'Verified',     3, 1, 5, 'Verified'),
    ('false',        'False',        4, 1, 1, 'False'),
    ('misleading',   'Misleading',   5, 1, 2, 'Misleading'),
    ('inconclusive', 'Inconclusive', 6, 1, 3, 'Inconclusive');

-- `published_review` points at `reviews`, which points back here: its foreign key
-- is added once both tables exist.
CREATE TABLE claims (
    id                 BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    article_id         BIGINT NOT NULL REFERENCES articles (id),
    position           BIGINT NOT NULL,
    text               TEXT COLLATE "C" NOT NULL,
    norm_hash          BIGINT NOT NULL,
    start_offset       BIGINT NOT NULL,
    end_offset         BIGINT NOT NULL,
    speaker            TEXT COLLATE "C",
    speaker_resolved   TEXT COLLATE "C",
    speaker_id         BIGINT REFERENCES speakers (id),
    outlet             TEXT COLLATE "C",
    cue                TEXT COLLATE "C",
    flag               TEXT COLLATE "C",
    flag_evidence      TEXT COLLATE "C",
    status             TEXT COLLATE "C" NOT NULL DEFAULT 'unverified'
        REFERENCES statuses (name) ON UPDATE CASCADE,
    removed_in_version BIGINT,
    created_at         TEXT COLLATE "C" NOT NULL,
    updated_at         TEXT COLLATE "C" NOT NULL,
    latest_note        TEXT COLLATE "C",
    assignee           TEXT COLLATE "C" CHECK (assignee IS NULL OR length(trim(assignee)) > 0),
    dismissed          TEXT COLLATE "C",
    published_review   BIGINT,
    recheck_version    BIGINT,
    created_by         TEXT COLLATE "C",
    post_title         TEXT COLLATE "C",
    post_time          TEXT COLLATE "C"
);
CREATE INDEX claims_by_status   ON claims (status, id);
CREATE INDEX claims_by_norm     ON claims (norm_hash);
CREATE INDEX claims_by_speaker  ON claims (speaker_id) WHERE speaker_id IS NOT NULL;
CREATE INDEX claims_flagged     ON claims (id) WHERE flag IS NOT NULL;
CREATE INDEX claims_by_assignee ON claims (assignee) WHERE assignee IS NOT NULL;

CREATE TABLE appearances (
    article_id       BIGINT NOT NULL REFERENCES articles (id),
    position         BIGINT NOT NULL,
    claim_id         BIGINT NOT NULL REFERENCES claims (id),
    start_offset     BIGINT NOT NULL,
    end_offset       BIGINT NOT NULL,
    speaker          TEXT COLLATE "C",
    speaker_resolved TEXT COLLATE "C",
    outlet           TEXT COLLATE "C",
    cue              TEXT COLLATE "C",
    flag             TEXT COLLATE "C",
    flag_evidence    TEXT COLLATE "C",
    post_title       TEXT COLLATE "C",
    post_time        TEXT COLLATE "C",
    PRIMARY KEY (article_id, position)
);
CREATE INDEX appearances_by_claim ON appearances (claim_id);

CREATE TABLE reviews (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    claim_id   BIGINT NOT NULL REFERENCES claims (id),
    event      TEXT COLLATE "C" NOT NULL CHECK (event = 'status' OR event = 'note'
        OR event = 'reworded' OR event = 'removed' OR event = 'restored' OR event = 'edit'
        OR event = 'add' OR event = 'dismiss' OR event = 'undismiss' OR event = 'publish'
        OR event = 'reopen' OR event = 'assign' OR event = 'tag' OR event = 'untag'
        OR event = 'status-renamed'),
    old_status TEXT COLLATE "C" NOT NULL,
    new_status TEXT COLLATE "C" NOT NULL,
    reviewer   TEXT COLLATE "C",
    note       TEXT COLLATE "C",
    created_at TEXT COLLATE "C" NOT NULL,
    field      TEXT COLLATE "C",
    old_value  TEXT COLLATE "C",
    new_value  TEXT COLLATE "C"
);
CREATE INDEX reviews_by_claim ON reviews (claim_id, id);
CREATE TRIGGER reviews_are_append_only_update BEFORE UPDATE ON reviews
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('review history is append-only');
CREATE TRIGGER reviews_are_append_only_delete BEFORE DELETE ON reviews
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('review history is append-only');
CREATE TRIGGER reviews_are_append_only_truncate BEFORE TRUNCATE ON reviews
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_change('review history is append-only');

ALTER TABLE claims ADD FOREIGN KEY (published_review) REFERENCES reviews (id);

CREATE TABLE claim_corrections (
    claim_id BIGINT NOT NULL REFERENCES claims (id),
    field    TEXT COLLATE "C" NOT NULL CHECK (field = 'speaker' OR field = 'outlet'
                                              OR field = 'cue' OR field = 'flag'),
    value    TEXT COLLATE "C",
    PRIMARY KEY (claim_id, field)
);

CREATE TABLE tags (
    id   BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    name TEXT COLLATE "C" NOT NULL UNIQUE
);
CREATE TABLE claim_tags (
    claim_id BIGINT NOT NULL REFERENCES claims (id),
    tag_id   BIGINT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (claim_id, tag_id)
);
CREATE INDEX claim_tags_by_tag ON claim_tags (tag_id, claim_id);
CREATE TABLE source_tags (
    source TEXT COLLATE "C" NOT NULL,
    tag_id BIGINT NOT NULL REFERENCES tags (id),
    PRIMARY KEY (source, tag_id)
);

CREATE TABLE status_events (
    id         BIGINT GENERATED BY DEFAULT AS IDENTITY PRIMARY KEY,
    event      TEXT COLLATE "C" NOT NULL CHECK (event = 'add' OR event = 'rename'
                                                OR event = 'retire' OR event = 'delete'),
    status     TEXT COLLATE "C" NOT NULL,
    detail     TEXT COLLATE "C",
    reviewer   TEXT COLLATE "C" NOT NULL,
    created_at TEXT COLLATE "C" NOT NULL
);
CREATE TRIGGER status_events_are_append_only_update BEFORE UPDATE ON status_events
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('status history is append-only');
CREATE TRIGGER status_events_are_append_only_delete BEFORE DELETE ON status_events
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('status history is append-only');
CREATE TRIGGER status_events_are_append_only_truncate BEFORE TRUNCATE ON status_events
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_change('status history is append-only');

-- @migration 8
-- Claims' and appearances' references to articles, speakers and claims are
-- checked once per statement, over the statement's new rows, instead of once per
-- row by a FOREIGN KEY. Ingest writes two such rows per claim, a few hundred to a
-- statement; PostgreSQL checks a foreign key by running a query for each row, and
-- these four were 1.5 s of the 50 MB ingest's 4.3 s of server time (README,
-- Performance). The rows they point at are never deleted and never change id
-- (the triggers below refuse both), so a reference found once stays good, which
-- is what the foreign keys' row locks were for. `check` still looks for orphans.
-- The references that stay foreign keys are written a row at a time, or rarely.
ALTER TABLE claims DROP CONSTRAINT claims_article_id_fkey,
                   DROP CONSTRAINT claims_speaker_id_fkey;
ALTER TABLE appearances DROP CONSTRAINT appearances_article_id_fkey,
                        DROP CONSTRAINT appearances_claim_id_fkey;

-- Raised as a foreign key's violation would be, naming the first row missing.
CREATE FUNCTION claimtrack_refuse_dangling(missing TEXT) RETURNS VOID LANGUAGE plpgsql AS $$
BEGIN
    IF missing IS NOT NULL THEN
        RAISE EXCEPTION USING ERRCODE = 'foreign_key_violation',
            MESSAGE = missing || ' does not exist';
    END IF;
END
$$;

-- A statement's new rows (`new_rows`) are refused when the query the trigger
-- names (its argument) finds one that points at nothing; the query says which.
-- Each reference is looked up by a subquery with a LIMIT, which the planner
-- keeps to an index search a row: as an anti-join (NOT EXISTS) it hashed the
-- whole of `speakers` or `claims` at every statement once they were large. And
-- the query is planned at each statement (EXECUTE): a plan kept from a
-- session's first statement, made while the tables were small, scanned all of
-- `claims` for every statement once they were not.
CREATE FUNCTION claimtrack_refuse_dangling_rows() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    missing TEXT;
BEGIN
    EXECUTE TG_ARGV[0] INTO missing;
    PERFORM claimtrack_refuse_dangling(missing);
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_refer_on_insert AFTER INSERT ON claims
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_dangling_rows($check$
        SELECT 'claim ' || n.id || ': article ' || n.article_id FROM new_rows n
        WHERE (SELECT 1 FROM articles a WHERE a.id = n.article_id LIMIT 1) IS NULL
        UNION ALL
        SELECT 'claim ' || n.id || ': speaker ' || n.speaker_id FROM new_rows n
        WHERE n.speaker_id IS NOT NULL
          AND (SELECT 1 FROM speakers s WHERE s.id = n.speaker_id LIMIT 1) IS NULL
        LIMIT 1
    $check$);
-- An update is checked a row at a time, and only when it changes a reference,
-- as a foreign key is: a statement trigger cannot be kept to some columns, and
-- every `mark` paid for one (its function compiled and its query planned anew
-- in each new session: 1.5 ms of a 9 ms `mark`). Updates that move references
-- are few (a claim carried over to a new version, a corrected speaker).
CREATE FUNCTION claimtrack_claim_refers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id) THEN
        PERFORM claimtrack_refuse_dangling('claim ' || NEW.id || ': article ' || NEW.article_id);
    END IF;
    IF NEW.speaker_id IS NOT NULL
       AND NOT EXISTS (SELECT 1 FROM speakers WHERE id = NEW.speaker_id) THEN
        PERFORM claimtrack_refuse_dangling('claim ' || NEW.id || ': speaker ' || NEW.speaker_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER claims_refer_on_update AFTER UPDATE OF article_id, speaker_id ON claims
    FOR EACH ROW
    WHEN (OLD.article_id IS DISTINCT FROM NEW.article_id
          OR OLD.speaker_id IS DISTINCT FROM NEW.speaker_id)
    EXECUTE FUNCTION claimtrack_claim_refers();

CREATE TRIGGER appearances_refer_on_insert AFTER INSERT ON appearances
    REFERENCING NEW TABLE AS new_rows
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_dangling_rows($check$
        SELECT 'appearance (article ' || n.article_id || ', position ' || n.position
               || '): article ' || n.article_id FROM new_rows n
        WHERE (SELECT 1 FROM articles a WHERE a.id = n.article_id LIMIT 1) IS NULL
        UNION ALL
        SELECT 'appearance (article ' || n.article_id || ', position ' || n.position
               || '): claim ' || n.claim_id FROM new_rows n
        WHERE (SELECT 1 FROM claims c WHERE c.id = n.claim_id LIMIT 1) IS NULL
        LIMIT 1
    $check$);
CREATE FUNCTION claimtrack_appearance_refers() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM articles WHERE id = NEW.article_id) THEN
        PERFORM claimtrack_refuse_dangling('appearance (article ' || NEW.article_id
            || ', position ' || NEW.position || '): article ' || NEW.article_id);
    END IF;
    IF NOT EXISTS (SELECT 1 FROM claims WHERE id = NEW.claim_id) THEN
        PERFORM claimtrack_refuse_dangling('appearance (article ' || NEW.article_id
            || ', position ' || NEW.position || '): claim ' || NEW.claim_id);
    END IF;
    RETURN NULL;
END
$$;
CREATE TRIGGER appearances_refer_on_update AFTER UPDATE OF article_id, claim_id ON appearances
    FOR EACH ROW
    WHEN (OLD.article_id IS DISTINCT FROM NEW.article_id OR OLD.claim_id IS DISTINCT FROM NEW.claim_id)
    EXECUTE FUNCTION claimtrack_appearance_refers();

-- What those references point at stays: never deleted, never renumbered.
CREATE TRIGGER articles_are_kept_delete BEFORE DELETE ON articles
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('articles are never deleted');
CREATE TRIGGER articles_are_kept_truncate BEFORE TRUNCATE ON articles
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_change('articles are never deleted');
CREATE TRIGGER articles_keep_their_ids BEFORE UPDATE OF id ON articles
    FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION claimtrack_refuse_change('an article''s id never changes');
CREATE TRIGGER claims_are_kept_delete BEFORE DELETE ON claims
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('claims are never deleted');
CREATE TRIGGER claims_are_kept_truncate BEFORE TRUNCATE ON claims
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_change('claims are never deleted');
CREATE TRIGGER claims_keep_their_ids BEFORE UPDATE OF id ON claims
    FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION claimtrack_refuse_change('a claim''s id never changes');
CREATE TRIGGER speakers_are_kept_delete BEFORE DELETE ON speakers
    FOR EACH ROW EXECUTE FUNCTION claimtrack_refuse_change('speakers are never deleted');
CREATE TRIGGER speakers_are_kept_truncate BEFORE TRUNCATE ON speakers
    FOR EACH STATEMENT EXECUTE FUNCTION claimtrack_refuse_change('speakers are never deleted');
CREATE TRIGGER speakers_keep_their_ids BEFORE UPDATE OF id ON speakers
    FOR EACH ROW WHEN (OLD.id <> NEW.id)
    EXECUTE FUNCTION claimtrack_refuse_change('a speaker''s id never changes');
