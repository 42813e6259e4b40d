//! "Flyt mødet": another free time of the same caseworker, in the same length and format.

use dioxus::prelude::*;
use shared::api::MeetingView;
use shared::i18n::fill;
use uuid::Uuid;

use super::book::{begin_with_time, refused};
use super::times::{TakenAlert, TimePicker, use_choice};
use super::{leave_notice, list_route, when};
use crate::api::{self, Whose};
use crate::components::form_state::{FormProblems, use_form};
use crate::components::loaded::loaded;
use crate::i18n::{use_lang, use_texts};

/// "Flyt mødet": another free time in the same length and format.
#[component]
pub fn MoveForm(whose: Whose, id: String) -> Element {
    let asked = whose.clone();
    let list = use_resource(move || {
        let whose = asked.clone();
        async move { api::meetings::list(&whose).await }
    });
    let t = use_texts();
    loaded(list, |l| {
        let found = l.upcoming.into_iter().find(|m| m.id.to_string() == id);
        match found {
            Some(meeting) if meeting.can_change => {
                rsx! { MoveBody { whose: whose.clone(), meeting } }
            }
            Some(_) => rsx! {
                div { class: "alert alert-warning",
                    div { class: "alert-body",
                        p { class: "alert-text", "{fill(t.meetings.deadline_passed, &l.change_deadline_hours.to_string())}" }
                    }
                }
            },
            None => rsx! { p { "{t.not_found_body}" } },
        }
    })
}

#[component]
fn MoveBody(whose: Whose, meeting: MeetingView) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let length = ((meeting.ends_at - meeting.starts_at) / 60_000) as u16;
    let asked = whose.clone();
    let with = meeting.caseworker.name.clone();
    let free = use_resource(move || {
        let (whose, with) = (asked.clone(), with.clone());
        async move {
            // A meeting with the backup caseworker moves within the backup's times.
            let own = api::meetings::free_times(&whose, Some(length), false).await?;
            let is_with = |f: &shared::api::FreeTimesResponse| {
                f.caseworker.as_ref().is_some_and(|c| c.name == with)
            };
            if is_with(&own) || whose != Whose::Mine {
                return Ok(own);
            }
            let backup = api::meetings::free_times(&whose, Some(length), true).await?;
            Ok(if is_with(&backup) { backup } else { own })
        }
    });
    let choice = use_choice();
    let taken = use_signal(|| None);
    let form = use_form();
    let id: Uuid = meeting.id;
    let now = when(&meeting, lang());
    let target = whose.clone();
    rsx! {
        p { class: "font-lead", "{now}" }
        TakenAlert { taken, choice }
        {loaded(free, move |f| {
            let days = f.days.clone();
            let whose = target.clone();
            let submit = move |e: FormEvent| {
                e.prevent_default();
                let Some(starts_at) = begin_with_time(form, choice, &days, lang()) else {
                    return;
                };
                let whose = whose.clone();
                spawn(async move {
                    match api::meetings::move_to(&whose, id, starts_at).await {
                        Ok(moved) => {
                            form.succeed();
                            leave_notice(fill(shared::i18n::texts(lang()).meetings.moved_notice, &when(&moved, lang())));
                            navigator().push(list_route(&whose));
                        }
                        Err(failure) => refused(failure, form, taken, choice, free, lang()),
                    }
                });
            };
            rsx! {
                form { novalidate: true, onsubmit: submit,
                    FormProblems { form }
                    TimePicker { days: f.days.clone(), choice, error: form.error("starts_at") }
                    button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                        if (form.busy)() { "{m.sending}" } else { "{m.move_submit}" }
                    }
                }
            }
        })}
    }
}
