//! *Mit overblik*, rendered by the server for a logged-in citizen: the same markup the web client
//! draws (`frontend/src/pages/overview.rs`), from the same two answers the client asks for
//! (`/me/overview` and `/me/conversations`, called here as functions), so both always agree.
//!
//! The page carries the web client's start script, which waits until the page has loaded and
//! then fetches the client. The client renders the page again out of sight and swaps it in
//! once its data has come, so the live parts (new messages, the idle warning, the menu dialog)
//! arrive without anything on the screen moving. Anyone else at this address gets the web
//! client, which tells them to log in or what they may see instead.

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use html_escape::encode_text as text;
use shared::Lang;
use shared::api::{
    API_PREFIX, CaseworkerContact, ConversationsResponse, MeetingChannel, MeetingStatus,
    MeetingView, OverviewResponse, PlanSummary,
};
use shared::i18n::{Texts, fill, meetings as dates, texts};

use super::{LangParam, citizen_page};
use crate::access::{Acting, Actor};
use crate::auth::extract::CitizenId;
use crate::http::static_files::WebClient;
use crate::state::AppState;

const PATH: &str = "/mit-overblik";

pub async fn overview_page(
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
    let overview = crate::overview::overview(State(state.clone()), CitizenId(citizen_id)).await;
    let actor = Actor::Citizen { citizen_id };
    let messages = crate::messages::conversations(State(state.clone()), Acting(actor)).await;
    let (Ok(overview), Ok(messages)) = (overview, messages) else {
        // The web client shows what went wrong and offers "Prøv igen".
        return web.serve_index(&headers);
    };
    let (overview, messages) = (overview.0, messages.0);
    let t = texts(lang);
    page.render(
        &state,
        PATH,
        t.overview_title,
        &overview.name,
        main_content(t, lang, &overview, &messages),
    )
}

fn main_content(
    t: &Texts,
    lang: Lang,
    o: &OverviewResponse,
    messages: &ConversationsResponse,
) -> String {
    let primary = match &o.primary_caseworker {
        Some(c) => contact(c),
        None => format!("<p>{}</p>", text(t.no_caseworker)),
    };
    let backup = match &o.backup_caseworker {
        Some(c) => format!(
            "<h3>{}</h3><p>{}</p>{}",
            text(t.your_backup_caseworker),
            text(t.backup_explained),
            contact(c)
        ),
        None => String::new(),
    };
    let meeting = match &o.next_meeting {
        Some(m) => next_meeting(t, lang, m),
        None => format!("<p>{}</p>", text(t.meetings_empty)),
    };
    format!(
        r##"<h1 id="page-heading" tabindex="-1">{title}</h1>
<p class="font-lead">{greeting}</p>
<section aria-labelledby="caseworker-heading" class="mb-6"><h2 id="caseworker-heading">{your_caseworker}</h2>{primary}{backup}</section>
<section aria-labelledby="plan-heading" class="mb-6"><h2 id="plan-heading">{plan_heading}</h2>{plan}<p><a href="/min-plan" class="button button-secondary">{go_to_plan}</a></p></section>
<section aria-labelledby="profile-heading" class="mb-6"><h2 id="profile-heading">{profile_title}</h2><p>{profile_what}</p><p><a href="/min-profil">{go_to_profile}</a></p></section>
<section aria-labelledby="meetings-heading" class="mb-6"><h2 id="meetings-heading">{meetings_heading}</h2>{meeting}<p><a href="/moeder" class="button button-secondary">{go_to_meetings}</a></p></section>
<section aria-labelledby="messages-heading" class="mb-6"><h2 id="messages-heading">{messages_heading}</h2>{messages}<p><a href="/beskeder" class="button button-secondary">{go_to_messages}</a></p></section>"##,
        title = text(t.overview_title),
        greeting = text(&fill(t.overview_greeting, &o.name)),
        your_caseworker = text(t.your_caseworker),
        plan_heading = text(t.plan_heading),
        plan = plan_summary(t, &o.plan),
        go_to_plan = text(t.go_to_plan),
        profile_title = text(t.profile.title),
        profile_what = text(t.start_what_profile),
        go_to_profile = text(t.go_to_profile),
        meetings_heading = text(t.meetings_heading),
        go_to_meetings = text(t.meetings.go_to_meetings),
        messages_heading = text(t.messages_heading),
        messages = messages_summary(t, messages),
        go_to_messages = text(t.messages.go_to_messages),
    )
}

fn contact(c: &CaseworkerContact) -> String {
    format!(
        r#"<p class="mb-2"><strong>{}</strong><br>{}</p>"#,
        text(&c.name),
        text(&c.team)
    )
}

fn info(message: &str) -> String {
    format!(
        r#"<div class="alert alert-info"><div class="alert-body"><p class="alert-text">{}</p></div></div>"#,
        text(message)
    )
}

fn plan_summary(t: &Texts, plan: &PlanSummary) -> String {
    if plan.steps == 0 && plan.own_goal.is_empty() {
        return format!("<p>{}</p>", text(t.plan_empty));
    }
    let mut html = String::new();
    if !plan.own_goal.is_empty() {
        html += &format!(
            "<p><strong>{}: </strong>{}</p>",
            text(t.overview_own_goal),
            text(&plan.own_goal)
        );
    }
    html += &format!(
        "<p>{} {}</p>",
        text(&fill(t.overview_plan_steps, &plan.steps.to_string())),
        text(&fill(t.overview_plan_done, &plan.done.to_string()))
    );
    if plan.awaiting_your_agreement > 0 {
        html += &info(&fill(
            t.overview_awaiting,
            &plan.awaiting_your_agreement.to_string(),
        ));
    }
    if plan.requests_waiting > 0 {
        html += &format!(
            "<p>{}</p>",
            text(&fill(
                t.overview_requests_waiting,
                &plan.requests_waiting.to_string()
            ))
        );
    }
    html
}

fn next_meeting(t: &Texts, lang: Lang, m: &MeetingView) -> String {
    let mt = &t.meetings;
    let mut html = format!(
        "<h3>{}</h3><p class=\"mb-2\"><strong>{}</strong><br>{}</p>",
        text(mt.next_meeting),
        text(&dates::when(
            &m.local_date,
            &m.local_start,
            &m.local_end,
            lang
        )),
        text(dates::channel_name(m.format, lang)),
    );
    if m.format == MeetingChannel::Phone {
        html += &format!("<p>{}</p>", text(mt.phone_explained));
    } else if !m.place.is_empty() {
        html += &format!(
            "<p><strong>{}: </strong>{}</p>",
            text(mt.place_label),
            text(&m.place)
        );
    }
    if m.status == MeetingStatus::Proposed {
        html += &info(mt.awaiting_confirmation);
    }
    html += &format!(
        r#"<p><a href="{API_PREFIX}/me/meetings/{}/calendar.ics" download="moede.ics">{}</a></p>"#,
        m.id,
        text(mt.calendar_link)
    );
    html
}

fn messages_summary(t: &Texts, list: &ConversationsResponse) -> String {
    let Some(newest) = list.conversations.first() else {
        return format!("<p>{}</p>", text(t.messages_empty));
    };
    let unread = match list.unread {
        0 => text(t.messages.overview_none_unread).to_string(),
        1 => format!("<strong>{}</strong>", text(t.messages.overview_unread_one)),
        n => format!(
            "<strong>{}</strong>",
            text(&fill(t.messages.overview_unread, &n.to_string()))
        ),
    };
    format!(
        r#"<p>{unread}</p><p>{newest_label} <a href="/beskeder/{id}">{subject}</a></p>"#,
        newest_label = text(t.messages.overview_newest),
        id = newest.id,
        subject = text(&newest.subject),
    )
}
