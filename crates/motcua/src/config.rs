//! Configuration, loaded once at start: defaults, then a TOML file, then
//! `MOTCUA_*` environment variables, then command-line flags. Validated
//! before anything runs and passed down; never global.

use std::net::{IpAddr, SocketAddr};
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use motcua_gateway::national::{National, NationalConfig};
use serde::Deserialize;

/// Everything the binary can be told.
#[derive(Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct Config {
    /// Address the server listens on.
    pub listen: SocketAddr,
    /// `sqlite://FILE` (embedded, the default) or `postgres://…`.
    pub database_url: String,
    /// Pooled connections to the database.
    pub max_connections: u32,
    /// Where uploaded documents and results are stored, by content hash.
    pub files_dir: PathBuf,
    /// What each citizen's uploads may take, in MiB.
    pub upload_quota_mib: u64,
    /// The file outbox: where messages to applicants are written, one JSON
    /// line each, for `motcua outbox show` (no mail or SMS gateway yet).
    pub outbox_file: PathBuf,
    /// Seed the demo (reference data, agencies, service points, officers) on an empty database.
    pub seed_demo: bool,
    /// Mount the benchmark reference handlers.
    pub bench_endpoints: bool,
    /// A `tracing` filter, e.g. `info` or `motcua=debug`.
    pub log: String,
    /// Where people reach the site, for links in messages (default: the
    /// listening address). Never taken from a request's Host header.
    pub public_url: Option<String>,
    /// Mark cookies `Secure`, for a site served over HTTPS. Unset: yes when
    /// `public_url` starts with `https://`.
    pub secure_cookies: Option<bool>,
    /// Reverse proxies in front of the server, by address: only from these
    /// is `X-Forwarded-For` believed to name the client (for slowing down
    /// password guessing per address). Empty: the socket's address counts.
    pub trusted_proxies: Vec<IpAddr>,
    /// How citizens pay online.
    pub payment: PaymentConfig,
}

/// How citizens pay online (`[payment]` in the file).
#[derive(Clone, Deserialize, PartialEq)]
#[serde(default, deny_unknown_fields)]
pub struct PaymentConfig {
    /// `sandbox`: the built-in gateway speaking VNPay 2.1.0 on loopback, which
    /// moves no money (the default, for the demo); `vnpay`: a VNPay merchant
    /// account; `off`: pay at the counter only.
    pub gateway: String,
    /// The merchant's terminal code (`vnp_TmnCode`), for `vnpay`.
    pub tmn_code: String,
    /// The merchant's secret for signatures (`vnp_HashSecret`), for `vnpay`.
    pub hash_secret: String,
    /// The gateway's payment page, for `vnpay`.
    pub pay_url: String,
    /// The gateway's merchant API (status queries and refunds), for `vnpay`.
    pub api_url: String,
    /// Where the sandbox listens; port 0 takes any free port.
    pub sandbox_listen: SocketAddr,
    /// For `national`: the national payment platform's (or a provincial
    /// system's) merchant code, secret, pages, parameter names, digest
    /// recipes and paid rule, as `[payment.national]`.
    pub national: Option<NationalConfig>,
}

impl Default for PaymentConfig {
    fn default() -> PaymentConfig {
        PaymentConfig {
            gateway: "sandbox".to_owned(),
            tmn_code: String::new(),
            hash_secret: String::new(),
            pay_url: "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html".to_owned(),
            api_url: "https://sandbox.vnpayment.vn/merchant_webapi/api/transaction".to_owned(),
            sandbox_listen: SocketAddr::from(([127, 0, 0, 1], 0)),
            national: None,
        }
    }
}

impl std::fmt::Debug for PaymentConfig {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PaymentConfig")
            .field("gateway", &self.gateway)
            .field("tmn_code", &self.tmn_code)
            .field("hash_secret", &if self.hash_secret.is_empty() { "" } else { "***" })
            .field("pay_url", &self.pay_url)
            .field("api_url", &self.api_url)
            .field("sandbox_listen", &self.sandbox_listen)
            .field("national", &self.national)
            .finish()
    }
}

impl Default for Config {
    fn default() -> Config {
        Config {
            listen: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: "sqlite://motcua.db".to_owned(),
            max_connections: 16,
            files_dir: PathBuf::from("motcua-files"),
            upload_quota_mib: 200,
            outbox_file: PathBuf::from("motcua-outbox/messages.jsonl"),
            seed_demo: true,
            bench_endpoints: false,
            log: "info".to_owned(),
            public_url: None,
            secure_cookies: None,
            trusted_proxies: Vec::new(),
            payment: PaymentConfig::default(),
        }
    }
}

/// Hides the password of a database URL.
fn redact_url(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(scheme_end), Some(at)) if at > scheme_end => {
            let credentials = &url[scheme_end + 3..at];
            match credentials.split_once(':') {
                Some((user, _)) => format!("{}{user}:***{}", &url[..scheme_end + 3], &url[at..]),
                None => url.to_owned(),
            }
        }
        _ => url.to_owned(),
    }
}

impl std::fmt::Debug for Config {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Config")
            .field("listen", &self.listen)
            .field("database_url", &redact_url(&self.database_url))
            .field("max_connections", &self.max_connections)
            .field("files_dir", &self.files_dir)
            .field("upload_quota_mib", &self.upload_quota_mib)
            .field("outbox_file", &self.outbox_file)
            .field("seed_demo", &self.seed_demo)
            .field("bench_endpoints", &self.bench_endpoints)
            .field("log", &self.log)
            .field("public_url", &self.public_url)
            .field("secure_cookies", &self.secure_cookies)
            .field("trusted_proxies", &self.trusted_proxies)
            .field("payment", &self.payment)
            .finish()
    }
}

/// Values given on the command line; each overrides everything else.
#[derive(Debug, Default, Clone)]
pub struct Overrides {
    pub listen: Option<SocketAddr>,
    pub database_url: Option<String>,
}

fn parse_bool(name: &str, value: &str) -> anyhow::Result<bool> {
    match value.trim().to_ascii_lowercase().as_str() {
        "1" | "true" | "yes" | "on" => Ok(true),
        "0" | "false" | "no" | "off" => Ok(false),
        other => bail!("{name}={other:?} is not a boolean (use true or false)"),
    }
}

/// Accepts a bare file path as a SQLite database.
fn normalise_database_url(url: &str) -> String {
    if url.contains("://") || url.starts_with("sqlite:") { url.to_owned() } else { format!("sqlite://{url}") }
}

impl Config {
    /// Loads the configuration. `file` is the file named by `--config`; without
    /// one, `MOTCUA_CONFIG` or `./motcua.toml` is read when present.
    pub fn load(
        file: Option<&Path>,
        env: impl Fn(&str) -> Option<String>,
        overrides: &Overrides,
    ) -> anyhow::Result<Config> {
        let file: Option<PathBuf> = match file {
            Some(path) => Some(path.to_owned()),
            None => env("MOTCUA_CONFIG").map(PathBuf::from).or_else(|| {
                let default = PathBuf::from("motcua.toml");
                default.exists().then_some(default)
            }),
        };
        let mut config = match &file {
            Some(path) => {
                let text = std::fs::read_to_string(path).with_context(|| format!("reading {}", path.display()))?;
                toml::from_str::<Config>(&text).with_context(|| format!("in {}", path.display()))?
            }
            None => Config::default(),
        };
        if let Some(value) = env("MOTCUA_LISTEN") {
            config.listen = value.parse().with_context(|| format!("MOTCUA_LISTEN={value:?} is not an address"))?;
        }
        if let Some(value) = env("MOTCUA_DATABASE_URL") {
            config.database_url = value;
        }
        if let Some(value) = env("MOTCUA_MAX_CONNECTIONS") {
            config.max_connections =
                value.parse().with_context(|| format!("MOTCUA_MAX_CONNECTIONS={value:?} is not a number"))?;
        }
        if let Some(value) = env("MOTCUA_FILES_DIR") {
            config.files_dir = PathBuf::from(value);
        }
        if let Some(value) = env("MOTCUA_OUTBOX_FILE") {
            config.outbox_file = PathBuf::from(value);
        }
        if let Some(value) = env("MOTCUA_UPLOAD_QUOTA_MIB") {
            config.upload_quota_mib =
                value.parse().with_context(|| format!("MOTCUA_UPLOAD_QUOTA_MIB={value:?} is not a number"))?;
        }
        if let Some(value) = env("MOTCUA_SEED_DEMO") {
            config.seed_demo = parse_bool("MOTCUA_SEED_DEMO", &value)?;
        }
        if let Some(value) = env("MOTCUA_BENCH_ENDPOINTS") {
            config.bench_endpoints = parse_bool("MOTCUA_BENCH_ENDPOINTS", &value)?;
        }
        if let Some(value) = env("MOTCUA_PUBLIC_URL") {
            config.public_url = Some(value);
        }
        if let Some(value) = env("MOTCUA_SECURE_COOKIES") {
            config.secure_cookies = Some(parse_bool("MOTCUA_SECURE_COOKIES", &value)?);
        }
        if let Some(value) = env("MOTCUA_TRUSTED_PROXIES") {
            config.trusted_proxies = value
                .split(',')
                .map(str::trim)
                .filter(|text| !text.is_empty())
                .map(|text| {
                    text.parse().with_context(|| format!("MOTCUA_TRUSTED_PROXIES: {text:?} is not an IP address"))
                })
                .collect::<anyhow::Result<_>>()?;
        }
        if let Some(value) = env("MOTCUA_PAYMENT_GATEWAY") {
            config.payment.gateway = value;
        }
        if let Some(value) = env("MOTCUA_VNPAY_TMN_CODE") {
            config.payment.tmn_code = value;
        }
        if let Some(value) = env("MOTCUA_VNPAY_HASH_SECRET") {
            config.payment.hash_secret = value;
        }
        if let Some(value) = env("MOTCUA_LOG") {
            config.log = value;
        }
        if let Some(listen) = overrides.listen {
            config.listen = listen;
        }
        if let Some(url) = &overrides.database_url {
            config.database_url = url.clone();
        }
        config.database_url = normalise_database_url(&config.database_url);
        config.validate()?;
        Ok(config)
    }

    /// Whether cookies are marked `Secure`: as set, else when the public
    /// address is HTTPS.
    pub fn secure_cookies(&self) -> bool {
        self.secure_cookies.unwrap_or_else(|| self.public_url.as_deref().is_some_and(|url| url.starts_with("https://")))
    }

    /// Refuses a configuration that cannot work, saying why.
    pub fn validate(&self) -> anyhow::Result<()> {
        motcua_store::Backend::from_url(&self.database_url).map_err(|e| anyhow::anyhow!("database_url: {e}"))?;
        if !(1..=512).contains(&self.max_connections) {
            bail!("max_connections must be between 1 and 512, not {}", self.max_connections);
        }
        if !(1..=1024 * 1024).contains(&self.upload_quota_mib) {
            bail!("upload_quota_mib must be between 1 and 1048576, not {}", self.upload_quota_mib);
        }
        if let Some(url) = &self.public_url
            && !(url.starts_with("https://") || url.starts_with("http://"))
        {
            bail!("public_url must start with https:// or http://, not {url:?}");
        }
        match self.payment.gateway.as_str() {
            "sandbox" | "off" => {}
            "vnpay" => {
                if self.payment.tmn_code.trim().is_empty() || self.payment.hash_secret.trim().is_empty() {
                    bail!("payment: the vnpay gateway needs tmn_code and hash_secret");
                }
                for (name, url) in [("pay_url", &self.payment.pay_url), ("api_url", &self.payment.api_url)] {
                    if !url.starts_with("https://") {
                        bail!("payment: {name} must start with https://, not {url:?}");
                    }
                }
            }
            "national" => {
                let Some(national) = &self.payment.national else {
                    bail!("payment: the national gateway needs its [payment.national] table");
                };
                National::new(national.clone()).map_err(|error| anyhow::anyhow!("payment.national: {error}"))?;
                if !national.pay_url.starts_with("https://") {
                    bail!("payment.national: pay_url must start with https://, not {:?}", national.pay_url);
                }
            }
            other => bail!("payment: gateway must be sandbox, vnpay, national or off, not {other:?}"),
        }
        Ok(())
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::collections::HashMap;

    fn env_of(pairs: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> = pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        move |key| map.get(key).cloned()
    }

    #[test]
    fn layers_apply_in_order_defaults_file_env_flags() {
        let dir = std::env::temp_dir().join(format!("motcua-config-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("motcua.toml");
        std::fs::write(&file, "listen = \"127.0.0.1:9000\"\nmax_connections = 4\nlog = \"debug\"\n").expect("write");
        let config = Config::load(Some(&file), env_of(&[]), &Overrides::default()).expect("valid");
        assert_eq!((config.listen.port(), config.max_connections, config.log.as_str()), (9000, 4, "debug"));

        let env = env_of(&[("MOTCUA_LISTEN", "127.0.0.1:9100"), ("MOTCUA_MAX_CONNECTIONS", "6")]);
        let config = Config::load(Some(&file), env, &Overrides::default()).expect("valid");
        assert_eq!((config.listen.port(), config.max_connections), (9100, 6));

        let env = env_of(&[("MOTCUA_LISTEN", "127.0.0.1:9100")]);
        let flags =
            Overrides { listen: Some("127.0.0.1:9200".parse().expect("addr")), database_url: Some("x.db".into()) };
        let config = Config::load(Some(&file), env, &flags).expect("valid");
        assert_eq!(config.listen.port(), 9200);
        assert_eq!(config.database_url, "sqlite://x.db");
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn bad_values_are_refused_with_the_name_of_the_setting() {
        let error = Config::load(None, env_of(&[("MOTCUA_SEED_DEMO", "maybe")]), &Overrides::default())
            .expect_err("not a boolean");
        assert!(error.to_string().contains("MOTCUA_SEED_DEMO"));
        let error = Config::load(None, env_of(&[("MOTCUA_DATABASE_URL", "mysql://x")]), &Overrides::default())
            .expect_err("unsupported");
        assert!(error.to_string().contains("database_url"));
        let error = Config::load(None, env_of(&[("MOTCUA_MAX_CONNECTIONS", "0")]), &Overrides::default())
            .expect_err("zero connections");
        assert!(error.to_string().contains("max_connections"));
    }

    #[test]
    fn cookies_are_secure_over_https_and_proxies_are_listed_by_address() {
        let env = env_of(&[("MOTCUA_PUBLIC_URL", "https://dichvucong.example.vn")]);
        assert!(Config::load(None, env, &Overrides::default()).expect("valid").secure_cookies());
        let env = env_of(&[("MOTCUA_PUBLIC_URL", "https://x.vn"), ("MOTCUA_SECURE_COOKIES", "false")]);
        assert!(!Config::load(None, env, &Overrides::default()).expect("valid").secure_cookies(), "said otherwise");
        assert!(!Config::default().secure_cookies());
        let env = env_of(&[("MOTCUA_TRUSTED_PROXIES", "10.0.0.1, ::1")]);
        let config = Config::load(None, env, &Overrides::default()).expect("valid");
        assert_eq!(config.trusted_proxies, vec![IpAddr::from([10, 0, 0, 1]), IpAddr::from([0, 0, 0, 0, 0, 0, 0, 1])]);
        let error = Config::load(None, env_of(&[("MOTCUA_TRUSTED_PROXIES", "proxy.local")]), &Overrides::default())
            .expect_err("not an address");
        assert!(error.to_string().contains("MOTCUA_TRUSTED_PROXIES"));
    }

    #[test]
    fn debug_output_hides_the_database_password() {
        // A password no field's name contains, since `hash_secret` is one.
        let config = Config { database_url: "postgres://app:pa55w0rd@db:5432/motcua".into(), ..Config::default() };
        let shown = format!("{config:?}");
        assert!(!shown.contains("pa55w0rd"));
        assert!(shown.contains("postgres://app:***@db:5432/motcua"));
    }

    #[test]
    fn a_payment_gateway_is_checked_and_its_secret_hidden() {
        assert_eq!(Config::default().payment.gateway, "sandbox", "the demo pays in the sandbox");
        let error = Config::load(None, env_of(&[("MOTCUA_PAYMENT_GATEWAY", "vnpay")]), &Overrides::default())
            .expect_err("no merchant account");
        assert!(error.to_string().contains("tmn_code"), "{error}");
        let error = Config::load(None, env_of(&[("MOTCUA_PAYMENT_GATEWAY", "paypal")]), &Overrides::default())
            .expect_err("unknown");
        assert!(error.to_string().contains("sandbox, vnpay, national or off"), "{error}");
        let env = env_of(&[
            ("MOTCUA_PAYMENT_GATEWAY", "vnpay"),
            ("MOTCUA_VNPAY_TMN_CODE", "MOTCUA01"),
            ("MOTCUA_VNPAY_HASH_SECRET", "TOPSECRETVALUE"),
        ]);
        let config = Config::load(None, env, &Overrides::default()).expect("valid");
        assert!(!format!("{config:?}").contains("TOPSECRETVALUE"));
    }

    /// A `[payment.national]` table as a province would write it.
    pub(crate) const NATIONAL: &str = r#"
[payment]
gateway = "national"

[payment.national]
merchant_code = "000.00.15.H29"
secret = "NATIONALSECRET"
pay_url = "https://thanhtoan.example.gov.vn/pay"
fixed = { version = "1.0" }

[payment.national.redirect_digest]
fields = ["merchant_code", "order_id", "amount", "order_info", "return_url", "created_at", "version"]
secret = "hmac_key"
algorithm = "hmac_sha256"

[payment.national.notification_digest]
fields = ["merchant_code", "order_id", "amount", "result_code", "transaction_no"]
secret = "hmac_key"
algorithm = "hmac_sha256"
"#;

    #[test]
    fn the_national_platform_is_configured_by_its_table_and_checked() {
        let dir = std::env::temp_dir().join(format!("motcua-national-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
        let file = dir.join("motcua.toml");
        std::fs::write(&file, NATIONAL).expect("write");
        let config = Config::load(Some(&file), env_of(&[]), &Overrides::default()).expect("valid");
        assert_eq!(config.payment.national.as_ref().map(|n| n.merchant_code.as_str()), Some("000.00.15.H29"));
        assert!(!format!("{config:?}").contains("NATIONALSECRET"), "the secret is hidden");
        let uncovered = NATIONAL.replace(
            r#"fields = ["merchant_code", "order_id", "amount", "result_code", "transaction_no"]"#,
            r#"fields = ["merchant_code", "order_id", "result_code"]"#,
        );
        std::fs::write(&file, uncovered).expect("write");
        let error = Config::load(Some(&file), env_of(&[]), &Overrides::default()).expect_err("amount unsigned");
        assert!(error.to_string().contains("does not cover \"amount\""), "{error}");
        std::fs::write(&file, "[payment]\ngateway = \"national\"\n").expect("write");
        let error = Config::load(Some(&file), env_of(&[]), &Overrides::default()).expect_err("no table");
        assert!(error.to_string().contains("[payment.national]"), "{error}");
        std::fs::remove_dir_all(&dir).ok();
    }
}
