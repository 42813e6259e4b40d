//! "Mit overblik": the citizen's start page.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use shared::api::OverviewResponse;

use crate::auth::extract::CitizenId;
use crate::error::{AppError, AppJson, AppResult};
use crate::people;
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/overview", get(overview))
}

/// The citizen's name and the caseworkers they can turn to.
#[utoipa::path(get, path = "/api/v1/overview", tag = "citizen",
    responses((status = 200, body = OverviewResponse), (status = 401, body = shared::api::ApiError), (status = 403, body = shared::api::ApiError)))]
pub async fn overview(
    State(state): State<AppState>,
    CitizenId(citizen_id, _): CitizenId,
) -> AppResult<AppJson<OverviewResponse>> {
    let citizen = people::citizen(&state.db, citizen_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (primary_caseworker, backup_caseworker) =
        people::caseworkers_of(&state.db, citizen_id).await?;
    Ok(AppJson(OverviewResponse {
        name: citizen.name,
        primary_caseworker,
        backup_caseworker,
    }))
}
