//! "Det har vi nået sammen": the done steps where both sides wrote what helped. It is the part
//! of the plan people can be proud of, so it stands out and says so.

use dioxus::prelude::*;
use shared::api::PlanStep;

use super::PlanCtx;
use crate::components::common::Icon;
use crate::i18n::use_texts;

#[component]
pub fn Achieved(steps: Vec<PlanStep>) -> Element {
    let t = use_texts();
    let ctx = use_context::<PlanCtx>();
    let done: Vec<PlanStep> = steps.into_iter().filter(PlanStep::achieved).collect();
    let citizen_words = if ctx.is_citizen() {
        t.plan.words_you
    } else {
        t.plan.words_citizen
    };
    let jobcentre_words = t.plan.words_jobcentre;
    let class = if done.is_empty() {
        "plan-achieved plan-achieved-empty mb-6"
    } else {
        "plan-achieved mb-6"
    };
    rsx! {
        section { "aria-labelledby": "achieved-heading", class,
            h2 { id: "achieved-heading",
                Icon { name: "check" }
                "{t.plan.achieved_heading}"
            }
            if done.is_empty() {
                p { "{t.plan.achieved_empty}" }
            } else {
                p { class: "font-lead", "{t.plan.achieved_intro}" }
                ul { class: "nobullet-list",
                    for step in done {
                        li { key: "{step.id}", class: "plan-achieved-item",
                            h3 { class: "h4", "{step.wording.title}" }
                            dl { class: "plan-words",
                                dt { "{citizen_words}" }
                                dd { class: "plan-text", {step.helped_citizen.clone().unwrap_or_default()} }
                                dt { "{jobcentre_words}" }
                                dd { class: "plan-text", {step.helped_caseworker.clone().unwrap_or_default()} }
                            }
                        }
                    }
                }
            }
        }
    }
}
