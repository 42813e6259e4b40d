use dioxus::prelude::*;
use shared::api::{CaseloadResponse, CaseloadRole};

use crate::api;
use crate::app::Route;
use crate::components::common::{ErrorAlert, Loading, Need, PageHeading, RequireLogin};
use crate::i18n::use_texts;

/// "Mine borgere": the caseworker's citizens.
#[component]
pub fn Caseload() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            PageHeading { text: t.caseload_title }
            p { "{t.caseload_intro}" }
            CaseloadTable {}
        }
    }
}

#[component]
fn CaseloadTable() -> Element {
    let t = use_texts();
    let caseload = use_resource(|| api::get::<CaseloadResponse>("/caseload"));
    let answer = caseload.read().clone();
    match answer {
        None => rsx! { Loading {} },
        Some(Err(failure)) => rsx! { ErrorAlert { failure } },
        Some(Ok(c)) if c.citizens.is_empty() => rsx! { p { "{t.caseload_empty}" } },
        Some(Ok(c)) => rsx! {
            // On a narrow screen the table scrolls sideways; keyboard users must reach it.
            div {
                class: "table--responsive-scroll",
                tabindex: "0",
                role: "region",
                "aria-label": t.caseload_title,
                table { class: "table table--zebra",
                    thead {
                        tr {
                            th { scope: "col", "{t.caseload_name_column}" }
                            th { scope: "col", "{t.caseload_role_column}" }
                        }
                    }
                    tbody {
                        for citizen in c.citizens {
                            tr { key: "{citizen.id}",
                                td {
                                    Link { to: Route::CaseworkerPlan { id: citizen.id.to_string() }, "{citizen.name}" }
                                }
                                td {
                                    match citizen.role {
                                        CaseloadRole::Primary => t.role_primary,
                                        CaseloadRole::Backup => t.role_backup,
                                    }
                                }
                            }
                        }
                    }
                }
            }
        },
    }
}
