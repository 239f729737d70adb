//! A `postgres://` URL as libpq reads it: the URL itself, parsed by the
//! `postgres` crate, then libpq's defaults from the environment (PGUSER,
//! PGHOST, PGPORT, PGDATABASE, PGPASSWORD, the password file), which the crate
//! does not apply. [`redacted`] is the only form of a URL that messages show.

use super::pgpass::{self, PassFile};
use super::tls;
use super::{CONNECT_TIMEOUT, Env};
use crate::error::{Error, Result};
use postgres::config::Host;
use std::path::Path;

/// Where libpq looks for a server's Unix socket when the URL names no host
/// (Debian's build, then upstream's default); TCP to localhost when neither has one.
const SOCKET_DIRS: [&str; 3] = ["/var/run/postgresql", "/run/postgresql", "/tmp"];

/// Whether `--db` names a PostgreSQL database rather than a SQLite file.
pub fn is_postgres_url(s: &str) -> bool {
    s.starts_with("postgres://") || s.starts_with("postgresql://")
}

/// `url` with its password, in the user part or a `password=` parameter,
/// replaced by `***`: the only form of a URL any message may show.
pub fn redacted(url: &str) -> String {
    let Some(scheme_end) = url.find("://").map(|at| at + 3) else {
        return url.to_string();
    };
    let (scheme, rest) = url.split_at(scheme_end);
    let (location, query) = rest.split_at(rest.find('?').unwrap_or(rest.len()));
    // The user part ends at the last '@' before the parameters: a password with
    // a stray '@' or '/' is hidden whole.
    let location = match location.rfind('@') {
        Some(at) => match location[..at].find(':') {
            Some(colon) => format!("{}:***{}", &location[..colon], &location[at..]),
            None => location.to_string(),
        },
        None => location.to_string(),
    };
    let Some(query) = query.strip_prefix('?') else {
        return format!("{scheme}{location}");
    };
    let query = query
        .split('&')
        .map(|param| match param.split_once('=') {
            Some((key, _)) if decode(key).eq_ignore_ascii_case("password") => {
                format!("{key}=***")
            }
            _ => param.to_string(),
        })
        .collect::<Vec<_>>()
        .join("&");
    format!("{scheme}{location}?{query}")
}

/// A parsed URL with the environment's defaults applied, ready to connect.
pub(super) struct Target {
    pub config: postgres::Config,
    /// The redacted URL, for messages.
    pub shown: String,
    /// A password file skipped because others may read it, for the message of a
    /// failed login.
    pub skipped_pass_file: Option<std::path::PathBuf>,
    /// The URL's TLS parameters.
    pub tls: tls::Params,
}

/// Parses `url` and fills in what it leaves out as libpq does.
pub(super) fn target(url: &str, env: Env<'_>) -> Result<Target> {
    let shown = redacted(url);
    let invalid = |why: &str| Error::Invalid(format!("{shown}: {why}"));
    if !is_postgres_url(url) {
        return Err(invalid("not a postgres:// or postgresql:// URL"));
    }
    let after_scheme = &url[url.find("://").map_or(0, |at| at + 3)..];
    // The crate takes everything before the first '@' as the user part, even
    // past the path: refuse what it would misread rather than connect elsewhere.
    if let Some(at) = after_scheme.find('@')
        && after_scheme[..at].contains(['/', '?'])
    {
        return Err(invalid(
            "an '@' in the database name or the parameters must be written %40",
        ));
    }
    let (base, params) = split_params(url);
    let (without_tls, tls) = without_tls_params(base, &params);
    let parsed: postgres::Config = without_tls
        .parse()
        .map_err(|e: postgres::Error| invalid(&scrubbed(&cause_text(&e), url)))?;
    let port_given = gives_port(after_scheme) || params.iter().any(|(key, _)| key == "port");
    let mut target = with_defaults(parsed, port_given, shown, env)?;
    target.tls = tls;
    Ok(target)
}

/// The URL without its TLS parameters, which the crate cannot parse all of
/// (the `tls` module applies them), and those parameters.
fn without_tls_params(base: &str, params: &[(String, String)]) -> (String, tls::Params) {
    let mut tls = tls::Params::default();
    let kept: Vec<String> = params
        .iter()
        .filter(|(key, value)| !tls.take(key, value))
        .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
        .collect();
    let url = if kept.is_empty() {
        base.to_string()
    } else {
        format!("{base}?{}", kept.join("&"))
    };
    (url, tls)
}

/// libpq's defaults for what the URL left out.
fn with_defaults(
    parsed: postgres::Config,
    port_given: bool,
    shown: String,
    env: Env<'_>,
) -> Result<Target> {
    let mut config = postgres::Config::new();
    let user = match parsed.get_user() {
        Some(user) => user.to_string(),
        None => env("PGUSER").or_else(|| env("USER")).ok_or_else(|| {
            Error::Invalid(format!(
                "{shown}: no user name: give one in the URL (postgres://USER@HOST/DB) or set PGUSER"
            ))
        })?,
    };
    config.user(&user);
    let dbname = parsed
        .get_dbname()
        .map(str::to_string)
        .or_else(|| env("PGDATABASE"))
        .unwrap_or_else(|| user.clone());
    config.dbname(&dbname);
    let ports = ports(&parsed, port_given, env)?;
    for port in &ports {
        config.port(*port);
    }
    copy_hosts(&parsed, &mut config, ports[0], env);
    copy_session_settings(&parsed, &mut config);
    let key = pgpass::Key {
        host: &pass_file_host(&config),
        port: &ports[0].to_string(),
        dbname: &dbname,
        user: &user,
    };
    let (password, skipped_pass_file) = password(&parsed, &key, env);
    if let Some(password) = password {
        config.password(password);
    }
    Ok(Target {
        config,
        shown,
        skipped_pass_file,
        tls: tls::Params::default(),
    })
}

/// The URL's ports, else PGPORT, else 5432.
fn ports(parsed: &postgres::Config, port_given: bool, env: Env<'_>) -> Result<Vec<u16>> {
    if !port_given && let Some(port) = env("PGPORT") {
        let port = port
            .trim()
            .parse::<u16>()
            .map_err(|_| Error::Invalid(format!("PGPORT is not a port number: '{port}'")))?;
        return Ok(vec![port]);
    }
    Ok(match parsed.get_ports() {
        [] => vec![5432],
        ports => ports.to_vec(),
    })
}

/// What the URL says about the session, with claimtrack's defaults: the
/// application name servers show, a bounded connect. TLS is the `tls` module's.
fn copy_session_settings(parsed: &postgres::Config, config: &mut postgres::Config) {
    if let Some(options) = parsed.get_options() {
        config.options(options);
    }
    config.application_name(parsed.get_application_name().unwrap_or("claimtrack"));
    let timeout = parsed.get_connect_timeout().copied();
    config.connect_timeout(timeout.unwrap_or(CONNECT_TIMEOUT));
    if let Some(timeout) = parsed.get_tcp_user_timeout() {
        config.tcp_user_timeout(*timeout);
    }
    config.ssl_negotiation(parsed.get_ssl_negotiation());
    config.target_session_attrs(parsed.get_target_session_attrs());
    config.channel_binding(parsed.get_channel_binding());
    config.load_balance_hosts(parsed.get_load_balance_hosts());
}

/// The URL's password, else PGPASSWORD, else the password file's; and the
/// password file when it was skipped for its permissions.
fn password(
    parsed: &postgres::Config,
    key: &pgpass::Key<'_>,
    env: Env<'_>,
) -> (Option<Vec<u8>>, Option<std::path::PathBuf>) {
    if let Some(password) = parsed.get_password() {
        return (Some(password.to_vec()), None);
    }
    if let Some(password) = env("PGPASSWORD") {
        return (Some(password.into_bytes()), None);
    }
    match pgpass::lookup(key, env) {
        PassFile::Found(password) => (Some(password.into_bytes()), None),
        PassFile::TooOpen(path) => (None, Some(path)),
        PassFile::None => (None, None),
    }
}

/// The URL's hosts, else PGHOST's, else the first socket directory with a
/// server on `port`, else localhost.
fn copy_hosts(parsed: &postgres::Config, config: &mut postgres::Config, port: u16, env: Env<'_>) {
    for addr in parsed.get_hostaddrs() {
        config.hostaddr(*addr);
    }
    // An address alone is also the host name: TLS needs one to start.
    if parsed.get_hosts().is_empty() {
        for addr in parsed.get_hostaddrs() {
            config.host(&addr.to_string());
        }
    }
    if !parsed.get_hosts().is_empty() {
        for host in parsed.get_hosts() {
            match host {
                Host::Tcp(name) => config.host(name),
                Host::Unix(path) => config.host_path(path),
            };
        }
        return;
    }
    if !parsed.get_hostaddrs().is_empty() {
        return;
    }
    if let Some(hosts) = env("PGHOST").filter(|h| !h.is_empty()) {
        for host in hosts.split(',') {
            config.host(host);
        }
        return;
    }
    let socket_dir = SOCKET_DIRS
        .iter()
        .find(|dir| Path::new(dir).join(format!(".s.PGSQL.{port}")).exists());
    match socket_dir {
        Some(dir) => config.host_path(dir),
        None => config.host("localhost"),
    };
}

/// The host as a password file names it: libpq matches a default socket
/// directory as `localhost`.
fn pass_file_host(config: &postgres::Config) -> String {
    match config.get_hosts().first() {
        Some(Host::Tcp(name)) => name.clone(),
        Some(Host::Unix(path)) if SOCKET_DIRS.iter().any(|dir| path == Path::new(dir)) => {
            "localhost".into()
        }
        Some(Host::Unix(path)) => path.to_string_lossy().into_owned(),
        None => config
            .get_hostaddrs()
            .first()
            .map_or_else(|| "localhost".into(), ToString::to_string),
    }
}

/// Whether the URL's host part gives a port (`host:port`, `[::1]:port`).
fn gives_port(after_scheme: &str) -> bool {
    let hosts = match after_scheme.find('@') {
        Some(at) => &after_scheme[at + 1..],
        None => after_scheme,
    };
    let hosts = &hosts[..hosts.find(['/', '?']).unwrap_or(hosts.len())];
    hosts.split(',').any(|host| match host.rfind(']') {
        Some(close) => host[close..].contains(':'),
        None => host.contains(':'),
    })
}

/// The URL before its parameters, and the parameters decoded.
fn split_params(url: &str) -> (&str, Vec<(String, String)>) {
    let Some((base, query)) = url.split_once('?') else {
        return (url, Vec::new());
    };
    let params = query
        .split('&')
        .filter(|param| !param.is_empty())
        .map(|param| {
            let (key, value) = param.split_once('=').unwrap_or((param, ""));
            (decode(key), decode(value))
        })
        .collect();
    (base, params)
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// A parameter's value as a URL carries it.
fn encode(s: &str) -> String {
    percent_encoding::utf8_percent_encode(s, percent_encoding::NON_ALPHANUMERIC).to_string()
}

/// A client error with its cause ("error connecting to server: Connection
/// refused"), or the server's message.
pub(super) fn cause_text(err: &postgres::Error) -> String {
    use std::error::Error as _;
    if let Some(db) = err.as_db_error() {
        return db.message().to_string();
    }
    match err.source() {
        Some(cause) => format!("{err}: {cause}"),
        None => err.to_string(),
    }
}

/// `message` without the URL's password, should any part of the client have
/// echoed it.
pub(super) fn scrubbed(message: &str, url: &str) -> String {
    let mut out = message.to_string();
    for secret in passwords_in(url) {
        if secret.len() >= 3 {
            out = out.replace(&secret, "***");
        }
    }
    out
}

/// The passwords a URL carries, as written and decoded.
fn passwords_in(url: &str) -> Vec<String> {
    let mut found = Vec::new();
    let after_scheme = &url[url.find("://").map_or(0, |at| at + 3)..];
    let location = &after_scheme[..after_scheme.find('?').unwrap_or(after_scheme.len())];
    if let Some(at) = location.rfind('@')
        && let Some((_, password)) = location[..at].split_once(':')
    {
        found.push(password.to_string());
        found.push(decode(password));
    }
    for (key, value) in split_params(url).1 {
        if key.eq_ignore_ascii_case("password") {
            found.push(value);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let vars: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        move |name| vars.get(name).cloned()
    }

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_postgres_url("postgres://h/db"));
        assert!(is_postgres_url("postgresql:///db"));
        assert!(!is_postgres_url("register.db"));
        assert!(!is_postgres_url("./postgres://x"));
    }

    #[test]
    fn redaction_hides_every_form_of_password() {
        assert_eq!(
            redacted("postgres://ann:s3cret@db.example/desk"),
            "postgres://ann:***@db.example/desk"
        );
        assert_eq!(
            redacted("postgresql://ann:p@ss/w:rd@db/desk?sslmode=disable"),
            "postgresql://ann:***@db/desk?sslmode=disable"
        );
        assert_eq!(
            redacted("postgres://db/desk?user=ann&password=hunter2&port=5433"),
            "postgres://db/desk?user=ann&password=***&port=5433"
        );
        assert_eq!(
            redacted("postgres://db/desk?pass%77ord=x&PASSWORD=y"),
            "postgres://db/desk?pass%77ord=***&PASSWORD=***"
        );
        assert_eq!(redacted("postgres://ann@db/desk"), "postgres://ann@db/desk");
        assert_eq!(redacted("postgres:///desk"), "postgres:///desk");
    }

    #[test]
    fn the_environment_fills_in_what_the_url_leaves_out() {
        let env = env_of(&[
            ("PGUSER", "ann"),
            ("USER", "root"),
            ("PGHOST", "db.example"),
            ("PGPORT", "5433"),
            ("PGDATABASE", "desk"),
            ("PGPASSWORD", "s3cret"),
        ]);
        let config = target("postgres://", &env).unwrap().config;
        assert_eq!(config.get_user(), Some("ann"));
        assert_eq!(config.get_hosts(), [Host::Tcp("db.example".into())]);
        assert_eq!(config.get_ports(), [5433]);
        assert_eq!(config.get_dbname(), Some("desk"));
        assert_eq!(config.get_password(), Some(&b"s3cret"[..]));
        assert_eq!(config.get_connect_timeout(), Some(&CONNECT_TIMEOUT));
        let config = target("postgres://bob:pw@other:6000/news", &env)
            .unwrap()
            .config;
        assert_eq!(config.get_user(), Some("bob"));
        assert_eq!(config.get_hosts(), [Host::Tcp("other".into())]);
        assert_eq!(config.get_ports(), [6000]);
        assert_eq!(config.get_dbname(), Some("news"));
        assert_eq!(config.get_password(), Some(&b"pw"[..]));
        let config = target("postgres://other/news", &env).unwrap().config;
        assert_eq!(config.get_ports(), [5433], "PGPORT when the URL has none");
    }

    #[test]
    fn user_falls_back_to_user_and_dbname_to_the_user() {
        let env = env_of(&[("USER", "carla")]);
        let config = target("postgresql://localhost", &env).unwrap().config;
        assert_eq!(config.get_user(), Some("carla"));
        assert_eq!(config.get_dbname(), Some("carla"));
        assert_eq!(config.get_ports(), [5432]);
        let err = target("postgresql://localhost", &env_of(&[]))
            .err()
            .unwrap();
        assert!(err.to_string().contains("no user name"), "{err}");
    }

    #[test]
    fn unix_sockets_are_hosts_too() {
        let env = env_of(&[("USER", "ann")]);
        let config = target("postgresql://%2Fvar%2Frun%2Fpg/desk", &env)
            .unwrap()
            .config;
        assert_eq!(config.get_hosts(), [Host::Unix("/var/run/pg".into())]);
        let config = target("postgresql:///desk?host=/tmp/sock", &env)
            .unwrap()
            .config;
        assert_eq!(config.get_hosts(), [Host::Unix("/tmp/sock".into())]);
    }

    #[test]
    fn tls_parameters_are_taken_out_and_the_rest_kept() {
        let env = env_of(&[("USER", "ann")]);
        let url = "postgres://db/desk?sslmode=verify-full&sslrootcert=%2Fetc%2Fca.crt\
                   &application_name=x&sslcert=c.crt&sslkey=c.key";
        let target = target(url, &env).unwrap();
        assert_eq!(
            target.tls,
            tls::Params {
                mode: Some("verify-full".into()),
                rootcert: Some("/etc/ca.crt".into()),
                cert: Some("c.crt".into()),
                key: Some("c.key".into()),
            }
        );
        assert_eq!(target.config.get_application_name(), Some("x"));
        let target = super::target("postgres://db/desk", &env).unwrap();
        assert_eq!(target.tls, tls::Params::default());
    }

    #[test]
    fn an_address_alone_is_also_the_host_name_tls_checks() {
        let env = env_of(&[("USER", "ann")]);
        let config = target("postgres:///desk?hostaddr=127.0.0.1", &env)
            .unwrap()
            .config;
        assert_eq!(config.get_hosts(), [Host::Tcp("127.0.0.1".into())]);
        assert_eq!(
            config.get_hostaddrs(),
            ["127.0.0.1".parse::<std::net::IpAddr>().unwrap()]
        );
    }

    #[test]
    fn misplaced_at_signs_and_bad_options_never_show_the_password() {
        let env = env_of(&[("USER", "ann")]);
        let err = target("postgres://db/desk?password=se@cret", &env)
            .err()
            .unwrap()
            .to_string();
        assert!(err.contains("%40"), "{err}");
        assert!(!err.contains("se@cret"), "{err}");
        for url in [
            "postgres://ann:hunter2@db:notaport/desk",
            "postgres://ann:hunter2@db/desk?frobnicate=1",
        ] {
            let err = target(url, &env).err().unwrap().to_string();
            assert!(!err.contains("hunter2"), "{err}");
            assert!(err.starts_with("postgres://ann:***@db"), "{err}");
        }
    }

    #[test]
    fn ports_are_seen_in_the_host_part_only() {
        assert!(gives_port("h:5433/db"));
        assert!(gives_port("u:pw@h:5433/db"));
        assert!(gives_port("[::1]:5433/db"));
        assert!(!gives_port("[::1]/db"));
        assert!(!gives_port("u:pw@h/db"));
        assert!(!gives_port("h/db?x=a:b"));
    }
}
