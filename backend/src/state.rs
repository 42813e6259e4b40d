use std::sync::Arc;

use url::Url;

use crate::auth::CookieConfig;
use crate::auth::oidc::OidcProvider;
use crate::config::Settings;
use crate::db::Db;

/// What every handler can reach. Cheap to clone: everything big sits behind an `Arc`.
#[derive(Clone)]
pub struct AppState {
    pub db: Db,
    pub settings: Arc<Settings>,
    /// The address people use, e.g. `https://sammen.kommune.dk/`.
    pub public_url: Url,
    /// `scheme://host[:port]` of `public_url`, as browsers send it in `Origin`.
    pub public_origin: String,
    pub cookies: CookieConfig,
    pub citizen_login: Arc<OidcProvider>,
    pub employee_login: Arc<OidcProvider>,
    /// What server-rendered pages share with the web client's index.html.
    pub shell: Arc<crate::http::static_files::PageShell>,
    /// Announces changes so no instance trusts an outdated memory (see `cache_bus`).
    pub bus: Arc<crate::cache_bus::Bus>,
    /// Sessions this instance has checked.
    pub sessions: crate::auth::session::SessionMemory,
    /// Refuses floods of login starts.
    pub login_limiter: Arc<crate::auth::limits::LoginLimiter>,
    /// Ready-made answers to the citizens' most common request.
    pub plan_cache: crate::plan::cache::PlanCache,
    /// The time sessions (and, next, messages and meetings) are decided by.
    pub clock: crate::clock::Clock,
    /// Session activity waiting to be written (see `auth::touches`).
    pub touches: Arc<crate::auth::touches::TouchQueue>,
}
