use dioxus::prelude::*;
use shared::api::SessionUser;

use super::common::Icon;
use super::language::LanguageToggle;
use crate::app::Route;
use crate::i18n::use_texts;
use crate::session::{log_out, use_session};

/// The DKFDS header: portal row (name, user, "Log af"), solution row (Sammen, the jobcentre),
/// navigation, and on phones a drawer with the same things.
#[component]
pub fn Header() -> Element {
    let t = use_texts();
    let session = use_session();
    let mut drawer_open = use_signal(|| false);
    let user = session.read().session().map(|s| s.user.clone());
    let links: Vec<(Route, &'static str)> = match &user {
        Some(SessionUser::Citizen { .. }) => vec![
            (Route::Overview {}, t.overview_title),
            (Route::CitizenPlan {}, t.plan.title),
            (Route::CitizenMessages {}, t.messages.title),
            (Route::CitizenMeetings {}, t.meetings_heading),
            (Route::CitizenProfile {}, t.profile.title),
            (Route::AccessLog {}, t.profile.access_log_title),
        ],
        Some(SessionUser::Caseworker { .. }) => vec![
            (Route::Caseload {}, t.caseload_title),
            (Route::Inbox {}, t.messages.inbox_title),
            (Route::CaseworkerCalendar {}, t.meetings.title_calendar),
        ],
        None => vec![],
    };
    let current = use_route::<Route>();
    let logout = move |_| {
        drawer_open.set(false);
        spawn(log_out(session));
    };
    rsx! {
        header { class: "header",
            a { href: "#main-content", class: "skipnav", "{t.skip_link}" }
            div { class: "portal-info",
                div { class: "portal-info-inner container",
                    a { href: "/", class: "logo", span { "{t.authority_name}" } }
                    LanguageToggle {}
                    if user.is_some() {
                        button {
                            class: "function-link button-menu-open js-menu-open ml-auto d-print-none",
                            "aria-haspopup": "dialog",
                            onclick: move |_| drawer_open.set(true),
                            Icon { name: "menu" }
                            "{t.menu_open}"
                        }
                    }
                    if let Some(user) = &user {
                        div { class: "portal-user",
                            p { class: "user",
                                span { class: "sr-only", "{t.logged_in_as} " }
                                "{user.name()}"
                            }
                            button { class: "function-link d-print-none log-off", onclick: logout,
                                Icon { name: "lock" }
                                "{t.logout}"
                            }
                        }
                    }
                }
            }
            div { class: "solution-info",
                div { class: "solution-info-inner container",
                    div { class: "solution-heading",
                        a { href: "/", "{t.app_name}" }
                    }
                    div { class: "additional-info",
                        p { "{t.support_phone_label}: {t.support_phone}" }
                    }
                }
            }
            if !links.is_empty() {
                div { class: "navigation-menu",
                    div { class: "navigation-menu-inner container",
                        nav { class: "nav", "aria-label": t.main_menu,
                            ul { class: "mainmenu",
                                for (route, label) in links.clone() {
                                    li { key: "{label}", class: if route == current { "active current" } else { "" },
                                        Link { to: route.clone(), class: "nav-link",
                                            "aria-current": if route == current { "page" } else { "false" },
                                            span { "{label}" }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            if drawer_open() {
                div { class: "overlay is-visible", onclick: move |_| drawer_open.set(false) }
                div {
                    class: "mobile-drawer is-visible",
                    role: "dialog",
                    "aria-modal": "true",
                    "aria-labelledby": "menu-heading",
                    onkeydown: move |e: KeyboardEvent| if e.key() == Key::Escape { drawer_open.set(false) },
                    div { class: "menu-top",
                        h2 { id: "menu-heading", class: "menu-heading", "{t.menu_open}" }
                        button {
                            class: "function-link button-menu-close js-menu-close",
                            onmounted: move |e| async move { let _ = e.set_focus(true).await; },
                            onclick: move |_| drawer_open.set(false),
                            Icon { name: "close" }
                            "{t.menu_close}"
                        }
                    }
                    nav { class: "navigation-menu-mobile", "aria-label": t.main_menu,
                        ul { class: "mainmenu",
                            for (route, label) in links {
                                li { key: "{label}",
                                    Link { to: route.clone(), class: "nav-link", onclick: move |_| drawer_open.set(false),
                                        span { "{label}" }
                                    }
                                }
                            }
                        }
                    }
                    div { class: "solution-info-mobile",
                        p { class: "mb-2", strong { class: "authority-name", "{t.authority_name}" } }
                        p { "{t.support_phone_label}: {t.support_phone}" }
                    }
                    if let Some(user) = &user {
                        div { class: "portal-info-mobile",
                            p { class: "user",
                                span { class: "sr-only", "{t.logged_in_as} " }
                                "{user.name()}"
                            }
                            p {
                                button { class: "function-link d-print-none log-off", onclick: logout,
                                    Icon { name: "lock" }
                                    "{t.logout}"
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}
