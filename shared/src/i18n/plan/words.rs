//! How the plan's codes read to people: statuses, who does what, field names and values.
//! The same step reads differently to the two sides ("Mig" to the citizen is "Borgeren" to the
//! caseworker), so most functions take the viewer's party. The web client and the server's
//! rendered *Min plan* both word plans with these.

use crate::Lang;
use crate::api::{
    Catalogue, CataloguesResponse, FieldChange, Party, Responsible, StepStatus, StepWording,
};
use crate::i18n::Texts;
use crate::validation::Date;

pub fn status(t: &Texts, status: StepStatus) -> &'static str {
    match status {
        StepStatus::Proposed => t.plan.status_proposed,
        StepStatus::Planned => t.plan.status_planned,
        StepStatus::InProgress => t.plan.status_in_progress,
        StepStatus::Done => t.plan.status_done,
        StepStatus::Stopped => t.plan.status_stopped,
    }
}

/// DKFDS badge colours: a proposal waits for someone, done is good news.
pub fn status_badge(status: StepStatus) -> &'static str {
    match status {
        StepStatus::Proposed => "badge badge-warning",
        StepStatus::Planned => "badge badge-info",
        StepStatus::InProgress => "badge badge-info",
        StepStatus::Done => "badge badge-success",
        StepStatus::Stopped => "badge",
    }
}

/// Statuses people can choose once a step is agreed ("Foreslået" is where every step starts).
pub const CHOOSABLE: [StepStatus; 4] = [
    StepStatus::Planned,
    StepStatus::InProgress,
    StepStatus::Done,
    StepStatus::Stopped,
];

pub fn responsible(t: &Texts, viewer: Party, who: Responsible) -> &'static str {
    match (who, viewer) {
        (Responsible::Citizen, Party::Citizen) => t.plan.responsible_me,
        (Responsible::Citizen, _) => t.plan.responsible_citizen,
        (Responsible::Jobcentre, _) => t.plan.responsible_jobcentre,
        (Responsible::Other, _) => t.plan.responsible_other,
    }
}

/// Who did something, seen from the viewer: "Dig" to the citizen for themselves. A caseworker's
/// side is the jobcentre (it may have been a colleague, such as the backup caseworker).
pub fn party(t: &Texts, viewer: Party, who: Party) -> &'static str {
    match who {
        Party::System => t.app_name,
        Party::Citizen if viewer == Party::Citizen => t.plan.party_you,
        Party::Citizen => t.plan.party_citizen,
        Party::Caseworker => t.plan.party_jobcentre,
    }
}

/// A field's JSON name (`wording.title`, `own_goal`, …) as people read it.
pub fn field(t: &Texts, name: &str) -> Option<&'static str> {
    let key = name.strip_prefix("wording.").unwrap_or(name);
    Some(match key {
        "title" => t.plan.field_title,
        "description" => t.plan.field_description,
        "step_type" => t.plan.field_step_type,
        "starts_on" => t.plan.field_starts_on,
        "ends_on" => t.plan.field_ends_on,
        "responsible" => t.plan.field_responsible,
        "own_goal" => t.plan.field_own_goal,
        "agreed_goal" => t.plan.field_agreed_goal,
        "target_group" => t.plan.field_target_group,
        "status" => t.plan.field_status,
        "comment" | "body" => t.plan.field_comment,
        "helped" | "helped_citizen" | "helped_caseworker" | "text" => t.plan.field_helped,
        "option" => t.plan.field_option,
        "message" => t.plan.field_message,
        "answer" => t.plan.field_answer,
        _ => return None,
    })
}

/// A calendar date `YYYY-MM-DD` as `dd.mm.åååå`.
pub fn date(iso: &str) -> String {
    Date::parse(iso)
        .map(Date::danish)
        .unwrap_or_else(|_| iso.to_string())
}

/// A field's value as people read it: labels for codes (the code itself when `lists` is not
/// known), Danish dates, a word for "nothing".
pub fn value(
    t: &Texts,
    lang: Lang,
    viewer: Party,
    lists: Option<&CataloguesResponse>,
    name: &str,
    raw: &str,
) -> String {
    if raw.trim().is_empty() {
        return t.plan.empty_value.to_string();
    }
    let label = |kind| lists.map(|l| l.label_of(kind, raw, lang).to_string());
    let key = name.strip_prefix("wording.").unwrap_or(name);
    match key {
        "status" => StepStatus::from_code(raw).map(|s| status(t, s).to_string()),
        "responsible" => Responsible::from_code(raw).map(|r| responsible(t, viewer, r).to_string()),
        "step_type" => label(Catalogue::StepType),
        "target_group" => label(Catalogue::TargetGroup),
        "option" => label(Catalogue::Option),
        "starts_on" | "ends_on" => Some(date(raw)),
        _ => None,
    }
    .unwrap_or_else(|| raw.to_string())
}

/// What differs between two wordings of a step, field by field, as raw values.
pub fn wording_changes(before: &StepWording, after: &StepWording) -> Vec<FieldChange> {
    let date = |d: &Option<String>| d.clone().unwrap_or_default();
    let pairs = [
        ("wording.title", before.title.clone(), after.title.clone()),
        (
            "wording.description",
            before.description.clone(),
            after.description.clone(),
        ),
        (
            "wording.step_type",
            before.step_type.clone(),
            after.step_type.clone(),
        ),
        (
            "wording.starts_on",
            date(&before.starts_on),
            date(&after.starts_on),
        ),
        (
            "wording.ends_on",
            date(&before.ends_on),
            date(&after.ends_on),
        ),
        (
            "wording.responsible",
            before.responsible.code().to_string(),
            after.responsible.code().to_string(),
        ),
    ];
    pairs
        .into_iter()
        .filter(|(_, b, a)| b != a)
        .map(|(field, before, after)| FieldChange {
            field: field.to_string(),
            before,
            after,
        })
        .collect()
}

/// Replaces `{name}`, `{step}` and `{time}` in the texts that carry more than one value.
pub fn fill_named(text: &str, values: &[(&str, &str)]) -> String {
    values.iter().fold(text.to_string(), |out, (key, value)| {
        out.replace(&format!("{{{key}}}"), value)
    })
}

/// What a "Det hjalp" note shows: the words, or that they are not written yet.
pub fn note(t: &Texts, text: &Option<String>) -> String {
    match text {
        Some(text) if !text.trim().is_empty() => text.clone(),
        _ => t.plan.not_written_yet.to_string(),
    }
}
