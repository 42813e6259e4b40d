//! Emails that prompt people to log in. Each is queued in the outbox in the transaction of the
//! event that causes it (`outbox`), sent by a worker with retries (`worker`) over SMTP or into
//! files (`transport`), and written from templates in the recipient's language (`compose`).
//! They carry no personal content: only what kind of thing is waiting and where to log in.
//! The citizen's address and choices live in `address`.

pub mod address;
pub mod compose;
pub mod dev_outbox;
pub mod outbox;
pub mod transport;
pub mod worker;

use uuid::Uuid;

use crate::calendar::{self, QuietHours};
use crate::db::{Conn, Timestamp};
use crate::db_conn;
use crate::error::AppResult;
use crate::state::AppState;
use outbox::{Kind, Queued};

/// The domain of every `Message-ID`: the portal's own host.
pub fn domain(state: &AppState) -> String {
    state
        .public_url
        .host_str()
        .unwrap_or("sammen.localhost")
        .to_string()
}

/// A caseworker wrote in a conversation: the citizen gets an email if it is still unread after
/// `notify.unread_delay_seconds`, at most one per conversation per `notify.throttle_seconds`,
/// never in quiet hours. Whether the citizen has a confirmed address and wants these emails
/// is decided when it is due, so a choice made meanwhile counts.
pub async fn notify_citizen_of_message(
    conn: &mut Conn<'_>,
    state: &AppState,
    citizen_id: Uuid,
    conversation_id: Uuid,
    now: Timestamp,
) -> AppResult<()> {
    let n = &state.settings.notify;
    let (pending, last_sent) =
        outbox::latest_about(conn, conversation_id, Kind::NewMessage).await?;
    if pending {
        return Ok(());
    }
    let mut due = now.plus_seconds(i64::from(n.unread_delay_seconds));
    if let Some(sent) = last_sent {
        due = due.max(sent.plus_seconds(i64::from(n.throttle_seconds)));
    }
    if let Ok(Some(quiet)) = QuietHours::parse(&n.quiet_hours) {
        due = quiet.next_allowed(due);
    }
    let email = Queued {
        kind: Kind::NewMessage,
        citizen_id: Some(citizen_id),
        caseworker_id: None,
        conversation_id: Some(conversation_id),
        to_address: None,
        code: None,
        dedupe_key: None,
        due_at: due,
        meeting: None,
    };
    outbox::queue(conn, &email, &domain(state), now).await?;
    Ok(())
}

/// On a working morning from `notify.caseworker_summary_at`: one email to each caseworker
/// with citizens waiting past the promised date. The dedupe key makes it one per caseworker
/// and day, however many instances ask.
pub async fn queue_overdue_summaries(state: &AppState) -> anyhow::Result<()> {
    let now = state.clock.now();
    let today = calendar::date_in_copenhagen(now);
    let starts =
        jiff::civil::Time::strptime("%H:%M", &state.settings.notify.caseworker_summary_at)?;
    if !calendar::is_working_day(today) || calendar::time_in_copenhagen(now) < starts {
        return Ok(());
    }
    let today = today.to_string();
    let caseworkers: Vec<(Uuid,)> = db_conn!(state.db.reader().await?.conn(), c => sqlx::query_as(
        "SELECT DISTINCT c.caseworker_id FROM conversations c \
         JOIN caseworkers cw ON cw.id = c.caseworker_id \
         WHERE c.waiting_since IS NOT NULL AND c.answer_by < $1 AND cw.email IS NOT NULL")
        .bind(&today)
        .fetch_all(&mut *c)
        .await)?;
    if caseworkers.is_empty() {
        return Ok(());
    }
    let mut writer = state.db.writer().await?;
    for (caseworker,) in caseworkers {
        let email = Queued {
            kind: Kind::CaseworkerOverdue,
            citizen_id: None,
            caseworker_id: Some(caseworker),
            conversation_id: None,
            to_address: None,
            code: None,
            dedupe_key: Some(format!("overdue:{caseworker}:{today}")),
            due_at: now,
            meeting: None,
        };
        outbox::queue(&mut writer.conn(), &email, &domain(state), now).await?;
    }
    Ok(())
}
