//! A meeting row as the citizen and the caseworker see it.

use shared::api::{
    Accommodations, CaseworkerContact, MeetingChannel, MeetingNeeds, MeetingStatus, MeetingSummary,
    MeetingView, Party, SummaryResponse,
};

use super::store::MeetingRow;
use crate::calendar;
use crate::db::Timestamp;
use crate::state::AppState;

pub fn format_code(f: MeetingChannel) -> &'static str {
    match f {
        MeetingChannel::InPerson => "in_person",
        MeetingChannel::Phone => "phone",
        MeetingChannel::Video => "video",
    }
}

pub fn format_of(code: &str) -> MeetingChannel {
    match code {
        "phone" => MeetingChannel::Phone,
        "video" => MeetingChannel::Video,
        _ => MeetingChannel::InPerson,
    }
}

/// `HH:MM` in Copenhagen.
pub fn clock(at: Timestamp) -> String {
    calendar::time_in_copenhagen(at)
        .strftime("%H:%M")
        .to_string()
}

pub fn needs_of(a: &Accommodations) -> MeetingNeeds {
    MeetingNeeds {
        companion: a.companion,
        interpreter_language: a.interpreter_language.clone(),
        step_free_access: a.step_free_access,
        longer_meeting: a.longer_meetings,
    }
}

pub fn of(s: &AppState, r: &MeetingRow, now: Timestamp) -> MeetingView {
    let format = format_of(&r.format);
    let status = MeetingStatus::from_code(&r.status).unwrap_or(MeetingStatus::Booked);
    let deadline = i64::from(s.settings.meetings.change_deadline_hours) * 3600;
    let date = calendar::date_in_copenhagen(r.starts_at);
    let place = match format {
        MeetingChannel::InPerson => r.address.clone().unwrap_or_default(),
        MeetingChannel::Video => r.video_link.clone().unwrap_or_default(),
        MeetingChannel::Phone => String::new(),
    };
    MeetingView {
        id: r.id,
        citizen_id: r.citizen_id,
        citizen_name: r.citizen_name.clone(),
        caseworker: CaseworkerContact {
            name: r.caseworker_name.clone(),
            team: r.caseworker_team.clone(),
        },
        format,
        status,
        booked_by: if r.booked_by == "caseworker" {
            Party::Caseworker
        } else {
            Party::Citizen
        },
        starts_at: r.starts_at.millis(),
        ends_at: r.ends_at.millis(),
        local_date: date.to_string(),
        weekday: date.weekday().to_monday_one_offset() as u8,
        local_start: clock(r.starts_at),
        local_end: clock(r.ends_at),
        place,
        purpose: r.purpose.clone(),
        needs: MeetingNeeds {
            companion: r.companion,
            interpreter_language: r.interpreter_language.clone(),
            step_free_access: r.step_free_access,
            longer_meeting: r.longer_meeting,
        },
        can_change: status != MeetingStatus::Cancelled && r.starts_at.plus_seconds(-deadline) > now,
        past: r.starts_at <= now,
        summary: match (&r.summary, r.summary_at) {
            (Some(text), Some(at)) => Some(MeetingSummary {
                text: text.clone(),
                written_at: at.millis(),
                citizen_response: r
                    .citizen_response
                    .as_deref()
                    .and_then(SummaryResponse::from_code),
                citizen_comment: r.citizen_comment.clone(),
                caseworker_reply: r.caseworker_reply.clone(),
            }),
            _ => None,
        },
    }
}
