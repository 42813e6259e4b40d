//! "Book et møde" (and the caseworker's "Indkald", the same form at the citizen's address)
//! and moving a meeting. Each booking carries one key, so a double tap or a resend after a
//! timeout books once; a time someone else took meanwhile comes back with the nearest free
//! times to choose from.

use dioxus::prelude::*;
use shared::api::{
    BookMeetingRequest, ConflictState, FreeDay, FreeTimesResponse, MeetingChannel, NearbyTime,
};
use shared::i18n::fill;
use shared::validation::{Problems, limits, optional_text};

use super::times::{Choice, TakenAlert, TimePicker, use_choice};
use super::{format_name, leave_notice, list_route, when};
use crate::api::{self, ApiFailure, Whose};
use crate::components::form::{RadioGroup, SelectField, TextArea};
use crate::components::form_state::{Form, FormProblems, use_form};
use crate::components::loaded::loaded;
use crate::dom;
use crate::format;
use crate::i18n::{use_lang, use_texts};

fn channel_code(c: MeetingChannel) -> &'static str {
    match c {
        MeetingChannel::InPerson => "in_person",
        MeetingChannel::Phone => "phone",
        MeetingChannel::Video => "video",
    }
}

fn channel_of(code: &str) -> Option<MeetingChannel> {
    MeetingChannel::ALL
        .into_iter()
        .find(|c| channel_code(*c) == code)
}

/// Starts sending a booking or move; `None` when a send is under way or no time is chosen
/// (then said on the form).
pub(super) fn begin_with_time(
    form: Form,
    choice: Choice,
    days: &[FreeDay],
    lang: shared::Lang,
) -> Option<i64> {
    if !form.begin() {
        return None;
    }
    let start = choice.start_in(days);
    if start.is_none() {
        let text = shared::i18n::texts(lang).meetings.choose_time_first;
        form.refuse_field("starts_at", text.to_string());
    }
    start
}

/// A refused booking or move: a taken time shows the nearest free ones and loads the free
/// times again; anything else goes to the form's error summary.
pub(super) fn refused(
    failure: ApiFailure,
    form: Form,
    mut taken: Signal<Option<Vec<NearbyTime>>>,
    mut choice: Choice,
    mut free: Resource<Result<FreeTimesResponse, ApiFailure>>,
    lang: shared::Lang,
) {
    if let Some(ConflictState::SlotTaken(near)) = failure.current {
        choice.start.set(String::new());
        form.reset();
        taken.set(Some(near));
        free.restart();
    } else {
        form.fail(&failure, "", lang);
    }
}

#[component]
pub fn BookForm(whose: Whose) -> Element {
    let length = use_signal(|| None::<u16>);
    let backup = use_signal(|| false);
    let asked = whose.clone();
    let free = use_resource(move || {
        let whose = asked.clone();
        let (length, backup) = (length(), backup());
        async move { api::meetings::free_times(&whose, length, backup).await }
    });
    let fields = BookFields {
        format: use_signal(String::new),
        length_text: use_signal(String::new),
        purpose: use_signal(String::new),
        key: use_signal(dom::random_key),
        choice: use_choice(),
        taken: use_signal(|| None),
        form: use_form(),
    };
    // The choices the server made (the profile's format, the length) until the person makes
    // their own.
    use_effect(move || {
        if let Some(Ok(f)) = &*free.read() {
            let (mut format, mut length_text) = (fields.format, fields.length_text);
            if channel_of(&format.peek()).is_none_or(|c| !f.formats.contains(&c))
                && let Some(preferred) = f.preferred_format
            {
                format.set(channel_code(preferred).to_string());
            }
            if *length_text.peek() != f.length_minutes.to_string() {
                length_text.set(f.length_minutes.to_string());
            }
        }
    });
    rsx! {
        TakenAlert { taken: fields.taken, choice: fields.choice }
        {loaded(free, |f| rsx! {
            BookBody { whose: whose.clone(), f, fields, length, backup, free }
        })}
    }
}

/// The form's state, kept above the loaded free times so it survives their reloading.
#[derive(Clone, Copy, PartialEq)]
struct BookFields {
    format: Signal<String>,
    length_text: Signal<String>,
    purpose: Signal<String>,
    key: Signal<String>,
    choice: Choice,
    taken: Signal<Option<Vec<NearbyTime>>>,
    form: Form,
}

#[component]
fn BookBody(
    whose: Whose,
    f: FreeTimesResponse,
    fields: BookFields,
    length: Signal<Option<u16>>,
    backup: Signal<bool>,
    free: Resource<Result<FreeTimesResponse, ApiFailure>>,
) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let citizen = matches!(whose, Whose::Mine);
    let Some(caseworker) = f.caseworker.clone() else {
        return rsx! {
            div { class: "alert alert-warning",
                div { class: "alert-body", p { class: "alert-text", "{m.no_caseworker}" } }
            }
        };
    };
    let BookFields {
        format,
        length_text,
        purpose,
        mut key,
        choice,
        taken,
        form,
    } = fields;
    let mut length_choice = length;
    let served = f.length_minutes;
    use_effect(move || {
        // Only a length the person chose loads the times again.
        if let Ok(l) = length_text().parse::<u16>()
            && l != served
            && *length_choice.peek() != Some(l)
        {
            length_choice.set(Some(l));
        }
    });
    let days = f.days.clone();
    let (length_minutes, with_backup) = (f.length_minutes, f.with_backup);
    let target = whose.clone();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let Some(starts_at) = begin_with_time(form, choice, &days, lang()) else {
            return;
        };
        let mut problems = Problems::default();
        problems.check(
            "purpose",
            optional_text(&purpose(), limits::MEETING_PURPOSE),
        );
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        let Some(channel) = channel_of(&format()) else {
            form.refuse_field("format", t.meetings.format_legend.to_string());
            return;
        };
        let request = BookMeetingRequest {
            starts_at,
            length_minutes,
            format: channel,
            purpose: purpose(),
            with_backup,
            idempotency_key: key(),
        };
        let whose = target.clone();
        spawn(async move {
            match api::meetings::book(&whose, &request).await {
                Ok(meeting) => {
                    key.set(dom::random_key());
                    form.succeed();
                    let texts = shared::i18n::texts(lang());
                    let notice = if matches!(whose, Whose::Mine) {
                        texts.meetings.booked_notice
                    } else {
                        texts.meetings.summoned_notice
                    };
                    leave_notice(fill(notice, &when(&meeting, lang())));
                    navigator().push(list_route(&whose));
                }
                Err(failure) => refused(failure, form, taken, choice, free, lang()),
            }
        });
    };
    let formats: Vec<(String, String)> = f
        .formats
        .iter()
        .map(|c| {
            (
                channel_code(*c).to_string(),
                format_name(*c, lang()).to_string(),
            )
        })
        .collect();
    let lengths: Vec<(String, String)> = f
        .lengths
        .iter()
        .map(|l| (l.to_string(), fill(m.minutes, &l.to_string())))
        .collect();
    rsx! {
        p { class: "font-lead", strong { "{fill(m.with_caseworker, &caseworker.name)}" } ", {caseworker.team}" }
        if citizen {
            BackupChoice { f: f.clone(), backup }
        }
        form { novalidate: true, onsubmit: submit,
            FormProblems { form }
            RadioGroup { path: "format", legend: m.format_legend, value: format, options: formats, error: form.error("format") }
            if f.lengths.len() > 1 {
                SelectField { path: "length_minutes", label: m.length_label, value: length_text, options: lengths, error: form.error("length_minutes") }
            }
            if citizen {
                super::needs::Needs { needs: f.needs.clone() }
            }
            TimePicker { days: f.days.clone(), choice, error: form.error("starts_at") }
            TextArea {
                path: "purpose",
                label: if citizen { m.purpose_label } else { m.purpose_shown },
                hint: citizen.then_some(m.purpose_hint.to_string()),
                value: purpose,
                max: limits::MEETING_PURPOSE,
                optional: true,
                rows: 3,
                error: form.error("purpose"),
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{m.sending}" } else if citizen { "{m.book_submit}" } else { "{m.summon_submit}" }
            }
        }
    }
}

/// When the own caseworker has nothing soon: the backup caseworker's offer, and the way back.
#[component]
fn BackupChoice(f: FreeTimesResponse, backup: Signal<bool>) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    if f.with_backup {
        return rsx! {
            p {
                button { r#type: "button", class: "button button-secondary",
                    onclick: move |_| backup.set(false),
                    "{m.primary_show}"
                }
            }
        };
    }
    let Some(offer) = f.backup_offer else {
        return rsx! {};
    };
    let own = f.caseworker.map(|c| c.name).unwrap_or_default();
    let text = fill(
        &fill(&fill(m.backup_offer, &own), &offer.caseworker.name),
        &format::long_date(&offer.first_free_date, lang),
    );
    rsx! {
        div { class: "alert alert-info",
            div { class: "alert-body",
                p { class: "alert-text", "{text}" }
                button { r#type: "button", class: "button button-secondary mt-3",
                    onclick: move |_| backup.set(true),
                    "{fill(m.backup_show, &offer.caseworker.name)}"
                }
            }
        }
    }
}
