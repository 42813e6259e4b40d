//! The meetings' SQL: availability, taken blocks and the meetings themselves.

use std::collections::HashSet;

use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;

mod hours;

pub use hours::{availability, offer, save_availability};

/// The quarter hours between two moments that the caseworker's meetings hold, except those of
/// `except` (the meeting being moved).
pub async fn taken(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    from: Timestamp,
    until: Timestamp,
    except: Option<Uuid>,
) -> Result<HashSet<i64>, sqlx::Error> {
    let rows: Vec<(i64, Uuid)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT block_start, meeting_id FROM meeting_blocks WHERE caseworker_id = $1 \
         AND block_start >= $2 AND block_start < $3")
        .bind(caseworker).bind(from.millis()).bind(until.millis())
        .fetch_all(&mut *c).await)?;
    Ok(rows
        .into_iter()
        .filter(|(_, m)| Some(*m) != except)
        .map(|(b, _)| b)
        .collect())
}

/// Holds the blocks for a meeting; fails with a unique violation if any is taken.
pub async fn hold_blocks(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    meeting: Uuid,
    blocks: &[i64],
) -> Result<(), sqlx::Error> {
    for b in blocks {
        db_conn!(conn, c => sqlx::query(
            "INSERT INTO meeting_blocks (caseworker_id, block_start, meeting_id) VALUES ($1, $2, $3)")
            .bind(caseworker).bind(*b).bind(meeting)
            .execute(&mut *c).await.map(|_| ()))?;
    }
    Ok(())
}

pub async fn release_blocks(conn: &mut Conn<'_>, meeting: Uuid) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query("DELETE FROM meeting_blocks WHERE meeting_id = $1")
        .bind(meeting).execute(&mut *c).await.map(|_| ()))
}

/// A meeting to insert.
pub struct NewMeeting<'a> {
    pub id: Uuid,
    pub citizen_id: Uuid,
    pub caseworker_id: Uuid,
    pub format: &'a str,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub status: &'a str,
    pub booked_by: &'a str,
    pub booker_id: Uuid,
    pub booking_key: &'a str,
    pub purpose: &'a str,
    pub companion: bool,
    pub interpreter_language: Option<&'a str>,
    pub step_free_access: bool,
    pub longer_meeting: bool,
}

pub async fn insert(
    conn: &mut Conn<'_>,
    m: &NewMeeting<'_>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO meetings (id, citizen_id, caseworker_id, format, starts_at, ends_at, status, \
         booked_by, booker_id, booking_key, purpose, companion, interpreter_language, \
         step_free_access, longer_meeting, sequence, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, 0, $16, $16)")
        .bind(m.id).bind(m.citizen_id).bind(m.caseworker_id).bind(m.format)
        .bind(m.starts_at).bind(m.ends_at).bind(m.status).bind(m.booked_by).bind(m.booker_id)
        .bind(m.booking_key).bind(m.purpose.trim()).bind(m.companion).bind(m.interpreter_language)
        .bind(m.step_free_access).bind(m.longer_meeting).bind(now)
        .execute(&mut *c).await.map(|_| ()))
}

/// The meeting a booker already booked with this key.
pub async fn booked_with_key(
    conn: &mut Conn<'_>,
    booker: Uuid,
    key: &str,
) -> Result<Option<Uuid>, sqlx::Error> {
    let row: Option<(Uuid,)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT id FROM meetings WHERE booker_id = $1 AND booking_key = $2")
        .bind(booker).bind(key).fetch_optional(&mut *c).await)?;
    Ok(row.map(|r| r.0))
}

/// A meeting with the names and places its views show.
#[derive(Clone, Debug, sqlx::FromRow)]
pub struct MeetingRow {
    pub id: Uuid,
    pub citizen_id: Uuid,
    pub citizen_name: String,
    pub caseworker_id: Uuid,
    pub caseworker_name: String,
    pub caseworker_team: String,
    pub format: String,
    pub starts_at: Timestamp,
    pub ends_at: Timestamp,
    pub status: String,
    pub booked_by: String,
    pub purpose: String,
    pub companion: bool,
    pub interpreter_language: Option<String>,
    pub step_free_access: bool,
    pub longer_meeting: bool,
    pub sequence: i32,
    pub summary: Option<String>,
    pub summary_at: Option<Timestamp>,
    pub citizen_response: Option<String>,
    pub citizen_comment: Option<String>,
    pub caseworker_reply: Option<String>,
    pub address: Option<String>,
    pub video_link: Option<String>,
}

const SELECT: &str = "SELECT m.id, m.citizen_id, p.name AS citizen_name, m.caseworker_id, \
     w.name AS caseworker_name, w.team AS caseworker_team, m.format, m.starts_at, m.ends_at, \
     m.status, m.booked_by, m.purpose, m.companion, m.interpreter_language, m.step_free_access, \
     m.longer_meeting, m.sequence, m.summary, m.summary_at, m.citizen_response, \
     m.citizen_comment, m.caseworker_reply, s.address, s.video_link \
     FROM meetings m JOIN citizens p ON p.id = m.citizen_id \
     JOIN caseworkers w ON w.id = m.caseworker_id \
     LEFT JOIN meeting_settings s ON s.caseworker_id = m.caseworker_id";

/// The citizen's meetings, cancelled ones left out, in time order.
pub async fn of_citizen(
    conn: &mut Conn<'_>,
    citizen: Uuid,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(&format!(
        "{SELECT} WHERE m.citizen_id = $1 AND m.status <> 'cancelled' ORDER BY m.starts_at"))
        .bind(citizen).fetch_all(&mut *c).await)
}

/// One of the citizen's meetings (cancelled ones too): another citizen's is not found.
pub async fn one(
    conn: &mut Conn<'_>,
    citizen: Uuid,
    meeting: Uuid,
) -> Result<Option<MeetingRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(&format!(
        "{SELECT} WHERE m.citizen_id = $1 AND m.id = $2"))
        .bind(citizen).bind(meeting).fetch_optional(&mut *c).await)
}

/// A caseworker's meetings starting in `[from, until)`, cancelled ones left out.
pub async fn of_caseworker(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    from: Timestamp,
    until: Timestamp,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(&format!(
        "{SELECT} WHERE m.caseworker_id = $1 AND m.starts_at >= $2 AND m.starts_at < $3 \
         AND m.status <> 'cancelled' ORDER BY m.starts_at"))
        .bind(caseworker).bind(from).bind(until).fetch_all(&mut *c).await)
}

/// A caseworker's meetings that wait for them after the fact: held but not summed up, or a
/// summary the citizen understood differently and has no answer yet. Oldest first.
pub async fn waiting_on_caseworker(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
    now: Timestamp,
) -> Result<Vec<MeetingRow>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as(&format!(
        "{SELECT} WHERE m.caseworker_id = $1 AND m.status <> 'cancelled' AND m.starts_at < $2 \
         AND (m.summary IS NULL OR (m.citizen_response = 'disagreed' AND m.caseworker_reply IS NULL)) \
         ORDER BY m.starts_at LIMIT 50"))
        .bind(caseworker).bind(now).fetch_all(&mut *c).await)
}

/// Moves a meeting and raises its sequence; `status` is what it is after the move.
pub async fn move_to(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    starts_at: Timestamp,
    ends_at: Timestamp,
    status: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET starts_at = $1, ends_at = $2, status = $3, sequence = sequence + 1, \
         updated_at = $4 WHERE id = $5")
        .bind(starts_at).bind(ends_at).bind(status).bind(now).bind(meeting)
        .execute(&mut *c).await.map(|_| ()))
}

pub async fn cancel(conn: &mut Conn<'_>, meeting: Uuid, now: Timestamp) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET status = 'cancelled', cancelled_at = $1, sequence = sequence + 1, \
         updated_at = $1 WHERE id = $2")
        .bind(now).bind(meeting).execute(&mut *c).await.map(|_| ()))
}

pub async fn confirm(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET status = 'booked', updated_at = $1 WHERE id = $2 AND status = 'proposed'")
        .bind(now).bind(meeting).execute(&mut *c).await.map(|_| ()))
}

pub async fn write_summary(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    text: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET summary = $1, summary_at = $2, citizen_response = NULL, \
         citizen_comment = NULL, responded_at = NULL, caseworker_reply = NULL, updated_at = $2 \
         WHERE id = $3")
        .bind(text.trim()).bind(now).bind(meeting).execute(&mut *c).await.map(|_| ()))
}

pub async fn answer_summary(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    response: &str,
    comment: Option<&str>,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET citizen_response = $1, citizen_comment = $2, responded_at = $3, \
         caseworker_reply = NULL, updated_at = $3 WHERE id = $4")
        .bind(response).bind(comment).bind(now).bind(meeting)
        .execute(&mut *c).await.map(|_| ()))
}

pub async fn reply_to_answer(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    text: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE meetings SET caseworker_reply = $1, updated_at = $2 WHERE id = $3")
        .bind(text.trim()).bind(now).bind(meeting).execute(&mut *c).await.map(|_| ()))
}

/// The primary and backup caseworker of a citizen.
pub async fn caseworkers(
    conn: &mut Conn<'_>,
    citizen: Uuid,
) -> Result<(Option<Uuid>, Option<Uuid>), sqlx::Error> {
    let row: Option<(Option<Uuid>, Option<Uuid>)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT primary_caseworker_id, backup_caseworker_id FROM caseload WHERE citizen_id = $1")
        .bind(citizen).fetch_optional(&mut *c).await)?;
    Ok(row.unwrap_or((None, None)))
}

pub async fn contact(
    conn: &mut Conn<'_>,
    caseworker: Uuid,
) -> Result<Option<(String, String)>, sqlx::Error> {
    db_conn!(conn, c => sqlx::query_as("SELECT name, team FROM caseworkers WHERE id = $1")
        .bind(caseworker).fetch_optional(&mut *c).await)
}
