//! The words of Sammen's emails. They say what kind of thing is waiting and where to log in,
//! never who, what or why: no names, no message text, no subjects, no case details.

mod da;
mod en;

pub(super) use da::DA;
pub(super) use en::EN;

#[derive(Debug)]
pub struct EmailTexts {
    pub new_message_subject: &'static str,
    pub new_message_lead: &'static str,
    pub overdue_subject: &'static str,
    pub overdue_lead: &'static str,
    pub code_subject: &'static str,
    /// `{}`: the 6-digit code.
    pub code_lead: &'static str,
    pub code_expiry: &'static str,
    pub code_not_you: &'static str,
    pub log_in: &'static str,
    pub greeting: &'static str,
    pub signature: &'static str,
    /// Why this email came, and where to turn notifications off.
    pub why_you_get_this: &'static str,
    pub settings_link: &'static str,
    pub do_not_reply: &'static str,
    // Meetings: `{}` is the kind of meeting, then the date and time. Never a name, purpose or place.
    pub meeting_booked_subject: &'static str,
    pub meeting_called_in_subject: &'static str,
    pub meeting_moved_subject: &'static str,
    pub meeting_cancelled_subject: &'static str,
    pub meeting_reminder_subject: &'static str,
    pub meeting_booked_lead: &'static str,
    /// `{}`: the kind of meeting, then when.
    pub meeting_called_in_lead: &'static str,
    pub meeting_moved_lead: &'static str,
    pub meeting_cancelled_lead: &'static str,
    pub meeting_reminder_lead: &'static str,
    pub meeting_calendar_hint: &'static str,
    pub meeting_in_person: &'static str,
    pub meeting_phone: &'static str,
    pub meeting_video: &'static str,
    /// `{}`: the date (d.m.yyyy), then the time (HH:MM).
    pub meeting_at: &'static str,
}
