//! One way to show something a page loads from the server.

use dioxus::prelude::*;

use super::common::{ErrorAlert, Loading};
use crate::api::ApiFailure;
use crate::i18n::use_texts;

/// Shows a loading resource: "Henter…" while it loads; if it failed, what went wrong and
/// "Prøv igen", which loads it again; else `view` of what came.
pub fn loaded<T: Clone + 'static>(
    resource: Resource<Result<T, ApiFailure>>,
    view: impl FnOnce(T) -> Element,
) -> Element {
    let answer = resource.read().clone();
    match answer {
        None => rsx! { Loading {} },
        Some(Err(failure)) => rsx! {
            LoadFailed {
                failure,
                on_retry: move |_| {
                    let mut resource = resource;
                    resource.restart();
                },
            }
        },
        Some(Ok(value)) => view(value),
    }
}

/// What went wrong while loading, and a button to try again.
#[component]
pub fn LoadFailed(failure: ApiFailure, on_retry: EventHandler<()>) -> Element {
    let t = use_texts();
    rsx! {
        ErrorAlert { failure }
        button {
            r#type: "button",
            class: "button button-secondary mb-6",
            onclick: move |_| on_retry.call(()),
            "{t.try_again}"
        }
    }
}
