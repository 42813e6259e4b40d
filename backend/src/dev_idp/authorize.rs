//! The simulator's front channel: the authorize endpoint, where a person picks who to log in
//! as (or a test names them with `login_hint`), and the redirect back to the client.

use std::sync::Arc;

use axum::Form;
use axum::extract::{Query, State};
use axum::response::{IntoResponse, Redirect, Response};
use serde::Deserialize;

use super::*;

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct AuthorizeParams {
    pub(super) response_type: Option<String>,
    pub(super) client_id: Option<String>,
    pub(super) redirect_uri: Option<String>,
    pub(super) scope: Option<String>,
    pub(super) state: Option<String>,
    pub(super) nonce: Option<String>,
    pub(super) code_challenge: Option<String>,
    pub(super) code_challenge_method: Option<String>,
    pub(super) login_hint: Option<String>,
    pub(super) ui_locales: Option<String>,
    pub(super) acr_values: Option<String>,
    pub(super) prompt: Option<String>,
}

impl AuthorizeParams {
    pub(super) fn lang(&self) -> Lang {
        self.ui_locales
            .as_deref()
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    }
}

/// The redirect back to the client with the result of the authorization request.
pub(super) fn back_to_client(params: &AuthorizeParams, result: &[(&str, &str)]) -> Response {
    let mut url = match params.redirect_uri.as_deref().map(Url::parse) {
        Some(Ok(url)) => url,
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in result {
            query.append_pair(k, v);
        }
        if let Some(state) = &params.state {
            query.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

/// Checks what must be right before anything may be sent back to `redirect_uri`; the answer
/// to send instead if something is wrong.
pub(super) fn check_client(p: &SimProvider, params: &AuthorizeParams) -> Option<Response> {
    let lang = params.lang();
    if params.client_id.as_deref() != Some(p.client_id) {
        return Some(pages::error(
            lang,
            "Ukendt klient (client_id).",
            "Unknown client (client_id).",
            &p.stylesheets,
        ));
    }
    if params.redirect_uri.as_deref() != Some(p.redirect_uri.as_str()) {
        return Some(pages::error(
            lang,
            "Adressen der skal sendes tilbage til (redirect_uri), er ikke registreret.",
            "The redirect_uri is not registered.",
            &p.stylesheets,
        ));
    }
    if params.response_type.as_deref() != Some("code") {
        return Some(back_to_client(
            params,
            &[("error", "unsupported_response_type")],
        ));
    }
    if !params
        .scope
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .any(|s| s == "openid")
    {
        return Some(back_to_client(params, &[("error", "invalid_scope")]));
    }
    if params.code_challenge.is_none() || params.code_challenge_method.as_deref() != Some("S256") {
        return Some(back_to_client(
            params,
            &[
                ("error", "invalid_request"),
                ("error_description", "PKCE S256 is required"),
            ],
        ));
    }
    None
}

pub(super) async fn authorize(
    State(p): State<Arc<SimProvider>>,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    if let Some(response) = check_client(&p, &params) {
        return response;
    }
    if p.misbehaviour() == Misbehaviour::ErrorResponse {
        return back_to_client(&params, &[("error", "server_error")]);
    }
    let hinted = params
        .login_hint
        .as_deref()
        .and_then(|h| p.identity_by_hint(h));
    match hinted {
        Some(identity) if params.prompt.as_deref() != Some("login") => {
            let code = p.issue_code(identity, &params);
            back_to_client(&params, &[("code", &code)])
        }
        _ => pages::chooser(&p, &params),
    }
}

#[derive(Deserialize)]
pub(super) struct Choice {
    #[serde(flatten)]
    params: AuthorizeParams,
    identity: Option<String>,
    cancel: Option<String>,
}

pub(super) async fn authorize_choice(
    State(p): State<Arc<SimProvider>>,
    Form(choice): Form<Choice>,
) -> Response {
    if let Some(response) = check_client(&p, &choice.params) {
        return response;
    }
    if choice.cancel.is_some() {
        return back_to_client(&choice.params, &[("error", "access_denied")]);
    }
    match choice
        .identity
        .as_deref()
        .and_then(|h| p.identity_by_hint(h))
    {
        Some(identity) => {
            let code = p.issue_code(identity, &choice.params);
            back_to_client(&choice.params, &[("code", &code)])
        }
        None => pages::chooser(&p, &choice.params),
    }
}
