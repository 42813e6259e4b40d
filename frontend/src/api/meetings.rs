//! "Book et møde", "Mine møder", the caseworker's calendar and availability: each two-sided
//! action at the citizen's or the caseworker's address, by `Whose`.

use shared::api::{
    Availability, BookMeetingRequest, CaseworkerMeetingsResponse, FreeTimesResponse, MeetingView,
    MeetingsResponse, MoveMeetingRequest, SummaryAnswerRequest, SummaryReplyRequest,
    SummaryRequest,
};
use uuid::Uuid;

use super::{ApiFailure, Whose, get, send, send_no_content};

/// Free times in `length` minutes (the profile's choice when `None`); `backup` asks for the
/// backup caseworker's.
pub async fn free_times(
    whose: &Whose,
    length: Option<u16>,
    backup: bool,
) -> Result<FreeTimesResponse, ApiFailure> {
    let mut query = format!("?backup={backup}");
    if let Some(length) = length {
        query.push_str(&format!("&length={length}"));
    }
    get(&whose.path(&(String::from("/meetings/free-times") + &query))).await
}

pub async fn list(whose: &Whose) -> Result<MeetingsResponse, ApiFailure> {
    get(&whose.path("/meetings")).await
}

/// Books (the citizen) or summons ("Indkald", a caseworker); a retry with the same key
/// answers with the first booking.
pub async fn book(whose: &Whose, request: &BookMeetingRequest) -> Result<MeetingView, ApiFailure> {
    send("POST", &whose.path("/meetings"), request).await
}

pub async fn move_to(
    whose: &Whose,
    meeting: Uuid,
    starts_at: i64,
) -> Result<MeetingView, ApiFailure> {
    send(
        "POST",
        &whose.path(&format!("/meetings/{meeting}/move")),
        &MoveMeetingRequest { starts_at },
    )
    .await
}

pub async fn cancel(whose: &Whose, meeting: Uuid) -> Result<(), ApiFailure> {
    send_no_content::<()>(
        "POST",
        &whose.path(&format!("/meetings/{meeting}/cancel")),
        None,
    )
    .await
}

/// The citizen confirms a meeting they were summoned to.
pub async fn confirm(meeting: Uuid) -> Result<MeetingView, ApiFailure> {
    send(
        "POST",
        &format!("/me/meetings/{meeting}/confirm"),
        &serde_json::Value::Null,
    )
    .await
}

/// The meeting's calendar file (a download the browser opens itself).
pub fn calendar_link(whose: &Whose, meeting: Uuid) -> String {
    whose.link(&format!("/meetings/{meeting}/calendar.ics"))
}

/// The citizen's answer to "Det aftalte vi".
pub async fn answer_summary(
    meeting: Uuid,
    request: &SummaryAnswerRequest,
) -> Result<MeetingView, ApiFailure> {
    send(
        "POST",
        &format!("/me/meetings/{meeting}/summary/response"),
        request,
    )
    .await
}

/// The caseworker writes "Det aftalte vi" after the meeting.
pub async fn write_summary(
    citizen: &Whose,
    meeting: Uuid,
    request: &SummaryRequest,
) -> Result<MeetingView, ApiFailure> {
    send(
        "PUT",
        &citizen.path(&format!("/meetings/{meeting}/summary")),
        request,
    )
    .await
}

/// The caseworker answers the citizen's comment on the summary.
pub async fn reply_summary(
    citizen: &Whose,
    meeting: Uuid,
    text: String,
) -> Result<MeetingView, ApiFailure> {
    send(
        "POST",
        &citizen.path(&format!("/meetings/{meeting}/summary/reply")),
        &SummaryReplyRequest { text },
    )
    .await
}

/// The caseworker's own meetings for `days` days from `from` (`YYYY-MM-DD`, today if empty).
pub async fn calendar(from: &str, days: u32) -> Result<CaseworkerMeetingsResponse, ApiFailure> {
    let mut query = format!("?days={days}");
    if !from.is_empty() {
        query.push_str(&format!("&from={}", js_sys::encode_uri_component(from)));
    }
    get(&(String::from("/caseworker/meetings") + &query)).await
}

pub async fn availability() -> Result<Availability, ApiFailure> {
    get("/caseworker/availability").await
}

pub async fn save_availability(availability: &Availability) -> Result<Availability, ApiFailure> {
    send("PUT", "/caseworker/availability", availability).await
}
