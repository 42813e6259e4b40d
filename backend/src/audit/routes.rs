//! "Hvem har set mine oplysninger": the citizen's own view of the access log.

use axum::Router;
use axum::extract::State;
use axum::routing::get;
use shared::api::AccessLogResponse;

use crate::auth::extract::CitizenId;
use crate::error::{AppJson, AppResult};
use crate::state::AppState;

pub fn router() -> Router<AppState> {
    Router::new().route("/me/access-log", get(access_log))
}

/// Every time a caseworker looked at the citizen's data: when, who, what and why.
#[utoipa::path(get, path = "/api/v1/me/access-log", tag = "my data", responses((status = 200, body = AccessLogResponse)))]
pub async fn access_log(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
) -> AppResult<AppJson<AccessLogResponse>> {
    let mut c = s.db.reader().await?;
    Ok(AppJson(AccessLogResponse {
        entries: super::entries(&mut c.conn(), id).await?,
    }))
}
