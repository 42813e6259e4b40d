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

/// Conversations on one page of the inbox.
pub const PAGE_SIZE: usize = 50;

#[derive(Deserialize, utoipa::IntoParams)]
pub struct InboxQuery {
    #[serde(default)]
    #[param(inline)]
    filter: InboxFilter,
    /// Part of a citizen's name.
    #[serde(default)]
    q: String,
    /// From 1; 50 conversations a page.
    #[serde(default)]
    #[param(minimum = 1)]
    page: Option<u32>,
}

/// The caseworker's inbox, a page at a time. Seeing a citizen's conversation subjects here is
/// logged once per citizen and day, as the list of citizens is.
#[utoipa::path(get, path = "/inbox", tag = "caseworker", params(InboxQuery),
    responses((status = 200, body = InboxResponse), (status = 403, body = shared::api::ApiError)))]
pub async fn inbox(
    State(s): State<AppState>,
    CaseworkerId(caseworker_id): CaseworkerId,
    Query(query): Query<InboxQuery>,
) -> AppResult<AppJson<InboxResponse>> {
    let today = super::today(&s);
    let mut reader = s.db.reader().await?;
    let all = store::inbox_lines(&mut reader.conn(), caseworker_id, &today).await?;
    let waiting = all.iter().filter(|c| c.waiting_since.is_some()).count() as u32;
    let overdue = all.iter().filter(|c| c.overdue(&today)).count() as u32;
    let needle = query.q.trim().to_lowercase();
    let mut shown: Vec<_> = all
        .into_iter()
        .filter(|c| match query.filter {
            InboxFilter::Waiting => c.waiting_since.is_some(),
            InboxFilter::Overdue => c.overdue(&today),
            InboxFilter::All => true,
        })
        .filter(|c| needle.is_empty() || c.citizen_name.to_lowercase().contains(&needle))
        .collect();
    // Waiting longest first, then the newest.
    shown.sort_by(|a, b| match (a.waiting_since, b.waiting_since) {
        (Some(x), Some(y)) => x.cmp(&y),
        (Some(_), None) => std::cmp::Ordering::Less,
        (None, Some(_)) => std::cmp::Ordering::Greater,
        (None, None) => b.last_message_at.cmp(&a.last_message_at),
    });
    let total = shown.len();
    let pages = total.div_ceil(PAGE_SIZE).max(1);
    let page = (query.page.unwrap_or(1).max(1) as usize).min(pages);
    let ids: Vec<_> = shown
        .iter()
        .skip((page - 1) * PAGE_SIZE)
        .take(PAGE_SIZE)
        .map(|c| c.id)
        .collect();
    let conversations = store::summaries(
        &mut reader.conn(),
        &ids,
        shared::api::Party::Caseworker,
        &today,
    )
    .await?;
    drop(reader);
    let mut seen: Vec<_> = conversations
        .iter()
        .map(|c| (c.citizen_id, AccessPurpose::Casework))
        .collect();
    seen.sort_by_key(|(id, _)| *id);
    seen.dedup_by_key(|(id, _)| *id);
    audit::record_list_view(&s.db, caseworker_id, &seen, AccessWhat::Conversations).await?;
    Ok(AppJson(InboxResponse {
        conversations,
        waiting,
        overdue,
        total: total as u32,
        page: page as u32,
        pages: pages as u32,
    }))
}
