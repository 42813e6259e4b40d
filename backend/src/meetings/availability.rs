//! The caseworker's availability page: weekly hours, days off, formats, lengths and buffer,
//! read and saved whole. Saving never moves or cancels a booked meeting.

use axum::extract::State;
use jiff::civil::{Date, Time};
use shared::api::{Availability, MEETING_BUFFERS, MEETING_LENGTHS, MeetingChannel};
use shared::validation::{Problem, Problems, limits, optional_text};
use utoipa_axum::routes;

use super::store;
use crate::auth::extract::CaseworkerId;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;

pub fn router() -> ApiRoutes {
    ApiRoutes::new().one_sided(routes!(availability, save))
}

#[utoipa::path(get, path = "/caseworker/availability", tag = "meetings",
    responses((status = 200, body = Availability), (status = 403, body = shared::api::ApiError)))]
pub async fn availability(
    State(s): State<AppState>,
    CaseworkerId(caseworker): CaseworkerId,
) -> AppResult<AppJson<Availability>> {
    let mut reader = s.db.reader().await?;
    Ok(AppJson(
        store::availability(&mut reader.conn(), caseworker).await?,
    ))
}

/// Saves the page; hours that overlap each other, times not on a quarter hour, an end before
/// its start, or a length or buffer not on offer are refused with the field that is wrong.
#[utoipa::path(put, path = "/caseworker/availability", tag = "meetings", request_body = Availability,
    responses((status = 200, body = Availability), (status = 422, body = shared::api::ApiError)))]
pub async fn save(
    State(s): State<AppState>,
    CaseworkerId(caseworker): CaseworkerId,
    AppJson(a): AppJson<Availability>,
) -> AppResult<AppJson<Availability>> {
    AppError::check(check(&a))?;
    let mut tx = s.db.begin().await?;
    store::save_availability(&mut tx.conn(), caseworker, &a, s.clock.now()).await?;
    let saved = store::availability(&mut tx.conn(), caseworker).await?;
    tx.commit().await?;
    Ok(AppJson(saved))
}

fn quarter(text: &str) -> Option<Time> {
    let t = Time::strptime("%H:%M", text.trim()).ok()?;
    (t.minute() % 15 == 0).then_some(t)
}

pub fn check(a: &Availability) -> Problems {
    let mut p = Problems::default();
    let mut spans: Vec<(u8, Time, Time)> = vec![];
    for (i, h) in a.hours.iter().enumerate() {
        if !(1..=7).contains(&h.weekday) {
            p.check(&format!("hours[{i}].weekday"), Err(Problem::Invalid));
            continue;
        }
        let (Some(from), Some(until)) = (quarter(&h.starts), quarter(&h.ends)) else {
            p.check(&format!("hours[{i}].starts"), Err(Problem::InvalidTime));
            continue;
        };
        if until <= from {
            p.check(&format!("hours[{i}].ends"), Err(Problem::EndBeforeStart));
            continue;
        }
        if spans
            .iter()
            .any(|(d, f, u)| *d == h.weekday && from < *u && *f < until)
        {
            p.check(&format!("hours[{i}].starts"), Err(Problem::OverlapsItself));
            continue;
        }
        spans.push((h.weekday, from, until));
    }
    for (i, e) in a.exceptions.iter().enumerate() {
        match (e.from.parse::<Date>(), e.until.parse::<Date>()) {
            (Ok(from), Ok(until)) if until >= from => {}
            (Ok(_), Ok(_)) => p.check(
                &format!("exceptions[{i}].until"),
                Err(Problem::EndBeforeStart),
            ),
            _ => p.check(&format!("exceptions[{i}].from"), Err(Problem::InvalidDate)),
        }
    }
    if a.lengths.is_empty() || a.lengths.iter().any(|l| !MEETING_LENGTHS.contains(l)) {
        p.check("lengths", Err(Problem::NotOffered));
    }
    if !MEETING_BUFFERS.contains(&a.buffer_minutes) {
        p.check("buffer_minutes", Err(Problem::NotOffered));
    }
    if a.formats.is_empty() {
        p.check("formats", Err(Problem::Required));
    }
    p.check("address", optional_text(&a.address, limits::MEETING_PLACE));
    p.check(
        "video_link",
        optional_text(&a.video_link, limits::MEETING_PLACE),
    );
    if a.formats.contains(&MeetingChannel::InPerson) && a.address.trim().is_empty() {
        p.check("address", Err(Problem::Required));
    }
    if a.formats.contains(&MeetingChannel::Video) && a.video_link.trim().is_empty() {
        p.check("video_link", Err(Problem::Required));
    }
    p
}
