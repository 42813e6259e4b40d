//! "Det er svært" on the server-rendered *Min profil*: limitations in the citizen's words with
//! their documents, and whether caseworkers may see them, as `frontend/src/pages/profile/
//! {limitations,documents}.rs` draw them for her.

use html_escape::{encode_double_quoted_attribute as attr, encode_text as text};
use shared::Lang;
use shared::api::{API_PREFIX, ConsentState, DocumentMeta, Limitation};
use shared::i18n::plan::words::date;
use shared::i18n::profile::words::{file_kind, file_size};
use shared::i18n::{Texts, fill};
use shared::validation::limits;

use super::{edit_and_delete, fill2};
use crate::calendar::worded_day;
use crate::server_pages::controls::button;

/// The types a document may have (as the client's file input accepts them).
const ACCEPTED: &str = "application/pdf,image/jpeg,image/png";

pub fn section(t: &Texts, lang: Lang, items: &[Limitation], consent: &ConsentState) -> String {
    let p = t.profile;
    let consent_words = if consent.given {
        p.consent_given_short
    } else {
        p.consent_not_given_short
    };
    let empty = if items.is_empty() {
        format!(
            r#"<p class="profile-empty">{}</p>"#,
            text(p.limitations_empty)
        )
    } else {
        String::new()
    };
    let cards: String = items.iter().map(|l| card(t, lang, l)).collect();
    format!(
        r#"<section aria-labelledby="limitations-heading" class="mb-8"><h2 id="limitations-heading" tabindex="-1">{heading}</h2><p>{intro}</p><div class="alert alert-info mb-5"><div class="alert-body"><p class="alert-text">{consent}</p><p class="alert-text"><a href="/min-profil/samtykke">{consent_link}</a></p></div></div>{empty}{cards}{add}</section>"#,
        heading = text(p.limitations_heading),
        intro = text(p.limitations_intro),
        consent = text(consent_words),
        consent_link = text(p.consent_link),
        add = button("button", "button-secondary", p.limitation_add_button),
    )
}

fn card(t: &Texts, lang: Lang, l: &Limitation) -> String {
    let p = t.profile;
    let input = &l.input;
    let or_not_written = |words: &str| {
        if words.trim().is_empty() {
            p.not_written.to_string()
        } else {
            words.to_string()
        }
    };
    let professional = input
        .professional
        .as_ref()
        .map(|pro| {
            format!(
                "<p>{}</p>",
                text(&fill2(
                    p.professional_value,
                    p.professional(pro.kind),
                    &date(&pro.date)
                ))
            )
        })
        .unwrap_or_default();
    let category = p.category(input.category);
    format!(
        r#"<div class="profile-card"><h3>{category_words}</h3><p class="profile-text">{description}</p><dl class="profile-list"><dt>{work}</dt><dd class="profile-text">{work_impact}</dd><dt>{meeting}</dt><dd class="profile-text">{meeting_impact}</dd></dl>{professional}{documents}<div class="profile-actions mt-5">{actions}</div></div>"#,
        category_words = text(category),
        description = text(&input.description),
        work = text(p.work_impact_heading),
        work_impact = text(&or_not_written(&input.work_impact)),
        meeting = text(p.meeting_impact_heading),
        meeting_impact = text(&or_not_written(&input.meeting_impact)),
        documents = documents(t, lang, l),
        actions = edit_and_delete(t, category, true),
    )
}

/// The documents of one limitation, each to download, and the upload field.
fn documents(t: &Texts, lang: Lang, l: &Limitation) -> String {
    let p = t.profile;
    let list = if l.documents.is_empty() {
        format!("<p>{}</p>", text(p.documents_none))
    } else {
        let items: String = l
            .documents
            .iter()
            .map(|d| {
                format!(
                    r#"<li>{}<div class="profile-actions">{}</div></li>"#,
                    document_line(t, lang, d),
                    edit_and_delete(t, &d.file_name, false)
                )
            })
            .collect();
        format!(r#"<ul class="bordered-list">{items}</ul>"#)
    };
    let input_id = format!("document-{}", l.id);
    format!(
        r#"<h4 id="documents-{id}" class="mt-5" tabindex="-1">{heading}</h4>{list}<div class="mt-5"><div class="form-group"><label class="form-label" for="{input_id}">{label}</label><span class="form-hint" id="{input_id}-hint">{hint}</span><input type="file" id="{input_id}" name="{input_id}" accept="{ACCEPTED}" aria-invalid="false" aria-describedby="{input_id}-hint" disabled></div>{upload}</div>"#,
        id = l.id,
        heading = text(p.documents_heading),
        label = text(p.document_file_label),
        hint = text(&fill(
            p.document_file_hint,
            &limits::DOCUMENT_MB.to_string()
        )),
        upload = button("button", "button-secondary", p.document_upload_button),
    )
}

fn document_line(t: &Texts, lang: Lang, d: &DocumentMeta) -> String {
    let details = format!(
        "{}, {}, {}",
        file_kind(&d.content_type),
        file_size(d.size, t, lang),
        fill(t.profile.document_added_on, &worded_day(&d.uploaded_at)),
    );
    format!(
        r#"<a href="{API_PREFIX}/me/documents/{id}" download="{name_attr}">{name}</a> <span class="small-text">({details})</span>"#,
        id = d.id,
        name_attr = attr(&d.file_name),
        name = text(&d.file_name),
        details = text(&details),
    )
}
