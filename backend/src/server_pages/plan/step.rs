//! One step of the server-rendered *Min plan*, as `StepCard` in
//! `frontend/src/pages/plan/steps.rs` draws it for the citizen: what it is, who does it,
//! whether both agree, its status, "Det hjalp" and the comments.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::Lang;
use shared::api::{Catalogue, CataloguesResponse, Party, PlanStep, StepStatus};
use shared::i18n::Texts;
use shared::i18n::plan::words;
use shared::validation::limits;

use crate::calendar::worded_instant;
use crate::server_pages::controls::{actions, button, select, text_area};

const VIEWER: Party = Party::Citizen;

pub fn card(t: &Texts, lang: Lang, lists: &CataloguesResponse, step: &PlanStep) -> String {
    let p = &t.plan;
    let w = &step.wording;
    let id = step.id;
    let mut html = format!(
        r#"<article class="plan-step" aria-labelledby="step-{id}-title"><div class="plan-step-head"><h3 id="step-{id}-title" tabindex="-1">{}</h3><span class="{}"><span class="sr-only">{}: </span>{}</span></div>"#,
        text(&w.title),
        words::status_badge(step.status),
        text(p.step_status),
        text(words::status(t, step.status)),
    );
    if !w.description.trim().is_empty() {
        html += &format!(r#"<p class="plan-text">{}</p>"#, text(&w.description));
    }
    let mut facts = fact(
        p.step_type,
        lists.label_of(Catalogue::StepType, &w.step_type, lang),
    );
    if let Some(d) = &w.starts_on {
        facts += &fact(p.step_starts, &words::date(d));
    }
    if let Some(d) = &w.ends_on {
        facts += &fact(p.step_ends, &words::date(d));
    }
    facts += &fact(
        p.step_responsible,
        words::responsible(t, VIEWER, w.responsible),
    );
    facts += &fact(
        p.step_proposed_by,
        words::party(t, VIEWER, step.proposed_by),
    );
    html += &format!(r#"<dl class="plan-facts">{facts}</dl>"#);
    if let Some(before) = &step.previously_agreed {
        let changes = change_list(t, lang, lists, &words::wording_changes(before, w));
        html += &format!(
            r#"<div class="alert alert-info"><div class="alert-body"><h4 class="alert-heading h5">{}</h4><p class="alert-text">{}</p>{changes}</div></div>"#,
            text(p.changed_since_agreed_heading),
            text(p.changed_since_agreed_body),
        );
    }
    html += &agreement(t, step);
    // The citizen may change only the steps they proposed.
    if step.proposed_by == Party::Citizen {
        html += &actions("button-secondary", p.edit_step, " mb-5");
    }
    html += &status_control(t, step);
    if step.status == StepStatus::Done {
        html += &helped(t, step);
    }
    html += &comments(t, lang, step);
    html + "</article>"
}

fn fact(name: &str, value: &str) -> String {
    format!("<dt>{}</dt><dd>{}</dd>", text(name), text(value))
}

/// "Titel – Før: … Nu: …" for each changed field (nothing when no field changed).
fn change_list(
    t: &Texts,
    lang: Lang,
    lists: &CataloguesResponse,
    changes: &[shared::api::FieldChange],
) -> String {
    if changes.is_empty() {
        return String::new();
    }
    let rows: String = changes
        .iter()
        .map(|c| {
            let value = |raw: &str| words::value(t, lang, VIEWER, Some(lists), &c.field, raw);
            format!(
                r#"<div class="plan-change"><dt class="weight-semibold">{}</dt><dd class="plan-text"><span class="plan-change-label">{} </span>{}</dd><dd class="plan-text"><span class="plan-change-label">{} </span>{}</dd></div>"#,
                text(words::field(t, &c.field).unwrap_or(&c.field)),
                text(t.plan.before),
                text(&value(&c.before)),
                text(t.plan.after),
                text(&value(&c.after)),
            )
        })
        .collect();
    format!(r#"<dl class="plan-changes">{rows}</dl>"#)
}

/// "I er enige", or who still has to agree, with the citizen's button if it is them.
fn agreement(t: &Texts, step: &PlanStep) -> String {
    let p = &t.plan;
    let state = if step.agreed {
        format!(
            r#"<p><span class="badge badge-success">{}</span></p><p>{}</p>"#,
            text(p.agreed),
            text(p.agreed_explained)
        )
    } else {
        let mine = if step.citizen_agreed {
            p.you_agreed
        } else {
            p.you_not_agreed
        };
        let theirs = if step.caseworker_agreed {
            p.jobcentre_agreed
        } else {
            p.jobcentre_not_agreed
        };
        format!(
            r#"<p><span class="badge badge-warning">{}</span></p><ul class="plan-agreement-list"><li>{}</li><li>{}</li></ul>"#,
            text(p.not_agreed),
            text(mine),
            text(theirs)
        )
    };
    let agree = if !step.agreed && !step.citizen_agreed {
        actions("button-primary", p.agree_button, " mb-5")
    } else {
        String::new()
    };
    format!(
        r#"<div class="plan-agreement"><h4 class="h5">{}</h4>{state}{agree}</div>"#,
        text(p.agreement_heading)
    )
}

fn status_control(t: &Texts, step: &PlanStep) -> String {
    let p = &t.plan;
    if step.status == StepStatus::Proposed {
        return format!(
            r#"<p class="form-hint">{}</p>"#,
            text(p.status_waits_for_agreement)
        );
    }
    let choices: Vec<(String, String)> = words::CHOOSABLE
        .iter()
        .map(|s| (s.code().to_string(), words::status(t, *s).to_string()))
        .collect();
    format!(
        r#"<form novalidate class="plan-status-form mb-5">{}{}</form>"#,
        select(
            t,
            &format!("step-{}.status", step.id),
            p.status_change_label,
            &choices,
            step.status.code(),
            false
        ),
        button("submit", "button-secondary", p.status_save),
    )
}

/// "Det hjalp": each side's words about what helped.
fn helped(t: &Texts, step: &PlanStep) -> String {
    let p = &t.plan;
    let mine = &step.helped_citizen;
    let intro = if mine.is_none() {
        format!("<p>{}</p>", text(p.helped_intro))
    } else {
        String::new()
    };
    let write = if mine.is_some() {
        p.helped_edit
    } else {
        p.helped_write
    };
    format!(
        r#"<div class="plan-helped"><h4 id="step-{id}-helped" class="h5" tabindex="-1">{heading}</h4>{intro}<dl class="plan-words"><dt>{you}</dt><dd class="plan-text">{citizen}</dd><dt>{jobcentre}</dt><dd class="plan-text">{caseworker}</dd></dl>{write}</div>"#,
        id = step.id,
        heading = text(p.helped_heading),
        you = text(p.words_you),
        citizen = text(&words::note(t, &step.helped_citizen)),
        jobcentre = text(p.words_jobcentre),
        caseworker = text(&words::note(t, &step.helped_caseworker)),
        write = actions("button-secondary", write, " mb-5"),
    )
}

fn comments(t: &Texts, lang: Lang, step: &PlanStep) -> String {
    let p = &t.plan;
    let list = if step.comments.is_empty() {
        format!("<p>{}</p>", text(p.comments_empty))
    } else {
        let items: String = step
            .comments
            .iter()
            .map(|c| {
                format!(
                    r#"<li class="plan-comment"><p class="plan-comment-meta"><strong class="mr-3">{}</strong> <time datetime="{}">{}</time></p><p class="plan-text">{}</p></li>"#,
                    text(&c.author_name),
                    attr(&c.at),
                    text(&worded_instant(&c.at, lang)),
                    text(&c.body),
                )
            })
            .collect();
        format!(r#"<ul class="nobullet-list plan-comment-list">{items}</ul>"#)
    };
    format!(
        r#"<div class="plan-comments"><h4 class="h5">{}</h4>{list}<form novalidate class="mb-3">{}{}</form></div>"#,
        text(p.comments_heading),
        text_area(
            t,
            &format!("step-{}.body", step.id),
            p.comment_label,
            None,
            limits::COMMENT,
            false,
            3
        ),
        button("submit", "button-secondary", p.comment_send),
    )
}
