//! Writing a message: a new conversation (subject, topic, text) or a reply. What is typed is
//! kept on the server a moment after the last key, and brought back on any device; each
//! message carries one key, so a resend after a timeout or a double tap sends it once.

use std::cell::RefCell;

use dioxus::prelude::*;
use shared::api::{Draft, NewConversationRequest, NewMessageRequest, SentResponse, Topic};
use shared::i18n::fill;
use shared::validation::{Problems, check_new_conversation, limits, required_text};
use uuid::Uuid;

use super::conversation_route;
use super::files::{FilePicker, Picked, uploaded};
use crate::api::{self, Whose};
use crate::components::form::{SelectField, TextArea, TextField};
use crate::components::form_state::{FormProblems, use_form};
use crate::dom;
use crate::format;
use crate::i18n::{use_lang, use_texts};

thread_local! {
    /// What to tell the person on the next page ("Din besked er sendt …").
    static SENT_NOTICE: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// The notice left by the last send, once.
pub fn take_sent_notice() -> Option<String> {
    SENT_NOTICE.with(|n| n.borrow_mut().take())
}

fn leave_sent_notice(text: String) {
    SENT_NOTICE.with(|n| *n.borrow_mut() = Some(text));
}

/// How long after the last key the draft is saved.
const DRAFT_DELAY_MS: i32 = 700;

#[derive(Clone, Copy, PartialEq)]
enum DraftState {
    Quiet,
    Saving,
    Saved,
    Failed,
}

/// The fields of a message being written, its draft kept on the server.
#[derive(Clone, Copy)]
struct Writing {
    subject: Signal<String>,
    body: Signal<String>,
    topic: Signal<String>,
    state: Signal<DraftState>,
    restored: Signal<bool>,
}

fn use_writing(whose: Whose, conversation: Option<Uuid>) -> Writing {
    let mut w = Writing {
        subject: use_signal(String::new),
        body: use_signal(String::new),
        topic: use_signal(String::new),
        state: use_signal(|| DraftState::Quiet),
        restored: use_signal(|| false),
    };
    let mut ready = use_signal(|| false);
    let mut generation = use_signal(|| 0u64);
    let slot = api::messages::draft_slot(conversation);
    let restore_from = (whose.clone(), slot.clone());
    use_hook(move || {
        spawn(async move {
            let (whose, slot) = restore_from;
            if let Ok(d) = api::messages::draft(&whose, &slot).await
                && !(d.subject.is_empty() && d.body.is_empty())
            {
                w.subject.set(d.subject);
                w.body.set(d.body);
                w.topic
                    .set(d.topic.map(|t| t.code().to_string()).unwrap_or_default());
                w.restored.set(true);
            }
            ready.set(true);
        });
    });
    use_effect(move || {
        let draft = Draft {
            subject: (w.subject)(),
            body: (w.body)(),
            topic: Topic::from_code(&(w.topic)()),
        };
        if !*ready.peek() {
            return;
        }
        let mine = *generation.peek() + 1;
        generation.set(mine);
        let (whose, slot) = (whose.clone(), slot.clone());
        spawn(async move {
            dom::sleep_ms(DRAFT_DELAY_MS).await;
            if *generation.peek() != mine {
                return;
            }
            w.state.set(DraftState::Saving);
            let saved = api::messages::save_draft(&whose, &slot, &draft).await;
            if *generation.peek() == mine {
                w.state.set(if saved.is_ok() {
                    DraftState::Saved
                } else {
                    DraftState::Failed
                });
            }
        });
    });
    w
}

/// What the draft is doing, said quietly to screen readers as well.
#[component]
fn DraftStatus(state: Signal<DraftState>, restored: Signal<bool>) -> Element {
    let t = use_texts();
    let text = match state() {
        DraftState::Quiet if restored() => t.messages.draft_restored,
        DraftState::Quiet => "",
        DraftState::Saving => t.messages.draft_saving,
        DraftState::Saved => t.messages.draft_saved,
        DraftState::Failed => t.messages.draft_failed,
    };
    rsx! {
        p { class: "form-hint draft-status", role: "status", "{text}" }
    }
}

/// "Ny besked": subject, topic and text, to the primary caseworker (named before sending).
#[component]
pub fn NewConversation(whose: Whose) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let w = use_writing(whose.clone(), None);
    let mut key = use_signal(dom::random_key);
    let mut files = use_signal(Vec::<Picked>::new);
    let asked = whose.clone();
    let recipient = use_resource(move || {
        let whose = asked.clone();
        async move { api::messages::conversations(&whose).await }
    });
    let answered = recipient
        .read()
        .as_ref()
        .and_then(|r| r.as_ref().ok())
        .map(|r| (r.recipient.clone(), r.cover.clone()));
    let (to, cover) = match answered {
        Some((to, cover)) => (Some(to), cover),
        None => (None, None),
    };
    let target = whose.clone();
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let (subject, body) = ((w.subject)(), (w.body)());
        let problems = check_new_conversation(&subject, &body);
        if !problems.is_empty() {
            form.refuse_in_order(problems, "", &["subject", "body"], lang());
            return;
        }
        let request = NewConversationRequest {
            subject,
            body,
            topic: Topic::from_code(&(w.topic)()),
            idempotency_key: key(),
            attachments: uploaded(&files.read()),
        };
        let whose = target.clone();
        spawn(async move {
            match api::messages::start(&whose, &request).await {
                Ok(sent) => {
                    key.set(dom::random_key());
                    files.set(Vec::new());
                    form.succeed();
                    leave_sent_notice(notice(&sent, lang()));
                    navigator().push(conversation_route(&whose, sent.conversation_id.to_string()));
                }
                // The key stays: sending again is the same message, never a second one.
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    let topics: Vec<(String, String)> = Topic::ALL
        .iter()
        .map(|t2| (t2.code().to_string(), t.messages.topic(*t2).to_string()))
        .collect();
    rsx! {
        match (&whose, to) {
            (Whose::Mine, Some(Some(c))) => rsx! {
                if let Some(cover) = &cover {
                    div { class: "alert alert-info",
                        div { class: "alert-body",
                            p { class: "alert-text",
                                "{fill(&fill(&fill(t.messages.cover_notice, &cover.away_name), &format::long_date(&cover.away_until, lang())), &c.name)}"
                            }
                        }
                    }
                }
                p { class: "font-lead", strong { "{fill(t.messages.goes_to, &c.name)}" } }
            },
            (Whose::Mine, Some(None)) => rsx! {
                div { class: "alert alert-warning", div { class: "alert-body", p { class: "alert-text", "{t.messages.no_recipient}" } } }
            },
            _ => rsx! {},
        }
        form { novalidate: true, onsubmit: send,
            FormProblems { form }
            TextField {
                path: "subject",
                label: t.messages.subject_label,
                value: w.subject,
                max: limits::MESSAGE_SUBJECT,
                error: form.error("subject"),
            }
            SelectField {
                path: "topic",
                label: t.messages.topic_label,
                value: w.topic,
                options: topics,
                optional: true,
                placeholder: true,
            }
            TextArea {
                path: "body",
                label: t.messages.body_label,
                hint: t.messages.body_hint,
                value: w.body,
                max: limits::MESSAGE_BODY,
                rows: 8,
                error: form.error("body"),
            }
            DraftStatus { state: w.state, restored: w.restored }
            FilePicker { whose: whose.clone(), files, input_id: "files" }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.messages.sending}" } else { "{t.messages.send}" }
            }
        }
    }
}

/// What the person is told after sending: the promised answer date, when there is one.
fn notice(sent: &SentResponse, lang: shared::Lang) -> String {
    let t = shared::i18n::texts(lang);
    match &sent.answer_by {
        Some(by) => fill(t.messages.sent_promise, &format::long_date(by, lang)),
        None => t.messages.sent.to_string(),
    }
}

/// A reply in an open conversation; `on_sent` reloads the conversation.
#[component]
pub fn Reply(whose: Whose, conversation: Uuid, on_sent: EventHandler<String>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let mut w = use_writing(whose.clone(), Some(conversation));
    let mut key = use_signal(dom::random_key);
    let mut files = use_signal(Vec::<Picked>::new);
    let target = whose.clone();
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let body = (w.body)();
        let mut problems = Problems::default();
        problems.check("reply", required_text(&body, limits::MESSAGE_BODY));
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        let request = NewMessageRequest {
            body,
            idempotency_key: key(),
            attachments: uploaded(&files.read()),
        };
        let whose = target.clone();
        spawn(async move {
            match api::messages::reply(&whose, conversation, &request).await {
                Ok(sent) => {
                    key.set(dom::random_key());
                    files.set(Vec::new());
                    w.body.set(String::new());
                    w.restored.set(false);
                    form.succeed();
                    on_sent.call(notice(&sent, lang()));
                }
                Err(failure) => {
                    // The server names the field `body`; this form calls it `reply`.
                    let mut failure = failure;
                    for f in failure.fields.iter_mut() {
                        if f.field == "body" {
                            f.field = "reply".into();
                        }
                    }
                    form.fail(&failure, "", lang());
                }
            }
        });
    };
    rsx! {
        form { novalidate: true, onsubmit: send, class: "mt-6",
            FormProblems { form }
            TextArea {
                path: "reply",
                label: t.messages.reply_label,
                value: w.body,
                max: limits::MESSAGE_BODY,
                rows: 5,
                error: form.error("reply"),
            }
            DraftStatus { state: w.state, restored: w.restored }
            FilePicker { whose: whose.clone(), files, input_id: "reply-files" }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.messages.sending}" } else { "{t.messages.reply_send}" }
            }
        }
    }
}
