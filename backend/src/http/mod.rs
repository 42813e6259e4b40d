//! The HTTP surface: routes of every feature under one middleware stack.

pub mod api_routes;
pub mod health;
mod openapi;
mod security;
mod shed;
pub mod static_files;
pub mod telemetry;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::http::{HeaderName, Request, header};
use axum::middleware;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::sensitive_headers::SetSensitiveRequestHeadersLayer;
use tower_http::timeout::TimeoutLayer;
use tower_http::trace::TraceLayer;

use crate::dev_idp::SimProvider;
use crate::error::{self, AppError};
use crate::state::AppState;
use crate::{audit, auth, caseload, catalogue, my_data, overview, plan, profile, server_pages};
use api_routes::ApiRoutes;

/// JSON bodies are small; bigger ones are refused with 413 before they are read.
const API_BODY_LIMIT: usize = 64 * 1024;
const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

pub fn router(
    state: AppState,
    simulators: Vec<(&'static str, Arc<SimProvider>)>,
    web: static_files::WebClient,
) -> Router {
    let (api, routes_doc) = ApiRoutes::new()
        .merge(auth::routes::api_routes())
        .merge(overview::router())
        .merge(caseload::router())
        .merge(catalogue::router())
        .merge(plan::router())
        .merge(profile::router())
        .merge(my_data::router())
        .merge(audit::router())
        .merge(crate::messages::router())
        .merge(crate::meetings::router())
        .merge(crate::email::address::router())
        .merge(crate::live::router())
        .split();
    // Written once: the document does not change while the server runs.
    let doc = openapi::document(routes_doc, shared::api::API_PREFIX);
    let doc =
        axum::body::Bytes::from(serde_json::to_vec(&doc).expect("the OpenAPI document serialises"));
    let api = api
        .route(
            "/openapi.json",
            axum::routing::get(move || {
                let doc = doc.clone();
                async move { ([(header::CONTENT_TYPE, "application/json")], doc) }
            }),
        )
        .fallback(error::api_not_found)
        .method_not_allowed_fallback(error::api_not_found)
        .layer(DefaultBodyLimit::max(API_BODY_LIMIT))
        .layer(middleware::from_fn(error::localize))
        .layer(middleware::from_fn(security::no_store));

    // Shedding covers what is merged before it: the API and the pages the server renders.
    let shedding = shed::Shedding::new(state.clone());
    let mut app = Router::new()
        .nest(shared::api::API_PREFIX, api)
        .merge(auth::routes::login_router())
        .merge(server_pages::router(web.clone()))
        .layer(middleware::from_fn_with_state(shedding, shed::shed))
        .merge(health::router(
            state.settings.metrics_listen.is_none()
                && state.settings.mode == crate::config::Mode::Development,
        ));
    for (path, sim) in simulators {
        app = app.nest(path, sim.router());
    }
    if state.settings.mode == crate::config::Mode::Development && state.settings.smtp.url.is_none()
    {
        app = app.merge(crate::email::dev_outbox::router());
    }
    let app = app.with_state(state.clone()).merge(web.router());

    let secure = state.cookies.secure;
    let form_targets: Vec<String> = [state.citizen_login.origin(), state.employee_login.origin()]
        .into_iter()
        .flatten()
        .collect();
    let csp = security::content_security_policy(&form_targets);
    app.layer(
        ServiceBuilder::new()
            .layer(SetSensitiveRequestHeadersLayer::new([header::COOKIE, header::AUTHORIZATION]))
            .layer(SetRequestIdLayer::new(REQUEST_ID, MakeRequestUuid))
            .layer(TraceLayer::new_for_http().make_span_with(|req: &Request<_>| {
                // The path only: query strings carry login codes and state.
                let id = req.headers().get(&REQUEST_ID).and_then(|v| v.to_str().ok()).unwrap_or("-");
                tracing::info_span!("request", method = %req.method(), path = %req.uri().path(), request_id = %id)
            }))
            .layer(PropagateRequestIdLayer::new(REQUEST_ID))
            .layer(middleware::from_fn(telemetry::record_metrics))
            .layer(middleware::from_fn(move |req, next| security::headers(secure, csp.clone(), req, next)))
            .layer(CatchPanicLayer::custom(|_| {
                tracing::error!("a handler panicked");
                axum::response::IntoResponse::into_response(AppError::Internal(anyhow::anyhow!("panic")))
            }))
            .layer(TimeoutLayer::with_status_code(axum::http::StatusCode::SERVICE_UNAVAILABLE, Duration::from_secs(30))),
    )
}
