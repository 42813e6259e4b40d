//! The forms of the server-rendered *Min profil* that hold the citizen's choices: "Det hjælper
//! mig" (accommodations and reminders) and "Besked på e-mail", as `frontend/src/pages/profile/
//! {accommodations,email}.rs` draw them, filled in with what she chose.

use html_escape::encode_text as text;
use serde::Serialize;
use shared::api::{
    Accommodations, EmailSettings, MeetingChannel, ReminderChannel, ReminderTiming, TimeOfDay,
};
use shared::i18n::{Texts, fill};
use shared::validation::limits;

use crate::server_pages::controls::{TextInput, button, checkbox, radio_group, text_field};

/// A choice's code as the API spells it.
fn code<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

fn choices<T: Copy + Serialize>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v), label(*v).to_string()))
        .collect()
}

/// A fieldset of checkboxes with a legend and a hint.
fn checkbox_group(id: &str, legend: &str, hint: &str, boxes: &str) -> String {
    format!(
        r#"<div class="form-group"><fieldset id="{id}" aria-describedby="{id}-hint"><legend class="form-label">{}</legend><span class="form-hint" id="{id}-hint">{}</span>{boxes}</fieldset></div>"#,
        text(legend),
        text(hint)
    )
}

pub fn accommodations(t: &Texts, a: &Accommodations) -> String {
    let p = t.profile;
    let meets = |c: MeetingChannel| a.meeting_channels.contains(&c);
    let reminds = |c: ReminderChannel| a.reminder_channels.contains(&c);
    let interpreter = a.interpreter_language.is_some();
    let language = if interpreter {
        format!(
            r#"<div class="profile-reveal">{}</div>"#,
            text_field(
                t,
                &TextInput {
                    path: "interpreter_language",
                    label: p.interpreter_language_label,
                    value: a.interpreter_language.as_deref().unwrap_or_default(),
                    hint: None,
                    max: Some(limits::INTERPRETER_LANGUAGE),
                    input_type: "text",
                    autocomplete: "off",
                }
            )
        )
    } else {
        String::new()
    };
    let channels = checkbox_group(
        "meeting_channels",
        p.meeting_channels_legend,
        p.meeting_channels_hint,
        &[
            checkbox(
                "meeting_channels-in_person",
                p.channel_in_person,
                meets(MeetingChannel::InPerson),
                None,
            ),
            checkbox(
                "meeting_channels-phone",
                p.channel_phone,
                meets(MeetingChannel::Phone),
                None,
            ),
            checkbox(
                "meeting_channels-video",
                p.channel_video,
                meets(MeetingChannel::Video),
                None,
            ),
        ]
        .concat(),
    );
    let needs = checkbox_group(
        "needs",
        p.needs_legend,
        p.choose_all_that_fit,
        &[
            checkbox(
                "longer_meetings",
                p.longer_meetings,
                a.longer_meetings,
                None,
            ),
            checkbox(
                "companion",
                p.companion,
                a.companion,
                Some(p.companion_hint),
            ),
            checkbox("interpreter", p.interpreter, interpreter, None),
            language,
            checkbox(
                "written_summary",
                p.written_summary,
                a.written_summary,
                None,
            ),
            checkbox("easy_read", p.easy_read, a.easy_read, None),
            checkbox(
                "step_free_access",
                p.step_free_access,
                a.step_free_access,
                None,
            ),
        ]
        .concat(),
    );
    let reminder_channels = checkbox_group(
        "reminder_channels",
        p.reminder_channels_legend,
        p.choose_all_that_fit,
        &[
            checkbox(
                "reminder_channels-email",
                p.reminder_email,
                reminds(ReminderChannel::Email),
                None,
            ),
            checkbox(
                "reminder_channels-sms",
                p.reminder_sms,
                reminds(ReminderChannel::Sms),
                None,
            ),
        ]
        .concat(),
    );
    format!(
        r#"<section aria-labelledby="accommodations-heading" class="mb-8"><h2 id="accommodations-heading" tabindex="-1">{heading}</h2><p>{intro}</p><form novalidate aria-labelledby="accommodations-heading">{channels}{time}{needs}<h3 class="mt-6">{reminders}</h3>{reminder_channels}{timing}{save}</form></section>"#,
        heading = text(p.accommodations_heading),
        intro = text(p.accommodations_intro),
        time = radio_group(
            "time_of_day",
            p.time_of_day_legend,
            &choices(&TimeOfDay::ALL, |v| p.time_of_day(v)),
            &code(a.time_of_day)
        ),
        reminders = text(p.reminders_heading),
        timing = radio_group(
            "reminder_timing",
            p.reminder_timing_legend,
            &choices(&ReminderTiming::ALL, |v| p.reminder_timing(v)),
            &code(a.reminder_timing)
        ),
        save = button("submit", "button-primary mt-5", t.save),
    )
}

/// "Besked på e-mail": the address and what is sent to it.
pub fn email(t: &Texts, s: &EmailSettings) -> String {
    let m = t.messages;
    let address_form = |initial: &str| {
        format!(
            r#"<form novalidate class="mb-4">{}{}</form>"#,
            text_field(
                t,
                &TextInput {
                    path: "address",
                    label: m.email_label,
                    value: initial,
                    hint: None,
                    max: None,
                    input_type: "email",
                    autocomplete: "email",
                }
            ),
            button("submit", "button-primary", m.email_send_code)
        )
    };
    let remove = button("button", "button-tertiary", m.email_remove);
    let state = match (&s.address, s.confirmed) {
        (None, _) => format!(
            "<p><strong>{}</strong></p>{}",
            text(m.email_none),
            address_form("")
        ),
        (Some(address), false) => {
            let code = if s.code_pending {
                format!(
                    r#"<p>{}</p><form novalidate class="mb-6">{}{}</form>"#,
                    text(&fill(m.code_sent, address)),
                    text_field(
                        t,
                        &TextInput {
                            path: "code",
                            label: m.code_label,
                            value: "",
                            hint: Some(m.code_hint),
                            max: None,
                            input_type: "text",
                            autocomplete: "one-time-code",
                        }
                    ),
                    button("submit", "button-primary", m.code_confirm)
                )
            } else {
                String::new()
            };
            format!(
                r#"<div class="alert alert-warning"><div class="alert-body"><p class="alert-text">{}</p></div></div>{code}{}{remove}"#,
                text(m.email_unconfirmed),
                address_form(address)
            )
        }
        (Some(address), true) => {
            let n = &s.notify;
            format!(
                r#"<p><strong>{}</strong></p><form novalidate class="mb-6"><fieldset><legend class="form-label">{}</legend>{}{}{}</fieldset>{}</form>{}{remove}"#,
                text(&fill(m.email_confirmed, address)),
                text(m.notify_legend),
                checkbox("notify-messages", m.notify_messages, n.messages, None),
                checkbox("notify-meetings", m.notify_meetings, n.meetings, None),
                checkbox("notify-plan", m.notify_plan, n.plan, None),
                button("submit", "button-secondary", m.notify_save),
                button("button", "button-secondary mr-4", m.email_change),
            )
        }
    };
    format!(
        r#"<section id="notifikationer" aria-labelledby="email-heading" class="mb-8"><h2 id="email-heading">{}</h2><p>{}</p>{state}</section>"#,
        text(m.email_heading),
        text(m.email_intro)
    )
}
