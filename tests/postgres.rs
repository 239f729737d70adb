//! Opening a register on PostgreSQL (`store::pg_open`), on a real server: the
//! schema and its migrations, refusals, append-only history, passwords. Each
//! test runs on its own database of CLAIMTRACK_TEST_PG's server (see
//! tests/common/postgres.rs); without one, outside CI, they return early.

use crate::common::postgres::PgDb;
use claimtrack::error::Error;
use claimtrack::store::pg_open::{self, IfMissing, SCHEMA_VERSION, SchemaState};
use claimtrack::store::sql::PgConnection;
use std::collections::BTreeMap;

/// The test's database, or an early return when PostgreSQL tests do not run here.
macro_rules! pg_db {
    ($test:expr) => {
        match PgDb::fresh($test) {
            Some(db) => db,
            None => return,
        }
    };
}

/// The process's environment, but none of libpq's variables: what the URL
/// says is what a test gets.
fn sealed_env(name: &str) -> Option<String> {
    if name == "HOME" || name.starts_with("PG") {
        return None;
    }
    std::env::var(name).ok()
}

fn open(url: &str, if_missing: IfMissing) -> claimtrack::error::Result<PgConnection> {
    pg_open::open_with(url, if_missing, &sealed_env)
}

fn tables(client: &mut postgres::Client) -> Vec<String> {
    client
        .query(
            "SELECT tablename::TEXT FROM pg_tables WHERE schemaname = current_schema() ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect()
}

/// Rows written behind claimtrack's back: article 1 and its claim 1.
const AN_ARTICLE_AND_ITS_CLAIM: &str =
    "INSERT INTO articles (source, version, sha256, ingested_at, claim_count, flagged_count)
         VALUES ('a', 1, 'x', 'now', 1, 0);
     INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
         created_at, updated_at)
         VALUES (1, 1, 'It rained, she said.', 0, 0, 20, 'now', 'now');";

fn schema_version(client: &mut postgres::Client) -> i64 {
    client
        .query_one("SELECT version FROM claimtrack_schema", &[])
        .unwrap()
        .get(0)
}

#[test]
fn clients_opening_an_empty_database_at_once_create_the_register_once() {
    let db = pg_db!("migrate_concurrently");
    // Hold the migration lock so that every client finds the database empty
    // and queues for the lock: then they migrate one after the other.
    let mut holder = db.client();
    let mut lock = holder.transaction().unwrap();
    lock.execute(
        "SELECT pg_advisory_xact_lock($1)",
        &[&pg_open::MIGRATE_LOCK],
    )
    .unwrap();
    const CLIENTS: i64 = 3;
    std::thread::scope(|scope| {
        let clients: Vec<_> = (0..CLIENTS)
            .map(|_| scope.spawn(|| open(db.url(), IfMissing::Create).map(|_| ())))
            .collect();
        wait_for_lock_waiters(&db, CLIENTS);
        lock.rollback().unwrap();
        for client in clients {
            client
                .join()
                .unwrap()
                .expect("every client opens the register");
        }
    });
    let mut client = db.client();
    assert_eq!(schema_version(&mut client), SCHEMA_VERSION);
    let markers: i64 = client
        .query_one("SELECT count(*) FROM claimtrack_schema", &[])
        .unwrap()
        .get(0);
    assert_eq!(markers, 1);
    let statuses: i64 = client
        .query_one("SELECT count(*) FROM statuses", &[])
        .unwrap()
        .get(0);
    assert_eq!(statuses, 6, "the six statuses are seeded once");
}

/// Waits until `count` sessions of the test's database wait for an advisory lock.
fn wait_for_lock_waiters(db: &PgDb, count: i64) {
    let mut client = db.client();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    loop {
        let waiting: i64 = client
            .query_one(
                "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                 WHERE l.locktype = 'advisory' AND NOT l.granted AND d.datname = current_database()",
                &[],
            )
            .unwrap()
            .get(0);
        if waiting == count {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "{waiting} of {count} clients wait for the migration lock"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
}

#[test]
fn an_up_to_date_register_opens_without_waiting_for_a_migration() {
    let db = pg_db!("no_wait");
    open(db.url(), IfMissing::Create).unwrap();
    let mut holder = db.client();
    let mut tx = holder.transaction().unwrap();
    tx.execute(
        "SELECT pg_advisory_xact_lock($1)",
        &[&pg_open::MIGRATE_LOCK],
    )
    .unwrap();
    // Would block for ever on the lock if opening migrated again.
    let conn = open(db.url(), IfMissing::Refuse).unwrap();
    assert!(!pg_open::needs_migration(&conn, "test").unwrap());
    tx.rollback().unwrap();
}

#[test]
fn the_schema_has_sqlites_tables_columns_indexes_and_triggers() {
    let db = pg_db!("same_shape");
    open(db.url(), IfMissing::Create).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("register.db");
    claimtrack::store::Store::create_or_open(&claimtrack::store::Location::File(path.clone()))
        .unwrap();
    let sqlite = rusqlite::Connection::open(&path).unwrap();
    let names = |sql: &str| -> Vec<String> {
        let mut statement = sqlite.prepare(sql).unwrap();
        statement
            .query_map([], |row| row.get(0))
            .unwrap()
            .map(Result::unwrap)
            .collect()
    };
    let sqlite_tables = names(
        "SELECT name FROM sqlite_master WHERE type = 'table'
         AND name NOT LIKE 'claims_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    );
    let mut sqlite_columns = BTreeMap::new();
    for table in &sqlite_tables {
        let columns = names(&format!(
            "SELECT name FROM pragma_table_info('{table}') ORDER BY cid"
        ));
        sqlite_columns.insert(table.clone(), columns);
    }
    let mut client = db.client();
    let mut pg_columns: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for row in client
        .query(
            "SELECT table_name::TEXT, column_name::TEXT FROM information_schema.columns
             WHERE table_schema = current_schema() AND table_name <> 'claimtrack_schema'
             ORDER BY table_name, ordinal_position",
            &[],
        )
        .unwrap()
    {
        pg_columns.entry(row.get(0)).or_default().push(row.get(1));
    }
    assert_eq!(
        pg_columns, sqlite_columns,
        "the same tables and columns, in order"
    );

    let sqlite_indexes = names(
        "SELECT name FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL ORDER BY name",
    );
    let pg_indexes: Vec<String> = client
        .query(
            "SELECT indexname::TEXT FROM pg_indexes WHERE schemaname = current_schema()
             AND indexname NOT LIKE '%_pkey' AND indexname NOT LIKE '%_key' ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(pg_indexes, sqlite_indexes);

    let sqlite_triggers = names(
        "SELECT name FROM sqlite_master WHERE type = 'trigger'
         AND name NOT LIKE 'claims_fts%' ORDER BY name",
    );
    let pg_triggers: Vec<String> = client
        .query(
            "SELECT DISTINCT trigger_name::TEXT FROM information_schema.triggers
             WHERE trigger_schema = current_schema() ORDER BY 1",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    for trigger in &sqlite_triggers {
        assert!(
            pg_triggers.contains(trigger),
            "{trigger} is missing: {pg_triggers:?}"
        );
    }
    let integers: i64 = client
        .query_one(
            "SELECT count(*) FROM information_schema.columns WHERE table_schema = current_schema()
             AND data_type IN ('integer', 'smallint')",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(integers, 0, "every integer column is BIGINT");
}

#[test]
fn a_read_never_creates_the_register() {
    let db = pg_db!("read_creates_nothing");
    let err = open(db.url(), IfMissing::Refuse).err().unwrap();
    assert!(matches!(err, Error::NoDatabase(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "no claimtrack database at {} (`claimtrack ingest` creates one)",
            db.url()
        )
    );
    assert!(tables(&mut db.client()).is_empty(), "nothing was created");
}

#[test]
fn a_newer_register_is_refused_untouched() {
    let db = pg_db!("newer");
    open(db.url(), IfMissing::Create).unwrap();
    let mut client = db.client();
    client
        .batch_execute("UPDATE claimtrack_schema SET version = 99")
        .unwrap();
    let before = tables(&mut client);
    for if_missing in [IfMissing::Create, IfMissing::Refuse] {
        let err = open(db.url(), if_missing).err().unwrap();
        assert!(
            matches!(err, Error::SchemaTooNew { found: 99, .. }),
            "{err:?}"
        );
        assert!(
            err.to_string()
                .contains("schema version 99 is newer than this claimtrack knows"),
            "{err}"
        );
    }
    assert_eq!(schema_version(&mut client), 99);
    assert_eq!(tables(&mut client), before);
}

#[test]
fn a_version_7_register_is_migrated_with_its_rows() {
    let db = pg_db!("from_7");
    let mut client = db.client();
    let schema = include_str!("../schema-postgres.sql");
    let (_, from_7) = schema.split_once("-- @migration 7\n").unwrap();
    let (version_7, _) = from_7.split_once("-- @migration 8\n").unwrap();
    client.batch_execute(version_7).unwrap();
    client
        .batch_execute(&format!(
            "CREATE TABLE claimtrack_schema (application TEXT PRIMARY KEY, version BIGINT NOT NULL);
             INSERT INTO claimtrack_schema VALUES ('claimtrack', 7);
             {AN_ARTICLE_AND_ITS_CLAIM}
             INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset)
                 VALUES (1, 1, 1, 0, 20);"
        ))
        .unwrap();
    open(db.url(), IfMissing::Refuse).unwrap();
    assert_eq!(schema_version(&mut client), pg_open::SCHEMA_VERSION);
    let row: (i64, String) = client
        .query_one(
            "SELECT p.claim_id, c.text FROM appearances p JOIN claims c ON c.id = p.claim_id",
            &[],
        )
        .map(|r| (r.get(0), r.get(1)))
        .unwrap();
    assert_eq!(row, (1, "It rained, she said.".to_string()));
    let err = client
        .batch_execute(
            "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset)
                 VALUES (1, 2, 2, 0, 20)",
        )
        .err()
        .unwrap();
    let db_error = err.as_db_error().unwrap();
    assert_eq!(
        db_error.code(),
        &postgres::error::SqlState::FOREIGN_KEY_VIOLATION
    );
    assert_eq!(
        db_error.message(),
        "appearance (article 1, position 2): claim 2 does not exist",
        "checked by migration 8's trigger, not by version 7's foreign key"
    );
}

#[test]
fn a_foreign_database_is_refused_untouched() {
    let db = pg_db!("foreign");
    let mut client = db.client();
    client
        .batch_execute("CREATE TABLE invoices (id BIGINT PRIMARY KEY)")
        .unwrap();
    let err = open(db.url(), IfMissing::Create).err().unwrap();
    assert!(matches!(err, Error::NotOurs(_)), "{err:?}");
    assert_eq!(
        err.to_string(),
        format!(
            "{}: not a claimtrack database; refusing to touch it",
            db.url()
        )
    );
    assert_eq!(tables(&mut client), ["invoices"]);

    client
        .batch_execute(
            "DROP TABLE invoices;
             CREATE TABLE claimtrack_schema (application TEXT PRIMARY KEY, version BIGINT);
             INSERT INTO claimtrack_schema VALUES ('someone-else', 1)",
        )
        .unwrap();
    let err = open(db.url(), IfMissing::Create).err().unwrap();
    assert!(matches!(err, Error::NotOurs(_)), "{err:?}");
    assert_eq!(tables(&mut client), ["claimtrack_schema"]);
}

#[test]
fn the_history_tables_refuse_update_delete_and_truncate() {
    let db = pg_db!("append_only");
    open(db.url(), IfMissing::Create).unwrap();
    let mut client = db.client();
    client
        .batch_execute(&format!(
            "{AN_ARTICLE_AND_ITS_CLAIM}
             INSERT INTO reviews (claim_id, event, old_status, new_status, created_at)
                 VALUES (1, 'status', 'unverified', 'false', 'now');
             INSERT INTO status_events (event, status, reviewer, created_at)
                 VALUES ('retire', 'false', 'ann', 'now');"
        ))
        .unwrap();
    for (table, message) in [
        ("reviews", "review history is append-only"),
        ("status_events", "status history is append-only"),
    ] {
        for sql in [
            format!("UPDATE {table} SET created_at = 'later'"),
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table} CASCADE"),
        ] {
            let err = client.batch_execute(&sql).err().unwrap();
            let db_error = err.as_db_error().unwrap_or_else(|| panic!("{sql}: {err}"));
            assert_eq!(db_error.message(), message, "{sql}");
        }
        let rows: i64 = client
            .query_one(&format!("SELECT count(*) FROM {table}"), &[])
            .unwrap()
            .get(0);
        assert_eq!(rows, 1, "{table} kept its row");
    }
    let err = client
        .batch_execute("UPDATE claims SET status = 'maybe'")
        .err()
        .unwrap();
    assert_eq!(
        err.code(),
        Some(&postgres::error::SqlState::FOREIGN_KEY_VIOLATION),
        "a status must be one of the register's: {err}"
    );
    client
        .batch_execute(
            "UPDATE claims SET status = 'false';
             UPDATE statuses SET name = 'refuted' WHERE name = 'false'",
        )
        .unwrap();
    let status: String = client
        .query_one("SELECT status FROM claims", &[])
        .unwrap()
        .get(0);
    assert_eq!(status, "refuted", "a status rename cascades to its claims");
}

#[test]
fn dangling_references_are_refused_and_what_they_point_at_is_kept() {
    let db = pg_db!("references");
    open(db.url(), IfMissing::Create).unwrap();
    let mut client = db.client();
    client
        .batch_execute(
            "INSERT INTO articles (source, version, sha256, ingested_at, claim_count, flagged_count)
                 VALUES ('a', 1, 'x', 'now', 1, 0);
             INSERT INTO speakers (speaker) VALUES ('the mayor');
             INSERT INTO claims (article_id, position, text, norm_hash, start_offset, end_offset,
                 speaker_id, created_at, updated_at)
                 VALUES (1, 1, 'It rained, the mayor said.', 0, 0, 26, 1, 'now', 'now');
             INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset)
                 VALUES (1, 1, 1, 0, 26);",
        )
        .unwrap();
    const CLAIM: &str = "INSERT INTO claims (article_id, position, text, norm_hash,
        start_offset, end_offset, speaker_id, created_at, updated_at)";
    const APPEARANCE: &str =
        "INSERT INTO appearances (article_id, position, claim_id, start_offset, end_offset)";
    for (sql, missing) in [
        (
            format!(
                "{CLAIM} VALUES (1, 2, 'b', 0, 0, 1, NULL, 'now', 'now'), (7, 3, 'c', 0, 0, 1, NULL, 'now', 'now')"
            ),
            "article 7 does not exist",
        ),
        (
            format!("{CLAIM} VALUES (1, 2, 'b', 0, 0, 1, 9, 'now', 'now')"),
            "speaker 9 does not exist",
        ),
        (
            "UPDATE claims SET article_id = 8".into(),
            "claim 1: article 8 does not exist",
        ),
        (
            "UPDATE claims SET speaker_id = 9".into(),
            "claim 1: speaker 9 does not exist",
        ),
        (
            format!("{APPEARANCE} VALUES (1, 2, 1, 0, 1), (1, 3, 5, 0, 1)"),
            "appearance (article 1, position 3): claim 5 does not exist",
        ),
        (
            format!("{APPEARANCE} VALUES (6, 1, 1, 0, 1)"),
            "appearance (article 6, position 1): article 6 does not exist",
        ),
        (
            "UPDATE appearances SET claim_id = 4".into(),
            "appearance (article 1, position 1): claim 4 does not exist",
        ),
    ] {
        let err = client
            .batch_execute(&sql)
            .err()
            .unwrap_or_else(|| panic!("{sql} was taken"));
        let db_error = err.as_db_error().unwrap_or_else(|| panic!("{sql}: {err}"));
        assert_eq!(
            db_error.code(),
            &postgres::error::SqlState::FOREIGN_KEY_VIOLATION,
            "{sql}"
        );
        assert!(
            db_error.message().ends_with(missing),
            "{sql}: {}",
            db_error.message()
        );
    }
    for (table, message) in [
        ("articles", "articles are never deleted"),
        ("claims", "claims are never deleted"),
        ("speakers", "speakers are never deleted"),
    ] {
        for sql in [
            format!("DELETE FROM {table}"),
            format!("TRUNCATE {table} CASCADE"),
        ] {
            let err = client
                .batch_execute(&sql)
                .err()
                .unwrap_or_else(|| panic!("{sql} was taken"));
            assert_eq!(
                err.as_db_error().map(|e| e.message()),
                Some(message),
                "{sql}"
            );
        }
        let sql = format!("UPDATE {table} SET id = id + 10");
        let err = client
            .batch_execute(&sql)
            .err()
            .unwrap_or_else(|| panic!("{sql} was taken"));
        assert!(
            err.as_db_error()
                .unwrap()
                .message()
                .ends_with("id never changes"),
            "{sql}: {err}"
        );
    }
    let kept: i64 = client
        .query_one(
            "SELECT (SELECT count(*) FROM articles) + (SELECT count(*) FROM claims)
                  + (SELECT count(*) FROM speakers) + (SELECT count(*) FROM appearances)",
            &[],
        )
        .unwrap()
        .get(0);
    assert_eq!(kept, 4, "every row is where it was");
    client
        .batch_execute("UPDATE claims SET speaker_id = NULL, text = 'It rained.'")
        .expect("a reference to nothing (NULL) and other columns change freely");
}

#[test]
fn the_fold_functions_give_what_the_rust_ones_give() {
    let db = pg_db!("fold");
    open(db.url(), IfMissing::Create).unwrap();
    let mut client = db.client();
    let samples = [
        "Mevlüt  Çavuşoğlu",
        "ŁUKASZ Ørsted İstanbul Đorđe Þór Ħal",
        "Straße STRASSE ẞ Æsir Œuvre",
        "curly “quotes”  and ‘single’ «Kremlin» „low‟ ‹x› `tick`",
        "ΑΘΗΝΑΣ Ἀθῆναι αθηνας",
        "МИД России Ёлка",
        "tab\tand\nnew\u{a0}line\u{3000}ideographic",
        "ﬁ ligature ① circled ＦＵＬＬ",
        "",
    ];
    // And every line of the seed articles: real copy, as the register holds it.
    let seeds: Vec<String> = [
        "seeds/000_603c3ce12f8f4009.txt",
        "seeds/002_7a10996a83bded68.txt",
    ]
    .iter()
    .flat_map(|path| {
        crate::common::read(path)
            .lines()
            .map(str::to_string)
            .collect::<Vec<_>>()
    })
    .collect();
    for sample in samples
        .iter()
        .copied()
        .chain(seeds.iter().map(String::as_str))
    {
        let row = client
            .query_one(
                "SELECT claimtrack_fold($1), claimtrack_words($1), instr($1, 'a')",
                &[&sample],
            )
            .unwrap();
        let folded: String = row.get(0);
        assert_eq!(folded, claimtrack::fold::fold(sample), "fold of {sample:?}");
        let words: String = row.get(1);
        let expected: String = claimtrack::fold::fold(sample)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .flat_map(|w| [" ", w])
            .chain([" "])
            .collect();
        assert_eq!(words, expected, "words of {sample:?}");
        let position: i64 = row.get(2);
        let expected = sample
            .find('a')
            .map_or(0, |at| sample[..at].chars().count() + 1);
        assert_eq!(position, expected as i64, "instr of {sample:?}");
    }
    let nulls: bool = client
        .query_one(
            "SELECT claimtrack_fold(NULL) IS NULL AND claimtrack_words(NULL) IS NULL",
            &[],
        )
        .unwrap()
        .get(0);
    assert!(nulls);
}

#[test]
fn the_reviewer_default_is_the_database_user() {
    let db = pg_db!("current_user");
    let conn = open(db.url(), IfMissing::Create).unwrap();
    let expected: String = db
        .client()
        .query_one("SELECT current_user::TEXT", &[])
        .unwrap()
        .get(0);
    assert_eq!(pg_open::current_user(&conn).unwrap(), expected);
}

/// One test for everything that logs in with a password: the test server's
/// `claimtrack_password_user` has one password at a time.
#[test]
fn passwords_come_from_the_url_pgpassword_or_the_password_file_and_never_show() {
    let db = pg_db!("passwords");
    let secret = format!("pw-{}-{}", std::process::id(), "s3cr3t");
    db.admin()
        .batch_execute(&format!(
            "ALTER ROLE claimtrack_password_user PASSWORD '{secret}'"
        ))
        .unwrap();
    let role = "claimtrack_password_user";
    let dir = tempfile::tempdir().unwrap();
    let pass_file = dir.path().join("pgpass");
    let pass_file_env = pass_file.to_string_lossy().into_owned();
    let with_file = |name: &str| match name {
        "PGPASSFILE" => Some(pass_file_env.clone()),
        _ => sealed_env(name),
    };
    let logged_in_as = |conn: PgConnection| pg_open::current_user(&conn).unwrap();

    // The password file, libpq's format, read only when its mode is 0600.
    std::fs::write(
        &pass_file,
        format!("# claimtrack test\nelsewhere:*:*:*:wrong\n127.0.0.1:*:*:{role}:{secret}\n"),
    )
    .unwrap();
    set_mode(&pass_file, 0o600);
    let url = db.url_as(role);
    let conn = pg_open::connect_with(&url, &with_file).expect("the password file is read");
    assert_eq!(logged_in_as(conn), role);
    set_mode(&pass_file, 0o644);
    let err = pg_open::connect_with(&url, &with_file)
        .err()
        .unwrap()
        .to_string();
    assert!(
        err.contains("was ignored") && err.contains("chmod 0600"),
        "{err}"
    );

    // PGPASSWORD, before the file.
    let with_variable = |name: &str| match name {
        "PGPASSWORD" => Some(secret.clone()),
        _ => with_file(name),
    };
    let conn = pg_open::connect_with(&url, &with_variable).expect("PGPASSWORD is read");
    assert_eq!(logged_in_as(conn), role);

    // The URL's own, percent-encoded, and never in a message.
    let encoded = secret.replace('-', "%2D");
    let conn = pg_open::connect_with(&db.url_as(&format!("{role}:{encoded}")), &sealed_env)
        .expect("the URL's password");
    assert_eq!(logged_in_as(conn), role);
    let wrong = "Wr0ng-Pa55word";
    let with_wrong = db.url_as(&format!("{role}:{wrong}"));
    let err = pg_open::connect_with(&with_wrong, &sealed_env)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("password authentication failed"), "{err}");
    assert!(err.contains(&format!("{role}:***@")), "{err}");
    assert!(!err.contains(wrong), "{err}");
    let in_parameter = format!("{}?password={wrong}", db.url_as(role));
    let err = pg_open::connect_with(&in_parameter, &sealed_env)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("password=***"), "{err}");
    assert!(!err.contains(wrong), "{err}");
    // Nothing listens on port 1: refused, and the message still hides it.
    let refused = format!("postgres://{role}:{wrong}@127.0.0.1:1/x");
    let err = pg_open::connect_with(&refused, &sealed_env)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("cannot connect"), "{err}");
    assert!(!err.contains(wrong), "{err}");
    let missing = open(&db.url_as(&format!("{role}:{secret}")), IfMissing::Refuse)
        .err()
        .unwrap()
        .to_string();
    assert!(missing.contains("no claimtrack database at"), "{missing}");
    assert!(!missing.contains(&secret), "{missing}");
}

fn set_mode(path: &std::path::Path, mode: u32) {
    use std::os::unix::fs::PermissionsExt;
    std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap();
}

#[test]
fn an_empty_database_reads_as_empty_and_a_register_as_ours() {
    let db = pg_db!("inspect");
    let conn = pg_open::connect_with(db.url(), &sealed_env).unwrap();
    assert_eq!(pg_open::inspect(&conn, "x").unwrap(), SchemaState::Empty);
    assert!(pg_open::needs_migration(&conn, "x").unwrap());
    pg_open::migrate(&conn, "x").unwrap();
    assert_eq!(
        pg_open::inspect(&conn, "x").unwrap(),
        SchemaState::Ours {
            version: SCHEMA_VERSION
        }
    );
    pg_open::migrate(&conn, "x").expect("migrating again does nothing");
}

#[test]
fn a_register_set_up_by_a_member_of_the_owning_role_belongs_to_that_role() {
    let db = pg_db!("owner");
    let desk = format!("ct_desk_{}", std::process::id());
    let mut admin = db.admin();
    admin
        .batch_execute(&format!(
            "DROP ROLE IF EXISTS {desk}; CREATE ROLE {desk} NOLOGIN; GRANT {desk} TO current_user"
        ))
        .unwrap();
    let mut client = db.client();
    let name: String = client
        .query_one("SELECT current_database()::TEXT", &[])
        .unwrap()
        .get(0);
    client
        .batch_execute(&format!("ALTER DATABASE \"{name}\" OWNER TO {desk}"))
        .unwrap();
    // PostgreSQL 15: the public schema belongs to the database's owner.
    open(db.url(), IfMissing::Create).unwrap();
    let owners: Vec<String> = client
        .query(
            "SELECT DISTINCT tableowner::TEXT FROM pg_tables WHERE schemaname = current_schema()",
            &[],
        )
        .unwrap()
        .iter()
        .map(|row| row.get(0))
        .collect();
    assert_eq!(owners, [desk.as_str()], "every table is the desk's");
    let functions: i64 = client
        .query_one(
            "SELECT count(*) FROM pg_proc WHERE proname = 'claimtrack_fold'
             AND pg_get_userbyid(proowner) = $1",
            &[&desk],
        )
        .unwrap()
        .get(0);
    assert_eq!(functions, 1, "the functions too");
    drop(client);
    drop(db);
    admin
        .batch_execute(&format!("DROP ROLE IF EXISTS {desk}"))
        .unwrap();
}

/// On PostgreSQL an ingest holds its claims' rows back across the articles of a
/// batch and writes them in a few statements, at the batch's commit at the
/// latest. Should the server refuse one article's rows there, that article still
/// leaves nothing, and the rest of its batch lands, article by article.
#[test]
fn an_article_refused_when_its_batch_is_written_leaves_nothing_and_the_rest_lands() {
    use crate::common::reliability::claimtrack;
    let db = pg_db!("refused_at_batch_write");
    let dir = tempfile::tempdir().unwrap();
    crate::common::five_articles_the_third_refused(dir.path());
    open(db.url(), IfMissing::Create).unwrap();
    let mut client = db.client();
    client
        .batch_execute(
            "CREATE FUNCTION refuse() RETURNS trigger LANGUAGE plpgsql AS $$
             BEGIN
               IF (SELECT text FROM claims WHERE id = NEW.claim_id) LIKE '%REFUSE-ME%' THEN
                 RAISE EXCEPTION 'refused by the test';
               END IF;
               RETURN NEW;
             END $$;
             CREATE TRIGGER refuse BEFORE INSERT ON appearances
               FOR EACH ROW EXECUTE FUNCTION refuse();",
        )
        .unwrap();
    let out = claimtrack(db.url())
        .args(["ingest", dir.path().to_str().unwrap()])
        .output()
        .unwrap();
    let (stdout, err) = (
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr),
    );
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("3.txt") && err.contains("refused by the test"),
        "{err}"
    );
    let reported: Vec<&str> = stdout.lines().collect();
    assert_eq!(reported.len(), 4, "{stdout}");
    for (line, n) in reported.iter().zip([1, 2, 4, 5]) {
        assert!(line.contains(&format!("{n}.txt: 2 claims")), "{line}");
    }
    let count = |client: &mut postgres::Client, sql: &str| -> i64 {
        client.query_one(sql, &[]).unwrap().get(0)
    };
    assert_eq!(count(&mut client, "SELECT count(*) FROM articles"), 4);
    assert_eq!(count(&mut client, "SELECT count(*) FROM claims"), 8);
    assert_eq!(count(&mut client, "SELECT count(*) FROM appearances"), 8);
}

/// Claim ids stay dense across ingests although PostgreSQL's are drawn from
/// the sequence many at a time, and rows cross the statements' 256-row limit.
#[test]
fn claims_of_many_articles_get_dense_ids_across_ingests() {
    use crate::common::reliability::claimtrack;
    let db = pg_db!("dense_claim_ids");
    let dir = tempfile::tempdir().unwrap();
    for n in 1..=40 {
        let body: String = (1..=8)
            .map(|k| format!("The mayor of town {n} said road {k} was open on day {n}.\n"))
            .collect();
        std::fs::write(
            dir.path().join(format!("{n:02}.txt")),
            format!("Article {n}.\n{body}"),
        )
        .unwrap();
    }
    let later = tempfile::tempdir().unwrap();
    std::fs::write(
        later.path().join("later.txt"),
        "Later.\nThe army said the bridge held.\n",
    )
    .unwrap();
    for input in [dir.path(), later.path()] {
        crate::common::reliability::ok(db.url(), &["ingest", input.to_str().unwrap()]);
    }
    let row = db
        .client()
        .query_one(
            "SELECT count(*), min(id), max(id),
                    (SELECT count(*) FROM appearances p JOIN claims c ON c.id = p.claim_id
                     WHERE c.article_id = p.article_id AND c.position = p.position)
             FROM claims",
            &[],
        )
        .unwrap();
    let (claims, first, last, matched): (i64, i64, i64, i64) =
        (row.get(0), row.get(1), row.get(2), row.get(3));
    assert!(
        claims > 300,
        "{claims} claims: the test must cross 256 rows"
    );
    assert_eq!((first, last), (1, claims));
    assert_eq!(matched, claims, "every claim has its own appearance");
    let ok = claimtrack(db.url()).arg("check").output().unwrap();
    assert!(
        ok.status.success(),
        "{}",
        String::from_utf8_lossy(&ok.stderr)
    );
}
