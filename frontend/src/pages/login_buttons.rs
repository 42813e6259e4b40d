//! The way in, for pages a person reached without being logged in (the start page itself is
//! rendered by the server: backend/src/server_pages/start.rs).

use dioxus::prelude::*;
use shared::auth::LoginKind;

use crate::i18n::{use_lang, use_texts};

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
