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
    pub plan: PlanSummary,
    /// The next meeting not cancelled: date, time, format and where.
    #[serde(default)]
    pub next_meeting: Option<super::MeetingView>,
}

/// The plan in a few numbers, for the overview.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanSummary {
    pub own_goal: String,
    pub steps: u32,
    pub done: u32,
    /// Steps whose current wording the citizen has not yet agreed to.
    pub awaiting_your_agreement: u32,
    /// "Jeg vil gerne høre om…" requests not yet answered.
    pub requests_waiting: u32,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CaseworkerContact {
    pub name: String,
    pub team: String,
}
