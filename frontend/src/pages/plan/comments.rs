//! Comments on a step: who wrote what and when, and a form to add one.

use dioxus::prelude::*;
use shared::api::PlanStep;
use shared::validation::{Problems, limits, required_text};

use super::PlanCtx;
use crate::api;
use crate::components::form::{Saved, TextArea};
use crate::components::form_state::{FormProblems, use_form};
use crate::format;
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn Comments(step: PlanStep) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let mut draft = use_signal(String::new);
    let prefix = format!("step-{}", step.id);
    let path = format!("{prefix}.body");

    let target = step.clone();
    let error_prefix = prefix.clone();
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let body = draft();
        let mut problems = Problems::default();
        problems.check("body", required_text(&body, limits::COMMENT));
        if !problems.is_empty() {
            form.refuse(problems, &error_prefix, lang());
            return;
        }
        let step = target.id;
        let error_prefix = error_prefix.clone();
        spawn(async move {
            match api::plan::comment(&ctx.whose(), step, body).await {
                Ok(_) => {
                    draft.set(String::new());
                    form.succeed();
                    ctx.reload();
                }
                Err(failure) => form.fail(&failure, &error_prefix, lang()),
            }
        });
    };

    rsx! {
        div { class: "plan-comments",
            h4 { class: "h5", "{t.plan.comments_heading}" }
            if step.comments.is_empty() {
                p { "{t.plan.comments_empty}" }
            } else {
                ul { class: "nobullet-list plan-comment-list",
                    for c in step.comments.iter() {
                        li { key: "{c.id}", class: "plan-comment",
                            p { class: "plan-comment-meta",
                                strong { class: "mr-3", "{c.author_name}" }
                                " "
                                time { datetime: "{c.at}", "{format::datetime(&c.at, lang())}" }
                            }
                            p { class: "plan-text", "{c.body}" }
                        }
                    }
                }
            }
            form { novalidate: true, class: "mb-3", onsubmit: send,
                FormProblems { form }
                TextArea {
                    path: path.clone(),
                    label: t.plan.comment_label,
                    value: draft,
                    max: limits::COMMENT,
                    rows: 3,
                    error: form.error(&path),
                }
                if (form.saved)() {
                    Saved { text: t.plan.comment_saved }
                }
                button { r#type: "submit", class: "button button-secondary", disabled: (form.busy)(),
                    if (form.busy)() { "{t.saving}" } else { "{t.plan.comment_send}" }
                }
            }
        }
    }
}
