//! Choosing a free time: a day, then one of its times as radio buttons (arrow keys move
//! between them, as in any radio group), and what was chosen said aloud.

use dioxus::prelude::*;
use shared::api::{FreeDay, NearbyTime};
use shared::i18n::fill;

use crate::components::form::{RadioGroup, SelectField};
use crate::format;
use crate::i18n::{use_lang, use_texts};

/// The chosen day (`YYYY-MM-DD`) and start (UTC milliseconds as text, empty when none).
#[derive(Clone, Copy, PartialEq)]
pub struct Choice {
    pub day: Signal<String>,
    pub start: Signal<String>,
}

pub fn use_choice() -> Choice {
    Choice {
        day: use_signal(String::new),
        start: use_signal(String::new),
    }
}

impl Choice {
    /// The chosen start, if it is one of `days`' times.
    pub fn start_in(&self, days: &[FreeDay]) -> Option<i64> {
        let start: i64 = self.start.read().parse().ok()?;
        days.iter()
            .flat_map(|d| d.times.iter())
            .any(|t| t.starts_at == start)
            .then_some(start)
    }
}

#[component]
pub fn TimePicker(days: Vec<FreeDay>, choice: Choice, error: Option<String>) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    let day = choice.day;
    let open: Vec<&FreeDay> = days.iter().filter(|d| !d.times.is_empty()).collect();
    if open.is_empty() {
        return rsx! {
            div { class: "alert alert-warning",
                div { class: "alert-body", p { class: "alert-text", "{m.no_times}" } }
            }
        };
    }
    let current = day();
    let shown = open
        .iter()
        .find(|d| d.date == current)
        .copied()
        .unwrap_or(open[0]);
    let day_options: Vec<(String, String)> = open
        .iter()
        .map(|d| {
            let label = fill(
                &fill(m.day_option, &format::long_date(&d.date, lang)),
                &d.times.len().to_string(),
            );
            (d.date.clone(), label)
        })
        .collect();
    let time_options: Vec<(String, String)> = shown
        .times
        .iter()
        .map(|ft| {
            let label = if ft.fits_preference && shown.times.iter().any(|o| !o.fits_preference) {
                format!("{} – {}", ft.local_time, m.fits_preference)
            } else {
                ft.local_time.clone()
            };
            (ft.starts_at.to_string(), label)
        })
        .collect();
    let chosen = shown
        .times
        .iter()
        .find(|ft| ft.starts_at.to_string() == *choice.start.read())
        .map(|ft| {
            fill(
                m.chosen,
                &fill(
                    &fill(m.day_at_time, &format::long_date(&shown.date, lang)),
                    &ft.local_time,
                ),
            )
        });
    let legend = fill(m.time_legend, &format::long_date(&shown.date, lang));
    rsx! {
        SelectField { path: "day", label: m.day_label, value: day, options: day_options }
        RadioGroup { path: "starts_at", legend, value: choice.start, options: time_options, error }
        p { class: "form-hint", "aria-live": "polite", id: "chosen-time",
            if let Some(chosen) = chosen { "{chosen}" }
        }
    }
}

/// "Tiden er lige blevet taget": the nearest free times, each one click from being chosen.
#[component]
pub fn TakenAlert(taken: Signal<Option<Vec<NearbyTime>>>, choice: Choice) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let Some(near) = taken() else {
        return rsx! {};
    };
    let mut choice = choice;
    rsx! {
        div { class: "alert alert-warning", role: "alert", tabindex: "-1", id: "slot-taken",
            onmounted: move |e| async move { let _ = e.set_focus(true).await; },
            div { class: "alert-body",
                if near.is_empty() {
                    p { class: "alert-text", "{t.meetings.slot_taken_none}" }
                } else {
                    p { class: "alert-text", "{t.meetings.slot_taken}" }
                    ul { class: "nobullet-list",
                        for n in near {
                            li { key: "{n.starts_at}",
                                button {
                                    r#type: "button",
                                    class: "button button-secondary mb-3",
                                    onclick: move |_| {
                                        choice.day.set(n.local_date.clone());
                                        choice.start.set(n.starts_at.to_string());
                                        let mut taken = taken;
                                        taken.set(None);
                                        let id = format!("starts_at-{}", n.starts_at);
                                        spawn(async move {
                                            crate::dom::sleep_ms(0).await;
                                            crate::dom::focus(&id);
                                        });
                                    },
                                    "{fill(&fill(t.meetings.day_at_time, &format::long_date(&n.local_date, lang)), &n.local_time)}"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
