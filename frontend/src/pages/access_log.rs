//! "Hvem har set mine oplysninger" and "Download mine oplysninger".

use dioxus::prelude::*;

use crate::api;
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};

/// The file name the browser saves the download as.
const EXPORT_FILE_NAME: &str = "sammen-mine-oplysninger.json";

#[component]
pub fn AccessLog() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.profile.access_log_title }
            p { class: "font-lead", "{t.profile.access_log_intro}" }
            AccessTable {}
            Download {}
        }
    }
}

#[component]
fn AccessTable() -> Element {
    let t = use_texts();
    let p = t.profile;
    let lang = use_lang();
    let log = use_resource(api::citizen::access_log);
    loaded(log, |log| {
        if log.entries.is_empty() {
            return rsx! { p { class: "mb-8", "{p.access_log_empty}" } };
        }
        rsx! {
            // On a phone the table scrolls sideways; keyboard users must be able to reach it.
            div {
                class: "table--responsive-scroll mb-8",
                tabindex: "0",
                role: "region",
                "aria-label": p.access_log_title,
                table { class: "table table--zebra",
                    caption { class: "sr-only", "{p.access_log_title}" }
                    thead {
                        tr {
                            th { scope: "col", "{p.column_when}" }
                            th { scope: "col", "{p.column_who}" }
                            th { scope: "col", "{p.column_what}" }
                            th { scope: "col", "{p.column_why}" }
                        }
                    }
                    tbody {
                        for (i, entry) in log.entries.into_iter().enumerate() {
                            tr { key: "{i}",
                                td { class: "nowrap-cell", "{format::datetime(&entry.at, lang())}" }
                                td {
                                    "{entry.caseworker_name}"
                                    br {}
                                    span { class: "small-text", "{entry.team}" }
                                }
                                td { "{p.access_what(entry.what)}" }
                                td { "{p.access_purpose(entry.purpose)}" }
                            }
                        }
                    }
                }
            }
        }
    })
}

/// Everything Sammen holds about the citizen, as one file (the right of access, GDPR art. 15).
#[component]
fn Download() -> Element {
    let t = use_texts();
    let p = t.profile;
    rsx! {
        section { "aria-labelledby": "download-heading", class: "mb-8",
            h2 { id: "download-heading", "{p.download_heading}" }
            p { "{p.download_text}" }
            a {
                class: "button button-secondary",
                href: api::citizen::export_link(),
                download: EXPORT_FILE_NAME,
                "{p.download_button}"
            }
        }
    }
}
