//! "Det kan jeg": what the citizen can, grouped by kind, with add, edit and delete. The list is
//! here; the form that adds and edits one is in `form`.

mod form;

use dioxus::prelude::*;
use form::CompetenceForm;
use shared::api::{Competence, CompetenceKind};
use shared::i18n::fill;

use super::helpers::ConfirmDelete;
use crate::api::{self, ApiFailure};
use crate::components::common::ErrorAlert;
use crate::components::form::Saved;
use crate::dom;
use crate::i18n::use_texts;

const HEADING_ID: &str = "competences-heading";

pub use shared::i18n::profile::words::summary;

/// The competences under a heading per kind. With `on_edit`/`on_delete` each has its buttons.
#[component]
pub fn CompetenceGroups(
    items: Vec<Competence>,
    #[props(default)] on_edit: Option<EventHandler<Competence>>,
    #[props(default)] on_delete: Option<EventHandler<Competence>>,
    #[props(default)] busy: bool,
) -> Element {
    let t = use_texts();
    rsx! {
        for kind in CompetenceKind::ALL {
            if items.iter().any(|c| c.data.kind() == kind) {
                div { key: "{kind.code()}", class: "mb-5",
                    h3 { "{t.profile.competence_group(kind)}" }
                    ul { class: "bordered-list",
                        for c in items.iter().filter(|c| c.data.kind() == kind).cloned() {
                            CompetenceItem { key: "{c.id}", competence: c, on_edit, on_delete, busy }
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn CompetenceItem(
    competence: Competence,
    on_edit: Option<EventHandler<Competence>>,
    on_delete: Option<EventHandler<Competence>>,
    busy: bool,
) -> Element {
    let t = use_texts();
    let text = summary(t, &competence.data);
    let edit_target = competence.clone();
    rsx! {
        li {
            "{text}"
            if on_edit.is_some() || on_delete.is_some() {
                div { class: "profile-actions",
                    if let Some(on_edit) = on_edit {
                        button {
                            r#type: "button",
                            class: "function-link",
                            onclick: move |_| on_edit.call(edit_target.clone()),
                            "{t.edit}"
                            span { class: "sr-only", ": {text}" }
                        }
                    }
                    if let Some(on_delete) = on_delete {
                        ConfirmDelete {
                            context: text.clone(),
                            question: fill(t.profile.competence_delete_question, &text),
                            busy,
                            on_confirm: move |_| on_delete.call(competence.clone()),
                        }
                    }
                }
            }
        }
    }
}

#[derive(Clone, PartialEq)]
enum Open {
    Closed,
    Add,
    Edit(Competence),
}

/// The citizen's "Det kan jeg" section.
#[component]
pub fn Competences(items: Vec<Competence>, reload: EventHandler<()>) -> Element {
    let t = use_texts();
    let mut open = use_signal(|| Open::Closed);
    let mut saved = use_signal(|| None::<String>);
    let mut failure = use_signal(|| None::<ApiFailure>);
    let mut busy = use_signal(|| false);

    let delete = move |c: Competence| {
        saved.set(None);
        failure.set(None);
        busy.set(true);
        spawn(async move {
            let result = api::profile::delete_competence(c.id).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    if matches!(&*open.peek(), Open::Edit(e) if e.id == c.id) {
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
        saved.set(Some(t.profile.competence_saved.to_string()));
        dom::focus(HEADING_ID);
        reload.call(());
    };
    let cancel = move |_| {
        open.set(Open::Closed);
        dom::focus(HEADING_ID);
    };

    rsx! {
        section { "aria-labelledby": HEADING_ID, class: "mb-8",
            h2 { id: HEADING_ID, tabindex: "-1", "{t.profile.competences_heading}" }
            p { "{t.profile.competences_intro}" }
            if let Some(text) = saved() {
                Saved { text }
            }
            if let Some(failure) = failure() {
                ErrorAlert { failure }
            }
            if items.is_empty() {
                p { class: "profile-empty", "{t.profile.competences_empty}" }
            } else {
                CompetenceGroups {
                    items,
                    on_edit: move |c| {
                        saved.set(None);
                        open.set(Open::Edit(c));
                    },
                    on_delete: delete,
                    busy: busy(),
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
                        "{t.profile.competence_add_button}"
                    }
                },
                Open::Add => rsx! {
                    CompetenceForm { existing: None, on_saved: done, on_cancel: cancel }
                },
                Open::Edit(c) => rsx! {
                    CompetenceForm { key: "{c.id}", existing: Some(c), on_saved: done, on_cancel: cancel }
                },
            }
        }
    }
}
