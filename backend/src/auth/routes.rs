//! Login, logout and the session endpoints.
//!
//! `GET /auth/{mitid|medarbejder}/login` starts a login and `.../callback` finishes it; both are
//! full-page navigations that end in a redirect to a page of the web client, never an error
//! status: every failure becomes `/log-paa/fejl/<reason>` with a "Prøv igen" button.
//!
//! A little over 400 lines: a login's start and its callback check the same things (the state,
//! the cookie per started login, the rate limit) and are reviewed side by side; the session
//! endpoints after them are a few lines each.

use axum::Router;
use std::net::SocketAddr;

use axum::extract::{ConnectInfo, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum_extra::extract::CookieJar;
use serde::Deserialize;
use shared::Lang;
use shared::api::{LanguageRequest, LogoutResponse, SessionResponse, SessionUser};
use shared::auth::{LoginKind, LoginProblem};
use utoipa_axum::routes;

use super::extract::CurrentSession;
use super::oidc::{OidcProvider, VerifiedLogin};
use super::pending::{self, Taken};
use super::session::{self, NewSession, Role, hash_token, random_token};
use crate::db::Timestamp;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::people::{self, cpr::Cpr};
use crate::state::AppState;

pub fn login_router() -> Router<AppState> {
    Router::new()
        .route(
            "/auth/mitid/login",
            get(|s, c, j, q| start(LoginKind::Citizen, s, c, j, q)),
        )
        .route(
            "/auth/mitid/callback",
            get(|s, j, q| callback(LoginKind::Citizen, s, j, q)),
        )
        .route(
            "/auth/medarbejder/login",
            get(|s, c, j, q| start(LoginKind::Employee, s, c, j, q)),
        )
        .route(
            "/auth/medarbejder/callback",
            get(|s, j, q| callback(LoginKind::Employee, s, j, q)),
        )
}

pub fn api_routes() -> ApiRoutes {
    ApiRoutes::new()
        .one_sided(routes!(current))
        .one_sided(routes!(logout))
        .one_sided(routes!(keep_alive))
        .one_sided(routes!(set_language))
}

fn provider(state: &AppState, kind: LoginKind) -> &OidcProvider {
    match kind {
        LoginKind::Citizen => &state.citizen_login,
        LoginKind::Employee => &state.employee_login,
    }
}

fn problem(kind: LoginKind, p: LoginProblem) -> Response {
    Redirect::to(&p.path(kind)).into_response()
}

#[derive(Deserialize)]
struct StartParams {
    /// Passed on to the provider (`login_hint`), which may use it to preselect an identity.
    login_hint: Option<String>,
    /// The language the provider's pages should use.
    lang: Option<String>,
}

async fn start(
    kind: LoginKind,
    State(state): State<AppState>,
    ConnectInfo(client): ConnectInfo<SocketAddr>,
    jar: CookieJar,
    Query(params): Query<StartParams>,
) -> Response {
    let lang = params
        .lang
        .as_deref()
        .and_then(Lang::from_code)
        .unwrap_or_default();
    if !state.login_limiter.allow(client.ip()) {
        tracing::warn!(
            provider = kind.segment(),
            "too many login starts from one address"
        );
        return too_many_logins(&state, lang);
    }
    match super::limits::pending_count(&state.db).await {
        Ok(n) if n >= i64::from(state.settings.login.max_pending) => {
            tracing::warn!(pending = n, "too many pending logins; refusing new ones");
            return too_many_logins(&state, lang);
        }
        Ok(_) => {}
        Err(err) => {
            tracing::error!(error = %err, "could not count pending logins");
            return problem(kind, LoginProblem::ProviderError);
        }
    }
    let hint = params
        .login_hint
        .as_deref()
        .filter(|h| !h.is_empty() && h.len() <= 200);
    let started = match provider(&state, kind).start(hint, lang).await {
        Ok(started) => started,
        Err(err) => {
            tracing::warn!(provider = kind.segment(), error = %err, "login could not start");
            return problem(kind, err.problem());
        }
    };
    let browser = random_token();
    let timeout = i64::from(state.settings.session.login_timeout_seconds);
    let stored = pending::insert(
        &state.db,
        &started.state,
        &browser,
        kind.segment(),
        &started.nonce,
        &started.pkce_verifier,
        timeout,
    )
    .await;
    if let Err(err) = stored {
        tracing::error!(error = %err, "could not store the pending login");
        return problem(kind, LoginProblem::ProviderError);
    }
    // The cookie outlives the pending login, so a slow answer is told "expired", not "wrong
    // browser".
    let cookie = state.cookies.login(&started.state, browser, timeout + 300);
    (jar.add(cookie), Redirect::to(started.url.as_str())).into_response()
}

/// 429 with a plain page in the person's language: wait a minute and try again.
fn too_many_logins(state: &AppState, lang: Lang) -> Response {
    let t = shared::i18n::texts(lang);
    let page =
        crate::server_pages::notice(state, lang, t.too_many_logins_title, t.too_many_logins_text);
    let mut response = (StatusCode::TOO_MANY_REQUESTS, Html(page)).into_response();
    response
        .headers_mut()
        .insert(header::RETRY_AFTER, HeaderValue::from_static("60"));
    response
}

#[derive(Deserialize)]
struct CallbackParams {
    code: Option<String>,
    state: Option<String>,
    error: Option<String>,
}

async fn callback(
    kind: LoginKind,
    State(state): State<AppState>,
    jar: CookieJar,
    Query(params): Query<CallbackParams>,
) -> Response {
    // The cookie of the login this answer is for (none for an answer without a usable state).
    let login_cookie = usable_state(&params).map(|s| state.cookies.login_name(s));
    let browser = login_cookie
        .as_deref()
        .and_then(|name| jar.get(name))
        .map(|c| c.value().to_string());
    let jar = match login_cookie {
        Some(name) => jar.remove(state.cookies.removal(name)),
        None => jar,
    };
    match finish_login(kind, &state, browser.as_deref(), params).await {
        Ok((role, user_id, login)) => {
            let created = session::create(
                &state.db,
                state.clock.now(),
                NewSession {
                    role,
                    user_id,
                    provider: kind.segment(),
                    id_token: &login.raw_id_token,
                    loa: login.loa.map(|l| l.as_str()),
                    absolute_timeout_seconds: i64::from(
                        state.settings.session.absolute_timeout_seconds,
                    ),
                },
            )
            .await;
            match created {
                Ok(token) => {
                    tracing::info!(provider = kind.segment(), role = ?role, user.id = %user_id, "logged in");
                    let target = match role {
                        Role::Citizen => "/mit-overblik",
                        Role::Caseworker => "/mine-borgere",
                    };
                    (jar.add(state.cookies.session(token)), Redirect::to(target)).into_response()
                }
                Err(err) => {
                    tracing::error!(error = %err, "could not create the session");
                    (jar, problem(kind, LoginProblem::ProviderError)).into_response()
                }
            }
        }
        Err(p) => {
            tracing::info!(
                provider = kind.segment(),
                reason = p.code(),
                // Whether this browser held the cookie of the login the answer is for.
                login_cookie = browser.is_some(),
                "login refused"
            );
            (jar, problem(kind, p)).into_response()
        }
    }
}

/// The answer's `state`, if it is one a login could have been started with.
fn usable_state(params: &CallbackParams) -> Option<&str> {
    params
        .state
        .as_deref()
        .filter(|s| !s.is_empty() && s.len() <= 200)
}

async fn finish_login(
    kind: LoginKind,
    state: &AppState,
    browser: Option<&str>,
    params: CallbackParams,
) -> Result<(Role, uuid::Uuid, VerifiedLogin), LoginProblem> {
    let Some(state_param) = usable_state(&params).map(str::to_string) else {
        return Err(LoginProblem::StateMismatch);
    };
    let pending = match pending::take(&state.db, &state_param).await {
        Ok(Taken::Fresh(p)) => p,
        Ok(Taken::AlreadyUsed) => return Err(LoginProblem::Expired),
        Ok(Taken::Unknown) => return Err(LoginProblem::StateMismatch),
        Err(err) => {
            tracing::error!(error = %err, "could not read the pending login");
            return Err(LoginProblem::ProviderError);
        }
    };
    // The answer must come to the provider's own callback (mix-up defence) and to the browser
    // that started the login.
    let same_browser = browser.is_some_and(|b| hash_token(b) == pending.browser_hash);
    if pending.provider != kind.segment() || !same_browser {
        return Err(LoginProblem::StateMismatch);
    }
    if pending.expires_at <= Timestamp::now() {
        return Err(LoginProblem::Expired);
    }
    if let Some(error) = params.error {
        return Err(if error == "access_denied" {
            LoginProblem::Cancelled
        } else {
            LoginProblem::ProviderError
        });
    }
    let Some(code) = params.code.filter(|c| !c.is_empty() && c.len() <= 2048) else {
        return Err(LoginProblem::ProviderError);
    };
    let oidc = provider(state, kind);
    let login = oidc
        .finish(code, &pending.nonce, &pending.pkce_verifier)
        .await
        .map_err(|err| {
            tracing::warn!(provider = kind.segment(), error = %err, "login verification failed");
            err.problem()
        })?;
    let matched = login.claim(&oidc.match_claim);
    match kind {
        LoginKind::Citizen => {
            let cpr = matched
                .and_then(Cpr::parse)
                .ok_or(LoginProblem::UnknownCitizen)?;
            let citizen =
                people::citizen_by_cpr_hmac(&state.db, &cpr.hmac(&state.settings.cpr_key))
                    .await
                    .map_err(|_| LoginProblem::ProviderError)?
                    .ok_or(LoginProblem::UnknownCitizen)?;
            Ok((Role::Citizen, citizen.id, login))
        }
        LoginKind::Employee => {
            let caseworker = match matched {
                Some(m) => people::caseworker_by_login(&state.db, m)
                    .await
                    .map_err(|_| LoginProblem::ProviderError)?,
                None => None,
            }
            .ok_or(LoginProblem::UnknownEmployee)?;
            // The employee login's address is where the morning email goes.
            if let Some(email) = login.email.as_deref()
                && shared::validation::check_email(email).is_ok()
            {
                let _ = people::set_caseworker_email(&state.db, caseworker.id, email).await;
            }
            Ok((Role::Caseworker, caseworker.id, login))
        }
    }
}

/// Who is logged in, the CSRF token, and the idle timeout.
#[utoipa::path(get, path = "/session", tag = "session",
    responses((status = 200, body = SessionResponse), (status = 401, body = shared::api::ApiError)))]
pub async fn current(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> AppResult<axum::Json<SessionResponse>> {
    let user = match session.role {
        Role::Citizen => {
            let c = people::citizen(&state.db, session.user_id)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            SessionUser::Citizen {
                id: c.id,
                name: c.name,
            }
        }
        Role::Caseworker => {
            let c = people::caseworker(&state.db, session.user_id)
                .await?
                .ok_or(AppError::Unauthenticated)?;
            SessionUser::Caseworker {
                id: c.id,
                name: c.name,
                team: c.team,
            }
        }
    };
    Ok(axum::Json(SessionResponse {
        user,
        csrf_token: session.csrf_token,
        idle_timeout_seconds: state.settings.session.idle_timeout_seconds,
        idle_warning_seconds: state.settings.session.idle_warning_seconds,
    }))
}

/// Ends the session here first, then tells the browser where to end it at the provider.
#[utoipa::path(post, path = "/session/logout", tag = "session",
    responses((status = 200, body = LogoutResponse), (status = 401, body = shared::api::ApiError), (status = 403, body = shared::api::ApiError)))]
pub async fn logout(
    State(state): State<AppState>,
    headers: axum::http::HeaderMap,
    jar: CookieJar,
    CurrentSession(session): CurrentSession,
) -> AppResult<Response> {
    let lang = crate::error::request_lang(&headers);
    let (jar, end_session) = end_session(&state, jar, &session, lang).await?;
    Ok((jar, axum::Json(LogoutResponse { end_session })).into_response())
}

/// Ends `session` here and removes its cookie; returns the form that ends it at the provider,
/// if the provider has one. For the API's logout and the server-rendered pages' "Log af".
pub async fn end_session(
    state: &AppState,
    jar: CookieJar,
    session: &session::Session,
    lang: shared::Lang,
) -> AppResult<(CookieJar, Option<shared::api::EndSessionForm>)> {
    let cookie = jar
        .get(state.cookies.session_name())
        .map(|c| c.value().to_string())
        .unwrap_or_default();
    let id_token = session::id_token(&state.db, &cookie)
        .await?
        .unwrap_or_default();
    session::end(&state.db, &state.bus, &session.id_hash).await?;
    let kind = if session.provider == LoginKind::Employee.segment() {
        LoginKind::Employee
    } else {
        LoginKind::Citizen
    };
    let logged_out = state
        .public_url
        .join("/logget-af")
        .map_err(anyhow::Error::from)?;
    let end_session = provider(state, kind)
        .end_session(&id_token, &logged_out, lang)
        .await;
    let jar = jar.remove(state.cookies.removal(state.cookies.session_name()));
    Ok((jar, end_session))
}

/// "Forbliv logget ind": resets the idle timer.
#[utoipa::path(post, path = "/session/keep-alive", tag = "session",
    responses((status = 204), (status = 401, body = shared::api::ApiError)))]
pub async fn keep_alive(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
) -> AppResult<StatusCode> {
    if !session::touch(&state.db, &session.id_hash, state.clock.now()).await? {
        return Err(AppError::Unauthenticated);
    }
    Ok(StatusCode::NO_CONTENT)
}

/// Remembers a citizen's language choice (emails follow it). Caseworkers' choice stays in the browser.
#[utoipa::path(put, path = "/session/language", tag = "session", request_body = LanguageRequest,
    responses((status = 204), (status = 401, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn set_language(
    State(state): State<AppState>,
    CurrentSession(session): CurrentSession,
    AppJson(req): AppJson<LanguageRequest>,
) -> AppResult<StatusCode> {
    if session.role == Role::Citizen {
        people::set_citizen_language(&state.db, session.user_id, req.lang).await?;
    }
    Ok(StatusCode::NO_CONTENT)
}
