//! "Book et møde", "Mine møder", the caseworker's availability and the calendar files.

mod da;
mod en;

pub(super) use da::DA;
pub(super) use en::EN;

use super::fill;
use crate::Lang;

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

    // Pages: "Mine møder", "Book et møde", the caseworker's calendar and hours.
    pub title_book: &'static str,
    pub title_summon: &'static str,
    pub title_move: &'static str,
    /// The caseworker's own meetings.
    pub title_calendar: &'static str,
    pub title_availability: &'static str,
    /// The caseworker's tab for a citizen's meetings.
    pub citizen_tab: &'static str,
    pub intro: &'static str,
    pub book_button: &'static str,
    pub summon_button: &'static str,
    pub back_to_meetings: &'static str,
    pub back_to_citizen_meetings: &'static str,
    pub upcoming_heading: &'static str,
    pub upcoming_empty: &'static str,
    pub upcoming_empty_caseworker: &'static str,
    pub past_heading: &'static str,
    pub past_empty: &'static str,
    /// `{}`: the caseworker's name.
    pub with_caseworker: &'static str,
    /// `{}`: the citizen's name.
    pub with_citizen: &'static str,
    pub purpose_label: &'static str,
    pub purpose_hint: &'static str,
    pub purpose_shown: &'static str,
    pub confirm_button: &'static str,
    pub confirmed: &'static str,
    pub move_button: &'static str,
    pub cancel_button: &'static str,
    /// `{}`: when the meeting is.
    pub cancel_question: &'static str,
    pub cancel_yes: &'static str,
    pub cancel_no: &'static str,
    pub cancelled_notice: &'static str,
    pub cancelled_notice_caseworker: &'static str,
    /// `{}`: when.
    pub booked_notice: &'static str,
    /// `{}`: when.
    pub moved_notice: &'static str,
    /// `{}`: when.
    pub summoned_notice: &'static str,
    /// `{}`: the deadline in hours.
    pub deadline_passed: &'static str,
    /// `{}`: the deadline in hours.
    pub deadline_explained: &'static str,
    pub awaiting_citizen: &'static str,
    pub no_caseworker: &'static str,
    pub no_times: &'static str,
    /// `{}`: the primary caseworker's name, the backup's name, the backup's first free day.
    pub backup_offer: &'static str,
    /// `{}`: the backup caseworker's name.
    pub backup_show: &'static str,
    pub primary_show: &'static str,
    pub format_legend: &'static str,
    pub length_label: &'static str,
    /// `{}`: a number of minutes.
    pub minutes: &'static str,
    pub day_label: &'static str,
    /// `{}`: the date, then how many free times.
    pub day_option: &'static str,
    /// `{}`: the chosen day.
    pub time_legend: &'static str,
    pub fits_preference: &'static str,
    /// `{}`: the day and time chosen.
    pub chosen: &'static str,
    pub choose_time_first: &'static str,
    pub needs_heading: &'static str,
    pub needs_from_profile: &'static str,
    pub need_companion: &'static str,
    /// `{}`: the language.
    pub need_interpreter: &'static str,
    pub need_step_free: &'static str,
    pub need_longer: &'static str,
    pub book_submit: &'static str,
    pub summon_submit: &'static str,
    pub move_submit: &'static str,
    pub sending: &'static str,
    pub slot_taken: &'static str,
    pub slot_taken_none: &'static str,
    pub summary_heading: &'static str,
    pub summary_none_yet: &'static str,
    pub summary_label: &'static str,
    pub summary_hint: &'static str,
    pub summary_steps_label: &'static str,
    pub summary_steps_hint: &'static str,
    pub summary_submit: &'static str,
    pub summary_saved: &'static str,
    pub answer_legend: &'static str,
    pub answer_agreed: &'static str,
    pub answer_disagreed: &'static str,
    pub answer_comment_label: &'static str,
    pub answer_submit: &'static str,
    pub answered_agreed: &'static str,
    pub answered_disagreed: &'static str,
    pub citizen_agreed: &'static str,
    pub citizen_disagreed: &'static str,
    pub citizen_comment: &'static str,
    pub caseworker_reply: &'static str,
    pub reply_label: &'static str,
    pub reply_submit: &'static str,
    pub calendar_intro: &'static str,
    /// `{}`: the first day shown.
    pub week_of: &'static str,
    pub previous_week: &'static str,
    pub next_week: &'static str,
    pub this_week: &'static str,
    pub day_empty: &'static str,
    pub week_empty: &'static str,
    pub availability_link: &'static str,
    pub availability_intro: &'static str,
    pub hours_heading: &'static str,
    pub hours_empty: &'static str,
    pub weekday_label: &'static str,
    pub starts_label: &'static str,
    pub ends_label: &'static str,
    pub time_hint: &'static str,
    pub add_hours: &'static str,
    pub remove: &'static str,
    pub exceptions_heading: &'static str,
    pub exceptions_empty: &'static str,
    pub exception_from: &'static str,
    pub exception_until: &'static str,
    pub date_hint: &'static str,
    pub reason_label: &'static str,
    pub reason_holiday: &'static str,
    pub reason_course: &'static str,
    pub reason_sick: &'static str,
    pub reason_other: &'static str,
    pub add_exception: &'static str,
    pub formats_legend: &'static str,
    pub lengths_legend: &'static str,
    pub buffer_legend: &'static str,
    pub address_label: &'static str,
    pub video_label: &'static str,
    pub save_availability: &'static str,
    pub availability_saved: &'static str,
    /// `{}`: the day, then the time.
    pub day_at_time: &'static str,
    /// `{}`: its number.
    pub span_legend: &'static str,
    /// `{}`: its number.
    pub exception_legend: &'static str,
    pub go_to_meetings: &'static str,
    pub show_week: &'static str,
    pub show_day: &'static str,
    pub previous_day: &'static str,
    pub next_day: &'static str,
    pub today: &'static str,
    /// `{}`: the day shown.
    pub day_of: &'static str,
    pub calendar_navigation: &'static str,
    /// The caseworker's past meetings that wait for them.
    pub waiting_heading: &'static str,
    pub waiting_summary: &'static str,
    pub waiting_answer: &'static str,
    /// Monday first.
    pub weekdays: [&'static str; 7],
    /// January first.
    pub months: [&'static str; 12],
    /// A date with its weekday, from weekday, day and month: `torsdag den 3. december`.
    pub long_date: &'static str,
}

/// A calendar date `YYYY-MM-DD` with its weekday, as a promise reads: `torsdag den 3. december`
/// or `Thursday 3 December`. Written here, not by the browser's `Intl`, so the pages the server
/// renders and the web client say it alike.
pub fn long_date(iso: &str, lang: Lang) -> String {
    let Ok(date) = crate::validation::Date::parse(iso) else {
        return iso.to_string();
    };
    let m = &crate::i18n::texts(lang).meetings;
    let weekday = m.weekdays[date.weekday_from_monday()];
    let month = m.months[date.month as usize - 1];
    fill(
        &fill(&fill(m.long_date, weekday), &date.day.to_string()),
        month,
    )
}

/// When a meeting is, in the citizen's words: `torsdag den 3. december kl. 10.00–10.30`.
pub fn when(local_date: &str, local_start: &str, local_end: &str, lang: Lang) -> String {
    let m = &crate::i18n::texts(lang).meetings;
    fill(
        &fill(&fill(m.when, &long_date(local_date, lang)), local_start),
        local_end,
    )
}

/// "Telefonmøde", "Fremmøde", "Videomøde".
pub fn channel_name(channel: crate::api::MeetingChannel, lang: Lang) -> &'static str {
    let m = &crate::i18n::texts(lang).meetings;
    match channel {
        crate::api::MeetingChannel::InPerson => m.format_in_person,
        crate::api::MeetingChannel::Phone => m.format_phone,
        crate::api::MeetingChannel::Video => m.format_video,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_long_date_names_its_weekday_and_month() {
        assert_eq!(long_date("2026-12-03", Lang::Da), "torsdag den 3. december");
        assert_eq!(long_date("2026-12-03", Lang::En), "Thursday 3 December");
        assert_eq!(long_date("2027-01-01", Lang::Da), "fredag den 1. januar");
        assert_eq!(long_date("2028-02-29", Lang::En), "Tuesday 29 February");
        assert_eq!(long_date("2026-03-01", Lang::Da), "søndag den 1. marts");
        assert_eq!(long_date("ikke en dato", Lang::Da), "ikke en dato");
    }
}
