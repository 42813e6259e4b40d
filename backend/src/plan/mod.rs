//! "Min plan": a plan the citizen and the caseworker make together. Citizens work on their own
//! plan under `/me/plan`; caseworkers on a citizen's plan under `/citizens/{id}/plan`, and every
//! time they open it, the access log says so (in the same transaction as the read).

pub mod cache;
pub mod history;
pub mod store;

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post, put};
use shared::api::{
    AccessWhat, AgreeRequest, AnswerRequest, Catalogue, CommentRequest, GoalsRequest,
    HelpedRequest, HistoryResponse, NewOptionRequest, OptionRequest, OwnGoalRequest, Party,
    PlanResponse, PlanStep, StatusRequest, StepRequest, StepStatus,
};
use shared::validation::{Problem, Problems, check_step, limits, optional_text, required_text};
use store::Outcome;
use uuid::Uuid;

use crate::access::{self, Actor, parse_id};
use crate::auth::extract::{CaseworkerId, CitizenId};
use crate::cache_bus::Change;
use crate::db::Tx;
use crate::error::{AppError, AppJson, AppResult};
use crate::state::AppState;
use crate::{audit, catalogue};

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/me/plan", get(my_plan))
        .route("/me/plan/history", get(my_history))
        .route("/me/plan/own-goal", put(my_own_goal))
        .route("/me/plan/steps", post(my_new_step))
        .route("/me/plan/steps/{step}", put(my_edit_step))
        .route("/me/plan/steps/{step}/agree", post(my_agree))
        .route("/me/plan/steps/{step}/status", put(my_status))
        .route("/me/plan/steps/{step}/comments", post(my_comment))
        .route("/me/plan/steps/{step}/helped", put(my_helped))
        .route("/me/plan/requests", post(my_request))
        .route("/citizens/{citizen}/plan", get(their_plan))
        .route("/citizens/{citizen}/plan/history", get(their_history))
        .route("/citizens/{citizen}/plan/goals", put(their_goals))
        .route("/citizens/{citizen}/plan/steps", post(their_new_step))
        .route(
            "/citizens/{citizen}/plan/steps/{step}",
            put(their_edit_step),
        )
        .route(
            "/citizens/{citizen}/plan/steps/{step}/agree",
            post(their_agree),
        )
        .route(
            "/citizens/{citizen}/plan/steps/{step}/status",
            put(their_status),
        )
        .route(
            "/citizens/{citizen}/plan/steps/{step}/comments",
            post(their_comment),
        )
        .route(
            "/citizens/{citizen}/plan/steps/{step}/helped",
            put(their_helped),
        )
        .route(
            "/citizens/{citizen}/plan/requests/{request}/answer",
            post(their_answer),
        )
}

fn me(citizen_id: Uuid) -> Actor {
    Actor::Citizen { citizen_id }
}

// ---- reading ----

/// The citizen's own plan: the most read answer in Sammen, so it is served from a copy while
/// no change to the plan has been announced since it was made (see `cache`).
#[utoipa::path(get, path = "/api/v1/me/plan", tag = "plan", responses((status = 200, body = PlanResponse)))]
pub async fn my_plan(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
) -> AppResult<Response> {
    if let Some(json) = s.plan_cache.get(&s.bus, id) {
        return Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response());
    }
    let stamp = s.bus.stamp(&id);
    let mut c = s.db.reader().await?;
    let plan = store::load(&mut c.conn(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    let json = Bytes::from(serde_json::to_vec(&plan).map_err(anyhow::Error::from)?);
    s.plan_cache.put(id, stamp, json.clone());
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

#[utoipa::path(get, path = "/api/v1/me/plan/history", tag = "plan", responses((status = 200, body = HistoryResponse)))]
pub async fn my_history(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
) -> AppResult<AppJson<HistoryResponse>> {
    let mut c = s.db.reader().await?;
    Ok(AppJson(HistoryResponse {
        entries: history::load(&mut c.conn(), id).await?,
    }))
}

/// A citizen's plan, for their caseworker; logged in the access log.
#[utoipa::path(get, path = "/api/v1/citizens/{citizen}/plan", tag = "plan",
    params(("citizen" = String, Path)), responses((status = 200, body = PlanResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn their_plan(
    State(s): State<AppState>,
    CaseworkerId(cw, _): CaseworkerId,
    Path(citizen): Path<String>,
) -> AppResult<AppJson<PlanResponse>> {
    let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
    let mut tx = audit::logged_read(&s, actor, AccessWhat::Plan).await?;
    let plan = store::load(&mut tx.conn(), actor.citizen_id())
        .await?
        .ok_or(AppError::NotFound)?;
    tx.commit().await?;
    Ok(AppJson(plan))
}

#[utoipa::path(get, path = "/api/v1/citizens/{citizen}/plan/history", tag = "plan",
    params(("citizen" = String, Path)), responses((status = 200, body = HistoryResponse)))]
pub async fn their_history(
    State(s): State<AppState>,
    CaseworkerId(cw, _): CaseworkerId,
    Path(citizen): Path<String>,
) -> AppResult<AppJson<HistoryResponse>> {
    let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
    let mut tx = audit::logged_read(&s, actor, AccessWhat::Plan).await?;
    let entries = history::load(&mut tx.conn(), actor.citizen_id()).await?;
    tx.commit().await?;
    Ok(AppJson(HistoryResponse { entries }))
}

/// Commits a change to a citizen's plan and announces it, so no instance serves an old copy.
/// The answer carries the plan's data, so a caseworker's change is logged as a read of it.
async fn commit_change(s: &AppState, mut tx: Tx, actor: Actor) -> AppResult<()> {
    audit::record_for(&mut tx, actor, AccessWhat::Plan).await?;
    let citizen_id = actor.citizen_id();
    let change = Change::PlanChanged(citizen_id);
    s.bus.announce(&mut tx, &change).await?;
    tx.commit().await?;
    s.bus.committed(&change);
    Ok(())
}

// ---- goals ----

#[utoipa::path(put, path = "/api/v1/me/plan/own-goal", tag = "plan", request_body = OwnGoalRequest,
    responses((status = 200, body = PlanResponse), (status = 422, body = shared::api::ApiError)))]
pub async fn my_own_goal(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
    AppJson(req): AppJson<OwnGoalRequest>,
) -> AppResult<AppJson<PlanResponse>> {
    let mut p = Problems::default();
    p.check("own_goal", optional_text(&req.own_goal, limits::OWN_GOAL));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    store::set_own_goal(&mut tx.conn(), me(id), req.own_goal.trim()).await?;
    let plan = store::load(&mut tx.conn(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_change(&s, tx, me(id)).await?;
    Ok(AppJson(plan))
}

#[utoipa::path(put, path = "/api/v1/citizens/{citizen}/plan/goals", tag = "plan", request_body = GoalsRequest,
    params(("citizen" = String, Path)), responses((status = 200, body = PlanResponse), (status = 422, body = shared::api::ApiError)))]
pub async fn their_goals(
    State(s): State<AppState>,
    CaseworkerId(cw, _): CaseworkerId,
    Path(citizen): Path<String>,
    AppJson(req): AppJson<GoalsRequest>,
) -> AppResult<AppJson<PlanResponse>> {
    let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
    let mut tx = s.db.begin().await?;
    let groups = catalogue::active_codes(&mut tx.conn(), Catalogue::TargetGroup).await?;
    let mut p = Problems::default();
    p.check(
        "agreed_goal",
        optional_text(&req.agreed_goal, limits::AGREED_GOAL),
    );
    let group = req
        .target_group
        .as_deref()
        .map(str::trim)
        .filter(|g| !g.is_empty());
    if group.is_some_and(|g| !groups.iter().any(|c| c == g)) {
        p.0.push(("target_group".into(), Problem::Invalid));
    }
    AppError::check(p)?;
    store::set_goals(&mut tx.conn(), actor, req.agreed_goal.trim(), group).await?;
    let plan = store::load(&mut tx.conn(), actor.citizen_id())
        .await?
        .ok_or(AppError::NotFound)?;
    commit_change(&s, tx, actor).await?;
    Ok(AppJson(plan))
}

// ---- steps ----

async fn new_step(
    s: &AppState,
    actor: Actor,
    req: StepRequest,
) -> AppResult<(StatusCode, AppJson<PlanStep>)> {
    let mut tx = s.db.begin().await?;
    let types = catalogue::active_codes(&mut tx.conn(), Catalogue::StepType).await?;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    AppError::check(check_step(&req.wording, &types))?;
    let id = store::add_step(&mut tx.conn(), actor, &req.wording).await?;
    let step = store::step(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_change(s, tx, actor).await?;
    Ok((StatusCode::CREATED, AppJson(step)))
}

async fn edit_step(
    s: &AppState,
    actor: Actor,
    step: &str,
    req: StepRequest,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(step)?;
    let Some(version) = req.version else {
        return Err(AppError::field("version", Problem::Required));
    };
    let mut tx = s.db.begin().await?;
    let row = store::step_row(&mut tx.conn(), actor.citizen_id(), step_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // Citizens change the steps they proposed; the caseworker's proposals they comment on and
    // agree to (or not).
    if actor.party() == Party::Citizen && row.proposed_by != Party::Citizen.code() {
        return Err(AppError::Forbidden);
    }
    let types = catalogue::active_codes(&mut tx.conn(), Catalogue::StepType).await?;
    let mut types: Vec<&str> = types.iter().map(String::as_str).collect();
    types.push(&row.step_type); // a type since retired may stay on the step it was chosen for
    AppError::check(check_step(&req.wording, &types))?;
    let outcome = store::edit_step(&mut tx.conn(), actor, step_id, version, &req.wording).await?;
    finish(s, tx, actor, step_id, outcome).await
}

/// Commits a step change and answers with the step; on a conflict, answers with the step as
/// it is now and changes nothing.
async fn finish(
    s: &AppState,
    mut tx: Tx,
    actor: Actor,
    step_id: Uuid,
    outcome: Outcome,
) -> AppResult<AppJson<PlanStep>> {
    let step = store::step(&mut tx.conn(), actor.citizen_id(), step_id)
        .await?
        .ok_or(AppError::NotFound)?;
    match outcome {
        Outcome::Done => {
            commit_change(s, tx, actor).await?;
            Ok(AppJson(step))
        }
        Outcome::Conflict => {
            // The refusal shows the step as it is now: that is a read, logged; nothing else
            // in this transaction changed anything.
            audit::record_for(&mut tx, actor, AccessWhat::Plan).await?;
            tx.commit().await?;
            Err(AppError::StepConflict(Box::new(step)))
        }
        Outcome::NotFound => Err(AppError::NotFound),
    }
}

async fn agree(
    s: &AppState,
    actor: Actor,
    step: &str,
    req: AgreeRequest,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(step)?;
    let mut tx = s.db.begin().await?;
    let outcome = store::agree(&mut tx.conn(), actor, step_id, req.version).await?;
    finish(s, tx, actor, step_id, outcome).await
}

async fn status(
    s: &AppState,
    actor: Actor,
    step: &str,
    req: StatusRequest,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(step)?;
    if req.status == StepStatus::Proposed {
        return Err(AppError::field("status", Problem::Invalid));
    }
    let mut tx = s.db.begin().await?;
    let row = store::step_row(&mut tx.conn(), actor.citizen_id(), step_id)
        .await?
        .ok_or(AppError::NotFound)?;
    // A step is planned, started or done only once both have agreed to it.
    if req.status != StepStatus::Stopped && !row.agreed() {
        return Err(AppError::field("status", Problem::NotAgreed));
    }
    let outcome = store::set_status(&mut tx.conn(), actor, step_id, req.status).await?;
    finish(s, tx, actor, step_id, outcome).await
}

async fn comment(
    s: &AppState,
    actor: Actor,
    step: &str,
    req: CommentRequest,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(step)?;
    let mut p = Problems::default();
    p.check("body", required_text(&req.body, limits::COMMENT));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    let outcome = store::comment(&mut tx.conn(), actor, step_id, &req.body).await?;
    finish(s, tx, actor, step_id, outcome).await
}

async fn helped(
    s: &AppState,
    actor: Actor,
    step: &str,
    req: HelpedRequest,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(step)?;
    let mut p = Problems::default();
    p.check("text", required_text(&req.text, limits::HELPED));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    match store::helped(&mut tx.conn(), actor, step_id, &req.text).await? {
        Some(outcome) => finish(s, tx, actor, step_id, outcome).await,
        None => Err(AppError::field("text", Problem::NotDone)),
    }
}

macro_rules! both_sides {
    ($($mine:ident, $theirs:ident, $inner:ident, $req:ty, $out:ty, $method:ident, $path:literal;)*) => {$(
        #[utoipa::path($method, path = concat!("/api/v1/me/plan/steps/{step}", $path), tag = "plan", request_body = $req,
            params(("step" = String, Path)),
            responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError),
                      (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
        pub async fn $mine(
            State(s): State<AppState>,
            CitizenId(id, _): CitizenId,
            Path(step): Path<String>,
            AppJson(req): AppJson<$req>,
        ) -> AppResult<$out> {
            $inner(&s, me(id), &step, req).await
        }

        #[utoipa::path($method, path = concat!("/api/v1/citizens/{citizen}/plan/steps/{step}", $path), tag = "plan",
            request_body = $req, params(("citizen" = String, Path), ("step" = String, Path)),
            responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError),
                      (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
        pub async fn $theirs(
            State(s): State<AppState>,
            CaseworkerId(cw, _): CaseworkerId,
            Path((citizen, step)): Path<(String, String)>,
            AppJson(req): AppJson<$req>,
        ) -> AppResult<$out> {
            let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
            $inner(&s, actor, &step, req).await
        }
    )*};
}

both_sides! {
    my_edit_step, their_edit_step, edit_step, StepRequest, AppJson<PlanStep>, put, "";
    my_agree, their_agree, agree, AgreeRequest, AppJson<PlanStep>, post, "/agree";
    my_status, their_status, status, StatusRequest, AppJson<PlanStep>, put, "/status";
    my_comment, their_comment, comment, CommentRequest, AppJson<PlanStep>, post, "/comments";
    my_helped, their_helped, helped, HelpedRequest, AppJson<PlanStep>, put, "/helped";
}

/// The citizen proposes a step of their own.
#[utoipa::path(post, path = "/api/v1/me/plan/steps", tag = "plan", request_body = StepRequest,
    responses((status = 201, body = PlanStep), (status = 422, body = shared::api::ApiError)))]
pub async fn my_new_step(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
    AppJson(req): AppJson<StepRequest>,
) -> AppResult<(StatusCode, AppJson<PlanStep>)> {
    new_step(&s, me(id), req).await
}

/// The caseworker proposes a step.
#[utoipa::path(post, path = "/api/v1/citizens/{citizen}/plan/steps", tag = "plan", request_body = StepRequest,
    params(("citizen" = String, Path)), responses((status = 201, body = PlanStep), (status = 422, body = shared::api::ApiError)))]
pub async fn their_new_step(
    State(s): State<AppState>,
    CaseworkerId(cw, _): CaseworkerId,
    Path(citizen): Path<String>,
    AppJson(req): AppJson<StepRequest>,
) -> AppResult<(StatusCode, AppJson<PlanStep>)> {
    let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
    new_step(&s, actor, req).await
}

// ---- "Jeg vil gerne høre om…" ----

#[utoipa::path(post, path = "/api/v1/me/plan/requests", tag = "plan", request_body = NewOptionRequest,
    responses((status = 201, body = OptionRequest), (status = 422, body = shared::api::ApiError)))]
pub async fn my_request(
    State(s): State<AppState>,
    CitizenId(id, _): CitizenId,
    AppJson(req): AppJson<NewOptionRequest>,
) -> AppResult<(StatusCode, AppJson<OptionRequest>)> {
    let mut tx = s.db.begin().await?;
    let options = catalogue::active_codes(&mut tx.conn(), Catalogue::Option).await?;
    let mut p = Problems::default();
    if !options.contains(&req.option) {
        p.0.push(("option".into(), Problem::Invalid));
    }
    p.check(
        "message",
        optional_text(&req.message, limits::REQUEST_MESSAGE),
    );
    AppError::check(p)?;
    let request = store::ask(&mut tx.conn(), me(id), &req.option, &req.message).await?;
    commit_change(&s, tx, me(id)).await?;
    Ok((StatusCode::CREATED, AppJson(request)))
}

/// The caseworker's reasoned answer to "Jeg vil gerne høre om…".
#[utoipa::path(post, path = "/api/v1/citizens/{citizen}/plan/requests/{request}/answer", tag = "plan",
    request_body = AnswerRequest, params(("citizen" = String, Path), ("request" = String, Path)),
    responses((status = 200, body = OptionRequest), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn their_answer(
    State(s): State<AppState>,
    CaseworkerId(cw, _): CaseworkerId,
    Path((citizen, request)): Path<(String, String)>,
    AppJson(req): AppJson<AnswerRequest>,
) -> AppResult<AppJson<OptionRequest>> {
    let actor = access::caseworker_on(&s.db, cw, &citizen).await?;
    let request_id = parse_id(&request)?;
    let mut p = Problems::default();
    p.check("answer", required_text(&req.answer, limits::ANSWER));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    match store::answer(&mut tx.conn(), actor, request_id, &req.answer).await? {
        Outcome::Done => {
            let answered = store::request(&mut tx.conn(), actor.citizen_id(), request_id)
                .await?
                .ok_or(AppError::NotFound)?;
            commit_change(&s, tx, actor).await?;
            Ok(AppJson(answered))
        }
        Outcome::Conflict => Err(AppError::Conflict),
        Outcome::NotFound => Err(AppError::NotFound),
    }
}
