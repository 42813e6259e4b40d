//! "Mit overblik": the citizen's start page.

use axum::extract::State;
use shared::api::{OverviewResponse, PlanSummary};
use uuid::Uuid;

use utoipa_axum::routes;

use crate::auth::extract::CitizenId;
use crate::db::Db;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;
use crate::{db_conn, people};

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(overview))
}

/// The citizen's name and the caseworkers they can turn to.
#[utoipa::path(get, path = "/overview", tag = "citizen",
    responses((status = 200, body = OverviewResponse), (status = 401, body = shared::api::ApiError), (status = 403, body = shared::api::ApiError)))]
pub async fn overview(
    State(state): State<AppState>,
    CitizenId(citizen_id): CitizenId,
) -> AppResult<AppJson<OverviewResponse>> {
    let citizen = people::citizen(&state.db, citizen_id)
        .await?
        .ok_or(AppError::Unauthenticated)?;
    let (primary_caseworker, backup_caseworker) =
        people::caseworkers_of(&state.db, citizen_id).await?;
    let plan = summary(&state.db, citizen_id).await?;
    let next_meeting = crate::meetings::next_of(&state, citizen_id).await?;
    Ok(AppJson(OverviewResponse {
        name: citizen.name,
        primary_caseworker,
        backup_caseworker,
        plan,
        next_meeting,
    }))
}

#[derive(sqlx::FromRow)]
struct Counts {
    steps: i64,
    done: i64,
    awaiting: i64,
    waiting: i64,
    own_goal: Option<String>,
}

async fn summary(db: &Db, citizen_id: Uuid) -> Result<PlanSummary, sqlx::Error> {
    let counts: Counts = db_conn!(db.reader().await?.conn(), pool => sqlx::query_as(
        "SELECT \
           (SELECT COUNT(*) FROM plan_steps WHERE citizen_id = $1) AS steps, \
           (SELECT COUNT(*) FROM plan_steps WHERE citizen_id = $1 AND status = 'done') AS done, \
           (SELECT COUNT(*) FROM plan_steps WHERE citizen_id = $1 AND status NOT IN ('done', 'stopped') \
              AND (citizen_agreed_version IS NULL OR citizen_agreed_version <> version)) AS awaiting, \
           (SELECT COUNT(*) FROM option_requests WHERE citizen_id = $1 AND answer IS NULL) AS waiting, \
           (SELECT own_goal FROM plans WHERE citizen_id = $1) AS own_goal")
        .bind(citizen_id)
        .fetch_one(pool)
        .await)?;
    let n = |v: i64| u32::try_from(v).unwrap_or(0);
    Ok(PlanSummary {
        own_goal: counts.own_goal.unwrap_or_default(),
        steps: n(counts.steps),
        done: n(counts.done),
        awaiting_your_agreement: n(counts.awaiting),
        requests_waiting: n(counts.waiting),
    })
}
