//! The start page. It is where most people arrive, often on a phone with a weak connection, and
//! it needs no app: the "Log på" buttons are links to the server. So it is plain HTML and CSS
//! (no JavaScript, no WebAssembly) — a first visit costs the stylesheet and fonts only, and the
//! page works even where the web client cannot run.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::{IntoResponse, Redirect, Response};
use axum_extra::extract::CookieJar;
use html_escape::encode_text as text;
use shared::Lang;
use shared::auth::LoginKind;
use shared::i18n::{Texts, texts};

use super::frame::{Page, render};
use super::{LangParam, current_session, html, lang_cookie, page_lang};
use crate::auth::session::Role;
use crate::state::AppState;

pub async fn start(
    State(state): State<AppState>,
    jar: CookieJar,
    headers: HeaderMap,
    Query(params): Query<LangParam>,
) -> Response {
    if let Some(lang) = params.lang.as_deref().and_then(Lang::from_code) {
        return (jar.add(lang_cookie(&state, lang)), Redirect::to("/")).into_response();
    }
    let lang = page_lang(&jar, &headers);
    let role = current_session(&state, &jar).await.map(|s| s.role);
    let t = texts(lang);
    html(render(
        &state,
        &Page {
            lang,
            title: t.start_title,
            lang_base: "/",
            citizen: None,
            main: main_content(t, lang, role),
            with_client: false,
        },
    ))
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
