//! "Log af" on a page the server rendered, for a browser where the web client has not come (yet,
//! or at all): on a shared computer in a library, a button that did nothing would leave the
//! next person logged in. A form post with the session's token; the session ends here at once,
//! and a second page offers to end it at MitID too (another form post: the ID token it carries
//! must not travel in a URL, and posting it by script is what the web client does).

use axum::extract::State;
use axum::extract::rejection::FormRejection;
use axum::http::{HeaderMap, StatusCode};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Router, routing::post};
use axum_extra::extract::CookieJar;
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use serde::Deserialize;
use shared::i18n::texts;

use super::frame::{Page, render};
use super::{current_session, html, page_lang};
use crate::auth::extract::check_from_our_pages;
use crate::state::AppState;

pub const PATH: &str = "/log-af";

pub fn router() -> Router<AppState> {
    Router::new().route(PATH, post(log_out))
}

#[derive(Deserialize)]
pub struct LogoutForm {
    csrf: String,
}

async fn log_out(
    State(state): State<AppState>,
    jar: CookieJar,
    headers: HeaderMap,
    form: Result<Form<LogoutForm>, FormRejection>,
) -> Response {
    let lang = page_lang(&jar, &headers);
    let t = texts(lang);
    let Some(session) = current_session(&state, &jar).await else {
        // Already logged out (another tab, or the session ended): nothing left to end here.
        return Redirect::to("/logget-af").into_response();
    };
    let sent = form.map(|Form(f)| f.csrf).unwrap_or_default();
    if check_from_our_pages(&headers, &session, &state, sent.as_bytes()).is_err() {
        let page = super::frame::notice(&state, lang, t.logout_failed_title, t.error_csrf_failed);
        return (StatusCode::FORBIDDEN, html(page)).into_response();
    }
    let (jar, end_at_provider) =
        match crate::auth::routes::end_session(&state, jar, &session, lang).await {
            Ok(ended) => ended,
            Err(e) => {
                tracing::warn!(error = %e, "could not end a session");
                let problem = t.error(shared::api::ErrorCode::Unavailable);
                let page = super::frame::notice(&state, lang, t.logout_failed_title, problem);
                return (StatusCode::SERVICE_UNAVAILABLE, html(page)).into_response();
            }
        };
    let Some(form) = end_at_provider else {
        return (jar, Redirect::to("/logget-af")).into_response();
    };
    let fields: String = form
        .fields
        .iter()
        .map(|f| {
            format!(
                r#"<input type="hidden" name="{}" value="{}">"#,
                attr(&f.name),
                attr(&f.value)
            )
        })
        .collect();
    let main = format!(
        r##"<h1 id="page-heading" tabindex="-1">{title}</h1>
<p class="font-lead">{body}</p>
<form method="post" action="{action}">{fields}<button class="button button-primary">{button}</button></form>"##,
        title = text(t.logged_out_here_title),
        body = text(t.logged_out_here_body),
        action = attr(&form.action),
        button = text(t.logout_at_mitid),
    );
    let page = render(
        &state,
        &Page {
            lang,
            title: t.logged_out_here_title,
            lang_base: "/",
            citizen: None,
            main,
            with_client: false,
        },
    );
    (jar, html(page)).into_response()
}
