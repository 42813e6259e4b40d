//! The simulator's own pages. Plain server-rendered HTML in the DKFDS look; every value that
//! comes from a request is escaped.

use axum::http::StatusCode;
use axum::response::{Html, IntoResponse, Response};
use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::Lang;
use shared::auth::LoginKind;

use super::{AuthorizeParams, SimProvider, issuer_path};

fn page(lang: Lang, title: &str, heading: &str, body: &str, stylesheets: &[String]) -> String {
    let links: String = stylesheets
        .iter()
        .map(|href| format!(r#"<link rel="stylesheet" href="{}">"#, attr(href)))
        .collect();
    let banner = match lang {
        Lang::Da => "Simulator – kun til udvikling og test. Dette er ikke rigtig MitID.",
        Lang::En => "Simulator – for development and testing only. This is not real MitID.",
    };
    format!(
        r#"<!DOCTYPE html>
<html lang="{lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title}</title>{links}</head>
<body>
<header class="header"><div class="portal-info"><div class="portal-info-inner container">
<p class="mt-0 mb-0"><strong>{banner}</strong></p></div></div></header>
<main id="main-content" class="container page-container">
<h1>{heading}</h1>
{body}
</main>
</body></html>"#,
        lang = lang.code(),
        title = text(title),
        heading = text(heading),
    )
}

pub fn chooser(p: &SimProvider, params: &AuthorizeParams) -> Response {
    let lang = params.lang();
    let (title, heading, intro, cancel) = match (p.kind, lang) {
        (LoginKind::Citizen, Lang::Da) => (
            "Log på med MitID (simulator)",
            "Vælg en testperson",
            "Vælg hvem du vil logge på som. Testpersonerne kommer fra demodata.",
            "Afbryd login",
        ),
        (LoginKind::Citizen, Lang::En) => (
            "Log in with MitID (simulator)",
            "Choose a test person",
            "Choose who to log in as. The test people come from the demo data.",
            "Cancel login",
        ),
        (LoginKind::Employee, Lang::Da) => (
            "Medarbejderlogin (simulator)",
            "Vælg en medarbejder",
            "Vælg hvilken medarbejder du vil logge på som.",
            "Afbryd login",
        ),
        (LoginKind::Employee, Lang::En) => (
            "Employee login (simulator)",
            "Choose an employee",
            "Choose which employee to log in as.",
            "Cancel login",
        ),
    };
    let hidden: String = [
        ("response_type", &params.response_type),
        ("client_id", &params.client_id),
        ("redirect_uri", &params.redirect_uri),
        ("scope", &params.scope),
        ("state", &params.state),
        ("nonce", &params.nonce),
        ("code_challenge", &params.code_challenge),
        ("code_challenge_method", &params.code_challenge_method),
        ("ui_locales", &params.ui_locales),
        ("acr_values", &params.acr_values),
    ]
    .iter()
    .filter_map(|(name, value)| {
        value
            .as_ref()
            .map(|v| format!(r#"<input type="hidden" name="{name}" value="{}">"#, attr(v)))
    })
    .collect();
    let people: String = p
        .identities
        .iter()
        .map(|i| {
            format!(
                r#"<li class="mb-5"><button type="submit" class="button button-secondary" name="identity" value="{hint}">{name}</button><p class="mt-2 mb-0">{about}</p></li>"#,
                hint = attr(&i.hint),
                name = text(&i.name),
                about = text(&i.about),
            )
        })
        .collect();
    let body = format!(
        r#"<p>{intro}</p>
<form method="post" action="{action}/authorize">{hidden}
<ul class="nobullet-list">{people}</ul>
<button type="submit" class="button button-tertiary" name="cancel" value="1">{cancel}</button>
</form>"#,
        action = issuer_path(p.kind),
    );
    Html(page(lang, title, heading, &body, &p.stylesheets)).into_response()
}

pub fn error(lang: Lang, da: &str, en: &str, stylesheets: &[String]) -> Response {
    let (title, message) = match lang {
        Lang::Da => ("Fejl i loginforespørgslen", da),
        Lang::En => ("Error in the login request", en),
    };
    let body = format!("<p>{}</p>", text(message));
    (
        StatusCode::BAD_REQUEST,
        Html(page(lang, title, title, &body, stylesheets)),
    )
        .into_response()
}

pub fn logged_out(lang: Lang, stylesheets: &[String]) -> Response {
    let (title, message) = match lang {
        Lang::Da => ("Du er logget af simulatoren", "Du kan lukke dette vindue."),
        Lang::En => (
            "You are logged out of the simulator",
            "You can close this window.",
        ),
    };
    let body = format!("<p>{}</p>", text(message));
    Html(page(lang, title, title, &body, stylesheets)).into_response()
}
