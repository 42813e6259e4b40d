//! "Beskeder", "Indbakke" and the email settings on "Min profil". `{}` is filled with
//! `super::fill`.

mod da;
mod en;

pub(super) use da::DA;
pub(super) use en::EN;

use crate::api::Topic;

#[derive(Debug)]
pub struct MessageTexts {
    // The citizen's list.
    pub title: &'static str,
    pub intro: &'static str,
    pub new_message: &'static str,
    pub list_empty: &'static str,
    pub unread: &'static str,
    /// `{}`: a date.
    pub waiting_until: &'static str,
    pub last_from_you: &'static str,
    pub last_from_jobcentre: &'static str,
    pub overdue: &'static str,
    pub closed: &'static str,
    /// `{}`: the caseworker's name.
    pub goes_to: &'static str,
    pub no_recipient: &'static str,
    pub live_hint: &'static str,

    // Writing.
    pub subject_label: &'static str,
    pub body_label: &'static str,
    pub body_hint: &'static str,
    pub topic_label: &'static str,
    pub topic_plan: &'static str,
    pub topic_meeting: &'static str,
    pub topic_health: &'static str,
    pub topic_money: &'static str,
    pub topic_other: &'static str,
    pub send: &'static str,
    pub sending: &'static str,
    /// `{}`: the promised date, e.g. "torsdag 3. december".
    pub sent_promise: &'static str,
    pub sent: &'static str,
    pub draft_saving: &'static str,
    pub draft_saved: &'static str,
    pub draft_failed: &'static str,
    pub draft_restored: &'static str,

    // A conversation.
    pub read_by_jobcentre: &'static str,
    pub read_by_citizen: &'static str,
    pub not_read_yet: &'static str,
    pub you: &'static str,
    pub reply_label: &'static str,
    pub reply_send: &'static str,
    pub back_to_messages: &'static str,
    pub no_reply_needed_note: &'static str,
    pub messages_heading: &'static str,

    // Mit overblik.
    /// `{}`: how many.
    pub overview_unread: &'static str,
    pub overview_unread_one: &'static str,
    pub overview_none_unread: &'static str,
    pub overview_newest: &'static str,
    pub go_to_messages: &'static str,

    // The caseworker's inbox.
    pub inbox_title: &'static str,
    pub inbox_intro: &'static str,
    pub filter_label: &'static str,
    pub filter_waiting: &'static str,
    pub filter_overdue: &'static str,
    pub filter_all: &'static str,
    pub search_label: &'static str,
    pub search_button: &'static str,
    pub inbox_empty: &'static str,
    /// `{}`, `{}`: waiting, overdue.
    pub inbox_counts: &'static str,
    /// `{}`: when.
    pub waiting_since: &'static str,
    /// `{}`: a date.
    pub answer_by: &'static str,
    pub citizen_column: &'static str,
    pub subject_column: &'static str,
    pub status_column: &'static str,
    pub hints_heading: &'static str,
    pub hint_easy_read: &'static str,
    pub hint_written_summary: &'static str,
    pub no_reply_needed: &'static str,
    pub no_reply_needed_done: &'static str,
    pub write_to_citizen: &'static str,
    pub citizen_messages_tab: &'static str,

    // Email on "Min profil".
    pub email_heading: &'static str,
    pub email_intro: &'static str,
    pub email_none: &'static str,
    pub email_label: &'static str,
    pub email_send_code: &'static str,
    /// `{}`: the address.
    pub code_sent: &'static str,
    pub code_label: &'static str,
    pub code_hint: &'static str,
    pub code_confirm: &'static str,
    /// `{}`: the address.
    pub email_confirmed: &'static str,
    pub email_unconfirmed: &'static str,
    pub notify_legend: &'static str,
    pub notify_messages: &'static str,
    pub notify_meetings: &'static str,
    pub notify_plan: &'static str,
    pub notify_save: &'static str,
    pub notify_saved: &'static str,
    pub email_remove: &'static str,
    pub email_removed: &'static str,
    pub email_change: &'static str,
    pub handover_message: &'static str,
    pub handover_heading: &'static str,
    pub handover_to: &'static str,
    pub handover_note: &'static str,
    pub handover_button: &'static str,
    pub handover_done: &'static str,
    /// `{}`, `{}`, `{}`: who is away, until when, who answers.
    pub cover_notice: &'static str,
    pub away_heading: &'static str,
    pub away_intro: &'static str,
    pub away_from: &'static str,
    pub away_until: &'static str,
    pub away_save: &'static str,
    pub away_clear: &'static str,
    /// `{}`, `{}`: from, until.
    pub away_now: &'static str,
    pub away_saved: &'static str,
    pub attach_label: &'static str,
    /// `{}`, `{}`: megabytes per file, files per message.
    pub attach_hint: &'static str,
    /// `{}`, `{}`: the file's name, the percentage sent.
    pub attach_uploading: &'static str,
    /// `{}`: the file's name.
    pub attach_remove: &'static str,
    pub attach_ready: &'static str,
    pub attachments_label: &'static str,
    pub close: &'static str,
    pub closed_note: &'static str,
    pub closed_done: &'static str,
    pub pages_label: &'static str,
    /// `{}`, `{}`: this page, how many.
    pub page_of: &'static str,
    pub previous_page: &'static str,
    pub next_page: &'static str,
}

impl MessageTexts {
    pub fn topic(&self, topic: Topic) -> &'static str {
        match topic {
            Topic::Plan => self.topic_plan,
            Topic::Meeting => self.topic_meeting,
            Topic::Health => self.topic_health,
            Topic::Money => self.topic_money,
            Topic::Other => self.topic_other,
        }
    }
}
