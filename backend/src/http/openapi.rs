//! The OpenAPI document at `/api/v1/openapi.json`, generated from the handlers and `shared` types.

use axum::Json;
use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sammen API",
        description = "The JSON API of Sammen, the jobcentre's self-service portal."
    ),
    paths(
        crate::auth::routes::current,
        crate::auth::routes::logout,
        crate::auth::routes::keep_alive,
        crate::auth::routes::set_language,
        crate::overview::overview,
        crate::caseload::caseload,
        crate::catalogue::catalogues,
        crate::plan::my_plan,
        crate::plan::my_history,
        crate::plan::my_own_goal,
        crate::plan::my_new_step,
        crate::plan::my_edit_step,
        crate::plan::my_agree,
        crate::plan::my_status,
        crate::plan::my_comment,
        crate::plan::my_helped,
        crate::plan::my_request,
        crate::plan::their_plan,
        crate::plan::their_history,
        crate::plan::their_goals,
        crate::plan::their_new_step,
        crate::plan::their_edit_step,
        crate::plan::their_agree,
        crate::plan::their_status,
        crate::plan::their_comment,
        crate::plan::their_helped,
        crate::plan::their_answer,
        crate::profile::my_profile,
        crate::profile::their_profile,
        crate::profile::add_competence,
        crate::profile::update_competence,
        crate::profile::delete_competence,
        crate::profile::add_limitation,
        crate::profile::update_limitation,
        crate::profile::delete_limitation,
        crate::profile::upload_document,
        crate::profile::my_document,
        crate::profile::delete_document,
        crate::profile::their_document,
        crate::profile::set_accommodations,
        crate::profile::set_consent,
        crate::audit::routes::access_log,
        crate::my_data::export,
    ),
    components(schemas(shared::api::ApiError, shared::api::ErrorCode))
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
