//! English email texts.

use super::EmailTexts;

pub(in crate::i18n) static EN: EmailTexts = EmailTexts {
    new_message_subject: "You have a new message from the jobcentre",
    new_message_lead: "You have a new message in Sammen. Log in to read it.",
    overdue_subject: "Citizens are waiting for an answer",
    overdue_lead: "One or more citizens have waited longer than promised for an answer. Log in to Sammen and find them in your inbox.",
    code_subject: "Your code for Sammen",
    code_lead: "Your code is {}. Type it on the page My profile to confirm your email address.",
    code_expiry: "The code works for 30 minutes.",
    code_not_you: "If you did not ask for the code, you can ignore this email.",
    log_in: "Log in to Sammen:",
    greeting: "Hello",
    signature: "Kind regards\nThe jobcentre",
    why_you_get_this: "You get this email because you asked Sammen to tell you. You can turn it off on My profile.",
    settings_link: "Notification settings:",
    do_not_reply: "You cannot reply to this email. Write to us in Sammen.",
    meeting_booked_subject: "Your meeting with the jobcentre is booked",
    meeting_moved_subject: "Your meeting with the jobcentre has moved",
    meeting_cancelled_subject: "Your meeting with the jobcentre is cancelled",
    meeting_reminder_subject: "Remember your meeting with the jobcentre",
    meeting_booked_lead: "You have a {} {}. Log in to see the meeting, move it or cancel it.",
    meeting_moved_lead: "Your meeting has moved. You now have a {} {}.",
    meeting_cancelled_lead: "Your {} {} is cancelled.",
    meeting_reminder_lead: "Remember that you have a {} {}.",
    meeting_calendar_hint: "The meeting is attached as a calendar file, so you can add it to your calendar.",
    meeting_in_person: "meeting at the jobcentre",
    meeting_phone: "phone meeting",
    meeting_video: "video meeting",
    meeting_at: "on {} at {}",
};
