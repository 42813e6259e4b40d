//! "Mine møder" and "Book et møde" (the citizen's, and a citizen's for their caseworker, where
//! booking is "Indkald"), the caseworker's own week and meeting hours.

mod availability;
mod book;
mod calendar;
mod list;
mod moving;
mod needs;
mod summary;
mod times;

use std::cell::RefCell;

use dioxus::prelude::*;
use shared::Lang;
use shared::api::{MeetingChannel, MeetingView};

pub use availability::MeetingHours;
pub use calendar::CaseworkerCalendar;

use crate::api::Whose;
use crate::app::Route;
use crate::components::citizen_nav::{CitizenNav, CitizenTab};
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::i18n::use_texts;

thread_local! {
    /// What to tell the person on the list after booking, moving or cancelling.
    static NOTICE: RefCell<Option<String>> = const { RefCell::new(None) };
}

fn leave_notice(text: String) {
    NOTICE.with(|n| *n.borrow_mut() = Some(text));
}

fn take_notice() -> Option<String> {
    NOTICE.with(|n| n.borrow_mut().take())
}

/// "mandag den 7. december kl. 10:00–10:30".
pub fn when(meeting: &MeetingView, lang: Lang) -> String {
    shared::i18n::meetings::when(
        &meeting.local_date,
        &meeting.local_start,
        &meeting.local_end,
        lang,
    )
}

pub fn format_name(format: MeetingChannel, lang: Lang) -> &'static str {
    shared::i18n::meetings::channel_name(format, lang)
}

fn list_route(whose: &Whose) -> Route {
    match whose {
        Whose::Mine => Route::CitizenMeetings {},
        Whose::Citizen(id) => Route::CaseworkerMeetings { id: id.clone() },
    }
}

fn book_route(whose: &Whose) -> Route {
    match whose {
        Whose::Mine => Route::BookMeeting {},
        Whose::Citizen(id) => Route::SummonMeeting { id: id.clone() },
    }
}

#[component]
pub fn CitizenMeetings() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.meetings_heading }
            p { class: "font-lead", "{t.meetings.intro}" }
            list::MeetingList { whose: Whose::Mine, notice: take_notice() }
        }
    }
}

#[component]
pub fn BookMeeting() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            Link { to: Route::CitizenMeetings {}, class: "back-link", "{t.meetings.back_to_meetings}" }
            PageHeading { text: t.meetings.title_book }
            book::BookForm { whose: Whose::Mine }
        }
    }
}

#[component]
pub fn MoveMeeting(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            Link { to: Route::CitizenMeetings {}, class: "back-link", "{t.meetings.back_to_meetings}" }
            PageHeading { text: t.meetings.title_move }
            moving::MoveForm { whose: Whose::Mine, id }
        }
    }
}

#[component]
pub fn CaseworkerMeetings(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Meetings }
            PageHeading { text: t.meetings.citizen_tab }
            list::MeetingList { whose: Whose::Citizen(id), notice: take_notice() }
        }
    }
}

#[component]
pub fn SummonMeeting(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Meetings }
            PageHeading { text: t.meetings.title_summon }
            book::BookForm { whose: Whose::Citizen(id) }
        }
    }
}

#[component]
pub fn CaseworkerMoveMeeting(id: String, meeting: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Meetings }
            PageHeading { text: t.meetings.title_move }
            moving::MoveForm { whose: Whose::Citizen(id), id: meeting }
        }
    }
}
