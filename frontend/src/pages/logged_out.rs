use dioxus::prelude::*;

use crate::components::common::PageHeading;
use crate::i18n::use_texts;

/// After "Log af": the provider sends the browser here.
#[component]
pub fn LoggedOut() -> Element {
    let t = use_texts();
    rsx! {
        PageHeading { text: t.logged_out_title }
        p { "{t.logged_out_body}" }
        a { href: "/", class: "button button-secondary", "{t.to_front_page}" }
    }
}

/// After the idle timeout.
#[component]
pub fn TimedOut() -> Element {
    let t = use_texts();
    rsx! {
        PageHeading { text: t.timed_out_title }
        p { "{t.timed_out_body}" }
        a { href: "/", class: "button button-primary", "{t.login_again}" }
    }
}
