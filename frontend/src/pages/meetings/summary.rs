//! "Det aftalte vi" under a past meeting: the caseworker writes it (and may propose plan
//! steps, which the citizen then agrees to in the plan), the citizen answers, the caseworker
//! answers a comment. Results reached together, in words both can point to.

use dioxus::prelude::*;
use shared::api::{
    MeetingSummary, MeetingView, MeetingsResponse, SummaryAnswerRequest, SummaryRequest,
    SummaryResponse,
};
use shared::validation::{Problems, limits, optional_text, required_text};
use uuid::Uuid;

use crate::api::{self, ApiFailure, Whose};
use crate::components::form::{RadioGroup, Saved, TextArea};
use crate::components::form_state::{Form, FormProblems, use_form};
use crate::i18n::{use_lang, use_texts};

type List = Resource<Result<MeetingsResponse, ApiFailure>>;

/// Field paths of one meeting's forms, unique on a page of many.
fn prefix(id: Uuid) -> String {
    format!("m{}", id.simple())
}

/// Starts sending a form whose `text` is required; `false` when a send is under way or the
/// text is refused (then shown on the form).
fn begin_with_text(form: Form, text: &str, max: u32, prefix: &str, lang: shared::Lang) -> bool {
    if !form.begin() {
        return false;
    }
    let mut problems = Problems::default();
    problems.check("text", required_text(text, max));
    if problems.is_empty() {
        return true;
    }
    form.refuse(problems, prefix, lang);
    false
}

fn saved(form: Form, mut list: List) {
    form.succeed();
    list.restart();
}

#[component]
pub fn Summary(whose: Whose, meeting: MeetingView, list: List) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let citizen = matches!(whose, Whose::Mine);
    let id = meeting.id;
    let Some(s) = meeting.summary else {
        return rsx! {
            if citizen {
                p { class: "form-hint", "{m.summary_none_yet}" }
            } else {
                WriteSummary { whose, id, list }
            }
        };
    };
    rsx! {
        div { class: "meeting-summary",
            h4 { "{m.summary_heading}" }
            p { class: "pre-line", "{s.text}" }
            Answer { whose, id, summary: s, list }
        }
    }
}

/// The answer as it stands, or the form to give it (the citizen) or answer it (the caseworker).
#[component]
fn Answer(whose: Whose, id: Uuid, summary: MeetingSummary, list: List) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let citizen = matches!(whose, Whose::Mine);
    let Some(response) = summary.citizen_response else {
        return rsx! {
            if citizen {
                AnswerForm { id, list }
            }
        };
    };
    let said = match (response, citizen) {
        (SummaryResponse::Agreed, true) => m.answered_agreed,
        (SummaryResponse::Disagreed, true) => m.answered_disagreed,
        (SummaryResponse::Agreed, false) => m.citizen_agreed,
        (SummaryResponse::Disagreed, false) => m.citizen_disagreed,
    };
    rsx! {
        p { strong { "{said}" } }
        if let Some(comment) = summary.citizen_comment.filter(|c| !c.is_empty()) {
            p { class: "pre-line", strong { "{m.citizen_comment}: " } "{comment}" }
            match summary.caseworker_reply {
                Some(reply) => rsx! {
                    p { class: "pre-line", strong { "{m.caseworker_reply}: " } "{reply}" }
                },
                None if !citizen => rsx! { ReplyForm { whose, id, list } },
                None => rsx! {},
            }
        }
    }
}

#[component]
fn AnswerForm(id: Uuid, list: List) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let form = use_form();
    let choice = use_signal(String::new);
    let comment = use_signal(String::new);
    let p = prefix(id);
    let send = {
        let p = p.clone();
        move |e: FormEvent| {
            e.prevent_default();
            if !form.begin() {
                return;
            }
            let response = SummaryResponse::from_code(&choice());
            let mut problems = Problems::default();
            match response {
                None => problems.check("response", Err(shared::validation::Problem::Required)),
                Some(SummaryResponse::Disagreed) => problems.check(
                    "comment",
                    required_text(&comment(), limits::SUMMARY_COMMENT),
                ),
                Some(SummaryResponse::Agreed) => problems.check(
                    "comment",
                    optional_text(&comment(), limits::SUMMARY_COMMENT),
                ),
            }
            let Some(response) = response.filter(|_| problems.is_empty()) else {
                form.refuse_in_order(problems, &p, &["response", "comment"], lang());
                return;
            };
            let request = SummaryAnswerRequest {
                response,
                comment: comment(),
            };
            let p = p.clone();
            spawn(async move {
                match api::meetings::answer_summary(id, &request).await {
                    Ok(_) => saved(form, list),
                    Err(failure) => form.fail(&failure, &p, lang()),
                }
            });
        }
    };
    let options = vec![
        ("agreed".to_string(), m.answer_agreed.to_string()),
        ("disagreed".to_string(), m.answer_disagreed.to_string()),
    ];
    let response_path = format!("{p}.response");
    let comment_path = format!("{p}.comment");
    rsx! {
        form { novalidate: true, onsubmit: send,
            FormProblems { form }
            RadioGroup { path: response_path.clone(), legend: m.answer_legend, value: choice, options, error: form.error(&response_path) }
            if choice() == "disagreed" {
                TextArea { path: comment_path.clone(), label: m.answer_comment_label, value: comment, max: limits::SUMMARY_COMMENT, rows: 3, error: form.error(&comment_path) }
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(), "{m.answer_submit}" }
        }
    }
}

#[component]
fn WriteSummary(whose: Whose, id: Uuid, list: List) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let form = use_form();
    let text = use_signal(String::new);
    let steps = use_signal(String::new);
    let p = prefix(id);
    let send = {
        let p = p.clone();
        move |e: FormEvent| {
            e.prevent_default();
            if !begin_with_text(form, &text(), limits::MEETING_SUMMARY, &p, lang()) {
                return;
            }
            let request = SummaryRequest {
                text: text(),
                proposed_steps: steps()
                    .lines()
                    .map(str::trim)
                    .filter(|l| !l.is_empty())
                    .map(String::from)
                    .collect(),
            };
            let (whose, p) = (whose.clone(), p.clone());
            spawn(async move {
                match api::meetings::write_summary(&whose, id, &request).await {
                    Ok(_) => saved(form, list),
                    Err(mut failure) => {
                        // One text area holds every proposed step.
                        for f in failure.fields.iter_mut() {
                            if f.field.starts_with("proposed_steps") {
                                f.field = "proposed_steps".into();
                            }
                        }
                        form.fail(&failure, &p, lang());
                    }
                }
            });
        }
    };
    let text_path = format!("{p}.text");
    let steps_path = format!("{p}.proposed_steps");
    rsx! {
        form { novalidate: true, onsubmit: send, class: "meeting-summary",
            FormProblems { form }
            TextArea { path: text_path.clone(), label: m.summary_label, hint: m.summary_hint, value: text, max: limits::MEETING_SUMMARY, rows: 5, error: form.error(&text_path) }
            TextArea { path: steps_path.clone(), label: m.summary_steps_label, hint: m.summary_steps_hint, value: steps, max: limits::MEETING_SUMMARY, optional: true, rows: 3, error: form.error(&steps_path) }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(), "{m.summary_submit}" }
            if (form.saved)() {
                Saved { text: m.summary_saved }
            }
        }
    }
}

#[component]
fn ReplyForm(whose: Whose, id: Uuid, list: List) -> Element {
    let t = use_texts();
    let m = &t.meetings;
    let lang = use_lang();
    let form = use_form();
    let text = use_signal(String::new);
    let p = prefix(id);
    let send = {
        let p = p.clone();
        move |e: FormEvent| {
            e.prevent_default();
            if !begin_with_text(form, &text(), limits::SUMMARY_COMMENT, &p, lang()) {
                return;
            }
            let (whose, p) = (whose.clone(), p.clone());
            spawn(async move {
                match api::meetings::reply_summary(&whose, id, text()).await {
                    Ok(_) => saved(form, list),
                    Err(failure) => form.fail(&failure, &p, lang()),
                }
            });
        }
    };
    let path = format!("{p}.text");
    rsx! {
        form { novalidate: true, onsubmit: send,
            FormProblems { form }
            TextArea { path: path.clone(), label: m.reply_label, value: text, max: limits::SUMMARY_COMMENT, rows: 3, error: form.error(&path) }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(), "{m.reply_submit}" }
        }
    }
}
