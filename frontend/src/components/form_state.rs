//! The one form system of the web client: every form (plan, profile, and what comes after) is
//! busy while sending (a double click sends once), shows its field errors and its error
//! summary when a save is refused — by the browser's own check or by the server — and is
//! "saved" afterwards.
//!
//! A page can hold many forms (one comment form per step, …). Only the form that failed last
//! shows its error summary: two summaries at once would compete for focus and repeat the
//! summary's heading id. The summary takes focus when it appears (`ErrorSummary`).

use std::cell::Cell;

use dioxus::prelude::*;
use shared::Lang;
use shared::api::FieldError;
use shared::validation::Problems;

use crate::api::ApiFailure;
use crate::components::form::{ErrorSummary, FieldErrors, general_message};

thread_local! {
    static NEXT_FORM: Cell<usize> = const { Cell::new(0) };
}

/// Which form's errors are on screen; provided once per page.
#[derive(Clone, Copy)]
pub struct ErrorOwner(Signal<Option<usize>>);

pub fn provide_error_owner() {
    use_context_provider(|| ErrorOwner(Signal::new(None)));
}

#[derive(Clone, Copy, PartialEq)]
pub struct Form {
    id: usize,
    owner: Signal<Option<usize>>,
    errors: Signal<FieldErrors>,
    general: Signal<Option<String>>,
    pub busy: Signal<bool>,
    /// A save went well; stays until the next try.
    pub saved: Signal<bool>,
}

/// A form's state. Its page provides the `ErrorOwner` (`provide_error_owner`); a form on a
/// page without one owns its errors alone.
pub fn use_form() -> Form {
    let fallback = use_signal(|| None);
    let owner = try_use_context::<ErrorOwner>().map_or(fallback, |o| o.0);
    let id = use_hook(|| {
        NEXT_FORM.with(|n| {
            n.set(n.get() + 1);
            n.get()
        })
    });
    Form {
        id,
        owner,
        errors: use_signal(FieldErrors::default),
        general: use_signal(|| None),
        busy: use_signal(|| false),
        saved: use_signal(|| false),
    }
}

/// Server and browser name fields by their JSON path; forms repeated on the page put a prefix
/// in front so each field keeps a unique id.
fn prefixed(prefix: &str, field: &str) -> String {
    if prefix.is_empty() {
        field.to_string()
    } else {
        format!("{prefix}.{field}")
    }
}

impl Form {
    /// Starts a save; `false` if one is already under way (a double click sends once).
    pub fn begin(mut self) -> bool {
        if *self.busy.peek() {
            return false;
        }
        self.busy.set(true);
        self.saved.set(false);
        self.errors.set(FieldErrors::default());
        self.general.set(None);
        true
    }

    /// The browser's own check found problems; nothing was sent.
    pub fn refuse(self, problems: Problems, prefix: &str, lang: Lang) {
        self.refuse_in_order(problems, prefix, &[], lang);
    }

    /// As `refuse`, with the problems in the order the form shows its fields (`order` lists
    /// their paths), so the error summary reads top to bottom.
    pub fn refuse_in_order(
        mut self,
        mut problems: Problems,
        prefix: &str,
        order: &[&str],
        lang: Lang,
    ) {
        problems
            .0
            .sort_by_key(|(field, _)| order.iter().position(|o| o == field).unwrap_or(order.len()));
        let fields = problems
            .0
            .into_iter()
            .map(|(field, problem)| FieldError {
                field: prefixed(prefix, &field),
                message: problem.message(lang),
            })
            .collect();
        self.errors.set(FieldErrors(fields));
        self.owner.set(Some(self.id));
        self.busy.set(false);
    }

    /// One field refused with a message (a form of one control, such as a file upload).
    pub fn refuse_field(mut self, field: &str, message: String) {
        self.errors.set(FieldErrors(vec![FieldError {
            field: field.to_string(),
            message,
        }]));
        self.general.set(None);
        self.owner.set(Some(self.id));
        self.busy.set(false);
    }

    pub fn fail(mut self, failure: &ApiFailure, prefix: &str, lang: Lang) {
        let fields = failure
            .fields
            .iter()
            .map(|e| FieldError {
                field: prefixed(prefix, &e.field),
                message: e.message.clone(),
            })
            .collect();
        self.errors.set(FieldErrors(fields));
        self.general.set(general_message(failure, lang));
        self.owner.set(Some(self.id));
        self.busy.set(false);
    }

    pub fn succeed(mut self) {
        self.busy.set(false);
        self.saved.set(true);
    }

    /// Back to a fresh form: no errors, not saved, not sending (after a conflict, or when the
    /// form opens again).
    pub fn reset(mut self) {
        self.busy.set(false);
        self.errors.set(FieldErrors::default());
        self.general.set(None);
        self.saved.set(false);
    }

    fn shows_errors(&self) -> bool {
        (self.owner)() == Some(self.id) && !(self.busy)()
    }

    /// The error for one field (by its prefixed path), if this form's errors are on screen.
    pub fn error(&self, path: &str) -> Option<String> {
        if self.shows_errors() {
            self.errors.read().get(path)
        } else {
            None
        }
    }
}

/// The error summary of a form, when it is the one that failed last. It is hidden while the
/// form sends, so a new failure mounts it again and it takes focus again.
#[component]
pub fn FormProblems(form: Form) -> Element {
    if !form.shows_errors() {
        return rsx! {};
    }
    let errors = (form.errors)();
    let general = (form.general)();
    if errors.is_empty() && general.is_none() {
        return rsx! {};
    }
    rsx! {
        ErrorSummary { errors, general }
    }
}
