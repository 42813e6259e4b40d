//! The OpenAPI document at `/api/v1/openapi.json`: the API's title and shared error schemas
//! here, every path from the routes themselves (`api_routes`).

use utoipa::OpenApi;

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Sammen API",
        description = "The JSON API of Sammen, the jobcentre's self-service portal."
    ),
    components(schemas(shared::api::ApiError, shared::api::ErrorCode))
)]
struct ApiDoc;

/// The document for routes served under `prefix`: their paths, prefixed, beside the API's
/// title and error schemas.
pub fn document(routes: utoipa::openapi::OpenApi, prefix: &str) -> utoipa::openapi::OpenApi {
    let mut doc = ApiDoc::openapi();
    let mut routes = routes;
    routes.paths.paths = std::mem::take(&mut routes.paths.paths)
        .into_iter()
        .map(|(path, item)| (format!("{prefix}{path}"), item))
        .collect();
    doc.merge(routes);
    doc
}
