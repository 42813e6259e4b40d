//! "Jeg vil gerne høre om …": the citizen asks about an option from the catalogue; the
//! caseworker gives a reasoned answer. Waiting requests come first, so none is overlooked.

use dioxus::prelude::*;
use shared::api::{Catalogue, NewOptionRequest, OptionRequest};
use shared::i18n::fill;
use shared::validation::{Problem, Problems, limits, optional_text, required_text};

use super::PlanCtx;
use super::words::fill_named;
use crate::components::form::{Saved, SelectField, TextArea};
use crate::components::form_state::{FormProblems, use_form};
use crate::i18n::{use_lang, use_texts};
use crate::{api, catalogues, format};

#[component]
pub fn Requests(requests: Vec<OptionRequest>) -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    let mut requests = requests;
    // Stable: within each group the server's order stays.
    requests.sort_by_key(|r| r.answer.is_some());
    let citizen = ctx.is_citizen();
    let empty = if citizen {
        t.plan.requests_empty_citizen
    } else {
        t.plan.requests_empty_caseworker
    };
    // The citizen's list sits under its own h3 below the form; the caseworker's list has no form
    // above it, so its requests are h3 themselves.
    let item_level = if citizen { 4 } else { 3 };
    rsx! {
        section { "aria-labelledby": "requests-heading", class: "mb-6",
            if citizen {
                h2 { id: "requests-heading", "{t.plan.requests_heading}" }
                p { "{t.plan.requests_intro_citizen}" }
                NewRequest {}
                h3 { "{t.plan.requests_list_heading}" }
            } else {
                h2 { id: "requests-heading", "{t.plan.requests_heading_caseworker}" }
                p { "{t.plan.requests_intro_caseworker}" }
            }
            if requests.is_empty() {
                p { "{empty}" }
            } else {
                ul { class: "nobullet-list",
                    for request in requests {
                        li { key: "{request.id}", class: "plan-request",
                            RequestItem { request, level: item_level }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn NewRequest() -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let mut option = use_signal(String::new);
    let mut message = use_signal(String::new);
    let choices = catalogues::choices(Catalogue::Option, lang(), None);
    if choices.is_empty() {
        return rsx! {
            p { "{t.plan.request_no_options}" }
        };
    }
    let codes: Vec<String> = choices.iter().map(|(code, _)| code.clone()).collect();
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let body = NewOptionRequest {
            option: option(),
            message: message().trim().to_string(),
        };
        let mut problems = Problems::default();
        if body.option.is_empty() {
            problems.0.push(("option".into(), Problem::Required));
        } else if !codes.contains(&body.option) {
            problems.0.push(("option".into(), Problem::Invalid));
        }
        problems.check(
            "message",
            optional_text(&body.message, limits::REQUEST_MESSAGE),
        );
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        spawn(async move {
            match api::plan::ask(&body).await {
                Ok(_) => {
                    option.set(String::new());
                    message.set(String::new());
                    form.succeed();
                    ctx.reload();
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, class: "mb-6 d-print-none", onsubmit: send,
            FormProblems { form }
            SelectField {
                path: "option",
                label: t.plan.request_option_label,
                value: option,
                options: choices,
                placeholder: true,
                error: form.error("option"),
            }
            TextArea {
                path: "message",
                label: t.plan.request_message_label,
                hint: t.plan.request_message_hint.to_string(),
                value: message,
                max: limits::REQUEST_MESSAGE,
                optional: true,
                rows: 3,
                error: form.error("message"),
            }
            if (form.saved)() {
                Saved { text: t.plan.request_saved }
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.saving}" } else { "{t.plan.request_send}" }
            }
        }
    }
}

#[component]
fn RequestItem(request: OptionRequest, level: u8) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let ctx = use_context::<PlanCtx>();
    let topic = catalogues::label(Catalogue::Option, &request.option, lang);
    let their_words = if ctx.is_citizen() {
        t.plan.request_your_words
    } else {
        t.plan.request_citizen_words
    };
    // Kept here, not in the form: the form goes away once the answer is in.
    let answered = use_signal(|| false);
    rsx! {
        if level == 3 {
            h3 { class: "h4", "{topic}" }
        } else {
            h4 { "{topic}" }
        }
        match &request.answer {
            None => rsx! {
                p {
                    span { class: "badge badge-warning mr-3", "{t.plan.request_waiting_badge}" }
                    " "
                    {fill(t.plan.request_waiting_since, &format::day(&request.asked_at))}
                }
            },
            Some(_) => rsx! {
                p {
                    span { class: "badge badge-success", "{t.plan.request_answered_badge}" }
                }
            },
        }
        if !request.message.trim().is_empty() {
            p { class: "mb-2 weight-semibold", "{their_words}" }
            p { class: "plan-text plan-own-words", "{request.message}" }
        }
        if answered() {
            Saved { text: t.plan.answer_saved }
        }
        match &request.answer {
            Some(answer) => rsx! {
                div { class: "plan-answer",
                    p { class: "mb-2 weight-semibold",
                        {fill_named(t.plan.request_answered_by, &[
                            ("name", &answer.caseworker_name),
                            ("time", &format::datetime(&answer.answered_at, lang)),
                        ])}
                    }
                    p { class: "plan-text", "{answer.text}" }
                }
            },
            None if !ctx.is_citizen() => rsx! { AnswerForm { request: request.clone(), answered } },
            None => rsx! {},
        }
    }
}

#[component]
fn AnswerForm(request: OptionRequest, answered: Signal<bool>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let ctx = use_context::<PlanCtx>();
    let form = use_form();
    let draft = use_signal(String::new);
    let prefix = format!("request-{}", request.id);
    let path = format!("{prefix}.answer");
    let request_id = request.id;
    let error_prefix = prefix.clone();
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let answer = draft().trim().to_string();
        let mut problems = Problems::default();
        problems.check("answer", required_text(&answer, limits::ANSWER));
        if !problems.is_empty() {
            form.refuse(problems, &error_prefix, lang());
            return;
        }
        let error_prefix = error_prefix.clone();
        spawn(async move {
            match api::plan::answer(&ctx.whose(), request_id, answer).await {
                Ok(_) => {
                    form.succeed();
                    answered.set(true);
                    ctx.reload();
                }
                Err(failure) => form.fail(&failure, &error_prefix, lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, class: "mb-5 d-print-none", onsubmit: send,
            FormProblems { form }
            TextArea {
                path: path.clone(),
                label: t.plan.answer_label,
                hint: t.plan.answer_hint.to_string(),
                value: draft,
                max: limits::ANSWER,
                error: form.error(&path),
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.saving}" } else { "{t.plan.answer_send}" }
            }
        }
    }
}
