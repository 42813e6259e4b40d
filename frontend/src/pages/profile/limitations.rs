//! "Det er svært": limitations in the citizen's own words, with documentation, and the consent
//! that decides whether caseworkers may see them.

use dioxus::prelude::*;
use shared::api::{
    ConsentState, Limitation, LimitationCategory, LimitationInput, ProfessionalAssessment,
    ProfessionalKind,
};
use shared::i18n::fill;
use shared::validation::{Problem, Problems, check_limitation, limits};

use super::documents::{CitizenDocuments, ReadOnlyDocuments};
use super::helpers::{ConfirmDelete, choices, code, from_code, today};
use crate::api::Whose;
use crate::api::{self, ApiFailure};
use crate::app::Route;
use crate::components::common::ErrorAlert;
use crate::components::form::{
    CheckboxField, RadioGroup, Saved, SelectField, TextArea, TextField, field_id,
};
use crate::components::form_state::{FormProblems, use_form};
use crate::dom;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use uuid::Uuid;

const FIELD_ORDER: [&str; 6] = [
    "input.category",
    "input.description",
    "input.work_impact",
    "input.meeting_impact",
    "input.professional.kind",
    "input.professional.date",
];

const HEADING_ID: &str = "limitations-heading";

/// What the citizen wrote about one limitation (without its documents). Read-only.
#[component]
pub fn LimitationDetails(limitation: Limitation) -> Element {
    let t = use_texts();
    let p = t.profile;
    let input = limitation.input;
    let or_not_written = |text: &str| {
        if text.trim().is_empty() {
            p.not_written.to_string()
        } else {
            text.to_string()
        }
    };
    rsx! {
        h3 { "{p.category(input.category)}" }
        p { class: "profile-text", "{input.description}" }
        dl { class: "profile-list",
            dt { "{p.work_impact_heading}" }
            dd { class: "profile-text", "{or_not_written(&input.work_impact)}" }
            dt { "{p.meeting_impact_heading}" }
            dd { class: "profile-text", "{or_not_written(&input.meeting_impact)}" }
        }
        if let Some(pro) = input.professional {
            p { "{fill(&fill(p.professional_value, p.professional(pro.kind)), &format::date(&pro.date))}" }
        }
    }
}

/// A limitation as the caseworker sees it (with consent): text and documents to download.
#[component]
pub fn ReadOnlyLimitation(citizen_id: String, limitation: Limitation) -> Element {
    let documents = limitation.documents.clone();
    rsx! {
        div { class: "profile-card",
            LimitationDetails { limitation }
            ReadOnlyDocuments { documents, whose: Whose::Citizen(citizen_id.clone()) }
        }
    }
}

/// Whether caseworkers can see this section, with a way to change it.
#[component]
fn ConsentNote(consent: ConsentState) -> Element {
    let t = use_texts();
    rsx! {
        div { class: "alert alert-info mb-5",
            div { class: "alert-body",
                p { class: "alert-text",
                    if consent.given { "{t.profile.consent_given_short}" } else { "{t.profile.consent_not_given_short}" }
                }
                p { class: "alert-text",
                    Link { to: Route::Consent {}, "{t.profile.consent_link}" }
                }
            }
        }
    }
}

#[derive(Clone, PartialEq)]
enum Open {
    Closed,
    Add,
    Edit(Limitation),
}

/// The citizen's "Det er svært" section.
#[component]
pub fn Limitations(
    items: Vec<Limitation>,
    consent: ConsentState,
    reload: EventHandler<()>,
) -> Element {
    let t = use_texts();
    let mut open = use_signal(|| Open::Closed);
    let mut saved = use_signal(|| None::<String>);
    let mut failure = use_signal(|| None::<ApiFailure>);
    let mut busy = use_signal(|| false);

    let mut delete = move |id: Uuid| {
        saved.set(None);
        failure.set(None);
        busy.set(true);
        spawn(async move {
            let result = api::profile::delete_limitation(id).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    if matches!(&*open.peek(), Open::Edit(e) if e.id == id) {
                        open.set(Open::Closed);
                    }
                    saved.set(Some(t.profile.deleted.to_string()));
                    dom::focus(HEADING_ID);
                    reload.call(());
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    };
    let done = move |_| {
        open.set(Open::Closed);
        saved.set(Some(t.profile.limitation_saved.to_string()));
        dom::focus(HEADING_ID);
        reload.call(());
    };
    let cancel = move |_| {
        open.set(Open::Closed);
        dom::focus(HEADING_ID);
    };

    rsx! {
        section { "aria-labelledby": HEADING_ID, class: "mb-8",
            h2 { id: HEADING_ID, tabindex: "-1", "{t.profile.limitations_heading}" }
            p { "{t.profile.limitations_intro}" }
            ConsentNote { consent }
            if let Some(text) = saved() {
                Saved { text }
            }
            if let Some(failure) = failure() {
                ErrorAlert { failure }
            }
            if items.is_empty() {
                p { class: "profile-empty", "{t.profile.limitations_empty}" }
            }
            for l in items {
                div { key: "{l.id}", class: "profile-card",
                    LimitationDetails { limitation: l.clone() }
                    CitizenDocuments { limitation_id: l.id, documents: l.documents.clone(), reload }
                    div { class: "profile-actions mt-5",
                        button {
                            r#type: "button",
                            class: "function-link",
                            onclick: {
                                let l = l.clone();
                                move |_| {
                                    saved.set(None);
                                    open.set(Open::Edit(l.clone()));
                                }
                            },
                            "{t.edit}"
                            span { class: "sr-only", ": {t.profile.category(l.input.category)}" }
                        }
                        ConfirmDelete {
                            context: t.profile.category(l.input.category).to_string(),
                            question: t.profile.limitation_delete_question.to_string(),
                            busy: busy(),
                            on_confirm: {
                                let id = l.id;
                                move |_| delete(id)
                            },
                        }
                    }
                }
            }
            match open() {
                Open::Closed => rsx! {
                    button {
                        r#type: "button",
                        class: "button button-secondary",
                        onclick: move |_| {
                            saved.set(None);
                            open.set(Open::Add);
                        },
                        "{t.profile.limitation_add_button}"
                    }
                },
                Open::Add => rsx! {
                    LimitationForm { existing: None, on_saved: done, on_cancel: cancel }
                },
                Open::Edit(l) => rsx! {
                    LimitationForm { key: "{l.id}", existing: Some(l), on_saved: done, on_cancel: cancel }
                },
            }
        }
    }
}

#[component]
fn LimitationForm(
    existing: Option<Limitation>,
    on_saved: EventHandler<()>,
    on_cancel: EventHandler<()>,
) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let start = use_hook(|| existing.as_ref().map(|l| l.input.clone()));
    let category = use_signal(|| start.as_ref().map(|i| code(i.category)).unwrap_or_default());
    let description = use_signal(|| {
        start
            .as_ref()
            .map(|i| i.description.clone())
            .unwrap_or_default()
    });
    let work_impact = use_signal(|| {
        start
            .as_ref()
            .map(|i| i.work_impact.clone())
            .unwrap_or_default()
    });
    let meeting_impact = use_signal(|| {
        start
            .as_ref()
            .map(|i| i.meeting_impact.clone())
            .unwrap_or_default()
    });
    let pro = start.as_ref().and_then(|i| i.professional.clone());
    let has_professional = use_signal(|| pro.is_some());
    let pro_kind = use_signal(|| pro.as_ref().map(|p| code(p.kind)).unwrap_or_default());
    let pro_date = use_signal(|| pro.as_ref().map(|p| p.date.clone()).unwrap_or_default());
    let id = existing.as_ref().map(|l| l.id);
    let heading = if existing.is_some() {
        t.profile.limitation_edit_heading
    } else {
        t.profile.limitation_add_heading
    };
    let err = move |field: &str| form.error(field);
    let max = limits::LIMITATION_TEXT;

    let submit = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let mut problems = Problems::default();
        let category = from_code::<LimitationCategory>(&category.peek());
        if category.is_none() {
            problems
                .0
                .push(("input.category".into(), Problem::Required));
        }
        let professional = if has_professional() {
            let kind = from_code::<ProfessionalKind>(&pro_kind.peek());
            if kind.is_none() {
                problems
                    .0
                    .push(("input.professional.kind".into(), Problem::Required));
            }
            Some(ProfessionalAssessment {
                kind: kind.unwrap_or(ProfessionalKind::Other),
                date: pro_date.peek().trim().to_string(),
            })
        } else {
            None
        };
        let input = LimitationInput {
            category: category.unwrap_or(LimitationCategory::Other),
            description: description.peek().trim().to_string(),
            work_impact: work_impact.peek().trim().to_string(),
            meeting_impact: meeting_impact.peek().trim().to_string(),
            professional,
        };
        problems.0.extend(check_limitation(&input, today()).0);
        if !problems.is_empty() {
            form.refuse_in_order(problems, "", &FIELD_ORDER, lang());
            return;
        }
        spawn(async move {
            let result = match id {
                None => api::profile::add_limitation(&input).await,
                Some(id) => api::profile::update_limitation(id, &input).await,
            };
            match result {
                Ok(_) => {
                    form.succeed();
                    on_saved.call(());
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };

    rsx! {
        div { class: "profile-form mt-5 mb-6",
            h3 {
                id: "limitation-form-heading",
                tabindex: "-1",
                onmounted: move |e| async move {
                    let _ = e.set_focus(true).await;
                },
                "{heading}"
            }
            FormProblems { form }
            form { novalidate: true, "aria-labelledby": "limitation-form-heading", onsubmit: submit,
                RadioGroup {
                    path: "input.category",
                    legend: t.profile.category_legend,
                    value: category,
                    options: choices(&LimitationCategory::ALL, |c| t.profile.category(c)),
                    error: err("input.category"),
                }
                TextArea { path: "input.description", label: t.profile.description_label, value: description, max, hint: t.profile.description_hint.to_string(), error: err("input.description") }
                TextArea { path: "input.work_impact", label: t.profile.work_impact_label, value: work_impact, max, error: err("input.work_impact"), optional: true }
                TextArea { path: "input.meeting_impact", label: t.profile.meeting_impact_label, value: meeting_impact, max, error: err("input.meeting_impact"), optional: true }
                div { class: "form-group",
                    CheckboxField { id: field_id("input.professional"), label: t.profile.professional_checkbox, checked: has_professional }
                }
                if has_professional() {
                    div { class: "profile-reveal",
                        SelectField {
                            path: "input.professional.kind",
                            label: t.profile.professional_kind_label,
                            value: pro_kind,
                            options: choices(&ProfessionalKind::ALL, |k| t.profile.professional(k)),
                            placeholder: true,
                            error: err("input.professional.kind"),
                        }
                        TextField {
                            path: "input.professional.date",
                            label: t.profile.professional_date_label,
                            value: pro_date,
                            input_type: "date",
                            hint: t.profile.professional_date_hint.to_string(),
                            error: err("input.professional.date"),
                        }
                    }
                }
                div { class: "button-group mt-5",
                    button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                        if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                    }
                    button { r#type: "button", class: "button button-secondary", onclick: move |_| on_cancel.call(()), "{t.cancel}" }
                }
            }
        }
    }
}
