//! The caseworker's time away (on the inbox page) and handing a conversation to a colleague.

use dioxus::prelude::*;
use shared::api::{Away, HandoverRequest};
use shared::i18n::fill;
use shared::validation::{Problems, limits, optional_text};
use uuid::Uuid;

use crate::api::{self, Whose};
use crate::components::form::{Saved, SelectField, TextArea, TextField};
use crate::components::form_state::{FormProblems, use_form};
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};

/// "Fravær": from and until, both days included; the backup answers meanwhile.
#[component]
pub fn AwaySection() -> Element {
    let t = use_texts();
    let team = use_resource(api::messages::team);
    rsx! {
        section { "aria-labelledby": "away-heading", class: "mt-8",
            h2 { id: "away-heading", "{t.messages.away_heading}" }
            p { "{t.messages.away_intro}" }
            {loaded(team, |team| rsx! { AwayForm { initial: team.away } })}
        }
    }
}

#[component]
fn AwayForm(initial: Away) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let mut from = use_signal(|| initial.from.clone().unwrap_or_default());
    let mut until = use_signal(|| initial.until.clone().unwrap_or_default());
    let mut current = use_signal(|| initial.clone());
    let save = move |away: Away| {
        if !form.begin() {
            return;
        }
        spawn(async move {
            match api::messages::set_away(&away).await {
                Ok(saved) => {
                    from.set(saved.from.clone().unwrap_or_default());
                    until.set(saved.until.clone().unwrap_or_default());
                    current.set(saved);
                    form.succeed();
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let some = |s: String| Some(s.trim().to_string()).filter(|s| !s.is_empty());
        save(Away {
            from: some(from()),
            until: some(until()),
        });
    };
    let now = current();
    rsx! {
        if let (Some(f), Some(u)) = (&now.from, &now.until) {
            p { strong { "{fill(&fill(t.messages.away_now, &format::date(f)), &format::date(u))}" } }
        }
        form { novalidate: true, onsubmit: submit,
            FormProblems { form }
            TextField { path: "from", label: t.messages.away_from, value: from, input_type: "date", error: form.error("from") }
            TextField { path: "until", label: t.messages.away_until, value: until, input_type: "date", error: form.error("until") }
            if (form.saved)() {
                Saved { text: t.messages.away_saved }
            }
            button { r#type: "submit", class: "button button-primary mr-4", disabled: (form.busy)(), "{t.messages.away_save}" }
            if now.from.is_some() {
                button {
                    r#type: "button",
                    class: "button button-secondary",
                    disabled: (form.busy)(),
                    onclick: move |_| save(Away::default()),
                    "{t.messages.away_clear}"
                }
            }
        }
    }
}

/// "Overdrag samtalen" to a colleague in the team, with a note the citizen reads.
#[component]
pub fn Handover(whose: Whose, conversation: Uuid, on_done: Callback<String>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let team = use_resource(api::messages::team);
    let to = use_signal(String::new);
    let note = use_signal(String::new);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let mut problems = Problems::default();
        let chosen = Uuid::parse_str(&to());
        if chosen.is_err() {
            problems.check("to", Err(shared::validation::Problem::Required));
        }
        problems.check("note", optional_text(&note(), limits::HANDOVER_NOTE));
        let Ok(chosen) = chosen else {
            form.refuse_in_order(problems, "", &["to", "note"], lang());
            return;
        };
        if !problems.is_empty() {
            form.refuse_in_order(problems, "", &["to", "note"], lang());
            return;
        }
        let request = HandoverRequest {
            to: chosen,
            note: note(),
        };
        let whose = whose.clone();
        spawn(async move {
            match api::messages::handover(&whose, conversation, &request).await {
                Ok(()) => {
                    form.succeed();
                    on_done.call(t.messages.handover_done.to_string());
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    let colleagues: Vec<(String, String)> = team
        .read()
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|team| {
            team.colleagues
                .iter()
                .map(|c| (c.id.to_string(), c.name.clone()))
                .collect()
        })
        .unwrap_or_default();
    rsx! {
        details { class: "details mt-6",
            summary { class: "details-summary", "{t.messages.handover_heading}" }
            div { class: "details-text",
                form { novalidate: true, onsubmit: submit,
                    FormProblems { form }
                    SelectField { path: "to", label: t.messages.handover_to, value: to, options: colleagues, placeholder: true, error: form.error("to") }
                    TextArea { path: "note", label: t.messages.handover_note, value: note, max: limits::HANDOVER_NOTE, rows: 3, optional: true, error: form.error("note") }
                    button { r#type: "submit", class: "button button-secondary", disabled: (form.busy)(), "{t.messages.handover_button}" }
                }
            }
        }
    }
}
