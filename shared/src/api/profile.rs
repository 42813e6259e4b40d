//! "Min profil": "Det kan jeg" (competences), "Det er svært" (limitations), "Det hjælper mig"
//! (accommodations), and the consent that decides whether caseworkers see limitations.

use serde::{Deserialize, Serialize};
use uuid::Uuid;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum EducationLevel {
    PrimarySchool,
    UpperSecondary,
    Vocational,
    ShortHigher,
    Bachelor,
    Master,
    Phd,
    Other,
}

impl EducationLevel {
    pub const ALL: [EducationLevel; 8] = [
        EducationLevel::PrimarySchool,
        EducationLevel::UpperSecondary,
        EducationLevel::Vocational,
        EducationLevel::ShortHigher,
        EducationLevel::Bachelor,
        EducationLevel::Master,
        EducationLevel::Phd,
        EducationLevel::Other,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LanguageLevel {
    Basic,
    Good,
    Fluent,
    Native,
}

impl LanguageLevel {
    pub const ALL: [LanguageLevel; 4] = [
        LanguageLevel::Basic,
        LanguageLevel::Good,
        LanguageLevel::Fluent,
        LanguageLevel::Native,
    ];
}

/// One thing the citizen can: the kind decides which fields there are.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "kind", rename_all = "snake_case", deny_unknown_fields)]
pub enum CompetenceData {
    Education {
        level: EducationLevel,
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        field: String,
        year: Option<i32>,
    },
    WorkExperience {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        role: String,
        #[cfg_attr(feature = "openapi", schema(max_length = 200))]
        workplace: String,
        from_year: Option<i32>,
        to_year: Option<i32>,
    },
    Skill {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        name: String,
    },
    Language {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        language: String,
        level: LanguageLevel,
    },
    DrivingLicence {
        category: String,
    },
    Certificate {
        #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 200))]
        name: String,
        year: Option<i32>,
    },
}

impl CompetenceData {
    pub fn kind(&self) -> CompetenceKind {
        match self {
            CompetenceData::Education { .. } => CompetenceKind::Education,
            CompetenceData::WorkExperience { .. } => CompetenceKind::WorkExperience,
            CompetenceData::Skill { .. } => CompetenceKind::Skill,
            CompetenceData::Language { .. } => CompetenceKind::Language,
            CompetenceData::DrivingLicence { .. } => CompetenceKind::DrivingLicence,
            CompetenceData::Certificate { .. } => CompetenceKind::Certificate,
        }
    }
}

/// The six kinds of "Det kan jeg", in the order the profile lists them. The code is the
/// `kind` of `CompetenceData` in JSON and in the database.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum CompetenceKind {
    Education,
    WorkExperience,
    Skill,
    Language,
    DrivingLicence,
    Certificate,
}

impl CompetenceKind {
    pub const ALL: [CompetenceKind; 6] = [
        CompetenceKind::Education,
        CompetenceKind::WorkExperience,
        CompetenceKind::Skill,
        CompetenceKind::Language,
        CompetenceKind::DrivingLicence,
        CompetenceKind::Certificate,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CompetenceKind::Education => "education",
            CompetenceKind::WorkExperience => "work_experience",
            CompetenceKind::Skill => "skill",
            CompetenceKind::Language => "language",
            CompetenceKind::DrivingLicence => "driving_licence",
            CompetenceKind::Certificate => "certificate",
        }
    }

    pub fn from_code(code: &str) -> Option<CompetenceKind> {
        CompetenceKind::ALL.into_iter().find(|k| k.code() == code)
    }
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Competence {
    pub id: Uuid,
    pub data: CompetenceData,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LimitationCategory {
    Physical,
    Cognitive,
    Psychological,
    Other,
}

impl LimitationCategory {
    pub const ALL: [LimitationCategory; 4] = [
        LimitationCategory::Physical,
        LimitationCategory::Cognitive,
        LimitationCategory::Psychological,
        LimitationCategory::Other,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ProfessionalKind {
    Doctor,
    Psychologist,
    Physiotherapist,
    Other,
}

impl ProfessionalKind {
    pub const ALL: [ProfessionalKind; 4] = [
        ProfessionalKind::Doctor,
        ProfessionalKind::Psychologist,
        ProfessionalKind::Physiotherapist,
        ProfessionalKind::Other,
    ];
}

/// A professional has described the limitation: who and when.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ProfessionalAssessment {
    pub kind: ProfessionalKind,
    /// `YYYY-MM-DD`, not in the future.
    pub date: String,
}

/// What the citizen writes about something that is hard.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LimitationInput {
    pub category: LimitationCategory,
    /// In the citizen's own words.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 1000))]
    pub description: String,
    /// What it means for work.
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub work_impact: String,
    /// What it means for meetings with the jobcentre.
    #[cfg_attr(feature = "openapi", schema(max_length = 1000))]
    pub meeting_impact: String,
    pub professional: Option<ProfessionalAssessment>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Limitation {
    pub id: Uuid,
    pub input: LimitationInput,
    pub documents: Vec<DocumentMeta>,
}

/// Documentation attached to a limitation (PDF, JPEG or PNG).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentMeta {
    pub id: Uuid,
    pub file_name: String,
    /// `application/pdf`, `image/jpeg` or `image/png`, from the file's content.
    pub content_type: String,
    pub size: i64,
    pub uploaded_at: String,
}

/// What the caseworker sees of the limitations: all of them with consent, otherwise only
/// whether there is something they cannot see.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "visibility", rename_all = "snake_case")]
pub enum LimitationsView {
    Visible { items: Vec<Limitation> },
    Hidden { exists: bool },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum MeetingChannel {
    InPerson,
    Phone,
    Video,
}

impl MeetingChannel {
    pub const ALL: [MeetingChannel; 3] = [
        MeetingChannel::InPerson,
        MeetingChannel::Phone,
        MeetingChannel::Video,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    Any,
    Morning,
    Midday,
    Afternoon,
}

impl TimeOfDay {
    pub const ALL: [TimeOfDay; 4] = [
        TimeOfDay::Any,
        TimeOfDay::Morning,
        TimeOfDay::Midday,
        TimeOfDay::Afternoon,
    ];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderChannel {
    Email,
    Sms,
}

impl ReminderChannel {
    pub const ALL: [ReminderChannel; 2] = [ReminderChannel::Email, ReminderChannel::Sms];
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ReminderTiming {
    None,
    DayBefore,
    SameMorning,
    Both,
}

impl ReminderTiming {
    pub const ALL: [ReminderTiming; 4] = [
        ReminderTiming::None,
        ReminderTiming::DayBefore,
        ReminderTiming::SameMorning,
        ReminderTiming::Both,
    ];
}

/// "Det hjælper mig": structured, so meetings, messages and reminders can act on it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Accommodations {
    /// Ways of meeting that work; empty means no preference.
    pub meeting_channels: Vec<MeetingChannel>,
    pub time_of_day: TimeOfDay,
    pub longer_meetings: bool,
    /// A companion (bisidder) present at meetings.
    pub companion: bool,
    /// The language an interpreter should speak; `None` means no interpreter.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 50))]
    pub interpreter_language: Option<String>,
    pub written_summary: bool,
    pub easy_read: bool,
    pub step_free_access: bool,
    pub reminder_channels: Vec<ReminderChannel>,
    pub reminder_timing: ReminderTiming,
}

impl Default for Accommodations {
    fn default() -> Self {
        Accommodations {
            meeting_channels: Vec::new(),
            time_of_day: TimeOfDay::Any,
            longer_meetings: false,
            companion: false,
            interpreter_language: None,
            written_summary: false,
            easy_read: false,
            step_free_access: false,
            reminder_channels: vec![ReminderChannel::Email],
            reminder_timing: ReminderTiming::DayBefore,
        }
    }
}

/// Whether caseworkers may see the limitations and their documents.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ConsentState {
    pub given: bool,
    /// When it was last given or withdrawn.
    pub changed_at: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ConsentRequest {
    pub given: bool,
}

/// The whole profile. For a caseworker without consent, `limitations` is `Hidden`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfileResponse {
    pub citizen_id: Uuid,
    pub citizen_name: String,
    pub competences: Vec<Competence>,
    pub limitations: LimitationsView,
    pub accommodations: Accommodations,
    pub consent: ConsentState,
}
