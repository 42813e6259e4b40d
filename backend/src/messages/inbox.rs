//! "Indbakke": every conversation a caseworker answers, longest waiting first, each with its
//! promised date; overdue ones marked. Filters: waiting for me, overdue, all; search by name.

use axum::extract::{Query, State};
use serde::Deserialize;
use shared::api::{AccessPurpose, AccessWhat, InboxFilter, InboxResponse};
use utoipa_axum::routes;

use super::store;
use crate::audit;
use crate::auth::extract::CaseworkerId;
use crate::error::{AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(inbox))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct InboxQuery {
    #[serde(default)]
    #[param(inline)]
    filter: InboxFilter,
    /// Part of a citizen's name.
    #[serde(default)]
    q: String,
}

/// The caseworker's inbox. Seeing a citizen's conversation subjects here is logged once per
/// citizen and day, as the list of citizens is.
#[utoipa::path(get, path = "/inbox", tag = "caseworker", params(InboxQuery),
    responses((status = 200, body = InboxResponse), (status = 403, body = shared::api::ApiError)))]
pub async fn inbox(
    State(s): State<AppState>,
    CaseworkerId(caseworker_id): CaseworkerId,
    Query(query): Query<InboxQuery>,
) -> AppResult<AppJson<InboxResponse>> {
    let today = super::today(&s);
    let all = store::inbox_of(&mut s.db.reader().await?.conn(), caseworker_id, &today).await?;
    let waiting = all.iter().filter(|c| c.waiting_since.is_some()).count() as u32;
    let overdue = all.iter().filter(|c| c.overdue).count() as u32;
    let needle = query.q.trim().to_lowercase();
    let mut shown: Vec<_> = all
        .into_iter()
        .filter(|c| match query.filter {
            InboxFilter::Waiting => c.waiting_since.is_some(),
            InboxFilter::Overdue => c.overdue,
            InboxFilter::All => true,
        })
        .filter(|c| needle.is_empty() || c.citizen_name.to_lowercase().contains(&needle))
        .collect();
    // Waiting longest first (RFC 3339 in UTC sorts as time does), then the newest.
    shown.sort_by(|a, b| match (&a.waiting_since, &b.waiting_since) {
        (Some(x), Some(y)) => x.cmp(y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.last_message_at.cmp(&a.last_message_at),
    });
    let mut seen: Vec<_> = shown
        .iter()
        .map(|c| (c.citizen_id, AccessPurpose::Casework))
        .collect();
    seen.sort_by_key(|(id, _)| *id);
    seen.dedup_by_key(|(id, _)| *id);
    audit::record_list_view(&s.db, caseworker_id, &seen, AccessWhat::Conversations).await?;
    Ok(AppJson(InboxResponse {
        conversations: shown,
        waiting,
        overdue,
    }))
}
