//! A citizen's conversations, newest first: unread ones say so in words, waiting ones show
//! the promised date.

use dioxus::prelude::*;
use shared::api::{ConversationSummary, Party};
use shared::i18n::fill;

use super::{conversation_route, new_route};
use crate::api::{self, Whose};
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::live::use_changes;

#[component]
pub fn ConversationList(whose: Whose) -> Element {
    let t = use_texts();
    let changes = use_changes();
    let asked = whose.clone();
    let list = use_resource(move || {
        let _ = changes();
        let whose = asked.clone();
        async move { api::messages::conversations(&whose).await }
    });
    let new_label = match whose {
        Whose::Mine => t.messages.new_message,
        Whose::Citizen(_) => t.messages.write_to_citizen,
    };
    rsx! {
        p {
            Link { to: new_route(&whose), class: "button button-primary", "{new_label}" }
        }
        p { class: "form-hint", "{t.messages.live_hint}" }
        {loaded(list, |l| rsx! {
            if l.conversations.is_empty() {
                p { "{t.messages.list_empty}" }
            } else {
                ul { class: "nobullet-list conversation-list",
                    for c in l.conversations {
                        Row { key: "{c.id}", whose: whose.clone(), c }
                    }
                }
            }
        })}
    }
}

#[component]
fn Row(whose: Whose, c: ConversationSummary) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let mine = matches!(whose, Whose::Mine);
    let last = match (c.last_from, mine) {
        (Party::Citizen, true) | (Party::Caseworker, false) => t.messages.last_from_you,
        (Party::Citizen, false) => c.citizen_name.as_str(),
        _ => t.messages.last_from_jobcentre,
    };
    rsx! {
        li { class: if c.unread { "conversation unread" } else { "conversation" },
            h2 { class: "h4 mb-2",
                Link { to: conversation_route(&whose, c.id.to_string()),
                    if c.unread {
                        span { class: "badge badge-unread mr-3", "{t.messages.unread}" }
                    }
                    "{c.subject}"
                }
            }
            p { class: "conversation-meta",
                "{last} · "
                time { datetime: "{c.last_message_at}", "{format::datetime(&c.last_message_at, lang())}" }
            }
            if let Some(by) = &c.answer_by {
                p { class: "conversation-meta",
                    if c.overdue {
                        strong { "{t.messages.overdue}. " }
                    }
                    "{fill(t.messages.waiting_until, &format::long_date(by, lang()))}"
                }
            }
        }
    }
}
