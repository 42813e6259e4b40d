//! Warns before an idle session ends and offers "Forbliv logget ind" (WCAG 2.2.1 Timing
//! Adjustable); when the time is up, shows the "logged out" page instead of failing later.

use dioxus::prelude::*;
use shared::api::SESSION_TOUCH_SECONDS;
use shared::i18n::fill;

use crate::app::Route;
use crate::i18n::use_texts;
use crate::session::{SessionState, log_out, use_session};
use crate::{api, dom};

/// `open` is owned by the frame, which makes the rest of the page inert while the dialog shows.
#[component]
pub fn IdleWatcher(open: Signal<bool>) -> Element {
    let t = use_texts();
    let mut session = use_session();
    let mut seconds_left = use_signal(|| 0_i64);
    let navigator = use_navigator();

    use_future(move || async move {
        loop {
            dom::sleep_ms(1000).await;
            let (idle, warning) = match &*session.peek() {
                SessionState::LoggedIn(s) => (s.idle_timeout_seconds, s.idle_warning_seconds),
                _ => break,
            };
            // The server may have seen us up to SESSION_TOUCH_SECONDS earlier than we think.
            let usable_ms = f64::from(idle.saturating_sub(SESSION_TOUCH_SECONDS)) * 1000.0;
            let left = ((api::last_activity() + usable_ms - dom::now_ms()) / 1000.0).ceil() as i64;
            if left <= 0 {
                open.set(false);
                session.set(SessionState::LoggedOut);
                navigator.replace(Route::TimedOut {});
                break;
            } else if left <= i64::from(warning) {
                seconds_left.set(left);
                if !*open.peek() {
                    open.set(true);
                }
            } else if *open.peek() {
                open.set(false);
            }
        }
    });

    let stay = move |_| {
        spawn(async move {
            match api::session::keep_alive().await {
                Ok(()) => open.set(false),
                Err(_) => {
                    open.set(false);
                    session.set(SessionState::LoggedOut);
                    navigator.replace(Route::TimedOut {});
                }
            }
        });
    };

    if !open() {
        return rsx! {};
    }
    let left = seconds_left().to_string();
    rsx! {
        div {
            class: "fds-modal",
            id: "idle-warning",
            "aria-hidden": "false",
            role: "dialog",
            "aria-modal": "true",
            "aria-labelledby": "idle-warning-heading",
            "aria-describedby": "idle-warning-body",
            onkeydown: move |e: KeyboardEvent| if e.key() == Key::Escape { stay(()) },
            div { class: "modal-content",
                div { class: "modal-header",
                    h2 { class: "modal-title", id: "idle-warning-heading", "{t.idle_warning_title}" }
                }
                div { class: "modal-body",
                    p { id: "idle-warning-body", "{t.idle_warning_body}" }
                    p { "{fill(t.idle_warning_seconds_left, &left)}" }
                }
                div { class: "modal-footer",
                    button {
                        class: "button button-primary",
                        onmounted: move |e| async move { let _ = e.set_focus(true).await; },
                        onclick: move |_| stay(()),
                        "{t.stay_logged_in}"
                    }
                    button {
                        class: "button button-secondary",
                        onclick: move |_| {
                            open.set(false);
                            spawn(log_out(session));
                        },
                        "{t.log_out_now}"
                    }
                }
            }
        }
        div { class: "modal-backdrop show" }
    }
}
