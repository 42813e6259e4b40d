//! "Book et møde", "Mine møder", the caseworker's availability and the calendar files.

mod da;
mod en;

pub(super) use da::DA;
pub(super) use en::EN;

#[derive(Debug)]
pub struct MeetingTexts {
    /// The calendar file's title for each kind of meeting: no name, purpose or place.
    pub ics_in_person: &'static str,
    pub ics_phone: &'static str,
    pub ics_video: &'static str,
    /// Followed by the portal's address.
    pub ics_see_portal: &'static str,

    // "Mit overblik": the next meeting.
    pub next_meeting: &'static str,
    /// `{}`: the date, then the start and end time.
    pub when: &'static str,
    pub format_in_person: &'static str,
    pub format_phone: &'static str,
    pub format_video: &'static str,
    pub phone_explained: &'static str,
    pub place_label: &'static str,
    pub awaiting_confirmation: &'static str,
    pub calendar_link: &'static str,
}
