//! The JSON API's routes and its OpenAPI document come from one list: a feature adds a handler
//! with its `#[utoipa::path]` and the route and its documentation appear together. There is
//! no way to add an undocumented route here, and `openapi.json` is built from these routes.

use utoipa::openapi::path::{Parameter, ParameterBuilder, ParameterIn, Paths};
use utoipa::openapi::{OpenApi, Required};
use utoipa_axum::router::{OpenApiRouter, UtoipaMethodRouter};

use crate::access::CITIZEN_PARAM;
use crate::state::AppState;

/// The citizen's own addresses start with this; a caseworker's twin replaces it.
const CITIZEN_SIDE: &str = "/me/";
const CASEWORKER_SIDE: &str = "/citizens/{citizen}/";

/// Routes of the JSON API, each one documented.
#[derive(Default)]
pub struct ApiRoutes(OpenApiRouter<AppState>);

impl ApiRoutes {
    pub fn new() -> Self {
        Self::default()
    }

    /// Handlers of one address (`routes!(get_x, put_x)`), served where their documentation says.
    ///
    /// # Panics
    /// At start-up, if the handlers name different addresses: `utoipa_axum` would serve each
    /// handler at all of them.
    pub fn one_sided(self, routes: UtoipaMethodRouter<AppState>) -> Self {
        one_address(&routes.1);
        Self(self.0.routes(routes))
    }

    /// Handlers of a two-sided feature (they take `access::Acting`), documented at the
    /// citizen's address `/me/…`: each is also served to caseworkers at `/citizens/{citizen}/…`,
    /// documented there with the `citizen` parameter.
    ///
    /// # Panics
    /// At start-up, if a handler's path does not start with `/me/` (a programming error).
    pub fn both_sides(self, (schemas, paths, method_router): UtoipaMethodRouter<AppState>) -> Self {
        one_address(&paths);
        let mut twins = Paths::new();
        for (path, item) in &paths.paths {
            let rest = path.strip_prefix(CITIZEN_SIDE).unwrap_or_else(|| {
                panic!("a two-sided handler must be documented at /me/…, not {path}")
            });
            let mut twin = item.clone();
            for operation in operations_mut(&mut twin) {
                if let Some(id) = &operation.operation_id {
                    operation.operation_id = Some(format!("{id}_for_caseworker"));
                }
                let params = operation.parameters.get_or_insert_with(Vec::new);
                params.insert(0, citizen_parameter());
            }
            twins.paths.insert(format!("{CASEWORKER_SIDE}{rest}"), twin);
        }
        let citizen = (schemas.clone(), paths, method_router.clone());
        let caseworker = (schemas, twins, method_router);
        Self(self.0.routes(citizen).routes(caseworker))
    }

    pub fn merge(self, other: ApiRoutes) -> Self {
        Self(self.0.merge(other.0))
    }

    /// The axum router and the OpenAPI document of the same routes.
    pub fn split(self) -> (axum::Router<AppState>, OpenApi) {
        self.0.split_for_parts()
    }
}

fn one_address(paths: &Paths) {
    assert_eq!(
        paths.paths.len(),
        1,
        "one routes!(…) per address: {:?}",
        paths.paths.keys().collect::<Vec<_>>()
    );
}

fn citizen_parameter() -> Parameter {
    ParameterBuilder::new()
        .name(CITIZEN_PARAM)
        .parameter_in(ParameterIn::Path)
        .required(Required::True)
        .description(Some(
            "The citizen's id (a caseworker acting on a citizen in their caseload)",
        ))
        .schema(Some(
            utoipa::openapi::ObjectBuilder::new().schema_type(utoipa::openapi::Type::String),
        ))
        .build()
}

fn operations_mut(
    item: &mut utoipa::openapi::PathItem,
) -> impl Iterator<Item = &mut utoipa::openapi::path::Operation> {
    [
        item.get.as_mut(),
        item.put.as_mut(),
        item.post.as_mut(),
        item.delete.as_mut(),
        item.patch.as_mut(),
    ]
    .into_iter()
    .flatten()
}
