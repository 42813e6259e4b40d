//! Meetings for the demo (`sammen seed-demo --examples`): the demo caseworkers offer times,
//! and a citizen has two meetings behind her, one summed up ("Det aftalte vi") and one the
//! caseworker has still to write up, so a demo shows the whole round.

use jiff::ToSpan;
use jiff::civil::Time;
use shared::api::{Availability, MeetingChannel, WeeklyHours};
use uuid::Uuid;

use super::{slots, store};
use crate::calendar;
use crate::db::{Conn, Timestamp};

/// Monday to Thursday 9–12 and 13–15, Friday 9–12, in every format; only for a caseworker
/// who has set no hours yet.
pub async fn offer_times(conn: &mut Conn<'_>, caseworker: Uuid) -> Result<(), sqlx::Error> {
    if !store::availability(conn, caseworker)
        .await?
        .hours
        .is_empty()
    {
        return Ok(());
    }
    let span = |weekday, starts: &str, ends: &str| WeeklyHours {
        weekday,
        starts: starts.into(),
        ends: ends.into(),
    };
    let mut hours = vec![];
    for day in 1..=4 {
        hours.push(span(day, "09:00", "12:00"));
        hours.push(span(day, "13:00", "15:00"));
    }
    hours.push(span(5, "09:00", "12:00"));
    let offer = Availability {
        hours,
        exceptions: vec![],
        formats: MeetingChannel::ALL.to_vec(),
        lengths: vec![30, 45, 60],
        buffer_minutes: 15,
        address: "Jobcentret, Rådhusvej 1, 1. sal".into(),
        video_link: "https://video.jobcentret.example/moede".into(),
    };
    store::save_availability(conn, caseworker, &offer, Timestamp::now()).await
}

/// A meeting `days_ago` days back at 10:00, with the summary if one is given.
pub async fn past_meeting(
    conn: &mut Conn<'_>,
    citizen: Uuid,
    caseworker: Uuid,
    days_ago: i64,
    purpose: &str,
    summary: Option<&str>,
) -> Result<(), sqlx::Error> {
    let now = Timestamp::now();
    let today = calendar::date_in_copenhagen(now);
    let day = today.checked_sub(days_ago.days()).unwrap_or(today);
    let Some(starts_at) = calendar::at_copenhagen(day, Time::constant(10, 0, 0, 0)) else {
        return Ok(());
    };
    let id = Uuid::now_v7();
    let key = id.to_string();
    let meeting = store::NewMeeting {
        id,
        citizen_id: citizen,
        caseworker_id: caseworker,
        format: "in_person",
        starts_at,
        ends_at: starts_at.plus_seconds(45 * 60),
        status: "booked",
        booked_by: "citizen",
        booker_id: citizen,
        booking_key: &key,
        purpose,
        companion: true,
        interpreter_language: None,
        step_free_access: false,
        longer_meeting: true,
    };
    store::insert(conn, &meeting, starts_at.plus_seconds(-7 * 86_400)).await?;
    store::hold_blocks(conn, caseworker, id, &slots::blocks(starts_at, 45, 15)).await?;
    if let Some(text) = summary {
        store::write_summary(conn, id, text, starts_at.plus_seconds(3 * 3600)).await?;
    }
    Ok(())
}
