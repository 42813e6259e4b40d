//! How the plan's codes read to people: the words themselves live in `shared` (the server's
//! rendered *Min plan* uses them too); here is the list of changes as the web client draws it.

use dioxus::prelude::*;
use shared::api::{FieldChange, Party};
pub use shared::i18n::plan::words::*;

use crate::catalogues;
use crate::i18n::{use_lang, use_texts};

/// "Titel – Før: … Nu: …" for each changed field.
#[component]
pub fn ChangeList(changes: Vec<FieldChange>, viewer: Party) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    let lists = catalogues::lists();
    let rows: Vec<(String, String, String)> = changes
        .iter()
        .map(|c| {
            (
                field(t, &c.field).unwrap_or(&c.field).to_string(),
                value(t, lang, viewer, lists.as_ref(), &c.field, &c.before),
                value(t, lang, viewer, lists.as_ref(), &c.field, &c.after),
            )
        })
        .collect();
    rsx! {
        dl { class: "plan-changes",
            for (i, (name, before, after)) in rows.into_iter().enumerate() {
                div { key: "{i}", class: "plan-change",
                    dt { class: "weight-semibold", "{name}" }
                    dd { class: "plan-text",
                        span { class: "plan-change-label", "{t.plan.before} " }
                        "{before}"
                    }
                    dd { class: "plan-text",
                        span { class: "plan-change-label", "{t.plan.after} " }
                        "{after}"
                    }
                }
            }
        }
    }
}
