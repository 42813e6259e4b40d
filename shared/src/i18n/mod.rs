//! Every text a person reads in Sammen, once per language. The web client and the server (error
//! messages, pages it renders itself, emails) take their words from here, so they always agree.
//!
//! Plain Danish: short sentences, everyday words, say what the person can do next.

mod da;
pub mod email;
mod en;
pub mod meetings;
pub mod messages;
pub mod plan;
pub mod profile;
pub mod validation;

use crate::Lang;
use crate::api::ErrorCode;
use crate::auth::LoginProblem;

/// Returns the catalogue for a language.
pub fn texts(lang: Lang) -> &'static Texts {
    match lang {
        Lang::Da => &da::TEXTS,
        Lang::En => &en::TEXTS,
    }
}

/// One field per text. A missing translation is a compile error, not a blank on the screen.
#[derive(Debug)]
pub struct Texts {
    /// "Min plan" and the caseworker's plan pages.
    pub plan: &'static plan::PlanTexts,
    /// "Min profil", consent, access log, data download, the caseworker's profile page.
    pub profile: &'static profile::ProfileTexts,
    /// What is wrong with a field (`validation::Problem::message`).
    pub validation: &'static validation::ValidationTexts,
    /// "Beskeder", "Indbakke" and the email settings.
    pub messages: &'static messages::MessageTexts,
    /// Meetings and the caseworker's availability.
    pub meetings: &'static meetings::MeetingTexts,
    /// Notification emails.
    pub email: &'static email::EmailTexts,

    // Frame: header, footer, navigation.
    pub app_name: &'static str,
    pub app_tagline: &'static str,
    pub authority_name: &'static str,
    pub support_phone_label: &'static str,
    pub support_phone: &'static str,
    pub support_hours: &'static str,
    pub skip_link: &'static str,
    /// The name of this language, written in it ("Dansk", "English"): the switch shows it.
    pub language_name: &'static str,
    pub language_switch_label: &'static str,
    pub logged_in_as: &'static str,
    pub logout: &'static str,
    pub footer_heading: &'static str,
    pub main_menu: &'static str,
    pub menu_open: &'static str,
    pub menu_close: &'static str,
    pub loading: &'static str,
    /// Shown by index.html when the browser runs no JavaScript.
    pub noscript: &'static str,
    pub try_again: &'static str,
    pub to_front_page: &'static str,
    pub something_went_wrong: &'static str,

    // Forms.
    pub characters_left: &'static str,
    pub characters_too_many: &'static str,
    pub characters_allowed: &'static str,
    pub error_prefix: &'static str,
    pub error_summary_title: &'static str,
    pub optional_field: &'static str,
    pub save: &'static str,
    pub saving: &'static str,
    pub saved: &'static str,
    pub cancel: &'static str,
    pub edit: &'static str,
    pub delete: &'static str,
    pub add: &'static str,
    pub close: &'static str,
    pub yes: &'static str,
    pub no: &'static str,
    pub choose: &'static str,

    // Start page.
    pub start_title: &'static str,
    pub start_intro: &'static str,
    /// Shown on every page in development mode, so nobody serves real citizens with it.
    pub dev_banner: &'static str,
    pub too_many_logins_title: &'static str,
    /// The page shown when the server is too busy to take a request.
    pub busy_title: &'static str,
    pub too_many_logins_text: &'static str,
    pub start_what_heading: &'static str,
    pub start_what_plan: &'static str,
    pub start_what_profile: &'static str,
    pub start_what_meetings: &'static str,
    pub start_what_messages: &'static str,
    pub login_mitid: &'static str,
    pub login_mitid_hint: &'static str,
    pub employee_heading: &'static str,
    pub login_employee: &'static str,
    pub continue_to_overview: &'static str,
    pub continue_to_caseload: &'static str,

    // Mit overblik.
    pub overview_title: &'static str,
    pub overview_greeting: &'static str,
    pub your_caseworker: &'static str,
    pub your_backup_caseworker: &'static str,
    pub backup_explained: &'static str,
    pub no_caseworker: &'static str,
    pub plan_heading: &'static str,
    pub plan_empty: &'static str,
    pub overview_own_goal: &'static str,
    pub overview_plan_steps: &'static str,
    pub overview_plan_done: &'static str,
    pub overview_awaiting: &'static str,
    pub overview_requests_waiting: &'static str,
    pub go_to_plan: &'static str,
    pub go_to_profile: &'static str,
    pub meetings_heading: &'static str,
    pub meetings_empty: &'static str,
    pub messages_heading: &'static str,
    pub messages_empty: &'static str,

    // Mine borgere.
    pub caseload_title: &'static str,
    pub caseload_intro: &'static str,
    pub caseload_empty: &'static str,
    pub caseload_name_column: &'static str,
    pub caseload_role_column: &'static str,
    pub role_primary: &'static str,
    pub role_backup: &'static str,
    pub back_to_caseload: &'static str,
    pub citizen_pages_label: &'static str,

    // Session.
    pub idle_warning_title: &'static str,
    pub idle_warning_body: &'static str,
    pub idle_warning_seconds_left: &'static str,
    pub stay_logged_in: &'static str,
    pub log_out_now: &'static str,
    pub logged_out_title: &'static str,
    pub logged_out_body: &'static str,
    /// After "Log af" on a page the server rendered, before the client came: the session at
    /// MitID is ended by one more press (a form post, which needs no script).
    pub logged_out_here_title: &'static str,
    pub logged_out_here_body: &'static str,
    pub logout_at_mitid: &'static str,
    pub logout_failed_title: &'static str,
    pub timed_out_title: &'static str,
    pub timed_out_body: &'static str,
    pub login_again: &'static str,
    pub session_ended_title: &'static str,
    pub session_ended_body: &'static str,

    // Login problems.
    pub login_failed_title: &'static str,
    pub login_cancelled: &'static str,
    pub login_expired: &'static str,
    pub login_state_mismatch: &'static str,
    pub login_provider_error: &'static str,
    pub login_invalid_token: &'static str,
    pub login_assurance_too_low: &'static str,
    pub unknown_citizen_title: &'static str,
    pub unknown_citizen_body: &'static str,
    pub unknown_citizen_contact: &'static str,
    pub unknown_employee_title: &'static str,
    pub unknown_employee_body: &'static str,
    pub nothing_was_saved: &'static str,

    // Not found and access.
    pub not_found_title: &'static str,
    pub not_found_body: &'static str,
    pub forbidden_title: &'static str,
    pub forbidden_body: &'static str,

    // API errors, by code.
    pub error_unauthenticated: &'static str,
    pub error_forbidden: &'static str,
    pub error_not_found: &'static str,
    pub error_bad_request: &'static str,
    pub error_validation: &'static str,
    pub error_conflict: &'static str,
    pub error_csrf_failed: &'static str,
    pub error_payload_too_large: &'static str,
    pub error_unsupported_media_type: &'static str,
    pub error_rate_limited: &'static str,
    pub error_internal: &'static str,
    pub error_unavailable: &'static str,
}

impl Texts {
    /// The message for an API error code, in this catalogue's language.
    pub fn error(&self, code: ErrorCode) -> &'static str {
        match code {
            ErrorCode::Unauthenticated => self.error_unauthenticated,
            ErrorCode::Forbidden => self.error_forbidden,
            ErrorCode::NotFound => self.error_not_found,
            ErrorCode::BadRequest => self.error_bad_request,
            ErrorCode::Validation => self.error_validation,
            ErrorCode::Conflict => self.error_conflict,
            ErrorCode::CsrfFailed => self.error_csrf_failed,
            ErrorCode::PayloadTooLarge => self.error_payload_too_large,
            ErrorCode::UnsupportedMediaType => self.error_unsupported_media_type,
            ErrorCode::RateLimited => self.error_rate_limited,
            ErrorCode::Internal => self.error_internal,
            ErrorCode::Unavailable => self.error_unavailable,
        }
    }

    /// The explanation of a failed login (the unknown-identity cases have pages of their own).
    pub fn login_problem(&self, problem: LoginProblem) -> &'static str {
        match problem {
            LoginProblem::Cancelled => self.login_cancelled,
            LoginProblem::Expired => self.login_expired,
            LoginProblem::StateMismatch => self.login_state_mismatch,
            LoginProblem::ProviderError => self.login_provider_error,
            LoginProblem::InvalidToken => self.login_invalid_token,
            LoginProblem::AssuranceTooLow => self.login_assurance_too_low,
            LoginProblem::UnknownCitizen => self.unknown_citizen_body,
            LoginProblem::UnknownEmployee => self.unknown_employee_body,
        }
    }

    /// A page title as the browser tab shows it: "Mit overblik – Sammen".
    pub fn page_title(&self, page: &str) -> String {
        format!("{page} – {}", self.app_name)
    }
}

/// Replaces `{}` in a text with a value, for the few texts that carry one.
pub fn fill(text: &str, value: &str) -> String {
    text.replacen("{}", value, 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_text_is_filled_in_both_languages() {
        for lang in Lang::ALL {
            let debug = format!("{:?}", texts(lang));
            assert!(
                debug.contains("PlanTexts")
                    && debug.contains("ProfileTexts")
                    && debug.contains("ValidationTexts")
            );
            assert!(
                !debug.contains(": \"\""),
                "{lang:?} has an empty text: {debug}"
            );
        }
    }

    #[test]
    fn fill_replaces_the_placeholder() {
        assert_eq!(fill("Hej {}", "Anna"), "Hej Anna");
    }
}
