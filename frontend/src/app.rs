//! The routes of the web client and the frame every page sits in.

use dioxus::prelude::*;

use crate::components::footer::Footer;
use crate::components::header::Header;
use crate::components::idle::IdleWatcher;
use crate::pages::access_log::AccessLog;
use crate::pages::caseload::Caseload;
use crate::pages::logged_out::{LoggedOut, TimedOut};
use crate::pages::login_problem::{EmployeeLoginProblem, LoginProblem};
use crate::pages::meetings::{
    BookMeeting, CaseworkerCalendar, CaseworkerMeetings, CaseworkerMoveMeeting, CitizenMeetings,
    MeetingHours, MoveMeeting, SummonMeeting,
};
use crate::pages::messages::{
    CaseworkerConversation, CaseworkerMessages, CaseworkerNewMessage, CitizenConversation,
    CitizenMessages, CitizenNewMessage, Inbox,
};
use crate::pages::not_found::NotFound;
use crate::pages::overview::Overview;
use crate::pages::plan::{CaseworkerPlan, CaseworkerPlanHistory, CitizenPlan, CitizenPlanHistory};
use crate::pages::profile::{CaseworkerProfile, CitizenProfile, Consent};
use crate::session::{SessionState, load_session};
use crate::{dom, i18n};

/// Danish paths, because people read them in the address bar.
#[derive(Routable, Clone, PartialEq, Debug)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Frame)]
        #[route("/mit-overblik")]
        Overview {},
        #[route("/min-plan")]
        CitizenPlan {},
        #[route("/min-plan/historik")]
        CitizenPlanHistory {},
        #[route("/min-profil")]
        CitizenProfile {},
        #[route("/min-profil/samtykke")]
        Consent {},
        #[route("/hvem-har-set-mine-oplysninger")]
        AccessLog {},
        #[route("/beskeder")]
        CitizenMessages {},
        #[route("/beskeder/ny")]
        CitizenNewMessage {},
        #[route("/beskeder/:id")]
        CitizenConversation { id: String },
        #[route("/moeder")]
        CitizenMeetings {},
        #[route("/moeder/book")]
        BookMeeting {},
        #[route("/moeder/:id/flyt")]
        MoveMeeting { id: String },
        #[route("/indbakke")]
        Inbox {},
        #[route("/mine-borgere")]
        Caseload {},
        #[route("/borgere/:id/plan")]
        CaseworkerPlan { id: String },
        #[route("/borgere/:id/plan/historik")]
        CaseworkerPlanHistory { id: String },
        #[route("/borgere/:id/profil")]
        CaseworkerProfile { id: String },
        #[route("/borgere/:id/beskeder")]
        CaseworkerMessages { id: String },
        #[route("/borgere/:id/beskeder/ny")]
        CaseworkerNewMessage { id: String },
        #[route("/borgere/:id/beskeder/:conversation")]
        CaseworkerConversation { id: String, conversation: String },
        #[route("/borgere/:id/moeder")]
        CaseworkerMeetings { id: String },
        #[route("/borgere/:id/moeder/indkald")]
        SummonMeeting { id: String },
        #[route("/borgere/:id/moeder/:meeting/flyt")]
        CaseworkerMoveMeeting { id: String, meeting: String },
        #[route("/kalender")]
        CaseworkerCalendar {},
        #[route("/kalender/moedetider")]
        MeetingHours {},
        #[route("/log-paa/fejl/:reason")]
        LoginProblem { reason: String },
        #[route("/log-paa/medarbejder/fejl/:reason")]
        EmployeeLoginProblem { reason: String },
        #[route("/logget-af")]
        LoggedOut {},
        #[route("/logget-af/inaktiv")]
        TimedOut {},
        #[route("/:..segments")]
        NotFound { segments: Vec<String> },
}

#[component]
pub fn App() -> Element {
    let lang = use_context_provider(|| Signal::new(i18n::initial_lang()));
    let session = use_context_provider(|| Signal::new(SessionState::Loading));
    crate::live::provide();
    use_hook(move || {
        let initial = *lang.peek();
        i18n::set_lang(lang, initial);
        // A page the server rendered stays until the client's copy has its data (the page
        // removes it then; see `components::server_page`), so the screen does not flash "Henter…".
        if !dom::boot_is_server_rendered() {
            dom::remove_boot_frame();
        }
        spawn(load_session(session));
    });
    rsx! { Router::<Route> {} }
}

/// Header, main content and footer, plus the idle-timeout watcher while logged in.
#[component]
fn Frame() -> Element {
    let route = use_route::<Route>();
    let session = use_context::<Signal<SessionState>>();
    let mut first_route = use_signal(|| true);
    let modal_open = use_signal(|| false);
    // A single-page app must do what a browser does on a new page: start at the top and put
    // focus on the new content, so keyboard and screen-reader users know the page changed.
    use_effect(use_reactive!(|route| {
        let _ = route;
        if *first_route.peek() {
            first_route.set(false);
        } else {
            dom::scroll_to_top();
            dom::focus("page-heading");
        }
    }));
    let logged_in = matches!(*session.read(), SessionState::LoggedIn(_));
    rsx! {
        div { inert: modal_open().then_some("true"),
            Header {}
            main { id: "main-content", class: "container page-container",
                Outlet::<Route> {}
            }
            Footer {}
        }
        if logged_in {
            IdleWatcher { open: modal_open }
            crate::live::LiveUpdates {}
        }
    }
}
