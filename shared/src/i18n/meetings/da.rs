//! Danish texts of meetings.

use super::MeetingTexts;

pub(in crate::i18n) static DA: MeetingTexts = MeetingTexts {
    ics_in_person: "Møde på jobcentret",
    ics_phone: "Telefonmøde med jobcentret",
    ics_video: "Videomøde med jobcentret",
    ics_see_portal: "Se mødet i Sammen:",
};
