//! What a provider's answer carries: the Danish claims brokers add, the verified login, why a
//! login failed; and `openidconnect`'s generic types spelled out with those claims.

use openidconnect::core::{
    CoreAuthDisplay, CoreAuthPrompt, CoreErrorResponseType, CoreGenderClaim, CoreJsonWebKey,
    CoreJweContentEncryptionAlgorithm, CoreJwsSigningAlgorithm, CoreRevocableToken,
    CoreRevocationErrorResponse, CoreTokenIntrospectionResponse, CoreTokenType,
};
use openidconnect::{
    AdditionalClaims, Client, EmptyExtraTokenFields, EndpointMaybeSet, EndpointNotSet, EndpointSet,
    IdToken, IdTokenFields, StandardErrorResponse, StandardTokenResponse,
};
use serde::{Deserialize, Serialize};
use shared::auth::LoginProblem;
use url::Url;

use crate::auth::loa::Loa;

/// The Danish claims brokers add (Signaturgruppen names). All optional: each provider sends
/// the ones it has.
#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct DanishClaims {
    #[serde(
        rename = "mitid.uuid",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub mitid_uuid: Option<String>,
    #[serde(
        rename = "mitid.identity_name",
        default,
        skip_serializing_if = "Option::is_none"
    )]
    pub identity_name: Option<String>,
    #[serde(rename = "dk.cpr", default, skip_serializing_if = "Option::is_none")]
    pub cpr: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub loa: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idp: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub identity_type: Option<String>,
}
impl AdditionalClaims for DanishClaims {}

pub(super) type TokenFields = IdTokenFields<
    DanishClaims,
    EmptyExtraTokenFields,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
pub(super) type SammenTokenResponse = StandardTokenResponse<TokenFields, CoreTokenType>;
pub(super) type SammenIdToken = IdToken<
    DanishClaims,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJwsSigningAlgorithm,
>;
pub(super) type SammenClient = Client<
    DanishClaims,
    CoreAuthDisplay,
    CoreGenderClaim,
    CoreJweContentEncryptionAlgorithm,
    CoreJsonWebKey,
    CoreAuthPrompt,
    StandardErrorResponse<CoreErrorResponseType>,
    SammenTokenResponse,
    CoreTokenIntrospectionResponse,
    CoreRevocableToken,
    CoreRevocationErrorResponse,
    EndpointSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointNotSet,
    EndpointMaybeSet,
    EndpointMaybeSet,
>;

#[derive(Debug, thiserror::Error)]
pub enum OidcError {
    #[error("provider not configured")]
    NotConfigured,
    #[error("provider unreachable or misbehaving: {0}")]
    Provider(String),
    #[error("ID token rejected: {0}")]
    InvalidToken(String),
    #[error("level of assurance too low")]
    AssuranceTooLow,
}

impl OidcError {
    pub fn problem(&self) -> LoginProblem {
        match self {
            OidcError::NotConfigured | OidcError::Provider(_) => LoginProblem::ProviderError,
            OidcError::InvalidToken(_) => LoginProblem::InvalidToken,
            OidcError::AssuranceTooLow => LoginProblem::AssuranceTooLow,
        }
    }
}

/// What a login start needs to remember until the answer comes back.
pub struct AuthStart {
    pub url: Url,
    pub state: String,
    pub nonce: String,
    pub pkce_verifier: String,
}

/// A verified login: who the provider says this is, and how sure it is.
#[derive(Debug)]
pub struct VerifiedLogin {
    pub subject: String,
    pub name: Option<String>,
    pub preferred_username: Option<String>,
    pub email: Option<String>,
    pub claims: DanishClaims,
    pub loa: Option<Loa>,
    pub raw_id_token: String,
}

impl VerifiedLogin {
    /// The value of the configured matching claim.
    pub fn claim(&self, name: &str) -> Option<&str> {
        match name {
            "dk.cpr" => self.claims.cpr.as_deref(),
            "mitid.uuid" => self.claims.mitid_uuid.as_deref(),
            "preferred_username" => self.preferred_username.as_deref(),
            "email" => self.email.as_deref(),
            "sub" => Some(&self.subject),
            _ => None,
        }
    }
}
