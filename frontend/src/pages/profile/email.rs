//! "Besked på e-mail" on Min profil: add an address, confirm it with the code sent to it, and
//! choose which kinds of email to get. Without a confirmed address the page says nothing is
//! sent.

use dioxus::prelude::*;
use shared::api::{EmailSettings, NotifyChoices};
use shared::i18n::fill;
use shared::validation::{Problems, check_email};

use crate::api;
use crate::components::form::{CheckboxField, Saved, TextField};
use crate::components::form_state::{FormProblems, use_form};
use crate::components::loaded::loaded;
use crate::i18n::{use_lang, use_texts};

#[component]
pub fn EmailSection(mut settings: Resource<Result<EmailSettings, api::ApiFailure>>) -> Element {
    let t = use_texts();
    let mut notice = use_signal(|| None::<&'static str>);
    let changed = use_callback(move |text: Option<&'static str>| {
        notice.set(text);
        settings.restart();
    });
    rsx! {
        section { id: "notifikationer", "aria-labelledby": "email-heading", class: "mb-8",
            h2 { id: "email-heading", "{t.messages.email_heading}" }
            p { "{t.messages.email_intro}" }
            if let Some(text) = notice() {
                Saved { text }
            }
            {loaded(settings, |s| rsx! { EmailState { s, changed } })}
        }
    }
}

#[component]
fn EmailState(s: EmailSettings, changed: Callback<Option<&'static str>>) -> Element {
    let t = use_texts();
    let mut changing = use_signal(|| false);
    match (&s.address, s.confirmed) {
        (None, _) => rsx! {
            p { strong { "{t.messages.email_none}" } }
            AddressForm { changed }
        },
        (Some(address), false) => rsx! {
            div { class: "alert alert-warning",
                div { class: "alert-body", p { class: "alert-text", "{t.messages.email_unconfirmed}" } }
            }
            if s.code_pending {
                p { "{fill(t.messages.code_sent, address)}" }
                CodeForm { changed }
            }
            AddressForm { changed, initial: address.clone() }
            RemoveAddress { changed }
        },
        (Some(address), true) => rsx! {
            p { strong { "{fill(t.messages.email_confirmed, address)}" } }
            Choices { initial: s.notify, changed }
            if changing() {
                AddressForm { changed, initial: address.clone() }
            } else {
                button { r#type: "button", class: "button button-secondary mr-4", onclick: move |_| changing.set(true),
                    "{t.messages.email_change}"
                }
            }
            RemoveAddress { changed }
        },
    }
}

#[component]
fn AddressForm(
    changed: Callback<Option<&'static str>>,
    #[props(default)] initial: String,
) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let address = use_signal(|| initial);
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let value = address();
        let mut problems = Problems::default();
        problems.check("address", check_email(&value));
        if !problems.is_empty() {
            form.refuse(problems, "", lang());
            return;
        }
        spawn(async move {
            match api::messages::set_email(value).await {
                Ok(_) => {
                    form.succeed();
                    changed.call(None);
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, onsubmit: send, class: "mb-4",
            FormProblems { form }
            TextField {
                path: "address",
                label: t.messages.email_label,
                value: address,
                input_type: "email",
                autocomplete: "email",
                error: form.error("address"),
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.saving}" } else { "{t.messages.email_send_code}" }
            }
        }
    }
}

#[component]
fn CodeForm(changed: Callback<Option<&'static str>>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let code = use_signal(String::new);
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let value = code().trim().to_string();
        spawn(async move {
            match api::messages::confirm_email(value).await {
                Ok(_) => {
                    form.succeed();
                    changed.call(None);
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, onsubmit: send, class: "mb-6",
            FormProblems { form }
            TextField {
                path: "code",
                label: t.messages.code_label,
                hint: t.messages.code_hint,
                value: code,
                autocomplete: "one-time-code",
                error: form.error("code"),
            }
            button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                if (form.busy)() { "{t.saving}" } else { "{t.messages.code_confirm}" }
            }
        }
    }
}

#[component]
fn Choices(initial: NotifyChoices, changed: Callback<Option<&'static str>>) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let messages = use_signal(|| initial.messages);
    let meetings = use_signal(|| initial.meetings);
    let plan = use_signal(|| initial.plan);
    let send = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let choices = NotifyChoices {
            messages: messages(),
            meetings: meetings(),
            plan: plan(),
        };
        spawn(async move {
            match api::messages::set_notifications(choices).await {
                Ok(_) => {
                    form.succeed();
                    changed.call(Some(t.messages.notify_saved));
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };
    rsx! {
        form { novalidate: true, onsubmit: send, class: "mb-6",
            FormProblems { form }
            fieldset {
                legend { class: "form-label", "{t.messages.notify_legend}" }
                CheckboxField { id: "notify-messages", label: t.messages.notify_messages, checked: messages }
                CheckboxField { id: "notify-meetings", label: t.messages.notify_meetings, checked: meetings }
                CheckboxField { id: "notify-plan", label: t.messages.notify_plan, checked: plan }
            }
            button { r#type: "submit", class: "button button-secondary", disabled: (form.busy)(),
                if (form.busy)() { "{t.saving}" } else { "{t.messages.notify_save}" }
            }
        }
    }
}

#[component]
fn RemoveAddress(changed: Callback<Option<&'static str>>) -> Element {
    let t = use_texts();
    let mut busy = use_signal(|| false);
    let remove = move |_| {
        if busy() {
            return;
        }
        busy.set(true);
        spawn(async move {
            if api::messages::remove_email().await.is_ok() {
                changed.call(Some(t.messages.email_removed));
            }
            busy.set(false);
        });
    };
    rsx! {
        button { r#type: "button", class: "button button-tertiary", disabled: busy(), onclick: remove,
            "{t.messages.email_remove}"
        }
    }
}
