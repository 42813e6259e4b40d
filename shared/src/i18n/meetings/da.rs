//! Danish texts of meetings.

use super::MeetingTexts;

pub(in crate::i18n) static DA: MeetingTexts = MeetingTexts {
    ics_in_person: "Møde på jobcentret",
    ics_phone: "Telefonmøde med jobcentret",
    ics_video: "Videomøde med jobcentret",
    ics_see_portal: "Se mødet i Sammen:",
    next_meeting: "Dit næste møde",
    when: "{} kl. {}–{}",
    format_in_person: "Møde på jobcentret",
    format_phone: "Telefonmøde",
    format_video: "Videomøde",
    phone_explained: "Din sagsbehandler ringer til dig.",
    place_label: "Hvor",
    awaiting_confirmation: "Jobcentret har indkaldt dig til mødet. Passer tiden ikke, så skriv til os under Beskeder.",
    calendar_link: "Hent mødet til din kalender",
};
