use serde::{Deserialize, Serialize};

/// The one error shape of the API: `{ "error": { "code": "...", "message": "..." } }`.
/// `message` is already in the caller's language; clients may also translate `code` themselves.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiError {
    pub error: ApiErrorBody,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ApiErrorBody {
    pub code: ErrorCode,
    pub message: String,
    /// Field-level problems of a rejected form, in the order the form shows its fields.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldError>,
    /// With `conflict`: the thing as it is now, to show next to what the person tried to save.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<ConflictState>,
}

/// What a refused change ran into, as it is now: `{ "kind": "plan_step", "now": { … } }`. Every
/// feature whose changes can meet another person's adds its kind here.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", content = "now", rename_all = "snake_case")]
pub enum ConflictState {
    /// A plan step changed by someone else since it was loaded.
    PlanStep(Box<super::PlanStep>),
    /// A "Jeg vil gerne høre om…" request answered meanwhile.
    PlanRequest(Box<super::OptionRequest>),
    /// "Tiden er lige blevet taget": the nearest free times instead.
    SlotTaken(Vec<super::NearbyTime>),
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldError {
    /// The JSON field name the problem is about.
    pub field: String,
    pub message: String,
}

/// Every error code a client can receive. Clients translate these; never show raw text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ErrorCode {
    /// Not logged in, or the session has ended.
    Unauthenticated,
    /// Logged in, but this is not for you. Also used where "not found" would leak existence.
    Forbidden,
    NotFound,
    /// The request body is not valid JSON or has the wrong shape.
    BadRequest,
    /// One or more fields are invalid; see `fields`.
    Validation,
    /// The thing was changed by someone else meanwhile.
    Conflict,
    /// The request lacked the session's CSRF token or came from another site.
    CsrfFailed,
    PayloadTooLarge,
    UnsupportedMediaType,
    RateLimited,
    /// Something went wrong on our side; nothing was changed.
    Internal,
    /// The database or another part we depend on is not reachable right now.
    Unavailable,
}
