//! Who is logged in, logging out, "Forbliv logget ind" and the chosen language.

use shared::Lang;
use shared::api::{LanguageRequest, LogoutResponse, SessionResponse};

use super::{ApiFailure, get, mark_activity, send, send_no_content, set_csrf};

/// The session, if any; its CSRF token is kept for the changes that follow.
pub async fn current() -> Result<SessionResponse, ApiFailure> {
    let session = get::<SessionResponse>("/session").await?;
    set_csrf(&session.csrf_token);
    mark_activity();
    Ok(session)
}

pub async fn logout() -> Result<LogoutResponse, ApiFailure> {
    send("POST", "/session/logout", &()).await
}

pub async fn keep_alive() -> Result<(), ApiFailure> {
    send_no_content::<()>("POST", "/session/keep-alive", None).await
}

/// Tells the server the language a logged-in person chose (emails follow it).
pub async fn set_language(lang: Lang) -> Result<(), ApiFailure> {
    send_no_content("PUT", "/session/language", Some(&LanguageRequest { lang })).await
}
