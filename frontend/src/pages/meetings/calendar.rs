//! The caseworker's "Mine møder": a week (or a day) of their own meetings, day by day, each with what the
//! citizen needs (companion, interpreter, step-free access, a longer meeting).

use dioxus::prelude::*;
use shared::api::{CaseworkerMeetingsResponse, MeetingStatus, MeetingView};
use shared::i18n::fill;

use super::format_name;
use super::needs::need_texts;
use crate::api;
use crate::app::Route;
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::live::use_changes;

/// `YYYY-MM-DD` moved by `days`, through the browser's own calendar (noon UTC, so no time
/// zone or summer time moves the date).
fn add_days(iso: &str, days: i32) -> String {
    let date = js_sys::Date::new(&format!("{iso}T12:00:00Z").into());
    if date.get_time().is_nan() {
        return iso.to_string();
    }
    let moved = js_sys::Date::new(&(date.get_time() + f64::from(days) * 86_400_000.0).into());
    moved
        .to_iso_string()
        .as_string()
        .map(|s| s[..10].to_string())
        .unwrap_or_else(|| iso.to_string())
}

#[component]
pub fn CaseworkerCalendar() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            PageHeading { text: t.meetings.title_calendar }
            p { class: "font-lead", "{t.meetings.calendar_intro}" }
            p {
                Link { to: Route::MeetingHours {}, "{t.meetings.availability_link}" }
            }
            Week {}
        }
    }
}

#[component]
fn Week() -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    let changes = use_changes();
    // Empty: the server's today.
    let mut from = use_signal(String::new);
    // 7: a week; 1: a day.
    let mut span = use_signal(|| 7u32);
    let week = use_resource(move || {
        let _ = changes();
        let (from, days) = (from(), span());
        async move { api::meetings::calendar(&from, days).await }
    });
    let shown = week
        .read()
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|w| w.from.clone());
    let step = span() as i32;
    let (previous, next, heading) = if step == 1 {
        (m.previous_day, m.next_day, m.day_of)
    } else {
        (m.previous_week, m.next_week, m.week_of)
    };
    rsx! {
        div { class: "mb-5",
            button { r#type: "button", class: "button button-secondary mr-3 mb-3",
                "aria-pressed": if step == 7 { "true" } else { "false" },
                onclick: move |_| span.set(7),
                "{m.show_week}"
            }
            button { r#type: "button", class: "button button-secondary mb-3",
                "aria-pressed": if step == 1 { "true" } else { "false" },
                onclick: move |_| span.set(1),
                "{m.show_day}"
            }
        }
        if let Some(first) = shown.clone() {
            nav { "aria-label": m.calendar_navigation, class: "mb-6",
                button { r#type: "button", class: "button button-secondary mr-3 mb-3",
                    onclick: { let first = first.clone(); move |_| from.set(add_days(&first, -step)) },
                    "{previous}"
                }
                button { r#type: "button", class: "button button-secondary mr-3 mb-3",
                    onclick: move |_| from.set(String::new()),
                    if step == 1 { "{m.today}" } else { "{m.this_week}" }
                }
                button { r#type: "button", class: "button button-secondary mb-3",
                    onclick: move |_| from.set(add_days(&first, step)),
                    "{next}"
                }
            }
            h2 { "aria-live": "polite", "{fill(heading, &format::long_date(&first, lang))}" }
        }
        {loaded(week, |w| rsx! {
            Waiting { meetings: w.waiting.clone() }
            Days { week: w }
        })}
    }
}

/// Past meetings that wait for the caseworker: "Det aftalte vi" to write, or to answer.
#[component]
fn Waiting(meetings: Vec<MeetingView>) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    if meetings.is_empty() {
        return rsx! {};
    }
    rsx! {
        section { class: "mb-6", "aria-labelledby": "waiting-heading",
            h2 { id: "waiting-heading", "{m.waiting_heading}" }
            ul { class: "nobullet-list meeting-list",
                for meeting in meetings {
                    li { key: "{meeting.id}", class: "meeting",
                        p { class: "mb-2",
                            Link { to: Route::CaseworkerMeetings { id: meeting.citizen_id.to_string() }, "{meeting.citizen_name}" }
                            ", {super::when(&meeting, lang)}"
                        }
                        p { class: "mb-2",
                            if meeting.summary.is_none() { "{m.waiting_summary}" } else { "{m.waiting_answer}" }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn Days(week: CaseworkerMeetingsResponse) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    if week.meetings.is_empty() {
        let empty = if week.days == 1 {
            m.day_empty
        } else {
            m.week_empty
        };
        return rsx! { p { "{empty}" } };
    }
    let days: Vec<(String, Vec<MeetingView>)> = (0..week.days as i32)
        .map(|i| {
            let date = add_days(&week.from, i);
            let of_day = week
                .meetings
                .iter()
                .filter(|mt| mt.local_date == date)
                .cloned()
                .collect();
            (date, of_day)
        })
        .collect();
    rsx! {
        for (date, meetings) in days {
            section { key: "{date}", class: "mb-6", "aria-labelledby": "day-{date}",
                h3 { id: "day-{date}", "{format::long_date(&date, lang)}" }
                if meetings.is_empty() {
                    p { class: "form-hint", "{m.day_empty}" }
                } else {
                    ul { class: "nobullet-list meeting-list",
                        for meeting in meetings {
                            li { key: "{meeting.id}", class: "meeting",
                                p { class: "mb-2",
                                    strong { "{meeting.local_start}–{meeting.local_end} " }
                                    Link { to: Route::CaseworkerMeetings { id: meeting.citizen_id.to_string() }, "{meeting.citizen_name}" }
                                }
                                p { class: "mb-2", "{format_name(meeting.format, lang)}" }
                                if meeting.status == MeetingStatus::Proposed {
                                    p { class: "mb-2", em { "{m.awaiting_citizen}" } }
                                }
                                if !meeting.purpose.is_empty() {
                                    p { class: "mb-2", strong { "{m.purpose_shown}: " } "{meeting.purpose}" }
                                }
                                for need in need_texts(&meeting.needs, m) {
                                    span { key: "{need}", class: "badge mr-3", "{need}" }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
