//! Files to send with a message: chosen, uploaded at once with their progress shown (and
//! announced), and removable before sending. Sent files are listed as downloads.

use dioxus::prelude::*;
use shared::api::AttachmentMeta;
use shared::i18n::fill;
use shared::validation::{Problem, limits};

use crate::api::{self, Whose};
use crate::i18n::{use_lang, use_texts};

const ACCEPTED: [&str; 3] = ["application/pdf", "image/jpeg", "image/png"];

/// One file being sent, or sent.
#[derive(Clone, PartialEq)]
pub struct Picked {
    /// Which pick this is (positions move when one is removed).
    pub key: u64,
    pub name: String,
    pub percent: u32,
    pub done: Option<AttachmentMeta>,
    pub problem: Option<String>,
}

/// The ids of the uploaded files, for the message.
pub fn uploaded(files: &[Picked]) -> Vec<uuid::Uuid> {
    files
        .iter()
        .filter_map(|f| f.done.as_ref().map(|d| d.id))
        .collect()
}

#[component]
pub fn FilePicker(whose: Whose, files: Signal<Vec<Picked>>, input_id: String) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let choose = {
        let whose = whose.clone();
        move |e: FormEvent| {
            for data in e.files() {
                let Some(file) = data.inner().downcast_ref::<web_sys::File>().cloned() else {
                    continue;
                };
                let count = files.peek().len();
                let key = (js_sys::Math::random() * 1e15) as u64;
                let problem = if count >= limits::ATTACHMENTS_PER_MESSAGE as usize {
                    Some(Problem::TooManyAttachments {
                        max: limits::ATTACHMENTS_PER_MESSAGE,
                    })
                } else if file.size() as usize > limits::DOCUMENT_BYTES {
                    Some(Problem::FileTooLarge {
                        max_mb: limits::DOCUMENT_MB,
                    })
                } else if !file.type_().is_empty() && !ACCEPTED.contains(&file.type_().as_str()) {
                    Some(Problem::FileType)
                } else {
                    None
                };
                files.write().push(Picked {
                    key,
                    name: file.name(),
                    percent: 0,
                    done: None,
                    problem: problem.map(|p| p.message(lang())),
                });
                if problem.is_some() {
                    continue;
                }
                let whose = whose.clone();
                spawn(async move {
                    let progress = move |percent: u32| {
                        if let Some(f) = files.write().iter_mut().find(|f| f.key == key) {
                            f.percent = percent;
                        }
                    };
                    let result = api::messages::attach(&whose, &file, progress).await;
                    if let Some(f) = files.write().iter_mut().find(|f| f.key == key) {
                        match result {
                            Ok(meta) => {
                                f.percent = 100;
                                f.done = Some(meta);
                            }
                            Err(failure) => {
                                f.problem = Some(
                                    failure
                                        .fields
                                        .first()
                                        .map(|e| e.message.clone())
                                        .unwrap_or_else(|| failure.text(lang())),
                                );
                            }
                        }
                    }
                });
            }
        }
    };
    let hint = fill(
        &fill(t.messages.attach_hint, &limits::DOCUMENT_MB.to_string()),
        &limits::ATTACHMENTS_PER_MESSAGE.to_string(),
    );
    rsx! {
        div { class: "form-group",
            label { class: "form-label", r#for: "{input_id}", "{t.messages.attach_label} "
                span { class: "weight-normal", "({t.optional_field})" }
            }
            span { class: "form-hint", id: "{input_id}-hint", "{hint}" }
            input {
                r#type: "file",
                id: "{input_id}",
                multiple: true,
                accept: ACCEPTED.join(","),
                "aria-describedby": "{input_id}-hint",
                onchange: choose,
            }
        }
        if !files.read().is_empty() {
            ul { class: "nobullet-list attachment-list", "aria-live": "polite",
                for (i, f) in files.read().iter().cloned().enumerate() {
                    li { key: "{f.key}", class: "mb-3",
                        if let Some(problem) = &f.problem {
                            span { class: "form-error-message", "{f.name}: {problem}" }
                        } else if f.done.is_some() {
                            span { class: "mr-4", "{t.messages.attach_ready}: {f.name}" }
                        } else {
                            label { r#for: "{input_id}-progress-{i}", class: "mr-4", "{fill(&fill(t.messages.attach_uploading, &f.name), &f.percent.to_string())}" }
                            progress { id: "{input_id}-progress-{i}", max: "100", value: "{f.percent}" }
                        }
                        if f.done.is_some() || f.problem.is_some() {
                            button {
                                r#type: "button",
                                class: "button button-tertiary",
                                onclick: move |_| {
                                    files.write().retain(|p| p.key != f.key);
                                },
                                "{fill(t.messages.attach_remove, &f.name)}"
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The files sent with a message, each a download.
#[component]
pub fn SentFiles(whose: Whose, files: Vec<AttachmentMeta>) -> Element {
    let t = use_texts();
    if files.is_empty() {
        return rsx! {};
    }
    rsx! {
        p { class: "sr-only", "{t.messages.attachments_label}" }
        ul { class: "nobullet-list attachment-list",
            for f in files {
                li { key: "{f.id}",
                    a { href: "{api::messages::attachment_link(&whose, f.id)}", download: "{f.file_name}", class: "function-link",
                        "{f.file_name} ({(f.size / 1024).max(1)} kB)"
                    }
                }
            }
        }
    }
}
