//! The simulator's back channel: the token endpoint (code for tokens, PKCE checked), userinfo,
//! end-session, and the test hooks that make it misbehave or rotate its keys.

use std::sync::Arc;
use std::time::{Duration, Instant};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::{Form, Json};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::Deserialize;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};

use super::*;

#[derive(Deserialize)]
pub(super) struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "error": error })),
    )
        .into_response()
}

/// Client credentials from HTTP Basic (RFC 6749 §2.3.1: each part form-urlencoded) or the body.
fn client_credentials(headers: &HeaderMap, form: &TokenRequest) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
        };
        return Some((unescape(id)?, unescape(secret)?));
    }
    Some((form.client_id.clone()?, form.client_secret.clone()?))
}

pub(super) async fn token(
    State(p): State<Arc<SimProvider>>,
    headers: HeaderMap,
    Form(form): Form<TokenRequest>,
) -> Response {
    match client_credentials(&headers, &form) {
        Some((id, secret)) if id == p.client_id && secret == p.client_secret => {}
        _ => return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client"),
    }
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let grant = {
        let mut codes = p.codes.lock().unwrap_or_else(|e| e.into_inner());
        form.code.as_deref().and_then(|c| codes.remove(c))
    };
    let Some(grant) = grant.filter(|g| g.expires > Instant::now() && g.client_id == p.client_id)
    else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    if form.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str()) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let verifier_ok = form.code_verifier.as_deref().is_some_and(|v| {
        URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == grant.code_challenge
    });
    if !verifier_ok {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let access_token = crate::auth::session::random_token();
    {
        let mut tokens = p.access_tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens.retain(|_, (_, until)| *until > Instant::now());
        tokens.insert(
            access_token.clone(),
            (
                grant.identity,
                Instant::now() + Duration::from_secs(TOKEN_LIFETIME_SECONDS),
            ),
        );
    }
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME_SECONDS,
        "id_token": p.id_token(&grant),
    });
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

pub(super) async fn userinfo(State(p): State<Arc<SimProvider>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let identity = token.and_then(|t| {
        let tokens = p.access_tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens
            .get(t)
            .filter(|(_, until)| *until > Instant::now())
            .map(|(i, _)| *i)
    });
    let Some(identity) = identity else {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
        )
            .into_response();
    };
    let mut identity = &p.identities[identity];
    if p.misbehaviour() == Misbehaviour::UserinfoOtherSubject {
        // Someone else: the next identity that has the claims UserInfo is read for.
        let me = identity.hint.clone();
        if let Some(other) = p
            .identities
            .iter()
            .find(|i| i.hint != me && !i.userinfo_claims.is_empty())
        {
            identity = other;
        }
    }
    let mut claims = identity.token_claims.clone();
    claims.extend(identity.userinfo_claims.clone());
    claims.insert("sub".into(), json!(p.subject(identity)));
    Json(Value::Object(claims)).into_response()
}

#[derive(Deserialize)]
pub(super) struct EndSessionParams {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    ui_locales: Option<String>,
}

pub(super) async fn end_session_form(
    State(p): State<Arc<SimProvider>>,
    Form(params): Form<EndSessionParams>,
) -> Response {
    end_session(State(p), Query(params)).await
}

pub(super) async fn end_session(
    State(p): State<Arc<SimProvider>>,
    Query(params): Query<EndSessionParams>,
) -> Response {
    let hint_is_ours = params
        .id_token_hint
        .as_deref()
        .and_then(keys::peek_claims)
        .is_some_and(|c| c["iss"] == json!(p.issuer));
    let lang = params
        .ui_locales
        .as_deref()
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    match params.post_logout_redirect_uri {
        Some(uri) if hint_is_ours && uri == p.post_logout_redirect_uri => {
            let mut url = Url::parse(&uri).expect("registered URI parses");
            if let Some(state) = params.state {
                url.query_pairs_mut().append_pair("state", &state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        _ => pages::logged_out(lang, &p.stylesheets),
    }
}

#[derive(Deserialize)]
pub(super) struct MisbehaviourRequest {
    mode: Misbehaviour,
}

pub(super) async fn set_misbehaviour(
    State(p): State<Arc<SimProvider>>,
    Json(req): Json<MisbehaviourRequest>,
) -> StatusCode {
    *p.misbehaviour.write().unwrap_or_else(|e| e.into_inner()) = req.mode;
    tracing::info!(provider = ?p.kind, mode = ?req.mode, "simulator misbehaviour set");
    StatusCode::NO_CONTENT
}

pub(super) async fn rotate_keys(State(p): State<Arc<SimProvider>>) -> StatusCode {
    p.keys.write().unwrap_or_else(|e| e.into_inner()).rotate();
    StatusCode::NO_CONTENT
}
