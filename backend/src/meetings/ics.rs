//! The calendar file of a meeting (RFC 5545, with the `icalendar` crate). Its UID is the
//! meeting's id, so a calendar that imported it replaces it when the meeting moves (SEQUENCE
//! raised) or removes it when cancelled (METHOD:CANCEL). Like the emails it travels in, it says
//! only what kind of meeting it is and when: no name, no purpose, no place.

use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, Utc};
use icalendar::{Calendar, Component, EventLike, EventStatus};
use shared::Lang;
use shared::api::MeetingChannel;
use shared::i18n::texts;

use super::store::MeetingRow;
use super::view::format_of;
use crate::db::Timestamp;
use crate::state::AppState;

fn utc(at: Timestamp) -> DateTime<Utc> {
    DateTime::from_timestamp_millis(at.millis()).unwrap_or_default()
}

/// The file's text; `cancelled` writes METHOD:CANCEL.
pub fn text(portal: &str, r: &MeetingRow, lang: Lang, now: Timestamp) -> String {
    let t = texts(lang).meetings;
    let summary = match format_of(&r.format) {
        MeetingChannel::InPerson => t.ics_in_person,
        MeetingChannel::Phone => t.ics_phone,
        MeetingChannel::Video => t.ics_video,
    };
    let cancelled = r.status == "cancelled";
    let mut event = icalendar::Event::new();
    event
        .uid(&format!("{}@sammen", r.id))
        .sequence(u32::try_from(r.sequence).unwrap_or(0))
        .timestamp(utc(now))
        .starts(utc(r.starts_at))
        .ends(utc(r.ends_at))
        .summary(summary)
        .description(&format!("{} {portal}", t.ics_see_portal))
        .url(portal)
        .status(if cancelled {
            EventStatus::Cancelled
        } else {
            EventStatus::Confirmed
        });
    let mut cal = Calendar::new();
    cal.append_property(icalendar::Property::new(
        "METHOD",
        if cancelled { "CANCEL" } else { "PUBLISH" },
    ));
    cal.push(event.done());
    cal.done().to_string()
}

pub fn response(s: &AppState, r: &MeetingRow, lang: Lang) -> Response {
    let body = text(s.public_url.as_str(), r, lang, s.clock.now());
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8"),
            (
                header::CONTENT_DISPOSITION,
                "attachment; filename=\"moede.ics\"",
            ),
            (header::CACHE_CONTROL, "no-store"),
        ],
        body,
    )
        .into_response()
}
