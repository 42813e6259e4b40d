//! A citizen's profile as their caseworker sees it: read-only. What helps the citizen comes
//! first, because it decides how to meet them. Limitations only with the citizen's consent.

use dioxus::prelude::*;
use shared::api::{LimitationsView, ProfileResponse};
use shared::i18n::fill;

use super::accommodations::AccommodationsSummary;
use super::competences::CompetenceGroups;
use super::limitations::ReadOnlyLimitation;
use crate::api;
use crate::api::Whose;
use crate::components::common::PageHeading;
use crate::components::loaded::loaded;
use crate::i18n::use_texts;

#[component]
pub fn CaseworkerProfileBody(id: String) -> Element {
    let t = use_texts();
    let p = t.profile;
    let profile = use_resource(use_reactive!(|id| async move {
        api::profile::load(&Whose::Citizen(id)).await
    }));
    let answer = profile.read().clone();
    // The heading stays one element while the name loads, so focus placed on it stays there.
    let heading = match &answer {
        Some(Ok(profile)) => fill(p.caseworker_title, &profile.citizen_name),
        _ => p.title_for_caseworker_tab.to_string(),
    };
    rsx! {
        PageHeading { text: heading }
        {loaded(profile, |profile| rsx! { ProfileView { profile } })}
    }
}

#[component]
fn ProfileView(profile: ProfileResponse) -> Element {
    let t = use_texts();
    let p = t.profile;
    let citizen_id = profile.citizen_id.to_string();
    rsx! {
        p { "{p.caseworker_read_only}" }
        section { "aria-labelledby": "cw-accommodations-heading", class: "profile-highlight mb-8",
            h2 { id: "cw-accommodations-heading", "{p.cw_accommodations_heading}" }
            p { "{p.cw_accommodations_intro}" }
            AccommodationsSummary { accommodations: profile.accommodations }
        }
        section { "aria-labelledby": "cw-competences-heading", class: "mb-8",
            h2 { id: "cw-competences-heading", "{p.cw_competences_heading}" }
            if profile.competences.is_empty() {
                p { "{p.cw_competences_empty}" }
            } else {
                CompetenceGroups { items: profile.competences }
            }
        }
        section { "aria-labelledby": "cw-limitations-heading", class: "mb-8",
            h2 { id: "cw-limitations-heading", "{p.cw_limitations_heading}" }
            match profile.limitations {
                LimitationsView::Visible { items } if !items.is_empty() => rsx! {
                    for l in items {
                        ReadOnlyLimitation { key: "{l.id}", citizen_id: citizen_id.clone(), limitation: l }
                    }
                },
                // Nothing about what is hidden: only that there is something.
                LimitationsView::Hidden { exists: true } => rsx! {
                    p { "{p.cw_limitations_hidden}" }
                },
                _ => rsx! {
                    p { "{p.cw_limitations_empty}" }
                },
            }
        }
    }
}
