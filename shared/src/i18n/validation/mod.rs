//! The messages of `validation::Problem`: what is wrong with a field, said the same way in the
//! browser (as people type) and in the server's answers. `{}` is filled with `super::fill`
//! (twice for two values, in order).

mod da;
mod en;

pub(super) use da::DA;
pub(super) use en::EN;

/// One field per problem; `da.rs` and `en.rs` must both fill every field.
#[derive(Debug)]
pub struct ValidationTexts {
    pub required: &'static str,
    /// `{}`: the most characters allowed.
    pub too_long: &'static str,
    pub invalid: &'static str,
    pub invalid_date: &'static str,
    pub end_before_start: &'static str,
    pub in_the_future: &'static str,
    /// `{}`, `{}`: the first and last year allowed.
    pub year_out_of_range: &'static str,
    /// `{}`: megabytes.
    pub file_too_large: &'static str,
    pub file_type: &'static str,
    pub not_done: &'static str,
    /// `{}`: the most documents one person may store.
    pub too_many_files: &'static str,
    /// `{}`: megabytes.
    pub storage_full: &'static str,
    pub not_agreed: &'static str,
    pub control_character: &'static str,
    pub invalid_email: &'static str,
    pub wrong_code: &'static str,
    pub code_expired: &'static str,
    pub too_many_tries: &'static str,
    pub conversation_closed: &'static str,
    pub not_in_team: &'static str,
    /// `{}`: how many.
    pub too_many_attachments: &'static str,
    pub in_the_past: &'static str,
    pub meeting_holiday: &'static str,
    pub outside_availability: &'static str,
    pub not_offered: &'static str,
    pub after_deadline: &'static str,
    pub overlaps_itself: &'static str,
    pub not_happened_yet: &'static str,
    pub meeting_cancelled: &'static str,
    pub invalid_time: &'static str,
}
