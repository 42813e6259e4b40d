//! "Beskeder" (the citizen's, and a citizen's for their caseworker) and the caseworker's
//! "Indbakke". Each list and conversation follows live changes (`crate::live`).

mod compose;
mod cover;
mod files;
mod inbox;
mod list;
mod thread;

use dioxus::prelude::*;

pub use inbox::Inbox;

use crate::api::Whose;
use crate::app::Route;
use crate::components::citizen_nav::{CitizenNav, CitizenTab};
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::i18n::use_texts;

/// The route of one conversation, on whichever side is looking.
fn conversation_route(whose: &Whose, conversation: String) -> Route {
    match whose {
        Whose::Mine => Route::CitizenConversation { id: conversation },
        Whose::Citizen(id) => Route::CaseworkerConversation {
            id: id.clone(),
            conversation,
        },
    }
}

fn new_route(whose: &Whose) -> Route {
    match whose {
        Whose::Mine => Route::CitizenNewMessage {},
        Whose::Citizen(id) => Route::CaseworkerNewMessage { id: id.clone() },
    }
}

fn list_route(whose: &Whose) -> Route {
    match whose {
        Whose::Mine => Route::CitizenMessages {},
        Whose::Citizen(id) => Route::CaseworkerMessages { id: id.clone() },
    }
}

#[component]
pub fn CitizenMessages() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.messages.title }
            p { class: "font-lead", "{t.messages.intro}" }
            list::ConversationList { whose: Whose::Mine }
        }
    }
}

#[component]
pub fn CitizenNewMessage() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            Link { to: Route::CitizenMessages {}, class: "back-link", "{t.messages.back_to_messages}" }
            PageHeading { text: t.messages.new_message }
            compose::NewConversation { whose: Whose::Mine }
        }
    }
}

#[component]
pub fn CitizenConversation(id: String) -> Element {
    rsx! {
        RequireLogin { need: Need::Citizen,
            thread::Thread { whose: Whose::Mine, id }
        }
    }
}

#[component]
pub fn CaseworkerMessages(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Messages }
            PageHeading { text: t.messages.title }
            list::ConversationList { whose: Whose::Citizen(id) }
        }
    }
}

#[component]
pub fn CaseworkerNewMessage(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Messages }
            PageHeading { text: t.messages.write_to_citizen }
            compose::NewConversation { whose: Whose::Citizen(id) }
        }
    }
}

#[component]
pub fn CaseworkerConversation(id: String, conversation: String) -> Element {
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Messages }
            thread::Thread { whose: Whose::Citizen(id), id: conversation }
        }
    }
}
