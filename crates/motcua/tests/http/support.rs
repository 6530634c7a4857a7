//! Starts the real `motcua` binary on a fresh copy of a seeded database and
//! talks to it: every request to the API goes through [`TestServer::exchange`],
//! which holds the answer to the OpenAPI document ([`contract`]).
//!
//! A server's first start on an empty database migrates and seeds the demo,
//! which takes seconds; so the demo is seeded once into a template (per
//! backend, per build of the binary and per day, see
//! [`motcua_testkit::templates`]) and each test's server starts on a copy.

pub mod browser;
pub mod contract;
pub mod schema;

use std::collections::BTreeSet;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::Mutex;
use std::time::Duration;

use motcua_testkit::{TemplateKey, TestBackend, TestDatabase};
use reqwest::header::HeaderMap;
use serde_json::{Value, json};

use contract::Documented;

/// The password of every demo account.
pub const DEMO_PASSWORD: &str = "motcua-demo";

/// Makes each scenario, an `async fn(&TestServer)`, into two tests,
/// `<scenario>::on_sqlite` and `<scenario>::on_postgres`, each on a server of
/// its own over a fresh database. `with [("MOTCUA_…", "…")] =>` starts the
/// servers with those settings.
macro_rules! on_both_backends {
    ($($scenario:ident),+ $(,)?) => {
        $crate::support::on_both_backends!(with [] => $($scenario),+);
    };
    (with $settings:tt => $($scenario:ident),+ $(,)?) => {$(
        mod $scenario {
            #[tokio::test]
            async fn on_sqlite() {
                let backend = motcua_testkit::TestBackend::Sqlite;
                let server = $crate::support::TestServer::start_with_env(backend, &$settings).await;
                super::$scenario(&server).await;
            }

            #[tokio::test]
            async fn on_postgres() {
                if motcua_testkit::postgres_skipped() {
                    return;
                }
                let backend = motcua_testkit::TestBackend::Postgres;
                let server = $crate::support::TestServer::start_with_env(backend, &$settings).await;
                super::$scenario(&server).await;
            }
        }
    )+};
}
pub(crate) use on_both_backends;

/// A running server; killed when dropped.
pub struct TestServer {
    pub base: String,
    pub database_url: String,
    pub client: reqwest::Client,
    child: Child,
    _database: TestDatabase,
    dir: TempDir,
    /// What the server wrote to its log (warnings, and that messages went to the file outbox).
    log: Log,
    /// Environment variables the server is started with, beyond the defaults.
    env: Vec<(String, String)>,
    /// The documented responses this server has given, for the contract's coverage.
    answered: Mutex<BTreeSet<Documented>>,
}

type Log = std::sync::Arc<Mutex<Vec<String>>>;

struct TempDir(PathBuf);

impl Drop for TempDir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

/// A file of the repository, found from this crate's manifest directory.
pub fn repository_file(path: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../..").join(path)
}

/// An answer, read whole.
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub headers: HeaderMap,
    pub bytes: Vec<u8>,
}

impl Answer {
    /// The body as JSON; `null` if it is not JSON.
    pub fn json(&self) -> Value {
        serde_json::from_slice(&self.bytes).unwrap_or(Value::Null)
    }

    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.bytes).into_owned()
    }

    /// A header's value; empty when it is absent.
    pub fn header(&self, name: &str) -> &str {
        self.headers.get(name).and_then(|v| v.to_str().ok()).unwrap_or_default()
    }
}

fn unique_dir(what: &str, backend: Option<TestBackend>) -> PathBuf {
    static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
    let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("motcua-{what}-{}-{n}-{backend:?}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    dir
}

/// Seeds the demo into the empty database at `url` as the binary does on
/// its first start: it starts, seeds, says where it serves, and is killed.
fn seed_the_demo(url: &str) {
    let dir = TempDir(unique_dir("seeding", None));
    let (mut child, _) = spawn_server(url, &dir.0, &Log::default(), &[]);
    child.kill().ok();
    child.wait().ok();
}

impl TestServer {
    /// Starts `motcua serve` on an ephemeral port and waits until it says where it serves.
    pub async fn start(backend: TestBackend) -> TestServer {
        TestServer::start_with_env(backend, &[]).await
    }

    /// Starts the server with these `MOTCUA_*` settings in its environment.
    pub async fn start_with_env(backend: TestBackend, env: &[(&str, &str)]) -> TestServer {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let key = TemplateKey::for_program(std::path::Path::new(env!("CARGO_BIN_EXE_motcua")));
        let database = TestDatabase::from_template(backend, &key, seed_the_demo).await;
        let dir = unique_dir("server", Some(backend));
        let log = Log::default();
        let (child, base) = spawn_server(&database.url, &dir, &log, &env);
        TestServer {
            base,
            database_url: database.url.clone(),
            client: reqwest::Client::new(),
            child,
            _database: database,
            dir: TempDir(dir),
            log,
            env,
            answered: Mutex::default(),
        }
    }

    /// Kills the server without warning (SIGKILL) and starts it again on the same data.
    pub fn crash_and_restart(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
        let (child, base) = spawn_server(&self.database_url, &self.dir.0, &self.log, &self.env);
        self.child = child;
        self.base = base;
    }

    /// Fails if the server could not format a text of the pages or problems:
    /// a message missing in a language, or asked for without its values,
    /// which the formatter logs before falling back to Vietnamese.
    pub fn assert_every_text_formatted(&self, context: &str) {
        let failures = self.log_lines_with("could not be formatted");
        assert!(failures.is_empty(), "{context}: {failures:?}");
    }

    /// The log lines written so far that contain `text`.
    pub fn log_lines_with(&self, text: &str) -> Vec<String> {
        self.log.lock().map(|lines| lines.iter().filter(|l| l.contains(text)).cloned().collect()).unwrap_or_default()
    }

    /// Runs a `motcua` command as the server's operator would: in the
    /// server's directory, with its settings and database. Must succeed;
    /// returns the standard output.
    pub fn run_cli_here(&self, args: &[&str]) -> String {
        let output = Command::new(env!("CARGO_BIN_EXE_motcua"))
            .args(args)
            .args(["--database", &self.database_url])
            .current_dir(&self.dir.0)
            .env("MOTCUA_LOG", "warn")
            .envs(self.env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
            .output()
            .expect("run motcua");
        assert!(output.status.success(), "motcua {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8_lossy(&output.stdout).into_owned()
    }

    /// Waits (up to ten seconds) for a message of the file outbox that
    /// contains `text`, as `motcua outbox show` prints them; returns what it
    /// printed.
    pub fn wait_for_outbox(&self, text: &str) -> String {
        for _ in 0..50 {
            let shown = self.run_cli_here(&["outbox", "show"]);
            if shown.contains(text) {
                return shown;
            }
            std::thread::sleep(Duration::from_millis(200));
        }
        panic!("no message containing {text:?} in the file outbox")
    }

    /// Every file the server's file store holds, by path.
    pub fn stored_files(&self) -> Vec<PathBuf> {
        fn walk(dir: &std::path::Path, found: &mut Vec<PathBuf>) {
            for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
                let path = entry.path();
                if path.is_dir() { walk(&path, found) } else { found.push(path) }
            }
        }
        let mut found = Vec::new();
        walk(&self.dir.0.join("motcua-files"), &mut found);
        found.sort();
        found
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.base)
    }

    /// The documented responses this server has given so far.
    pub fn answered(&self) -> BTreeSet<Documented> {
        self.answered.lock().map(|answered| answered.clone()).unwrap_or_default()
    }

    /// Sends a request built on any client, reads the answer whole and holds
    /// it to the API's document: a documented operation that answers a
    /// status, media type or body the document does not give fails the test.
    pub async fn exchange(&self, request: reqwest::RequestBuilder) -> Answer {
        let (client, request) = request.build_split();
        let request = request.expect("a well-formed request");
        let (method, path) = (request.method().to_string(), request.url().path().to_owned());
        let response = client.execute(request).await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        let headers = response.headers().clone();
        let bytes = response.bytes().await.unwrap_or_else(|e| panic!("{method} {path}: the body: {e}")).to_vec();
        let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or_default();
        match contract::judge(&method, &path, status, content_type, &bytes) {
            Ok(Some(documented)) => {
                if let Ok(mut answered) = self.answered.lock() {
                    answered.insert(documented);
                }
            }
            Ok(None) => {}
            Err(departure) => panic!("{method} {path}: the answer departs from openapi.json: {departure}"),
        }
        Answer { status, headers, bytes }
    }

    /// GETs a path with an optional `Accept-Language`.
    pub async fn raw_get(&self, path: &str, language: Option<&str>) -> Answer {
        let mut request = self.client.get(self.url(path));
        if let Some(language) = language {
            request = request.header("Accept-Language", language);
        }
        self.exchange(request).await
    }

    /// GETs a path and returns the status and the JSON body.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let answer = self.raw_get(path, None).await;
        (answer.status, answer.json())
    }

    /// Sends a request with an optional bearer token and JSON body; returns status and JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut request = self.client.request(method, self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let answer = self.exchange(request).await;
        (answer.status, answer.json())
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body), &[]).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, Some(token), None, &[]).await
    }

    /// Uploads `bytes` as a document named `name` (already percent-encoded)
    /// in the caller's language; returns status and JSON body.
    pub async fn upload(&self, token: &str, name: &str, bytes: Vec<u8>, language: &str) -> (u16, Value) {
        let request = self
            .client
            .post(self.url(&format!("/api/v1/documents?name={name}")))
            .bearer_auth(token)
            .header("Accept-Language", language)
            .header("Content-Type", "application/octet-stream")
            .body(bytes);
        let answer = self.exchange(request).await;
        (answer.status, answer.json())
    }

    /// Signs an officer of the demo in and returns the bearer token.
    pub async fn officer_token(&self, username: &str) -> String {
        let body = json!({ "username": username, "password": DEMO_PASSWORD });
        let (status, session) = self.post("/api/v1/sessions", None, &body).await;
        assert_eq!(status, 201, "sign-in of {username}: {session}");
        session["token"].as_str().expect("token").to_owned()
    }

    /// Signs a citizen in with the identification number and returns the bearer token.
    pub async fn citizen_token(&self, id_number: &str, password: &str) -> String {
        let body = json!({ "id_number": id_number, "password": password });
        let (status, session) = self.post("/api/v1/sessions", None, &body).await;
        assert_eq!(status, 201, "sign-in of {id_number}: {session}");
        session["token"].as_str().expect("token").to_owned()
    }

    /// Registers a citizen (password `mat-khau-dai`) and returns the bearer token.
    pub async fn registered_citizen_token(&self, id_number: &str, phone: &str) -> String {
        let body = json!({
            "id_number": id_number, "full_name": "Công dân thử nghiệm", "phone": phone, "password": "mat-khau-dai"
        });
        let (status, created) = self.post("/api/v1/citizens", None, &body).await;
        assert_eq!(status, 201, "registration: {created}");
        self.citizen_token(id_number, "mat-khau-dai").await
    }

    /// Asks for an action on a dossier (by id or code); returns status and body.
    pub async fn act(&self, token: &str, reference: &str, body: Value) -> (u16, Value) {
        self.post(&format!("/api/v1/dossiers/{reference}/actions"), Some(token), &body).await
    }

    /// A dossier of `procedure` that the officer of `token` receives at Ba
    /// Đình's counter for the demo citizen 001190000001, present there, for
    /// Ba Đình's committee; the dossier received.
    pub async fn received_at_ba_dinh_counter(&self, token: &str, procedure: &str) -> Value {
        let body = json!({
            "procedure_code": procedure, "channel": "counter", "competent_agency": "000.04.01.H29",
            "service_point": "HN-BADINH", "applicant_consents": true,
            "applicant": { "id_number": "001190000001", "full_name": "Người dân thử", "phone": "0912345678" },
            "delivery": { "method": "counter", "service_point": "HN-BADINH" }
        });
        let (status, dossier) = self.post("/api/v1/dossiers", Some(token), &body).await;
        assert_eq!(status, 201, "{dossier}");
        dossier
    }

    /// An action on a dossier that must succeed; returns the dossier after it.
    pub async fn must(&self, token: &str, reference: &str, body: Value) -> Value {
        let (status, dossier) = self.act(token, reference, body.clone()).await;
        assert_eq!(status, 200, "{body} → {dossier}");
        dossier
    }
}

fn spawn_server(database_url: &str, dir: &std::path::Path, log: &Log, env: &[(String, String)]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", database_url])
        .current_dir(dir)
        .env("MOTCUA_LOG", "warn,motcua_app::notify=info")
        // Paying at the counter or with a typed reference, unless a test starts the sandbox.
        .env("MOTCUA_PAYMENT_GATEWAY", "off")
        .envs(env.iter().map(|(k, v)| (k.as_str(), v.as_str())))
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start motcua");
    let stderr = child.stderr.take().expect("stderr");
    let kept = log.clone();
    std::thread::spawn(move || {
        for line in BufReader::new(stderr).lines().map_while(Result::ok) {
            eprintln!("{line}");
            if let Ok(mut lines) = kept.lock() {
                lines.push(line);
            }
        }
    });
    let stdout = child.stdout.take().expect("stdout");
    let (sender, receiver) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if let Some(rest) = line.strip_prefix("motcua is serving on ") {
                sender.send(rest.trim_end_matches('/').to_owned()).ok();
            }
        }
    });
    let base = receiver
        .recv_timeout(Duration::from_secs(300))
        .unwrap_or_else(|_| panic!("motcua did not start within 300 s on {database_url}"));
    (child, base)
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Runs a `motcua` command and returns its whole output, whatever its status.
pub fn run_cli_output(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .args(["--database", database_url])
        .env("MOTCUA_LOG", "warn")
        .output()
        .expect("run motcua")
}

/// Runs a `motcua` command that must succeed and returns its standard output.
pub fn run_cli(database_url: &str, args: &[&str]) -> String {
    let output = run_cli_output(database_url, args);
    assert!(output.status.success(), "motcua {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs a `motcua` command that must fail and returns its standard error.
pub fn run_cli_expecting_failure(database_url: &str, args: &[&str]) -> String {
    let output = run_cli_output(database_url, args);
    assert!(!output.status.success(), "motcua {args:?} should have failed");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
