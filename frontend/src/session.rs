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
/// An answer that is not "not logged in" (a dropped connection on a phone, a server busy for
/// a moment) is asked again twice before the page says so: telling someone who just logged in
/// that they are not would send them through MitID again for nothing.
pub async fn load_session(mut state: Signal<SessionState>) {
    const ATTEMPTS: i32 = 3;
    for attempt in 1..=ATTEMPTS {
        match api::session::current().await {
            Ok(session) => return state.set(SessionState::LoggedIn(session)),
            Err(e) if e.code == ErrorCode::Unauthenticated => break,
            // Still no answer: pages offer to log in again.
            Err(_) if attempt == ATTEMPTS => break,
            Err(_) => dom::sleep_ms(500 * attempt).await,
        }
    }
    state.set(SessionState::LoggedOut);
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
