//! A fresh PostgreSQL database per test, on the server CLAIMTRACK_TEST_PG names
//! (scripts/pg-server.sh starts one; scripts/test-postgres.sh and CI do it for
//! you). Each test gets its own database, dropped when the test ends, so tests
//! run in parallel.
//!
//! Without CLAIMTRACK_TEST_PG, PostgreSQL tests return early saying so on
//! stderr, so a developer's `cargo test` runs the SQLite suite alone; with `CI`
//! set they fail instead, never skipping silently.

use std::sync::atomic::{AtomicUsize, Ordering};

/// The variable naming the test server: a URL whose role may create databases.
pub const SERVER_VAR: &str = "CLAIMTRACK_TEST_PG";

/// One test's database; dropped (with any connection left open) on drop.
pub struct PgDb {
    url: String,
    name: String,
    server: String,
}

impl PgDb {
    /// A new, empty database for the test `test`, or `None` when PostgreSQL
    /// tests do not run here (see [`server`]). Panics when the server is set
    /// and unreachable.
    pub fn fresh(test: &str) -> Option<PgDb> {
        let server = server()?;
        static NEXT: AtomicUsize = AtomicUsize::new(0);
        let slug: String = test
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() {
                    c.to_ascii_lowercase()
                } else {
                    '_'
                }
            })
            .take(30)
            .collect();
        let name = format!(
            "ct_{slug}_{}_{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::Relaxed)
        );
        let mut admin = admin_client(&server);
        admin
            .batch_execute(&format!("CREATE DATABASE \"{name}\" ENCODING 'UTF8'"))
            .unwrap_or_else(|e| panic!("{SERVER_VAR}: cannot create a test database: {e}"));
        Some(PgDb {
            url: with_database(&server, &name),
            name,
            server,
        })
    }

    /// The database's URL, for `--db` and the library's `pg_open` functions.
    pub fn url(&self) -> &str {
        &self.url
    }

    /// The server's URL with another role and password (the test server's
    /// `claimtrack_password_user` must give one).
    pub fn url_as(&self, userinfo: &str) -> String {
        let (scheme, rest) = self.url.split_once("://").unwrap();
        let host = rest.split_once('@').map_or(rest, |(_, host)| host);
        format!("{scheme}://{userinfo}@{host}")
    }

    /// A plain client on the test's database, for checking what the store did.
    pub fn client(&self) -> postgres::Client {
        postgres::Client::connect(&self.url, postgres::NoTls)
            .unwrap_or_else(|e| panic!("cannot connect to the test database: {e}"))
    }

    /// A client on the server's own database, as the test role.
    pub fn admin(&self) -> postgres::Client {
        admin_client(&self.server)
    }
}

impl Drop for PgDb {
    fn drop(&mut self) {
        // Best effort: a failed drop leaves a database on a throwaway server.
        if let Ok(mut admin) = postgres::Client::connect(&self.server, postgres::NoTls) {
            let _ = admin.batch_execute(&format!(
                "DROP DATABASE IF EXISTS \"{}\" WITH (FORCE)",
                self.name
            ));
        }
    }
}

/// The test server's URL when PostgreSQL tests run here; `None` (said once on
/// stderr) when CLAIMTRACK_TEST_PG is unset outside CI. Panics when it is
/// unset under CI: there the PostgreSQL tests never skip.
pub fn server() -> Option<String> {
    let server = std::env::var(SERVER_VAR).ok().filter(|s| !s.is_empty());
    if server.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{SERVER_VAR} is not set, and CI is: the PostgreSQL tests must run \
             (start a server with scripts/pg-server.sh, or run .ci/run)"
        );
        skipped_note();
    }
    server
}

/// Says once per test binary, on the real stderr (the test harness captures
/// `eprintln!`), that the PostgreSQL tests did not run.
fn skipped_note() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        use std::io::Write;
        let _ = writeln!(
            std::io::stderr(),
            "note: the PostgreSQL tests return early: {SERVER_VAR} is not set \
             (scripts/test-postgres.sh starts a server and runs them)"
        );
    });
}

fn admin_client(server: &str) -> postgres::Client {
    postgres::Client::connect(server, postgres::NoTls).unwrap_or_else(|e| {
        let cause = std::error::Error::source(&e).map(|c| format!(": {c}"));
        panic!(
            "{SERVER_VAR} is set but its server cannot be reached: {e}{}",
            cause.unwrap_or_default()
        )
    })
}

/// `server` (a URL) with its database replaced by `name`.
fn with_database(server: &str, name: &str) -> String {
    let (main, query) = match server.split_once('?') {
        Some((main, query)) => (main, format!("?{query}")),
        None => (server, String::new()),
    };
    let after_scheme = main.find("://").map_or(0, |at| at + 3);
    let base = match main[after_scheme..].find('/') {
        Some(slash) => &main[..after_scheme + slash],
        None => main,
    };
    format!("{base}/{name}{query}")
}
