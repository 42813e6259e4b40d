//! "Det hjælper mig": how the citizen wants to meet and be reminded. One form for the citizen,
//! a short summary for the caseworker (who plans meetings from it).

use dioxus::prelude::*;
use shared::api::{Accommodations, MeetingChannel, ReminderChannel, ReminderTiming, TimeOfDay};
use shared::i18n::fill;
use shared::validation::{check_accommodations, limits};

use super::helpers::{choices, code, from_code};
use crate::api;
use crate::components::form::{CheckboxField, RadioGroup, Saved, TextField};
use crate::components::form_state::{FormProblems, use_form};
use crate::dom;
use crate::i18n::{use_lang, use_texts};

const HEADING_ID: &str = "accommodations-heading";
const FIELD_ORDER: [&str; 5] = [
    "meeting_channels",
    "time_of_day",
    "interpreter_language",
    "reminder_channels",
    "reminder_timing",
];

/// The citizen's form.
#[component]
pub fn AccommodationsForm(initial: Accommodations) -> Element {
    let t = use_texts();
    let p = t.profile;
    let lang = use_lang();
    let form = use_form();
    let start = use_hook(|| initial.clone());
    let has = |c: MeetingChannel| start.meeting_channels.contains(&c);
    let in_person = use_signal(|| has(MeetingChannel::InPerson));
    let phone = use_signal(|| has(MeetingChannel::Phone));
    let video = use_signal(|| has(MeetingChannel::Video));
    let time_of_day = use_signal(|| code(start.time_of_day));
    let longer_meetings = use_signal(|| start.longer_meetings);
    let companion = use_signal(|| start.companion);
    let interpreter = use_signal(|| start.interpreter_language.is_some());
    let interpreter_language =
        use_signal(|| start.interpreter_language.clone().unwrap_or_default());
    let written_summary = use_signal(|| start.written_summary);
    let easy_read = use_signal(|| start.easy_read);
    let step_free_access = use_signal(|| start.step_free_access);
    let email = use_signal(|| start.reminder_channels.contains(&ReminderChannel::Email));
    let sms = use_signal(|| start.reminder_channels.contains(&ReminderChannel::Sms));
    let reminder_timing = use_signal(|| code(start.reminder_timing));
    let err = move |field: &str| form.error(field);

    let submit = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let body = Accommodations {
            meeting_channels: [
                pick(in_person(), MeetingChannel::InPerson),
                pick(phone(), MeetingChannel::Phone),
                pick(video(), MeetingChannel::Video),
            ]
            .into_iter()
            .flatten()
            .collect(),
            time_of_day: from_code(&time_of_day.peek()).unwrap_or(TimeOfDay::Any),
            longer_meetings: longer_meetings(),
            companion: companion(),
            interpreter_language: interpreter()
                .then(|| interpreter_language.peek().trim().to_string()),
            written_summary: written_summary(),
            easy_read: easy_read(),
            step_free_access: step_free_access(),
            reminder_channels: [
                pick(email(), ReminderChannel::Email),
                pick(sms(), ReminderChannel::Sms),
            ]
            .into_iter()
            .flatten()
            .collect(),
            reminder_timing: from_code(&reminder_timing.peek())
                .unwrap_or(ReminderTiming::DayBefore),
        };
        let problems = check_accommodations(&body);
        if !problems.is_empty() {
            form.refuse_in_order(problems, "", &FIELD_ORDER, lang());
            return;
        }
        spawn(async move {
            match api::profile::set_accommodations(&body).await {
                Ok(_) => {
                    form.succeed();
                    dom::focus(HEADING_ID);
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };

    rsx! {
        section { "aria-labelledby": HEADING_ID, class: "mb-8",
            h2 { id: HEADING_ID, tabindex: "-1", "{p.accommodations_heading}" }
            p { "{p.accommodations_intro}" }
            if (form.saved)() {
                Saved { text: p.accommodations_saved }
            }
            FormProblems { form }
            form { novalidate: true, "aria-labelledby": HEADING_ID, onsubmit: submit,
                div { class: if err("meeting_channels").is_some() { "form-group form-error" } else { "form-group" },
                    fieldset { id: "meeting_channels", "aria-describedby": described("meeting_channels", err("meeting_channels").is_some()),
                        legend { class: "form-label", "{p.meeting_channels_legend}" }
                        span { class: "form-hint", id: "meeting_channels-hint", "{p.meeting_channels_hint}" }
                        GroupError { id: "meeting_channels", error: err("meeting_channels") }
                        CheckboxField { id: "meeting_channels-in_person", label: p.channel_in_person, checked: in_person }
                        CheckboxField { id: "meeting_channels-phone", label: p.channel_phone, checked: phone }
                        CheckboxField { id: "meeting_channels-video", label: p.channel_video, checked: video }
                    }
                }
                RadioGroup {
                    path: "time_of_day",
                    legend: p.time_of_day_legend,
                    value: time_of_day,
                    options: choices(&TimeOfDay::ALL, |v| p.time_of_day(v)),
                    error: err("time_of_day"),
                }
                div { class: "form-group",
                    fieldset { id: "needs", "aria-describedby": "needs-hint",
                        legend { class: "form-label", "{p.needs_legend}" }
                        span { class: "form-hint", id: "needs-hint", "{p.choose_all_that_fit}" }
                        CheckboxField { id: "longer_meetings", label: p.longer_meetings, checked: longer_meetings }
                        CheckboxField { id: "companion", label: p.companion, checked: companion, hint: p.companion_hint.to_string() }
                        CheckboxField { id: "interpreter", label: p.interpreter, checked: interpreter }
                        if interpreter() {
                            div { class: "profile-reveal",
                                TextField {
                                    path: "interpreter_language",
                                    label: p.interpreter_language_label,
                                    value: interpreter_language,
                                    max: limits::INTERPRETER_LANGUAGE,
                                    error: err("interpreter_language"),
                                }
                            }
                        }
                        CheckboxField { id: "written_summary", label: p.written_summary, checked: written_summary }
                        CheckboxField { id: "easy_read", label: p.easy_read, checked: easy_read }
                        CheckboxField { id: "step_free_access", label: p.step_free_access, checked: step_free_access }
                    }
                }
                h3 { class: "mt-6", "{p.reminders_heading}" }
                div { class: if err("reminder_channels").is_some() { "form-group form-error" } else { "form-group" },
                    fieldset { id: "reminder_channels", "aria-describedby": described("reminder_channels", err("reminder_channels").is_some()),
                        legend { class: "form-label", "{p.reminder_channels_legend}" }
                        span { class: "form-hint", id: "reminder_channels-hint", "{p.choose_all_that_fit}" }
                        GroupError { id: "reminder_channels", error: err("reminder_channels") }
                        CheckboxField { id: "reminder_channels-email", label: p.reminder_email, checked: email }
                        CheckboxField { id: "reminder_channels-sms", label: p.reminder_sms, checked: sms }
                    }
                }
                RadioGroup {
                    path: "reminder_timing",
                    legend: p.reminder_timing_legend,
                    value: reminder_timing,
                    options: choices(&ReminderTiming::ALL, |v| p.reminder_timing(v)),
                    error: err("reminder_timing"),
                }
                button { r#type: "submit", class: "button button-primary mt-5", disabled: (form.busy)(),
                    if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                }
            }
        }
    }
}

fn pick<T>(on: bool, value: T) -> Option<T> {
    on.then_some(value)
}

/// The hint, and the error when there is one, of a group of checkboxes.
fn described(id: &str, error: bool) -> String {
    if error {
        format!("{id}-hint {id}-error")
    } else {
        format!("{id}-hint")
    }
}

/// An error message inside a fieldset of checkboxes (a server error on the whole group).
#[component]
fn GroupError(id: String, error: Option<String>) -> Element {
    let t = use_texts();
    let Some(error) = error else { return rsx! {} };
    rsx! {
        span { class: "form-error-message", id: "{id}-error",
            span { class: "sr-only", "{t.error_prefix} " }
            "{error}"
        }
    }
}

/// What helps the citizen, for the caseworker: every answer, in plain words.
#[component]
pub fn AccommodationsSummary(accommodations: Accommodations) -> Element {
    let t = use_texts();
    let p = t.profile;
    let a = accommodations;
    let channels = if a.meeting_channels.is_empty() {
        p.summary_any_channel.to_string()
    } else {
        a.meeting_channels
            .iter()
            .map(|c| p.meeting_channel(*c))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let mut needs: Vec<String> = [
        (a.longer_meetings, p.longer_meetings),
        (a.companion, p.companion),
        (a.written_summary, p.written_summary),
        (a.easy_read, p.easy_read),
        (a.step_free_access, p.step_free_access),
    ]
    .into_iter()
    .filter(|(on, _)| *on)
    .map(|(_, text)| text.to_string())
    .collect();
    if let Some(language) = &a.interpreter_language {
        needs.insert(0, fill(p.summary_interpreter, language));
    }
    let reminders = if a.reminder_timing == ReminderTiming::None || a.reminder_channels.is_empty() {
        p.summary_no_reminders.to_string()
    } else {
        let how = a
            .reminder_channels
            .iter()
            .map(|c| p.reminder_channel(*c))
            .collect::<Vec<_>>()
            .join(", ");
        format!("{how}: {}", p.reminder_timing(a.reminder_timing))
    };
    rsx! {
        dl { class: "profile-list",
            dt { "{p.summary_meetings}" }
            dd { "{channels}" }
            dt { "{p.summary_time_of_day}" }
            dd { "{p.time_of_day(a.time_of_day)}" }
            dt { "{p.summary_needs}" }
            dd {
                if needs.is_empty() {
                    "{p.summary_no_needs}"
                } else {
                    ul { class: "nobullet-list profile-needs",
                        for need in needs {
                            li { key: "{need}", strong { "{need}" } }
                        }
                    }
                }
            }
            dt { "{p.summary_reminders}" }
            dd { "{reminders}" }
        }
    }
}
