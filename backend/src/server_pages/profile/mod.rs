//! *Min profil*, rendered by the server for a logged-in citizen: the same markup the web client
//! draws (`frontend/src/pages/profile/`) for her, from the same two answers it asks for
//! (`/me/profile` and `/me/email`, called here as functions), worded by the same functions
//! (`shared::i18n::profile::words`). Its controls are disabled until the client, loading behind
//! the page, takes it over (see `overview.rs`); its links work at once.

mod limitations;
mod settings;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use html_escape::encode_text as text;
use shared::Lang;
use shared::api::{Competence, CompetenceKind, EmailSettings, LimitationsView, ProfileResponse};
use shared::i18n::profile::words::summary;
use shared::i18n::{Texts, fill, texts};

use super::controls::button;
use super::{LangParam, citizen_page};
use crate::access::{Acting, Actor};
use crate::auth::extract::CitizenId;
use crate::http::static_files::WebClient;
use crate::state::AppState;

const PATH: &str = "/min-profil";

pub async fn profile_page(
    web: WebClient,
    State(state): State<AppState>,
    jar: CookieJar,
    headers: HeaderMap,
    Query(params): Query<LangParam>,
) -> Response {
    let page = match citizen_page(&web, &state, jar, &headers, params, PATH).await {
        Ok(page) => page,
        Err(answer) => return answer,
    };
    let (citizen_id, lang) = (page.citizen_id, page.lang);
    let actor = Actor::Citizen { citizen_id };
    let profile = crate::profile::profile(State(state.clone()), Acting(actor)).await;
    let email =
        crate::email::address::email_settings(State(state.clone()), CitizenId(citizen_id)).await;
    let (Ok(profile), Ok(email)) = (profile, email) else {
        // The web client shows what went wrong and offers "Prøv igen".
        return web.serve_index(&headers);
    };
    let (profile, email) = (profile.0, email.0);
    let t = texts(lang);
    page.render(
        &state,
        PATH,
        t.profile.title,
        &profile.citizen_name,
        main_content(t, lang, &profile, &email),
    )
}

fn main_content(t: &Texts, lang: Lang, profile: &ProfileResponse, email: &EmailSettings) -> String {
    let p = t.profile;
    let items = match &profile.limitations {
        LimitationsView::Visible { items } => items.as_slice(),
        LimitationsView::Hidden { .. } => &[],
    };
    format!(
        r##"<h1 id="page-heading" tabindex="-1">{title}</h1><p class="font-lead">{intro}</p>{competences}{limitations}{accommodations}{email}<section aria-labelledby="insight-heading" class="mb-8"><h2 id="insight-heading">{insight}</h2><p><a href="/hvem-har-set-mine-oplysninger">{insight_link}</a></p></section>"##,
        title = text(p.title),
        intro = text(p.intro),
        competences = competences(t, &profile.competences),
        limitations = limitations::section(t, lang, items, &profile.consent),
        accommodations = settings::accommodations(t, &profile.accommodations),
        email = settings::email(t, email),
        insight = text(p.access_log_title),
        insight_link = text(p.access_log_link),
    )
}

/// "Ret" and "Slet" for one thing in a list, each naming it for screen readers.
fn edit_and_delete(t: &Texts, context: &str, with_edit: bool) -> String {
    let named = |words: &str| {
        format!(
            r#"<button type="button" class="function-link" disabled>{}<span class="sr-only">: {}</span></button>"#,
            text(words),
            text(context)
        )
    };
    let edit = if with_edit {
        named(t.edit)
    } else {
        String::new()
    };
    format!("{edit}{}", named(t.delete))
}

/// "Det kan jeg": competences under a heading per kind.
fn competences(t: &Texts, items: &[Competence]) -> String {
    let p = t.profile;
    let list = if items.is_empty() {
        format!(
            r#"<p class="profile-empty">{}</p>"#,
            text(p.competences_empty)
        )
    } else {
        CompetenceKind::ALL
            .iter()
            .filter(|kind| items.iter().any(|c| c.data.kind() == **kind))
            .map(|kind| {
                let lines: String = items
                    .iter()
                    .filter(|c| c.data.kind() == *kind)
                    .map(|c| {
                        let line = summary(t, &c.data);
                        format!(
                            r#"<li>{}<div class="profile-actions">{}</div></li>"#,
                            text(&line),
                            edit_and_delete(t, &line, true)
                        )
                    })
                    .collect();
                format!(
                    r#"<div class="mb-5"><h3>{}</h3><ul class="bordered-list">{lines}</ul></div>"#,
                    text(p.competence_group(*kind))
                )
            })
            .collect()
    };
    format!(
        r#"<section aria-labelledby="competences-heading" class="mb-8"><h2 id="competences-heading" tabindex="-1">{}</h2><p>{}</p>{list}{}</section>"#,
        text(p.competences_heading),
        text(p.competences_intro),
        button("button", "button-secondary", p.competence_add_button),
    )
}

/// `fill` twice, for texts with two values in order.
fn fill2(template: &str, first: &str, second: &str) -> String {
    fill(&fill(template, first), second)
}
