//! `/healthz` (the process is up), `/readyz` (the database answers), `/metrics` (Prometheus).

use axum::Router;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::IntoResponse;
use axum::routing::get;

use super::telemetry;
use crate::state::AppState;

/// `/metrics` is part of it only where no address of its own is configured and the mode is
/// development: production never shows metrics to the public.
pub fn router(metrics_here: bool) -> Router<AppState> {
    let router = Router::new()
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(ready));
    if metrics_here {
        router.route("/metrics", get(metrics))
    } else {
        router
    }
}

/// `/metrics` alone, for `metrics_listen`.
pub fn metrics_router() -> Router {
    Router::new().route("/metrics", get(metrics))
}

async fn ready(State(state): State<AppState>) -> impl IntoResponse {
    match state.db.ping().await {
        Ok(()) => (StatusCode::OK, "ready"),
        Err(err) => {
            tracing::warn!(error = %err, "database not reachable");
            (StatusCode::SERVICE_UNAVAILABLE, "database unavailable")
        }
    }
}

pub async fn metrics() -> impl IntoResponse {
    (
        [(header::CONTENT_TYPE, "text/plain; version=0.0.4")],
        telemetry::render_metrics(),
    )
}
