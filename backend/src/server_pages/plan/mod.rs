//! *Min plan*, rendered by the server for a logged-in citizen: the same markup the web client
//! draws (`frontend/src/pages/plan/`) for the citizen, from the same answers it asks for
//! (`/me/plan`, served from the same cache, and `/catalogues`), worded by the same functions
//! (`shared::i18n::plan::words`). A phone on a weak connection shows the plan before any
//! WebAssembly; the controls are there but disabled until the client, loading behind the page,
//! takes it over (see `overview.rs` for how the swap keeps the screen still).

mod step;

use axum::extract::{Query, State};
use axum::http::HeaderMap;
use axum::response::Response;
use axum_extra::extract::CookieJar;
use html_escape::encode_text as text;
use shared::Lang;
use shared::api::{Catalogue, CataloguesResponse, OptionRequest, PlanResponse, PlanStep};
use shared::i18n::plan::words::fill_named;
use shared::i18n::{Texts, fill, texts};
use shared::validation::limits;

use super::controls::{actions, button, select, text_area};
use super::frame::icon;
use super::{LangParam, citizen_page};
use crate::access::{ActingOnPlan, Actor};
use crate::calendar::{worded_day, worded_instant};
use crate::http::static_files::WebClient;
use crate::state::AppState;

const PATH: &str = "/min-plan";

pub async fn plan_page(
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
    let Some((plan, lists)) = load(&state, citizen_id).await else {
        // The web client shows what went wrong and offers "Prøv igen".
        return web.serve_index(&headers);
    };
    let t = texts(lang);
    page.render(
        &state,
        PATH,
        t.plan.title,
        &plan.citizen_name,
        main_content(t, lang, &plan, &lists),
    )
}

/// The plan through the API's own handler (and its cache), and the lists its codes come from.
async fn load(
    state: &AppState,
    citizen_id: uuid::Uuid,
) -> Option<(PlanResponse, CataloguesResponse)> {
    let actor = Actor::Citizen { citizen_id };
    let read = ActingOnPlan {
        actor,
        ready_plan: None,
    };
    let answer = crate::plan::plan(State(state.clone()), read).await.ok()?;
    let body = axum::body::to_bytes(answer.into_body(), usize::MAX)
        .await
        .ok()?;
    let plan = serde_json::from_slice(&body).ok()?;
    let lists = crate::catalogue::all(&state.db).await.ok()?;
    Some((plan, lists))
}

/// Everything `PlanView` shows the citizen, in its order.
fn main_content(t: &Texts, lang: Lang, plan: &PlanResponse, lists: &CataloguesResponse) -> String {
    let p = &t.plan;
    let steps = if plan.steps.is_empty() {
        format!("<p>{}</p>", text(p.steps_empty_citizen))
    } else {
        let cards: String = plan
            .steps
            .iter()
            .map(|s| format!("<li>{}</li>", step::card(t, lang, lists, s)))
            .collect();
        format!(r#"<ul class="nobullet-list plan-steps">{cards}</ul>"#)
    };
    format!(
        r##"<h1 id="page-heading" tabindex="-1">{title}</h1><p class="font-lead">{intro}</p><div class="plan-actions mb-6 d-print-none"><a href="/min-plan/historik" class="function-link">{history}</a>{print}</div>{goals}{achieved}<section aria-labelledby="steps-heading" class="mb-6"><h2 id="steps-heading">{steps_heading}</h2>{steps}</section><section aria-labelledby="new-step-heading" class="mb-6 d-print-none"><h2 id="new-step-heading" tabindex="-1">{new_step}</h2><p>{new_step_intro}</p>{new_step_open}</section>{requests}"##,
        title = text(p.title),
        intro = text(p.intro_citizen),
        history = text(p.history_link),
        print = button("button", "button-secondary", p.print),
        goals = goals(t, lang, plan, lists),
        achieved = achieved(t, &plan.steps),
        steps_heading = text(p.steps_heading),
        new_step = text(p.new_step_heading),
        new_step_intro = text(p.new_step_intro_citizen),
        new_step_open = actions("button-primary", p.new_step_open, ""),
        requests = requests(t, lang, lists, &plan.requests),
    )
}

fn goals(t: &Texts, lang: Lang, plan: &PlanResponse, lists: &CataloguesResponse) -> String {
    let p = &t.plan;
    let own = if plan.own_goal.trim().is_empty() {
        format!("<p>{}</p>", text(p.own_goal_empty_citizen))
    } else {
        format!(
            r#"<p class="plan-text plan-own-words">{}</p>"#,
            text(&plan.own_goal)
        )
    };
    let own_button = if plan.own_goal.trim().is_empty() {
        p.own_goal_write
    } else {
        p.own_goal_edit
    };
    let agreed = if plan.agreed_goal.trim().is_empty() {
        format!("<p>{}</p>", text(p.agreed_goal_empty))
    } else {
        format!(r#"<p class="plan-text">{}</p>"#, text(&plan.agreed_goal))
    };
    let group = match &plan.target_group {
        Some(code) => lists.label_of(Catalogue::TargetGroup, code, lang),
        None => p.target_group_empty,
    };
    format!(
        r#"<section aria-labelledby="goals-heading" class="mb-6"><h2 id="goals-heading">{heading}</h2><h3 id="own-goal-heading" tabindex="-1">{own_heading}</h3>{own}{own_action}<h3 id="agreed-goal-heading" tabindex="-1">{agreed_heading}</h3>{agreed}<p><strong>{group_label}: </strong>{group}</p></section>"#,
        heading = text(p.goals_heading),
        own_heading = text(p.own_goal_heading),
        own_action = actions("button-secondary", own_button, " mb-5"),
        agreed_heading = text(p.agreed_goal_heading),
        group_label = text(p.target_group),
        group = text(group),
    )
}

/// "Det har vi nået sammen".
fn achieved(t: &Texts, steps: &[PlanStep]) -> String {
    let p = &t.plan;
    let done: Vec<&PlanStep> = steps.iter().filter(|s| s.achieved()).collect();
    let (class, body) = if done.is_empty() {
        (
            "plan-achieved plan-achieved-empty mb-6",
            format!("<p>{}</p>", text(p.achieved_empty)),
        )
    } else {
        let items: String = done
            .iter()
            .map(|s| {
                format!(
                    r#"<li class="plan-achieved-item"><h3 class="h4">{}</h3><dl class="plan-words"><dt>{}</dt><dd class="plan-text">{}</dd><dt>{}</dt><dd class="plan-text">{}</dd></dl></li>"#,
                    text(&s.wording.title),
                    text(p.words_you),
                    text(s.helped_citizen.as_deref().unwrap_or_default()),
                    text(p.words_jobcentre),
                    text(s.helped_caseworker.as_deref().unwrap_or_default()),
                )
            })
            .collect();
        (
            "plan-achieved mb-6",
            format!(
                r#"<p class="font-lead">{}</p><ul class="nobullet-list">{items}</ul>"#,
                text(p.achieved_intro)
            ),
        )
    };
    format!(
        r#"<section aria-labelledby="achieved-heading" class="{class}"><h2 id="achieved-heading">{}{}</h2>{body}</section>"#,
        icon("check"),
        text(p.achieved_heading)
    )
}

/// "Jeg vil gerne høre om …": the form, then the requests, waiting ones first.
fn requests(
    t: &Texts,
    lang: Lang,
    lists: &CataloguesResponse,
    requests: &[OptionRequest],
) -> String {
    let p = &t.plan;
    let choices = lists.choices(Catalogue::Option, lang, None);
    let form = if choices.is_empty() {
        format!("<p>{}</p>", text(p.request_no_options))
    } else {
        format!(
            r#"<form novalidate class="mb-6 d-print-none">{}{}{}</form>"#,
            select(t, "option", p.request_option_label, &choices, "", true),
            text_area(
                t,
                "message",
                p.request_message_label,
                Some(p.request_message_hint),
                limits::REQUEST_MESSAGE,
                true,
                3
            ),
            button("submit", "button-primary", p.request_send),
        )
    };
    let mut sorted: Vec<&OptionRequest> = requests.iter().collect();
    sorted.sort_by_key(|r| r.answer.is_some());
    let list = if sorted.is_empty() {
        format!("<p>{}</p>", text(p.requests_empty_citizen))
    } else {
        let items: String = sorted
            .into_iter()
            .map(|r| {
                format!(
                    r#"<li class="plan-request">{}</li>"#,
                    request(t, lang, lists, r)
                )
            })
            .collect();
        format!(r#"<ul class="nobullet-list">{items}</ul>"#)
    };
    format!(
        r#"<section aria-labelledby="requests-heading" class="mb-6"><h2 id="requests-heading">{}</h2><p>{}</p>{form}<h3>{}</h3>{list}</section>"#,
        text(p.requests_heading),
        text(p.requests_intro_citizen),
        text(p.requests_list_heading),
    )
}

fn request(t: &Texts, lang: Lang, lists: &CataloguesResponse, r: &OptionRequest) -> String {
    let p = &t.plan;
    let mut html = format!(
        "<h4>{}</h4>",
        text(lists.label_of(Catalogue::Option, &r.option, lang))
    );
    html += &match &r.answer {
        None => format!(
            r#"<p><span class="badge badge-warning mr-3">{}</span> {}</p>"#,
            text(p.request_waiting_badge),
            text(&fill(p.request_waiting_since, &worded_day(&r.asked_at)))
        ),
        Some(_) => format!(
            r#"<p><span class="badge badge-success">{}</span></p>"#,
            text(p.request_answered_badge)
        ),
    };
    if !r.message.trim().is_empty() {
        html += &format!(
            r#"<p class="mb-2 weight-semibold">{}</p><p class="plan-text plan-own-words">{}</p>"#,
            text(p.request_your_words),
            text(&r.message)
        );
    }
    if let Some(answer) = &r.answer {
        let by = fill_named(
            p.request_answered_by,
            &[
                ("name", &answer.caseworker_name),
                ("time", &worded_instant(&answer.answered_at, lang)),
            ],
        );
        html += &format!(
            r#"<div class="plan-answer"><p class="mb-2 weight-semibold">{}</p><p class="plan-text">{}</p></div>"#,
            text(&by),
            text(&answer.text)
        );
    }
    html
}
