//! Sammen's web client. Client-rendered Dioxus, styled with DKFDS, talking to `/api/v1`.

#![forbid(unsafe_code)]

mod api;
mod app;
mod catalogues;
mod components;
mod dom;
mod format;
mod i18n;
mod live;
mod pages;
mod session;

fn main() {
    // A panic would otherwise show only as "unreachable" in the browser console.
    std::panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&info.to_string().into())
    }));
    dioxus::launch(app::App);
}
