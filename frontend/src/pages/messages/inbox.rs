//! "Indbakke": the caseworker's conversations, longest waiting first, each with its promised
//! date; overdue ones marked in words. Filters and a search by name.

use dioxus::prelude::*;
use shared::api::{ConversationSummary, InboxFilter};
use shared::i18n::fill;

use crate::api::{self, Whose};
use crate::components::common::{Need, PageHeading, RequireLogin};
use crate::components::form::{SelectField, TextField};
use crate::components::loaded::loaded;
use crate::format;
use crate::i18n::{use_lang, use_texts};
use crate::live::use_changes;

#[component]
pub fn Inbox() -> Element {
    let t = use_texts();
    rsx! {
        RequireLogin { need: Need::Caseworker,
            PageHeading { text: t.messages.inbox_title }
            p { "{t.messages.inbox_intro}" }
            InboxBody {}
            super::cover::AwaySection {}
        }
    }
}

fn filter_of(code: &str) -> InboxFilter {
    match code {
        "overdue" => InboxFilter::Overdue,
        "all" => InboxFilter::All,
        _ => InboxFilter::Waiting,
    }
}

#[component]
fn InboxBody() -> Element {
    let t = use_texts();
    let changes = use_changes();
    let filter = use_signal(|| "waiting".to_string());
    let search = use_signal(String::new);
    // What was asked for: the filter at once, the name when "Søg" is pressed; back to the
    // first page whenever either changes.
    let mut asked = use_signal(|| (InboxFilter::Waiting, String::new()));
    let mut page = use_signal(|| 1u32);
    use_effect(move || {
        let f = filter_of(&filter());
        let q = asked.peek().1.clone();
        asked.set((f, q));
        page.set(1);
    });
    let inbox = use_resource(move || {
        let _ = changes();
        let (f, q) = asked();
        let p = page();
        async move { api::messages::inbox(f, &q, p).await }
    });
    let submit = move |e: FormEvent| {
        e.prevent_default();
        asked.set((filter_of(&filter()), search()));
        page.set(1);
    };
    let options = vec![
        ("waiting".to_string(), t.messages.filter_waiting.to_string()),
        ("overdue".to_string(), t.messages.filter_overdue.to_string()),
        ("all".to_string(), t.messages.filter_all.to_string()),
    ];
    rsx! {
        form { novalidate: true, class: "inbox-filters mb-6", role: "search", onsubmit: submit,
            SelectField { path: "filter", label: t.messages.filter_label, value: filter, options }
            TextField { path: "q", label: t.messages.search_label, value: search, input_type: "search" }
            button { r#type: "submit", class: "button button-secondary", "{t.messages.search_button}" }
        }
        {loaded(inbox, |i| rsx! {
            p { role: "status", "{fill(&fill(t.messages.inbox_counts, &i.waiting.to_string()), &i.overdue.to_string())}" }
            if i.conversations.is_empty() {
                p { "{t.messages.inbox_empty}" }
            } else {
                div {
                    class: "table--responsive-scroll",
                    tabindex: "0",
                    role: "region",
                    "aria-label": t.messages.inbox_title,
                    table { class: "table table--zebra",
                        thead {
                            tr {
                                th { scope: "col", "{t.messages.citizen_column}" }
                                th { scope: "col", "{t.messages.subject_column}" }
                                th { scope: "col", "{t.messages.status_column}" }
                            }
                        }
                        tbody {
                            for c in i.conversations {
                                InboxRow { key: "{c.id}", c }
                            }
                        }
                    }
                }
                if i.pages > 1 {
                    nav { class: "pagination mt-4", "aria-label": t.messages.pages_label,
                        p { "{fill(&fill(t.messages.page_of, &i.page.to_string()), &i.pages.to_string())}" }
                        if i.page > 1 {
                            button { r#type: "button", class: "button button-secondary mr-4",
                                onclick: move |_| page.set(i.page - 1), "{t.messages.previous_page}" }
                        }
                        if i.page < i.pages {
                            button { r#type: "button", class: "button button-secondary",
                                onclick: move |_| page.set(i.page + 1), "{t.messages.next_page}" }
                        }
                    }
                }
            }
        })}
    }
}

#[component]
fn InboxRow(c: ConversationSummary) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let whose = Whose::Citizen(c.citizen_id.to_string());
    rsx! {
        tr {
            td { "{c.citizen_name}" }
            td {
                Link { to: super::conversation_route(&whose, c.id.to_string()),
                    if c.unread {
                        span { class: "badge badge-unread mr-3", "{t.messages.unread}" }
                    }
                    "{c.subject}"
                }
            }
            td {
                if c.overdue {
                    strong { class: "overdue", "{t.messages.filter_overdue}" }
                    br {}
                }
                if let Some(since) = &c.waiting_since {
                    "{fill(t.messages.waiting_since, &format::datetime(since, lang()))}"
                    br {}
                }
                if let Some(by) = &c.answer_by {
                    "{fill(t.messages.answer_by, &format::date(by))}"
                }
            }
        }
    }
}
