//! Booking, moving, cancelling and confirming a meeting. Each holds or frees the meeting's
//! quarter hours in `meeting_blocks` in the same transaction, so no time is booked twice.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use shared::api::{AccessWhat, BookMeetingRequest, MeetingView, MoveMeetingRequest, Party};
use shared::validation::{Problem, check_idempotency_key, limits, optional_text};
use uuid::Uuid;

use super::free_times::{check_time, free_starts, slot_taken, whose_times};
use super::{MeetingPath, commit_and_tell, mail, slots, store, view};
use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::db::{Conn, Timestamp};
use crate::email::outbox::Kind;
use crate::error::{AppError, AppJson, AppResult};
use crate::profile;
use crate::state::AppState;

/// Books a meeting: a citizen with their caseworker (confirmed at once), a caseworker summons
/// the citizen ("Indkald", waiting for the citizen's confirmation). A retry with the same key
/// answers 200 with the first booking; a time just taken by someone else answers 409 with the
/// nearest free times.
#[utoipa::path(post, path = "/me/meetings", tag = "meetings", request_body = BookMeetingRequest,
    responses((status = 201, body = MeetingView), (status = 200, body = MeetingView, description = "Booked before with this key"),
              (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn book(
    State(s): State<AppState>,
    Acting(actor): Acting,
    AppJson(req): AppJson<BookMeetingRequest>,
) -> AppResult<(StatusCode, AppJson<MeetingView>)> {
    let mut p = shared::validation::Problems::default();
    p.check(
        "idempotency_key",
        check_idempotency_key(&req.idempotency_key),
    );
    p.check(
        "purpose",
        optional_text(&req.purpose, limits::MEETING_PURPOSE),
    );
    AppError::check(p)?;
    let booker = booker_id(actor);
    if let Some(first) = already_booked(&s, actor, booker, &req.idempotency_key).await? {
        return Ok((StatusCode::OK, AppJson(first)));
    }
    let now = s.clock.now();
    let starts_at = Timestamp(req.starts_at);
    let length = i64::from(req.length_minutes);
    let mut tx = s.db.begin().await?;
    let Some(caseworker) = whose_times(&mut tx.conn(), actor, req.with_backup).await? else {
        return Err(AppError::field("starts_at", Problem::OutsideAvailability));
    };
    let offered = store::availability(&mut tx.conn(), caseworker).await?;
    if !offered.lengths.contains(&req.length_minutes) {
        return Err(AppError::field("length_minutes", Problem::NotOffered));
    }
    if !offered.formats.contains(&req.format) {
        return Err(AppError::field("format", Problem::NotOffered));
    }
    check_time(
        &s,
        &mut tx.conn(),
        caseworker,
        &offered,
        starts_at,
        length,
        None,
    )
    .await?;
    let needs = profile::store::accommodations(&mut tx.conn(), actor.citizen_id()).await?;
    let id = Uuid::now_v7();
    let (status, booked_by) = match actor {
        Actor::Citizen { .. } => ("booked", "citizen"),
        Actor::Caseworker { .. } => ("proposed", "caseworker"),
    };
    let meeting = store::NewMeeting {
        id,
        citizen_id: actor.citizen_id(),
        caseworker_id: caseworker,
        format: view::format_code(req.format),
        starts_at,
        ends_at: starts_at.plus_millis(length * 60_000),
        status,
        booked_by,
        booker_id: booker,
        booking_key: &req.idempotency_key,
        purpose: &req.purpose,
        companion: needs.companion,
        interpreter_language: needs.interpreter_language.as_deref(),
        step_free_access: needs.step_free_access,
        longer_meeting: needs.longer_meetings,
    };
    let held = async {
        store::insert(&mut tx.conn(), &meeting, now).await?;
        let blocks = slots::blocks(starts_at, length, i64::from(offered.buffer_minutes));
        store::hold_blocks(&mut tx.conn(), caseworker, id, &blocks).await?;
        Ok::<(), AppError>(())
    }
    .await;
    match held {
        Ok(()) => {}
        Err(AppError::Conflict(_)) => {
            drop(tx);
            // Either a retry of this booking won the race for its key, or another booking
            // took the time first.
            if let Some(first) = already_booked(&s, actor, booker, &req.idempotency_key).await? {
                return Ok((StatusCode::OK, AppJson(first)));
            }
            let mut reader = s.db.reader().await?;
            let free =
                free_starts(&s, &mut reader.conn(), caseworker, &offered, length, None).await?;
            return Err(slot_taken(&free, starts_at));
        }
        Err(other) => return Err(other),
    }
    audit::record_for(&mut tx, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let kind = match actor {
        Actor::Citizen { .. } => Kind::MeetingBooked,
        Actor::Caseworker { .. } => Kind::MeetingCalledIn,
    };
    mail::queue(&s, &mut tx.conn(), &row, kind, now).await?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok((StatusCode::CREATED, AppJson(view::of(&s, &row, now))))
}

fn booker_id(actor: Actor) -> Uuid {
    match actor {
        Actor::Citizen { citizen_id } => citizen_id,
        Actor::Caseworker { caseworker_id, .. } => caseworker_id,
    }
}

async fn already_booked(
    s: &AppState,
    actor: Actor,
    booker: Uuid,
    key: &str,
) -> AppResult<Option<MeetingView>> {
    let mut writer = s.db.writer().await?;
    let Some(id) = store::booked_with_key(&mut writer.conn(), booker, key).await? else {
        return Ok(None);
    };
    let row = store::one(&mut writer.conn(), actor.citizen_id(), id).await?;
    Ok(row.map(|r| view::of(s, &r, s.clock.now())))
}

/// Loads a meeting the actor may change now: not cancelled, not started, and for a citizen
/// before the change deadline.
async fn changeable(
    s: &AppState,
    conn: &mut Conn<'_>,
    actor: Actor,
    meeting: &str,
) -> AppResult<store::MeetingRow> {
    let id = parse_id(meeting)?;
    let row = store::one(conn, actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status == "cancelled" {
        return Err(AppError::field("meeting", Problem::MeetingCancelled));
    }
    let now = s.clock.now();
    let deadline = match actor {
        Actor::Citizen { .. } => i64::from(s.settings.meetings.change_deadline_hours) * 3600,
        Actor::Caseworker { .. } => 0,
    };
    if row.starts_at.plus_seconds(-deadline) <= now {
        return Err(AppError::field("meeting", Problem::AfterDeadline));
    }
    Ok(row)
}

/// Moves a meeting to another free time of the same caseworker, in the same length.
#[utoipa::path(post, path = "/me/meetings/{meeting}/move", tag = "meetings", request_body = MoveMeetingRequest,
    params(("meeting" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = shared::api::ApiError),
              (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn move_meeting(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
    AppJson(req): AppJson<MoveMeetingRequest>,
) -> AppResult<AppJson<MeetingView>> {
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = changeable(&s, &mut tx.conn(), actor, &meeting).await?;
    let length = (row.ends_at.millis() - row.starts_at.millis()) / 60_000;
    let starts_at = Timestamp(req.starts_at);
    let availability = store::availability(&mut tx.conn(), row.caseworker_id).await?;
    check_time(
        &s,
        &mut tx.conn(),
        row.caseworker_id,
        &availability,
        starts_at,
        length,
        Some(row.id),
    )
    .await?;
    // The citizen choosing a time confirms it; the caseworker moving it asks again.
    let status = match actor {
        Actor::Citizen { .. } => "booked",
        Actor::Caseworker { .. } => "proposed",
    };
    store::release_blocks(&mut tx.conn(), row.id).await?;
    let blocks = slots::blocks(starts_at, length, i64::from(availability.buffer_minutes));
    let held = store::hold_blocks(&mut tx.conn(), row.caseworker_id, row.id, &blocks).await;
    if let Err(err) = held {
        let err = AppError::from(err);
        if matches!(err, AppError::Conflict(_)) {
            drop(tx);
            let mut reader = s.db.reader().await?;
            let free = free_starts(
                &s,
                &mut reader.conn(),
                row.caseworker_id,
                &availability,
                length,
                Some(row.id),
            )
            .await?;
            return Err(slot_taken(&free, starts_at));
        }
        return Err(err);
    }
    store::move_to(
        &mut tx.conn(),
        row.id,
        starts_at,
        starts_at.plus_millis(length * 60_000),
        status,
        now,
    )
    .await?;
    audit::record_for(&mut tx, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    mail::queue(&s, &mut tx.conn(), &row, Kind::MeetingMoved, now).await?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok(AppJson(view::of(&s, &row, now)))
}

/// Cancels a meeting; its time is free again at once.
#[utoipa::path(post, path = "/me/meetings/{meeting}/cancel", tag = "meetings",
    params(("meeting" = String, Path)),
    responses((status = 204), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn cancel(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
) -> AppResult<StatusCode> {
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = changeable(&s, &mut tx.conn(), actor, &meeting).await?;
    store::release_blocks(&mut tx.conn(), row.id).await?;
    store::cancel(&mut tx.conn(), row.id, now).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), row.id)
        .await?
        .ok_or(AppError::NotFound)?;
    mail::queue(&s, &mut tx.conn(), &row, Kind::MeetingCancelled, now).await?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The citizen confirms a meeting the caseworker summoned them to.
#[utoipa::path(post, path = "/me/meetings/{meeting}/confirm", tag = "meetings",
    params(("meeting" = String, Path)),
    responses((status = 200, body = MeetingView), (status = 404, body = shared::api::ApiError)))]
pub async fn confirm(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(MeetingPath { meeting }): Path<MeetingPath>,
) -> AppResult<AppJson<MeetingView>> {
    if actor.party() != Party::Citizen {
        return Err(AppError::Forbidden);
    }
    let id = parse_id(&meeting)?;
    let now = s.clock.now();
    let mut tx = s.db.begin().await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    if row.status == "cancelled" {
        return Err(AppError::field("meeting", Problem::MeetingCancelled));
    }
    store::confirm(&mut tx.conn(), id, now).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_and_tell(&s, tx, &row, None).await?;
    Ok(AppJson(view::of(&s, &row, now)))
}
