use dioxus::prelude::*;
use shared::api::{
    CaseworkerContact, ConversationsResponse, MeetingChannel, MeetingStatus, MeetingView,
    PlanSummary,
};
use shared::i18n::fill;

use crate::api::{self, ApiFailure};
use crate::app::Route;
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::loaded::loaded;
use crate::components::server_page;
use crate::i18n::{use_lang, use_texts};
use crate::pages::meetings;

/// "Mit overblik": the citizen's own start page. The server renders it too
/// (`backend/src/server_pages/overview.rs`); its copy stays in view until this one is ready.
#[component]
pub fn Overview() -> Element {
    let t = use_texts();
    server_page::use_hand_over_unless_citizen();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.overview_title }
            OverviewBody {}
        }
    }
}

#[component]
fn OverviewBody() -> Element {
    let t = use_texts();
    let overview = use_resource(api::citizen::overview);
    let changes = crate::live::use_changes();
    let messages = use_resource(move || {
        let _ = changes();
        async move { api::messages::conversations(&api::Whose::Mine).await }
    });
    server_page::use_hand_over_when(move || overview.read().is_some() && messages.read().is_some());
    loaded(overview, |o| {
        rsx! {
                p { class: "font-lead", "{fill(t.overview_greeting, &o.name)}" }
                section { "aria-labelledby": "caseworker-heading", class: "mb-6",
                    h2 { id: "caseworker-heading", "{t.your_caseworker}" }
                    match o.primary_caseworker {
                        Some(c) => rsx! { ContactCard { contact: c } },
                        None => rsx! { p { "{t.no_caseworker}" } },
                    }
                    if let Some(backup) = o.backup_caseworker {
                        h3 { "{t.your_backup_caseworker}" }
                        p { "{t.backup_explained}" }
                        ContactCard { contact: backup }
                    }
                }
                section { "aria-labelledby": "plan-heading", class: "mb-6",
                    h2 { id: "plan-heading", "{t.plan_heading}" }
                    PlanSummaryView { plan: o.plan }
                    p {
                        Link { to: Route::CitizenPlan {}, class: "button button-secondary", "{t.go_to_plan}" }
                    }
                }
                section { "aria-labelledby": "profile-heading", class: "mb-6",
                    h2 { id: "profile-heading", "{t.profile.title}" }
                    p { "{t.start_what_profile}" }
                    p {
                        Link { to: Route::CitizenProfile {}, "{t.go_to_profile}" }
                    }
                }
                section { "aria-labelledby": "meetings-heading", class: "mb-6",
                    h2 { id: "meetings-heading", "{t.meetings_heading}" }
                    match o.next_meeting {
                        Some(m) => rsx! { NextMeeting { meeting: m } },
                        None => rsx! { p { "{t.meetings_empty}" } },
                    }
                    p {
                        Link { to: Route::CitizenMeetings {}, class: "button button-secondary", "{t.meetings.go_to_meetings}" }
                    }
                }
                MessagesSummary { list: messages }
        }
    })
}

/// The next meeting: when, how, where, and its calendar file.
#[component]
fn NextMeeting(meeting: MeetingView) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang()();
    let when = meetings::when(&meeting, lang);
    let kind = meetings::format_name(meeting.format, lang);
    let calendar = api::meetings::calendar_link(&api::Whose::Mine, meeting.id);
    rsx! {
        h3 { "{m.next_meeting}" }
        p { class: "mb-2",
            strong { "{when}" }
            br {}
            "{kind}"
        }
        if meeting.format == MeetingChannel::Phone {
            p { "{m.phone_explained}" }
        } else if !meeting.place.is_empty() {
            p {
                strong { "{m.place_label}: " }
                "{meeting.place}"
            }
        }
        if meeting.status == MeetingStatus::Proposed {
            div { class: "alert alert-info",
                div { class: "alert-body",
                    p { class: "alert-text", "{m.awaiting_confirmation}" }
                }
            }
        }
        p {
            a { href: "{calendar}", download: "moede.ics", "{m.calendar_link}" }
        }
    }
}

#[component]
fn ContactCard(contact: CaseworkerContact) -> Element {
    rsx! {
        p { class: "mb-2",
            strong { "{contact.name}" }
            br {}
            "{contact.team}"
        }
    }
}

/// The plan in a few lines: the citizen's goal, how far they are, and what waits for whom.
#[component]
fn PlanSummaryView(plan: PlanSummary) -> Element {
    let t = use_texts();
    if plan.steps == 0 && plan.own_goal.is_empty() {
        return rsx! { p { "{t.plan_empty}" } };
    }
    rsx! {
        if !plan.own_goal.is_empty() {
            p {
                strong { "{t.overview_own_goal}: " }
                "{plan.own_goal}"
            }
        }
        p { "{fill(t.overview_plan_steps, &plan.steps.to_string())} {fill(t.overview_plan_done, &plan.done.to_string())}" }
        if plan.awaiting_your_agreement > 0 {
            div { class: "alert alert-info",
                div { class: "alert-body",
                    p { class: "alert-text", "{fill(t.overview_awaiting, &plan.awaiting_your_agreement.to_string())}" }
                }
            }
        }
        if plan.requests_waiting > 0 {
            p { "{fill(t.overview_requests_waiting, &plan.requests_waiting.to_string())}" }
        }
    }
}

/// Unread messages and the newest conversation, live.
#[component]
fn MessagesSummary(list: Resource<Result<ConversationsResponse, ApiFailure>>) -> Element {
    let t = use_texts();
    rsx! {
        section { "aria-labelledby": "messages-heading", class: "mb-6",
            h2 { id: "messages-heading", "{t.messages_heading}" }
            {loaded(list, |l| rsx! {
                match l.conversations.first() {
                    None => rsx! { p { "{t.messages_empty}" } },
                    Some(newest) => rsx! {
                        p {
                            if l.unread == 1 {
                                strong { "{t.messages.overview_unread_one}" }
                            } else if l.unread > 1 {
                                strong { "{fill(t.messages.overview_unread, &l.unread.to_string())}" }
                            } else {
                                "{t.messages.overview_none_unread}"
                            }
                        }
                        p {
                            "{t.messages.overview_newest} "
                            Link { to: Route::CitizenConversation { id: newest.id.to_string() }, "{newest.subject}" }
                        }
                    },
                }
            })}
            p {
                Link { to: Route::CitizenMessages {}, class: "button button-secondary", "{t.messages.go_to_messages}" }
            }
        }
    }
}
