//! Meetings: the caseworker's availability, free times, booking, moving and cancelling.
//! Moments are UTC milliseconds; the `local_*` fields are the same moments in Copenhagen, so no
//! client needs a time-zone database.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

use super::{CaseworkerContact, MeetingChannel, Party};

/// The lengths a caseworker can offer, in minutes.
pub const MEETING_LENGTHS: [u16; 3] = [30, 45, 60];
/// The pauses a caseworker can keep after each meeting, in minutes.
pub const MEETING_BUFFERS: [u16; 3] = [0, 15, 30];

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingStatus {
    Booked,
    /// Summoned by the caseworker ("Indkald"), not yet confirmed by the citizen.
    Proposed,
    Cancelled,
}

impl MeetingStatus {
    pub fn code(self) -> &'static str {
        match self {
            MeetingStatus::Booked => "booked",
            MeetingStatus::Proposed => "proposed",
            MeetingStatus::Cancelled => "cancelled",
        }
    }

    pub fn from_code(code: &str) -> Option<MeetingStatus> {
        [
            MeetingStatus::Booked,
            MeetingStatus::Proposed,
            MeetingStatus::Cancelled,
        ]
        .into_iter()
        .find(|s| s.code() == code)
    }
}

/// One weekly span of meeting hours: weekday 1 (Monday) to 7, `HH:MM` to `HH:MM`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeeklyHours {
    pub weekday: u8,
    pub starts: String,
    pub ends: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AbsenceReason {
    Holiday,
    Course,
    Sick,
    Other,
}

impl AbsenceReason {
    pub const ALL: [AbsenceReason; 4] = [
        AbsenceReason::Holiday,
        AbsenceReason::Course,
        AbsenceReason::Sick,
        AbsenceReason::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AbsenceReason::Holiday => "holiday",
            AbsenceReason::Course => "course",
            AbsenceReason::Sick => "sick",
            AbsenceReason::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<AbsenceReason> {
        AbsenceReason::ALL.into_iter().find(|r| r.code() == code)
    }
}

/// Days without meetings, both included (`YYYY-MM-DD`).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AvailabilityException {
    pub from: String,
    pub until: String,
    pub reason: AbsenceReason,
}

/// The caseworker's one page of availability: read and saved whole.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Availability {
    pub hours: Vec<WeeklyHours>,
    pub exceptions: Vec<AvailabilityException>,
    pub formats: Vec<MeetingChannel>,
    /// Out of [`MEETING_LENGTHS`].
    pub lengths: Vec<u16>,
    /// Out of [`MEETING_BUFFERS`].
    pub buffer_minutes: u16,
    /// Where in-person meetings are.
    pub address: String,
    /// The link for video meetings.
    pub video_link: String,
}

/// A time the citizen can choose.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTime {
    pub starts_at: i64,
    /// `HH:MM` in Copenhagen.
    pub local_time: String,
    /// Within the time of day the citizen prefers (or they have no preference).
    pub fits_preference: bool,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeDay {
    /// `YYYY-MM-DD` in Copenhagen.
    pub date: String,
    /// 1 (Monday) to 7.
    pub weekday: u8,
    pub times: Vec<FreeTime>,
}

/// What the profile asks for, applied to a new meeting by default.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingNeeds {
    pub companion: bool,
    pub interpreter_language: Option<String>,
    pub step_free_access: bool,
    pub longer_meeting: bool,
}

/// "Book et møde": the free times of the caseworker the citizen would meet.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FreeTimesResponse {
    /// Whom the times are with; `None` when the citizen has no caseworker.
    pub caseworker: Option<CaseworkerContact>,
    /// The backup caseworker's times were asked for.
    pub with_backup: bool,
    pub formats: Vec<MeetingChannel>,
    pub lengths: Vec<u16>,
    /// The length the times are for.
    pub length_minutes: u16,
    /// The format chosen by default: the first of the profile's preferred ones on offer.
    pub preferred_format: Option<MeetingChannel>,
    pub needs: MeetingNeeds,
    pub days: Vec<FreeDay>,
    /// Set when the primary caseworker has nothing free within `meetings.backup_after_days`
    /// and the backup caseworker has: who they are and their first free day.
    pub backup_offer: Option<BackupOffer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BackupOffer {
    pub caseworker: CaseworkerContact,
    pub first_free_date: String,
}

/// Books a meeting (the citizen) or summons the citizen to one ("Indkald", a caseworker).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BookMeetingRequest {
    pub starts_at: i64,
    pub length_minutes: u16,
    pub format: MeetingChannel,
    /// What the citizen wants to talk about.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub purpose: String,
    /// The citizen took the backup caseworker's time.
    #[serde(default)]
    pub with_backup: bool,
    /// Made by the client once per booking; a retry never books twice.
    #[cfg_attr(feature = "openapi", schema(max_length = 64, min_length = 8))]
    pub idempotency_key: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MoveMeetingRequest {
    pub starts_at: i64,
}

/// A free time near the one that was just taken.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NearbyTime {
    pub starts_at: i64,
    pub local_date: String,
    pub local_time: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingView {
    pub id: Uuid,
    pub citizen_id: Uuid,
    /// The citizen's name, for the caseworker's views.
    pub citizen_name: String,
    pub caseworker: CaseworkerContact,
    pub format: MeetingChannel,
    pub status: MeetingStatus,
    pub booked_by: Party,
    pub starts_at: i64,
    pub ends_at: i64,
    pub local_date: String,
    pub weekday: u8,
    pub local_start: String,
    pub local_end: String,
    /// The address (in person) or link (video); empty for phone.
    pub place: String,
    pub purpose: String,
    pub needs: MeetingNeeds,
    /// It can still be moved or cancelled (before the deadline and not over).
    pub can_change: bool,
    /// It has started or is over.
    pub past: bool,
    pub summary: Option<MeetingSummary>,
}

/// "Det aftalte vi".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingSummary {
    pub text: String,
    pub written_at: i64,
    pub citizen_response: Option<SummaryResponse>,
    pub citizen_comment: Option<String>,
    pub caseworker_reply: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SummaryResponse {
    /// "Det er rigtigt".
    Agreed,
    /// "Det forstod jeg anderledes", with a comment.
    Disagreed,
}

impl SummaryResponse {
    pub fn code(self) -> &'static str {
        match self {
            SummaryResponse::Agreed => "agreed",
            SummaryResponse::Disagreed => "disagreed",
        }
    }

    pub fn from_code(code: &str) -> Option<SummaryResponse> {
        [SummaryResponse::Agreed, SummaryResponse::Disagreed]
            .into_iter()
            .find(|r| r.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeetingsResponse {
    /// Soonest first.
    pub upcoming: Vec<MeetingView>,
    /// Newest first.
    pub past: Vec<MeetingView>,
    /// Hours before a meeting after which it can no longer be moved or cancelled here.
    pub change_deadline_hours: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 5000))]
    pub text: String,
    /// Agreements to propose as plan steps (each then follows the plan's agreement rules).
    #[serde(default)]
    pub proposed_steps: Vec<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryAnswerRequest {
    pub response: SummaryResponse,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SummaryReplyRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub text: String,
}

/// The caseworker's "Mine møder": their meetings in a span of days.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseworkerMeetingsResponse {
    pub from: String,
    pub days: u32,
    pub meetings: Vec<MeetingView>,
    /// Past meetings waiting for the caseworker, oldest first: not summed up yet, or summed
    /// up and understood differently by the citizen with no answer yet (at most 50).
    pub waiting: Vec<MeetingView>,
}
