//! "Min profil", consent, and the caseworker's view of a citizen's profile.

mod accommodations;
mod caseworker;
mod competences;
mod consent;
mod documents;
mod email;
mod helpers;
mod limitations;

use dioxus::prelude::*;
use shared::api::LimitationsView;

use crate::api;
use crate::api::Whose;
use crate::app::Route;
use crate::components::citizen_nav::{CitizenNav, CitizenTab};
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::loaded::loaded;
use crate::components::server_page;
use crate::i18n::use_texts;
use accommodations::AccommodationsForm;
use competences::Competences;
use limitations::Limitations;

/// "Min profil": competences, limitations, accommodations.
#[component]
pub fn CitizenProfile() -> Element {
    let t = use_texts();
    // The server renders this page too (`backend/src/server_pages/profile/`).
    server_page::use_hand_over_unless_citizen();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.profile.title }
            p { class: "font-lead", "{t.profile.intro}" }
            CitizenProfileBody {}
        }
    }
}

#[component]
fn CitizenProfileBody() -> Element {
    let t = use_texts();
    crate::components::form_state::provide_error_owner();
    let mut profile = use_resource(|| api::profile::load(&Whose::Mine));
    let email_settings = use_resource(api::messages::email_settings);
    server_page::use_hand_over_when(move || {
        profile.read().is_some() && email_settings.read().is_some()
    });
    // After a save the page reloads the profile; what is shown stays until the new one arrives.
    let reload = use_callback(move |_: ()| profile.restart());
    loaded(profile, |p| {
        let limitations = match p.limitations {
            LimitationsView::Visible { items } => items,
            LimitationsView::Hidden { .. } => Vec::new(),
        };
        rsx! {
            Competences { items: p.competences, reload }
            Limitations { items: limitations, consent: p.consent, reload }
            AccommodationsForm { initial: p.accommodations }
            email::EmailSection { settings: email_settings }
            section { "aria-labelledby": "insight-heading", class: "mb-8",
                h2 { id: "insight-heading", "{t.profile.access_log_title}" }
                p {
                    Link { to: Route::AccessLog {}, "{t.profile.access_log_link}" }
                }
            }
        }
    })
}

/// The consent page: what it means that caseworkers may see limitations; give or withdraw.
#[component]
pub fn Consent() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.profile.consent_title }
            consent::ConsentBody {}
        }
    }
}

/// A citizen's profile, as their caseworker sees it.
#[component]
pub fn CaseworkerProfile(id: String) -> Element {
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Profile }
            caseworker::CaseworkerProfileBody { id }
        }
    }
}
