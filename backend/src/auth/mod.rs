//! Logging in and staying logged in: the relying party for the two OpenID Connect providers,
//! server-side sessions, CSRF protection, and the extractors handlers use to know who asks.

pub mod extract;
pub mod limits;
pub mod loa;
pub mod oidc;
pub mod pending;
pub mod routes;
pub mod session;
pub mod touches;

use axum_extra::extract::cookie::{Cookie, SameSite};

/// Cookie names and attributes. Behind https the names carry the `__Host-` prefix, which makes
/// browsers insist on Secure, Path=/ and no Domain; plain-http localhost cannot use it.
#[derive(Clone, Debug)]
pub struct CookieConfig {
    pub secure: bool,
}

impl CookieConfig {
    pub fn session_name(&self) -> &'static str {
        if self.secure {
            "__Host-sammen"
        } else {
            "sammen_session"
        }
    }

    /// The cookie of one started login, named after its `state`: a browser that starts two
    /// logins (a double click, a second tab) holds one cookie for each, so neither start can
    /// overwrite the other's, and the answer to either finds its own.
    pub fn login_name(&self, state: &str) -> String {
        let id = &session::hash_token(state)[..16];
        if self.secure {
            format!("__Host-sammen_login_{id}")
        } else {
            format!("sammen_login_{id}")
        }
    }

    fn build(
        &self,
        name: impl Into<std::borrow::Cow<'static, str>>,
        value: String,
        max_age_seconds: Option<i64>,
    ) -> Cookie<'static> {
        let mut cookie = Cookie::build((name, value))
            .path("/")
            .http_only(true)
            // Lax, not Strict: the provider's redirect back to us is a cross-site navigation.
            .same_site(SameSite::Lax)
            .secure(self.secure)
            .build();
        if let Some(seconds) = max_age_seconds {
            cookie.set_max_age(cookie::time::Duration::seconds(seconds));
        }
        cookie
    }

    /// The session cookie lives as long as the browser session; the server decides expiry.
    pub fn session(&self, value: String) -> Cookie<'static> {
        self.build(self.session_name(), value, None)
    }

    pub fn login(&self, state: &str, value: String, max_age_seconds: i64) -> Cookie<'static> {
        self.build(self.login_name(state), value, Some(max_age_seconds))
    }

    pub fn removal(&self, name: impl Into<std::borrow::Cow<'static, str>>) -> Cookie<'static> {
        self.build(name, String::new(), Some(0))
    }
}
