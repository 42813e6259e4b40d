//! Proposing a step, and changing one. A change names the version it was made to; when
//! someone else changed the step meanwhile, nothing is overwritten: the person sees both
//! versions and starts again from the current one.

use dioxus::prelude::*;
use shared::api::{
    Catalogue, ConflictState, ErrorCode, Party, PlanStep, Responsible, StepRequest, StepWording,
};
use shared::validation::{check_step, limits};

use super::words;
use super::{PlanCtx, focus_soon};
use crate::api;
use crate::catalogues;
use crate::components::form::{RadioGroup, Saved, SelectField, TextArea, TextField, field_id};
use crate::components::form_state::{FormProblems, use_form};
use crate::format;
use crate::i18n::{use_lang, use_texts};

/// "Foreslå et nyt trin": a button that opens the form, so a phone screen is not filled by it.
#[component]
pub fn NewStep() -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    let mut open = use_signal(|| false);
    let mut saved = use_signal(|| false);
    let intro = if ctx.is_citizen() {
        t.plan.new_step_intro_citizen
    } else {
        t.plan.new_step_intro_caseworker
    };
    let close = move |was_saved: bool| {
        open.set(false);
        saved.set(was_saved);
        focus_soon("new-step-heading".into());
    };
    rsx! {
        section { "aria-labelledby": "new-step-heading", class: "mb-6 d-print-none",
            h2 { id: "new-step-heading", tabindex: "-1", "{t.plan.new_step_heading}" }
            p { "{intro}" }
            if saved() {
                Saved { text: if ctx.is_citizen() { t.plan.new_step_saved_citizen } else { t.plan.new_step_saved_caseworker } }
            }
            if open() {
                StepForm { prefix: "", on_close: close }
            } else {
                div { class: "plan-actions",
                    button {
                        r#type: "button",
                        class: "button button-primary",
                        onclick: move |_| {
                            saved.set(false);
                            open.set(true);
                            focus_soon("wording-title".into());
                        },
                        "{t.plan.new_step_open}"
                    }
                }
            }
        }
    }
}

fn optional(value: String) -> Option<String> {
    let value = value.trim().to_string();
    (!value.is_empty()).then_some(value)
}

/// The form for a new step (`existing` is `None`) or a change to one. Field paths are the
/// request's (`wording.title`), behind `prefix` when the form is one of several on the page.
/// `on_close` says whether something was saved.
#[component]
pub fn StepForm(
    #[props(default)] existing: Option<PlanStep>,
    prefix: String,
    on_close: EventHandler<bool>,
) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let start = existing.as_ref().map(|s| s.wording.clone());
    let keep_type = start.as_ref().map(|w| w.step_type.clone());
    let types = catalogues::choices(Catalogue::StepType, lang(), keep_type.as_deref());

    let mut title = use_signal(|| start.as_ref().map(|w| w.title.clone()).unwrap_or_default());
    let mut description = use_signal(|| {
        start
            .as_ref()
            .map(|w| w.description.clone())
            .unwrap_or_default()
    });
    let mut step_type = use_signal(|| keep_type.clone().unwrap_or_default());
    let mut starts_on = use_signal(|| {
        start
            .as_ref()
            .and_then(|w| w.starts_on.clone())
            .unwrap_or_default()
    });
    let mut ends_on = use_signal(|| {
        start
            .as_ref()
            .and_then(|w| w.ends_on.clone())
            .unwrap_or_default()
    });
    let mut responsible = use_signal(|| {
        start
            .as_ref()
            .map(|w| w.responsible)
            .unwrap_or(Responsible::Citizen)
            .code()
            .to_string()
    });
    let mut version = use_signal(|| existing.as_ref().map(|s| s.version));
    // What the person tried to save, and the step as someone else left it.
    let mut conflict = use_signal(|| None::<(StepWording, Option<PlanStep>)>);

    if types.is_empty() {
        return rsx! {
            p { "{t.plan.form_no_step_types}" }
        };
    }

    let path = |field: &str| {
        if prefix.is_empty() {
            format!("wording.{field}")
        } else {
            format!("{prefix}.wording.{field}")
        }
    };
    let codes: Vec<String> = types.iter().map(|(code, _)| code.clone()).collect();
    let target = existing.clone();
    let error_prefix = prefix.clone();
    let is_new = existing.is_none();
    let save = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let wording = StepWording {
            title: title().trim().to_string(),
            description: description().trim().to_string(),
            step_type: step_type(),
            starts_on: optional(starts_on()),
            ends_on: optional(ends_on()),
            responsible: Responsible::from_code(&responsible()).unwrap_or(Responsible::Citizen),
        };
        let offered: Vec<&str> = codes.iter().map(String::as_str).collect();
        let problems = check_step(&wording, &offered);
        if !problems.is_empty() {
            form.refuse(problems, &error_prefix, lang());
            return;
        }
        let target = target.clone();
        let error_prefix = error_prefix.clone();
        spawn(async move {
            let body = StepRequest {
                wording: wording.clone(),
                version: version(),
            };
            let whose = ctx.whose();
            let answer = match &target {
                None => api::plan::new_step(&whose, &body).await,
                Some(step) => api::plan::edit_step(&whose, step.id, &body).await,
            };
            match (answer, target) {
                (Ok(_), _) => {
                    form.succeed();
                    ctx.reload();
                    on_close.call(true);
                }
                (Err(failure), Some(step)) if failure.code == ErrorCode::Conflict => {
                    // The server answers a conflict with the step as it is now.
                    let current = match failure.current {
                        Some(ConflictState::PlanStep(now)) => Some(*now),
                        _ => ctx.current_step(&step).await,
                    };
                    form.reset();
                    conflict.set(Some((wording, current)));
                    ctx.reload();
                }
                (Err(failure), _) => form.fail(&failure, &error_prefix, lang()),
            }
        });
    };
    let title_id = field_id(&path("title"));
    let restart = move |_| {
        let Some((_, current)) = conflict() else {
            return;
        };
        match current {
            Some(step) => {
                let w = step.wording;
                title.set(w.title);
                description.set(w.description);
                step_type.set(w.step_type);
                starts_on.set(w.starts_on.unwrap_or_default());
                ends_on.set(w.ends_on.unwrap_or_default());
                responsible.set(w.responsible.code().to_string());
                version.set(Some(step.version));
                conflict.set(None);
                // The alert that had focus is gone; carry on where the words are.
                focus_soon(title_id.clone());
            }
            // The current version could not be fetched: close, so the person starts again
            // from the step as the reloaded plan shows it.
            None => on_close.call(false),
        }
    };
    let responsible_options: Vec<(String, String)> = Responsible::ALL
        .iter()
        .map(|r| {
            (
                r.code().to_string(),
                words::responsible(t, ctx.viewer, *r).to_string(),
            )
        })
        .collect();
    let send_label = if is_new { t.plan.new_step_send } else { t.save };
    let busy = (form.busy)();

    rsx! {
        if let Some((tried, current)) = conflict() {
            Conflict { tried, current, viewer: ctx.viewer, on_restart: restart, on_cancel: move |_| on_close.call(false) }
        }
        form { novalidate: true, class: "plan-step-form mb-5", onsubmit: save,
            FormProblems { form }
            TextField {
                path: path("title"),
                label: t.plan.form_title,
                hint: t.plan.form_title_hint.to_string(),
                value: title,
                max: limits::STEP_TITLE,
                error: form.error(&path("title")),
            }
            TextArea {
                path: path("description"),
                label: t.plan.form_description,
                hint: t.plan.form_description_hint.to_string(),
                value: description,
                max: limits::STEP_DESCRIPTION,
                optional: true,
                error: form.error(&path("description")),
            }
            SelectField {
                path: path("step_type"),
                label: t.plan.form_type,
                value: step_type,
                options: types,
                placeholder: true,
                error: form.error(&path("step_type")),
            }
            TextField {
                path: path("starts_on"),
                label: t.plan.form_starts,
                value: starts_on,
                input_type: "date",
                optional: true,
                error: form.error(&path("starts_on")),
            }
            TextField {
                path: path("ends_on"),
                label: t.plan.form_ends,
                value: ends_on,
                input_type: "date",
                optional: true,
                error: form.error(&path("ends_on")),
            }
            RadioGroup {
                path: path("responsible"),
                legend: t.plan.form_responsible,
                value: responsible,
                options: responsible_options,
                error: form.error(&path("responsible")),
            }
            div { class: "plan-actions",
                button { r#type: "submit", class: "button button-primary", disabled: busy || conflict().is_some(),
                    if busy { "{t.saving}" } else { "{send_label}" }
                }
                button { r#type: "button", class: "button button-secondary", onclick: move |_| on_close.call(false),
                    "{t.cancel}"
                }
            }
        }
    }
}

/// "Trinnet er blevet ændret imens": both versions, and a way to start again from the current.
#[component]
fn Conflict(
    tried: StepWording,
    current: Option<PlanStep>,
    viewer: Party,
    on_restart: EventHandler<()>,
    on_cancel: EventHandler<()>,
) -> Element {
    let t = use_texts();
    rsx! {
        div {
            class: "alert alert-warning",
            role: "alert",
            tabindex: "-1",
            onmounted: move |e| async move {
                let _ = e.set_focus(true).await;
            },
            div { class: "alert-body",
                h4 { class: "alert-heading h5", "{t.plan.conflict_heading}" }
                p { class: "alert-text", "{t.plan.conflict_body}" }
                div { class: "plan-versions",
                    div { class: "plan-version",
                        p { class: "weight-semibold", "{t.plan.conflict_yours}" }
                        WordingView { wording: tried, viewer }
                    }
                    if let Some(step) = current {
                        div { class: "plan-version",
                            p { class: "weight-semibold", "{t.plan.conflict_current}" }
                            WordingView { wording: step.wording, viewer }
                        }
                    }
                }
                div { class: "plan-actions",
                    button { r#type: "button", class: "button button-primary", onclick: move |_| on_restart.call(()),
                        "{t.plan.conflict_restart}"
                    }
                    button { r#type: "button", class: "button button-secondary", onclick: move |_| on_cancel.call(()),
                        "{t.cancel}"
                    }
                }
            }
        }
    }
}

/// A step's words, every field, for comparing two versions.
#[component]
fn WordingView(wording: StepWording, viewer: Party) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let date = |d: &Option<String>| {
        d.as_deref()
            .map(format::date)
            .unwrap_or_else(|| t.plan.step_no_date.to_string())
    };
    let description = if wording.description.trim().is_empty() {
        t.plan.empty_value.to_string()
    } else {
        wording.description.clone()
    };
    rsx! {
        dl { class: "plan-facts",
            dt { "{t.plan.field_title}" }
            dd { "{wording.title}" }
            dt { "{t.plan.field_description}" }
            dd { class: "plan-text", "{description}" }
            dt { "{t.plan.field_step_type}" }
            dd { {catalogues::label(Catalogue::StepType, &wording.step_type, lang)} }
            dt { "{t.plan.field_starts_on}" }
            dd { {date(&wording.starts_on)} }
            dt { "{t.plan.field_ends_on}" }
            dd { {date(&wording.ends_on)} }
            dt { "{t.plan.field_responsible}" }
            dd { "{words::responsible(t, viewer, wording.responsible)}" }
        }
    }
}
