//! One conversation: its messages oldest first, whether the other side has read them, the
//! answer promise, and the reply box. For the caseworker also what the profile asks of the
//! answer and "Kræver ikke svar".

use dioxus::prelude::*;
use shared::api::{ConversationResponse, Message, Party};
use shared::i18n::fill;

use super::compose::{Reply, take_sent_notice};
use super::list_route;
use crate::api::{self, Whose};
use crate::components::common::PageHeading;
use crate::components::form::Saved;
use crate::components::form_state::provide_error_owner;
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::live::use_changes;

#[component]
pub fn Thread(whose: Whose, id: String) -> Element {
    provide_error_owner();
    let changes = use_changes();
    let mut notice = use_signal(take_sent_notice);
    let (asked, wanted) = (whose.clone(), id.clone());
    let mut thread = use_resource(move || {
        let _ = changes();
        let (whose, id) = (asked.clone(), wanted.clone());
        async move { api::messages::conversation(&whose, &id).await }
    });
    let on_sent = use_callback(move |text: String| {
        notice.set(Some(text));
        thread.restart();
    });
    loaded(thread, move |c| {
        rsx! { View { whose: whose.clone(), c, notice: notice(), on_sent } }
    })
}

#[component]
fn View(
    whose: Whose,
    c: ConversationResponse,
    notice: Option<String>,
    on_sent: Callback<String>,
) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let mine = matches!(whose, Whose::Mine);
    let s = &c.summary;
    rsx! {
        Link { to: list_route(&whose), class: "back-link", "{t.messages.back_to_messages}" }
        PageHeading { text: s.subject.clone() }
        if let Some(text) = notice {
            Saved { text }
        }
        if let Some(topic) = s.topic {
            p { class: "form-hint", "{t.messages.topic_label} {t.messages.topic(topic)}" }
        }
        if let Some(by) = &s.answer_by {
            div { class: if s.overdue { "alert alert-warning" } else { "alert alert-info" },
                div { class: "alert-body",
                    p { class: "alert-text",
                        if s.overdue { strong { "{t.messages.overdue}. " } }
                        if mine {
                            "{fill(t.messages.waiting_until, &format::long_date(by, lang()))}"
                        } else {
                            "{fill(t.messages.answer_by, &format::long_date(by, lang()))}"
                        }
                    }
                }
            }
        }
        if c.no_reply_needed && mine {
            p { "{t.messages.no_reply_needed_note}" }
        }
        h2 { class: "sr-only", "{t.messages.messages_heading}" }
        ol { class: "nobullet-list message-list",
            for m in c.messages.iter() {
                MessageView { key: "{m.id}", m: m.clone(), mine, whose: whose.clone() }
            }
        }
        if let Some(hints) = &c.hints {
            if hints.easy_read || hints.written_summary {
                div { class: "alert alert-info mt-6",
                    div { class: "alert-body",
                        p { class: "alert-heading", "{t.messages.hints_heading}" }
                        if hints.easy_read { p { class: "alert-text", "{t.messages.hint_easy_read}" } }
                        if hints.written_summary { p { class: "alert-text", "{t.messages.hint_written_summary}" } }
                    }
                }
            }
        }
        if s.closed {
            p { class: "mt-6", strong { "{t.messages.closed_note}" } }
        } else {
            Reply { whose: whose.clone(), conversation: s.id, on_sent }
        }
        if let (Whose::Citizen(_), Some(_)) = (&whose, &s.waiting_since) {
            NoReplyNeeded { whose: whose.clone(), conversation: s.id, on_done: on_sent }
        }
        if let (Whose::Citizen(_), false) = (&whose, s.closed) {
            super::cover::Handover { whose: whose.clone(), conversation: s.id, on_done: on_sent }
            CloseConversation { whose: whose.clone(), conversation: s.id, on_done: on_sent }
        }
    }
}

#[component]
fn MessageView(m: Message, mine: bool, whose: Whose) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let own = matches!(
        (m.from, mine),
        (Party::Citizen, true) | (Party::Caseworker, false)
    );
    let author = if own {
        t.messages.you.to_string()
    } else {
        m.author_name.clone()
    };
    let read_mark = match (own, mine, m.read) {
        (true, true, true) => Some(t.messages.read_by_jobcentre),
        (true, false, true) => Some(t.messages.read_by_citizen),
        (true, _, false) => Some(t.messages.not_read_yet),
        _ => None,
    };
    rsx! {
        li { class: if own { "message message-own" } else { "message" },
            p { class: "message-meta",
                strong { class: "mr-3", "{author}" }
                time { datetime: "{m.sent_at}", "{format::datetime(&m.sent_at, lang())}" }
            }
            p { class: "message-body", "{m.body}" }
            super::files::SentFiles { whose, files: m.attachments.clone() }
            if let Some(mark) = read_mark {
                p { class: "message-read form-hint", "{mark}" }
            }
        }
    }
}

#[component]
fn NoReplyNeeded(whose: Whose, conversation: uuid::Uuid, on_done: Callback<String>) -> Element {
    let t = use_texts();
    let mut busy = use_signal(|| false);
    let mark = move |_| {
        if busy() {
            return;
        }
        busy.set(true);
        let whose = whose.clone();
        spawn(async move {
            if api::messages::no_reply_needed(&whose, conversation)
                .await
                .is_ok()
            {
                on_done.call(t.messages.no_reply_needed_done.to_string());
            }
            busy.set(false);
        });
    };
    rsx! {
        button { r#type: "button", class: "button button-secondary mt-4", disabled: busy(), onclick: mark,
            "{t.messages.no_reply_needed}"
        }
    }
}

#[component]
fn CloseConversation(whose: Whose, conversation: uuid::Uuid, on_done: Callback<String>) -> Element {
    let t = use_texts();
    let mut busy = use_signal(|| false);
    let close = move |_| {
        if busy() {
            return;
        }
        busy.set(true);
        let whose = whose.clone();
        spawn(async move {
            if api::messages::close(&whose, conversation).await.is_ok() {
                on_done.call(t.messages.closed_done.to_string());
            }
            busy.set(false);
        });
    };
    rsx! {
        p { class: "mt-6",
            button { r#type: "button", class: "button button-tertiary", disabled: busy(), onclick: close,
                "{t.messages.close}"
            }
        }
    }
}
