use dioxus::prelude::*;
use shared::auth::{LoginKind, LoginProblem as Problem};

use crate::components::common::PageHeading;
use crate::i18n::{use_lang, use_texts};

/// Where a failed citizen login lands: what happened, and "Prøv igen".
#[component]
pub fn LoginProblem(reason: String) -> Element {
    rsx! { ProblemPage { reason, kind: LoginKind::Citizen } }
}

/// The same for the employee login.
#[component]
pub fn EmployeeLoginProblem(reason: String) -> Element {
    rsx! { ProblemPage { reason, kind: LoginKind::Employee } }
}

#[component]
fn ProblemPage(reason: String, kind: LoginKind) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let problem = Problem::from_code(&reason).unwrap_or(Problem::ProviderError);
    let retry = format!("{}?lang={}", kind.login_path(), lang.code());
    match problem {
        Problem::UnknownCitizen => rsx! {
            PageHeading { text: t.unknown_citizen_title }
            p { "{t.unknown_citizen_body}" }
            p { "{t.nothing_was_saved}" }
            h2 { class: "h3", "{t.unknown_citizen_contact}" }
            p { class: "font-lead", strong { "{t.support_phone}" } }
            p { "{t.support_hours}" }
            a { href: "/", class: "button button-secondary", "{t.to_front_page}" }
        },
        Problem::UnknownEmployee => rsx! {
            PageHeading { text: t.unknown_employee_title }
            p { "{t.unknown_employee_body}" }
            a { href: "/", class: "button button-secondary", "{t.to_front_page}" }
        },
        other => rsx! {
            PageHeading { text: t.login_failed_title }
            div { class: "alert alert-warning", role: "alert",
                div { class: "alert-body",
                    p { class: "alert-text", "{t.login_problem(other)}" }
                }
            }
            p { class: "mt-6",
                a { class: "button button-primary", href: "{retry}", "{t.try_again}" }
            }
            p {
                a { href: "/", "{t.to_front_page}" }
            }
        },
    }
}
