//! The goals: "Mit mål" in the citizen's own words (only the citizen edits it), and the job or
//! education goal with the target group (only the caseworker edits those).

use dioxus::prelude::*;
use shared::api::{Catalogue, GoalsRequest, OwnGoalRequest};
use shared::validation::{Problem, Problems, limits, optional_text};

use super::{PlanCtx, focus_soon};
use crate::api;
use crate::catalogues;
use crate::components::form::{Saved, SelectField, TextArea};
use crate::components::form_state::{FormProblems, use_form};
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn Goals(own_goal: String, agreed_goal: String, target_group: Option<String>) -> Element {
    let t = use_texts();
    rsx! {
        section { "aria-labelledby": "goals-heading", class: "mb-6",
            h2 { id: "goals-heading", "{t.plan.goals_heading}" }
            OwnGoal { text: own_goal }
            AgreedGoal { goal: agreed_goal, target_group }
        }
    }
}

#[component]
fn OwnGoal(text: String) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let mut editing = use_signal(|| false);
    let mut draft = use_signal(String::new);
    let citizen = ctx.is_citizen();
    let heading = if citizen {
        t.plan.own_goal_heading
    } else {
        t.plan.own_goal_heading_caseworker
    };
    let empty = if citizen {
        t.plan.own_goal_empty_citizen
    } else {
        t.plan.own_goal_empty_caseworker
    };

    let current = text.clone();
    let open = move |_| {
        draft.set(current.clone());
        form.reset();
        editing.set(true);
        focus_soon("own_goal".into());
    };
    let close = move |_| {
        editing.set(false);
        focus_soon("own-goal-heading".into());
    };
    let save = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let own_goal = draft();
        let mut problems = Problems::default();
        problems.check("own_goal", optional_text(&own_goal, limits::OWN_GOAL));
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        spawn(async move {
            let body = OwnGoalRequest { own_goal };
            match api::plan::own_goal(&body).await {
                Ok(_) => {
                    form.succeed();
                    editing.set(false);
                    ctx.reload();
                    focus_soon("own-goal-heading".into());
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };

    rsx! {
        h3 { id: "own-goal-heading", tabindex: "-1", "{heading}" }
        if editing() {
            form { novalidate: true, class: "mb-5", onsubmit: save,
                FormProblems { form }
                TextArea {
                    path: "own_goal",
                    label: t.plan.own_goal_heading,
                    hint: t.plan.own_goal_hint.to_string(),
                    value: draft,
                    max: limits::OWN_GOAL,
                    error: form.error("own_goal"),
                }
                div { class: "plan-actions",
                    button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                        if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                    }
                    button { r#type: "button", class: "button button-secondary", onclick: close, "{t.cancel}" }
                }
            }
        } else {
            if text.trim().is_empty() {
                p { "{empty}" }
            } else {
                p { class: "plan-text plan-own-words", "{text}" }
            }
            if !citizen {
                p { class: "form-hint", "{t.plan.own_goal_explained_caseworker}" }
            }
            if (form.saved)() {
                Saved { text: t.plan.own_goal_saved }
            }
            if citizen {
                div { class: "plan-actions mb-5",
                    button { r#type: "button", class: "button button-secondary", onclick: open,
                        if text.trim().is_empty() { "{t.plan.own_goal_write}" } else { "{t.plan.own_goal_edit}" }
                    }
                }
            }
        }
    }
}

#[component]
fn AgreedGoal(goal: String, target_group: Option<String>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let mut editing = use_signal(|| false);
    let mut draft_goal = use_signal(String::new);
    let mut draft_group = use_signal(String::new);
    let group_label = target_group
        .as_deref()
        .map(|code| catalogues::label(Catalogue::TargetGroup, code, lang()));

    let (current_goal, current_group) = (goal.clone(), target_group.clone());
    let open = move |_| {
        draft_goal.set(current_goal.clone());
        draft_group.set(current_group.clone().unwrap_or_default());
        form.reset();
        editing.set(true);
        focus_soon("agreed_goal".into());
    };
    let close = move |_| {
        editing.set(false);
        focus_soon("agreed-goal-heading".into());
    };
    let save = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let agreed_goal = draft_goal();
        let group = draft_group();
        let mut problems = Problems::default();
        problems.check(
            "agreed_goal",
            optional_text(&agreed_goal, limits::AGREED_GOAL),
        );
        // Like the server: a target group no longer offered cannot be saved again.
        let offered = catalogues::choices(Catalogue::TargetGroup, lang(), None);
        if !group.is_empty() && !offered.iter().any(|(code, _)| *code == group) {
            problems.0.push(("target_group".into(), Problem::Invalid));
        }
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        spawn(async move {
            let body = GoalsRequest {
                agreed_goal,
                target_group: (!group.is_empty()).then_some(group),
            };
            match api::plan::goals(&ctx.whose(), &body).await {
                Ok(_) => {
                    form.succeed();
                    editing.set(false);
                    ctx.reload();
                    focus_soon("agreed-goal-heading".into());
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };

    rsx! {
        h3 { id: "agreed-goal-heading", tabindex: "-1", "{t.plan.agreed_goal_heading}" }
        if editing() {
            form { novalidate: true, class: "mb-5", onsubmit: save,
                FormProblems { form }
                TextArea {
                    path: "agreed_goal",
                    label: t.plan.agreed_goal_heading,
                    hint: t.plan.agreed_goal_hint.to_string(),
                    value: draft_goal,
                    max: limits::AGREED_GOAL,
                    optional: true,
                    error: form.error("agreed_goal"),
                }
                SelectField {
                    path: "target_group",
                    label: t.plan.target_group,
                    value: draft_group,
                    options: catalogues::choices(Catalogue::TargetGroup, lang(), target_group.as_deref()),
                    placeholder: true,
                    optional: true,
                    error: form.error("target_group"),
                }
                div { class: "plan-actions",
                    button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                        if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                    }
                    button { r#type: "button", class: "button button-secondary", onclick: close, "{t.cancel}" }
                }
            }
        } else {
            if goal.trim().is_empty() {
                p { "{t.plan.agreed_goal_empty}" }
            } else {
                p { class: "plan-text", "{goal}" }
            }
            p {
                strong { "{t.plan.target_group}: " }
                match group_label {
                    Some(label) => rsx! { "{label}" },
                    None => rsx! { "{t.plan.target_group_empty}" },
                }
            }
            if (form.saved)() {
                Saved { text: t.plan.goals_saved }
            }
            if !ctx.is_citizen() {
                div { class: "plan-actions mb-5",
                    button { r#type: "button", class: "button button-secondary", onclick: open,
                        "{t.plan.goals_edit}"
                    }
                }
            }
        }
    }
}
