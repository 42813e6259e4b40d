//! "Hvem har set mine oplysninger": the citizen's view of the access log, and the download of
//! everything Sammen holds about them.

use serde::{Deserialize, Serialize};

use super::{Accommodations, Competence, ConsentState, HistoryEntry, Limitation, PlanResponse};

/// What a caseworker looked at.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessWhat {
    /// The citizen's name on their list of citizens.
    CaseloadList,
    Plan,
    /// Competences and accommodations.
    Profile,
    /// Competences, accommodations and limitations (with consent).
    ProfileAndLimitations,
    Document,
    /// The list of the citizen's conversations.
    Conversations,
    /// One conversation, opened.
    Conversation,
    /// A file sent with a message.
    Attachment,
    /// The citizen's meetings, one meeting or its calendar file.
    Meetings,
}

impl AccessWhat {
    pub const ALL: [AccessWhat; 9] = [
        AccessWhat::CaseloadList,
        AccessWhat::Plan,
        AccessWhat::Profile,
        AccessWhat::ProfileAndLimitations,
        AccessWhat::Document,
        AccessWhat::Conversations,
        AccessWhat::Conversation,
        AccessWhat::Attachment,
        AccessWhat::Meetings,
    ];

    pub fn code(self) -> &'static str {
        match self {
            AccessWhat::CaseloadList => "caseload_list",
            AccessWhat::Plan => "plan",
            AccessWhat::Profile => "profile",
            AccessWhat::ProfileAndLimitations => "profile_and_limitations",
            AccessWhat::Document => "document",
            AccessWhat::Conversations => "conversations",
            AccessWhat::Conversation => "conversation",
            AccessWhat::Attachment => "attachment",
            AccessWhat::Meetings => "meetings",
        }
    }

    pub fn from_code(code: &str) -> Option<AccessWhat> {
        AccessWhat::ALL.into_iter().find(|w| w.code() == code)
    }
}

/// Why they looked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessPurpose {
    /// The citizen's own caseworker, working on the case.
    Casework,
    /// The backup caseworker, stepping in.
    CaseworkAsBackup,
}

impl AccessPurpose {
    pub fn code(self) -> &'static str {
        match self {
            AccessPurpose::Casework => "casework",
            AccessPurpose::CaseworkAsBackup => "casework_as_backup",
        }
    }

    pub fn from_code(code: &str) -> Option<AccessPurpose> {
        [AccessPurpose::Casework, AccessPurpose::CaseworkAsBackup]
            .into_iter()
            .find(|p| p.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessEntry {
    pub at: String,
    pub caseworker_name: String,
    pub team: String,
    pub what: AccessWhat,
    pub purpose: AccessPurpose,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogResponse {
    /// Newest first.
    pub entries: Vec<AccessEntry>,
}

/// A document with its content, for the download of all data.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportedDocument {
    pub limitation_id: uuid::Uuid,
    pub meta: super::DocumentMeta,
    /// Where the file itself is inside the downloaded zip file, e.g. `dokumenter/….pdf`.
    pub file: String,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentEvent {
    pub at: String,
    pub given: bool,
}

/// "Download mine oplysninger": everything Sammen holds about the citizen. Downloaded as a zip
/// file holding this as `mine-oplysninger.json` and the documents as files of their own.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ExportResponse {
    pub exported_at: String,
    pub name: String,
    pub language: crate::Lang,
    pub caseworker: Option<super::CaseworkerContact>,
    pub backup_caseworker: Option<super::CaseworkerContact>,
    pub plan: PlanResponse,
    pub plan_history: Vec<HistoryEntry>,
    pub competences: Vec<Competence>,
    pub limitations: Vec<Limitation>,
    pub documents: Vec<ExportedDocument>,
    pub accommodations: Accommodations,
    pub consent: ConsentState,
    pub consent_history: Vec<ConsentEvent>,
    pub access_log: Vec<AccessEntry>,
}
