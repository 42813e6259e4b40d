//! Names the server and the web client share about logging in.

use serde::{Deserialize, Serialize};

/// Why a login did not succeed. The server redirects to the web client's page for it (`path`),
/// which explains it in plain words with a "Prøv igen" button.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginProblem {
    /// The person pressed "Afbryd" at the provider.
    Cancelled,
    /// The login took too long, or it was already used (a replayed or reloaded callback).
    Expired,
    /// The answer did not belong to a login started in this browser.
    StateMismatch,
    /// The provider answered with an error or could not be reached.
    ProviderError,
    /// The provider's ID token failed verification.
    InvalidToken,
    /// The login was not strong enough (MitID below "betydelig").
    AssuranceTooLow,
    /// A MitID identity the jobcentre does not know. Nothing is created.
    UnknownCitizen,
    /// An employee login that is not a caseworker in Sammen.
    UnknownEmployee,
}

impl LoginProblem {
    pub const ALL: [LoginProblem; 8] = [
        LoginProblem::Cancelled,
        LoginProblem::Expired,
        LoginProblem::StateMismatch,
        LoginProblem::ProviderError,
        LoginProblem::InvalidToken,
        LoginProblem::AssuranceTooLow,
        LoginProblem::UnknownCitizen,
        LoginProblem::UnknownEmployee,
    ];

    pub fn code(self) -> &'static str {
        match self {
            LoginProblem::Cancelled => "cancelled",
            LoginProblem::Expired => "expired",
            LoginProblem::StateMismatch => "state_mismatch",
            LoginProblem::ProviderError => "provider_error",
            LoginProblem::InvalidToken => "invalid_token",
            LoginProblem::AssuranceTooLow => "assurance_too_low",
            LoginProblem::UnknownCitizen => "unknown_citizen",
            LoginProblem::UnknownEmployee => "unknown_employee",
        }
    }

    pub fn from_code(code: &str) -> Option<LoginProblem> {
        LoginProblem::ALL.into_iter().find(|p| p.code() == code)
    }

    /// The web client's page for this problem, per way of logging in (so "Prøv igen" goes back
    /// to the right login).
    pub fn path(self, kind: LoginKind) -> String {
        match kind {
            LoginKind::Citizen => format!("/log-paa/fejl/{}", self.code()),
            LoginKind::Employee => format!("/log-paa/medarbejder/fejl/{}", self.code()),
        }
    }
}

/// The two ways into Sammen, each its own OpenID Connect provider with its own redirect URI.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LoginKind {
    /// Citizens, with MitID through a broker.
    Citizen,
    /// Caseworkers, with the municipality's employee login.
    Employee,
}

impl LoginKind {
    /// Path segment of the login routes: `/auth/<segment>/login` and `/auth/<segment>/callback`.
    pub fn segment(self) -> &'static str {
        match self {
            LoginKind::Citizen => "mitid",
            LoginKind::Employee => "medarbejder",
        }
    }

    pub fn login_path(self) -> String {
        format!("/auth/{}/login", self.segment())
    }

    pub fn callback_path(self) -> String {
        format!("/auth/{}/callback", self.segment())
    }
}
