//! Queries of what the citizen needs around meetings (accommodations) and of their consent.

use shared::api::{
    Accommodations, ConsentState, MeetingChannel, ReminderChannel, ReminderTiming, TimeOfDay,
};
use uuid::Uuid;

use super::{code, from_code};
use crate::db::{Conn, Timestamp};
use crate::db_conn;

#[derive(sqlx::FromRow)]
struct AccommodationRow {
    meeting_in_person: bool,
    meeting_phone: bool,
    meeting_video: bool,
    time_of_day: String,
    longer_meetings: bool,
    companion: bool,
    interpreter_language: Option<String>,
    written_summary: bool,
    easy_read: bool,
    step_free_access: bool,
    remind_by_email: bool,
    remind_by_sms: bool,
    reminder_timing: String,
}

pub async fn accommodations(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Accommodations, sqlx::Error> {
    let row: Option<AccommodationRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT meeting_in_person, meeting_phone, meeting_video, time_of_day, longer_meetings, companion, \
         interpreter_language, written_summary, easy_read, step_free_access, remind_by_email, remind_by_sms, \
         reminder_timing FROM accommodations WHERE citizen_id = $1")
        .bind(citizen_id).fetch_optional(&mut *c).await)?;
    let Some(r) = row else {
        return Ok(Accommodations::default());
    };
    let mut meeting_channels = Vec::new();
    for (on, channel) in [
        (r.meeting_in_person, MeetingChannel::InPerson),
        (r.meeting_phone, MeetingChannel::Phone),
        (r.meeting_video, MeetingChannel::Video),
    ] {
        if on {
            meeting_channels.push(channel);
        }
    }
    let mut reminder_channels = Vec::new();
    if r.remind_by_email {
        reminder_channels.push(ReminderChannel::Email);
    }
    if r.remind_by_sms {
        reminder_channels.push(ReminderChannel::Sms);
    }
    Ok(Accommodations {
        meeting_channels,
        time_of_day: from_code(&r.time_of_day).unwrap_or(TimeOfDay::Any),
        longer_meetings: r.longer_meetings,
        companion: r.companion,
        interpreter_language: r.interpreter_language,
        written_summary: r.written_summary,
        easy_read: r.easy_read,
        step_free_access: r.step_free_access,
        reminder_channels,
        reminder_timing: from_code(&r.reminder_timing).unwrap_or(ReminderTiming::DayBefore),
    })
}

pub async fn set_accommodations(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    a: &Accommodations,
) -> Result<(), sqlx::Error> {
    let has = |c: MeetingChannel| a.meeting_channels.contains(&c);
    let reminds = |c: ReminderChannel| a.reminder_channels.contains(&c);
    let interpreter = a
        .interpreter_language
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty());
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO accommodations (citizen_id, meeting_in_person, meeting_phone, meeting_video, time_of_day, \
         longer_meetings, companion, interpreter_language, written_summary, easy_read, step_free_access, \
         remind_by_email, remind_by_sms, reminder_timing, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15) \
         ON CONFLICT (citizen_id) DO UPDATE SET meeting_in_person = excluded.meeting_in_person, \
         meeting_phone = excluded.meeting_phone, meeting_video = excluded.meeting_video, \
         time_of_day = excluded.time_of_day, longer_meetings = excluded.longer_meetings, \
         companion = excluded.companion, interpreter_language = excluded.interpreter_language, \
         written_summary = excluded.written_summary, easy_read = excluded.easy_read, \
         step_free_access = excluded.step_free_access, remind_by_email = excluded.remind_by_email, \
         remind_by_sms = excluded.remind_by_sms, reminder_timing = excluded.reminder_timing, \
         updated_at = excluded.updated_at")
        .bind(citizen_id).bind(has(MeetingChannel::InPerson)).bind(has(MeetingChannel::Phone))
        .bind(has(MeetingChannel::Video)).bind(code(&a.time_of_day)).bind(a.longer_meetings).bind(a.companion)
        .bind(interpreter).bind(a.written_summary).bind(a.easy_read).bind(a.step_free_access)
        .bind(reminds(ReminderChannel::Email)).bind(reminds(ReminderChannel::Sms)).bind(code(&a.reminder_timing))
        .bind(Timestamp::now())
        .execute(&mut *c).await.map(|_| ()))
}

pub async fn consent(conn: &mut Conn<'_>, citizen_id: Uuid) -> Result<ConsentState, sqlx::Error> {
    let row: Option<(bool, Timestamp)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT given, at FROM consent_events WHERE citizen_id = $1 ORDER BY at DESC, id DESC LIMIT 1")
        .bind(citizen_id).fetch_optional(&mut *c).await)?;
    Ok(match row {
        Some((given, at)) => ConsentState {
            given,
            changed_at: Some(at.rfc3339()),
        },
        None => ConsentState {
            given: false,
            changed_at: None,
        },
    })
}

pub async fn consent_history(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
) -> Result<Vec<(bool, Timestamp)>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as("SELECT given, at FROM consent_events WHERE citizen_id = $1 ORDER BY at, id")
        .bind(citizen_id).fetch_all(&mut *c).await)
}

pub async fn set_consent(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    given: bool,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query("INSERT INTO consent_events (id, citizen_id, given, at) VALUES ($1, $2, $3, $4)")
        .bind(Uuid::now_v7()).bind(citizen_id).bind(given).bind(Timestamp::now())
        .execute(&mut *c).await.map(|_| ()))
}
