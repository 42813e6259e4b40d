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
    ),
    components(schemas(shared::api::ApiError, shared::api::ErrorCode))
)]
pub struct ApiDoc;

pub async fn document() -> Json<utoipa::openapi::OpenApi> {
    Json(ApiDoc::openapi())
}
