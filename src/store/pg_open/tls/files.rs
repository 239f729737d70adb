//! The files TLS reads: the root certificates (a PEM file, or the system's
//! trust store) and the client's certificate and key, as libpq finds them.

use super::{Env, Mode, Params, given};
use rustls::RootCertStore;
use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::Read;
use std::path::{Path, PathBuf};

/// Larger than any real certificate bundle (the system's is about 200 KiB): a
/// bound on what is read from a file the URL names.
const MAX_PEM_BYTES: u64 = 16 << 20;

/// The roots the server's chain must lead to, with how messages name them:
/// the system's, the named file's, or none (no check) when no file exists and
/// the mode does not verify.
pub(super) fn roots(
    rootcert: Option<&str>,
    mode: Mode,
    default_file: Option<PathBuf>,
) -> Result<Option<(String, RootCertStore)>, String> {
    if rootcert == Some("system") {
        let found = rustls_native_certs::load_native_certs();
        let mut store = RootCertStore::empty();
        store.add_parsable_certificates(found.certs);
        if store.is_empty() {
            return Err("sslrootcert=system: the system's trust store holds no certificate".into());
        }
        return Ok(Some(("the system's trust store".into(), store)));
    }
    let path = rootcert.map(PathBuf::from).or(default_file);
    match path.filter(|path| path.exists()) {
        Some(path) => {
            let mut store = RootCertStore::empty();
            store.add_parsable_certificates(certificates(&path)?);
            if store.is_empty() {
                return Err(format!(
                    "{}: no usable root certificate in it",
                    path.display()
                ));
            }
            Ok(Some((path.display().to_string(), store)))
        }
        None if mode.verifies() => Err(format!(
            "sslmode={mode} needs the root certificate to check the server against: give \
             its file with sslrootcert=FILE (or PGSSLROOTCERT, or ~/.postgresql/root.crt), or \
             sslrootcert=system"
        )),
        None => Ok(None),
    }
}

/// The client certificate and its key, when one is given or in the default place.
pub(super) type Identity = (Vec<CertificateDer<'static>>, PrivateKeyDer<'static>);

/// The client certificate libpq would send: the named one (which must exist),
/// else `~/.postgresql/postgresql.crt` when it exists; its key likewise.
pub(super) fn client_identity(
    params: &Params,
    env: Env<'_>,
    home: impl Fn(&str) -> Option<PathBuf>,
) -> Result<Option<Identity>, String> {
    let named = |value: &Option<String>, var: &str| given(value, var, env).map(PathBuf::from);
    let cert = match named(&params.cert, "PGSSLCERT") {
        Some(path) => path,
        None => match home("postgresql.crt").filter(|path| path.exists()) {
            Some(path) => path,
            None => return Ok(None),
        },
    };
    let certs = certificates(&cert)?;
    if certs.is_empty() {
        return Err(format!("{}: no certificate in it", cert.display()));
    }
    let key = named(&params.key, "PGSSLKEY")
        .or_else(|| home("postgresql.key"))
        .ok_or_else(|| format!("{}: no key file given for it (sslkey)", cert.display()))?;
    check_key_permissions(&key)?;
    let key = PrivateKeyDer::from_pem_slice(&read_bounded(&key)?).map_err(|e| {
        format!(
            "{}: no private key in it ({e}; encrypted keys are not supported)",
            key.display()
        )
    })?;
    Ok(Some((certs, key)))
}

/// libpq refuses a key that others may read: its secret may have been seen.
fn check_key_permissions(path: &Path) -> Result<(), String> {
    use std::os::unix::fs::MetadataExt;
    let meta = std::fs::metadata(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mode = meta.mode();
    let too_open = if meta.uid() == 0 {
        mode & 0o037 != 0
    } else {
        meta.uid() == rustix::process::geteuid().as_raw() && mode & 0o077 != 0
    };
    if too_open {
        return Err(format!(
            "{}: private key file may be read by others: chmod 0600 it",
            path.display()
        ));
    }
    Ok(())
}

fn certificates(path: &Path) -> Result<Vec<CertificateDer<'static>>, String> {
    CertificateDer::pem_slice_iter(&read_bounded(path)?)
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: not a PEM certificate file: {e}", path.display()))
}

fn read_bounded(path: &Path) -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::fs::File::open(path)
        .and_then(|file| file.take(MAX_PEM_BYTES + 1).read_to_end(&mut bytes))
        .map_err(|e| format!("{}: cannot read: {e}", path.display()))?;
    if bytes.len() as u64 > MAX_PEM_BYTES {
        return Err(format!(
            "{}: larger than any certificate file",
            path.display()
        ));
    }
    Ok(bytes)
}
