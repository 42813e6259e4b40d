//! "Hvem har set mine oplysninger": the citizen's own view of the access log.

use axum::extract::State;
use shared::api::AccessLogResponse;

use utoipa_axum::routes;

use crate::auth::extract::CitizenId;
use crate::error::{AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(access_log))
}

/// Every time a caseworker looked at the citizen's data: when, who, what and why.
#[utoipa::path(get, path = "/me/access-log", tag = "my data", responses((status = 200, body = AccessLogResponse)))]
pub async fn access_log(
    State(s): State<AppState>,
    CitizenId(id): CitizenId,
) -> AppResult<AppJson<AccessLogResponse>> {
    let mut c = s.db.reader().await?;
    Ok(AppJson(AccessLogResponse {
        entries: super::entries(&mut c.conn(), id).await?,
    }))
}
