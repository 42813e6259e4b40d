//! DKFDS form controls: labels, hints, error messages tied to fields, a character counter that
//! counts as people type, and an error summary that takes focus and links to each field.
//!
//! Field ids are the API's JSON field paths with dots turned into dashes, so a server error
//! for `wording.title` lands on the input `wording-title`.

use dioxus::prelude::*;
use shared::api::FieldError;
use shared::i18n::fill;
use shared::validation::char_count;

use crate::api::ApiFailure;
use crate::i18n::use_texts;

/// The element id for an API field path.
pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

/// Field errors of a failed save, by field path. Empty when there is none.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct FieldErrors(pub Vec<FieldError>);

impl FieldErrors {
    pub fn get(&self, field: &str) -> Option<String> {
        self.0
            .iter()
            .find(|e| e.field == field)
            .map(|e| e.message.clone())
    }

    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// "Der er et problem": the list of errors, each a link to its field. Takes focus when shown.
#[component]
pub fn ErrorSummary(errors: FieldErrors, #[props(default)] general: Option<String>) -> Element {
    let t = use_texts();
    if errors.is_empty() && general.is_none() {
        return rsx! {};
    }
    rsx! {
        div {
            class: "alert alert-error",
            role: "alert",
            tabindex: "-1",
            "aria-labelledby": "error-summary-title",
            onmounted: move |e| async move { let _ = e.set_focus(true).await; },
            div { class: "alert-body",
                h2 { class: "alert-heading h3", id: "error-summary-title", "{t.error_summary_title}" }
                if let Some(text) = general {
                    p { class: "alert-text", "{text}" }
                }
                if !errors.is_empty() {
                    ul { class: "alert-text nobullet-list",
                        for e in errors.0 {
                            li { key: "{e.field}",
                                a { href: "#{field_id(&e.field)}", "{e.message}" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn describedby(id: &str, hint: bool, error: bool, limit: bool) -> Option<String> {
    let mut ids = Vec::new();
    if hint {
        ids.push(format!("{id}-hint"));
    }
    if error {
        ids.push(format!("{id}-error"));
    }
    if limit {
        ids.push(format!("{id}-limit-message"));
    }
    (!ids.is_empty()).then(|| ids.join(" "))
}

/// Label, hint and error message of a field (shared by the controls below).
#[component]
fn FieldHead(
    id: String,
    label: String,
    hint: Option<String>,
    error: Option<String>,
    optional: bool,
) -> Element {
    let t = use_texts();
    rsx! {
        label { class: "form-label", r#for: "{id}",
            "{label}"
            if optional {
                " {t.optional_field}"
            }
        }
        if let Some(hint) = hint {
            span { class: "form-hint", id: "{id}-hint", "{hint}" }
        }
        if let Some(error) = error {
            span { class: "form-error-message", id: "{id}-error",
                span { class: "sr-only", "{t.error_prefix} " }
                "{error}"
            }
        }
    }
}

/// Counts characters down as people type; over the limit it says by how much.
#[component]
fn CharacterLimit(id: String, used: usize, max: u32) -> Element {
    let t = use_texts();
    let max = max as usize;
    let text = if used <= max {
        fill(t.characters_left, &(max - used).to_string())
    } else {
        fill(t.characters_too_many, &(used - max).to_string())
    };
    rsx! {
        span { id: "{id}-limit-message", class: "sr-only", "{fill(t.characters_allowed, &max.to_string())}" }
        span { class: if used > max { "form-hint character-limit limit-exceeded" } else { "form-hint character-limit" }, "aria-hidden": "true", "{text}" }
        span { class: "character-limit-sr-only sr-only", "aria-live": "polite", "{text}" }
    }
}

/// A one-line text field. `max` shows a character counter.
#[component]
pub fn TextField(
    path: String,
    label: String,
    value: Signal<String>,
    #[props(default)] hint: Option<String>,
    #[props(default)] error: Option<String>,
    #[props(default)] max: Option<u32>,
    #[props(default)] optional: bool,
    #[props(default = "text".to_string())] input_type: String,
    #[props(default)] autocomplete: Option<String>,
) -> Element {
    let id = field_id(&path);
    let has_error = error.is_some();
    let used = char_count(&value.read());
    let group = match (has_error, max.is_some()) {
        (true, true) => "form-group form-error form-limit",
        (true, false) => "form-group form-error",
        (false, true) => "form-group form-limit",
        (false, false) => "form-group",
    };
    rsx! {
        div { class: group,
            FieldHead { id: id.clone(), label, hint: hint.clone(), error: error.clone(), optional }
            input {
                r#type: "{input_type}",
                id: "{id}",
                name: "{path}",
                class: "form-input",
                value: "{value}",
                autocomplete: autocomplete.unwrap_or_else(|| "off".into()),
                "aria-invalid": if has_error { "true" } else { "false" },
                "aria-describedby": describedby(&id, hint.is_some(), has_error, max.is_some()),
                oninput: move |e| value.set(e.value()),
            }
            if let Some(max) = max {
                CharacterLimit { id: id.clone(), used, max }
            }
        }
    }
}

/// A multi-line text field with a character counter.
#[component]
pub fn TextArea(
    path: String,
    label: String,
    value: Signal<String>,
    max: u32,
    #[props(default)] hint: Option<String>,
    #[props(default)] error: Option<String>,
    #[props(default)] optional: bool,
    #[props(default = 4)] rows: u32,
) -> Element {
    let id = field_id(&path);
    let has_error = error.is_some();
    let used = char_count(&value.read());
    rsx! {
        div { class: if has_error { "form-group form-error form-limit" } else { "form-group form-limit" },
            FieldHead { id: id.clone(), label, hint: hint.clone(), error: error.clone(), optional }
            textarea {
                id: "{id}",
                name: "{path}",
                class: "form-input",
                rows: "{rows}",
                value: "{value}",
                "aria-invalid": if has_error { "true" } else { "false" },
                "aria-describedby": describedby(&id, hint.is_some(), has_error, true),
                oninput: move |e| value.set(e.value()),
            }
            CharacterLimit { id: id.clone(), used, max }
        }
    }
}

/// A drop-down list of `(value, label)` choices.
#[component]
pub fn SelectField(
    path: String,
    label: String,
    value: Signal<String>,
    options: Vec<(String, String)>,
    #[props(default)] hint: Option<String>,
    #[props(default)] error: Option<String>,
    #[props(default)] optional: bool,
    /// Offer an empty first choice ("Vælg").
    #[props(default)]
    placeholder: bool,
) -> Element {
    let t = use_texts();
    let id = field_id(&path);
    let has_error = error.is_some();
    let current = value();
    rsx! {
        div { class: if has_error { "form-group form-error" } else { "form-group" },
            FieldHead { id: id.clone(), label, hint: hint.clone(), error: error.clone(), optional }
            select {
                id: "{id}",
                name: "{path}",
                class: "form-select",
                "aria-invalid": if has_error { "true" } else { "false" },
                "aria-describedby": describedby(&id, hint.is_some(), has_error, false),
                onchange: move |e| value.set(e.value()),
                if placeholder {
                    option { value: "", selected: current.is_empty(), "{t.choose}" }
                }
                for (code, text) in options {
                    option { key: "{code}", value: "{code}", selected: code == current, "{text}" }
                }
            }
        }
    }
}

/// One checkbox with its label.
#[component]
pub fn CheckboxField(
    id: String,
    label: String,
    checked: Signal<bool>,
    #[props(default)] hint: Option<String>,
) -> Element {
    let described = hint.as_ref().map(|_| format!("{id}-hint"));
    rsx! {
        div { class: "form-group-checkbox",
            input {
                r#type: "checkbox",
                id: "{id}",
                class: "form-checkbox",
                checked: checked(),
                "aria-describedby": described,
                onchange: move |e| checked.set(e.checked()),
            }
            label { class: "form-label", r#for: "{id}", "{label}" }
            if let Some(hint) = hint {
                span { class: "form-hint", id: "{id}-hint", "{hint}" }
            }
        }
    }
}

/// Radio buttons in a fieldset with a legend.
#[component]
pub fn RadioGroup(
    path: String,
    legend: String,
    value: Signal<String>,
    options: Vec<(String, String)>,
    #[props(default)] error: Option<String>,
) -> Element {
    let t = use_texts();
    let id = field_id(&path);
    let current = value();
    rsx! {
        div { class: if error.is_some() { "form-group form-error" } else { "form-group" },
            fieldset { id: "{id}", "aria-describedby": error.as_ref().map(|_| format!("{id}-error")),
                legend { class: "form-label", "{legend}" }
                if let Some(error) = error.clone() {
                    span { class: "form-error-message", id: "{id}-error",
                        span { class: "sr-only", "{t.error_prefix} " }
                        "{error}"
                    }
                }
                for (code, text) in options {
                    RadioOption { group_id: id.clone(), path: path.clone(), code: code.clone(), text, checked: code == current, value }
                }
            }
        }
    }
}

#[component]
fn RadioOption(
    group_id: String,
    path: String,
    code: String,
    text: String,
    checked: bool,
    value: Signal<String>,
) -> Element {
    let id = format!("{group_id}-{code}");
    rsx! {
                    div { class: "form-group-radio",
                        input {
                            r#type: "radio",
                            id: "{id}",
                            name: "{path}",
                            class: "form-radio",
                            value: "{code}",
                            checked,
                            onchange: move |_| value.set(code.clone()),
                        }
                        label { class: "form-label", r#for: "{id}", "{text}" }
                    }
    }
}

/// A short confirmation ("Gemt") announced to screen readers.
#[component]
pub fn Saved(text: String) -> Element {
    rsx! {
        div { class: "alert alert-success", role: "status",
            div { class: "alert-body",
                p { class: "alert-text", "{text}" }
            }
        }
    }
}

/// The message for a failure that is not about one field (conflict, network, ...).
pub fn general_message(failure: &ApiFailure, lang: shared::Lang) -> Option<String> {
    if failure.fields.is_empty() {
        Some(failure.text(lang))
    } else {
        None
    }
}
