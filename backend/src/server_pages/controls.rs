//! DKFDS form controls as the web client draws them (`frontend/src/components/form.rs`), for
//! pages the server renders and the client takes over. They are `disabled` here: what they do
//! needs the client, which replaces them with working ones when it has arrived (typically a
//! second or two), and nothing typed into a control that is about to be replaced can be lost.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::i18n::{Texts, fill};
use shared::validation::char_count;

/// The element id for an API field path.
pub fn field_id(path: &str) -> String {
    path.replace('.', "-")
}

fn field_head(t: &Texts, id: &str, label: &str, hint: Option<&str>, optional: bool) -> String {
    let optional = if optional {
        format!(" {}", text(t.optional_field))
    } else {
        String::new()
    };
    let hint = hint
        .map(|h| {
            format!(
                r#"<span class="form-hint" id="{id}-hint">{}</span>"#,
                text(h)
            )
        })
        .unwrap_or_default();
    format!(
        r#"<label class="form-label" for="{id}">{}{optional}</label>{hint}"#,
        text(label)
    )
}

/// A multi-line text field with its (not yet counting) character counter.
pub fn text_area(
    t: &Texts,
    path: &str,
    label: &str,
    hint: Option<&str>,
    max: u32,
    optional: bool,
    rows: u32,
) -> String {
    let id = field_id(path);
    let described = match hint {
        Some(_) => format!("{id}-hint {id}-limit-message"),
        None => format!("{id}-limit-message"),
    };
    let left = text(&fill(t.characters_left, &max.to_string())).to_string();
    format!(
        r#"<div class="form-group form-limit">{head}<textarea id="{id}" name="{name}" class="form-input" rows="{rows}" aria-invalid="false" aria-describedby="{described}" disabled></textarea><span id="{id}-limit-message" class="sr-only">{allowed}</span><span class="form-hint character-limit" aria-hidden="true">{left}</span><span class="character-limit-sr-only sr-only" aria-live="polite">{left}</span></div>"#,
        head = field_head(t, &id, label, hint, optional),
        name = attr(path),
        allowed = text(&fill(t.characters_allowed, &max.to_string())),
    )
}

/// A drop-down list of `(value, label)` choices with `current` chosen; `placeholder` offers an
/// empty first choice ("Vælg").
pub fn select(
    t: &Texts,
    path: &str,
    label: &str,
    choices: &[(String, String)],
    current: &str,
    placeholder: bool,
) -> String {
    let id = field_id(path);
    let selected = |yes: bool| if yes { " selected" } else { "" };
    let mut options = String::new();
    if placeholder {
        options += &format!(
            r#"<option value=""{}>{}</option>"#,
            selected(current.is_empty()),
            text(t.choose)
        );
    }
    for (code, label) in choices {
        options += &format!(
            r#"<option value="{}"{}>{}</option>"#,
            attr(code),
            selected(code == current),
            text(label)
        );
    }
    format!(
        r#"<div class="form-group">{head}<select id="{id}" name="{name}" class="form-select" aria-invalid="false" disabled>{options}</select></div>"#,
        head = field_head(t, &id, label, None, false),
        name = attr(path),
    )
}

/// A button that works once the web client has taken the page over.
pub fn button(kind: &str, class: &str, words: &str) -> String {
    format!(
        r#"<button type="{kind}" class="button {class}" disabled>{}</button>"#,
        text(words)
    )
}

/// `button` in the row of actions the plan puts under a part.
pub fn actions(class: &str, words: &str, extra: &str) -> String {
    format!(
        r#"<div class="plan-actions{extra}">{}</div>"#,
        button("button", class, words)
    )
}

/// A one-line text field as the client's `TextField` props describe it.
pub struct TextInput<'a> {
    pub path: &'a str,
    pub label: &'a str,
    /// What the field holds.
    pub value: &'a str,
    pub hint: Option<&'a str>,
    /// Shows a character counter.
    pub max: Option<u32>,
    pub input_type: &'a str,
    pub autocomplete: &'a str,
}

pub fn text_field(t: &Texts, f: &TextInput) -> String {
    let TextInput {
        path,
        label,
        value,
        hint,
        max,
        input_type,
        autocomplete,
    } = *f;
    let id = field_id(path);
    let mut described = Vec::new();
    if hint.is_some() {
        described.push(format!("{id}-hint"));
    }
    if max.is_some() {
        described.push(format!("{id}-limit-message"));
    }
    let described = if described.is_empty() {
        String::new()
    } else {
        format!(r#" aria-describedby="{}""#, described.join(" "))
    };
    let (group, limit) = match max {
        Some(max) => (
            "form-group form-limit",
            character_limit(t, &id, char_count(value), max),
        ),
        None => ("form-group", String::new()),
    };
    format!(
        r#"<div class="{group}">{head}<input type="{input_type}" id="{id}" name="{name}" class="form-input" value="{value}" autocomplete="{autocomplete}" aria-invalid="false"{described} disabled>{limit}</div>"#,
        head = field_head(t, &id, label, hint, false),
        name = attr(path),
        value = attr(value),
    )
}

/// Counts characters down as people type (here: what the field holds); over the limit it says
/// by how much.
fn character_limit(t: &Texts, id: &str, used: usize, max: u32) -> String {
    let max = max as usize;
    let (words, class) = if used <= max {
        (
            fill(t.characters_left, &(max - used).to_string()),
            "form-hint character-limit",
        )
    } else {
        (
            fill(t.characters_too_many, &(used - max).to_string()),
            "form-hint character-limit limit-exceeded",
        )
    };
    format!(
        r#"<span id="{id}-limit-message" class="sr-only">{allowed}</span><span class="{class}" aria-hidden="true">{words}</span><span class="character-limit-sr-only sr-only" aria-live="polite">{words}</span>"#,
        allowed = text(&fill(t.characters_allowed, &max.to_string())),
        words = text(&words),
    )
}

/// One checkbox with its label.
pub fn checkbox(id: &str, label: &str, checked: bool, hint: Option<&str>) -> String {
    let checked = if checked { " checked" } else { "" };
    let (described, hint) = match hint {
        Some(h) => (
            format!(r#" aria-describedby="{id}-hint""#),
            format!(
                r#"<span class="form-hint" id="{id}-hint">{}</span>"#,
                text(h)
            ),
        ),
        None => (String::new(), String::new()),
    };
    format!(
        r#"<div class="form-group-checkbox"><input type="checkbox" id="{id}" class="form-checkbox"{checked}{described} disabled><label class="form-label" for="{id}">{}</label>{hint}</div>"#,
        text(label)
    )
}

/// Radio buttons in a fieldset with a legend, `current` chosen.
pub fn radio_group(
    path: &str,
    legend: &str,
    choices: &[(String, String)],
    current: &str,
) -> String {
    let id = field_id(path);
    let options: String = choices
        .iter()
        .map(|(code, words)| {
            let checked = if code == current { " checked" } else { "" };
            format!(
                r#"<div class="form-group-radio"><input type="radio" id="{id}-{code}" name="{name}" class="form-radio" value="{code}"{checked} disabled><label class="form-label" for="{id}-{code}">{words}</label></div>"#,
                code = attr(code),
                name = attr(path),
                words = text(words),
            )
        })
        .collect();
    format!(
        r#"<div class="form-group"><fieldset id="{id}"><legend class="form-label">{}</legend>{options}</fieldset></div>"#,
        text(legend)
    )
}
