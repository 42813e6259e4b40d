//! "Min plan" (citizen) and the caseworker's view of a citizen's plan.
//!
//! Both sides see the same plan through the same components; `PlanCtx` says whose page it is
//! (which changes the words: "Mig" to the citizen is "Borgeren" to the caseworker, and which
//! controls are offered) and where its API lives.

mod achieved;
mod comments;
mod goals;
mod history;
mod requests;
mod step_actions;
mod step_form;
mod steps;
mod words;

use dioxus::prelude::*;
use shared::api::{Party, PlanResponse, PlanStep};
use shared::i18n::fill;

use crate::api::{self, ApiFailure, Whose};
use crate::app::Route;
use crate::components::citizen_nav::{CitizenNav, CitizenTab};
use crate::components::common::{ErrorAlert, Loading, Need, PageHeading, RequireLogin};
use crate::components::loaded::LoadFailed;
use crate::components::server_page;
use crate::i18n::use_texts;
use crate::{catalogues, dom};

/// "Min plan": the citizen's own plan.
#[component]
pub fn CitizenPlan() -> Element {
    let t = use_texts();
    // The server renders this page too (`backend/src/server_pages/plan/`).
    server_page::use_hand_over_unless_citizen();
    rsx! {
        RequireLogin { need: Need::Citizen,
            PageHeading { text: t.plan.title }
            PlanPage { viewer: Party::Citizen, whose: Whose::Mine }
        }
    }
}

/// The history of the citizen's own plan.
#[component]
pub fn CitizenPlanHistory() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Citizen,
            Link { to: Route::CitizenPlan {}, class: "back-link", "{t.plan.back_to_plan}" }
            PageHeading { text: t.plan.history_title_citizen }
            p { "{t.plan.history_intro}" }
            history::History { viewer: Party::Citizen, whose: Whose::Mine }
        }
    }
}

/// A citizen's plan, as their caseworker sees and edits it.
#[component]
pub fn CaseworkerPlan(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::Plan }
            PageHeading { text: t.plan.caseworker_title }
            // Keyed by citizen: going straight to another citizen's plan starts afresh instead
            // of keeping the first citizen's drafts and loaded plan.
            for id in std::iter::once(id.clone()) {
                PlanPage { key: "{id}", viewer: Party::Caseworker, whose: Whose::Citizen(id.clone()) }
            }
        }
    }
}

/// The history of a citizen's plan, for their caseworker.
#[component]
pub fn CaseworkerPlanHistory(id: String) -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            CitizenNav { id: id.clone(), current: CitizenTab::History }
            PageHeading { text: t.plan.history_title_caseworker }
            p { "{t.plan.history_intro}" }
            for id in std::iter::once(id.clone()) {
                history::History { key: "{id}", viewer: Party::Caseworker, whose: Whose::Citizen(id.clone()) }
            }
        }
    }
}

/// Whose plan page this is, and how to reach and reload its plan.
#[derive(Clone, Copy)]
pub(crate) struct PlanCtx {
    /// `Citizen` on "Min plan", `Caseworker` on the caseworker's page.
    pub viewer: Party,
    whose: CopyValue<Whose>,
    plan: Resource<Result<PlanResponse, ApiFailure>>,
}

impl PlanCtx {
    /// Whose plan this is, for the API.
    pub fn whose(&self) -> Whose {
        self.whose.read().clone()
    }

    pub fn is_citizen(&self) -> bool {
        self.viewer == Party::Citizen
    }

    /// Fetches the plan again after a change; the page keeps showing the old one meanwhile.
    pub fn reload(self) {
        let mut plan = self.plan;
        plan.restart();
    }

    /// The step as it is now, after a save was refused because someone changed it meanwhile.
    pub async fn current_step(self, step: &PlanStep) -> Option<PlanStep> {
        // Only needed when a conflict answer came without the step (an older server): the
        // plan holds the same step as the server now has it.
        let plan = api::plan::load(&self.whose()).await.ok()?;
        plan.steps.into_iter().find(|s| s.id == step.id)
    }
}

/// Loads a plan (and the catalogues its codes need) and shows it.
#[component]
fn PlanPage(viewer: Party, whose: Whose) -> Element {
    crate::components::form_state::provide_error_owner();
    let load_whose = whose.clone();
    let plan = use_resource(move || {
        let whose = load_whose.clone();
        async move {
            catalogues::load().await?;
            api::plan::load(&whose).await
        }
    });
    server_page::use_hand_over_when(move || plan.read().is_some());
    let whose = use_hook(|| CopyValue::new(whose));
    use_context_provider(|| PlanCtx {
        viewer,
        whose,
        plan,
    });
    // A failed reload must not take away the plan people are working in: keep the last good one
    // and show the problem above it.
    let mut last_good = use_hook(|| CopyValue::new(None::<PlanResponse>));
    let answer = plan.read().clone();
    match answer {
        None => rsx! { Loading {} },
        Some(Ok(p)) => {
            last_good.set(Some(p.clone()));
            rsx! { PlanView { plan: p } }
        }
        Some(Err(failure)) => match last_good.read().clone() {
            Some(p) => rsx! {
                ErrorAlert { failure }
                PlanView { plan: p }
            },
            None => rsx! {
                LoadFailed {
                    failure,
                    on_retry: move |_| {
                        let mut plan = plan;
                        plan.restart();
                    },
                }
            },
        },
    }
}

#[component]
fn PlanView(plan: PlanResponse) -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    rsx! {
        if ctx.is_citizen() {
            p { class: "font-lead", "{t.plan.intro_citizen}" }
        } else {
            p { class: "font-lead", {fill(t.plan.intro_caseworker, &plan.citizen_name)} }
        }
        PlanTools {}
        goals::Goals {
            own_goal: plan.own_goal,
            agreed_goal: plan.agreed_goal,
            target_group: plan.target_group,
        }
        achieved::Achieved { steps: plan.steps.clone() }
        steps::Steps { steps: plan.steps }
        step_form::NewStep {}
        requests::Requests { requests: plan.requests }
    }
}

/// The history link (the caseworker has it in the citizen tabs) and printing.
#[component]
fn PlanTools() -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    rsx! {
        div { class: "plan-actions mb-6 d-print-none",
            if ctx.is_citizen() {
                Link { to: Route::CitizenPlanHistory {}, class: "function-link", "{t.plan.history_link}" }
            }
            button {
                r#type: "button",
                class: "button button-secondary",
                onclick: move |_| {
                    if let Some(window) = web_sys::window() {
                        let _ = window.print();
                    }
                },
                "{t.plan.print}"
            }
        }
    }
}

/// Moves focus to an element that appears with the next render (a form just opened), or to a
/// heading once a form closes, so keyboard and screen-reader users stay where they work.
pub(crate) fn focus_soon(id: String) {
    spawn(async move {
        dom::sleep_ms(30).await;
        dom::focus(&id);
    });
}
