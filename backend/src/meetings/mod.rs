//! "Book et møde" and "Mine møder": a citizen books, moves and cancels meetings with their own
//! caseworker in the times the caseworker offers (`availability`), and a caseworker summons a
//! citizen ("Indkald"). No time is ever booked twice: each meeting holds its quarter hours in
//! `meeting_blocks`, whose primary key refuses a second meeting in the same transaction that
//! books it, on every instance (`slots` finds the free times, `store` holds the SQL).

mod availability;
pub(crate) mod ics;
pub mod mail;
pub mod slots;
mod store;
mod summary;
mod view;

use axum::extract::{Path, Query, State};
use axum::http::StatusCode;
use jiff::ToSpan;
use serde::Deserialize;
use shared::api::{
    AccessWhat, BackupOffer, BookMeetingRequest, CaseworkerContact, ConflictState, FreeDay,
    FreeTime, FreeTimesResponse, MeetingNeeds, MeetingView, MeetingsResponse, MoveMeetingRequest,
    NearbyTime, Party, TimeOfDay,
};
use shared::validation::{Problem, check_idempotency_key, limits, optional_text};
use utoipa_axum::routes;
use uuid::Uuid;

use crate::access::{Acting, Actor, parse_id};
use crate::audit;
use crate::calendar;
use crate::db::{Conn, Timestamp};
use crate::email::outbox::Kind;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::profile;
use crate::state::AppState;
use slots::Refusal;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(meetings, book))
        .both_sides(routes!(free_times))
        .both_sides(routes!(move_meeting))
        .both_sides(routes!(cancel))
        .both_sides(routes!(calendar_file))
        .one_sided(routes!(confirm))
        .merge(availability::router())
        .merge(summary::router())
}

#[derive(Deserialize)]
pub struct MeetingPath {
    meeting: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
pub struct FreeTimesQuery {
    /// Minutes; the profile's choice (longest offered for a longer meeting) by default.
    length: Option<u16>,
    /// The backup caseworker's times instead of the primary caseworker's.
    #[serde(default)]
    backup: bool,
}

/// The last date that can be booked today.
fn last_day(s: &AppState, now: Timestamp) -> jiff::civil::Date {
    let today = calendar::date_in_copenhagen(now);
    let days = i64::from(s.settings.meetings.horizon_days);
    today.checked_add(days.days()).unwrap_or(today)
}

/// Whose times the actor books in: a caseworker their own; a citizen the primary caseworker's,
/// or the backup's when asked for.
async fn whose_times(conn: &mut Conn<'_>, actor: Actor, backup: bool) -> AppResult<Option<Uuid>> {
    if let Some(caseworker) = actor.caseworker_id() {
        return Ok(Some(caseworker));
    }
    let (primary, second) = store::caseworkers(conn, actor.citizen_id()).await?;
    Ok(if backup { second } else { primary })
}

/// Starts of free times from now to the horizon.
async fn free_starts(
    s: &AppState,
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    length: i64,
    except: Option<Uuid>,
) -> AppResult<(
    shared::api::Availability,
    Vec<(jiff::civil::Date, Vec<Timestamp>)>,
)> {
    let now = s.clock.now();
    let availability = store::availability(conn, caseworker).await?;
    let offer = store::offer(&availability);
    let until = now.plus_seconds(i64::from(s.settings.meetings.horizon_days + 2) * 86_400);
    let taken = store::taken(conn, caseworker, now, until, except).await?;
    let today = calendar::date_in_copenhagen(now);
    let days = s.settings.meetings.horizon_days + 1;
    let free = slots::free_times(&offer, today, days, length, now, &taken);
    Ok((availability, free))
}

fn fits(pref: TimeOfDay, at: Timestamp) -> bool {
    let hour = calendar::time_in_copenhagen(at).hour();
    match pref {
        TimeOfDay::Any => true,
        TimeOfDay::Morning => hour < 11,
        TimeOfDay::Midday => (11..13).contains(&hour),
        TimeOfDay::Afternoon => hour >= 13,
    }
}

/// The free times of the caseworker the citizen would meet, in the format and length their
/// accommodations ask for.
#[utoipa::path(get, path = "/me/meetings/free-times", tag = "meetings", params(FreeTimesQuery),
    responses((status = 200, body = FreeTimesResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn free_times(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Query(q): Query<FreeTimesQuery>,
) -> AppResult<AppJson<FreeTimesResponse>> {
    let mut reading = audit::read(&s, actor, AccessWhat::Meetings).await?;
    let needs = profile::store::accommodations(&mut reading.conn(), actor.citizen_id()).await?;
    let Some(caseworker) = whose_times(&mut reading.conn(), actor, q.backup).await? else {
        reading.done().await?;
        return Ok(AppJson(FreeTimesResponse {
            caseworker: None,
            with_backup: q.backup,
            formats: vec![],
            lengths: vec![],
            length_minutes: 0,
            preferred_format: None,
            needs: MeetingNeeds::default(),
            days: vec![],
            backup_offer: None,
        }));
    };
    let offered = store::availability(&mut reading.conn(), caseworker).await?;
    let length = match q.length {
        Some(l) => {
            if !offered.lengths.contains(&l) {
                return Err(AppError::field("length", Problem::NotOffered));
            }
            l
        }
        None if needs.longer_meetings => offered.lengths.iter().copied().max().unwrap_or(30),
        None => offered.lengths.iter().copied().min().unwrap_or(30),
    };
    let (availability, free) =
        free_starts(&s, &mut reading.conn(), caseworker, i64::from(length), None).await?;
    let now = s.clock.now();
    let backup_offer = if q.backup || actor.party() != Party::Citizen {
        None
    } else {
        backup_offer(
            &s,
            &mut reading.conn(),
            actor,
            &free,
            i64::from(length),
            now,
        )
        .await?
    };
    let contact = store::contact(&mut reading.conn(), caseworker).await?;
    reading.done().await?;
    let preferred_format = needs
        .meeting_channels
        .iter()
        .copied()
        .find(|c| availability.formats.contains(c))
        .or(availability.formats.first().copied());
    Ok(AppJson(FreeTimesResponse {
        caseworker: contact.map(|(name, team)| CaseworkerContact { name, team }),
        with_backup: q.backup,
        formats: availability.formats.clone(),
        lengths: availability.lengths.clone(),
        length_minutes: length,
        preferred_format,
        needs: view::needs_of(&needs),
        days: free
            .into_iter()
            .map(|(date, times)| FreeDay {
                date: date.to_string(),
                weekday: date.weekday().to_monday_one_offset() as u8,
                times: times
                    .into_iter()
                    .map(|t| FreeTime {
                        starts_at: t.millis(),
                        local_time: view::clock(t),
                        fits_preference: fits(needs.time_of_day, t),
                    })
                    .collect(),
            })
            .collect(),
        backup_offer,
    }))
}

/// The backup caseworker and their first free day, when the primary caseworker has nothing
/// within `meetings.backup_after_days`.
async fn backup_offer(
    s: &AppState,
    conn: &mut Conn<'_>,
    actor: Actor,
    primary_free: &[(jiff::civil::Date, Vec<Timestamp>)],
    length: i64,
    now: Timestamp,
) -> AppResult<Option<BackupOffer>> {
    let today = calendar::date_in_copenhagen(now);
    let soon = today
        .checked_add(i64::from(s.settings.meetings.backup_after_days).days())
        .unwrap_or(today);
    if primary_free.iter().any(|(d, _)| *d <= soon) {
        return Ok(None);
    }
    let Some(backup) = whose_times(conn, actor, true).await? else {
        return Ok(None);
    };
    let offered = store::availability(conn, backup).await?;
    let length = if offered.lengths.contains(&(length as u16)) {
        length
    } else {
        offered
            .lengths
            .first()
            .map(|l| i64::from(*l))
            .unwrap_or(length)
    };
    let (_, free) = free_starts(s, conn, backup, length, None).await?;
    let Some((first, _)) = free.first() else {
        return Ok(None);
    };
    Ok(store::contact(conn, backup)
        .await?
        .map(|(name, team)| BackupOffer {
            caseworker: CaseworkerContact { name, team },
            first_free_date: first.to_string(),
        }))
}

/// The nearest free times to `at`, for "Tiden er lige blevet taget".
fn nearest(free: &[(jiff::civil::Date, Vec<Timestamp>)], at: Timestamp) -> Vec<NearbyTime> {
    let mut all: Vec<(jiff::civil::Date, Timestamp)> = free
        .iter()
        .flat_map(|(d, ts)| ts.iter().map(move |t| (*d, *t)))
        .collect();
    all.sort_by_key(|(_, t)| (t.millis() - at.millis()).abs());
    all.into_iter()
        .take(3)
        .map(|(d, t)| NearbyTime {
            starts_at: t.millis(),
            local_date: d.to_string(),
            local_time: view::clock(t),
        })
        .collect()
}

/// Checks a start against the caseworker's offer as it is now; a taken time is a conflict
/// that carries the nearest free times.
async fn check_time(
    s: &AppState,
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    starts_at: Timestamp,
    length: i64,
    except: Option<Uuid>,
) -> AppResult<shared::api::Availability> {
    let now = s.clock.now();
    let (availability, free) = free_starts(s, conn, caseworker, length, except).await?;
    let offer = store::offer(&availability);
    let taken = store::taken(
        conn,
        caseworker,
        starts_at.plus_seconds(-86_400),
        starts_at.plus_seconds(86_400),
        except,
    )
    .await?;
    match slots::check(&offer, starts_at, length, now, last_day(s, now), &taken) {
        Ok(()) => Ok(availability),
        Err(Refusal::InThePast) => Err(AppError::field("starts_at", Problem::InThePast)),
        Err(Refusal::Holiday) => Err(AppError::field("starts_at", Problem::Holiday)),
        Err(Refusal::OutsideAvailability) => {
            Err(AppError::field("starts_at", Problem::OutsideAvailability))
        }
        Err(Refusal::Taken) => Err(slot_taken(&free, starts_at)),
    }
}

fn slot_taken(free: &[(jiff::civil::Date, Vec<Timestamp>)], at: Timestamp) -> AppError {
    AppError::conflict_with(ConflictState::SlotTaken(nearest(free, at)))
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
    let availability = check_time(&s, &mut tx.conn(), caseworker, starts_at, length, None).await?;
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
        let blocks = slots::blocks(starts_at, length, i64::from(availability.buffer_minutes));
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
            let (_, free) = free_starts(&s, &mut reader.conn(), caseworker, length, None).await?;
            return Err(slot_taken(&free, starts_at));
        }
        Err(other) => return Err(other),
    }
    audit::record_for(&mut tx, actor, AccessWhat::Meetings).await?;
    let row = store::one(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    mail::queue(&s, &mut tx.conn(), &row, Kind::MeetingBooked, now).await?;
    tx.commit().await?;
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
    let availability = check_time(
        &s,
        &mut tx.conn(),
        row.caseworker_id,
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
            let (_, free) = free_starts(
                &s,
                &mut reader.conn(),
                row.caseworker_id,
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
    tx.commit().await?;
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
    tx.commit().await?;
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
    tx.commit().await?;
    Ok(AppJson(view::of(&s, &row, now)))
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
