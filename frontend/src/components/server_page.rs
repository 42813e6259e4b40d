//! Pages the server renders for a logged-in citizen (*Mit overblik*, *Min plan*; see
//! `backend/src/server_pages/`) stay in view until the client's copy is ready, so the screen does
//! not flash "Henter…". The client's page says when: once its data has come, or at once when
//! the visitor turns out not to be a logged-in citizen (the session ended meanwhile), since the
//! server's copy would then show what they may no longer see.

use dioxus::prelude::*;
use shared::api::SessionUser;

use crate::dom;
use crate::session::{SessionState, use_session};

/// Hands the page over to the client when the session is not a citizen's.
pub fn use_hand_over_unless_citizen() {
    let session = use_session();
    use_effect(move || {
        let for_someone_else = match &*session.read() {
            SessionState::Loading => false,
            SessionState::LoggedOut => true,
            SessionState::LoggedIn(s) => !matches!(s.user, SessionUser::Citizen { .. }),
        };
        if for_someone_else {
            dom::remove_boot_frame();
        }
    });
}

/// Hands the page over once `ready` says the client's copy has what the server's showed.
pub fn use_hand_over_when(ready: impl Fn() -> bool + 'static) {
    use_effect(move || {
        if ready() {
            dom::remove_boot_frame();
        }
    });
}
