//! English texts of meetings.

use super::MeetingTexts;

pub(in crate::i18n) static EN: MeetingTexts = MeetingTexts {
    ics_in_person: "Meeting at the jobcentre",
    ics_phone: "Phone meeting with the jobcentre",
    ics_video: "Video meeting with the jobcentre",
    ics_see_portal: "See the meeting in Sammen:",
};
