//! "Mine borgere": the caseworker's list of citizens.

use axum::extract::State;
use shared::api::{AccessPurpose, AccessWhat, CaseloadResponse, CaseloadRole};

use utoipa_axum::routes;

use crate::audit;
use crate::auth::extract::CaseworkerId;
use crate::error::{AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::people;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(caseload))
}

/// The citizens the caseworker is primary or backup caseworker for.
#[utoipa::path(get, path = "/caseload", tag = "caseworker",
    responses((status = 200, body = CaseloadResponse), (status = 401, body = shared::api::ApiError), (status = 403, body = shared::api::ApiError)))]
pub async fn caseload(
    State(state): State<AppState>,
    CaseworkerId(caseworker_id): CaseworkerId,
) -> AppResult<AppJson<CaseloadResponse>> {
    let citizens = people::caseload(&state.db, caseworker_id).await?;
    let seen: Vec<_> = citizens
        .iter()
        .map(|c| {
            let purpose = match c.role {
                CaseloadRole::Primary => AccessPurpose::Casework,
                CaseloadRole::Backup => AccessPurpose::CaseworkAsBackup,
            };
            (c.id, purpose)
        })
        .collect();
    audit::record_list_view(&state.db, caseworker_id, &seen, AccessWhat::CaseloadList).await?;
    Ok(AppJson(CaseloadResponse { citizens }))
}
