//! From a `postgres://` URL to a connected client: the libpq conventions a
//! user expects (`PGPASSWORD`, `~/.pgpass`, `PGHOST`, `PGUSER`, the OS
//! login as the default user, the socket directory as the default host)
//! and `sslmode` with rustls.
//!
//! `sslmode` as libpq reads it: `disable` (plain), `prefer` (the default:
//! TLS when the server offers it, unverified), `require` (TLS, unverified),
//! `verify-full` (TLS, the certificate checked against `sslrootcert` or
//! the bundled web roots, and the host name against the certificate).

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, Result};
use postgres::config::{Host, SslMode};
use postgres::{Client, Config};
use rustls::client::danger::{HandshakeSignatureValid, ServerCertVerified, ServerCertVerifier};
use rustls::pki_types::{CertificateDer, ServerName, UnixTime};
use rustls::{DigitallySignedStruct, SignatureScheme};

use crate::error::UserError;

/// Whether `db` names a PostgreSQL database rather than an SQLite file.
pub fn is_url(db: &str) -> bool {
    db.starts_with("postgres://") || db.starts_with("postgresql://")
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tls {
    Off,
    /// TLS without checking who answers (libpq's prefer and require).
    Unverified,
    Verified,
}

/// A parsed `--db` URL, ready to open connections.
#[derive(Clone)]
pub struct Target {
    config: Config,
    tls: Tls,
    root_cert: Option<PathBuf>,
    /// The URL without its password, for messages.
    shown: String,
}

fn bad(url: &str, reason: impl Into<String>) -> anyhow::Error {
    UserError::invalid("--db", "db", Some(&mask(url)), reason).into()
}

/// The URL's query parameters as written (`key=value`, still
/// percent-encoded), each with its decoded key. Rebuilding a query
/// through a form encoder would turn `%20` into `+`, which libpq-style
/// parsers (tokio-postgres's among them) do not read as a space.
fn params(u: &url::Url) -> Vec<(String, &str)> {
    u.query()
        .unwrap_or("")
        .split('&')
        .filter(|kv| !kv.is_empty())
        .map(|kv| (decode(kv.split('=').next().unwrap_or("")), kv))
        .collect()
}

fn decode(s: &str) -> String {
    percent_encoding::percent_decode_str(s)
        .decode_utf8_lossy()
        .into_owned()
}

/// The value of a `key=value` parameter, decoded.
fn value(kv: &str) -> String {
    decode(kv.split_once('=').map_or("", |(_, v)| v))
}

/// The URL parameters the client reads (libpq's names), `sslmode` and
/// `sslrootcert` read by hookq itself among them.
const KNOWN_PARAMS: &[&str] = &[
    "dbname",
    "user",
    "password",
    "host",
    "hostaddr",
    "port",
    "options",
    "application_name",
    "connect_timeout",
    "tcp_user_timeout",
    "keepalives",
    "keepalives_idle",
    "keepalives_interval",
    "keepalives_retries",
    "target_session_attrs",
    "channel_binding",
    "load_balance_hosts",
    "sslmode",
    "sslrootcert",
];

/// A `key=value` parameter as messages show it (a password masked).
fn mask_param(kv: &str) -> String {
    match kv.split_once('=') {
        Some((k, _)) if decode(k) == "password" => format!("{k}=***"),
        _ => decode(kv),
    }
}

/// The URL with any password replaced by `***`.
pub fn mask(url: &str) -> String {
    match url::Url::parse(url) {
        Ok(mut u) => {
            if u.password().is_some() {
                let _ = u.set_password(Some("***"));
            }
            let query: Vec<String> = params(&u)
                .into_iter()
                .map(|(k, kv)| {
                    if k == "password" {
                        String::from("password=***")
                    } else {
                        kv.to_owned()
                    }
                })
                .collect();
            if !query.is_empty() {
                u.set_query(Some(&query.join("&")));
            }
            u.to_string()
        }
        Err(_) => String::from("postgres://…"),
    }
}

impl Target {
    pub fn parse(url: &str) -> Result<Target> {
        let mut u = url::Url::parse(url).map_err(|e| {
            bad(
                url,
                format!("is not a valid URL ({e}); use postgres://USER@HOST/DB"),
            )
        })?;
        let mut tls = Tls::Unverified;
        let mut mode = SslMode::Prefer;
        let mut root_cert = None;
        let mut keep: Vec<String> = Vec::new();
        for (k, kv) in params(&u) {
            match k.as_str() {
                "sslmode" => {
                    (tls, mode) = match value(kv).as_str() {
                        "disable" => (Tls::Off, SslMode::Disable),
                        "prefer" => (Tls::Unverified, SslMode::Prefer),
                        "require" => (Tls::Unverified, SslMode::Require),
                        "verify-full" => (Tls::Verified, SslMode::Require),
                        other => {
                            return Err(bad(
                                url,
                                format!(
                                    "sslmode={other} is not supported; use disable, prefer, require or verify-full"
                                ),
                            ));
                        }
                    }
                }
                "sslrootcert" => root_cert = Some(PathBuf::from(value(kv))),
                _ => keep.push(kv.to_owned()),
            }
        }
        if keep.is_empty() {
            u.set_query(None);
        } else {
            u.set_query(Some(&keep.join("&")));
        }
        let mut config: Config = u.as_str().parse().map_err(|e| {
            // The parser says only "invalid connection string": find the
            // parameter it stumbles on, each tried alone.
            let culprit = keep.iter().find_map(|kv| {
                let alone = format!("postgres://localhost/db?{kv}");
                alone.parse::<Config>().err().map(|e| (kv, e))
            });
            match culprit {
                Some((kv, _)) if KNOWN_PARAMS.contains(&decode(kv.split('=').next().unwrap_or("")).as_str()) => bad(
                    url,
                    format!(
                        "the parameter {:?} has a value PostgreSQL cannot read; see the libpq documentation of that parameter",
                        mask_param(kv)
                    ),
                ),
                Some((kv, _)) => bad(
                    url,
                    format!(
                        "unknown parameter {:?}; PostgreSQL takes {}",
                        decode(kv.split('=').next().unwrap_or("")),
                        KNOWN_PARAMS.join(", ")
                    ),
                ),
                None => bad(url, format!("{e}; use postgres://USER@HOST[:PORT]/DB")),
            }
        })?;
        config.ssl_mode(mode);
        if config.get_hosts().is_empty() {
            match std::env::var("PGHOST") {
                Ok(h) if !h.is_empty() => {
                    config.host(&h);
                }
                _ if Path::new("/var/run/postgresql").is_dir() => {
                    config.host_path("/var/run/postgresql");
                }
                _ => {
                    config.host("localhost");
                }
            }
        }
        if config.get_ports().is_empty()
            && let Some(p) = std::env::var("PGPORT").ok().and_then(|p| p.parse().ok())
        {
            config.port(p);
        }
        if config.get_user().is_none() {
            let user = std::env::var("PGUSER")
                .ok()
                .filter(|u| !u.is_empty())
                .or_else(|| whoami::username().ok())
                .unwrap_or_else(|| String::from("postgres"));
            config.user(&user);
        }
        if config.get_dbname().is_none_or(str::is_empty)
            && let Ok(d) = std::env::var("PGDATABASE")
            && !d.is_empty()
        {
            config.dbname(&d);
        }
        // libpq would fall back to the database named after the user; hookq
        // would then create its tables wherever that is.
        if config.get_dbname().is_none_or(str::is_empty) {
            return Err(bad(
                url,
                "names no database; write it in the URL (postgres://USER@HOST/DB) or set PGDATABASE",
            ));
        }
        if config.get_password().is_none() {
            if let Ok(p) = std::env::var("PGPASSWORD") {
                config.password(p);
            } else if let Some(p) = pgpass(&config) {
                config.password(p);
            }
        }
        if config.get_connect_timeout().is_none() {
            config.connect_timeout(Duration::from_secs(10));
        }
        if config.get_application_name().is_none() {
            config.application_name("hookq");
        }
        Ok(Target {
            config,
            tls,
            root_cert,
            shown: mask(url),
        })
    }

    /// The URL as messages show it (no password).
    pub fn shown(&self) -> &str {
        &self.shown
    }

    pub fn connect(&self) -> Result<Client> {
        let client = match self.tls {
            Tls::Off => self.config.connect(postgres::NoTls),
            _ => self
                .config
                .connect(tokio_postgres_rustls::MakeRustlsConnect::new(
                    self.rustls()?,
                )),
        };
        client.with_context(|| format!("could not connect to PostgreSQL at {}", self.shown))
    }

    fn rustls(&self) -> Result<rustls::ClientConfig> {
        let provider = Arc::new(rustls::crypto::ring::default_provider());
        let builder = rustls::ClientConfig::builder_with_provider(provider.clone())
            .with_safe_default_protocol_versions()?;
        let config = match self.tls {
            Tls::Verified => {
                let mut roots = rustls::RootCertStore::empty();
                match &self.root_cert {
                    Some(path) => {
                        use rustls::pki_types::pem::PemObject;
                        let certs = CertificateDer::pem_file_iter(path)
                            .and_then(|it| it.collect::<Result<Vec<_>, _>>())
                            .map_err(|e| {
                                anyhow::anyhow!(
                                    "could not read sslrootcert {}: {e}",
                                    path.display()
                                )
                            })?;
                        for c in certs {
                            roots.add(c)?;
                        }
                    }
                    None => roots.extend(webpki_roots::TLS_SERVER_ROOTS.iter().cloned()),
                }
                builder.with_root_certificates(roots).with_no_client_auth()
            }
            _ => builder
                .dangerous()
                .with_custom_certificate_verifier(Arc::new(Unverified(provider)))
                .with_no_client_auth(),
        };
        Ok(config)
    }

    /// The connection parameters, for the test harness and `describe`.
    pub fn dbname(&self) -> Option<&str> {
        self.config.get_dbname()
    }

    pub fn first_host(&self) -> String {
        match self.config.get_hosts().first() {
            Some(Host::Tcp(h)) => h.clone(),
            Some(Host::Unix(p)) => p.display().to_string(),
            None => String::new(),
        }
    }
}

/// `~/.pgpass` (or `PGPASSFILE`): `host:port:db:user:password` lines, `*`
/// matching anything, `\` escaping `:` and `\`. Ignored unless only its
/// owner may read it, as libpq does.
fn pgpass(config: &Config) -> Option<Vec<u8>> {
    use std::os::unix::fs::PermissionsExt;
    let path = match std::env::var_os("PGPASSFILE") {
        Some(p) => PathBuf::from(p),
        None => directories::BaseDirs::new()?.home_dir().join(".pgpass"),
    };
    let meta = std::fs::metadata(&path).ok()?;
    if !meta.is_file() || meta.permissions().mode() & 0o077 != 0 {
        return None;
    }
    let text = std::fs::read_to_string(&path).ok()?;
    let host = match config.get_hosts().first() {
        Some(Host::Tcp(h)) => h.clone(),
        _ => String::from("localhost"),
    };
    let port = config
        .get_ports()
        .first()
        .copied()
        .unwrap_or(5432)
        .to_string();
    let user = config.get_user().unwrap_or_default();
    let db = config.get_dbname().unwrap_or(user);
    for line in text.lines() {
        if line.starts_with('#') {
            continue;
        }
        let fields = split_pgpass(line);
        let [h, p, d, u, pw] = fields.as_slice() else {
            continue;
        };
        let hit = |pat: &String, v: &str| pat == "*" || pat == v;
        if hit(h, &host) && hit(p, &port) && hit(d, db) && hit(u, user) {
            return Some(pw.clone().into_bytes());
        }
    }
    None
}

fn split_pgpass(line: &str) -> Vec<String> {
    let mut out = vec![String::new()];
    let mut chars = line.chars();
    while let Some(c) = chars.next() {
        let c = match c {
            '\\' => match chars.next() {
                Some(n) => n,
                None => break,
            },
            ':' if out.len() < 5 => {
                out.push(String::new());
                continue;
            }
            c => c,
        };
        if let Some(s) = out.last_mut() {
            s.push(c);
        }
    }
    out
}

/// libpq's `require`: encrypt, but take whatever certificate the server
/// shows. Handshake signatures are still checked with the provider's
/// algorithms.
#[derive(Debug)]
struct Unverified(Arc<rustls::crypto::CryptoProvider>);

impl ServerCertVerifier for Unverified {
    fn verify_server_cert(
        &self,
        _end_entity: &CertificateDer<'_>,
        _intermediates: &[CertificateDer<'_>],
        _server_name: &ServerName<'_>,
        _ocsp_response: &[u8],
        _now: UnixTime,
    ) -> Result<ServerCertVerified, rustls::Error> {
        Ok(ServerCertVerified::assertion())
    }

    fn verify_tls12_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls12_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn verify_tls13_signature(
        &self,
        message: &[u8],
        cert: &CertificateDer<'_>,
        dss: &DigitallySignedStruct,
    ) -> Result<HandshakeSignatureValid, rustls::Error> {
        rustls::crypto::verify_tls13_signature(
            message,
            cert,
            dss,
            &self.0.signature_verification_algorithms,
        )
    }

    fn supported_verify_schemes(&self) -> Vec<SignatureScheme> {
        self.0.signature_verification_algorithms.supported_schemes()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls_are_told_from_paths() {
        assert!(is_url("postgres://u@h/db"));
        assert!(is_url("postgresql:///db"));
        assert!(!is_url("/var/lib/hookq/hookq.db"));
        assert!(!is_url("postgres.db"));
    }

    #[test]
    fn passwords_never_show() {
        assert_eq!(
            mask("postgres://u:secret@h/db?sslmode=require"),
            "postgres://u:***@h/db?sslmode=require"
        );
        assert_eq!(
            mask("postgres://u@h/db?password=secret"),
            "postgres://u@h/db?password=***"
        );
    }

    #[test]
    fn other_parameters_pass_through_as_written() {
        let t = Target::parse(
            "postgres://u@127.0.0.1/db?sslmode=disable&options=-csearch_path%3Dq%20-cstatement_timeout%3D5s",
        )
        .unwrap();
        assert_eq!(
            t.config.get_options(),
            Some("-csearch_path=q -cstatement_timeout=5s")
        );
        assert_eq!(
            mask("postgres://u:p@h/db?options=-ca%3D1%20-cb%3D2&password=x"),
            "postgres://u:***@h/db?options=-ca%3D1%20-cb%3D2&password=***"
        );
    }

    #[test]
    fn sslmodes_are_read_and_bad_ones_named() {
        let t = Target::parse("postgres://u@127.0.0.1/db?sslmode=disable").unwrap();
        assert_eq!(t.tls, Tls::Off);
        let t = Target::parse("postgres://u@127.0.0.1/db?sslmode=verify-full&sslrootcert=/x.pem")
            .unwrap();
        assert_eq!(t.tls, Tls::Verified);
        assert_eq!(t.root_cert.as_deref(), Some(Path::new("/x.pem")));
        let t = Target::parse("postgres://u@127.0.0.1/db").unwrap();
        assert_eq!(t.tls, Tls::Unverified);
        let e = Target::parse("postgres://u@127.0.0.1/db?sslmode=sometimes")
            .err()
            .unwrap();
        assert!(format!("{e}").contains("sslmode=sometimes"), "{e}");
    }

    #[test]
    fn pgpass_lines_split_on_unescaped_colons() {
        assert_eq!(
            split_pgpass(r"h:5432:*:u:pa\:ss:word"),
            vec!["h", "5432", "*", "u", "pa:ss:word"]
        );
    }
}
