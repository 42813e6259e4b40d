//! "Min plan" and the caseworker's view of it: each action at the citizen's or the caseworker's
//! address, by `Whose`.

use shared::api::{
    AgreeRequest, AnswerRequest, CataloguesResponse, CommentRequest, GoalsRequest, HelpedRequest,
    HistoryResponse, NewOptionRequest, OptionRequest, OwnGoalRequest, PlanResponse, PlanStep,
    StatusRequest, StepRequest, StepStatus,
};
use uuid::Uuid;

use super::{ApiFailure, Whose, get, send};

pub async fn load(whose: &Whose) -> Result<PlanResponse, ApiFailure> {
    get(&whose.path("/plan")).await
}

pub async fn history(whose: &Whose) -> Result<HistoryResponse, ApiFailure> {
    get(&whose.path("/plan/history")).await
}

/// The municipality's lists (target groups, step types, options).
pub async fn catalogues() -> Result<CataloguesResponse, ApiFailure> {
    get("/catalogues").await
}

/// The citizen's own goal.
pub async fn own_goal(request: &OwnGoalRequest) -> Result<PlanResponse, ApiFailure> {
    send("PUT", "/me/plan/own-goal", request).await
}

/// The agreed goal and target group (the caseworker's).
pub async fn goals(whose: &Whose, request: &GoalsRequest) -> Result<PlanResponse, ApiFailure> {
    send("PUT", &whose.path("/plan/goals"), request).await
}

pub async fn new_step(whose: &Whose, request: &StepRequest) -> Result<PlanStep, ApiFailure> {
    send("POST", &whose.path("/plan/steps"), request).await
}

fn step_path(whose: &Whose, step: Uuid, rest: &str) -> String {
    whose.path(&format!("/plan/steps/{step}{rest}"))
}

pub async fn edit_step(
    whose: &Whose,
    step: Uuid,
    request: &StepRequest,
) -> Result<PlanStep, ApiFailure> {
    send("PUT", &step_path(whose, step, ""), request).await
}

/// "Det er vi enige om" to the step's `version`.
pub async fn agree(whose: &Whose, step: Uuid, version: i64) -> Result<PlanStep, ApiFailure> {
    send(
        "POST",
        &step_path(whose, step, "/agree"),
        &AgreeRequest { version },
    )
    .await
}

pub async fn status(whose: &Whose, step: Uuid, status: StepStatus) -> Result<PlanStep, ApiFailure> {
    send(
        "PUT",
        &step_path(whose, step, "/status"),
        &StatusRequest { status },
    )
    .await
}

pub async fn comment(whose: &Whose, step: Uuid, body: String) -> Result<PlanStep, ApiFailure> {
    send(
        "POST",
        &step_path(whose, step, "/comments"),
        &CommentRequest { body },
    )
    .await
}

/// "Det hjalp".
pub async fn helped(whose: &Whose, step: Uuid, text: String) -> Result<PlanStep, ApiFailure> {
    send(
        "PUT",
        &step_path(whose, step, "/helped"),
        &HelpedRequest { text },
    )
    .await
}

/// "Jeg vil gerne høre om…" (the citizen's).
pub async fn ask(request: &NewOptionRequest) -> Result<OptionRequest, ApiFailure> {
    send("POST", "/me/plan/requests", request).await
}

/// The caseworker's reasoned answer to a request.
pub async fn answer(
    whose: &Whose,
    request: Uuid,
    answer: String,
) -> Result<OptionRequest, ApiFailure> {
    let path = whose.path(&format!("/plan/requests/{request}/answer"));
    send("POST", &path, &AnswerRequest { answer }).await
}
