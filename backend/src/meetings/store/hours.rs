//! Queries of a caseworker's meeting times: the weekly hours, the exceptions, the settings.

use jiff::civil::{Date, Time};
use shared::api::{
    AbsenceReason, Availability, AvailabilityException, MeetingChannel, WeeklyHours,
};
use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;
use crate::meetings::slots::Offer;

#[derive(sqlx::FromRow)]
struct SettingsRow {
    in_person: bool,
    phone: bool,
    video: bool,
    length_30: bool,
    length_45: bool,
    length_60: bool,
    buffer_minutes: i32,
    address: String,
    video_link: String,
}

/// The caseworker's availability page; nothing offered until they have saved it once.
pub async fn availability(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
) -> Result<Availability, sqlx::Error> {
    let settings: Option<SettingsRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT in_person, phone, video, length_30, length_45, length_60, buffer_minutes, address, \
         video_link FROM meeting_settings WHERE caseworker_id = $1")
        .bind(caseworker).fetch_optional(&mut *c).await)?;
    let hours: Vec<(i32, String, String)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT weekday, starts, ends FROM availability_hours WHERE caseworker_id = $1 \
         ORDER BY weekday, starts")
        .bind(caseworker).fetch_all(&mut *c).await)?;
    let exceptions: Vec<(String, String, String)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT from_date, until_date, reason FROM availability_exceptions WHERE caseworker_id = $1 \
         ORDER BY from_date")
        .bind(caseworker).fetch_all(&mut *c).await)?;
    let s = settings.unwrap_or(SettingsRow {
        in_person: false,
        phone: false,
        video: false,
        length_30: false,
        length_45: false,
        length_60: false,
        buffer_minutes: 0,
        address: String::new(),
        video_link: String::new(),
    });
    let formats = [
        (s.in_person, MeetingChannel::InPerson),
        (s.phone, MeetingChannel::Phone),
        (s.video, MeetingChannel::Video),
    ]
    .into_iter()
    .filter_map(|(on, f)| on.then_some(f))
    .collect();
    let lengths = [(s.length_30, 30), (s.length_45, 45), (s.length_60, 60)]
        .into_iter()
        .filter_map(|(on, l)| on.then_some(l))
        .collect();
    Ok(Availability {
        hours: hours
            .into_iter()
            .map(|(weekday, starts, ends)| WeeklyHours {
                weekday: u8::try_from(weekday).unwrap_or(1),
                starts,
                ends,
            })
            .collect(),
        exceptions: exceptions
            .into_iter()
            .map(|(from, until, reason)| AvailabilityException {
                from,
                until,
                reason: AbsenceReason::from_code(&reason).unwrap_or(AbsenceReason::Other),
            })
            .collect(),
        formats,
        lengths,
        buffer_minutes: u16::try_from(s.buffer_minutes).unwrap_or(0),
        address: s.address,
        video_link: s.video_link,
    })
}

/// The availability as the free-time search needs it (already checked when it was saved).
pub fn offer(a: &Availability) -> Offer {
    let time = |t: &str| Time::strptime("%H:%M", t).ok();
    let date = |d: &str| d.parse::<Date>().ok();
    Offer {
        hours: a
            .hours
            .iter()
            .filter_map(|h| Some((h.weekday as i8, time(&h.starts)?, time(&h.ends)?)))
            .collect(),
        exceptions: a
            .exceptions
            .iter()
            .filter_map(|e| Some((date(&e.from)?, date(&e.until)?)))
            .collect(),
        buffer_minutes: i64::from(a.buffer_minutes),
    }
}

/// Replaces the caseworker's availability page.
pub async fn save_availability(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    a: &Availability,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    let has = |f| a.formats.contains(&f);
    let len = |l| a.lengths.contains(&l);
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO meeting_settings (caseworker_id, in_person, phone, video, length_30, length_45, \
         length_60, buffer_minutes, address, video_link, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) \
         ON CONFLICT (caseworker_id) DO UPDATE SET in_person = $2, phone = $3, video = $4, \
         length_30 = $5, length_45 = $6, length_60 = $7, buffer_minutes = $8, address = $9, \
         video_link = $10, updated_at = $11")
        .bind(caseworker)
        .bind(has(MeetingChannel::InPerson))
        .bind(has(MeetingChannel::Phone))
        .bind(has(MeetingChannel::Video))
        .bind(len(30))
        .bind(len(45))
        .bind(len(60))
        .bind(i32::from(a.buffer_minutes))
        .bind(a.address.trim())
        .bind(a.video_link.trim())
        .bind(now)
        .execute(&mut *c).await.map(|_| ()))?;
    db_conn!(conn, c => sqlx::query("DELETE FROM availability_hours WHERE caseworker_id = $1")
        .bind(caseworker).execute(&mut *c).await.map(|_| ()))?;
    for h in &a.hours {
        db_conn!(conn, c => sqlx::query(
            "INSERT INTO availability_hours (caseworker_id, weekday, starts, ends) VALUES ($1, $2, $3, $4)")
            .bind(caseworker).bind(i32::from(h.weekday)).bind(h.starts.trim()).bind(h.ends.trim())
            .execute(&mut *c).await.map(|_| ()))?;
    }
    db_conn!(conn, c => sqlx::query("DELETE FROM availability_exceptions WHERE caseworker_id = $1")
        .bind(caseworker).execute(&mut *c).await.map(|_| ()))?;
    for e in &a.exceptions {
        db_conn!(conn, c => sqlx::query(
            "INSERT INTO availability_exceptions (id, caseworker_id, from_date, until_date, reason) \
             VALUES ($1, $2, $3, $4, $5)")
            .bind(Uuid::now_v7()).bind(caseworker).bind(e.from.trim()).bind(e.until.trim())
            .bind(e.reason.code())
            .execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}
