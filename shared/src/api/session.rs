use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::Lang;

/// The server records activity at most this often, so a session's idle time is exact to within
/// this many seconds; clients warn this much earlier to be safe.
pub const SESSION_TOUCH_SECONDS: u32 = 30;

/// Who is logged in, and what the client needs to keep the session well: the CSRF token for
/// state-changing requests and the idle timeout, so it can warn before the session ends.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SessionResponse {
    pub user: SessionUser,
    pub csrf_token: String,
    /// Seconds without activity before the session ends.
    pub idle_timeout_seconds: u32,
    /// How long before the end the client warns and offers "stay logged in".
    pub idle_warning_seconds: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum SessionUser {
    Citizen {
        id: Uuid,
        name: String,
    },
    Caseworker {
        id: Uuid,
        name: String,
        team: String,
    },
}

impl SessionUser {
    pub fn name(&self) -> &str {
        match self {
            SessionUser::Citizen { name, .. } | SessionUser::Caseworker { name, .. } => name,
        }
    }
}

/// Answer to logging out. The portal session has already ended; the browser then ends the
/// session at the provider by posting `end_session` (a form, so the ID token used as a hint
/// never lands in a URL), or goes straight to the "logged out" page if there is none.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LogoutResponse {
    pub end_session: Option<EndSessionForm>,
}

/// A form to post to the provider's end-session endpoint.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EndSessionForm {
    pub action: String,
    pub fields: Vec<FormField>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FormField {
    pub name: String,
    pub value: String,
}

/// The language a logged-in person has chosen; emails follow it too.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LanguageRequest {
    pub lang: Lang,
}
