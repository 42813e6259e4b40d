//! Who is logged in, as far as this browser knows.

use dioxus::prelude::*;
use shared::api::{ErrorCode, LogoutResponse, SessionResponse};

use crate::{api, dom};

#[derive(Clone, Debug, PartialEq)]
pub enum SessionState {
    /// The first answer from the server has not come yet.
    Loading,
    LoggedOut,
    LoggedIn(SessionResponse),
}

impl SessionState {
    pub fn session(&self) -> Option<&SessionResponse> {
        match self {
            SessionState::LoggedIn(s) => Some(s),
            _ => None,
        }
    }
}

pub fn use_session() -> Signal<SessionState> {
    use_context::<Signal<SessionState>>()
}

/// Asks the server who is logged in (the cookie is HttpOnly, so only the server knows).
pub async fn load_session(mut state: Signal<SessionState>) {
    match api::session::current().await {
        Ok(session) => {
            state.set(SessionState::LoggedIn(session));
        }
        Err(e) if e.code == ErrorCode::Unauthenticated => state.set(SessionState::LoggedOut),
        // The server could not say; treat as logged out, pages offer to log in again.
        Err(_) => state.set(SessionState::LoggedOut),
    }
}

/// Ends the session here, then at the login provider (a form post; the provider sends the
/// browser back to "Du er logget af").
pub async fn log_out(mut state: Signal<SessionState>) {
    let answer = api::session::logout().await;
    state.set(SessionState::LoggedOut);
    match answer {
        Ok(LogoutResponse {
            end_session: Some(form),
        }) => {
            let fields: Vec<(String, String)> =
                form.fields.into_iter().map(|f| (f.name, f.value)).collect();
            dom::post_form(&form.action, &fields);
        }
        _ => dom::go_to("/logget-af"),
    }
}
