use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// "Mine borgere": the citizens a caseworker is responsible for.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseloadResponse {
    pub citizens: Vec<CaseloadEntry>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseloadEntry {
    pub id: Uuid,
    pub name: String,
    pub role: CaseloadRole,
}

/// Whether the caseworker is the citizen's own caseworker or the one who steps in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CaseloadRole {
    Primary,
    Backup,
}
