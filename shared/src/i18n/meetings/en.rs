//! English texts of meetings.

use super::MeetingTexts;

pub(in crate::i18n) static EN: MeetingTexts = MeetingTexts {
    ics_in_person: "Meeting at the jobcentre",
    ics_phone: "Phone meeting with the jobcentre",
    ics_video: "Video meeting with the jobcentre",
    ics_see_portal: "See the meeting in Sammen:",
    next_meeting: "Your next meeting",
    when: "{} at {}–{}",
    format_in_person: "Meeting at the jobcentre",
    format_phone: "Phone meeting",
    format_video: "Video meeting",
    phone_explained: "Your caseworker will call you.",
    place_label: "Where",
    awaiting_confirmation: "The jobcentre has invited you to this meeting. If the time does not suit you, write to us under Messages.",
    calendar_link: "Add the meeting to your calendar",
};
