//! `cargo xtask test`: the whole suite.
//! 1. Rust tests of every crate, with the integration tests on SQLite *and* PostgreSQL
//!    (`SAMMEN_TEST_POSTGRES_URL`, default postgres://postgres@127.0.0.1:5432/postgres).
//! 2. Browser tests: the web client built, three servers started with fresh databases and the
//!    demo people, and Playwright driving Chromium (`CHROMIUM_PATH`, default /usr/bin/chromium)
//!    with axe-core on every page state; once on SQLite, once on PostgreSQL.
//!
//! 3. The API fuzzed with schemathesis as a citizen and a caseworker on both engines
//!    (`fuzz.rs`).
//!
//! `--rust-only`, `--fuzz-only` and `--e2e-only` run one part, for quicker iterations.

use std::path::Path;
use std::process::{Child, Command};

use anyhow::{Context, bail};

use crate::util::{
    cargo, npm_ci, require_postgres, require_program, root, run as sh, sammen_binary,
};

pub fn run(args: &[String]) -> anyhow::Result<()> {
    let only = |name: &str| args.iter().any(|a| a == name);
    let any_only = only("--rust-only") || only("--e2e-only") || only("--fuzz-only");
    let rust = !any_only || only("--rust-only");
    let fuzz = !any_only || only("--fuzz-only");
    let e2e = !any_only || only("--e2e-only");
    if e2e {
        let chromium =
            std::env::var("CHROMIUM_PATH").unwrap_or_else(|_| "/usr/bin/chromium".into());
        if !Path::new(&chromium).exists() {
            bail!(
                "the browser tests need Chromium at {chromium}; install it with: apt-get install chromium (or set CHROMIUM_PATH)"
            );
        }
        require_program("npm", "Node.js and npm", "apt-get install nodejs npm")?;
    }
    if rust || fuzz || e2e {
        let postgres = std::env::var("SAMMEN_TEST_POSTGRES_URL")
            .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
        require_postgres(&postgres)?;
    }
    if rust {
        // One integration test checks what the server serves of the built web client.
        let dist = crate::web::build(false)?;
        sh(cargo()
            .args(["test", "--workspace", "--exclude", "frontend"])
            .env("TEST_WEB_CLIENT_DIST", &dist))?;
        // The web client's own tests run on the host (they do not need a browser).
        sh(cargo().args(["test", "-p", "frontend"]))?;
    }
    if fuzz {
        sh(cargo().args(["build", "-p", "sammen"]))?;
        crate::fuzz::run()?;
    }
    if e2e {
        browser_tests()?;
    }
    eprintln!("all tests passed");
    Ok(())
}

fn browser_tests() -> anyhow::Result<()> {
    crate::web::build(false)?;
    sh(cargo().args(["build", "-p", "sammen"]))?;
    sh(cargo().args(["build", "-p", "tests", "--bin", "smtpsink"]))?;
    npm_ci(&root().join("tests/e2e"), "@playwright/test")?;
    specs_on("sqlite", |_| Ok(None))?;
    // Once more on PostgreSQL: the same pages, each server on its own fresh database.
    let admin = std::env::var("SAMMEN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into());
    specs_on("postgres", |server| {
        crate::util::fresh_postgres_database(&admin, &format!("sammen_e2e_{server}")).map(Some)
    })
}

/// Runs every spec against servers on one engine; `database` gives a server (by name) its
/// database URL, or `None` for a fresh SQLite file.
fn specs_on(
    engine: &str,
    database: impl Fn(&str) -> anyhow::Result<Option<String>>,
) -> anyhow::Result<()> {
    eprintln!("browser tests on {engine}");
    let e2e_dir = root().join("tests/e2e");
    // A real SMTP server the main server sends to; the specs read what it received.
    let mail_dir = root().join("target/e2e").join(format!("mail-{engine}"));
    if mail_dir.exists() {
        std::fs::remove_dir_all(&mail_dir)?;
    }
    let smtp_port = free_port()?;
    let _smtp = ChildGuard(
        Command::new(root().join("target/debug/smtpsink"))
            .arg(smtp_port.to_string())
            .arg(&mail_dir)
            .spawn()
            .context("cannot start the test SMTP server")?,
    );
    let smtp_url = format!("smtp://127.0.0.1:{smtp_port}");
    let start = |name: &str, env: &[(&str, &str)], examples: bool| -> anyhow::Result<TestServer> {
        let url = database(name)?;
        let mut env = env.to_vec();
        if let Some(url) = &url {
            env.push(("SAMMEN_DATABASE_URL", url.as_str()));
        }
        let name = format!("{name}-{engine}");
        if examples {
            TestServer::start_with_examples(&name, &env)
        } else {
            TestServer::start(&name, &env)
        }
    };
    let main = start(
        "main",
        &[
            ("SAMMEN_SMTP__URL", smtp_url.as_str()),
            // Notifications soon and at any hour, so a spec can wait for one.
            ("SAMMEN_NOTIFY__UNREAD_DELAY_SECONDS", "2"),
            ("SAMMEN_NOTIFY__QUIET_HOURS", ""),
            ("SAMMEN_OUTBOX__POLL_MILLIS", "200"),
        ],
        false,
    )?;
    let idle = start(
        "idle",
        &[
            ("SAMMEN_SESSION__IDLE_TIMEOUT_SECONDS", "45"),
            ("SAMMEN_SESSION__IDLE_WARNING_SECONDS", "10"),
        ],
        false,
    )?;
    // The demo as `cargo xtask run` shows it, with meetings already behind a citizen.
    let examples = start("examples", &[], true)?;
    let result = sh(Command::new("npx")
        .args(["playwright", "test"])
        .current_dir(&e2e_dir)
        .env("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")
        .env("SAMMEN_E2E_URL", &main.url)
        .env("SAMMEN_E2E_IDLE_URL", &idle.url)
        .env("SAMMEN_E2E_EXAMPLES_URL", &examples.url)
        .env("E2E_MAIL_DIR", &mail_dir));
    // A connection handed on inside a transaction nobody ends loses what is written on it,
    // silently; PostgreSQL only warns when the next BEGIN comes. Never acceptable.
    let stale: Vec<String> = [&main, &idle, &examples]
        .iter()
        .flat_map(|server| server.log_lines_with("there is already a transaction in progress"))
        .collect();
    let result = result.and_then(|()| {
        if stale.is_empty() {
            Ok(())
        } else {
            bail!(
                "a database connection was used inside a transaction left open:\n{}",
                stale.join("\n")
            )
        }
    });
    if result.is_err() {
        // The servers' own account of what went wrong (a refused login names its reason); in CI
        // their log files are gone with the checkout.
        for server in [&main, &idle, &examples] {
            server.print_problems();
        }
    }
    drop(main);
    drop(idle);
    drop(examples);
    result.with_context(|| format!("browser tests on {engine}"))
}

/// A child process that ends with the value holding it.
struct ChildGuard(Child);

impl Drop for ChildGuard {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A `sammen serve` with its own fresh SQLite database, the demo people and the simulator on.
pub struct TestServer {
    pub url: String,
    child: Child,
    log: std::path::PathBuf,
}

impl TestServer {
    pub fn start(name: &str, env: &[(&str, &str)]) -> anyhow::Result<TestServer> {
        TestServer::start_built(name, env, false, false)
    }

    /// With the demo's example plans, profiles and meetings (`seed-demo --examples`).
    pub fn start_with_examples(name: &str, env: &[(&str, &str)]) -> anyhow::Result<TestServer> {
        TestServer::start_built(name, env, false, true)
    }

    pub fn start_release(name: &str, env: &[(&str, &str)]) -> anyhow::Result<TestServer> {
        TestServer::start_built(name, env, true, false)
    }

    fn start_built(
        name: &str,
        env: &[(&str, &str)],
        release: bool,
        examples: bool,
    ) -> anyhow::Result<TestServer> {
        let dir = root().join("target/e2e").join(name);
        if dir.exists() {
            std::fs::remove_dir_all(&dir)?;
        }
        std::fs::create_dir_all(&dir)?;
        let port = free_port()?;
        let configure = |cmd: &mut Command| {
            cmd.current_dir(root())
                .env(
                    "SAMMEN_DATABASE_URL",
                    format!("sqlite://{}", dir.join("sammen.db").display()),
                )
                .env("SAMMEN_DEV_IDP__ENABLED", "true")
                // Every browser test logs in from 127.0.0.1; the limit has its own test.
                .env("SAMMEN_LOGIN__STARTS_PER_MINUTE", "100000")
                .env("SAMMEN_LISTEN", format!("127.0.0.1:{port}"))
                .env("SAMMEN_WEB_DIST", root().join("dist"))
                .envs(env.iter().copied());
        };
        let mut seed = Command::new(sammen_binary(release));
        seed.arg("seed-demo");
        if examples {
            seed.arg("--examples");
        }
        configure(&mut seed);
        sh(&mut seed)?;
        let log = dir.join("server.log");
        let mut serve = Command::new(sammen_binary(release));
        serve.arg("serve").stdout(std::fs::File::create(&log)?);
        configure(&mut serve);
        let child = serve.spawn().context("cannot start sammen serve")?;
        let server = TestServer {
            url: format!("http://127.0.0.1:{port}"),
            child,
            log,
        };
        wait_until_ready(port)?;
        Ok(server)
    }
}

impl TestServer {
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// The lines of the server's log that contain `text`.
    pub fn log_lines_with(&self, text: &str) -> Vec<String> {
        self.log_lines(|l| l.contains(text))
    }

    fn log_lines(&self, keep: impl Fn(&str) -> bool) -> Vec<String> {
        std::fs::read_to_string(&self.log)
            .unwrap_or_default()
            .lines()
            .filter(|l| keep(l))
            .map(str::to_string)
            .collect()
    }

    /// Prints the log lines that report a problem (warnings, errors, refused logins).
    pub fn print_problems(&self) {
        let problems =
            self.log_lines(|l| l.contains("WARN") || l.contains("ERROR") || l.contains("refused"));
        eprintln!(
            "{} ({}): {} problem lines",
            self.url,
            self.log.display(),
            problems.len()
        );
        for line in problems.iter().rev().take(40).rev() {
            eprintln!("  {line}");
        }
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub fn free_port() -> anyhow::Result<u16> {
    Ok(std::net::TcpListener::bind("127.0.0.1:0")?
        .local_addr()?
        .port())
}

/// Polls `/readyz` with a bare HTTP request until the server answers 200.
pub fn wait_until_ready(port: u16) -> anyhow::Result<()> {
    use std::io::{Read, Write};
    for _ in 0..300 {
        if let Ok(mut stream) = std::net::TcpStream::connect(("127.0.0.1", port)) {
            let _ = stream.write_all(b"GET /readyz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n");
            let mut answer = String::new();
            let _ = stream.read_to_string(&mut answer);
            if answer.starts_with("HTTP/1.0 200") || answer.starts_with("HTTP/1.1 200") {
                return Ok(());
            }
        }
        std::thread::sleep(std::time::Duration::from_millis(100));
    }
    bail!("the server on port {port} did not become ready")
}
