//! Live updates: one server-sent event stream per logged-in tab (`/api/v1/events`). It only
//! says "your messages changed"; pages that show messages read `use_changes()` and fetch
//! again. The browser reconnects by itself; the server's `ready` on each (re)connect makes
//! the pages catch up on what happened meanwhile.

use dioxus::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// How many changes this tab has heard of.
#[derive(Clone, Copy)]
pub struct Changes(Signal<u64>);

pub fn provide() {
    use_context_provider(|| Changes(Signal::new(0)));
}

/// The count of changes heard; reading it makes a resource or component run again on each.
pub fn use_changes() -> Signal<u64> {
    use_context::<Changes>().0
}

/// Keeps the stream open while it is on the page (the frame shows it while logged in).
#[component]
pub fn LiveUpdates() -> Element {
    let mut changes = use_changes();
    let source =
        use_hook(|| web_sys::EventSource::new(&format!("{}/events", shared::api::API_PREFIX)).ok());
    let listening = source.clone();
    use_future(move || {
        let source = listening.clone();
        async move {
            let Some(source) = source else { return };
            loop {
                next_event(&source).await;
                changes += 1;
            }
        }
    });
    use_drop(move || {
        if let Some(source) = &source {
            source.close();
        }
    });
    rsx! {}
}

/// Waits for the next `messages`, `meetings` or `ready` event.
async fn next_event(source: &web_sys::EventSource) {
    let mut resolver: Option<js_sys::Function> = None;
    let promise = js_sys::Promise::new(&mut |resolve, _| resolver = Some(resolve));
    let Some(resolve) = resolver else { return };
    let target: &web_sys::EventTarget = source.unchecked_ref();
    for kind in ["messages", "meetings", "ready"] {
        let _ = target.add_event_listener_with_callback(kind, &resolve);
    }
    let _ = JsFuture::from(promise).await;
    for kind in ["messages", "meetings", "ready"] {
        let _ = target.remove_event_listener_with_callback(kind, &resolve);
    }
}
