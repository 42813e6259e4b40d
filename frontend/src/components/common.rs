use dioxus::prelude::*;

use crate::api::ApiFailure;
use crate::dom;
use crate::i18n::{use_lang, use_texts};
use crate::session::{SessionState, use_session};

/// An icon from the DKFDS sprite index.html carries. Decorative: screen readers skip it.
#[component]
pub fn Icon(name: &'static str) -> Element {
    rsx! {
        svg { class: "icon-svg", "focusable": "false", "aria-hidden": "true",
            dangerous_inner_html: "<use href=\"#{name}\"></use>",
        }
    }
}

/// The page's one `h1`. Sets the browser tab's title, and is where focus goes after navigation.
#[component]
pub fn PageHeading(text: String) -> Element {
    let t = use_texts();
    let title = t.page_title(&text);
    use_effect(use_reactive!(|title| dom::set_title(&title)));
    rsx! {
        h1 { id: "page-heading", tabindex: "-1", "{text}" }
    }
}

/// Shown while something loads; announced politely to screen readers.
#[component]
pub fn Loading() -> Element {
    let t = use_texts();
    rsx! {
        div { class: "spinner-box my-6",
            div { class: "spinner" }
            div { class: "spinner-status", role: "status", "{t.loading}" }
        }
    }
}

/// A problem the person should know about, with what they can do.
#[component]
pub fn ErrorAlert(failure: ApiFailure) -> Element {
    let t = use_texts();
    let lang = use_lang();
    rsx! {
        div { class: "alert alert-error", role: "alert",
            div { class: "alert-body",
                h2 { class: "alert-heading h3", "{t.something_went_wrong}" }
                p { class: "alert-text", "{failure.text(lang())}" }
            }
        }
    }
}

/// Which kind of logged-in person a page is for.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum Need {
    Citizen,
    Caseworker,
}

/// Renders `children` only for the right kind of logged-in person; others are told plainly why
/// they cannot see the page and what to do.
#[component]
pub fn RequireLogin(need: Need, children: Element) -> Element {
    let t = use_texts();
    let session = use_session();
    let state = session.read().clone();
    match state {
        SessionState::Loading => rsx! { Loading {} },
        SessionState::LoggedOut => rsx! {
            PageHeading { text: t.session_ended_title }
            p { "{t.session_ended_body}" }
            crate::pages::login_buttons::LoginButtons {}
        },
        SessionState::LoggedIn(s) => {
            let fits = matches!(
                (need, &s.user),
                (Need::Citizen, shared::api::SessionUser::Citizen { .. })
                    | (
                        Need::Caseworker,
                        shared::api::SessionUser::Caseworker { .. }
                    )
            );
            if fits {
                children
            } else {
                rsx! {
                    PageHeading { text: t.forbidden_title }
                    p { "{t.forbidden_body}" }
                }
            }
        }
    }
}
