//! Documentation attached to a limitation: download links, delete, and upload.

use dioxus::html::FileData;
use dioxus::prelude::*;
use shared::api::DocumentMeta;
use shared::i18n::fill;
use shared::validation::{Problem, limits};
use wasm_bindgen::JsCast;

use super::helpers::{ConfirmDelete, file_kind, file_size};
use crate::api::Whose;
use crate::api::{self, ApiFailure};
use crate::components::common::ErrorAlert;
use crate::components::form::Saved;
use crate::components::form_state::{FormProblems, use_form};
use crate::format;
use crate::i18n::{use_lang, use_texts};
use uuid::Uuid;

/// The types the server accepts; it checks the content too, this is only a first check.
const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// A download link with the file's type, size and when it was added.
#[component]
fn DocumentLine(document: DocumentMeta, href: String) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let details = format!(
        "{}, {}, {}",
        file_kind(&document.content_type),
        file_size(document.size, t, lang()),
        fill(
            t.profile.document_added_on,
            &format::day(&document.uploaded_at)
        ),
    );
    rsx! {
        a { href: "{href}", download: "{document.file_name}", "{document.file_name}" }
        " "
        span { class: "small-text", "({details})" }
    }
}

/// The documents of a limitation, for the caseworker: links only.
#[component]
pub fn ReadOnlyDocuments(documents: Vec<DocumentMeta>, whose: Whose) -> Element {
    let t = use_texts();
    if documents.is_empty() {
        return rsx! {};
    }
    rsx! {
        h4 { class: "mt-5", "{t.profile.documents_heading}" }
        ul { class: "bordered-list",
            for d in documents {
                li { key: "{d.id}",
                    DocumentLine { href: api::profile::document_link(&whose, d.id), document: d }
                }
            }
        }
    }
}

/// The documents of one of the citizen's limitations, with delete and upload.
#[component]
pub fn CitizenDocuments(
    limitation_id: Uuid,
    documents: Vec<DocumentMeta>,
    reload: EventHandler<()>,
) -> Element {
    let t = use_texts();
    let mut saved = use_signal(|| None::<String>);
    let mut failure = use_signal(|| None::<ApiFailure>);
    let mut busy = use_signal(|| false);
    let heading_id = format!("documents-{limitation_id}");

    let focus_target = heading_id.clone();
    let delete = use_callback(move |id: Uuid| {
        saved.set(None);
        failure.set(None);
        busy.set(true);
        let heading_id = focus_target.clone();
        spawn(async move {
            let result = api::profile::delete_document(id).await;
            busy.set(false);
            match result {
                Ok(()) => {
                    saved.set(Some(t.profile.document_deleted.to_string()));
                    crate::dom::focus(&heading_id);
                    reload.call(());
                }
                Err(f) => failure.set(Some(f)),
            }
        });
    });

    rsx! {
        h4 { id: "{heading_id}", class: "mt-5", tabindex: "-1", "{t.profile.documents_heading}" }
        if let Some(text) = saved() {
            Saved { text }
        }
        if let Some(failure) = failure() {
            ErrorAlert { failure }
        }
        if documents.is_empty() {
            p { "{t.profile.documents_none}" }
        } else {
            ul { class: "bordered-list",
                for d in documents {
                    li { key: "{d.id}",
                        DocumentLine { href: api::profile::document_link(&Whose::Mine, d.id), document: d.clone() }
                        div { class: "profile-actions",
                            ConfirmDelete {
                                context: d.file_name.clone(),
                                question: fill(t.profile.document_delete_question, &d.file_name),
                                busy: busy(),
                                on_confirm: {
                                    let id = d.id;
                                    move |_| delete.call(id)
                                },
                            }
                        }
                    }
                }
            }
        }
        DocumentUpload {
            limitation_id,
            on_uploaded: move |_| {
                failure.set(None);
                saved.set(Some(t.profile.document_uploaded.to_string()));
                reload.call(());
            },
        }
    }
}

/// Choose a file and send it. Size and type are checked here first, so people do not wait for
/// a large upload only to be told it is too large.
#[component]
fn DocumentUpload(limitation_id: Uuid, on_uploaded: EventHandler<()>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let mut file = use_signal(|| None::<FileData>);
    let input_id = format!("document-{limitation_id}");
    let error = form.error(&input_id);
    let has_error = error.is_some();
    let described = if has_error {
        format!("{input_id}-hint {input_id}-error")
    } else {
        format!("{input_id}-hint")
    };

    let upload = {
        let input_id = input_id.clone();
        move |_| {
            if !form.begin() {
                return;
            }
            let input_id = input_id.clone();
            let problem = match &*file.peek() {
                None => Some(Problem::Required),
                Some(f) if f.size() as usize > limits::DOCUMENT_BYTES => {
                    Some(Problem::FileTooLarge {
                        max_mb: limits::DOCUMENT_MB,
                    })
                }
                Some(f) if !acceptable(f) => Some(Problem::FileType),
                Some(_) => None,
            };
            if let Some(problem) = problem {
                form.refuse_field(&input_id, problem.message(lang()));
                return;
            }
            let Some(web_file) = file
                .peek()
                .as_ref()
                .and_then(|f| f.inner().downcast_ref::<web_sys::File>().cloned())
            else {
                form.refuse_field(&input_id, Problem::Required.message(lang()));
                return;
            };
            spawn(async move {
                match api::profile::upload_document(limitation_id, &web_file).await {
                    Ok(_) => {
                        form.succeed();
                        file.set(None);
                        clear_file_input(&input_id);
                        on_uploaded.call(());
                    }
                    // 413, 415 and 422 come with the server's reason; show it on the field.
                    Err(failure) => {
                        let message = failure
                            .fields
                            .first()
                            .map(|f| f.message.clone())
                            .unwrap_or_else(|| failure.text(lang()));
                        form.refuse_field(&input_id, message);
                    }
                }
            });
        }
    };

    rsx! {
        div { class: "mt-5",
            FormProblems { form }
            div { class: if has_error { "form-group form-error" } else { "form-group" },
                label { class: "form-label", r#for: "{input_id}", "{t.profile.document_file_label}" }
                span { class: "form-hint", id: "{input_id}-hint",
                    "{fill(t.profile.document_file_hint, &limits::DOCUMENT_MB.to_string())}"
                }
                if let Some(message) = error {
                    span { class: "form-error-message", id: "{input_id}-error",
                        span { class: "sr-only", "{t.error_prefix} " }
                        "{message}"
                    }
                }
                input {
                    r#type: "file",
                    id: "{input_id}",
                    name: "{input_id}",
                    accept: ACCEPTED.join(","),
                    "aria-invalid": if has_error { "true" } else { "false" },
                    "aria-describedby": "{described}",
                    onchange: move |e: FormEvent| {
                        file.set(e.files().into_iter().next());
                        form.reset();
                    },
                }
            }
            // `aria-disabled`, not `disabled`: focus stays on the button while the file is sent.
            button {
                r#type: "button",
                class: "button button-secondary",
                "aria-disabled": if (form.busy)() { "true" } else { "false" },
                onclick: upload,
                if (form.busy)() { "{t.profile.document_uploading}" } else { "{t.profile.document_upload_button}" }
            }
        }
    }
}

/// By the browser's type, or by the name where the browser does not know the type.
fn acceptable(file: &FileData) -> bool {
    match file.content_type().filter(|t| !t.is_empty()) {
        Some(kind) => ACCEPTED.contains(&kind.as_str()),
        None => {
            let name = file.name().to_lowercase();
            [".pdf", ".jpg", ".jpeg", ".png"]
                .iter()
                .any(|ext| name.ends_with(ext))
        }
    }
}

/// Empties the file input after an upload, so the same file is not sent twice by mistake.
fn clear_file_input(id: &str) {
    if let Some(input) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
    {
        input.set_value("");
    }
}
