//! Sammen's server: the JSON API, login, sessions, the database, the web client's files and,
//! in development, the MitID simulator. `main.rs` is a thin command line around `Application`.

#![forbid(unsafe_code)]

mod access;
pub mod audit;
pub mod auth;
pub mod bench_seed;
pub mod cache_bus;
pub mod calendar;
mod caseload;
pub mod catalogue;
pub mod clock;
pub mod config;
pub mod db;
pub mod demo;
pub mod dev_idp;
pub mod email;
pub mod error;
pub mod http;
mod live;
pub(crate) mod meetings;
mod messages;
mod my_data;
mod overview;
pub mod people;
mod plan;
mod profile;
mod server_pages;
mod state;

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use secrecy::SecretString;
use shared::auth::LoginKind;
use tokio::net::TcpListener;
use url::Url;

use crate::auth::CookieConfig;
use crate::auth::oidc::OidcProvider;
use crate::config::{OidcSettings, Settings};
use crate::db::Db;
use crate::dev_idp::SimProvider;
use crate::http::static_files::WebClient;
use crate::state::AppState;

/// A built server, bound to its port but not yet serving.
pub struct Application {
    listener: TcpListener,
    /// `/metrics` on an address of its own (`metrics_listen`).
    metrics_listener: Option<TcpListener>,
    router: axum::Router,
    state: AppState,
    /// Where the outbox worker sends emails.
    mail: email::transport::Transport,
}

impl Application {
    /// Binds the listener, connects and migrates the database, and wires the routes.
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        settings.check()?;
        http::telemetry::init_metrics();
        let listener = TcpListener::bind(settings.listen)
            .await
            .with_context(|| format!("cannot listen on {}", settings.listen))?;
        let address = listener.local_addr()?;
        let metrics_listener = match settings.metrics_listen {
            Some(at) => Some(
                TcpListener::bind(at)
                    .await
                    .with_context(|| format!("cannot listen for metrics on {at}"))?,
            ),
            None => None,
        };
        let public_url = match &settings.public_url {
            Some(url) => url.clone(),
            None => Url::parse(&format!("http://{address}/"))?,
        };
        let db = Db::connect(&settings.database_url, settings.database_max_connections).await?;
        db.migrate().await.context("database migration failed")?;

        let banner = http::static_files::dev_banner(&settings);
        if settings.mode == config::Mode::Development {
            tracing::warn!(
                "development mode: not for real citizens (development CPR key, banner on every page); set SAMMEN_MODE=production to serve citizens"
            );
        }
        let web = WebClient::load(&settings.web_dist, &banner);
        let mut simulators = Vec::new();
        let mut citizen = settings.citizen_login.clone();
        let mut employee = settings.employee_login.clone();
        if settings.dev_idp.enabled {
            tracing::warn!("the dev MitID simulator is on: for development and tests only");
            for kind in [LoginKind::Citizen, LoginKind::Employee] {
                let sim = SimProvider::new(kind, &public_url, web.stylesheets.clone());
                simulators.push((dev_idp::issuer_path(kind), sim));
            }
            use_simulator_if_unset(&mut citizen, LoginKind::Citizen, &public_url);
            use_simulator_if_unset(&mut employee, LoginKind::Employee, &public_url);
        }
        let citizen_login = Arc::new(OidcProvider::new(
            LoginKind::Citizen,
            &citizen,
            &public_url,
        )?);
        let employee_login = Arc::new(OidcProvider::new(
            LoginKind::Employee,
            &employee,
            &public_url,
        )?);

        let bus = cache_bus::Bus::new(&db);
        let login_limiter = Arc::new(auth::limits::LoginLimiter::new(
            settings.login.starts_per_minute,
        ));
        let plan_cache = plan::cache::PlanCache::new(settings.memory.plans);
        let sessions = auth::session::SessionMemory::new(settings.memory.sessions);
        let state = AppState {
            db,
            public_origin: public_url.origin().ascii_serialization(),
            cookies: CookieConfig {
                secure: public_url.scheme() == "https",
            },
            public_url,
            settings: Arc::new(settings),
            citizen_login,
            employee_login,
            plan_cache,
            clock: clock::Clock::system(),
            touches: Arc::default(),
            login_limiter,
            bus,
            sessions,
            shell: web.shell.clone(),
        };
        let router = http::router(state.clone(), simulators, web);
        let mail = email::transport::Transport::from_settings(&state.settings)?;
        Ok(Application {
            listener,
            metrics_listener,
            router,
            state,
            mail,
        })
    }

    /// Where `/metrics` is served when it has an address of its own.
    pub fn metrics_address(&self) -> Option<std::net::SocketAddr> {
        self.metrics_listener
            .as_ref()
            .and_then(|l| l.local_addr().ok())
    }

    pub fn port(&self) -> u16 {
        self.listener.local_addr().map(|a| a.port()).unwrap_or(0)
    }

    pub fn public_url(&self) -> &Url {
        &self.state.public_url
    }

    pub fn db(&self) -> &Db {
        &self.state.db
    }

    /// The clock this instance decides by; tests move it forward.
    pub fn clock(&self) -> clock::Clock {
        self.state.clock.clone()
    }

    /// Serves until `shutdown` completes, then finishes requests in flight.
    pub async fn run_until_stopped(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let janitor = tokio::spawn(purge_periodically(self.state.clone()));
        let touches = {
            let (queue, db) = (self.state.touches.clone(), self.state.db.clone());
            tokio::spawn(async move { queue.write_periodically(db).await })
        };
        let upkeep = tokio::spawn(http::telemetry::upkeep_periodically());
        let mailer = tokio::spawn(email::worker::run(self.state.clone(), self.mail));
        let metrics = self.metrics_listener.map(|listener| {
            tokio::spawn(async move {
                let _ = axum::serve(listener, http::health::metrics_router()).await;
            })
        });
        let listener = match &self.state.db {
            Db::Postgres { pool, .. } => Some((
                tokio::spawn(self.state.bus.clone().listen(pool.clone())),
                tokio::spawn(self.state.bus.clone().send_heartbeats(pool.clone())),
            )),
            Db::Sqlite { .. } => None,
        };
        tracing::info!(url = %self.state.public_url, "Sammen is serving");
        let router = self
            .router
            .into_make_service_with_connect_info::<std::net::SocketAddr>();
        let result = axum::serve(self.listener, router)
            .with_graceful_shutdown(shutdown)
            .await;
        janitor.abort();
        touches.abort();
        upkeep.abort();
        mailer.abort();
        if let Some(metrics) = metrics {
            metrics.abort();
        }
        if let Some((listener, heartbeat)) = listener {
            listener.abort();
            heartbeat.abort();
        }
        self.state.db.close().await;
        result.context("server error")
    }
}

fn use_simulator_if_unset(login: &mut OidcSettings, kind: LoginKind, public_url: &Url) {
    if login.issuer.is_some() {
        return;
    }
    let (id, secret) = match kind {
        LoginKind::Citizen => (dev_idp::CITIZEN_CLIENT_ID, dev_idp::CITIZEN_CLIENT_SECRET),
        LoginKind::Employee => (dev_idp::EMPLOYEE_CLIENT_ID, dev_idp::EMPLOYEE_CLIENT_SECRET),
    };
    login.issuer = Some(dev_idp::issuer_url(kind, public_url).to_string());
    login.client_id = Some(id.to_string());
    login.client_secret = Some(SecretString::from(secret));
}

/// Removes ended sessions and old pending logins every few minutes.
async fn purge_periodically(state: AppState) {
    let idle = i64::from(state.settings.session.idle_timeout_seconds);
    let mut interval = tokio::time::interval(Duration::from_secs(300));
    loop {
        interval.tick().await;
        state.login_limiter.tidy();
        match auth::session::purge_expired(&state.db, state.clock.now(), idle).await {
            Ok(n) if n > 0 => tracing::debug!(removed = n, "purged ended sessions and logins"),
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "could not purge sessions"),
        }
    }
}
