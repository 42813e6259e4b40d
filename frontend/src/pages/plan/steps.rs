//! The steps of the plan, each with what it is, who does it, whether both sides agree, its
//! status, "Det hjalp" and comments.

use dioxus::prelude::*;
use shared::api::{Catalogue, Party, PlanStep, StepStatus};

use super::comments::Comments;
use super::step_actions::{Agreement, Helped, StatusControl};
use super::step_form::StepForm;
use super::words::{self, ChangeList};
use super::{PlanCtx, focus_soon};
use crate::components::form::Saved;
use crate::i18n::{use_lang, use_texts};
use crate::{catalogues, format};

#[component]
pub fn Steps(steps: Vec<PlanStep>) -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    let empty = if ctx.is_citizen() {
        t.plan.steps_empty_citizen
    } else {
        t.plan.steps_empty_caseworker
    };
    rsx! {
        section { "aria-labelledby": "steps-heading", class: "mb-6",
            h2 { id: "steps-heading", "{t.plan.steps_heading}" }
            if steps.is_empty() {
                p { "{empty}" }
            } else {
                ul { class: "nobullet-list plan-steps",
                    for step in steps {
                        li { key: "{step.id}", StepCard { step } }
                    }
                }
            }
        }
    }
}

/// The citizen may change only the steps they proposed; the caseworker any step.
fn may_edit(viewer: Party, step: &PlanStep) -> bool {
    viewer == Party::Caseworker || step.proposed_by == Party::Citizen
}

#[component]
fn StepCard(step: PlanStep) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let ctx = use_context::<PlanCtx>();
    let mut editing = use_signal(|| false);
    let mut saved = use_signal(|| false);
    let heading_id = format!("step-{}-title", step.id);
    let prefix = format!("step-{}", step.id);
    let w = &step.wording;
    let type_label = catalogues::label(Catalogue::StepType, &w.step_type, lang);
    let responsible = words::responsible(t, ctx.viewer, w.responsible);
    let proposed_by = words::party(t, ctx.viewer, step.proposed_by);
    let changes_since_agreed = step
        .previously_agreed
        .as_ref()
        .map(|before| words::wording_changes(before, w));

    let first_field = format!("{prefix}-wording-title");
    let open = move |_| {
        saved.set(false);
        editing.set(true);
        focus_soon(first_field.clone());
    };
    let back_to_heading = heading_id.clone();
    let close = move |was_saved: bool| {
        editing.set(false);
        saved.set(was_saved);
        focus_soon(back_to_heading.clone());
    };

    rsx! {
        article { class: "plan-step", "aria-labelledby": "{heading_id}",
            div { class: "plan-step-head",
                h3 { id: "{heading_id}", tabindex: "-1", "{w.title}" }
                span { class: words::status_badge(step.status),
                    span { class: "sr-only", "{t.plan.step_status}: " }
                    "{words::status(t, step.status)}"
                }
            }
            if !w.description.trim().is_empty() {
                p { class: "plan-text", "{w.description}" }
            }
            dl { class: "plan-facts",
                dt { "{t.plan.step_type}" }
                dd { "{type_label}" }
                if let Some(d) = &w.starts_on {
                    dt { "{t.plan.step_starts}" }
                    dd { "{format::date(d)}" }
                }
                if let Some(d) = &w.ends_on {
                    dt { "{t.plan.step_ends}" }
                    dd { "{format::date(d)}" }
                }
                dt { "{t.plan.step_responsible}" }
                dd { "{responsible}" }
                dt { "{t.plan.step_proposed_by}" }
                dd { "{proposed_by}" }
            }
            if let Some(changes) = changes_since_agreed {
                div { class: "alert alert-info",
                    div { class: "alert-body",
                        h4 { class: "alert-heading h5", "{t.plan.changed_since_agreed_heading}" }
                        p { class: "alert-text", "{t.plan.changed_since_agreed_body}" }
                        if !changes.is_empty() {
                            ChangeList { changes, viewer: ctx.viewer }
                        }
                    }
                }
            }
            Agreement { step: step.clone() }
            if saved() {
                Saved { text: if ctx.is_citizen() { t.plan.step_saved_citizen } else { t.plan.step_saved_caseworker } }
            }
            if editing() {
                StepForm { existing: step.clone(), prefix: prefix.clone(), on_close: close }
            } else if may_edit(ctx.viewer, &step) {
                div { class: "plan-actions mb-5",
                    button { r#type: "button", class: "button button-secondary", onclick: open,
                        "{t.plan.edit_step}"
                    }
                }
            }
            StatusControl { step: step.clone() }
            if step.status == StepStatus::Done {
                Helped { step: step.clone() }
            }
            Comments { step: step.clone() }
        }
    }
}
