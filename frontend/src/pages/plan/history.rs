//! The plan's history in plain words: who changed what, and when, newest first.

use dioxus::prelude::*;
use shared::api::{HistoryEntry, HistoryEvent, Party};
use shared::i18n::Texts;

use super::words::{self, ChangeList, fill_named};
use crate::api::Whose;
use crate::components::loaded::loaded;
use crate::i18n::{use_lang, use_texts};
use crate::{api, catalogues, format};

#[component]
pub fn History(viewer: Party, whose: Whose) -> Element {
    let t = use_texts();
    let history = use_resource(move || {
        let whose = whose.clone();
        async move {
            // Changes name catalogue codes; their labels must be here first.
            catalogues::load().await?;
            api::plan::history(&whose).await
        }
    });
    loaded(history, |h| {
        if h.entries.is_empty() {
            return rsx! { p { "{t.plan.history_empty}" } };
        }
        rsx! {
            ol { class: "nobullet-list plan-history",
                for (i, entry) in h.entries.into_iter().enumerate() {
                    li { key: "{i}", class: "plan-history-entry",
                        Entry { entry, viewer }
                    }
                }
            }
        }
    })
}

fn sentence(t: &Texts, event: HistoryEvent) -> &'static str {
    match event {
        HistoryEvent::OwnGoalChanged => t.plan.event_own_goal_changed,
        HistoryEvent::GoalsChanged => t.plan.event_goals_changed,
        HistoryEvent::StepProposed => t.plan.event_step_proposed,
        HistoryEvent::StepChanged => t.plan.event_step_changed,
        HistoryEvent::StepAgreed => t.plan.event_step_agreed,
        HistoryEvent::StepBecameAgreed => t.plan.event_step_became_agreed,
        HistoryEvent::StepStatusChanged => t.plan.event_step_status_changed,
        HistoryEvent::StepCommented => t.plan.event_step_commented,
        HistoryEvent::StepHelpedNoted => t.plan.event_step_helped_noted,
        HistoryEvent::RequestAsked => t.plan.event_request_asked,
        HistoryEvent::RequestAnswered => t.plan.event_request_answered,
    }
}

#[component]
fn Entry(entry: HistoryEntry, viewer: Party) -> Element {
    let t = use_texts();
    let lang = use_lang()();
    // Sammen itself is named as such; a person by name, or by their side if the name is gone.
    let actor = match (entry.actor, &entry.actor_name) {
        (Party::System, _) => t.app_name.to_string(),
        (_, Some(name)) => name.clone(),
        (who, None) => words::party(t, viewer, who).to_string(),
    };
    let step = entry
        .step_title
        .clone()
        .unwrap_or_else(|| t.plan.history_a_step.to_string());
    let text = fill_named(
        sentence(t, entry.event),
        &[("name", &actor), ("step", &step)],
    );
    rsx! {
        p { class: "plan-history-time mb-1",
            time { datetime: "{entry.at}", "{format::datetime(&entry.at, lang)}" }
        }
        p { class: "mt-0 mb-2", "{text}" }
        if !entry.changes.is_empty() {
            ChangeList { changes: entry.changes, viewer }
        }
    }
}
