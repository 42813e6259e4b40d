//! What a citizen's profile asks a meeting to take into account (companion, interpreter,
//! step-free access, a longer meeting): shown when booking and on the caseworker's views.

use dioxus::prelude::*;
use shared::api::MeetingNeeds;
use shared::i18n::fill;
use shared::i18n::meetings::MeetingTexts;

use crate::i18n::use_texts;

/// What the profile asks the meeting to take into account.
#[component]
pub fn Needs(needs: MeetingNeeds) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let items = need_texts(&needs, m);
    if items.is_empty() {
        return rsx! {};
    }
    rsx! {
        div { class: "mb-6",
            h2 { class: "h4", "{m.needs_heading}" }
            ul {
                for item in items {
                    li { key: "{item}", "{item}" }
                }
            }
            p { class: "form-hint", "{m.needs_from_profile}" }
        }
    }
}

pub fn need_texts(needs: &MeetingNeeds, m: &MeetingTexts) -> Vec<String> {
    let mut items = Vec::new();
    if needs.companion {
        items.push(m.need_companion.to_string());
    }
    if let Some(language) = &needs.interpreter_language {
        items.push(fill(m.need_interpreter, language));
    }
    if needs.step_free_access {
        items.push(m.need_step_free.to_string());
    }
    if needs.longer_meeting {
        items.push(m.need_longer.to_string());
    }
    items
}
