//! The worker that drains the outbox, one per instance. It claims due emails with a lease,
//! checks each is still wanted (the message unread, the address confirmed, notifications on),
//! sends it and marks it sent only after the SMTP server accepted it. A failed try waits
//! longer each time (5 s, 10 s, 20 s … up to `outbox.max_backoff_seconds`); a process that dies
//! while holding a lease leaves the email to whichever worker finds the lease run out.

use std::sync::Arc;
use std::time::Duration;

use lettre::message::Mailbox;
use shared::Lang;
use uuid::Uuid;

use super::compose::{Envelope, compose};
use super::outbox::{self, Claimed, Kind};
use super::transport::Transport;
use crate::calendar::{self, QuietHours};
use crate::db::Timestamp;
use crate::db_conn;
use crate::state::AppState;

/// Emails one worker claims at a time.
const BATCH: i64 = 64;

struct Worker {
    state: AppState,
    transport: Transport,
    /// This instance, in the leases it holds.
    id: String,
    from: Mailbox,
    quiet: Option<QuietHours>,
}

/// Sends due emails until the process ends.
pub async fn run(state: AppState, transport: Transport) {
    let from = match state.settings.smtp.from.parse::<Mailbox>() {
        Ok(from) => from,
        Err(_) => return, // `Settings::check` refuses this before the server starts.
    };
    let quiet = QuietHours::parse(&state.settings.notify.quiet_hours)
        .ok()
        .flatten();
    let poll = Duration::from_millis(u64::from(state.settings.outbox.poll_millis));
    let worker = Arc::new(Worker {
        state,
        transport,
        id: Uuid::new_v4().to_string(),
        from,
        quiet,
    });
    let mut interval = tokio::time::interval(poll);
    interval.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    let mut summaries_checked: Option<Timestamp> = None;
    loop {
        interval.tick().await;
        // Once a minute (by the clock the rules use) is often enough for a morning email.
        let now = worker.state.clock.now();
        if summaries_checked.is_none_or(|at| now.millis() - at.millis() >= 60_000) {
            summaries_checked = Some(now);
            if let Err(err) = super::queue_overdue_summaries(&worker.state).await {
                tracing::warn!(error = %err, "could not queue the caseworkers' morning emails");
            }
        }
        // Drain what is due before waiting again, so a burst is not sent 64 per tick.
        loop {
            match worker.clone().send_due().await {
                Ok(n) if n as i64 == BATCH => continue,
                Ok(_) => break,
                Err(err) => {
                    tracing::warn!(error = %err, "could not claim emails from the outbox");
                    break;
                }
            }
        }
    }
}

impl Worker {
    /// Claims and sends one batch; how many were claimed.
    async fn send_due(self: Arc<Self>) -> anyhow::Result<usize> {
        let now = self.state.clock.now();
        let lease = i64::from(self.state.settings.outbox.lease_seconds);
        let claimed = {
            let mut writer = self.state.db.writer().await?;
            outbox::claim(
                &mut writer.conn(),
                &self.id,
                now,
                now.plus_seconds(lease),
                BATCH,
            )
            .await?
        };
        let n = claimed.len();
        let mut sending = tokio::task::JoinSet::new();
        for email in claimed {
            let worker = self.clone();
            sending.spawn(async move { worker.deliver(email).await });
        }
        while let Some(done) = sending.join_next().await {
            match done {
                Ok(Ok(())) => {}
                Ok(Err(err)) => tracing::warn!(error = %err, "could not record an email's outcome"),
                Err(err) => tracing::warn!(error = %err, "an email's task failed"),
            }
        }
        Ok(n)
    }

    async fn deliver(&self, email: Claimed) -> anyhow::Result<()> {
        let now = self.state.clock.now();
        let db = &self.state.db;
        let Some(kind) = Kind::from_code(&email.kind) else {
            return Ok(outbox::cancel(
                &mut db.writer().await?.conn(),
                email.id,
                now,
                "unknown kind",
            )
            .await?);
        };
        let recipient = match self.recipient(kind, &email, now).await? {
            Decision::Send(to, lang) => (to, lang),
            Decision::Cancel(why) => {
                return Ok(
                    outbox::cancel(&mut db.writer().await?.conn(), email.id, now, why).await?,
                );
            }
            Decision::Later(at) => {
                return Ok(outbox::mark_failed(
                    &mut db.writer().await?.conn(),
                    email.id,
                    &self.id,
                    at,
                    "throttled",
                )
                .await?);
            }
        };
        let (to, lang) = recipient;
        let meeting = match (
            kind.is_about_a_meeting(),
            email.citizen_id,
            email.meeting_id,
        ) {
            (true, Some(citizen), Some(meeting)) => {
                let mut reader = db.reader().await?;
                crate::meetings::mail::describe(
                    &self.state,
                    &mut reader.conn(),
                    citizen,
                    meeting,
                    kind,
                    lang,
                )
                .await
                .map_err(|e| anyhow::anyhow!("{e:?}"))?
            }
            _ => None,
        };
        let portal = self.state.public_url.to_string();
        let settings_url = self
            .state
            .public_url
            .join("min-profil")
            .map(|u| u.to_string())
            .unwrap_or_else(|_| portal.clone());
        let envelope = Envelope {
            from: &self.from,
            to,
            lang,
            message_id: &email.message_id,
            portal_url: &portal,
            settings_url: &settings_url,
            date: now,
            meeting: meeting.as_ref(),
        };
        let message = compose(kind, &envelope, email.code.as_deref())?;
        match self.transport.send(message).await {
            Ok(()) => {
                outbox::mark_sent(
                    &mut db.writer().await?.conn(),
                    email.id,
                    &self.id,
                    self.state.clock.now(),
                )
                .await?;
                metrics::counter!("sammen_emails_sent_total", "kind" => kind.code()).increment(1);
            }
            Err(failure) if failure.permanent => {
                tracing::warn!(kind = kind.code(), reason = %failure.description, "an email was refused for good");
                outbox::cancel(
                    &mut db.writer().await?.conn(),
                    email.id,
                    now,
                    &failure.description,
                )
                .await?;
            }
            Err(failure) => {
                let retry_at = self.retry_at(kind, now, email.attempts);
                tracing::info!(kind = kind.code(), attempts = email.attempts, reason = %failure.description, "an email will be tried again");
                outbox::mark_failed(
                    &mut db.writer().await?.conn(),
                    email.id,
                    &self.id,
                    retry_at,
                    &failure.description,
                )
                .await?;
            }
        }
        Ok(())
    }

    /// 5 s after the first failure, doubling, at most `outbox.max_backoff_seconds`;
    /// notifications never in quiet hours.
    fn retry_at(&self, kind: Kind, now: Timestamp, attempts: i32) -> Timestamp {
        let max = i64::from(self.state.settings.outbox.max_backoff_seconds).max(1);
        let exponent = u32::try_from(attempts.clamp(1, 20) - 1).unwrap_or(0);
        let wait = (5i64.saturating_mul(2i64.saturating_pow(exponent))).min(max);
        let at = now.plus_seconds(wait);
        match (kind, self.quiet) {
            (Kind::NewMessage, Some(quiet)) => quiet.next_allowed(at),
            _ => at,
        }
    }

    /// Whom to send to, or why not (any more).
    async fn recipient(
        &self,
        kind: Kind,
        email: &Claimed,
        now: Timestamp,
    ) -> anyhow::Result<Decision> {
        let mut reader = self.state.db.reader().await?;
        let mut conn = reader.conn();
        match kind {
            Kind::ConfirmationCode => {
                let (Some(to), Some(_)) = (&email.to_address, &email.code) else {
                    return Ok(Decision::Cancel("no address or code"));
                };
                let lang = match email.citizen_id {
                    Some(id) => citizen_language(&mut conn, id).await?,
                    None => Lang::Da,
                };
                Ok(match to.parse::<Mailbox>() {
                    Ok(to) => Decision::Send(to, lang),
                    Err(_) => Decision::Cancel("not an address"),
                })
            }
            Kind::NewMessage => {
                let (Some(citizen), Some(conversation)) = (email.citizen_id, email.conversation_id)
                else {
                    return Ok(Decision::Cancel("no citizen"));
                };
                let unread: (i64,) = db_conn!(&mut conn, c => sqlx::query_as(
                    "SELECT COUNT(*) FROM messages WHERE conversation_id = $1 \
                     AND author <> 'citizen' AND read_at IS NULL")
                    .bind(conversation)
                    .fetch_one(&mut *c)
                    .await)?;
                if unread.0 == 0 {
                    return Ok(Decision::Cancel("read before the email was due"));
                }
                let throttle = i64::from(self.state.settings.notify.throttle_seconds);
                let (_, last_sent) = outbox::latest_about(&mut conn, conversation, kind).await?;
                if let Some(sent) = last_sent
                    && sent.plus_seconds(throttle) > now
                {
                    return Ok(Decision::Later(sent.plus_seconds(throttle)));
                }
                let address: Option<(String,)> = db_conn!(&mut conn, c => sqlx::query_as(
                    "SELECT address FROM email_settings WHERE citizen_id = $1 \
                     AND confirmed_at IS NOT NULL AND notify_messages")
                    .bind(citizen)
                    .fetch_optional(&mut *c)
                    .await)?;
                let Some((address,)) = address else {
                    return Ok(Decision::Cancel(
                        "no confirmed address, or message emails turned off",
                    ));
                };
                let lang = citizen_language(&mut conn, citizen).await?;
                Ok(match address.parse::<Mailbox>() {
                    Ok(to) => Decision::Send(to, lang),
                    Err(_) => Decision::Cancel("not an address"),
                })
            }
            Kind::MeetingBooked
            | Kind::MeetingCalledIn
            | Kind::MeetingMoved
            | Kind::MeetingCancelled
            | Kind::MeetingReminder => {
                let (Some(citizen), Some(meeting)) = (email.citizen_id, email.meeting_id) else {
                    return Ok(Decision::Cancel("no citizen or meeting"));
                };
                let row: Option<(String, i32, Timestamp)> = db_conn!(&mut conn, c => sqlx::query_as(
                    "SELECT status, sequence, starts_at FROM meetings WHERE id = $1")
                    .bind(meeting)
                    .fetch_optional(&mut *c)
                    .await)?;
                let Some((status, sequence, starts_at)) = row else {
                    return Ok(Decision::Cancel("no such meeting"));
                };
                let current = Some(sequence) == email.meeting_sequence;
                match kind {
                    Kind::MeetingReminder
                        if !current || status == "cancelled" || starts_at <= now =>
                    {
                        return Ok(Decision::Cancel("the meeting changed or has begun"));
                    }
                    Kind::MeetingBooked | Kind::MeetingCalledIn | Kind::MeetingMoved
                        if !current =>
                    {
                        return Ok(Decision::Cancel(
                            "a newer email about the meeting is queued",
                        ));
                    }
                    _ => {}
                }
                let address: Option<(String,)> = db_conn!(&mut conn, c => sqlx::query_as(
                    "SELECT address FROM email_settings WHERE citizen_id = $1 \
                     AND confirmed_at IS NOT NULL AND notify_meetings")
                    .bind(citizen)
                    .fetch_optional(&mut *c)
                    .await)?;
                let Some((address,)) = address else {
                    return Ok(Decision::Cancel(
                        "no confirmed address, or meeting emails turned off",
                    ));
                };
                let lang = citizen_language(&mut conn, citizen).await?;
                Ok(match address.parse::<Mailbox>() {
                    Ok(to) => Decision::Send(to, lang),
                    Err(_) => Decision::Cancel("not an address"),
                })
            }
            Kind::CaseworkerOverdue => {
                let Some(caseworker) = email.caseworker_id else {
                    return Ok(Decision::Cancel("no caseworker"));
                };
                let address: Option<(Option<String>,)> = db_conn!(&mut conn, c => sqlx::query_as(
                    "SELECT email FROM caseworkers WHERE id = $1")
                    .bind(caseworker)
                    .fetch_optional(&mut *c)
                    .await)?;
                Ok(
                    match address.and_then(|a| a.0).map(|a| a.parse::<Mailbox>()) {
                        Some(Ok(to)) => Decision::Send(to, Lang::Da),
                        _ => Decision::Cancel("the caseworker has no address"),
                    },
                )
            }
        }
    }
}

enum Decision {
    Send(Mailbox, Lang),
    Cancel(&'static str),
    Later(Timestamp),
}

async fn citizen_language(conn: &mut crate::db::Conn<'_>, citizen: Uuid) -> anyhow::Result<Lang> {
    let row: Option<(String,)> = db_conn!(conn, c => sqlx::query_as(
        "SELECT language FROM citizens WHERE id = $1")
        .bind(citizen)
        .fetch_optional(&mut *c)
        .await)?;
    Ok(match row.as_ref().map(|r| r.0.as_str()) {
        Some("en") => Lang::En,
        _ => Lang::Da,
    })
}

/// Today in Copenhagen as YYYY-MM-DD, the way promised dates are stored.
pub fn today(at: Timestamp) -> String {
    calendar::date_in_copenhagen(at).to_string()
}
