//! "Det aftalte vi": after a meeting the caseworker writes a short summary (optionally
//! proposing plan steps, which then need the citizen's agreement as every step does); the
//! citizen answers "Det er rigtigt" or "Det forstod jeg anderledes" with a comment, which the
//! caseworker answers. Also the caseworker's "Mine møder" week.

use axum::extract::{Path, Query, State};
use jiff::ToSpan;
use serde::Deserialize;
use shared::api::{
    AccessPurpose, AccessWhat, CaseworkerMeetingsResponse, MeetingView, Party, Responsible,
    StepWording, SummaryAnswerRequest, SummaryReplyRequest, SummaryRequest, SummaryResponse,
};
use shared::validation::{Problem, Problems, limits, optional_text, required_text};
use utoipa_axum::routes;

use super::{MeetingPath, commit_and_tell, store, view};
use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::auth::extract::CaseworkerId;
use crate::cache_bus::Change;
use crate::calendar;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .one_sided(routes!(write_summary))
        .one_sided(routes!(answer_summary))
        .one_sided(routes!(reply))
        .one_sided(routes!(week))
}

/// A meeting of the citizen the actor acts on that has taken place.
async fn held(
    s: &AppState,
    conn: &mut crate::db::Conn<'_>,
    actor: Actor,
    meeting: &str,
) -> AppResult<store::MeetingRow> {
    let row = store::one(conn, actor.citizen_id(), parse_id(meeting)?)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status == "cancelled" {
        return Err(AppError::field("meeting", Problem::MeetingCancelled));
    }
    if row.starts_at > s.clock.now() {
        return Err(AppError::field("text", Problem::NotHappenedYet));
    }
    Ok(row)
}

#[utoipa::path(put, path = "/citizens/{citizen}/meetings/{meeting}/summary", tag = "meetings",
    request_body = SummaryRequest, params(("citizen" = String, Path), ("meeting" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn write_summary(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
    AppJson(req): AppJson<SummaryRequest>,
) -> AppResult<AppJson<MeetingView>> {
    let mut p = Problems::default();
    p.check("text", required_text(&req.text, limits::MEETING_SUMMARY));
    for (i, step) in req.proposed_steps.iter().enumerate() {
        p.check(
            &format!("proposed_steps[{i}]"),
            required_text(step, limits::STEP_TITLE),
        );
    }
    AppError::check(p)?;
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = held(&s, &mut tx.conn(), actor, &meeting).await?;
    store::write_summary(&mut tx.conn(), row.id, &req.text, now).await?;
    for title in &req.proposed_steps {
        let wording = StepWording {
            title: title.trim().to_string(),
            description: String::new(),
            step_type: "other".into(),
            starts_on: None,
            ends_on: None,
            responsible: Responsible::Jobcentre,
        };
        crate::plan::store::add_step(&mut tx.conn(), actor, &wording).await?;
    }
    audit::record_for(&mut tx, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    // New proposed steps change the plan: every instance forgets the one it remembers.
    let plan = (!req.proposed_steps.is_empty()).then(|| Change::PlanChanged(actor.citizen_id()));
    commit_and_tell(&s, tx, &row, plan).await?;
    Ok(AppJson(view::of(&s, &row, now)))
}

#[utoipa::path(post, path = "/me/meetings/{meeting}/summary/response", tag = "meetings",
    request_body = SummaryAnswerRequest, params(("meeting" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn answer_summary(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
    AppJson(req): AppJson<SummaryAnswerRequest>,
) -> AppResult<AppJson<MeetingView>> {
    if actor.party() != Party::Citizen {
        return Err(AppError::Forbidden);
    }
    let mut p = Problems::default();
    match req.response {
        SummaryResponse::Agreed => p.check(
            "comment",
            optional_text(&req.comment, limits::SUMMARY_COMMENT),
        ),
        SummaryResponse::Disagreed => p.check(
            "comment",
            required_text(&req.comment, limits::SUMMARY_COMMENT),
        ),
    }
    AppError::check(p)?;
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = held(&s, &mut tx.conn(), actor, &meeting).await?;
    if row.summary.is_none() {
        return Err(AppError::field("response", Problem::NotHappenedYet));
    }
    let comment = Some(req.comment.trim()).filter(|c| !c.is_empty());
    store::answer_summary(&mut tx.conn(), row.id, req.response.code(), comment, now).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok(AppJson(view::of(&s, &row, now)))
}

#[utoipa::path(post, path = "/citizens/{citizen}/meetings/{meeting}/summary/reply", tag = "meetings",
    request_body = SummaryReplyRequest, params(("citizen" = String, Path), ("meeting" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn reply(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
    AppJson(req): AppJson<SummaryReplyRequest>,
) -> AppResult<AppJson<MeetingView>> {
    let mut p = Problems::default();
    p.check("text", required_text(&req.text, limits::SUMMARY_COMMENT));
    AppError::check(p)?;
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = held(&s, &mut tx.conn(), actor, &meeting).await?;
    if row.citizen_response.is_none() {
        return Err(AppError::field("text", Problem::NotHappenedYet));
    }
    store::reply_to_answer(&mut tx.conn(), row.id, &req.text, now).await?;
    audit::record_for(&mut tx, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok(AppJson(view::of(&s, &row, now)))
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct WeekQuery {
    /// `YYYY-MM-DD`; today by default.
    from: Option<String>,
    /// 1 (a day) to 7 (a week, the default).
    days: Option<u32>,
}

/// "Mine møder": the caseworker's meetings in a day or a week, each with the citizen's
/// accommodations, and the past meetings that wait for them (no summary yet, or a citizen's
/// disagreement not answered). Every citizen on it is logged as seen on a list.
#[utoipa::path(get, path = "/caseworker/meetings", tag = "meetings", params(WeekQuery),
    responses((status = 200, body = CaseworkerMeetingsResponse), (status = 422, body = shared::api::ApiError)))]
pub async fn week(
    State(s): State<AppState>,
    CaseworkerId(caseworker): CaseworkerId,
    Query(q): Query<WeekQuery>,
) -> AppResult<AppJson<CaseworkerMeetingsResponse>> {
    let now = s.clock.now();
    let from = match q.from.as_deref() {
        None => calendar::date_in_copenhagen(now),
        Some(d) => d
            .parse::<jiff::civil::Date>()
            .map_err(|_| AppError::field("from", Problem::InvalidDate))?,
    };
    let days = q.days.unwrap_or(7).clamp(1, 7);
    let until = from.checked_add(i64::from(days).days()).unwrap_or(from);
    let midnight = jiff::civil::Time::midnight();
    let (Some(start), Some(end)) = (
        calendar::at_copenhagen(from, midnight),
        calendar::at_copenhagen(until, midnight),
    ) else {
        return Err(AppError::field("from", Problem::InvalidDate));
    };
    let (rows, waiting) = {
        let mut reader = s.db.reader().await?;
        let rows = store::of_caseworker(&mut reader.conn(), caseworker, start, end).await?;
        let waiting = store::waiting_on_caseworker(&mut reader.conn(), caseworker, now).await?;
        (rows, waiting)
    };
    let mut seen: Vec<(uuid::Uuid, AccessPurpose)> = vec![];
    for r in rows.iter().chain(&waiting) {
        if !seen.iter().any(|(c, _)| *c == r.citizen_id) {
            seen.push((r.citizen_id, AccessPurpose::Casework));
        }
    }
    audit::record_list_view(&s.db, caseworker, &seen, AccessWhat::Meetings).await?;
    Ok(AppJson(CaseworkerMeetingsResponse {
        from: from.to_string(),
        days,
        meetings: rows.iter().map(|r| view::of(&s, r, now)).collect(),
        waiting: waiting.iter().map(|r| view::of(&s, r, now)).collect(),
    }))
}
