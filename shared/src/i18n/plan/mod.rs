//! Texts of "Min plan" and the caseworker's view of a plan.
//!
//! Texts that name "you" come in pairs: one for the citizen's page, one for the caseworker's
//! (where "the citizen" is someone else). `{}` is filled with `super::fill`; the history
//! sentences use `{name}` and `{step}` instead, because they carry two values.

mod da;
mod en;
pub mod words;

pub(super) use da::DA;
pub(super) use en::EN;

/// One field per text; `da.rs` and `en.rs` must both fill every field.
#[derive(Debug)]
pub struct PlanTexts {
    // Pages and navigation.
    pub title_for_caseworker_tab: &'static str,
    pub history_tab: &'static str,
    pub title: &'static str,
    pub caseworker_title: &'static str,
    pub intro_citizen: &'static str,
    /// `{}`: the citizen's name.
    pub intro_caseworker: &'static str,
    pub history_link: &'static str,
    pub print: &'static str,

    // Goals.
    pub goals_heading: &'static str,
    pub own_goal_heading: &'static str,
    pub own_goal_heading_caseworker: &'static str,
    pub own_goal_explained_caseworker: &'static str,
    pub own_goal_hint: &'static str,
    pub own_goal_empty_citizen: &'static str,
    pub own_goal_empty_caseworker: &'static str,
    pub own_goal_write: &'static str,
    pub own_goal_edit: &'static str,
    pub own_goal_saved: &'static str,
    pub agreed_goal_heading: &'static str,
    pub agreed_goal_hint: &'static str,
    pub agreed_goal_empty: &'static str,
    pub target_group: &'static str,
    pub target_group_empty: &'static str,
    pub goals_edit: &'static str,
    pub goals_saved: &'static str,

    // Steps.
    pub steps_heading: &'static str,
    pub steps_empty_citizen: &'static str,
    pub steps_empty_caseworker: &'static str,
    pub step_type: &'static str,
    pub step_starts: &'static str,
    pub step_ends: &'static str,
    pub step_no_date: &'static str,
    pub step_responsible: &'static str,
    pub step_proposed_by: &'static str,
    pub step_status: &'static str,
    pub edit_step: &'static str,
    pub step_saved_citizen: &'static str,
    pub step_saved_caseworker: &'static str,
    pub status_proposed: &'static str,
    pub status_planned: &'static str,
    pub status_in_progress: &'static str,
    pub status_done: &'static str,
    pub status_stopped: &'static str,
    pub responsible_me: &'static str,
    pub responsible_citizen: &'static str,
    pub responsible_jobcentre: &'static str,
    pub responsible_other: &'static str,
    pub party_you: &'static str,
    pub party_citizen: &'static str,
    pub party_jobcentre: &'static str,

    // Agreement.
    pub agreement_heading: &'static str,
    pub agreed: &'static str,
    pub agreed_explained: &'static str,
    pub not_agreed: &'static str,
    pub agree_button: &'static str,
    pub agree_saved: &'static str,
    pub you_agreed: &'static str,
    pub you_not_agreed: &'static str,
    pub jobcentre_agreed: &'static str,
    pub jobcentre_not_agreed: &'static str,
    pub citizen_agreed: &'static str,
    pub citizen_not_agreed: &'static str,
    pub changed_since_agreed_heading: &'static str,
    pub changed_since_agreed_body: &'static str,
    pub before: &'static str,
    pub after: &'static str,
    pub empty_value: &'static str,

    // Status.
    pub status_change_label: &'static str,
    pub status_save: &'static str,
    pub status_saved: &'static str,
    pub status_waits_for_agreement: &'static str,

    // Comments.
    pub comments_heading: &'static str,
    pub comments_empty: &'static str,
    pub comment_label: &'static str,
    pub comment_send: &'static str,
    pub comment_saved: &'static str,

    // "Det hjalp" and "Det har vi nået sammen".
    pub helped_heading: &'static str,
    pub helped_intro: &'static str,
    pub helped_label_citizen: &'static str,
    pub helped_label_caseworker: &'static str,
    pub helped_hint: &'static str,
    pub helped_write: &'static str,
    pub helped_edit: &'static str,
    pub helped_saved: &'static str,
    pub words_you: &'static str,
    pub words_citizen: &'static str,
    pub words_jobcentre: &'static str,
    pub not_written_yet: &'static str,
    pub achieved_heading: &'static str,
    pub achieved_intro: &'static str,
    pub achieved_empty: &'static str,

    // Proposing and changing a step.
    pub new_step_heading: &'static str,
    pub new_step_intro_citizen: &'static str,
    pub new_step_intro_caseworker: &'static str,
    pub new_step_open: &'static str,
    pub new_step_send: &'static str,
    pub new_step_saved_citizen: &'static str,
    pub new_step_saved_caseworker: &'static str,
    pub form_title: &'static str,
    pub form_title_hint: &'static str,
    pub form_description: &'static str,
    pub form_description_hint: &'static str,
    pub form_type: &'static str,
    pub form_starts: &'static str,
    pub form_ends: &'static str,
    pub form_responsible: &'static str,
    pub form_no_step_types: &'static str,
    pub conflict_heading: &'static str,
    pub conflict_body: &'static str,
    pub conflict_yours: &'static str,
    pub conflict_current: &'static str,
    pub conflict_restart: &'static str,

    // "Jeg vil gerne høre om …".
    pub requests_heading: &'static str,
    pub requests_heading_caseworker: &'static str,
    pub requests_intro_citizen: &'static str,
    pub requests_intro_caseworker: &'static str,
    pub request_option_label: &'static str,
    pub request_message_label: &'static str,
    pub request_message_hint: &'static str,
    pub request_send: &'static str,
    pub request_saved: &'static str,
    pub request_no_options: &'static str,
    pub requests_list_heading: &'static str,
    pub requests_empty_citizen: &'static str,
    pub requests_empty_caseworker: &'static str,
    pub request_your_words: &'static str,
    pub request_citizen_words: &'static str,
    pub request_waiting_badge: &'static str,
    pub request_answered_badge: &'static str,
    /// `{}`: the date it was asked.
    pub request_waiting_since: &'static str,
    /// `{name}`: the caseworker; `{time}`: when they answered.
    pub request_answered_by: &'static str,
    pub answer_label: &'static str,
    pub answer_hint: &'static str,
    pub answer_send: &'static str,
    pub answer_saved: &'static str,

    // History.
    pub history_title_citizen: &'static str,
    pub history_title_caseworker: &'static str,
    pub history_intro: &'static str,
    pub history_empty: &'static str,
    pub back_to_plan: &'static str,
    pub history_a_step: &'static str,
    pub event_own_goal_changed: &'static str,
    pub event_goals_changed: &'static str,
    pub event_step_proposed: &'static str,
    pub event_step_changed: &'static str,
    pub event_step_agreed: &'static str,
    pub event_step_became_agreed: &'static str,
    pub event_step_status_changed: &'static str,
    pub event_step_commented: &'static str,
    pub event_step_helped_noted: &'static str,
    pub event_request_asked: &'static str,
    pub event_request_answered: &'static str,

    // Field names, in the history and where a changed step shows what changed.
    pub field_title: &'static str,
    pub field_description: &'static str,
    pub field_step_type: &'static str,
    pub field_starts_on: &'static str,
    pub field_ends_on: &'static str,
    pub field_responsible: &'static str,
    pub field_own_goal: &'static str,
    pub field_agreed_goal: &'static str,
    pub field_target_group: &'static str,
    pub field_status: &'static str,
    pub field_comment: &'static str,
    pub field_helped: &'static str,
    pub field_option: &'static str,
    pub field_message: &'static str,
    pub field_answer: &'static str,
}
