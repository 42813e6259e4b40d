//! The outbox table: an email is queued in the transaction of the event that causes it, and a
//! worker claims due rows with a lease (`FOR UPDATE SKIP LOCKED` on PostgreSQL, the single
//! writer on SQLite), so several instances never send one email twice and a crash loses none.

use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;
use crate::error::AppResult;

/// What an email is about. Its words come from the recipient's language; it never carries
/// names, message text, subjects or case details.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    /// To a citizen: a caseworker's message is waiting.
    NewMessage,
    /// To a caseworker, a working morning: citizens have waited past the promised date.
    CaseworkerOverdue,
    /// To a citizen's new address: the code that confirms it.
    ConfirmationCode,
    /// To a citizen: a meeting was booked, moved or cancelled (with its calendar file).
    MeetingBooked,
    /// To a citizen: the caseworker called them in ("Indkald"); they confirm in the portal.
    MeetingCalledIn,
    MeetingMoved,
    MeetingCancelled,
    /// To a citizen, 24 hours (and, if they chose it, 2 hours) before a meeting.
    MeetingReminder,
}

impl Kind {
    pub fn code(self) -> &'static str {
        match self {
            Kind::NewMessage => "new_message",
            Kind::CaseworkerOverdue => "caseworker_overdue",
            Kind::ConfirmationCode => "confirmation_code",
            Kind::MeetingBooked => "meeting_booked",
            Kind::MeetingCalledIn => "meeting_called_in",
            Kind::MeetingMoved => "meeting_moved",
            Kind::MeetingCancelled => "meeting_cancelled",
            Kind::MeetingReminder => "meeting_reminder",
        }
    }

    pub fn is_about_a_meeting(self) -> bool {
        matches!(
            self,
            Kind::MeetingBooked
                | Kind::MeetingCalledIn
                | Kind::MeetingMoved
                | Kind::MeetingCancelled
                | Kind::MeetingReminder
        )
    }

    pub fn from_code(code: &str) -> Option<Kind> {
        [
            Kind::NewMessage,
            Kind::CaseworkerOverdue,
            Kind::ConfirmationCode,
            Kind::MeetingBooked,
            Kind::MeetingCalledIn,
            Kind::MeetingMoved,
            Kind::MeetingCancelled,
            Kind::MeetingReminder,
        ]
        .into_iter()
        .find(|k| k.code() == code)
    }
}

/// One email to queue.
pub struct Queued<'a> {
    pub kind: Kind,
    pub citizen_id: Option<Uuid>,
    pub caseworker_id: Option<Uuid>,
    pub conversation_id: Option<Uuid>,
    pub to_address: Option<&'a str>,
    pub code: Option<&'a str>,
    pub dedupe_key: Option<String>,
    pub due_at: Timestamp,
    /// The meeting and the version of it the email describes.
    pub meeting: Option<(Uuid, i32)>,
}

/// Queues an email; `false` when an equal one is already queued (the same `dedupe_key`, or a
/// notification about the same conversation still waiting): another instance got there first.
pub async fn queue(
    conn: &mut Conn<'_>,
    email: &Queued<'_>,
    domain: &str,
    now: Timestamp,
) -> AppResult<bool> {
    let id = Uuid::now_v7();
    let message_id = format!("<{}@{domain}>", id.simple());
    let added = db_conn!(conn, c => sqlx::query(
        "INSERT INTO outbox (id, kind, citizen_id, caseworker_id, conversation_id, to_address, \
         code, dedupe_key, message_id, due_at, created_at, meeting_id, meeting_sequence) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13) \
         ON CONFLICT DO NOTHING")
        .bind(id)
        .bind(email.kind.code())
        .bind(email.citizen_id)
        .bind(email.caseworker_id)
        .bind(email.conversation_id)
        .bind(email.to_address)
        .bind(email.code)
        .bind(email.dedupe_key.as_deref())
        .bind(&message_id)
        .bind(email.due_at)
        .bind(now)
        .bind(email.meeting.map(|m| m.0))
        .bind(email.meeting.map(|m| m.1))
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(added > 0)
}

/// The newest email of this kind about this conversation: (queued but unsent, sent at).
pub async fn latest_about(
    conn: &mut Conn<'_>,
    conversation_id: Uuid,
    kind: Kind,
) -> AppResult<(bool, Option<Timestamp>)> {
    let pending: (i64,) = db_conn!(conn, c => sqlx::query_as(
        "SELECT COUNT(*) FROM outbox WHERE conversation_id = $1 AND kind = $2 \
         AND sent_at IS NULL AND cancelled_at IS NULL")
        .bind(conversation_id)
        .bind(kind.code())
        .fetch_one(&mut *c)
        .await)?;
    let sent: (Option<Timestamp>,) = db_conn!(conn, c => sqlx::query_as(
        "SELECT MAX(sent_at) FROM outbox WHERE conversation_id = $1 AND kind = $2")
        .bind(conversation_id)
        .bind(kind.code())
        .fetch_one(&mut *c)
        .await)?;
    Ok((pending.0 > 0, sent.0))
}

/// A claimed email, the worker's until `lease_until`.
#[derive(Debug, sqlx::FromRow)]
pub struct Claimed {
    pub id: Uuid,
    pub kind: String,
    pub citizen_id: Option<Uuid>,
    pub caseworker_id: Option<Uuid>,
    pub conversation_id: Option<Uuid>,
    pub to_address: Option<String>,
    pub code: Option<String>,
    pub message_id: String,
    pub attempts: i32,
    pub meeting_id: Option<Uuid>,
    pub meeting_sequence: Option<i32>,
}

const CLAIM_SQLITE: &str = "UPDATE outbox SET lease_until = $1, leased_by = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND cancelled_at IS NULL \
       AND due_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
       ORDER BY due_at LIMIT $4) \
     RETURNING id, kind, citizen_id, caseworker_id, conversation_id, to_address, code, \
       message_id, attempts, meeting_id, meeting_sequence";

// The same, but rows another instance is claiming right now are skipped instead of waited for.
const CLAIM_POSTGRES: &str = "UPDATE outbox SET lease_until = $1, leased_by = $2, attempts = attempts + 1 \
     WHERE id IN (SELECT id FROM outbox WHERE sent_at IS NULL AND cancelled_at IS NULL \
       AND due_at <= $3 AND (lease_until IS NULL OR lease_until < $3) \
       ORDER BY due_at LIMIT $4 FOR UPDATE SKIP LOCKED) \
     RETURNING id, kind, citizen_id, caseworker_id, conversation_id, to_address, code, \
       message_id, attempts, meeting_id, meeting_sequence";

/// Claims up to `limit` due emails for `worker` until `lease_until`.
pub async fn claim(
    conn: &mut Conn<'_>,
    worker: &str,
    now: Timestamp,
    lease_until: Timestamp,
    limit: i64,
) -> Result<Vec<Claimed>, sqlx::Error> {
    match conn {
        Conn::Sqlite(c) => {
            sqlx::query_as(CLAIM_SQLITE)
                .bind(lease_until)
                .bind(worker)
                .bind(now)
                .bind(limit)
                .fetch_all(&mut **c)
                .await
        }
        Conn::Postgres(c) => {
            sqlx::query_as(CLAIM_POSTGRES)
                .bind(lease_until)
                .bind(worker)
                .bind(now)
                .bind(limit)
                .fetch_all(&mut **c)
                .await
        }
    }
}

/// The SMTP server took it: done, and the code (if any) forgotten.
pub async fn mark_sent(
    conn: &mut Conn<'_>,
    id: Uuid,
    worker: &str,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE outbox SET sent_at = $1, lease_until = NULL, code = NULL, to_address = NULL, \
         last_error = NULL WHERE id = $2 AND leased_by = $3")
        .bind(now)
        .bind(id)
        .bind(worker)
        .execute(&mut *c)
        .await
        .map(|_| ()))
}

/// Not sent this time: try again at `retry_at`.
pub async fn mark_failed(
    conn: &mut Conn<'_>,
    id: Uuid,
    worker: &str,
    retry_at: Timestamp,
    error: &str,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE outbox SET lease_until = NULL, leased_by = NULL, due_at = $1, last_error = $2 \
         WHERE id = $3 AND leased_by = $4")
        .bind(retry_at)
        .bind(error)
        .bind(id)
        .bind(worker)
        .execute(&mut *c)
        .await
        .map(|_| ()))
}

/// No longer to be sent (read meanwhile, no address, turned off, refused for good).
pub async fn cancel(
    conn: &mut Conn<'_>,
    id: Uuid,
    now: Timestamp,
    why: &str,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE outbox SET cancelled_at = $1, lease_until = NULL, code = NULL, to_address = NULL, \
         last_error = $2 WHERE id = $3")
        .bind(now)
        .bind(why)
        .bind(id)
        .execute(&mut *c)
        .await
        .map(|_| ()))
}

/// Cancels the reminders still waiting for a meeting (it moved or was cancelled).
pub async fn cancel_reminders(
    conn: &mut Conn<'_>,
    meeting: Uuid,
    now: Timestamp,
) -> Result<(), sqlx::Error> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE outbox SET cancelled_at = $1, lease_until = NULL, last_error = 'the meeting changed' \
         WHERE meeting_id = $2 AND kind = $3 AND sent_at IS NULL AND cancelled_at IS NULL")
        .bind(now)
        .bind(meeting)
        .bind(Kind::MeetingReminder.code())
        .execute(&mut *c)
        .await
        .map(|_| ()))
}
