use dioxus::prelude::*;
use shared::api::CaseloadRole;

use crate::api;
use crate::app::Route;
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::loaded::loaded;
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
    let caseload = use_resource(api::caseworker::caseload);
    loaded(caseload, |c| {
        if c.citizens.is_empty() {
            return rsx! { p { "{t.caseload_empty}" } };
        }
        rsx! {
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
        }
    })
}
