//! Extractors that tell a handler who is asking. Every state-changing request through them is
//! also checked for CSRF: the session's token in `X-CSRF-Token`, and no cross-site origin.

use axum::extract::FromRequestParts;
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use axum_extra::extract::CookieJar;
use shared::api::CSRF_HEADER;
use subtle::ConstantTimeEq;
use uuid::Uuid;

use super::session::{self, Along, Loaded, Role, Session};
use crate::error::AppError;
use crate::state::AppState;

/// Any logged-in person.
pub struct CurrentSession(pub Session);

/// A logged-in citizen, by id: for what only citizens do (their own profile's changes, export).
pub struct CitizenId(pub Uuid);

/// A logged-in caseworker, by id: for what only caseworkers do (their caseload).
pub struct CaseworkerId(pub Uuid);

impl FromRequestParts<AppState> for CurrentSession {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let loaded = current_session(parts, state, Along::Nothing).await?;
        Ok(CurrentSession(loaded.session))
    }
}

/// The logged-in person's session, with what its read brought `along`, once the request is
/// checked: reads come from the portal's own pages, changes carry the session's CSRF token.
pub async fn current_session(
    parts: &Parts,
    state: &AppState,
    along: Along,
) -> Result<Loaded, AppError> {
    let jar = CookieJar::from_headers(&parts.headers);
    let token = jar
        .get(state.cookies.session_name())
        .map(|c| c.value().to_string());
    let Some(token) = token.filter(|t| !t.is_empty()) else {
        return Err(AppError::Unauthenticated);
    };
    let loaded = session::load_along(
        session::Sessions::of(state),
        &token,
        state.clock.now(),
        along,
    )
    .await?
    .ok_or(AppError::Unauthenticated)?;
    if parts.method.is_safe() {
        check_read_origin(&parts.headers)?;
    } else {
        check_csrf(&parts.headers, &loaded.session, state)?;
    }
    Ok(loaded)
}

impl FromRequestParts<AppState> for CitizenId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentSession(session) = CurrentSession::from_request_parts(parts, state).await?;
        match session.role {
            Role::Citizen => Ok(CitizenId(session.user_id)),
            Role::Caseworker => Err(AppError::Forbidden),
        }
    }
}

impl FromRequestParts<AppState> for CaseworkerId {
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &AppState) -> Result<Self, AppError> {
        let CurrentSession(session) = CurrentSession::from_request_parts(parts, state).await?;
        match session.role {
            Role::Caseworker => Ok(CaseworkerId(session.user_id)),
            Role::Citizen => Err(AppError::Forbidden),
        }
    }
}

/// Reads of personal data come only from the portal's own pages. The Lax session cookie goes
/// along when another site links to an API address, and a caseworker's read is logged: without
/// this, a link on any page could write a read into a citizen's access log that the caseworker
/// never made. Browsers say where a request comes from (Fetch Metadata); clients that do not
/// (tests, native apps) carry no cookie of a browser's.
fn check_read_origin(headers: &HeaderMap) -> Result<(), AppError> {
    let get = |name: &str| headers.get(name).and_then(|v| v.to_str().ok());
    match (get("sec-fetch-site"), get("sec-fetch-mode")) {
        // The web client's own calls, and its download links (a same-origin navigation).
        (Some("same-origin"), _) | (None, _) => Ok(()),
        // Typed into the address bar or opened from another program: not the portal's pages.
        (Some("none"), Some("navigate")) => Err(AppError::CsrfFailed),
        (Some("none"), _) => Ok(()),
        // Another site, or another subdomain of ours.
        _ => Err(AppError::CsrfFailed),
    }
}

fn check_csrf(headers: &HeaderMap, session: &Session, state: &AppState) -> Result<(), AppError> {
    let sent = headers
        .get(CSRF_HEADER)
        .map(|v| v.as_bytes())
        .unwrap_or_default();
    check_from_our_pages(headers, session, state, sent)
}

/// A state-changing request came from the portal's own pages with the session's token: in the
/// `x-csrf-token` header (the web client), or a form's hidden field (pages the server renders).
pub fn check_from_our_pages(
    headers: &HeaderMap,
    session: &Session,
    state: &AppState,
    sent: &[u8],
) -> Result<(), AppError> {
    // Browsers say where a request comes from; anything but our own pages is refused.
    if let Some(site) = headers.get("sec-fetch-site").and_then(|v| v.to_str().ok())
        && site != "same-origin"
        && site != "none"
    {
        return Err(AppError::CsrfFailed);
    }
    // A form post from our own page says `Origin: null` (our Referrer-Policy is no-referrer):
    // that tells nothing, and the token below still must match.
    if let Some(origin) = headers.get(header::ORIGIN).and_then(|v| v.to_str().ok())
        && origin != "null"
        && origin != state.public_origin
    {
        return Err(AppError::CsrfFailed);
    }
    if sent.is_empty() || !bool::from(sent.ct_eq(session.csrf_token.as_bytes())) {
        return Err(AppError::CsrfFailed);
    }
    Ok(())
}
