use dioxus::prelude::*;
use shared::Lang;
use shared::i18n::texts;

use super::common::Icon;
use crate::api;
use crate::i18n::{self, use_lang};
use crate::session::{SessionState, use_session};

/// Switches the whole client to `lang`, remembers it, and tells the server for a logged-in
/// citizen (so emails follow it too).
fn switch_to(lang: Lang, signal: Signal<Lang>, session: Signal<SessionState>) {
    i18n::set_lang(signal, lang);
    if matches!(*session.peek(), SessionState::LoggedIn(_)) {
        spawn(async move {
            let _ = api::session::set_language(lang).await;
        });
    }
}

/// DKFDS language switcher (in the footer): each language named in itself, the current one
/// first and marked.
#[component]
pub fn LanguageSwitcher() -> Element {
    let lang = use_lang();
    let session = use_session();
    let current = lang();
    let mut options = vec![current];
    options.extend(Lang::ALL.into_iter().filter(|l| *l != current));
    rsx! {
        div { class: "language-switcher",
            div { class: "container",
                ul { "aria-label": texts(current).language_switch_label,
                    for option in options {
                        li { key: "{option.code()}",
                            a {
                                href: "?lang={option.code()}",
                                lang: option.code(),
                                "aria-current": if option == current { "true" } else { "false" },
                                onclick: move |event| {
                                    event.prevent_default();
                                    switch_to(option, lang, session);
                                },
                                if option == current {
                                    Icon { name: "check" }
                                }
                                "{texts(option).language_name}"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The other language, one tap away at the top of every page.
#[component]
pub fn LanguageToggle() -> Element {
    let lang = use_lang();
    let session = use_session();
    let other = lang().other();
    rsx! {
        a {
            class: "function-link language-toggle d-print-none",
            href: "?lang={other.code()}",
            lang: other.code(),
            onclick: move |event| {
                event.prevent_default();
                switch_to(other, lang, session);
            },
            Icon { name: "language" }
            "{texts(other).language_name}"
        }
    }
}
