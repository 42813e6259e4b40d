//! Helpers for Sammen's integration tests: a real server on a random port with a fresh
//! database (SQLite file or a new PostgreSQL database), the demo people imported, and an HTTP
//! client with its own cookie jar that logs in through the simulator like a browser would.
//!
//! A little over 400 lines: `TestApp` is one type (start, databases, clock, stop); the browser
//! is in `browser.rs`.

use std::sync::Arc;

use reqwest::StatusCode;
use sammen::Application;
use sammen::config::Settings;
use sammen::db::Db;
use secrecy::SecretString;
use serde_json::Value;
use shared::auth::LoginKind;
use tokio::sync::oneshot;
use url::Url;

pub use sammen::db::Engine;

pub mod bench;
mod browser;
pub mod proxy;
pub mod smtp;

pub use browser::{Browser, Landing, pdf, upload};

/// Generates one `#[tokio::test]` per database engine for an `async fn(Engine)`.
#[macro_export]
macro_rules! on_both_engines {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                super::$name($crate::Engine::Sqlite).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                super::$name($crate::Engine::Postgres).await
            }
        }
    )*};
}

/// Generates one `#[tokio::test]` per database engine and form of the citizens' issuer for an
/// `async fn(Engine, Issuer)`.
#[macro_export]
macro_rules! on_both_engines_and_issuers {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_issuer_with_path() {
                super::$name($crate::Engine::Sqlite, $crate::Issuer::WithPath).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite_bare_host_issuer() {
                super::$name($crate::Engine::Sqlite, $crate::Issuer::BareHost).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_issuer_with_path() {
                super::$name($crate::Engine::Postgres, $crate::Issuer::WithPath).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres_bare_host_issuer() {
                super::$name($crate::Engine::Postgres, $crate::Issuer::BareHost).await
            }
        }
    )*};
}

/// Where the citizens' simulated MitID broker lives.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Issuer {
    /// Inside the portal, at `<portal>/dev/mitid` (an issuer with a path).
    WithPath,
    /// On a port of its own, with the issuer `http://127.0.0.1:<port>` exactly: no path, no
    /// trailing slash, as Criipto-style brokers have.
    BareHost,
}

/// The PostgreSQL server tests create their databases on. Must be reachable: a suite that
/// silently skipped PostgreSQL would prove nothing about it.
pub fn postgres_admin_url() -> String {
    std::env::var("SAMMEN_TEST_POSTGRES_URL")
        .unwrap_or_else(|_| "postgres://postgres@127.0.0.1:5432/postgres".into())
}

pub struct TestApp {
    pub base: Url,
    /// The citizens' simulated broker's issuer, as configured.
    pub citizen_issuer: String,
    /// `/metrics` on its own address, where `metrics_listen` is set.
    pub metrics_url: Option<Url>,
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The server's clock: `app.clock.advance(…)` takes it to a later moment.
    pub clock: sammen::clock::Clock,
    shutdown: Option<oneshot::Sender<()>>,
    server: Option<tokio::task::JoinHandle<anyhow::Result<()>>>,
    cleanup: Cleanup,
}

enum Cleanup {
    Dir(std::path::PathBuf),
    Postgres(String),
    /// A second instance on another's database: the first cleans up.
    Nothing,
}

impl TestApp {
    pub async fn spawn(engine: Engine) -> TestApp {
        TestApp::spawn_with(engine, |_| {}).await
    }

    /// Starts a server; `adjust` may change the settings first (timeouts, modes).
    pub async fn spawn_with(engine: Engine, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        TestApp::spawn_full(engine, Issuer::WithPath, adjust).await
    }

    /// Starts a server whose citizens log in at a simulated broker of the given form.
    pub async fn spawn_with_issuer(engine: Engine, issuer: Issuer) -> TestApp {
        TestApp::spawn_full(engine, issuer, |_| {}).await
    }

    pub async fn spawn_full(
        engine: Engine,
        issuer: Issuer,
        adjust: impl FnOnce(&mut Settings),
    ) -> TestApp {
        let id = uuid::Uuid::new_v4().simple().to_string();
        let (database_url, cleanup) = match engine {
            Engine::Sqlite => {
                let dir = std::env::temp_dir().join(format!("sammen-test-{id}"));
                std::fs::create_dir_all(&dir).expect("temp dir");
                (
                    format!("sqlite://{}", dir.join("sammen.db").display()),
                    Cleanup::Dir(dir),
                )
            }
            Engine::Postgres => {
                let name = format!("sammen_test_{id}");
                let admin = postgres_admin_url();
                let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(&admin)
                    .await
                    .unwrap_or_else(|e| {
                        panic!("PostgreSQL must be running at {admin} for the tests: {e}")
                    });
                sqlx::query(&format!("CREATE DATABASE {name}"))
                    .execute(&mut conn)
                    .await
                    .expect("create test database");
                let mut url = Url::parse(&admin).expect("admin URL");
                url.set_path(&name);
                (url.to_string(), Cleanup::Postgres(name))
            }
        };
        let mut settings = Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            database_url: SecretString::from(database_url),
            database_max_connections: 8,
            web_dist: std::env::temp_dir().join("sammen-tests-no-web-client"),
            files_dir: std::env::temp_dir().join(format!("sammen-test-files-{id}")),
            ..Settings::default()
        };
        settings.dev_idp.enabled = true;
        // Without an SMTP server, emails become files in a folder of this test's own.
        settings.outbox.dir = std::env::temp_dir().join(format!("sammen-test-outbox-{id}"));
        settings.outbox.poll_millis = 50;
        // Tests log in many times from one address; the test of the limit sets its own.
        settings.login.starts_per_minute = 10_000;
        adjust(&mut settings);
        let bare_host = match issuer {
            Issuer::WithPath => None,
            Issuer::BareHost => {
                let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
                    .await
                    .expect("a port for the simulated broker");
                let issuer = format!("http://{}", listener.local_addr().expect("address"));
                settings.citizen_login.issuer = Some(issuer.clone());
                settings.citizen_login.client_id =
                    Some(sammen::dev_idp::CITIZEN_CLIENT_ID.to_string());
                settings.citizen_login.client_secret =
                    Some(SecretString::from(sammen::dev_idp::CITIZEN_CLIENT_SECRET));
                Some((listener, issuer))
            }
        };

        let app = Application::build(settings.clone())
            .await
            .expect("the server builds");
        let base = app.public_url().clone();
        let metrics_url = app
            .metrics_address()
            .map(|a| Url::parse(&format!("http://{a}/metrics")).expect("metrics URL"));
        let citizen_issuer = match bare_host {
            None => format!(
                "{}{}",
                base.as_str().trim_end_matches('/'),
                sammen::dev_idp::issuer_path(LoginKind::Citizen)
            ),
            Some((listener, issuer)) => {
                let sim = sammen::dev_idp::SimProvider::at(
                    LoginKind::Citizen,
                    issuer.clone(),
                    &base,
                    vec![],
                );
                let router: axum::Router = sim.router();
                tokio::spawn(async move {
                    let _ = axum::serve(listener, router).await;
                });
                issuer
            }
        };
        let db = app.db().clone();
        let clock = app.clock();
        sammen::people::import::import_csv(
            &db,
            sammen::dev_idp::DEMO_PEOPLE_CSV.as_bytes(),
            &settings.cpr_key,
        )
        .await
        .expect("demo people import");
        let (tx, rx) = oneshot::channel();
        let server = tokio::spawn(app.run_until_stopped(async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            citizen_issuer,
            metrics_url,
            db,
            settings: Arc::new(settings),
            clock,
            shutdown: Some(tx),
            server: Some(server),
            cleanup,
        }
    }

    pub fn url(&self, path: &str) -> Url {
        self.base.join(path).expect("valid path")
    }

    /// Another instance on the same database, as when several run behind a load balancer.
    pub async fn spawn_beside(&self) -> TestApp {
        self.spawn_beside_with(|_| {}).await
    }

    pub async fn spawn_beside_with(&self, adjust: impl FnOnce(&mut Settings)) -> TestApp {
        let mut settings = Settings {
            listen: "127.0.0.1:0".parse().unwrap(),
            ..(*self.settings).clone()
        };
        adjust(&mut settings);
        let app = Application::build(settings.clone())
            .await
            .expect("the second server builds");
        let base = app.public_url().clone();
        let db = app.db().clone();
        let clock = app.clock();
        let (tx, rx) = oneshot::channel();
        let server = tokio::spawn(app.run_until_stopped(async {
            let _ = rx.await;
        }));
        TestApp {
            base,
            citizen_issuer: self.citizen_issuer.clone(),
            metrics_url: None,
            db,
            settings: Arc::new(settings),
            clock,
            shutdown: Some(tx),
            server: Some(server),
            cleanup: Cleanup::Nothing,
        }
    }

    /// A new "browser": its own cookie jar, no automatic redirects (tests follow them).
    pub fn browser(&self) -> Browser {
        let jar = Arc::new(reqwest::cookie::Jar::default());
        let client = reqwest::Client::builder()
            .cookie_provider(jar.clone())
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("client");
        Browser {
            client,
            base: self.base.clone(),
            csrf: None,
            jar,
        }
    }

    /// Where a simulated provider's own endpoints are.
    fn simulator_url(&self, kind: LoginKind, endpoint: &str) -> Url {
        match kind {
            LoginKind::Citizen => Url::parse(&format!("{}{endpoint}", self.citizen_issuer)),
            LoginKind::Employee => {
                Ok(self.url(&format!("{}{endpoint}", sammen::dev_idp::issuer_path(kind))))
            }
        }
        .expect("simulator URL")
    }

    /// Tells a simulated provider to misbehave (or `none` to behave again).
    pub async fn misbehave(&self, kind: LoginKind, mode: &str) {
        let status = reqwest::Client::new()
            .post(self.simulator_url(kind, "/_test/misbehaviour"))
            .json(&serde_json::json!({ "mode": mode }))
            .send()
            .await
            .expect("simulator reachable")
            .status();
        assert_eq!(
            status,
            StatusCode::NO_CONTENT,
            "the simulator knows the mode {mode}"
        );
    }

    pub async fn rotate_keys(&self, kind: LoginKind) {
        let status = reqwest::Client::new()
            .post(self.simulator_url(kind, "/_test/rotate-keys"))
            .send()
            .await
            .expect("simulator")
            .status();
        assert_eq!(status, StatusCode::NO_CONTENT);
    }

    /// Counts rows in a table (tests check that refused actions changed nothing).
    pub async fn count(&self, table: &str) -> i64 {
        let sql = format!("SELECT COUNT(*) FROM {table}");
        let row: (i64,) =
            sammen::db_conn!(self.db.reader().await.expect("a database connection").conn(), pool => sqlx::query_as(&sql).fetch_one(pool).await)
                .expect("count query");
        row.0
    }

    pub async fn stop(mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = server.await;
        }
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(tx) = self.shutdown.take() {
            let _ = tx.send(());
        }
        match &self.cleanup {
            Cleanup::Dir(dir) => {
                let _ = std::fs::remove_dir_all(dir);
            }
            Cleanup::Nothing => {}
            Cleanup::Postgres(name) => {
                let name = name.clone();
                // Dropping needs async; do it on a thread of its own so Drop stays synchronous.
                let _ = std::thread::spawn(move || {
                    let rt = tokio::runtime::Builder::new_current_thread()
                        .enable_all()
                        .build()
                        .ok()?;
                    rt.block_on(async {
                        let mut conn = <sqlx::PgConnection as sqlx::Connection>::connect(
                            &postgres_admin_url(),
                        )
                        .await
                        .ok()?;
                        sqlx::query(&format!("DROP DATABASE IF EXISTS {name} WITH (FORCE)"))
                            .execute(&mut conn)
                            .await
                            .ok()
                    })
                })
                .join();
            }
        }
    }
}

/// A caseworker and one of their citizens, both logged in, and the citizen's id.
pub async fn caseworker_and_citizen(
    app: &TestApp,
    caseworker: &str,
    citizen_hint: &str,
    citizen_name: &str,
) -> (Browser, Browser, String) {
    let mut cw = app.browser();
    cw.login(LoginKind::Employee, caseworker).await;
    let mut citizen = app.browser();
    citizen.login(LoginKind::Citizen, citizen_hint).await;
    let id = cw.citizen_id(citizen_name).await;
    (cw, citizen, id)
}

/// A step's words as the API takes them.
pub fn wording(
    title: &str,
    step_type: &str,
    starts_on: Option<&str>,
    ends_on: Option<&str>,
) -> Value {
    serde_json::json!({
        "title": title,
        "description": "",
        "step_type": step_type,
        "starts_on": starts_on,
        "ends_on": ends_on,
        "responsible": "citizen",
    })
}
