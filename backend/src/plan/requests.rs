//! "Jeg vil gerne høre om…": the citizen asks to hear about an option (rehabilitation,
//! retraining, a mentor…), and the caseworker answers with reasons. Both are part of the plan.

use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use shared::api::{
    AccessWhat, AnswerRequest, Catalogue, ConflictState, NewOptionRequest, OptionRequest,
};
use shared::validation::{Problem, Problems, limits, optional_text, required_text};

use super::commit_change;
use super::store::{self, Outcome};
use crate::access::{Acting, parse_id};
use crate::error::{AppError, AppJson, AppResult};
use crate::state::AppState;
use crate::{audit, catalogue};

/// The `{request}` of a request's address.
#[derive(Deserialize)]
pub struct RequestPath {
    request: String,
}

/// The citizen asks to hear about an option; it waits, with its date, until answered.
#[utoipa::path(post, path = "/me/plan/requests", tag = "plan", request_body = NewOptionRequest,
    responses((status = 201, body = OptionRequest), (status = 422, body = shared::api::ApiError)))]
pub async fn ask(
    State(s): State<AppState>,
    Acting(actor): Acting,
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
    let request = store::ask(&mut tx.conn(), actor, &req.option, &req.message).await?;
    commit_change(&s, tx, actor).await?;
    Ok((StatusCode::CREATED, AppJson(request)))
}

/// The caseworker's reasoned answer to "Jeg vil gerne høre om…". A request answered meanwhile
/// is refused with the answer it already has.
#[utoipa::path(post, path = "/citizens/{citizen}/plan/requests/{request}/answer", tag = "plan",
    request_body = AnswerRequest, params(("citizen" = String, Path), ("request" = String, Path)),
    responses((status = 200, body = OptionRequest), (status = 404, body = shared::api::ApiError), (status = 409, body = shared::api::ApiError), (status = 422, body = shared::api::ApiError)))]
pub async fn answer(
    State(s): State<AppState>,
    Acting(actor): Acting,
    Path(RequestPath { request }): Path<RequestPath>,
    AppJson(req): AppJson<AnswerRequest>,
) -> AppResult<AppJson<OptionRequest>> {
    let request_id = parse_id(&request)?;
    let mut p = Problems::default();
    p.check("answer", required_text(&req.answer, limits::ANSWER));
    AppError::check(p)?;
    let mut tx = s.db.begin().await?;
    let outcome = store::answer(&mut tx.conn(), actor, request_id, &req.answer).await?;
    let Some(now) = store::request(&mut tx.conn(), actor.citizen_id(), request_id).await? else {
        return Err(AppError::NotFound);
    };
    match outcome {
        Outcome::Done => {
            commit_change(&s, tx, actor).await?;
            Ok(AppJson(now))
        }
        Outcome::Conflict => {
            audit::record_for(&mut tx, actor, AccessWhat::Plan).await?;
            tx.commit().await?;
            Err(AppError::conflict_with(ConflictState::PlanRequest(
                Box::new(now),
            )))
        }
        Outcome::NotFound => Err(AppError::NotFound),
    }
}
