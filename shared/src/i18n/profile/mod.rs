//! Texts of "Min profil", consent, "Hvem har set mine oplysninger", the download of one's data,
//! and the caseworker's view of a profile.

mod da;
mod en;
pub mod words;

pub(super) use da::DA;
pub(super) use en::EN;

use crate::api::{
    AccessPurpose, AccessWhat, CompetenceKind, EducationLevel, LanguageLevel, LimitationCategory,
    MeetingChannel, ProfessionalKind, ReminderChannel, ReminderTiming, TimeOfDay,
};

/// One field per text; `da.rs` and `en.rs` must both fill every field.
/// Texts with `{}` are filled with `fill` (twice for two values, in order).
#[derive(Debug)]
pub struct ProfileTexts {
    pub title_for_caseworker_tab: &'static str,
    pub title: &'static str,
    pub access_log_title: &'static str,

    // Min profil.
    pub intro: &'static str,
    pub confirm_delete_yes: &'static str,
    pub deleted: &'static str,

    // "Det kan jeg": competences.
    pub competences_heading: &'static str,
    pub competences_intro: &'static str,
    pub competences_empty: &'static str,
    pub competence_add_button: &'static str,
    pub competence_add_heading: &'static str,
    /// `{}` is the kind ("Uddannelse").
    pub competence_edit_heading: &'static str,
    pub competence_kind_legend: &'static str,
    /// `{}` is what is about to be deleted.
    pub competence_delete_question: &'static str,
    pub competence_saved: &'static str,
    pub kind_education: &'static str,
    pub kind_work_experience: &'static str,
    pub kind_skill: &'static str,
    pub kind_language: &'static str,
    pub kind_driving_licence: &'static str,
    pub kind_certificate: &'static str,
    pub group_education: &'static str,
    pub group_work_experience: &'static str,
    pub group_skill: &'static str,
    pub group_language: &'static str,
    pub group_driving_licence: &'static str,
    pub group_certificate: &'static str,
    pub education_level_label: &'static str,
    pub education_field_label: &'static str,
    pub education_field_hint: &'static str,
    pub education_year_label: &'static str,
    pub education_year_hint: &'static str,
    pub level_primary_school: &'static str,
    pub level_upper_secondary: &'static str,
    pub level_vocational: &'static str,
    pub level_short_higher: &'static str,
    pub level_bachelor: &'static str,
    pub level_master: &'static str,
    pub level_phd: &'static str,
    pub level_other: &'static str,
    pub work_role_label: &'static str,
    pub work_role_hint: &'static str,
    pub work_workplace_label: &'static str,
    pub work_from_year_label: &'static str,
    pub work_to_year_label: &'static str,
    pub work_to_year_hint: &'static str,
    /// `{}` is a year.
    pub since_year: &'static str,
    /// `{}` is a year.
    pub until_year: &'static str,
    pub skill_name_label: &'static str,
    pub skill_name_hint: &'static str,
    pub language_label: &'static str,
    pub language_hint: &'static str,
    pub language_level_legend: &'static str,
    pub language_basic: &'static str,
    pub language_good: &'static str,
    pub language_fluent: &'static str,
    pub language_native: &'static str,
    pub driving_category_label: &'static str,
    pub driving_category_hint: &'static str,
    /// `{}` is the category ("B").
    pub driving_category_value: &'static str,
    pub certificate_name_label: &'static str,
    pub certificate_name_hint: &'static str,
    pub certificate_year_label: &'static str,
    pub year_hint: &'static str,

    // "Det er svært": limitations.
    pub limitations_heading: &'static str,
    pub limitations_intro: &'static str,
    pub limitations_empty: &'static str,
    pub limitation_add_button: &'static str,
    pub limitation_add_heading: &'static str,
    pub limitation_edit_heading: &'static str,
    pub limitation_delete_question: &'static str,
    pub limitation_saved: &'static str,
    pub category_legend: &'static str,
    pub category_physical: &'static str,
    pub category_cognitive: &'static str,
    pub category_psychological: &'static str,
    pub category_other: &'static str,
    pub description_label: &'static str,
    pub description_hint: &'static str,
    pub work_impact_label: &'static str,
    pub meeting_impact_label: &'static str,
    pub work_impact_heading: &'static str,
    pub meeting_impact_heading: &'static str,
    pub professional_checkbox: &'static str,
    pub professional_kind_label: &'static str,
    pub professional_date_label: &'static str,
    pub professional_date_hint: &'static str,
    pub professional_doctor: &'static str,
    pub professional_psychologist: &'static str,
    pub professional_physiotherapist: &'static str,
    pub professional_other: &'static str,
    /// `{}` is who ("Læge"), then the date.
    pub professional_value: &'static str,
    pub not_written: &'static str,

    // Documents of a limitation.
    pub documents_heading: &'static str,
    pub documents_none: &'static str,
    /// `{}` is the date it was added.
    pub document_added_on: &'static str,
    pub document_file_label: &'static str,
    /// `{}` is the largest size in MB.
    pub document_file_hint: &'static str,
    pub document_upload_button: &'static str,
    pub document_uploading: &'static str,
    pub document_uploaded: &'static str,
    /// `{}` is the file name.
    pub document_delete_question: &'static str,
    pub document_deleted: &'static str,
    /// `{}` is a size in MB ("1,2").
    pub size_mb: &'static str,
    /// `{}` is a size in kB.
    pub size_kb: &'static str,

    // Consent, where the limitations are.
    pub consent_given_short: &'static str,
    pub consent_not_given_short: &'static str,
    pub consent_link: &'static str,

    // The consent page.
    pub consent_title: &'static str,
    pub consent_what_heading: &'static str,
    pub consent_explain_sensitive: &'static str,
    pub consent_explain_with: &'static str,
    pub consent_explain_without: &'static str,
    pub consent_explain_withdraw: &'static str,
    pub consent_explain_log: &'static str,
    pub consent_state_heading: &'static str,
    pub consent_state_given: &'static str,
    pub consent_state_not_given: &'static str,
    /// `{}` is when ("26.11.2026 kl. 21.30").
    pub consent_changed_at: &'static str,
    pub consent_give: &'static str,
    pub consent_withdraw: &'static str,
    pub consent_given_saved: &'static str,
    pub consent_withdrawn_saved: &'static str,
    pub back_to_profile: &'static str,
    pub access_log_link: &'static str,

    // "Det hjælper mig": accommodations.
    pub accommodations_heading: &'static str,
    pub accommodations_intro: &'static str,
    pub accommodations_saved: &'static str,
    pub choose_all_that_fit: &'static str,
    pub meeting_channels_legend: &'static str,
    pub meeting_channels_hint: &'static str,
    pub channel_in_person: &'static str,
    pub channel_phone: &'static str,
    pub channel_video: &'static str,
    pub time_of_day_legend: &'static str,
    pub time_any: &'static str,
    pub time_morning: &'static str,
    pub time_midday: &'static str,
    pub time_afternoon: &'static str,
    pub needs_legend: &'static str,
    pub longer_meetings: &'static str,
    pub companion: &'static str,
    pub companion_hint: &'static str,
    pub interpreter: &'static str,
    pub interpreter_language_label: &'static str,
    pub written_summary: &'static str,
    pub easy_read: &'static str,
    pub step_free_access: &'static str,
    pub reminders_heading: &'static str,
    pub reminder_channels_legend: &'static str,
    pub reminder_email: &'static str,
    pub reminder_sms: &'static str,
    pub reminder_timing_legend: &'static str,
    pub reminder_none: &'static str,
    pub reminder_day_before: &'static str,
    pub reminder_same_morning: &'static str,
    pub reminder_both: &'static str,

    // The caseworker's view.
    /// `{}` is the citizen's name.
    pub caseworker_title: &'static str,
    pub caseworker_read_only: &'static str,
    pub cw_accommodations_heading: &'static str,
    pub cw_accommodations_intro: &'static str,
    pub summary_meetings: &'static str,
    pub summary_any_channel: &'static str,
    pub summary_time_of_day: &'static str,
    pub summary_needs: &'static str,
    pub summary_no_needs: &'static str,
    /// `{}` is the language.
    pub summary_interpreter: &'static str,
    pub summary_reminders: &'static str,
    pub summary_no_reminders: &'static str,
    pub cw_competences_heading: &'static str,
    pub cw_competences_empty: &'static str,
    pub cw_limitations_heading: &'static str,
    pub cw_limitations_hidden: &'static str,
    pub cw_limitations_empty: &'static str,

    // "Hvem har set mine oplysninger".
    pub access_log_intro: &'static str,
    pub access_log_empty: &'static str,
    pub column_when: &'static str,
    pub column_who: &'static str,
    pub column_what: &'static str,
    pub column_why: &'static str,
    pub what_caseload_list: &'static str,
    pub what_plan: &'static str,
    pub what_profile: &'static str,
    pub what_profile_and_limitations: &'static str,
    pub what_document: &'static str,
    pub what_conversations: &'static str,
    pub what_conversation: &'static str,
    pub what_attachment: &'static str,
    pub what_meetings: &'static str,
    pub purpose_casework: &'static str,
    pub purpose_casework_as_backup: &'static str,

    // "Download mine oplysninger".
    pub download_heading: &'static str,
    pub download_text: &'static str,
    pub download_button: &'static str,
}

impl ProfileTexts {
    /// A competence kind as a choice ("Uddannelse").
    pub fn competence_kind(&self, kind: CompetenceKind) -> &'static str {
        match kind {
            CompetenceKind::Education => self.kind_education,
            CompetenceKind::WorkExperience => self.kind_work_experience,
            CompetenceKind::Skill => self.kind_skill,
            CompetenceKind::Language => self.kind_language,
            CompetenceKind::DrivingLicence => self.kind_driving_licence,
            CompetenceKind::Certificate => self.kind_certificate,
        }
    }

    /// The heading above competences of one kind ("Færdigheder").
    pub fn competence_group(&self, kind: CompetenceKind) -> &'static str {
        match kind {
            CompetenceKind::Education => self.group_education,
            CompetenceKind::WorkExperience => self.group_work_experience,
            CompetenceKind::Skill => self.group_skill,
            CompetenceKind::Language => self.group_language,
            CompetenceKind::DrivingLicence => self.group_driving_licence,
            CompetenceKind::Certificate => self.group_certificate,
        }
    }

    pub fn education_level(&self, level: EducationLevel) -> &'static str {
        match level {
            EducationLevel::PrimarySchool => self.level_primary_school,
            EducationLevel::UpperSecondary => self.level_upper_secondary,
            EducationLevel::Vocational => self.level_vocational,
            EducationLevel::ShortHigher => self.level_short_higher,
            EducationLevel::Bachelor => self.level_bachelor,
            EducationLevel::Master => self.level_master,
            EducationLevel::Phd => self.level_phd,
            EducationLevel::Other => self.level_other,
        }
    }

    pub fn language_level(&self, level: LanguageLevel) -> &'static str {
        match level {
            LanguageLevel::Basic => self.language_basic,
            LanguageLevel::Good => self.language_good,
            LanguageLevel::Fluent => self.language_fluent,
            LanguageLevel::Native => self.language_native,
        }
    }

    pub fn category(&self, category: LimitationCategory) -> &'static str {
        match category {
            LimitationCategory::Physical => self.category_physical,
            LimitationCategory::Cognitive => self.category_cognitive,
            LimitationCategory::Psychological => self.category_psychological,
            LimitationCategory::Other => self.category_other,
        }
    }

    pub fn professional(&self, kind: ProfessionalKind) -> &'static str {
        match kind {
            ProfessionalKind::Doctor => self.professional_doctor,
            ProfessionalKind::Psychologist => self.professional_psychologist,
            ProfessionalKind::Physiotherapist => self.professional_physiotherapist,
            ProfessionalKind::Other => self.professional_other,
        }
    }

    pub fn meeting_channel(&self, channel: MeetingChannel) -> &'static str {
        match channel {
            MeetingChannel::InPerson => self.channel_in_person,
            MeetingChannel::Phone => self.channel_phone,
            MeetingChannel::Video => self.channel_video,
        }
    }

    pub fn time_of_day(&self, time: TimeOfDay) -> &'static str {
        match time {
            TimeOfDay::Any => self.time_any,
            TimeOfDay::Morning => self.time_morning,
            TimeOfDay::Midday => self.time_midday,
            TimeOfDay::Afternoon => self.time_afternoon,
        }
    }

    pub fn reminder_channel(&self, channel: ReminderChannel) -> &'static str {
        match channel {
            ReminderChannel::Email => self.reminder_email,
            ReminderChannel::Sms => self.reminder_sms,
        }
    }

    pub fn reminder_timing(&self, timing: ReminderTiming) -> &'static str {
        match timing {
            ReminderTiming::None => self.reminder_none,
            ReminderTiming::DayBefore => self.reminder_day_before,
            ReminderTiming::SameMorning => self.reminder_same_morning,
            ReminderTiming::Both => self.reminder_both,
        }
    }

    pub fn access_what(&self, what: AccessWhat) -> &'static str {
        match what {
            AccessWhat::CaseloadList => self.what_caseload_list,
            AccessWhat::Plan => self.what_plan,
            AccessWhat::Profile => self.what_profile,
            AccessWhat::ProfileAndLimitations => self.what_profile_and_limitations,
            AccessWhat::Document => self.what_document,
            AccessWhat::Conversations => self.what_conversations,
            AccessWhat::Conversation => self.what_conversation,
            AccessWhat::Attachment => self.what_attachment,
            AccessWhat::Meetings => self.what_meetings,
        }
    }

    pub fn access_purpose(&self, purpose: AccessPurpose) -> &'static str {
        match purpose {
            AccessPurpose::Casework => self.purpose_casework,
            AccessPurpose::CaseworkAsBackup => self.purpose_casework_as_backup,
        }
    }
}
