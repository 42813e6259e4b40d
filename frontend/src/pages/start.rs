use dioxus::prelude::*;
use shared::api::SessionUser;
use shared::auth::LoginKind;

use crate::app::Route;
use crate::components::common::PageHeading;
use crate::i18n::{use_lang, use_texts};
use crate::session::use_session;

/// The front page: what Sammen is for, and the way in.
#[component]
pub fn Start() -> Element {
    let t = use_texts();
    let session = use_session();
    let user = session.read().session().map(|s| s.user.clone());
    rsx! {
        PageHeading { text: t.start_title }
        p { class: "font-lead", "{t.start_intro}" }
        match user {
            Some(SessionUser::Citizen { .. }) => rsx! {
                Link { to: Route::Overview {}, class: "button button-primary", "{t.continue_to_overview}" }
            },
            Some(SessionUser::Caseworker { .. }) => rsx! {
                Link { to: Route::Caseload {}, class: "button button-primary", "{t.continue_to_caseload}" }
            },
            None => rsx! { LoginButtons {} },
        }
        h2 { "{t.start_what_heading}" }
        ul {
            li { "{t.start_what_plan}" }
            li { "{t.start_what_profile}" }
            li { "{t.start_what_meetings}" }
            li { "{t.start_what_messages}" }
        }
    }
}

/// "Log på med MitID" for citizens and the employee login below it. These are links to the
/// server, which starts the OpenID Connect login.
#[component]
pub fn LoginButtons() -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let citizen = format!("{}?lang={}", LoginKind::Citizen.login_path(), lang.code());
    let employee = format!("{}?lang={}", LoginKind::Employee.login_path(), lang.code());
    rsx! {
        p {
            a { class: "button button-primary", href: "{citizen}", "{t.login_mitid}" }
        }
        p { class: "form-hint", "{t.login_mitid_hint}" }
        h2 { class: "h3", "{t.employee_heading}" }
        p {
            a { class: "button button-secondary", href: "{employee}", "{t.login_employee}" }
        }
    }
}
