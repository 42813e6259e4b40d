//! The start page, rendered by the server. It is where most people arrive, often on a phone with
//! a weak connection, and it needs no app: the "Log på" buttons are links to the server. So it
//! is plain HTML and CSS (no JavaScript, no WebAssembly) — a first visit costs the stylesheet
//! and fonts only, and the page works even where the web client cannot run. The web client
//! takes over after login.
//!
//! Language: `?lang=en` sets the `sammen_lang` cookie, which the web client reads and writes
//! too, so the choice is remembered everywhere.

use axum::Router;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use axum_extra::extract::cookie::{Cookie, SameSite};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde::Deserialize;
use shared::Lang;
use shared::auth::LoginKind;
use shared::i18n::{Texts, texts};

use crate::auth::session::{self, Role};
use crate::error::request_lang;
use crate::state::AppState;

/// Also read by the web client (`frontend/src/i18n.rs`).
pub const LANG_COOKIE: &str = "sammen_lang";

pub fn router() -> Router<AppState> {
    // Compressed on the fly: it is small and changes with the person, so it has no
    // precompressed file like the web client's.
    Router::new()
        .route("/", get(start))
        .layer(tower_http::compression::CompressionLayer::new())
}

#[derive(Deserialize)]
struct Params {
    lang: Option<String>,
}

async fn start(
    State(state): State<AppState>,
    jar: CookieJar,
    headers: HeaderMap,
    Query(params): Query<Params>,
) -> Response {
    if let Some(lang) = params.lang.as_deref().and_then(Lang::from_code) {
        let cookie = Cookie::build((LANG_COOKIE, lang.code()))
            .path("/")
            .same_site(SameSite::Lax)
            .secure(state.cookies.secure)
            .max_age(cookie::time::Duration::days(365))
            .build();
        return (jar.add(cookie), Redirect::to("/")).into_response();
    }
    let lang = jar
        .get(LANG_COOKIE)
        .and_then(|c| Lang::from_code(c.value()))
        .unwrap_or_else(|| request_lang(&headers));
    let role = match jar.get(state.cookies.session_name()) {
        Some(c) => session::load(
            &state.db,
            &state.bus,
            &state.sessions,
            c.value(),
            &state.settings.session,
            &state.touches,
            state.clock.now(),
        )
        .await
        .ok()
        .flatten()
        .map(|s| s.role),
        None => None,
    };
    let mut response = Html(page(&state, lang, role)).into_response();
    let h = response.headers_mut();
    // Whether someone is logged in changes the page: never shared, never reused.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    h.insert(
        header::VARY,
        HeaderValue::from_static("cookie, accept-language"),
    );
    response
}

fn icon(name: &str) -> String {
    format!(
        r##"<svg class="icon-svg" focusable="false" aria-hidden="true"><use href="#{name}"></use></svg>"##
    )
}

/// A plain server-rendered page with one heading and one paragraph (e.g. "try again shortly"),
/// in the portal's frame.
pub fn notice(state: &AppState, lang: Lang, title: &str, body: &str) -> String {
    let main = format!(
        r##"<h1 id="page-heading" tabindex="-1">{}</h1>
<p class="font-lead">{}</p>
<p><a class="button button-secondary" href="/">{}</a></p>"##,
        text(title),
        text(body),
        text(texts(lang).to_front_page)
    );
    frame(state, lang, title, &main)
}

fn page(state: &AppState, lang: Lang, role: Option<Role>) -> String {
    let t = texts(lang);
    frame(state, lang, t.start_title, &main_content(t, lang, role))
}

fn frame(state: &AppState, lang: Lang, title: &str, main: &str) -> String {
    let t = texts(lang);
    let other = lang.other();
    let switcher: String = std::iter::once(lang)
        .chain(Lang::ALL.into_iter().filter(|l| *l != lang))
        .map(|l| {
            let current = l == lang;
            format!(
                r##"<li><a href="/?lang={code}" lang="{code}" aria-current="{current}">{check}{name}</a></li>"##,
                code = l.code(),
                check = if current { icon("check") } else { String::new() },
                name = text(texts(l).language_name),
            )
        })
        .collect();
    format!(
        r##"<!DOCTYPE html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>
<meta name="description" content="{tagline}">
<link rel="icon" href="data:,">
{head_links}
</head>
<body>
{banner}<div class="hide-base-svg">{sprite}</div>
<header class="header">
<a href="#main-content" class="skipnav">{skip}</a>
<div class="portal-info"><div class="portal-info-inner container">
<a href="/" class="logo"><span>{authority}</span></a>
<a class="function-link language-toggle d-print-none" href="/?lang={other}" lang="{other}">{globe}{other_name}</a>
</div></div>
<div class="solution-info"><div class="solution-info-inner container">
<div class="solution-heading"><a href="/">{app}</a></div>
<div class="additional-info"><p>{phone_label}: {phone}</p></div>
</div></div>
</header>
<main id="main-content" class="container page-container">
{main}
</main>
<footer>
<div class="footer"><div class="container"><div class="row">
<div class="col-12 col-md-6 footer-col"><h2 class="h5 mt-0">{footer_heading}</h2><p class="mb-0"><strong>{authority}</strong></p></div>
<div class="col-12 col-md-6 footer-col"><p class="mb-0">{phone_label}: {phone}</p><p class="mt-0">{hours}</p></div>
</div></div></div>
<div class="language-switcher"><div class="container"><ul aria-label="{switch_label}">{switcher}</ul></div></div>
</footer>
</body>
</html>"##,
        lang = lang.code(),
        title = text(&t.page_title(title)),
        banner = crate::http::static_files::dev_banner(&state.settings),
        tagline = attr(t.app_tagline),
        head_links = state.shell.head_links,
        sprite = state.shell.sprite,
        skip = text(t.skip_link),
        authority = text(t.authority_name),
        other = other.code(),
        globe = icon("language"),
        other_name = text(texts(other).language_name),
        app = text(t.app_name),
        phone_label = text(t.support_phone_label),
        phone = text(t.support_phone),
        footer_heading = text(t.footer_heading),
        hours = text(t.support_hours),
        switch_label = attr(t.language_switch_label),
    )
}

fn main_content(t: &Texts, lang: Lang, role: Option<Role>) -> String {
    let action = match role {
        Some(Role::Citizen) => format!(
            r##"<p><a class="button button-primary" href="/mit-overblik">{}</a></p>"##,
            text(t.continue_to_overview)
        ),
        Some(Role::Caseworker) => format!(
            r##"<p><a class="button button-primary" href="/mine-borgere">{}</a></p>"##,
            text(t.continue_to_caseload)
        ),
        None => format!(
            r##"<p><a class="button button-primary" href="{citizen}?lang={lang}">{login}</a></p>
<p class="form-hint">{hint}</p>
<h2 class="h3">{employee_heading}</h2>
<p><a class="button button-secondary" href="{employee}?lang={lang}">{login_employee}</a></p>"##,
            citizen = LoginKind::Citizen.login_path(),
            employee = LoginKind::Employee.login_path(),
            lang = lang.code(),
            login = text(t.login_mitid),
            hint = text(t.login_mitid_hint),
            employee_heading = text(t.employee_heading),
            login_employee = text(t.login_employee),
        ),
    };
    let what: String = [
        t.start_what_plan,
        t.start_what_profile,
        t.start_what_meetings,
        t.start_what_messages,
    ]
    .iter()
    .map(|w| format!("<li>{}</li>", text(w)))
    .collect();
    format!(
        r##"<h1 id="page-heading" tabindex="-1">{title}</h1>
<p class="font-lead">{intro}</p>
{action}
<h2>{what_heading}</h2>
<ul>{what}</ul>"##,
        title = text(t.start_title),
        intro = text(t.start_intro),
        what_heading = text(t.start_what_heading),
    )
}
