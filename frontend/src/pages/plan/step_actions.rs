//! What either side does to a step besides changing its words: say "Det er vi enige om", move
//! its status on, and write "Det hjalp" once it is done.

use dioxus::prelude::*;
use shared::api::{Party, PlanStep, StepStatus};
use shared::validation::{Problems, limits, required_text};

use super::words;
use super::{PlanCtx, focus_soon};
use crate::api;
use crate::components::form::{Saved, SelectField, TextArea};
use crate::components::form_state::{FormProblems, use_form};
use crate::i18n::{use_lang, use_texts};

/// "I er enige", or who still has to agree, with the button for the viewer if it is them.
#[component]
pub fn Agreement(step: PlanStep) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let (mine, theirs) = match ctx.viewer {
        Party::Citizen => (step.citizen_agreed, step.caseworker_agreed),
        _ => (step.caseworker_agreed, step.citizen_agreed),
    };
    // The caseworker speaks for the jobcentre: a colleague may have agreed on its behalf.
    let my_line = match (ctx.viewer, mine) {
        (Party::Citizen, true) => t.plan.you_agreed,
        (Party::Citizen, false) => t.plan.you_not_agreed,
        (_, true) => t.plan.jobcentre_agreed,
        (_, false) => t.plan.jobcentre_not_agreed,
    };
    let their_line = match (ctx.viewer, theirs) {
        (Party::Citizen, true) => t.plan.jobcentre_agreed,
        (Party::Citizen, false) => t.plan.jobcentre_not_agreed,
        (_, true) => t.plan.citizen_agreed,
        (_, false) => t.plan.citizen_not_agreed,
    };
    // The version agreed to is the one on screen: if the words changed meanwhile, the server
    // refuses, and people see the new words before they agree.
    let version = step.version;
    let target = step.clone();
    let agree = move |_| {
        if !form.begin() {
            return;
        }
        let step = target.id;
        spawn(async move {
            match api::plan::agree(&ctx.whose(), step, version).await {
                Ok(_) => form.succeed(),
                Err(failure) => form.fail(&failure, "", lang()),
            }
            ctx.reload();
        });
    };

    rsx! {
        div { class: "plan-agreement",
            h4 { class: "h5", "{t.plan.agreement_heading}" }
            if step.agreed {
                p {
                    span { class: "badge badge-success", "{t.plan.agreed}" }
                }
                p { "{t.plan.agreed_explained}" }
            } else {
                p {
                    span { class: "badge badge-warning", "{t.plan.not_agreed}" }
                }
                ul { class: "plan-agreement-list",
                    li { "{my_line}" }
                    li { "{their_line}" }
                }
            }
            FormProblems { form }
            if (form.saved)() {
                Saved { text: t.plan.agree_saved }
            }
            if !step.agreed && !mine {
                div { class: "plan-actions mb-5",
                    button {
                        r#type: "button",
                        class: "button button-primary",
                        disabled: (form.busy)(),
                        onclick: agree,
                        "{t.plan.agree_button}"
                    }
                }
            }
        }
    }
}

#[component]
pub fn StatusControl(step: PlanStep) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let current = step.status.code();
    let mut choice = use_signal(|| current.to_string());
    // Someone else may move the status on: follow the plan as it is reloaded.
    use_effect(use_reactive!(|current| choice.set(current.to_string())));
    if step.status == StepStatus::Proposed {
        return rsx! {
            p { class: "form-hint", "{t.plan.status_waits_for_agreement}" }
        };
    }
    let prefix = format!("step-{}", step.id);
    let path = format!("{prefix}.status");
    let options: Vec<(String, String)> = words::CHOOSABLE
        .iter()
        .map(|s| (s.code().to_string(), words::status(t, *s).to_string()))
        .collect();
    let target = step.clone();
    let error_prefix = prefix.clone();
    let save = move |e: FormEvent| {
        e.prevent_default();
        let Some(status) = StepStatus::from_code(&choice()) else {
            return;
        };
        // Saving the status it already has would only add noise to the history.
        if status == target.status || !form.begin() {
            return;
        }
        let step = target.id;
        let error_prefix = error_prefix.clone();
        spawn(async move {
            match api::plan::status(&ctx.whose(), step, status).await {
                Ok(_) => {
                    form.succeed();
                    ctx.reload();
                }
                Err(failure) => form.fail(&failure, &error_prefix, lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, class: "plan-status-form mb-5", onsubmit: save,
            FormProblems { form }
            SelectField {
                path: path.clone(),
                label: t.plan.status_change_label,
                value: choice,
                options,
                error: form.error(&path),
            }
            button { r#type: "submit", class: "button button-secondary", disabled: (form.busy)(),
                "{t.plan.status_save}"
            }
            if (form.saved)() {
                Saved { text: t.plan.status_saved }
            }
        }
    }
}

/// "Det hjalp": each side's words about what helped, and a form for the viewer's own words.
#[component]
pub fn Helped(step: PlanStep) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let mut editing = use_signal(|| false);
    let mut draft = use_signal(String::new);
    let citizen = ctx.is_citizen();
    let mine = if citizen {
        step.helped_citizen.clone()
    } else {
        step.helped_caseworker.clone()
    };
    let citizen_words = if citizen {
        t.plan.words_you
    } else {
        t.plan.words_citizen
    };
    let jobcentre_words = t.plan.words_jobcentre;
    let label = if citizen {
        t.plan.helped_label_citizen
    } else {
        t.plan.helped_label_caseworker
    };
    let prefix = format!("step-{}", step.id);
    let path = format!("{prefix}.text");
    let heading_id = format!("step-{}-helped", step.id);

    let (field_id, current) = (path.replace('.', "-"), mine.clone());
    let open = move |_| {
        draft.set(current.clone().unwrap_or_default());
        form.reset();
        editing.set(true);
        focus_soon(field_id.clone());
    };
    let back = heading_id.clone();
    let close = move |_| {
        editing.set(false);
        focus_soon(back.clone());
    };
    let target = step.clone();
    let (error_prefix, back) = (prefix.clone(), heading_id.clone());
    let save = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let text = draft();
        let mut problems = Problems::default();
        problems.check("text", required_text(&text, limits::HELPED));
        if !problems.is_empty() {
            form.refuse(problems, &error_prefix, lang());
            return;
        }
        let step = target.id;
        let (error_prefix, back) = (error_prefix.clone(), back.clone());
        spawn(async move {
            match api::plan::helped(&ctx.whose(), step, text).await {
                Ok(_) => {
                    form.succeed();
                    editing.set(false);
                    ctx.reload();
                    focus_soon(back);
                }
                Err(failure) => form.fail(&failure, &error_prefix, lang()),
            }
        });
    };

    rsx! {
        div { class: "plan-helped",
            h4 { id: "{heading_id}", class: "h5", tabindex: "-1", "{t.plan.helped_heading}" }
            if mine.is_none() {
                p { "{t.plan.helped_intro}" }
            }
            dl { class: "plan-words",
                dt { "{citizen_words}" }
                dd { class: "plan-text", {words::note(t, &step.helped_citizen)} }
                dt { "{jobcentre_words}" }
                dd { class: "plan-text", {words::note(t, &step.helped_caseworker)} }
            }
            if (form.saved)() {
                Saved { text: t.plan.helped_saved }
            }
            if editing() {
                form { novalidate: true, class: "mb-5", onsubmit: save,
                    FormProblems { form }
                    TextArea {
                        path: path.clone(),
                        label,
                        hint: t.plan.helped_hint.to_string(),
                        value: draft,
                        max: limits::HELPED,
                        error: form.error(&path),
                    }
                    div { class: "plan-actions",
                        button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                            if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                        }
                        button { r#type: "button", class: "button button-secondary", onclick: close, "{t.cancel}" }
                    }
                }
            } else {
                div { class: "plan-actions mb-5",
                    button { r#type: "button", class: "button button-secondary", onclick: open,
                        if mine.is_some() { "{t.plan.helped_edit}" } else { "{t.plan.helped_write}" }
                    }
                }
            }
        }
    }
}
