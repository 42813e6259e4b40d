use serde::{Deserialize, Serialize};

/// "Mit overblik": the citizen's start page after login.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OverviewResponse {
    pub name: String,
    /// The caseworker the citizen talks to. `None` only between a caseworker leaving and a new
    /// one being assigned; the page then says who to contact.
    pub primary_caseworker: Option<CaseworkerContact>,
    /// Who steps in when the primary caseworker is away.
    pub backup_caseworker: Option<CaseworkerContact>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseworkerContact {
    pub name: String,
    pub team: String,
}
