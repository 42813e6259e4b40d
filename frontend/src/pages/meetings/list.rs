//! A citizen's meetings: upcoming soonest first (move, cancel, confirm, calendar file) and
//! past newest first with "Det aftalte vi". Cancelled meetings are not listed (the server
//! leaves them out); the page says so right after a cancellation.

use dioxus::prelude::*;
use shared::api::{MeetingChannel, MeetingStatus, MeetingView};
use shared::i18n::fill;

use super::needs::need_texts;
use super::summary::Summary;
use super::{book_route, format_name, when};
use crate::api::{self, Whose};
use crate::app::Route;
use crate::components::form::Saved;
use crate::components::form_state::provide_error_owner;
use crate::components::loaded::loaded;
use crate::i18n::{use_lang, use_texts};
use crate::live::use_changes;

#[component]
pub fn MeetingList(whose: Whose, notice: Option<String>) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    provide_error_owner();
    let changes = use_changes();
    let notice = use_signal(|| notice);
    let asked = whose.clone();
    let list = use_resource(move || {
        let _ = changes();
        let whose = asked.clone();
        async move { api::meetings::list(&whose).await }
    });
    let citizen = matches!(whose, Whose::Mine);
    rsx! {
        if let Some(text) = notice() {
            Saved { text }
        }
        p {
            Link { to: book_route(&whose), class: "button button-primary",
                if citizen { "{m.book_button}" } else { "{m.summon_button}" }
            }
        }
        {loaded(list, |l| rsx! {
            if citizen {
                p { class: "form-hint", "{fill(m.deadline_explained, &l.change_deadline_hours.to_string())}" }
            }
            section { "aria-labelledby": "upcoming-heading", class: "mb-6",
                h2 { id: "upcoming-heading", "{m.upcoming_heading}" }
                if l.upcoming.is_empty() {
                    p { if citizen { "{m.upcoming_empty}" } else { "{m.upcoming_empty_caseworker}" } }
                } else {
                    ul { class: "nobullet-list meeting-list",
                        for meeting in l.upcoming {
                            Upcoming { key: "{meeting.id}", whose: whose.clone(), meeting, deadline: l.change_deadline_hours, notice, list }
                        }
                    }
                }
            }
            section { "aria-labelledby": "past-heading", class: "mb-6",
                h2 { id: "past-heading", "{m.past_heading}" }
                if l.past.is_empty() {
                    p { "{m.past_empty}" }
                } else {
                    ul { class: "nobullet-list meeting-list",
                        for meeting in l.past {
                            Past { key: "{meeting.id}", whose: whose.clone(), meeting, list }
                        }
                    }
                }
            }
        })}
    }
}

/// When, how, where and with whom.
#[component]
fn MeetingFacts(whose: Whose, meeting: MeetingView) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    let citizen = matches!(whose, Whose::Mine);
    let with = if citizen {
        fill(m.with_caseworker, &meeting.caseworker.name)
    } else {
        fill(m.with_citizen, &meeting.citizen_name)
    };
    rsx! {
        h3 { class: "h4 mb-2", "{when(&meeting, lang)}" }
        p { class: "mb-2",
            "{format_name(meeting.format, lang)} · {with}"
        }
        if meeting.format == MeetingChannel::Phone {
            if citizen { p { class: "mb-2", "{m.phone_explained}" } }
        } else if !meeting.place.is_empty() {
            p { class: "mb-2", strong { "{m.place_label}: " } "{meeting.place}" }
        }
        if !meeting.purpose.is_empty() {
            p { class: "mb-2", strong { "{m.purpose_shown}: " } "{meeting.purpose}" }
        }
        if !citizen {
            for need in need_texts(&meeting.needs, m) {
                span { key: "{need}", class: "badge mr-3", "{need}" }
            }
        }
    }
}

#[component]
fn Upcoming(
    whose: Whose,
    meeting: MeetingView,
    deadline: u32,
    notice: Signal<Option<String>>,
    list: Resource<Result<shared::api::MeetingsResponse, api::ApiFailure>>,
) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let citizen = matches!(whose, Whose::Mine);
    let mut asking = use_signal(|| false);
    let mut busy = use_signal(|| false);
    let mut failed = use_signal(|| None::<String>);
    let id = meeting.id;
    let move_route = match &whose {
        Whose::Mine => Route::MoveMeeting { id: id.to_string() },
        Whose::Citizen(c) => Route::CaseworkerMoveMeeting {
            id: c.clone(),
            meeting: id.to_string(),
        },
    };
    let reload = move || {
        let mut list = list;
        list.restart();
    };
    let cancel_target = whose.clone();
    let mut notice = notice;
    let cancel = move |_| {
        if *busy.peek() {
            return;
        }
        busy.set(true);
        let whose = cancel_target.clone();
        spawn(async move {
            match api::meetings::cancel(&whose, id).await {
                Ok(()) => {
                    let m = &shared::i18n::texts(lang()).meetings;
                    let said = if citizen {
                        m.cancelled_notice
                    } else {
                        m.cancelled_notice_caseworker
                    };
                    notice.set(Some(said.to_string()));
                    asking.set(false);
                    reload();
                }
                Err(f) => failed.set(Some(f.text(lang()))),
            }
            busy.set(false);
        });
    };
    let confirm = move |_| {
        if *busy.peek() {
            return;
        }
        busy.set(true);
        spawn(async move {
            match api::meetings::confirm(id).await {
                Ok(_) => {
                    notice.set(Some(
                        shared::i18n::texts(lang()).meetings.confirmed.to_string(),
                    ));
                    reload();
                }
                Err(f) => failed.set(Some(f.text(lang()))),
            }
            busy.set(false);
        });
    };
    let calendar = api::meetings::calendar_link(&whose, id);
    let question = fill(m.cancel_question, &when(&meeting, lang()));
    rsx! {
        li { class: "meeting",
            MeetingFacts { whose: whose.clone(), meeting: meeting.clone() }
            if meeting.status == MeetingStatus::Proposed {
                if citizen {
                    div { class: "alert alert-info",
                        div { class: "alert-body",
                            p { class: "alert-text", "{m.awaiting_confirmation}" }
                            button { r#type: "button", class: "button button-primary mt-3", disabled: busy(), onclick: confirm, "{m.confirm_button}" }
                        }
                    }
                } else {
                    p { em { "{m.awaiting_citizen}" } }
                }
            }
            if let Some(text) = failed() {
                div { class: "alert alert-error", role: "alert",
                    div { class: "alert-body", p { class: "alert-text", "{text}" } }
                }
            }
            if asking() {
                div { class: "alert alert-warning", role: "alertdialog", "aria-labelledby": "cancel-question-{id}",
                    div { class: "alert-body",
                        p { class: "alert-text", id: "cancel-question-{id}", "{question}" }
                        button { r#type: "button", class: "button button-primary mt-3 mr-3", disabled: busy(), onclick: cancel,
                            onmounted: move |e| async move { let _ = e.set_focus(true).await; },
                            "{m.cancel_yes}"
                        }
                        button { r#type: "button", class: "button button-secondary mt-3", onclick: move |_| asking.set(false), "{m.cancel_no}" }
                    }
                }
            } else if meeting.can_change {
                p {
                    Link { to: move_route, class: "button button-secondary mr-3 mb-3", "{m.move_button}" }
                    button { r#type: "button", class: "button button-secondary mb-3", onclick: move |_| asking.set(true), "{m.cancel_button}" }
                }
            } else if citizen {
                p {
                    "{fill(m.deadline_passed, &deadline.to_string())} "
                    Link { to: Route::CitizenMessages {}, "{t.messages.go_to_messages}" }
                }
            }
            p {
                a { href: "{calendar}", download: "moede.ics", "{m.calendar_link}" }
            }
        }
    }
}

#[component]
fn Past(
    whose: Whose,
    meeting: MeetingView,
    list: Resource<Result<shared::api::MeetingsResponse, api::ApiFailure>>,
) -> Element {
    rsx! {
        li { class: "meeting",
            MeetingFacts { whose: whose.clone(), meeting: meeting.clone() }
            Summary { whose, meeting, list }
        }
    }
}
