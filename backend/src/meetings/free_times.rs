//! Free times: what the caseworker offers minus what is taken, from now to the horizon; the
//! check a booking or move passes in its transaction; the backup caseworker's offer when the
//! own caseworker has nothing soon; the nearest free times when a time was just taken.

use axum::extract::{Query, State};
use jiff::ToSpan;
use serde::Deserialize;
use shared::api::{
    AccessWhat, BackupOffer, CaseworkerContact, ConflictState, FreeDay, FreeTime,
    FreeTimesResponse, MeetingNeeds, NearbyTime, Party, TimeOfDay,
};
use shared::validation::Problem;
use uuid::Uuid;

use super::slots::{self, Refusal};
use super::{store, view};
use crate::access::{Acting, Actor};
use crate::audit;
use crate::calendar;
use crate::db::{Conn, Timestamp};
use crate::error::{AppError, AppJson, AppResult};
use crate::profile;
use crate::state::AppState;

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
pub(super) async fn whose_times(
    conn: &mut Conn<'_>,
    actor: Actor,
    backup: bool,
) -> AppResult<Option<Uuid>> {
    if let Some(caseworker) = actor.caseworker_id() {
        return Ok(Some(caseworker));
    }
    let (primary, second) = store::caseworkers(conn, actor.citizen_id()).await?;
    Ok(if backup { second } else { primary })
}

/// Starts of free times from now to the horizon.
pub(super) async fn free_starts(
    s: &AppState,
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    availability: &shared::api::Availability,
    length: i64,
    except: Option<Uuid>,
) -> AppResult<Vec<(jiff::civil::Date, Vec<Timestamp>)>> {
    let now = s.clock.now();
    let offer = store::offer(availability);
    let until = now.plus_seconds(i64::from(s.settings.meetings.horizon_days + 2) * 86_400);
    let taken = store::taken(conn, caseworker, now, until, except).await?;
    let today = calendar::date_in_copenhagen(now);
    let days = s.settings.meetings.horizon_days + 1;
    Ok(slots::free_times(&offer, today, days, length, now, &taken))
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
    let free = free_starts(
        &s,
        &mut reading.conn(),
        caseworker,
        &offered,
        i64::from(length),
        None,
    )
    .await?;
    let availability = offered;
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
    let free = free_starts(s, conn, backup, &offered, length, None).await?;
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
pub(super) async fn check_time(
    s: &AppState,
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    availability: &shared::api::Availability,
    starts_at: Timestamp,
    length: i64,
    except: Option<Uuid>,
) -> AppResult<()> {
    let now = s.clock.now();
    let offer = store::offer(availability);
    let taken = store::taken(
        conn,
        caseworker,
        starts_at.plus_seconds(-86_400),
        starts_at.plus_seconds(86_400),
        except,
    )
    .await?;
    match slots::check(&offer, starts_at, length, now, last_day(s, now), &taken) {
        Ok(()) => Ok(()),
        Err(Refusal::InThePast) => Err(AppError::field("starts_at", Problem::InThePast)),
        Err(Refusal::Holiday) => Err(AppError::field("starts_at", Problem::Holiday)),
        Err(Refusal::OutsideAvailability) => {
            Err(AppError::field("starts_at", Problem::OutsideAvailability))
        }
        Err(Refusal::Taken) => {
            // Only now the whole horizon: the nearest free times to offer instead.
            let free = free_starts(s, conn, caseworker, availability, length, except).await?;
            Err(slot_taken(&free, starts_at))
        }
    }
}

pub(super) fn slot_taken(free: &[(jiff::civil::Date, Vec<Timestamp>)], at: Timestamp) -> AppError {
    AppError::conflict_with(ConflictState::SlotTaken(nearest(free, at)))
}
