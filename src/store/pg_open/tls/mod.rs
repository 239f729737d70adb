//! TLS for a connection, as libpq's `sslmode`, `sslrootcert`, `sslcert` and
//! `sslkey` say (<https://www.postgresql.org/docs/current/libpq-ssl.html>):
//!
//! - `disable` is plain; `allow` tries plain, then TLS if the server refuses
//!   it; `prefer` (the default) uses TLS when the server offers it, plain when
//!   it does not or when the handshake fails; `require` insists on TLS.
//! - A root certificate file (`sslrootcert`, else PGSSLROOTCERT, else
//!   `~/.postgresql/root.crt` when it exists) makes every mode check the
//!   server's chain, as `verify-ca` does; `verify-full` also checks the host
//!   name. `sslrootcert=system` is the system's trust store, and makes
//!   `verify-full` the default (weaker modes are refused with it).
//! - A client certificate (`sslcert`, PGSSLCERT, `~/.postgresql/postgresql.crt`)
//!   is sent with its key (`sslkey`, PGSSLKEY, `~/.postgresql/postgresql.key`),
//!   which others must not be able to read.
//!
//! Unix sockets never use TLS (the server offers none there); a host list that
//! mixes sockets and network hosts cannot require it.

mod files;
mod verify;

use super::Env;
use files::Identity;
use postgres::config::{Host, SslMode};
use rustls::client::danger::ServerCertVerifier;
use rustls::crypto::CryptoProvider;
use rustls::{CertificateError, ClientConfig};
use std::path::Path;
use std::sync::Arc;
use tokio_postgres_rustls::MakeRustlsConnect;

/// What the URL says about TLS, before the environment's defaults.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub(super) struct Params {
    pub mode: Option<String>,
    pub rootcert: Option<String>,
    pub cert: Option<String>,
    pub key: Option<String>,
}

impl Params {
    /// Takes `key=value` when it is one of the TLS parameters; false otherwise.
    pub fn take(&mut self, key: &str, value: &str) -> bool {
        let slot = match key {
            "sslmode" => &mut self.mode,
            "sslrootcert" => &mut self.rootcert,
            "sslcert" => &mut self.cert,
            "sslkey" => &mut self.key,
            _ => return false,
        };
        *slot = Some(value.to_string());
        true
    }
}

/// libpq's `sslmode`, weakest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Mode {
    Disable,
    Allow,
    Prefer,
    Require,
    VerifyCa,
    VerifyFull,
}

/// The modes as URLs write them.
const MODE_NAMES: [(Mode, &str); 6] = [
    (Mode::Disable, "disable"),
    (Mode::Allow, "allow"),
    (Mode::Prefer, "prefer"),
    (Mode::Require, "require"),
    (Mode::VerifyCa, "verify-ca"),
    (Mode::VerifyFull, "verify-full"),
];

impl Mode {
    fn parse(text: &str) -> Result<Mode, String> {
        MODE_NAMES
            .iter()
            .find(|(_, name)| *name == text)
            .map(|(mode, _)| *mode)
            .ok_or_else(|| {
                format!(
                    "sslmode must be disable, allow, prefer, require, verify-ca or verify-full, \
                     not '{text}'"
                )
            })
    }

    fn verifies(self) -> bool {
        self >= Mode::VerifyCa
    }
}

impl std::fmt::Display for Mode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (_, name) = MODE_NAMES
            .iter()
            .find(|(mode, _)| mode == self)
            .expect("every mode is named");
        f.write_str(name)
    }
}

/// How to connect: the mode, and the TLS client unless the mode is plain.
pub(super) struct Tls {
    mode: Mode,
    connector: Option<MakeRustlsConnect>,
    /// The roots the server's chain is checked against, for messages.
    roots: Option<String>,
}

/// The TLS settings for `params` with the environment's defaults, the files
/// they name read. `hosts` are where the connection goes: sockets never use TLS.
pub(super) fn settle(params: &Params, hosts: &[Host], env: Env<'_>) -> Result<Tls, String> {
    let rootcert = given(&params.rootcert, "PGSSLROOTCERT", env);
    let mode = mode(given(&params.mode, "PGSSLMODE", env), rootcert.as_deref())?;
    let sockets = hosts.iter().filter(|h| matches!(h, Host::Unix(_))).count();
    if mode == Mode::Disable || (sockets > 0 && sockets == hosts.len()) {
        return Ok(Tls {
            mode: Mode::Disable,
            connector: None,
            roots: None,
        });
    }
    if sockets > 0 && mode >= Mode::Require {
        return Err(format!(
            "sslmode={mode} cannot apply to a Unix socket (the server offers no TLS there): \
             give network hosts only"
        ));
    }
    let home = |file: &str| env("HOME").map(|home| Path::new(&home).join(".postgresql").join(file));
    let roots = files::roots(rootcert.as_deref(), mode, home("root.crt"))?;
    let identity = files::client_identity(params, env, home)?;
    let shown_roots = roots.as_ref().map(|(shown, _)| shown.clone());
    let verifier = verify::verifier(roots.map(|(_, store)| store), mode)?;
    let config = client_config(verifier, identity)?;
    Ok(Tls {
        mode,
        connector: Some(MakeRustlsConnect::new(config)),
        roots: shown_roots,
    })
}

/// A setting the URL gives, else its environment variable (an empty one is unset).
fn given(value: &Option<String>, var: &str, env: Env<'_>) -> Option<String> {
    value.clone().or_else(|| env(var)).filter(|v| !v.is_empty())
}

/// The mode given, else libpq's default: `verify-full` with the system's
/// roots, `prefer` otherwise. The system's roots allow no weaker mode.
fn mode(given: Option<String>, rootcert: Option<&str>) -> Result<Mode, String> {
    let system = rootcert == Some("system");
    let mode = match given {
        Some(mode) => Mode::parse(&mode)?,
        None if system => Mode::VerifyFull,
        None => Mode::Prefer,
    };
    if system && mode != Mode::VerifyFull {
        return Err(format!(
            "sslrootcert=system needs sslmode=verify-full, not sslmode={mode}: the system's \
             roots trust any public server, so only the host name check makes them mean something"
        ));
    }
    Ok(mode)
}

fn client_config(
    verifier: Arc<dyn ServerCertVerifier>,
    identity: Option<Identity>,
) -> Result<ClientConfig, String> {
    let builder = ClientConfig::builder_with_provider(provider())
        .with_safe_default_protocol_versions()
        .map_err(|e| e.to_string())?
        .dangerous()
        .with_custom_certificate_verifier(verifier);
    let mut config = match identity {
        Some((certs, key)) => builder
            .with_client_auth_cert(certs, key)
            .map_err(|e| format!("the client certificate: {e}"))?,
        None => builder.with_no_client_auth(),
    };
    // What PostgreSQL 17's direct TLS negotiation asks for; older servers ignore it.
    config.alpn_protocols = vec![b"postgresql".to_vec()];
    Ok(config)
}

fn provider() -> Arc<CryptoProvider> {
    Arc::new(rustls::crypto::ring::default_provider())
}

/// Every attempt a connection made, in order, when none succeeded.
pub(super) struct Failed(pub Vec<postgres::Error>);

/// Connects as `tls` says, with libpq's second attempts: `allow` retries
/// with TLS when the server refuses plain, `prefer` retries plain when the
/// handshake fails.
pub(super) fn connect(
    config: &mut postgres::Config,
    tls: &Tls,
) -> Result<postgres::Client, Failed> {
    let Some(connector) = &tls.connector else {
        return plain_connect(config).map_err(|e| Failed(vec![e]));
    };
    let encrypted = |config: &mut postgres::Config, mode| {
        config.ssl_mode(mode);
        config.connect(connector.clone())
    };
    let (first, retry): (_, fn(&postgres::Error) -> bool) = match tls.mode {
        Mode::Allow => (plain_connect(config), login_refused),
        Mode::Prefer => (encrypted(config, SslMode::Prefer), handshake_failed),
        _ => (encrypted(config, SslMode::Require), |_| false),
    };
    let first = match first {
        Ok(client) => return Ok(client),
        Err(err) if retry(&err) => err,
        Err(err) => return Err(Failed(vec![err])),
    };
    let second = match tls.mode {
        Mode::Allow => encrypted(config, SslMode::Require),
        _ => plain_connect(config),
    };
    second.map_err(|second| Failed(vec![first, second]))
}

/// Whether the server refused the login (pg_hba.conf's `hostssl` lines
/// refuse a plain one so): what `allow` retries with TLS.
fn login_refused(err: &postgres::Error) -> bool {
    err.as_db_error()
        .is_some_and(|db| db.code().code().starts_with("28"))
}

fn plain_connect(config: &mut postgres::Config) -> Result<postgres::Client, postgres::Error> {
    config.ssl_mode(SslMode::Disable);
    config.connect(postgres::NoTls)
}

/// Whether the error is the TLS handshake's (the crate's error kind is private:
/// its message is the only sign).
fn handshake_failed(err: &postgres::Error) -> bool {
    err.to_string()
        .starts_with("error performing TLS handshake")
}

impl Failed {
    /// Each attempt's cause, in the user's terms, on one line.
    pub fn describe(&self, tls: &Tls) -> String {
        let then = match tls.mode {
            Mode::Allow => "; then with TLS: ",
            _ => "; then without TLS: ",
        };
        self.0
            .iter()
            .map(|err| explain(err, tls).unwrap_or_else(|| super::url::cause_text(err)))
            .collect::<Vec<_>>()
            .join(then)
    }

    /// The last attempt's error: the one a hint about the login is for.
    pub fn last(&self) -> &postgres::Error {
        self.0.last().expect("a failed connection made an attempt")
    }
}

/// What a failed handshake means, in the user's terms, or `None` when the
/// error is not the handshake's.
fn explain(err: &postgres::Error, tls: &Tls) -> Option<String> {
    if !handshake_failed(err) {
        return None;
    }
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        if let Some(rustls) = find_rustls(cause) {
            return Some(match rustls {
                rustls::Error::InvalidCertificate(CertificateError::UnknownIssuer) => format!(
                    "TLS: the server's certificate is not signed by a root in {} (sslmode={})",
                    tls.roots.as_deref().unwrap_or("the roots"),
                    tls.mode
                ),
                other => format!("TLS: {other} (sslmode={})", tls.mode),
            });
        }
        if cause.to_string().contains("server does not support TLS") {
            return Some(format!(
                "the server does not offer TLS, and sslmode={} requires it",
                tls.mode
            ));
        }
        source = cause.source();
    }
    None
}

/// The rustls error inside `cause` (tokio-rustls wraps it in an I/O error).
fn find_rustls<'a>(cause: &'a (dyn std::error::Error + 'static)) -> Option<&'a rustls::Error> {
    if let Some(found) = cause.downcast_ref::<rustls::Error>() {
        return Some(found);
    }
    cause
        .downcast_ref::<std::io::Error>()
        .and_then(|io| io.get_ref())
        .and_then(|inner| inner.downcast_ref::<rustls::Error>())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    const UNIT_CA: &str = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/tests/fixtures/tls/unit-ca.crt"
    );

    fn tcp() -> Vec<Host> {
        vec![Host::Tcp("db.example".into())]
    }

    fn params(pairs: &[(&str, &str)]) -> Params {
        let mut params = Params::default();
        for (key, value) in pairs {
            assert!(params.take(key, value), "{key}");
        }
        params
    }

    /// `settle` with only `vars` in the environment.
    fn settle_with(
        pairs: &[(&str, &str)],
        vars: &[(&str, &str)],
        hosts: &[Host],
    ) -> Result<Tls, String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        settle(&params(pairs), hosts, &move |name: &str| {
            vars.get(name).cloned()
        })
    }

    #[test]
    fn prefer_is_the_default_and_pgsslmode_the_environments() {
        let tls = settle_with(&[], &[], &tcp()).unwrap();
        assert_eq!(tls.mode, Mode::Prefer);
        assert!(tls.connector.is_some() && tls.roots.is_none());
        let tls = settle_with(&[], &[("PGSSLMODE", "require")], &tcp()).unwrap();
        assert_eq!(tls.mode, Mode::Require);
        let tls =
            settle_with(&[("sslmode", "allow")], &[("PGSSLMODE", "require")], &tcp()).unwrap();
        assert_eq!(tls.mode, Mode::Allow, "the URL's mode before PGSSLMODE");
        let tls = settle_with(&[("sslmode", "disable")], &[], &tcp()).unwrap();
        assert!(tls.connector.is_none());
        let err = settle_with(&[("sslmode", "sometimes")], &[], &tcp())
            .err()
            .unwrap();
        assert!(err.contains("verify-full, not 'sometimes'"), "{err}");
    }

    #[test]
    fn verifying_needs_a_root_file_and_a_root_file_makes_every_mode_check_the_chain() {
        for mode in ["verify-ca", "verify-full"] {
            let err = settle_with(&[("sslmode", mode)], &[("HOME", "/nonexistent")], &tcp())
                .err()
                .unwrap();
            assert!(err.contains("sslrootcert=FILE"), "{err}");
            let tls =
                settle_with(&[("sslmode", mode), ("sslrootcert", UNIT_CA)], &[], &tcp()).unwrap();
            assert_eq!(tls.roots.as_deref(), Some(UNIT_CA));
        }
        // require: no check without a root file, libpq's verify-ca with one
        // (named, from PGSSLROOTCERT, or in ~/.postgresql).
        let missing = [
            ("sslmode", "require"),
            ("sslrootcert", "/nonexistent/root.crt"),
        ];
        assert!(settle_with(&missing, &[], &tcp()).unwrap().roots.is_none());
        let tls = settle_with(
            &[("sslmode", "require")],
            &[("PGSSLROOTCERT", UNIT_CA)],
            &tcp(),
        )
        .unwrap();
        assert_eq!(tls.roots.as_deref(), Some(UNIT_CA));
        let home = tempfile::tempdir().unwrap();
        std::fs::create_dir(home.path().join(".postgresql")).unwrap();
        let default_root = home.path().join(".postgresql/root.crt");
        std::fs::copy(UNIT_CA, &default_root).unwrap();
        let home_var = [("HOME", home.path().to_str().unwrap())];
        let tls = settle_with(&[], &home_var, &tcp()).unwrap();
        assert_eq!(tls.roots, Some(default_root.display().to_string()));
    }

    #[test]
    fn unusable_root_files_are_named() {
        let dir = tempfile::tempdir().unwrap();
        let junk = dir.path().join("junk.crt");
        std::fs::write(&junk, "not a certificate\n").unwrap();
        let err = settle_with(
            &[
                ("sslmode", "verify-ca"),
                ("sslrootcert", junk.to_str().unwrap()),
            ],
            &[],
            &tcp(),
        )
        .err()
        .unwrap();
        assert!(
            err.contains("junk.crt: no usable root certificate"),
            "{err}"
        );
        let unreadable = dir.path().to_str().unwrap();
        let err = settle_with(
            &[("sslmode", "require"), ("sslrootcert", unreadable)],
            &[],
            &tcp(),
        )
        .err()
        .unwrap();
        assert!(err.contains("cannot read"), "{err}");
    }

    #[test]
    fn system_roots_mean_verify_full() {
        let system = [("sslrootcert", "system")];
        match settle_with(&system, &[], &tcp()) {
            Ok(tls) => assert_eq!(tls.mode, Mode::VerifyFull),
            // A machine without a trust store says so.
            Err(err) => assert!(err.contains("trust store holds no certificate"), "{err}"),
        }
        for mode in ["disable", "prefer", "require", "verify-ca"] {
            let err = settle_with(&[("sslmode", mode), ("sslrootcert", "system")], &[], &tcp())
                .err()
                .unwrap();
            assert!(
                err.contains(&format!("needs sslmode=verify-full, not sslmode={mode}")),
                "{err}"
            );
        }
    }

    #[test]
    fn sockets_are_plain_and_cannot_be_mixed_with_required_tls() {
        let socket = Host::Unix("/run/postgresql".into());
        let tls = settle_with(
            &[("sslmode", "verify-full")],
            &[],
            std::slice::from_ref(&socket),
        )
        .unwrap();
        assert!(tls.connector.is_none(), "libpq ignores sslmode on a socket");
        let mixed = [socket, Host::Tcp("db.example".into())];
        assert!(settle_with(&[("sslmode", "prefer")], &[], &mixed).is_ok());
        let err = settle_with(&[("sslmode", "require")], &[], &mixed)
            .err()
            .unwrap();
        assert!(err.contains("Unix socket"), "{err}");
    }

    #[test]
    fn a_client_key_others_may_read_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let key = dir.path().join("client.key");
        std::fs::write(&key, "not a key\n").unwrap();
        let pairs = [("sslcert", UNIT_CA), ("sslkey", key.to_str().unwrap())];
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o644)).unwrap();
        let err = settle_with(&pairs, &[], &tcp()).err().unwrap();
        assert!(err.contains("chmod 0600"), "{err}");
        std::fs::set_permissions(&key, std::fs::Permissions::from_mode(0o600)).unwrap();
        let err = settle_with(&pairs, &[], &tcp()).err().unwrap();
        assert!(err.contains("client.key: no private key in it"), "{err}");
        let missing = [("sslcert", "/nonexistent/client.crt")];
        let err = settle_with(&missing, &[], &tcp()).err().unwrap();
        assert!(
            err.contains("/nonexistent/client.crt: cannot read"),
            "{err}"
        );
        // No certificate named and none in ~/.postgresql: none sent.
        assert!(settle_with(&[], &[("HOME", "/nonexistent")], &tcp()).is_ok());
    }
}
