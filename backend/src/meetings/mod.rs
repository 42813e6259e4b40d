//! "Book et møde" and "Mine møder": a citizen books, moves and cancels meetings with their own
//! caseworker in the times the caseworker offers (`availability`), and a caseworker summons a
//! citizen ("Indkald"). No time is ever booked twice: each meeting holds its quarter hours in
//! `meeting_blocks`, whose primary key refuses a second meeting in the same transaction that
//! books it, on every instance (`slots` finds the free times, `store` holds the SQL).

mod availability;
mod booking;
pub(crate) mod demo;
mod free_times;
pub(crate) mod ics;
pub mod mail;
pub mod slots;
mod store;
mod summary;
mod view;

use axum::extract::{Path, State};
use serde::Deserialize;
use shared::api::{AccessWhat, MeetingView, MeetingsResponse};
use utoipa_axum::routes;
use uuid::Uuid;

use crate::access::{Acting, parse_id};
use crate::audit;
use crate::cache_bus::Change;
use crate::db::Tx;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(meetings, booking::book))
        .both_sides(routes!(free_times::free_times))
        .both_sides(routes!(booking::move_meeting))
        .both_sides(routes!(booking::cancel))
        .both_sides(routes!(calendar_file))
        .one_sided(routes!(booking::confirm))
        .merge(availability::router())
        .merge(summary::router())
}

#[derive(Deserialize)]
pub struct MeetingPath {
    meeting: String,
}

/// Commits a change to a meeting; the citizen's and the caseworker's open pages hear of it
/// (`live`, also on other instances), with any other change it made (`also`).
pub(super) async fn commit_and_tell(
    s: &AppState,
    mut tx: Tx,
    row: &store::MeetingRow,
    also: Option<Change>,
) -> AppResult<()> {
    let mut changes = vec![Change::MeetingsChanged {
        citizen: row.citizen_id,
        caseworker: row.caseworker_id,
    }];
    changes.extend(also);
    for change in &changes {
        s.bus.announce(&mut tx, change).await?;
    }
    tx.commit().await?;
    for change in &changes {
        s.bus.committed(change);
    }
    Ok(())
}

/// The citizen's next meeting that has not begun, for "Mit overblik".
pub async fn next_of(s: &AppState, citizen: Uuid) -> AppResult<Option<MeetingView>> {
    let now = s.clock.now();
    let rows = store::of_citizen(&mut s.db.reader().await?.conn(), citizen).await?;
    Ok(rows
        .iter()
        .find(|r| r.starts_at > now)
        .map(|r| view::of(s, r, now)))
}

/// The citizen's meetings: upcoming soonest first, past newest first.
#[utoipa::path(get, path = "/me/meetings", tag = "meetings",
    responses((status = 200, body = MeetingsResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn meetings(
    State(s): State<AppState>,
    Acting(actor): Acting,
) -> AppResult<AppJson<MeetingsResponse>> {
    let mut reading = audit::read(&s, actor, AccessWhat::Meetings).await?;
    let rows = store::of_citizen(&mut reading.conn(), actor.citizen_id()).await?;
    reading.done().await?;
    let now = s.clock.now();
    let (mut past, upcoming): (Vec<MeetingView>, Vec<MeetingView>) = rows
        .into_iter()
        .map(|r| view::of(&s, &r, now))
        .partition(|m| m.past);
    past.reverse();
    Ok(AppJson(MeetingsResponse {
        upcoming,
        past,
        change_deadline_hours: s.settings.meetings.change_deadline_hours,
    }))
}

/// The meeting as a calendar file (RFC 5545) to add to one's own calendar.
#[utoipa::path(get, path = "/me/meetings/{meeting}/calendar.ics", tag = "meetings",
    params(("meeting" = String, Path)),
    responses((status = 200, content_type = "text/calendar"), (status = 404, body = shared::api::ApiError)))]
pub async fn calendar_file(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
) -> AppResult<axum::response::Response> {
    let id = parse_id(&meeting)?;
    let mut reading = audit::read(&s, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut reading.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let lang = crate::people::citizen(&s.db, actor.citizen_id())
        .await?
        .map(|c| c.lang())
        .unwrap_or_default();
    reading.done().await?;
    Ok(ics::response(&s, &row, lang))
}
