use dioxus::prelude::*;

use crate::components::common::PageHeading;
use crate::i18n::use_texts;

#[component]
pub fn NotFound(segments: Vec<String>) -> Element {
    let _ = segments;
    let t = use_texts();
    rsx! {
        PageHeading { text: t.not_found_title }
        p { "{t.not_found_body}" }
        a { href: "/", class: "button button-secondary", "{t.to_front_page}" }
    }
}
