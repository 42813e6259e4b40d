use dioxus::prelude::*;

use super::language::LanguageSwitcher;
use crate::i18n::use_texts;

/// The DKFDS footer: who runs the service and how to reach them.
#[component]
pub fn Footer() -> Element {
    let t = use_texts();
    rsx! {
        footer {
            div { class: "footer",
                div { class: "container",
                    div { class: "row",
                        div { class: "col-12 col-md-6 footer-col",
                            h2 { class: "h5 mt-0", "{t.footer_heading}" }
                            p { class: "mb-0", strong { "{t.authority_name}" } }
                        }
                        div { class: "col-12 col-md-6 footer-col",
                            p { class: "mb-0", "{t.support_phone_label}: {t.support_phone}" }
                            p { class: "mt-0", "{t.support_hours}" }
                        }
                    }
                }
            }
            LanguageSwitcher {}
        }
    }
}
