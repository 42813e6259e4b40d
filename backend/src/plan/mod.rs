//! "Min plan": a plan the citizen and the caseworker make together. Each action has one
//! handler, served to the citizen under `/me/plan` and to their caseworker under
//! `/citizens/{citizen}/plan` (`access::Acting` says who acts on whom). Every caseworker
//! answer that carries the plan is logged in the access log, in the transaction that serves it.

pub mod cache;
pub mod history;
pub mod ready;
mod requests;
pub mod store;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use shared::api::{
    AccessWhat, AgreeRequest, Catalogue, CommentRequest, ConflictState, GoalsRequest,
    HelpedRequest, HistoryResponse, OwnGoalRequest, Party, PlanResponse, PlanStep, StatusRequest,
    StepRequest, StepStatus,
};
use shared::validation::{Problem, Problems, check_step, limits, optional_text, required_text};
use store::Outcome;
use utoipa_axum::routes;
use uuid::Uuid;

use crate::access::{Acting, ActingOnPlan, Actor, parse_id};
use crate::cache_bus::Change;
use crate::db::Tx;
use crate::error::{AppError, AppJson, AppResult};
use crate::http::api_routes::ApiRoutes;
use crate::state::AppState;
use crate::{audit, catalogue};
use ready::Source;

pub fn router() -> ApiRoutes {
    ApiRoutes::new()
        .both_sides(routes!(plan))
        .both_sides(routes!(history))
        .both_sides(routes!(new_step))
        .both_sides(routes!(edit_step))
        .both_sides(routes!(agree))
        .both_sides(routes!(status))
        .both_sides(routes!(comment))
        .both_sides(routes!(helped))
        .one_sided(routes!(own_goal))
        .one_sided(routes!(goals))
        .one_sided(routes!(requests::ask))
        .one_sided(routes!(requests::answer))
}

/// The `{step}` of a step's address (beside `{citizen}` on a caseworker's).
#[derive(Deserialize)]
pub struct StepPath {
    step: String,
}

// ---- reading ----

/// The plan. The citizen's own is the most read answer in Sammen: it comes ready with their
/// session (`ready`), or from this instance's memory while no change to the plan has been
/// announced since (`cache`), or as the ready copy in the database. A caseworker's read is
/// built from the tables and logged.
#[utoipa::path(get, path = "/me/plan", tag = "plan",
    responses((status = 200, body = PlanResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn plan(State(s): State<AppState>, read: ActingOnPlan) -> AppResult<Response> {
    let json = match read.actor {
        // A citizen's own read is not logged; it takes the quickest way there is.
        Actor::Citizen { citizen_id: id } => match read.ready_plan {
            Some(json) => {
                Source::Session.count();
                Bytes::from(json)
            }
            None => match s.plan_cache.get(&s.bus, id) {
                Some(json) => {
                    Source::Memory.count();
                    json
                }
                None => {
                    let stamp = s.bus.stamp(&id);
                    let (json, source) = ready::own_json(&s.db, id)
                        .await?
                        .ok_or(AppError::NotFound)?;
                    source.count();
                    s.plan_cache.put(id, stamp, json.clone());
                    json
                }
            },
        },
        actor @ Actor::Caseworker { .. } => {
            let mut reading = audit::read(&s, actor, AccessWhat::Plan).await?;
            let plan = store::load(&mut reading.conn(), actor.citizen_id()).await?;
            reading.done().await?;
            let plan = plan.ok_or(AppError::NotFound)?;
            Bytes::from(serde_json::to_vec(&plan).map_err(anyhow::Error::from)?)
        }
    };
    Ok(([(header::CONTENT_TYPE, "application/json")], json).into_response())
}

/// What happened to the plan, in plain words, newest first.
#[utoipa::path(get, path = "/me/plan/history", tag = "plan",
    responses((status = 200, body = HistoryResponse), (status = 404, body = shared::api::ApiError)))]
pub async fn history(
    State(s): State<AppState>,
    Acting(actor): Acting,
) -> AppResult<AppJson<HistoryResponse>> {
    let mut reading = audit::read(&s, actor, AccessWhat::Plan).await?;
    let entries = history::load(&mut reading.conn(), actor.citizen_id()).await?;
    reading.done().await?;
    Ok(AppJson(HistoryResponse { entries }))
}

/// Commits a change to a citizen's plan and announces it, so no instance serves an old copy from
/// memory (the database's ready copy went stale with the change itself: see `ready`).
/// The answer carries the plan's data, so a caseworker's change is logged as a read of it.
pub(super) async fn commit_change(s: &AppState, mut tx: Tx, actor: Actor) -> AppResult<()> {
    audit::record_for(&mut tx, actor, AccessWhat::Plan).await?;
    let citizen_id = actor.citizen_id();
    let change = Change::PlanChanged(citizen_id);
    s.bus.announce(&mut tx, &change).await?;
    tx.commit().await?;
    s.bus.committed(&change);
    Ok(())
}

// ---- goals ----

/// The citizen's own goal, in their own words.
#[utoipa::path(put, path = "/me/plan/own-goal", tag = "plan", request_body = OwnGoalRequest,
    responses((status = 200, body = PlanResponse), (status = 422, body = shared::api::ApiError)))]
pub async fn own_goal(
    State(s): State<AppState>,
    Acting(actor): Acting,
    AppJson(req): AppJson<OwnGoalRequest>,
) -> AppResult<AppJson<PlanResponse>> {
    let mut p = Problems::default();
    p.check("own_goal", optional_text(&req.own_goal, limits::OWN_GOAL));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    store::set_own_goal(&mut tx.conn(), actor, req.own_goal.trim()).await?;
    let plan = store::load(&mut tx.conn(), actor.citizen_id())
        .await?
        .ok_or(AppError::NotFound)?;
    commit_change(&s, tx, actor).await?;
    Ok(AppJson(plan))
}

/// The agreed goal and target group, which the caseworker records.
#[utoipa::path(put, path = "/citizens/{citizen}/plan/goals", tag = "plan", request_body = GoalsRequest,
    params(("citizen" = String, Path)), responses((status = 200, body = PlanResponse), (status = 422, body = shared::api::ApiError)))]
pub async fn goals(
    State(s): State<AppState>,
    Acting(actor): Acting,
    AppJson(req): AppJson<GoalsRequest>,
) -> AppResult<AppJson<PlanResponse>> {
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

/// Proposes a step: the citizen's own idea, or the caseworker's proposal. Either way it is
/// agreed only when both have said so.
#[utoipa::path(post, path = "/me/plan/steps", tag = "plan", request_body = StepRequest,
    responses((status = 201, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn new_step(
    State(s): State<AppState>,
    Acting(actor): Acting,
    AppJson(req): AppJson<StepRequest>,
) -> AppResult<(StatusCode, AppJson<PlanStep>)> {
    let mut tx = s.db.begin().await?;
    let types = catalogue::active_codes(&mut tx.conn(), Catalogue::StepType).await?;
    let types: Vec<&str> = types.iter().map(String::as_str).collect();
    AppError::check(check_step(&req.wording, &types))?;
    let id = store::add_step(&mut tx.conn(), actor, &req.wording).await?;
    let step = store::step(&mut tx.conn(), actor.citizen_id(), id)
        .await?
        .ok_or(AppError::NotFound)?;
    commit_change(&s, tx, actor).await?;
    Ok((StatusCode::CREATED, AppJson(step)))
}

/// Changes a step's wording, if `version` is still the step's version; an agreed step is then
/// agreed no more, until both have accepted the new version.
#[utoipa::path(put, path = "/me/plan/steps/{step}", tag = "plan", request_body = StepRequest,
    params(("step" = String, Path)),
    responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn edit_step(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(StepPath { step }): Path<StepPath>,
    AppJson(req): AppJson<StepRequest>,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(&step)?;
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
    finish(&s, tx, actor, step_id, outcome).await
}

/// "Det er vi enige om": accepts the step's current version.
#[utoipa::path(post, path = "/me/plan/steps/{step}/agree", tag = "plan", request_body = AgreeRequest,
    params(("step" = String, Path)),
    responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn agree(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(StepPath { step }): Path<StepPath>,
    AppJson(req): AppJson<AgreeRequest>,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(&step)?;
    let mut tx = s.db.begin().await?;
    let outcome = store::agree(&mut tx.conn(), actor, step_id, req.version).await?;
    finish(&s, tx, actor, step_id, outcome).await
}

/// Moves an agreed step on (planned, started, done) or stops any step.
#[utoipa::path(put, path = "/me/plan/steps/{step}/status", tag = "plan", request_body = StatusRequest,
    params(("step" = String, Path)),
    responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn status(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(StepPath { step }): Path<StepPath>,
    AppJson(req): AppJson<StatusRequest>,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(&step)?;
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
    finish(&s, tx, actor, step_id, outcome).await
}

/// A comment on a step.
#[utoipa::path(post, path = "/me/plan/steps/{step}/comments", tag = "plan", request_body = CommentRequest,
    params(("step" = String, Path)),
    responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn comment(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(StepPath { step }): Path<StepPath>,
    AppJson(req): AppJson<CommentRequest>,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(&step)?;
    let mut p = Problems::default();
    p.check("body", required_text(&req.body, limits::COMMENT));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    let outcome = store::comment(&mut tx.conn(), actor, step_id, &req.body).await?;
    finish(&s, tx, actor, step_id, outcome).await
}

/// "Det hjalp": what helped, on a step that is done.
#[utoipa::path(put, path = "/me/plan/steps/{step}/helped", tag = "plan", request_body = HelpedRequest,
    params(("step" = String, Path)),
    responses((status = 200, body = PlanStep), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn helped(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(StepPath { step }): Path<StepPath>,
    AppJson(req): AppJson<HelpedRequest>,
) -> AppResult<AppJson<PlanStep>> {
    let step_id = parse_id(&step)?;
    let mut p = Problems::default();
    p.check("text", required_text(&req.text, limits::HELPED));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    match store::helped(&mut tx.conn(), actor, step_id, &req.text).await? {
        Some(outcome) => finish(&s, tx, actor, step_id, outcome).await,
        None => Err(AppError::field("text", Problem::NotDone)),
    }
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
            Err(AppError::conflict_with(ConflictState::PlanStep(Box::new(
                step,
            ))))
        }
        Outcome::NotFound => Err(AppError::NotFound),
    }
}
