//! Starts the real `motcua` binary on a fresh database and talks to it.

use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use motcua_testkit::{TestBackend, TestDatabase};
use serde_json::Value;

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
}

type Log = std::sync::Arc<std::sync::Mutex<Vec<String>>>;

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

impl TestServer {
    /// Starts `motcua serve` on an ephemeral port and waits until it says where it serves.
    pub async fn start(backend: TestBackend) -> TestServer {
        TestServer::start_with_env(backend, &[]).await
    }

    /// Starts the server with these `MOTCUA_*` settings in its environment.
    pub async fn start_with_env(backend: TestBackend, env: &[(&str, &str)]) -> TestServer {
        let env: Vec<(String, String)> = env.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        let database = TestDatabase::create(backend).await;
        static STARTED: std::sync::atomic::AtomicU32 = std::sync::atomic::AtomicU32::new(0);
        let n = STARTED.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        let dir = std::env::temp_dir().join(format!("motcua-server-{}-{n}-{backend:?}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("temp dir");
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

    pub async fn raw_get(&self, path: &str, language: Option<&str>) -> reqwest::Response {
        let mut request = self.client.get(self.url(path));
        if let Some(language) = language {
            request = request.header("Accept-Language", language);
        }
        request.send().await.unwrap_or_else(|e| panic!("GET {path}: {e}"))
    }

    /// GETs a path and returns the status and the JSON body.
    pub async fn get(&self, path: &str) -> (u16, Value) {
        let response = self.raw_get(path, None).await;
        let status = response.status().as_u16();
        let body = response.json::<Value>().await.unwrap_or(Value::Null);
        (status, body)
    }
}

fn spawn_server(database_url: &str, dir: &std::path::Path, log: &Log, env: &[(String, String)]) -> (Child, String) {
    let mut child = Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(["serve", "--listen", "127.0.0.1:0", "--database", database_url])
        .current_dir(dir)
        .env("MOTCUA_LOG", "warn,motcua_app::notify=info")
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

impl TestServer {
    /// Sends a request with an optional bearer token and JSON body; returns status and JSON body.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        token: Option<&str>,
        body: Option<&Value>,
        headers: &[(&str, &str)],
    ) -> (u16, Value) {
        let mut request = self.client.request(method.clone(), self.url(path));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        if let Some(body) = body {
            request = request.json(body);
        }
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap_or_else(|e| panic!("{method} {path}: {e}"));
        let status = response.status().as_u16();
        (status, response.json::<Value>().await.unwrap_or(Value::Null))
    }

    pub async fn post(&self, path: &str, token: Option<&str>, body: &Value) -> (u16, Value) {
        self.send(reqwest::Method::POST, path, token, Some(body), &[]).await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> (u16, Value) {
        self.send(reqwest::Method::GET, path, Some(token), None, &[]).await
    }

    /// Signs an officer of the demo in and returns the bearer token.
    pub async fn officer_token(&self, username: &str) -> String {
        let body = serde_json::json!({ "username": username, "password": "motcua-demo" });
        let (status, session) = self.post("/api/v1/sessions", None, &body).await;
        assert_eq!(status, 201, "sign-in of {username}: {session}");
        session["token"].as_str().expect("token").to_owned()
    }

    /// Registers a citizen and returns the bearer token.
    pub async fn citizen_token(&self, id_number: &str, phone: &str) -> String {
        let body = serde_json::json!({
            "id_number": id_number, "full_name": "Công dân thử nghiệm", "phone": phone, "password": "mat-khau-dai"
        });
        let (status, created) = self.post("/api/v1/citizens", None, &body).await;
        assert_eq!(status, 201, "registration: {created}");
        let body = serde_json::json!({ "id_number": id_number, "password": "mat-khau-dai" });
        let (status, session) = self.post("/api/v1/sessions", None, &body).await;
        assert_eq!(status, 201, "sign-in: {session}");
        session["token"].as_str().expect("token").to_owned()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.child.kill().ok();
        self.child.wait().ok();
    }
}

/// Runs a `motcua` command and returns its whole output, whatever its status.
pub fn run_cli_output(database_url: &str, args: &[&str]) -> std::process::Output {
    cli(database_url, args)
}

fn cli(database_url: &str, args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_motcua"))
        .args(args)
        .args(["--database", database_url])
        .env("MOTCUA_LOG", "warn")
        .output()
        .expect("run motcua")
}

/// Runs a `motcua` command that must succeed and returns its standard output.
pub fn run_cli(database_url: &str, args: &[&str]) -> String {
    let output = cli(database_url, args);
    assert!(output.status.success(), "motcua {args:?} failed: {}", String::from_utf8_lossy(&output.stderr));
    String::from_utf8_lossy(&output.stdout).into_owned()
}

/// Runs a `motcua` command that must fail and returns its standard error.
pub fn run_cli_expecting_failure(database_url: &str, args: &[&str]) -> String {
    let output = cli(database_url, args);
    assert!(!output.status.success(), "motcua {args:?} should have failed");
    String::from_utf8_lossy(&output.stderr).into_owned()
}
