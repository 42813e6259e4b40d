//! The form that adds or edits one competence: only the chosen kind's fields are shown and sent.

use dioxus::prelude::*;
use shared::api::{Competence, CompetenceData, CompetenceKind, EducationLevel, LanguageLevel};
use shared::i18n::fill;
use shared::validation::{Problems, check_competence, limits};

use super::super::helpers::{choices, code, from_code, parse_year, today};
use crate::api;
use crate::components::form::{RadioGroup, SelectField, TextField};
use crate::components::form_state::{FormProblems, use_form};
use crate::i18n::{use_lang, use_texts};

/// The form's fields, top to bottom, so errors are listed in that order.
const FIELD_ORDER: [&str; 11] = [
    "kind",
    "data.level",
    "data.field",
    "data.year",
    "data.role",
    "data.workplace",
    "data.from_year",
    "data.to_year",
    "data.name",
    "data.language",
    "data.category",
];

/// Every field of every kind; only the chosen kind's are shown and sent.
#[derive(Clone, Copy)]
struct Fields {
    kind: Signal<String>,
    level: Signal<String>,
    field: Signal<String>,
    year: Signal<String>,
    role: Signal<String>,
    workplace: Signal<String>,
    from_year: Signal<String>,
    to_year: Signal<String>,
    name: Signal<String>,
    language: Signal<String>,
    language_level: Signal<String>,
    category: Signal<String>,
}

fn year_text(y: &Option<i32>) -> String {
    y.map(|y| y.to_string()).unwrap_or_default()
}

/// The values a form starts with: empty, or the competence being edited.
#[derive(Default)]
struct Initial {
    kind: String,
    level: String,
    field: String,
    year: String,
    role: String,
    workplace: String,
    from_year: String,
    to_year: String,
    name: String,
    language: String,
    language_level: String,
    category: String,
}

impl Initial {
    fn of(existing: &Option<Competence>) -> Initial {
        let mut i = Initial {
            level: code(EducationLevel::Vocational),
            language_level: code(LanguageLevel::Good),
            ..Initial::default()
        };
        let Some(c) = existing else { return i };
        i.kind = c.data.kind().code().to_string();
        match &c.data {
            CompetenceData::Education { level, field, year } => {
                i.level = code(*level);
                i.field = field.clone();
                i.year = year_text(year);
            }
            CompetenceData::WorkExperience {
                role,
                workplace,
                from_year,
                to_year,
            } => {
                i.role = role.clone();
                i.workplace = workplace.clone();
                i.from_year = year_text(from_year);
                i.to_year = year_text(to_year);
            }
            CompetenceData::Skill { name } => i.name = name.clone(),
            CompetenceData::Language { language, level } => {
                i.language = language.clone();
                i.language_level = code(*level);
            }
            CompetenceData::DrivingLicence { category } => i.category = category.clone(),
            CompetenceData::Certificate { name, year } => {
                i.name = name.clone();
                i.year = year_text(year);
            }
        }
        i
    }
}

/// The form is keyed by the competence, so these start over for each one.
fn use_fields(existing: &Option<Competence>) -> Fields {
    let i = use_hook(|| std::rc::Rc::new(Initial::of(existing)));
    Fields {
        kind: use_signal(|| i.kind.clone()),
        level: use_signal(|| i.level.clone()),
        field: use_signal(|| i.field.clone()),
        year: use_signal(|| i.year.clone()),
        role: use_signal(|| i.role.clone()),
        workplace: use_signal(|| i.workplace.clone()),
        from_year: use_signal(|| i.from_year.clone()),
        to_year: use_signal(|| i.to_year.clone()),
        name: use_signal(|| i.name.clone()),
        language: use_signal(|| i.language.clone()),
        language_level: use_signal(|| i.language_level.clone()),
        category: use_signal(|| i.category.clone()),
    }
}

impl Fields {
    /// What would be sent, plus what the browser already knows is wrong with it.
    fn build(&self) -> (Option<CompetenceData>, Problems) {
        let mut p = Problems::default();
        let text = |s: Signal<String>| s.peek().trim().to_string();
        let data = match CompetenceKind::from_code(&self.kind.peek()) {
            Some(CompetenceKind::Education) => {
                let level = from_code(&self.level.peek());
                if level.is_none() {
                    p.0.push(("data.level".into(), shared::validation::Problem::Required));
                }
                let year = parse_year(&mut p, "data.year", &self.year.peek());
                Some(CompetenceData::Education {
                    level: level.unwrap_or(EducationLevel::Other),
                    field: text(self.field),
                    year,
                })
            }
            Some(CompetenceKind::WorkExperience) => Some(CompetenceData::WorkExperience {
                role: text(self.role),
                workplace: text(self.workplace),
                from_year: parse_year(&mut p, "data.from_year", &self.from_year.peek()),
                to_year: parse_year(&mut p, "data.to_year", &self.to_year.peek()),
            }),
            Some(CompetenceKind::Skill) => Some(CompetenceData::Skill {
                name: text(self.name),
            }),
            Some(CompetenceKind::Language) => {
                let level = from_code(&self.language_level.peek());
                if level.is_none() {
                    p.0.push(("data.level".into(), shared::validation::Problem::Required));
                }
                Some(CompetenceData::Language {
                    language: text(self.language),
                    level: level.unwrap_or(LanguageLevel::Good),
                })
            }
            Some(CompetenceKind::DrivingLicence) => Some(CompetenceData::DrivingLicence {
                category: text(self.category),
            }),
            Some(CompetenceKind::Certificate) => Some(CompetenceData::Certificate {
                name: text(self.name),
                year: parse_year(&mut p, "data.year", &self.year.peek()),
            }),
            None => {
                p.0.push(("kind".into(), shared::validation::Problem::Required));
                None
            }
        };
        if let Some(d) = &data {
            p.0.extend(check_competence(d, today().year).0);
        }
        (data, p)
    }
}

#[component]
pub(super) fn CompetenceForm(
    existing: Option<Competence>,
    on_saved: EventHandler<()>,
    on_cancel: EventHandler<()>,
) -> Element {
    let t = use_texts();
    let lang = use_lang();
    let form = use_form();
    let f = use_fields(&existing);
    let id = existing.as_ref().map(|c| c.id);
    let heading = match &existing {
        Some(c) => fill(
            t.profile.competence_edit_heading,
            t.profile.competence_kind(c.data.kind()),
        ),
        None => t.profile.competence_add_heading.to_string(),
    };
    let err = move |field: &str| form.error(field);
    let kind_options: Vec<(String, String)> = CompetenceKind::ALL
        .into_iter()
        .map(|k| {
            (
                k.code().to_string(),
                t.profile.competence_kind(k).to_string(),
            )
        })
        .collect();
    let max = limits::COMPETENCE_TEXT;

    let submit = move |e: FormEvent| {
        e.prevent_default();
        if !form.begin() {
            return;
        }
        let (data, problems) = f.build();
        let data = match data {
            Some(data) if problems.is_empty() => data,
            _ => {
                form.refuse_in_order(problems, "", &FIELD_ORDER, lang());
                return;
            }
        };
        spawn(async move {
            let result = match id {
                None => api::profile::add_competence(&data).await,
                Some(id) => api::profile::update_competence(id, &data).await,
            };
            match result {
                Ok(_) => {
                    form.succeed();
                    on_saved.call(());
                }
                Err(failure) => form.fail(&failure, "", lang()),
            }
        });
    };

    rsx! {
        div { class: "profile-form mt-5 mb-6",
            h3 {
                id: "competence-form-heading",
                tabindex: "-1",
                onmounted: move |e| async move {
                    let _ = e.set_focus(true).await;
                },
                "{heading}"
            }
            FormProblems { form }
            form { novalidate: true, "aria-labelledby": "competence-form-heading", onsubmit: submit,
                if existing.is_none() {
                    RadioGroup {
                        path: "kind",
                        legend: t.profile.competence_kind_legend,
                        value: f.kind,
                        options: kind_options,
                        error: err("kind"),
                    }
                }
                match CompetenceKind::from_code(&f.kind.read()) {
                    Some(CompetenceKind::Education) => rsx! {
                        SelectField {
                            path: "data.level",
                            label: t.profile.education_level_label,
                            value: f.level,
                            options: choices(&EducationLevel::ALL, |l| t.profile.education_level(l)),
                            error: err("data.level"),
                        }
                        TextField { path: "data.field", label: t.profile.education_field_label, value: f.field, hint: t.profile.education_field_hint.to_string(), error: err("data.field"), max }
                        TextField { path: "data.year", label: t.profile.education_year_label, value: f.year, input_type: "number", hint: t.profile.education_year_hint.to_string(), error: err("data.year"), optional: true }
                    },
                    Some(CompetenceKind::WorkExperience) => rsx! {
                        TextField { path: "data.role", label: t.profile.work_role_label, value: f.role, hint: t.profile.work_role_hint.to_string(), error: err("data.role"), max }
                        TextField { path: "data.workplace", label: t.profile.work_workplace_label, value: f.workplace, error: err("data.workplace"), max, optional: true }
                        TextField { path: "data.from_year", label: t.profile.work_from_year_label, value: f.from_year, input_type: "number", hint: t.profile.year_hint.to_string(), error: err("data.from_year"), optional: true }
                        TextField { path: "data.to_year", label: t.profile.work_to_year_label, value: f.to_year, input_type: "number", hint: t.profile.work_to_year_hint.to_string(), error: err("data.to_year"), optional: true }
                    },
                    Some(CompetenceKind::Skill) => rsx! {
                        TextField { path: "data.name", label: t.profile.skill_name_label, value: f.name, hint: t.profile.skill_name_hint.to_string(), error: err("data.name"), max }
                    },
                    Some(CompetenceKind::Language) => rsx! {
                        TextField { path: "data.language", label: t.profile.language_label, value: f.language, hint: t.profile.language_hint.to_string(), error: err("data.language"), max }
                        RadioGroup {
                            path: "data.level",
                            legend: t.profile.language_level_legend,
                            value: f.language_level,
                            options: choices(&LanguageLevel::ALL, |l| t.profile.language_level(l)),
                            error: err("data.level"),
                        }
                    },
                    Some(CompetenceKind::DrivingLicence) => rsx! {
                        TextField { path: "data.category", label: t.profile.driving_category_label, value: f.category, hint: t.profile.driving_category_hint.to_string(), error: err("data.category"), max }
                    },
                    Some(CompetenceKind::Certificate) => rsx! {
                        TextField { path: "data.name", label: t.profile.certificate_name_label, value: f.name, hint: t.profile.certificate_name_hint.to_string(), error: err("data.name"), max }
                        TextField { path: "data.year", label: t.profile.certificate_year_label, value: f.year, input_type: "number", hint: t.profile.year_hint.to_string(), error: err("data.year"), optional: true }
                    },
                    None => rsx! {},
                }
                div { class: "button-group mt-5",
                    button { r#type: "submit", class: "button button-primary", disabled: (form.busy)(),
                        if (form.busy)() { "{t.saving}" } else { "{t.save}" }
                    }
                    button { r#type: "button", class: "button button-secondary", onclick: move |_| on_cancel.call(()), "{t.cancel}" }
                }
            }
        }
    }
}
