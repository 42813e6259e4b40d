use dioxus::prelude::*;

use crate::app::Route;
use crate::i18n::use_texts;

/// Which of a citizen's pages a caseworker is on.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
pub enum CitizenTab {
    Plan,
    History,
    Profile,
    Messages,
    Meetings,
}

/// For caseworkers: back to "Mine borgere", and the citizen's plan, history, profile and
/// messages and meetings.
#[component]
pub fn CitizenNav(id: String, current: CitizenTab) -> Element {
    let t = use_texts();
    let tabs = [
        (
            CitizenTab::Plan,
            Route::CaseworkerPlan { id: id.clone() },
            t.plan.title_for_caseworker_tab,
        ),
        (
            CitizenTab::History,
            Route::CaseworkerPlanHistory { id: id.clone() },
            t.plan.history_tab,
        ),
        (
            CitizenTab::Profile,
            Route::CaseworkerProfile { id: id.clone() },
            t.profile.title_for_caseworker_tab,
        ),
        (
            CitizenTab::Messages,
            Route::CaseworkerMessages { id: id.clone() },
            t.messages.citizen_messages_tab,
        ),
        (
            CitizenTab::Meetings,
            Route::CaseworkerMeetings { id: id.clone() },
            t.meetings.citizen_tab,
        ),
    ];
    rsx! {
        Link { to: Route::Caseload {}, class: "back-link", "{t.back_to_caseload}" }
        nav { "aria-label": t.citizen_pages_label, class: "mt-4 mb-6",
            ul { class: "nobullet-list inline-list",
                for (tab, route, label) in tabs {
                    li { key: "{label}", class: "mr-5",
                        Link {
                            to: route,
                            "aria-current": if tab == current { "page" } else { "false" },
                            class: if tab == current { "function-link current-tab" } else { "function-link" },
                            "{label}"
                        }
                    }
                }
            }
        }
    }
}
