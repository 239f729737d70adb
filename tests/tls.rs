//! TLS to PostgreSQL as libpq's `sslmode`, `sslrootcert`, `sslcert` and
//! `sslkey` say, on the test server scripts/pg-server.sh starts: TLS on
//! 127.0.0.1 with a certificate for localhost and 127.0.0.1 from a throwaway
//! CA (CLAIMTRACK_TEST_PG_CA), next to which lie other-ca.crt (a CA that signed
//! nothing) and client.crt/client.key (claimtrack_cert_user's certificate).
//! Whether a connection is encrypted is asked of the server (pg_stat_ssl).

use crate::common::postgres::PgDb;
use crate::common::{Env, s};
use claimtrack::store::pg_open;
use claimtrack::store::sql::{Connection, Query};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// A password the URLs carry (the server trusts the test roles, so it is never
/// checked): no message may show it.
const SECRET: &str = "hunter2-tls-secret";

/// The test's database and the test server's CA, or `None` when PostgreSQL
/// tests do not run here.
fn tls_db(test: &str) -> Option<(PgDb, PathBuf)> {
    let db = PgDb::fresh(test)?;
    let ca = std::env::var_os("CLAIMTRACK_TEST_PG_CA").unwrap_or_else(|| {
        panic!("CLAIMTRACK_TEST_PG_CA is not set: start the server with scripts/pg-server.sh")
    });
    Some((db, PathBuf::from(ca)))
}

/// `db`'s URL with `host` instead of 127.0.0.1, the password, and `params`.
fn url(db: &PgDb, host: &str, params: &str) -> String {
    let with_password = db.url_as(&format!("claimtrack_test:{SECRET}"));
    format!(
        "{}?{params}",
        with_password.replace("@127.0.0.1:", &format!("@{host}:"))
    )
}

/// A file next to the CA's certificate.
fn beside(ca: &Path, name: &str) -> String {
    ca.with_file_name(name).to_string_lossy().into_owned()
}

/// Whether the server sees the connection `url` opens as encrypted (none of
/// libpq's variables, no HOME: what the URL says is what the test gets).
fn encrypted(url: &str) -> bool {
    let conn = pg_open::connect_with(url, &|_| None).unwrap_or_else(|e| panic!("{e}"));
    let db: &dyn Connection = &conn;
    db.query_value(
        "SELECT ssl FROM pg_stat_ssl WHERE pid = pg_backend_pid()",
        &[],
    )
    .unwrap()
}

/// Ingests a line and lists it back through the binary on `url`.
fn binary_works_on(env: &Env, url: &str) {
    let article = env.file("a.txt", b"The mayor said the bridge would reopen in May.\n");
    let run = |args: &[&str]| {
        let out = env.cmd_on(Path::new(url)).args(args).output().unwrap();
        assert!(
            out.status.success(),
            "{args:?} on {url}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    run(&["ingest", s(&article)]);
    assert!(run(&["export", "--format", "json"]).contains("the bridge would reopen"));
}

/// The binary's one-line refusal of `url`: exit 1, the URL redacted, never
/// the password.
fn refusal(env: &Env, url: &str) -> String {
    let out = env.cmd_on(Path::new(url)).arg("list").output().unwrap();
    assert_eq!(out.status.code(), Some(1), "{url} should be refused");
    let err = String::from_utf8(out.stderr).unwrap();
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    assert!(err.contains("claimtrack_test:***@"), "{err}");
    assert!(!err.contains(SECRET), "{err}");
    err
}

#[test]
fn require_connects_encrypted() {
    let Some((db, _)) = tls_db("tls_require") else {
        return;
    };
    assert!(encrypted(&url(&db, "127.0.0.1", "sslmode=require")));
    binary_works_on(&Env::new(), &url(&db, "127.0.0.1", "sslmode=require"));
}

#[test]
fn verify_full_with_the_test_ca_works_on_localhost() {
    let Some((db, ca)) = tls_db("tls_verify_full") else {
        return;
    };
    let url = url(
        &db,
        "localhost",
        &format!("sslmode=verify-full&sslrootcert={}", ca.display()),
    );
    assert!(encrypted(&url));
    binary_works_on(&Env::new(), &url);
}

#[test]
fn verify_full_refuses_a_name_not_in_the_certificate() {
    let Some((db, ca)) = tls_db("tls_wrong_name") else {
        return;
    };
    // The server's address, under a name its certificate does not give.
    let params = |mode: &str| {
        format!(
            "hostaddr=127.0.0.1&sslmode={mode}&sslrootcert={}",
            ca.display()
        )
    };
    let err = refusal(
        &Env::new(),
        &url(&db, "claimtrack-wrong.invalid", &params("verify-full")),
    );
    assert!(err.contains("claimtrack-wrong.invalid"), "{err}");
    assert!(err.contains("not valid for name"), "{err}");
    // verify-ca checks the chain only: the same name is accepted.
    assert!(encrypted(&url(
        &db,
        "claimtrack-wrong.invalid",
        &params("verify-ca")
    )));
}

#[test]
fn verify_ca_with_a_wrong_root_fails() {
    let Some((db, ca)) = tls_db("tls_wrong_root") else {
        return;
    };
    let other = beside(&ca, "other-ca.crt");
    let err = refusal(
        &Env::new(),
        &url(
            &db,
            "127.0.0.1",
            &format!("sslmode=verify-ca&sslrootcert={other}"),
        ),
    );
    assert!(
        err.contains(&format!("not signed by a root in {other}")),
        "{err}"
    );
    // A root file that is not there: said before any connection.
    let err = refusal(
        &Env::new(),
        &url(
            &db,
            "127.0.0.1",
            "sslmode=verify-ca&sslrootcert=/nonexistent/root.crt",
        ),
    );
    assert!(err.contains("needs the root certificate"), "{err}");
}

#[test]
fn require_checks_the_chain_when_a_root_file_is_in_home() {
    let Some((db, ca)) = tls_db("tls_require_home_root") else {
        return;
    };
    let env = Env::new();
    // The binary's HOME is the test's directory: ~/.postgresql/root.crt is there.
    let root = env.dir.path().join(".postgresql/root.crt");
    std::fs::create_dir_all(root.parent().unwrap()).unwrap();
    std::fs::copy(beside(&ca, "other-ca.crt"), &root).unwrap();
    let url = url(&db, "127.0.0.1", "sslmode=require");
    let err = refusal(&env, &url);
    assert!(err.contains("not signed by a root in"), "{err}");
    std::fs::copy(&ca, &root).unwrap();
    binary_works_on(&env, &url);
}

#[test]
fn prefer_uses_tls_when_offered_and_disable_stays_plain() {
    let Some((db, ca)) = tls_db("tls_prefer") else {
        return;
    };
    assert!(encrypted(&url(&db, "127.0.0.1", "sslmode=prefer")));
    assert!(
        encrypted(&url(&db, "127.0.0.1", "application_name=x")),
        "prefer is the default"
    );
    assert!(!encrypted(&url(&db, "127.0.0.1", "sslmode=disable")));
    // libpq's prefer falls back to plain when the handshake fails.
    let other = beside(&ca, "other-ca.crt");
    assert!(!encrypted(&url(
        &db,
        "127.0.0.1",
        &format!("sslmode=prefer&sslrootcert={other}")
    )));
    // A Unix socket is plain, whatever the mode: the server offers no TLS there.
    let socket_dir = ca.parent().unwrap().parent().unwrap();
    let socket = format!(
        "{}?sslmode=verify-full",
        db.url()
            .replace("127.0.0.1", &s(socket_dir).replace('/', "%2F"))
    );
    assert!(!encrypted(&socket));
}

#[test]
fn allow_turns_to_tls_when_the_server_refuses_plain() {
    let Some((db, _)) = tls_db("tls_allow") else {
        return;
    };
    // The test server accepts claimtrack_tls_user over TLS only.
    let as_tls_user = |mode: &str| format!("{}?sslmode={mode}", db.url_as("claimtrack_tls_user"));
    assert!(encrypted(&as_tls_user("allow")));
    let err = pg_open::connect_with(&as_tls_user("disable"), &|_| None)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("no encryption"), "{err}");
}

#[test]
fn a_client_certificate_logs_in() {
    let Some((db, ca)) = tls_db("tls_client_cert") else {
        return;
    };
    // The test server lets claimtrack_cert_user in with client.crt only.
    let as_cert_user = db.url_as("claimtrack_cert_user");
    let with_cert = format!(
        "{as_cert_user}?sslmode=verify-full&sslrootcert={}&sslcert={}&sslkey={}",
        ca.display(),
        beside(&ca, "client.crt"),
        beside(&ca, "client.key")
    );
    assert!(encrypted(&with_cert));
    let err = pg_open::connect_with(&format!("{as_cert_user}?sslmode=require"), &|_| None)
        .err()
        .unwrap()
        .to_string();
    assert!(err.contains("certificate"), "{err}");
    // libpq's default place, ~/.postgresql/postgresql.crt and .key; the
    // register set up as that role.
    db.client()
        .batch_execute("GRANT CREATE ON SCHEMA public TO claimtrack_cert_user")
        .unwrap();
    let env = Env::new();
    let dot = env.dir.path().join(".postgresql");
    std::fs::create_dir_all(&dot).unwrap();
    std::fs::copy(beside(&ca, "client.crt"), dot.join("postgresql.crt")).unwrap();
    std::fs::copy(beside(&ca, "client.key"), dot.join("postgresql.key")).unwrap();
    let out = env
        .cmd_on(Path::new(&format!("{as_cert_user}?sslmode=require")))
        .args(["ingest", "-"])
        .write_stdin("The minister said the talks had failed.\n")
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

/// A server that answers TLS's request with "no", then hangs up: what
/// `require` must refuse in one line. Needs no PostgreSQL.
#[test]
fn require_refuses_a_server_that_offers_no_tls() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = listener.local_addr().unwrap().port();
    let server = std::thread::spawn(move || {
        let (mut stream, _) = listener.accept().unwrap();
        let mut ssl_request = [0u8; 8];
        stream.read_exact(&mut ssl_request).unwrap();
        stream.write_all(b"N").unwrap();
        ssl_request
    });
    let url = format!("postgres://claimtrack_test:{SECRET}@127.0.0.1:{port}/desk?sslmode=require");
    let err = refusal(&Env::new(), &url);
    assert!(
        err.contains("the server does not offer TLS, and sslmode=require requires it"),
        "{err}"
    );
    // PostgreSQL's SSLRequest: length 8, code 80877103.
    assert_eq!(server.join().unwrap(), [0, 0, 0, 8, 4, 210, 22, 47]);
}
