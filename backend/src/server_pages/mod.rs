//! Pages the server renders itself, as plain HTML in the web client's frame: the start page
//! (no script at all) and the citizen's *Mit overblik*, the page a reminder email and every
//! MitID login lead to. People arrive there on phones with weak connections; the HTML shows
//! everything they came to see before any WebAssembly has arrived, and the web client loads
//! behind it and takes over (see `overview.rs`).
//!
//! Language: `?lang=en` on any of these pages sets the `sammen_lang` cookie (which the web client
//! reads and writes too) and, for a logged-in citizen, the language emails are written in.

mod controls;
mod frame;
mod logout;
mod overview;
mod plan;
mod profile;
mod start;

use axum::Router;
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use serde::Deserialize;
use shared::Lang;

use crate::auth::session::{self, Role, Session};
use crate::error::request_lang;
use crate::http::static_files::WebClient;
use crate::state::AppState;

pub use frame::notice;

/// Also read by the web client (`frontend/src/i18n.rs`).
pub const LANG_COOKIE: &str = "sammen_lang";

/// `web` answers `/mit-overblik` for anyone but a logged-in citizen: the web client tells them
/// what they can do.
pub fn router(web: WebClient) -> Router<AppState> {
    // Compressed on the fly: the pages are small and change with the person, so they have no
    // precompressed file like the web client's.
    Router::new()
        .route("/", get(start::start))
        .route(
            "/mit-overblik",
            get({
                let web = web.clone();
                move |s, j, h, q| overview::overview_page(web, s, j, h, q)
            }),
        )
        .route(
            "/min-plan",
            get({
                let web = web.clone();
                move |s, j, h, q| plan::plan_page(web, s, j, h, q)
            }),
        )
        .route(
            "/min-profil",
            get(move |s, j, h, q| profile::profile_page(web, s, j, h, q)),
        )
        .merge(logout::router())
        .layer(tower_http::compression::CompressionLayer::new())
}

#[derive(Deserialize)]
struct LangParam {
    lang: Option<String>,
}

/// The language a page is shown in: the cookie, else the browser's wish.
fn page_lang(jar: &CookieJar, headers: &HeaderMap) -> Lang {
    jar.get(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .unwrap_or_else(|| request_lang(headers))
}

fn lang_cookie(state: &AppState, lang: Lang) -> Cookie<'static> {
    Cookie::build((LANG_COOKIE, lang.code()))
        .path("/")
        .same_site(SameSite::Lax)
        .secure(state.cookies.secure)
        .max_age(cookie::time::Duration::days(365))
        .build()
}

/// The session behind the request's cookie, if it is still valid.
async fn current_session(state: &AppState, jar: &CookieJar) -> Option<Session> {
    let cookie = jar.get(state.cookies.session_name())?;
    session::load(
        session::Sessions::of(state),
        cookie.value(),
        state.clock.now(),
    )
    .await
    .ok()
    .flatten()
}

/// Whether someone is logged in changes these pages: never shared, never reused.
fn personal(mut response: Response) -> Response {
    let h = response.headers_mut();
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-language"),
    );
    response
}

fn html(page: String) -> Response {
    personal(axum::response::Html(page).into_response())
}

/// What a page request gets when the server is too busy to take it (`http::shed`): a page in
/// the person's language saying to try again in a moment.
pub fn busy_page(state: &AppState, headers: &HeaderMap) -> Response {
    let lang = page_lang(&CookieJar::from_headers(headers), headers);
    let t = shared::i18n::texts(lang);
    let page = frame::notice(state, lang, t.busy_title, t.error_unavailable);
    let mut response = html(page);
    *response.status_mut() = axum::http::StatusCode::SERVICE_UNAVAILABLE;
    response
}

/// A logged-in citizen's page, as far as every citizen page needs it.
struct CitizenPage {
    citizen_id: uuid::Uuid,
    /// The session's token, for the "Log af" form.
    csrf: String,
    lang: Lang,
}

/// The start of every citizen page: `?lang=` stores the choice (for emails too, as when the
/// web client switches) and comes back to `path`; anyone but a logged-in citizen gets the web
/// client, which tells them to log in or what they may see instead.
async fn citizen_page(
    web: &WebClient,
    state: &AppState,
    jar: CookieJar,
    headers: &HeaderMap,
    params: LangParam,
    path: &'static str,
) -> Result<CitizenPage, Response> {
    let session = current_session(state, &jar)
        .await
        .filter(|s| s.role == Role::Citizen);
    if let Some(lang) = params.lang.as_deref().and_then(Lang::from_code) {
        if let Some(s) = &session
            && let Err(e) = crate::people::set_citizen_language(&state.db, s.user_id, lang).await
        {
            tracing::warn!(error = %e, "could not remember the language");
        }
        return Err((jar.add(lang_cookie(state, lang)), Redirect::to(path)).into_response());
    }
    let Some(session) = session else {
        return Err(web.serve_index(headers));
    };
    Ok(CitizenPage {
        citizen_id: session.user_id,
        csrf: session.csrf_token,
        lang: page_lang(&jar, headers),
    })
}

impl CitizenPage {
    /// The page at `path` in the portal's frame, with the web client loading behind it.
    fn render(
        &self,
        state: &AppState,
        path: &'static str,
        title: &str,
        name: &str,
        main: String,
    ) -> Response {
        html(frame::render(
            state,
            &frame::Page {
                lang: self.lang,
                title,
                lang_base: "",
                citizen: Some(frame::LoggedIn {
                    name,
                    current: path,
                    csrf: &self.csrf,
                }),
                main,
                with_client: true,
            },
        ))
    }
}
