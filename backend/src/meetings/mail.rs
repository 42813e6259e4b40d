//! The emails a meeting causes, queued in the transaction that changes it: a confirmation
//! with the calendar file when it is booked, moved or cancelled, and reminders 24 hours (and,
//! if the citizen chose it, 2 hours) before. Like every email they say only what kind of
//! meeting it is and when: no caseworker's name, no purpose, no address.

use shared::Lang;
use shared::api::{MeetingChannel, ReminderChannel, ReminderTiming};
use shared::i18n::{fill, texts};
use uuid::Uuid;

use super::store::{self, MeetingRow};
use super::{ics, view};
use crate::calendar::{self, QuietHours};
use crate::db::{Conn, Timestamp};
use crate::email::compose::MeetingMail;
use crate::email::outbox::{self, Kind, Queued};
use crate::error::AppResult;
use crate::state::AppState;

/// Queues the confirmation of `kind` for the meeting as it now is, cancels the reminders of
/// the version before, and queues new ones unless it was cancelled.
pub async fn queue(
    s: &AppState,
    conn: &mut Conn<'_>,
    row: &MeetingRow,
    kind: Kind,
    now: Timestamp,
) -> AppResult<()> {
    let domain = crate::email::domain(s);
    let email = |kind, due_at, dedupe_key| Queued {
        kind,
        citizen_id: Some(row.citizen_id),
        caseworker_id: None,
        conversation_id: None,
        to_address: None,
        code: None,
        dedupe_key,
        due_at,
        meeting: Some((row.id, row.sequence)),
    };
    outbox::cancel_reminders(conn, row.id, now).await?;
    outbox::queue(conn, &email(kind, now, None), &domain, now).await?;
    if row.status == "cancelled" {
        return Ok(());
    }
    let wants = crate::profile::store::accommodations(conn, row.citizen_id).await?;
    if !wants.reminder_channels.contains(&ReminderChannel::Email) {
        return Ok(());
    }
    let hours: &[i64] = match wants.reminder_timing {
        ReminderTiming::None => &[],
        ReminderTiming::DayBefore => &[24],
        ReminderTiming::SameMorning | ReminderTiming::Both => &[24, 2],
    };
    let quiet = QuietHours::parse(&s.settings.notify.quiet_hours)
        .ok()
        .flatten();
    for h in hours {
        let due = row.starts_at.plus_seconds(-h * 3600);
        if due <= now {
            continue;
        }
        // Quiet hours hold it back, unless the meeting comes before they end.
        let due = match quiet.map(|q| q.next_allowed(due)) {
            Some(later) if later < row.starts_at => later,
            _ => due,
        };
        let key = format!("meeting-reminder:{}:{}:{h}", row.id, row.sequence);
        outbox::queue(
            conn,
            &email(Kind::MeetingReminder, due, Some(key)),
            &domain,
            now,
        )
        .await?;
    }
    Ok(())
}

/// What an email about a meeting says, and its calendar file (not for reminders).
pub async fn describe(
    s: &AppState,
    conn: &mut Conn<'_>,
    citizen: Uuid,
    meeting: Uuid,
    kind: Kind,
    lang: Lang,
) -> AppResult<Option<MeetingMail>> {
    let Some(row) = store::one(conn, citizen, meeting).await? else {
        return Ok(None);
    };
    let t = texts(lang).email;
    let what = match view::format_of(&row.format) {
        MeetingChannel::InPerson => t.meeting_in_person,
        MeetingChannel::Phone => t.meeting_phone,
        MeetingChannel::Video => t.meeting_video,
    };
    let date = calendar::date_in_copenhagen(row.starts_at);
    let day = format!("{}.{}.{}", date.day(), date.month(), date.year());
    let at = fill(&fill(t.meeting_at, &day), &view::clock(row.starts_at));
    let ics = (kind != Kind::MeetingReminder)
        .then(|| ics::text(s.public_url.as_str(), &row, lang, s.clock.now()));
    Ok(Some(MeetingMail {
        what: what.to_string(),
        at,
        ics,
    }))
}
