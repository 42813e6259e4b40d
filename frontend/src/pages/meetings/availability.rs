//! "Mine mødetider": the caseworker's weekly hours, days without meetings, formats, lengths,
//! the break after each meeting, the address and the video link, saved as one page. The
//! server checks it (quarter hours, no overlaps, an address for meetings in person) and names
//! each field that is wrong.

use dioxus::prelude::*;
use shared::api::{
    AbsenceReason, Availability, AvailabilityException, MEETING_BUFFERS, MEETING_LENGTHS,
    MeetingChannel, WeeklyHours,
};
use shared::i18n::fill;
use shared::validation::limits;

use super::format_name;
use crate::api;
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::form::{RadioGroup, Saved, TextField, field_id};
use crate::components::form_state::{Form, FormProblems, use_form};
use crate::components::loaded::loaded;
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn MeetingHours() -> Element {
    let t = use_texts();
    let availability = use_resource(api::meetings::availability);
    rsx! {
        RequireLogin { need: Need::Caseworker,
            Link { to: crate::app::Route::CaseworkerCalendar {}, class: "back-link", "{t.meetings.title_calendar}" }
            PageHeading { text: t.meetings.title_availability }
            p { class: "font-lead", "{t.meetings.availability_intro}" }
            {loaded(availability, |a| rsx! { HoursForm { initial: a } })}
        }
    }
}

fn reason_name(r: AbsenceReason, m: &shared::i18n::meetings::MeetingTexts) -> &'static str {
    match r {
        AbsenceReason::Holiday => m.reason_holiday,
        AbsenceReason::Course => m.reason_course,
        AbsenceReason::Sick => m.reason_sick,
        AbsenceReason::Other => m.reason_other,
    }
}

#[component]
fn HoursForm(initial: Availability) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let form = use_form();
    let mut hours = use_signal(|| initial.hours.clone());
    let mut exceptions = use_signal(|| initial.exceptions.clone());
    let mut formats = use_signal(|| initial.formats.clone());
    let mut lengths = use_signal(|| initial.lengths.clone());
    let buffer = use_signal(|| initial.buffer_minutes.to_string());
    let address = use_signal(|| initial.address.clone());
    let video_link = use_signal(|| initial.video_link.clone());
    let save = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let request = Availability {
            hours: hours(),
            exceptions: exceptions(),
            formats: formats(),
            lengths: lengths(),
            buffer_minutes: buffer().parse().unwrap_or(u16::MAX),
            address: address(),
            video_link: video_link(),
        };
        spawn(async move {
            match api::meetings::save_availability(&request).await {
                Ok(saved) => {
                    hours.set(saved.hours);
                    exceptions.set(saved.exceptions);
                    form.succeed();
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    let buffers: Vec<(String, String)> = MEETING_BUFFERS
        .iter()
        .map(|b| (b.to_string(), fill(m.minutes, &b.to_string())))
        .collect();
    rsx! {
        form { novalidate: true, onsubmit: save,
            FormProblems { form }
            h2 { "{m.hours_heading}" }
            if hours.read().is_empty() {
                p { "{m.hours_empty}" }
            }
            for i in 0..hours.read().len() {
                HoursRow { key: "{i}", i, hours, form }
            }
            p {
                button { r#type: "button", class: "button button-secondary",
                    onclick: move |_| hours.write().push(WeeklyHours { weekday: 1, starts: "09:00".into(), ends: "12:00".into() }),
                    "{m.add_hours}"
                }
            }
            h2 { "{m.exceptions_heading}" }
            if exceptions.read().is_empty() {
                p { "{m.exceptions_empty}" }
            }
            for i in 0..exceptions.read().len() {
                ExceptionRow { key: "{i}", i, exceptions, form }
            }
            p {
                button { r#type: "button", class: "button button-secondary",
                    onclick: move |_| exceptions.write().push(AvailabilityException { from: String::new(), until: String::new(), reason: AbsenceReason::Holiday }),
                    "{m.add_exception}"
                }
            }
            Checkboxes {
                path: "formats",
                legend: m.formats_legend,
                error: form.error("formats"),
                options: MeetingChannel::ALL.iter().map(|c| (format_name(*c, lang()).to_string(), formats.read().contains(c))).collect::<Vec<_>>(),
                on_toggle: move |i: usize| {
                    let c = MeetingChannel::ALL[i];
                    let mut f = formats.write();
                    if let Some(at) = f.iter().position(|x| *x == c) { f.remove(at); } else { f.push(c); }
                },
            }
            Checkboxes {
                path: "lengths",
                legend: m.lengths_legend,
                error: form.error("lengths"),
                options: MEETING_LENGTHS.iter().map(|l| (fill(m.minutes, &l.to_string()), lengths.read().contains(l))).collect::<Vec<_>>(),
                on_toggle: move |i: usize| {
                    let l = MEETING_LENGTHS[i];
                    let mut ls = lengths.write();
                    if let Some(at) = ls.iter().position(|x| *x == l) { ls.remove(at); } else { ls.push(l); ls.sort_unstable(); }
                },
            }
            RadioGroup { path: "buffer_minutes", legend: m.buffer_legend, value: buffer, options: buffers, error: form.error("buffer_minutes") }
            TextField { path: "address", label: m.address_label, value: address, max: limits::MEETING_PLACE, error: form.error("address"), autocomplete: "street-address" }
            TextField { path: "video_link", label: m.video_label, value: video_link, max: limits::MEETING_PLACE, input_type: "url", error: form.error("video_link") }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{m.sending}" } else { "{m.save_availability}" }
            }
            if (form.saved)() {
                Saved { text: m.availability_saved }
            }
        }
    }
}

/// A labelled input inside a row, its error from the server's path for it.
#[component]
fn RowInput(
    path: String,
    label: String,
    value: String,
    hint: String,
    error: Option<String>,
    on_input: EventHandler<String>,
) -> Element {
    let t = use_texts();
    let id = field_id(&path);
    rsx! {
        div { class: if error.is_some() { "form-group form-error" } else { "form-group" },
            label { class: "form-label", r#for: "{id}", "{label}" }
            span { class: "form-hint", id: "{id}-hint", "{hint}" }
            if let Some(e) = &error {
                span { class: "form-error-message", id: "{id}-error", span { class: "sr-only", "{t.error_prefix} " } "{e}" }
            }
            input { r#type: "text", id: "{id}", class: "form-input input-width-xs", value: "{value}",
                "aria-invalid": if error.is_some() { "true" } else { "false" },
                "aria-describedby": if error.is_some() { format!("{id}-hint {id}-error") } else { format!("{id}-hint") },
                oninput: move |e| on_input.call(e.value()),
            }
        }
    }
}

#[component]
fn HoursRow(i: usize, hours: Signal<Vec<WeeklyHours>>, form: Form) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let Some(row) = hours.read().get(i).cloned() else {
        return rsx! {};
    };
    let base = format!("hours[{i}]");
    let weekday_id = field_id(&format!("{base}.weekday"));
    rsx! {
        fieldset { class: "mb-5",
            legend { class: "h4", "{fill(m.span_legend, &(i + 1).to_string())}" }
            div { class: "form-group",
                label { class: "form-label", r#for: "{weekday_id}", "{m.weekday_label}" }
                select { id: "{weekday_id}", class: "form-select",
                    onchange: move |e| {
                        if let Ok(d) = e.value().parse::<u8>() && let Some(r) = hours.write().get_mut(i) { r.weekday = d; }
                    },
                    for (d, name) in m.weekdays.iter().enumerate() {
                        option { key: "{d}", value: "{d + 1}", selected: row.weekday as usize == d + 1, "{name}" }
                    }
                }
            }
            RowInput { path: format!("{base}.starts"), label: m.starts_label, value: row.starts.clone(), hint: m.time_hint, error: form.error(&format!("{base}.starts")),
                on_input: move |v: String| if let Some(r) = hours.write().get_mut(i) { r.starts = v; } }
            RowInput { path: format!("{base}.ends"), label: m.ends_label, value: row.ends.clone(), hint: m.time_hint, error: form.error(&format!("{base}.ends")),
                on_input: move |v: String| if let Some(r) = hours.write().get_mut(i) { r.ends = v; } }
            button { r#type: "button", class: "button button-tertiary",
                onclick: move |_| { hours.write().remove(i); },
                "{m.remove} {fill(m.span_legend, &(i + 1).to_string()).to_lowercase()}"
            }
        }
    }
}

#[component]
fn ExceptionRow(i: usize, exceptions: Signal<Vec<AvailabilityException>>, form: Form) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let Some(row) = exceptions.read().get(i).cloned() else {
        return rsx! {};
    };
    let base = format!("exceptions[{i}]");
    let reason_id = field_id(&format!("{base}.reason"));
    rsx! {
        fieldset { class: "mb-5",
            legend { class: "h4", "{fill(m.exception_legend, &(i + 1).to_string())}" }
            RowInput { path: format!("{base}.from"), label: m.exception_from, value: row.from.clone(), hint: m.date_hint, error: form.error(&format!("{base}.from")),
                on_input: move |v: String| if let Some(r) = exceptions.write().get_mut(i) { r.from = v; } }
            RowInput { path: format!("{base}.until"), label: m.exception_until, value: row.until.clone(), hint: m.date_hint, error: form.error(&format!("{base}.until")),
                on_input: move |v: String| if let Some(r) = exceptions.write().get_mut(i) { r.until = v; } }
            div { class: "form-group",
                label { class: "form-label", r#for: "{reason_id}", "{m.reason_label}" }
                select { id: "{reason_id}", class: "form-select",
                    onchange: move |e| {
                        if let Some(reason) = AbsenceReason::from_code(&e.value()) && let Some(r) = exceptions.write().get_mut(i) { r.reason = reason; }
                    },
                    for reason in AbsenceReason::ALL {
                        option { key: "{reason.code()}", value: "{reason.code()}", selected: row.reason == reason, "{reason_name(reason, m)}" }
                    }
                }
            }
            button { r#type: "button", class: "button button-tertiary",
                onclick: move |_| { exceptions.write().remove(i); },
                "{m.remove} {fill(m.exception_legend, &(i + 1).to_string()).to_lowercase()}"
            }
        }
    }
}

/// Checkboxes in a fieldset; `on_toggle` hears the index of the one changed.
#[component]
fn Checkboxes(
    path: String,
    legend: String,
    error: Option<String>,
    options: Vec<(String, bool)>,
    on_toggle: EventHandler<usize>,
) -> Element {
    let t = use_texts();
    let id = field_id(&path);
    rsx! {
        div { class: if error.is_some() { "form-group form-error" } else { "form-group" },
            fieldset { id: "{id}", "aria-describedby": error.as_ref().map(|_| format!("{id}-error")),
                legend { class: "form-label", "{legend}" }
                if let Some(e) = &error {
                    span { class: "form-error-message", id: "{id}-error", span { class: "sr-only", "{t.error_prefix} " } "{e}" }
                }
                for (i, (label, checked)) in options.into_iter().enumerate() {
                    div { key: "{i}", class: "form-group-checkbox",
                        input { r#type: "checkbox", id: "{id}-{i}", class: "form-checkbox", checked,
                            onchange: move |_| on_toggle.call(i),
                        }
                        label { class: "form-label", r#for: "{id}-{i}", "{label}" }
                    }
                }
            }
        }
    }
}
