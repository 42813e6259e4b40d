//! "Min plan": a plan made together. Steps are proposed by either side and agreed by both;
//! every change is kept in the plan's history.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// Where a step stands. A new step is `Proposed`; once both sides agree to it, it becomes
/// `Planned`; after that either side moves it on.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum StepStatus {
    Proposed,
    Planned,
    InProgress,
    Done,
    Stopped,
}

impl StepStatus {
    pub const ALL: [StepStatus; 5] = [
        StepStatus::Proposed,
        StepStatus::Planned,
        StepStatus::InProgress,
        StepStatus::Done,
        StepStatus::Stopped,
    ];

    pub fn code(self) -> &'static str {
        match self {
            StepStatus::Proposed => "proposed",
            StepStatus::Planned => "planned",
            StepStatus::InProgress => "in_progress",
            StepStatus::Done => "done",
            StepStatus::Stopped => "stopped",
        }
    }

    pub fn from_code(code: &str) -> Option<StepStatus> {
        StepStatus::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Who does a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Responsible {
    /// The citizen ("mig").
    Citizen,
    Jobcentre,
    /// Someone else: a school, an employer, a doctor.
    Other,
}

impl Responsible {
    pub const ALL: [Responsible; 3] = [
        Responsible::Citizen,
        Responsible::Jobcentre,
        Responsible::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Responsible::Citizen => "citizen",
            Responsible::Jobcentre => "jobcentre",
            Responsible::Other => "other",
        }
    }

    pub fn from_code(code: &str) -> Option<Responsible> {
        Responsible::ALL.into_iter().find(|s| s.code() == code)
    }
}

/// Who did something: the citizen, a caseworker, or Sammen itself.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Party {
    Citizen,
    Caseworker,
    System,
}

impl Party {
    pub fn code(self) -> &'static str {
        match self {
            Party::Citizen => "citizen",
            Party::Caseworker => "caseworker",
            Party::System => "system",
        }
    }

    pub fn from_code(code: &str) -> Option<Party> {
        [Party::Citizen, Party::Caseworker, Party::System]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

/// The words of a step: what both sides agree to. Changing any of them needs new agreement.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepWording {
    /// At most `limits::STEP_TITLE` characters.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 120))]
    pub title: String,
    /// At most `limits::STEP_DESCRIPTION` characters.
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub description: String,
    /// A code from the step-type catalogue.
    pub step_type: String,
    /// `YYYY-MM-DD`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub starts_on: Option<String>,
    /// `YYYY-MM-DD`, not before `starts_on`.
    #[cfg_attr(feature = "openapi", schema(format = Date))]
    pub ends_on: Option<String>,
    pub responsible: Responsible,
}

/// A step as both sides see it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanStep {
    pub id: Uuid,
    pub wording: StepWording,
    pub status: StepStatus,
    pub proposed_by: Party,
    /// Goes up with every change of the wording; saving and agreeing name the version seen.
    pub version: i64,
    /// The citizen has said "Det er vi enige om" to the current wording.
    pub citizen_agreed: bool,
    pub caseworker_agreed: bool,
    /// Both have agreed to the current wording.
    pub agreed: bool,
    /// When the step was agreed before and changed since: the wording as it was agreed, so
    /// people can see what changed.
    pub previously_agreed: Option<StepWording>,
    pub comments: Vec<StepComment>,
    /// "Det hjalp": what helped, in the citizen's words (only for done steps).
    pub helped_citizen: Option<String>,
    /// "Det hjalp", in the caseworker's words.
    pub helped_caseworker: Option<String>,
    /// RFC 3339, UTC.
    pub created_at: String,
    pub updated_at: String,
}

impl PlanStep {
    /// Done, and both sides wrote what helped: a result reached together ("Det har vi nået
    /// sammen").
    pub fn achieved(&self) -> bool {
        let written = |note: &Option<String>| note.as_deref().is_some_and(|n| !n.trim().is_empty());
        self.status == StepStatus::Done
            && written(&self.helped_citizen)
            && written(&self.helped_caseworker)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct StepComment {
    pub id: Uuid,
    pub author: Party,
    pub author_name: String,
    pub body: String,
    pub at: String,
}

/// "Jeg vil gerne høre om…": an option the citizen asks about, and the caseworker's reasoned answer.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OptionRequest {
    pub id: Uuid,
    /// A code from the options catalogue.
    pub option: String,
    pub message: String,
    pub asked_at: String,
    pub answer: Option<RequestAnswer>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestAnswer {
    pub text: String,
    pub answered_at: String,
    pub caseworker_name: String,
}

/// The whole plan.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanResponse {
    pub citizen_id: Uuid,
    pub citizen_name: String,
    /// "Mit mål": the citizen's own goal, in their own words.
    pub own_goal: String,
    /// The job or education goal agreed with the caseworker.
    pub agreed_goal: String,
    /// A code from the target-group catalogue.
    pub target_group: Option<String>,
    pub steps: Vec<PlanStep>,
    pub requests: Vec<OptionRequest>,
}

/// The citizen changes "Mit mål".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OwnGoalRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub own_goal: String,
}

/// The caseworker changes the agreed goal and the target group.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GoalsRequest {
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub agreed_goal: String,
    pub target_group: Option<String>,
}

/// A new step (from either side), or a changed one (`version` is the version that was edited).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StepRequest {
    pub wording: StepWording,
    /// Required when changing a step: the version the change was made to.
    #[serde(default)]
    pub version: Option<i64>,
}

/// "Det er vi enige om" to the wording of `version`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AgreeRequest {
    pub version: i64,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct StatusRequest {
    pub status: StepStatus,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub body: String,
}

/// "Det hjalp" for a done step.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HelpedRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub text: String,
}

/// "Jeg vil gerne høre om…".
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewOptionRequest {
    pub option: String,
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub message: String,
}

/// The caseworker's reasoned answer to a request.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AnswerRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 2000))]
    pub answer: String,
}

/// What happened in the plan, for its history.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum HistoryEvent {
    OwnGoalChanged,
    GoalsChanged,
    StepProposed,
    StepChanged,
    StepAgreed,
    StepBecameAgreed,
    StepStatusChanged,
    StepCommented,
    StepHelpedNoted,
    RequestAsked,
    RequestAnswered,
}

impl HistoryEvent {
    pub const ALL: [HistoryEvent; 11] = [
        HistoryEvent::OwnGoalChanged,
        HistoryEvent::GoalsChanged,
        HistoryEvent::StepProposed,
        HistoryEvent::StepChanged,
        HistoryEvent::StepAgreed,
        HistoryEvent::StepBecameAgreed,
        HistoryEvent::StepStatusChanged,
        HistoryEvent::StepCommented,
        HistoryEvent::StepHelpedNoted,
        HistoryEvent::RequestAsked,
        HistoryEvent::RequestAnswered,
    ];

    pub fn code(self) -> &'static str {
        match self {
            HistoryEvent::OwnGoalChanged => "own_goal_changed",
            HistoryEvent::GoalsChanged => "goals_changed",
            HistoryEvent::StepProposed => "step_proposed",
            HistoryEvent::StepChanged => "step_changed",
            HistoryEvent::StepAgreed => "step_agreed",
            HistoryEvent::StepBecameAgreed => "step_became_agreed",
            HistoryEvent::StepStatusChanged => "step_status_changed",
            HistoryEvent::StepCommented => "step_commented",
            HistoryEvent::StepHelpedNoted => "step_helped_noted",
            HistoryEvent::RequestAsked => "request_asked",
            HistoryEvent::RequestAnswered => "request_answered",
        }
    }

    pub fn from_code(code: &str) -> Option<HistoryEvent> {
        HistoryEvent::ALL.into_iter().find(|e| e.code() == code)
    }
}

/// One line of the plan's history: who did what, when, and what changed.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryEntry {
    pub at: String,
    pub actor: Party,
    /// The caseworker's or citizen's name; `None` for Sammen itself.
    pub actor_name: Option<String>,
    pub event: HistoryEvent,
    /// The step's title at the time, for step events.
    pub step_title: Option<String>,
    pub changes: Vec<FieldChange>,
}

/// A field that changed: its JSON name and the values before and after (as shown to people;
/// catalogue codes and statuses as codes).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    pub before: String,
    pub after: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HistoryResponse {
    pub entries: Vec<HistoryEntry>,
}
