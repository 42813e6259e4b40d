//! The queries behind conversations and messages. Every function takes the connection it runs
//! on, so a handler decides what shares a transaction.
//!
//! A little over 400 lines: every query on conversations and messages in one place, reviewed
//! together against the schema and ADR 1 (one SQL text for both engines).

use shared::api::{ConversationSummary, Message, Party, ReplyHints, Topic};
use uuid::Uuid;

use crate::db::{Conn, Timestamp};
use crate::db_conn;
use crate::error::AppResult;

#[derive(sqlx::FromRow)]
struct SummaryRow {
    id: Uuid,
    citizen_id: Uuid,
    citizen_name: String,
    subject: String,
    topic: Option<String>,
    caseworker_name: String,
    last_message_at: Timestamp,
    waiting_since: Option<Timestamp>,
    answer_by: Option<String>,
    closed_at: Option<Timestamp>,
    last_from: Option<String>,
    unread: i64,
}

impl SummaryRow {
    fn into_summary(self, today: &str) -> ConversationSummary {
        let overdue =
            self.waiting_since.is_some() && self.answer_by.as_deref().is_some_and(|by| by < today);
        ConversationSummary {
            id: self.id,
            citizen_id: self.citizen_id,
            citizen_name: self.citizen_name,
            subject: self.subject,
            topic: self.topic.as_deref().and_then(Topic::from_code),
            caseworker_name: self.caseworker_name,
            last_message_at: self.last_message_at.rfc3339(),
            last_from: match self.last_from.as_deref() {
                Some("caseworker") => Party::Caseworker,
                Some("system") => Party::System,
                _ => Party::Citizen,
            },
            unread: self.unread > 0,
            waiting_since: self.waiting_since.map(Timestamp::rfc3339),
            answer_by: self.waiting_since.and(self.answer_by),
            overdue,
            closed: self.closed_at.is_some(),
        }
    }
}

/// The columns of a summary; `$1` is the viewing party, whose own messages are never unread.
const SUMMARY: &str = "SELECT c.id, c.citizen_id, ci.name AS citizen_name, c.subject, c.topic, \
     cw.name AS caseworker_name, c.last_message_at, c.waiting_since, c.answer_by, c.closed_at, \
     (SELECT m.author FROM messages m WHERE m.conversation_id = c.id \
        ORDER BY m.sent_at DESC, m.id DESC LIMIT 1) AS last_from, \
     (SELECT COUNT(*) FROM messages m WHERE m.conversation_id = c.id \
        AND m.author <> $1 AND m.read_at IS NULL) AS unread \
     FROM conversations c \
     JOIN citizens ci ON ci.id = c.citizen_id \
     JOIN caseworkers cw ON cw.id = c.caseworker_id";

/// A citizen's conversations, newest first, as `viewer` sees them.
pub async fn conversations_of(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    viewer: Party,
    today: &str,
) -> AppResult<Vec<ConversationSummary>> {
    let sql = format!("{SUMMARY} WHERE c.citizen_id = $2 ORDER BY c.last_message_at DESC, c.id");
    let rows: Vec<SummaryRow> = db_conn!(conn, c => sqlx::query_as(&sql)
        .bind(viewer.code())
        .bind(citizen_id)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows.into_iter().map(|r| r.into_summary(today)).collect())
}

/// One line of a caseworker's inbox before it is shown: enough to filter, count, sort and
/// page without the per-conversation queries a shown line needs.
#[derive(sqlx::FromRow)]
pub struct InboxLine {
    pub id: Uuid,
    pub citizen_name: String,
    pub waiting_since: Option<Timestamp>,
    pub answer_by: Option<String>,
    pub last_message_at: Timestamp,
}

impl InboxLine {
    pub fn overdue(&self, today: &str) -> bool {
        self.waiting_since.is_some() && self.answer_by.as_deref().is_some_and(|by| by < today)
    }
}

/// The conversations a caseworker answers: those handed to them, those of the citizens they
/// are primary caseworker for, and, while a primary caseworker they are backup for is away,
/// that caseworker's citizens'.
pub async fn inbox_lines(
    conn: &mut Conn<'_>,
    caseworker_id: Uuid,
    today: &str,
) -> AppResult<Vec<InboxLine>> {
    let rows = db_conn!(conn, c => sqlx::query_as(
        "SELECT c.id, ci.name AS citizen_name, c.waiting_since, c.answer_by, c.last_message_at \
         FROM conversations c JOIN citizens ci ON ci.id = c.citizen_id \
         WHERE c.caseworker_id = $1 OR c.citizen_id IN \
         (SELECT citizen_id FROM caseload WHERE primary_caseworker_id = $1) \
         OR c.citizen_id IN (SELECT cl.citizen_id FROM caseload cl \
           JOIN caseworkers p ON p.id = cl.primary_caseworker_id \
           WHERE cl.backup_caseworker_id = $1 AND p.away_from <= $2 AND p.away_until >= $2)")
        .bind(caseworker_id)
        .bind(today)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows)
}

/// The summaries of these conversations, in the order given.
pub async fn summaries(
    conn: &mut Conn<'_>,
    ids: &[Uuid],
    viewer: Party,
    today: &str,
) -> AppResult<Vec<ConversationSummary>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    let placeholders: Vec<String> = (0..ids.len()).map(|i| format!("${}", i + 2)).collect();
    let sql = format!("{SUMMARY} WHERE c.id IN ({})", placeholders.join(", "));
    let rows: Vec<SummaryRow> = db_conn!(conn, c => {
        let mut query = sqlx::query_as(&sql).bind(viewer.code());
        for id in ids {
            query = query.bind(*id);
        }
        query.fetch_all(&mut *c).await
    })?;
    let mut found: Vec<ConversationSummary> =
        rows.into_iter().map(|r| r.into_summary(today)).collect();
    found.sort_by_key(|c| ids.iter().position(|id| *id == c.id));
    Ok(found)
}

/// One conversation of this citizen, or `None` (also when it is another citizen's).
pub async fn conversation(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    conversation_id: Uuid,
    viewer: Party,
    today: &str,
) -> AppResult<Option<ConversationSummary>> {
    let sql = format!("{SUMMARY} WHERE c.id = $2 AND c.citizen_id = $3");
    let row: Option<SummaryRow> = db_conn!(conn, c => sqlx::query_as(&sql)
        .bind(viewer.code())
        .bind(conversation_id)
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(row.map(|r| r.into_summary(today)))
}

#[derive(sqlx::FromRow)]
struct MessageRow {
    id: Uuid,
    author: String,
    author_name: String,
    body: String,
    sent_at: Timestamp,
    read_at: Option<Timestamp>,
}

/// The messages of a conversation, oldest first.
pub async fn messages(
    conn: &mut Conn<'_>,
    conversation_id: Uuid,
    system_name: &str,
) -> AppResult<Vec<Message>> {
    let rows: Vec<MessageRow> = db_conn!(conn, c => sqlx::query_as(
        "SELECT m.id, m.author, CASE WHEN m.author = 'citizen' THEN ci.name \
                WHEN m.author = 'caseworker' THEN cw.name ELSE $2 END AS author_name, \
                m.body, m.sent_at, m.read_at \
         FROM messages m JOIN citizens ci ON ci.id = m.citizen_id \
         LEFT JOIN caseworkers cw ON cw.id = m.caseworker_id \
         WHERE m.conversation_id = $1 ORDER BY m.sent_at, m.id")
        .bind(conversation_id)
        .bind(system_name)
        .fetch_all(&mut *c)
        .await)?;
    Ok(rows
        .into_iter()
        .map(|r| Message {
            id: r.id,
            from: match r.author.as_str() {
                "citizen" => Party::Citizen,
                "caseworker" => Party::Caseworker,
                _ => Party::System,
            },
            author_name: r.author_name,
            body: r.body,
            sent_at: r.sent_at.rfc3339(),
            read: r.read_at.is_some(),
            attachments: Vec::new(),
        })
        .collect())
}

/// Marks what the other side wrote as read by `viewer`; whether anything changed.
pub async fn mark_read(
    conn: &mut Conn<'_>,
    conversation_id: Uuid,
    viewer: Party,
    now: Timestamp,
) -> AppResult<bool> {
    let changed = db_conn!(conn, c => sqlx::query(
        "UPDATE messages SET read_at = $1 \
         WHERE conversation_id = $2 AND author <> $3 AND read_at IS NULL")
        .bind(now)
        .bind(conversation_id)
        .bind(viewer.code())
        .execute(&mut *c)
        .await
        .map(|r| r.rows_affected()))?;
    Ok(changed > 0)
}

/// A message already sent with this key by this author: (conversation, message, answer_by).
pub async fn sent_with_key(
    conn: &mut Conn<'_>,
    author_id: Uuid,
    key: &str,
) -> AppResult<Option<(Uuid, Uuid, Option<String>)>> {
    let row = db_conn!(conn, c => sqlx::query_as(
        "SELECT conversation_id, id, answer_by FROM messages \
         WHERE author_id = $1 AND idempotency_key = $2")
        .bind(author_id)
        .bind(key)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(row)
}

/// What a new conversation starts with.
pub struct NewConversation<'a> {
    pub citizen_id: Uuid,
    pub caseworker_id: Uuid,
    pub subject: &'a str,
    pub topic: Option<Topic>,
    pub started_by: Party,
}

pub async fn start(
    conn: &mut Conn<'_>,
    new: &NewConversation<'_>,
    now: Timestamp,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO conversations (id, citizen_id, caseworker_id, subject, topic, started_by, \
         last_message_at, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)")
        .bind(id)
        .bind(new.citizen_id)
        .bind(new.caseworker_id)
        .bind(new.subject)
        .bind(new.topic.map(Topic::code))
        .bind(new.started_by.code())
        .bind(now)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// The facts a reply needs about its conversation.
#[derive(sqlx::FromRow)]
pub struct Head {
    pub caseworker_id: Uuid,
    pub waiting_since: Option<Timestamp>,
    pub answer_by: Option<String>,
    pub closed_at: Option<Timestamp>,
}

pub async fn head(
    conn: &mut Conn<'_>,
    citizen_id: Uuid,
    conversation_id: Uuid,
) -> AppResult<Option<Head>> {
    let row = db_conn!(conn, c => sqlx::query_as(
        "SELECT caseworker_id, waiting_since, answer_by, closed_at FROM conversations \
         WHERE id = $1 AND citizen_id = $2")
        .bind(conversation_id)
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(row)
}

/// One message to add.
pub struct NewMessage<'a> {
    pub conversation_id: Uuid,
    pub citizen_id: Uuid,
    pub author: Party,
    pub author_id: Uuid,
    pub caseworker_id: Option<Uuid>,
    pub body: &'a str,
    pub answer_by: Option<&'a str>,
    pub key: &'a str,
}

pub async fn add_message(
    conn: &mut Conn<'_>,
    m: &NewMessage<'_>,
    now: Timestamp,
) -> AppResult<Uuid> {
    let id = Uuid::now_v7();
    db_conn!(conn, c => sqlx::query(
        "INSERT INTO messages (id, conversation_id, citizen_id, author, author_id, caseworker_id, \
         body, sent_at, answer_by, idempotency_key) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)")
        .bind(id)
        .bind(m.conversation_id)
        .bind(m.citizen_id)
        .bind(m.author.code())
        .bind(m.author_id)
        .bind(m.caseworker_id)
        .bind(m.body)
        .bind(now)
        .bind(m.answer_by)
        .bind(m.key)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(id)
}

/// After a message: the citizen now waits (with this promise) or no longer does.
pub async fn after_message(
    conn: &mut Conn<'_>,
    conversation_id: Uuid,
    waiting: Option<(Timestamp, &str)>,
    now: Timestamp,
) -> AppResult<()> {
    let (since, by) = match waiting {
        Some((since, by)) => (Some(since), Some(by)),
        None => (None, None),
    };
    db_conn!(conn, c => sqlx::query(
        "UPDATE conversations SET last_message_at = $1, waiting_since = $2, answer_by = $3, \
         no_reply_needed = FALSE WHERE id = $4")
        .bind(now)
        .bind(since)
        .bind(by)
        .bind(conversation_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// "Kræver ikke svar": the citizen no longer waits, and the promise counts as kept.
pub async fn needs_no_reply(conn: &mut Conn<'_>, conversation_id: Uuid) -> AppResult<()> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE conversations SET waiting_since = NULL, answer_by = NULL, no_reply_needed = TRUE \
         WHERE id = $1")
        .bind(conversation_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

/// Closes a conversation (once; closing again keeps the first time).
pub async fn close(conn: &mut Conn<'_>, conversation_id: Uuid, now: Timestamp) -> AppResult<()> {
    db_conn!(conn, c => sqlx::query(
        "UPDATE conversations SET closed_at = COALESCE(closed_at, $1), waiting_since = NULL, \
         answer_by = NULL WHERE id = $2")
        .bind(now)
        .bind(conversation_id)
        .execute(&mut *c)
        .await
        .map(|_| ()))?;
    Ok(())
}

pub async fn no_reply_needed(conn: &mut Conn<'_>, conversation_id: Uuid) -> AppResult<bool> {
    let row: (bool,) = db_conn!(conn, c => sqlx::query_as(
        "SELECT no_reply_needed FROM conversations WHERE id = $1")
        .bind(conversation_id)
        .fetch_one(&mut *c)
        .await)?;
    Ok(row.0)
}

/// What the profile asks of a caseworker's reply.
pub async fn reply_hints(conn: &mut Conn<'_>, citizen_id: Uuid) -> AppResult<ReplyHints> {
    let row: Option<(bool, bool)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT easy_read, written_summary FROM accommodations WHERE citizen_id = $1")
        .bind(citizen_id)
        .fetch_optional(&mut *c)
        .await)?;
    let (easy_read, written_summary) = row.unwrap_or_default();
    Ok(ReplyHints {
        easy_read,
        written_summary,
    })
}
