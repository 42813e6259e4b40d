//! Extractors that tell a handler who is asking. Every state-changing request through them is
//! also checked for CSRF: the session's token in `X-CSRF-Token`, and no cross-site origin.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum_extra::extract::CookieJar;
use shared::api::CSRF_HEADER;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::session::{self, Role, Session};
use crate::error::AppError;
use crate::state::AppState;

/// Any logged-in person.
pub struct CurrentSession(pub Session);

/// A logged-in citizen; `0` is the citizen's id.
pub struct CitizenId(pub Uuid, pub Session);

/// A logged-in caseworker; `0` is the caseworker's id.
pub struct CaseworkerId(pub Uuid, pub Session);

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let jar = CookieJar::from_headers(&parts.headers);
        let token = jar
            .get(state.cookies.session_name())
            .map(|c| c.value().to_string());
        let Some(token) = token.filter(|t| !t.is_empty()) else {
            return Err(AppError::Unauthenticated);
        };
        let idle = i64::from(state.settings.session.idle_timeout_seconds);
        let session = session::load(&state.db, &state.bus, &state.sessions, &token, idle)
            .await?
            .ok_or(AppError::Unauthenticated)?;
        if !parts.method.is_safe() {
            check_csrf(&parts.headers, &session, state)?;
        }
        Ok(CurrentSession(session))
    }
}

impl FromRequestParts<AppState> for CitizenId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentSession(session) = CurrentSession::from_request_parts(parts, state).await?;
        match session.role {
            Role::Citizen => Ok(CitizenId(session.user_id, session)),
            Role::Caseworker => Err(AppError::Forbidden),
        }
    }
}

impl FromRequestParts<AppState> for CaseworkerId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentSession(session) = CurrentSession::from_request_parts(parts, state).await?;
        match session.role {
            Role::Caseworker => Ok(CaseworkerId(session.user_id, session)),
            Role::Citizen => Err(AppError::Forbidden),
        }
    }
}

fn check_csrf(headers: &HeaderMap, session: &Session, state: &AppState) -> Result<(), AppError> {
    // Browsers say where a request comes from; anything but our own pages is refused.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return Err(AppError::CsrfFailed);
    }
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && origin != state.public_origin
    {
        return Err(AppError::CsrfFailed);
    }
    let sent = headers
        .get(CSRF_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    if sent.is_empty() || !bool::from(sent.ct_eq(session.csrf_token.as_bytes())) {
        return Err(AppError::CsrfFailed);
    }
    Ok(())
}
