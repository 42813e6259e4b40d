//! Small pieces the profile pages share: today's date, enum codes for form values, turning the
//! shared validation's problems into field errors, and an inline "are you sure?" for deletes.

use dioxus::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::validation::{Date, Problems};

use crate::format;
use crate::i18n::use_texts;

/// Today in Copenhagen, so the browser checks dates the way the server will.
pub fn today() -> Date {
    let now = js_sys::Date::new_0();
    let iso = now.to_iso_string().as_string().unwrap_or_default();
    let danish = format::day(&iso);
    let mut parts = danish.split('.').map(|p| p.trim().parse::<u32>().ok());
    match (
        parts.next().flatten(),
        parts.next().flatten(),
        parts.next().flatten(),
    ) {
        (Some(day), Some(month), Some(year)) => Date {
            year: year as i32,
            month,
            day,
        },
        _ => Date {
            year: now.get_full_year() as i32,
            month: now.get_month() + 1,
            day: now.get_date(),
        },
    }
}

/// The API's name for an enum value (`"primary_school"`), used as the form control's value.
pub fn code<T: Serialize>(value: T) -> String {
    serde_json::to_value(value)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// The enum value for a form control's value; `None` when nothing (valid) is chosen.
pub fn from_code<T: DeserializeOwned>(code: &str) -> Option<T> {
    serde_json::from_value(serde_json::Value::String(code.to_string())).ok()
}

/// `(value, label)` choices for a select or radio group.
pub fn choices<T: Copy + Serialize>(
    all: &[T],
    label: impl Fn(T) -> &'static str,
) -> Vec<(String, String)> {
    all.iter()
        .map(|v| (code(*v), label(*v).to_string()))
        .collect()
}

/// An optional year typed in a number field. A value that is not a year becomes a problem.
pub fn parse_year(problems: &mut Problems, field: &str, text: &str) -> Option<i32> {
    let text = text.trim();
    if text.is_empty() {
        return None;
    }
    match text.parse::<i32>() {
        Ok(year) => Some(year),
        Err(_) => {
            problems
                .0
                .push((field.to_string(), shared::validation::Problem::Invalid));
            None
        }
    }
}

pub use shared::i18n::profile::words::{file_kind, file_size};

/// A delete button that first asks, in place, whether the person is sure. `context` names the
/// thing for screen readers, since several "Slet" buttons are on the page.
#[component]
pub fn ConfirmDelete(
    context: String,
    question: String,
    busy: bool,
    on_confirm: EventHandler<()>,
) -> Element {
    let t = use_texts();
    let mut asking = use_signal(|| false);
    // After "Annuller", focus goes back to the delete button instead of being lost.
    let mut came_back = use_signal(|| false);
    if !asking() {
        return rsx! {
            button {
                r#type: "button",
                class: "function-link",
                onmounted: move |e| async move {
                    if came_back() {
                        let _ = e.set_focus(true).await;
                    }
                },
                onclick: move |_| asking.set(true),
                "{t.delete}"
                span { class: "sr-only", ": {context}" }
            }
        };
    }
    rsx! {
        div { class: "confirm-delete",
            p {
                tabindex: "-1",
                class: "mb-3",
                onmounted: move |e| async move {
                    let _ = e.set_focus(true).await;
                },
                strong { "{question}" }
            }
            div { class: "button-group",
                button {
                    r#type: "button",
                    class: "button button-primary",
                    // Not `disabled`, which would drop focus while the delete runs.
                    "aria-disabled": if busy { "true" } else { "false" },
                    onclick: move |_| {
                        if !busy {
                            on_confirm.call(());
                        }
                    },
                    "{t.profile.confirm_delete_yes}"
                }
                button {
                    r#type: "button",
                    class: "button button-secondary",
                    onclick: move |_| {
                        came_back.set(true);
                        asking.set(false);
                    },
                    "{t.cancel}"
                }
            }
        }
    }
}
