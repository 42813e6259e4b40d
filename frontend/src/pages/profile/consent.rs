//! The consent page: what it means that caseworkers may see the limitations, the choice as it
//! is now, and the button that changes it.

use dioxus::prelude::*;
use shared::api::ConsentState;
use shared::i18n::fill;

use crate::api::Whose;
use crate::api::{self, ApiFailure};
use crate::app::Route;
use crate::components::common::ErrorAlert;
use crate::components::form::Saved;
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn ConsentBody() -> Element {
    let t = use_texts();
    let p = t.profile;
    // There is no endpoint of its own for reading consent; the profile carries it.
    let profile = use_resource(|| api::profile::load(&Whose::Mine));
    rsx! {
        section { "aria-labelledby": "consent-what-heading", class: "mb-8",
            h2 { id: "consent-what-heading", "{p.consent_what_heading}" }
            p { "{p.consent_explain_sensitive}" }
            p { "{p.consent_explain_with}" }
            p { "{p.consent_explain_without}" }
            p { "{p.consent_explain_withdraw}" }
            p { "{p.consent_explain_log}" }
            p {
                Link { to: Route::AccessLog {}, "{p.access_log_link}" }
            }
        }
        section { "aria-labelledby": "consent-state-heading", class: "mb-8",
            h2 { id: "consent-state-heading", "{p.consent_state_heading}" }
            {loaded(profile, |profile| rsx! { ConsentChoice { initial: profile.consent } })}
        }
        p {
            Link { to: Route::CitizenProfile {}, class: "back-link", "{p.back_to_profile}" }
        }
    }
}

#[component]
fn ConsentChoice(initial: ConsentState) -> Element {
    let t = use_texts();
    let p = t.profile;
    let lang = use_lang();
    let mut state = use_signal(|| initial.clone());
    let mut saved = use_signal(|| None::<String>);
    let mut failure = use_signal(|| None::<ApiFailure>);
    let mut busy = use_signal(|| false);
    let current = state();

    let change = move |_| {
        if busy() {
            return;
        }
        let given = !state.peek().given;
        saved.set(None);
        failure.set(None);
        busy.set(true);
        spawn(async move {
            let result = api::profile::set_consent(given).await;
            busy.set(false);
            match result {
                Ok(new_state) => {
                    let text = if new_state.given {
                        p.consent_given_saved
                    } else {
                        p.consent_withdrawn_saved
                    };
                    state.set(new_state);
                    saved.set(Some(text.to_string()));
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };

    rsx! {
        if let Some(text) = saved() {
            Saved { text }
        }
        if let Some(failure) = failure() {
            ErrorAlert { failure }
        }
        p {
            strong {
                if current.given { "{p.consent_state_given}" } else { "{p.consent_state_not_given}" }
            }
        }
        if let Some(at) = &current.changed_at {
            p { "{fill(p.consent_changed_at, &format::datetime(at, lang()))}" }
        }
        // One button whose words change, so focus stays on it after the change.
        button {
            r#type: "button",
            class: if current.given { "button button-secondary" } else { "button button-primary" },
            // Not `disabled`: that would throw focus off the button while it saves.
            "aria-disabled": if busy() { "true" } else { "false" },
            onclick: change,
            if busy() {
                "{t.saving}"
            } else if current.given {
                "{p.consent_withdraw}"
            } else {
                "{p.consent_give}"
            }
        }
    }
}
