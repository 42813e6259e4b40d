//! The relying party: one `OidcProvider` per configured OpenID Connect provider (citizens'
//! MitID broker, the employee login). Standards only: nothing here knows about the simulator.
//!
//! On top of `openidconnect` it adds what the crate leaves out (see docs/adr/0003-login.md):
//! lazy discovery with retry, JWKS refetch on an unknown key id (rate-limited), ES256 and RS256,
//! a clock skew of one minute, an `iat` window, and the level-of-assurance check.

use std::sync::Arc;
use std::time::{Duration, Instant};

use chrono::Utc;
use openidconnect::core::{
    CoreAuthenticationFlow, CoreGenderClaim, CoreJsonWebKey, CoreJsonWebKeySet,
    CoreJwsSigningAlgorithm,
};
use openidconnect::{
    AuthenticationContextClass, AuthorizationCode, Client, ClientId, ClientSecret, CsrfToken,
    IdTokenVerifier, IssuerUrl, JsonWebKeySet, LanguageTag, LoginHint, Nonce, OAuth2TokenResponse,
    PkceCodeChallenge, PkceCodeVerifier, ProviderMetadataWithLogout, RedirectUrl, Scope,
    SubjectIdentifier, TokenResponse, reqwest,
};
use secrecy::ExposeSecret;
use shared::Lang;
use shared::api::{EndSessionForm, FormField};
use shared::auth::LoginKind;
use tokio::sync::{Mutex, RwLock};
use url::Url;

use super::loa::Loa;
use crate::config::OidcSettings;

mod claims;

pub use claims::{AuthStart, DanishClaims, OidcError, VerifiedLogin};
use claims::{SammenClient, SammenIdToken};

/// Refetching keys for every forged `kid` would let anyone hammer the provider.
const JWKS_REFETCH_MIN_INTERVAL: Duration = Duration::from_secs(10);
/// Tolerated difference between our clock and the provider's.
const CLOCK_SKEW: chrono::TimeDelta = chrono::TimeDelta::seconds(60);
/// An ID token issued longer ago than this is refused even if not yet expired.
const MAX_TOKEN_AGE: chrono::TimeDelta = chrono::TimeDelta::minutes(10);

struct Discovered {
    metadata: ProviderMetadataWithLogout,
    jwks: CoreJsonWebKeySet,
}

pub struct OidcProvider {
    issuer: Option<IssuerUrl>,
    client_id: ClientId,
    client_secret: Option<ClientSecret>,
    redirect_uri: RedirectUrl,
    scopes: Vec<String>,
    min_loa: Option<Loa>,
    pub match_claim: String,
    extra_params: Vec<(String, String)>,
    http: reqwest::Client,
    discovered: RwLock<Option<Arc<Discovered>>>,
    last_jwks_fetch: Mutex<Option<Instant>>,
}

impl OidcProvider {
    pub fn new(kind: LoginKind, settings: &OidcSettings, public_url: &Url) -> anyhow::Result<Self> {
        let redirect = public_url.join(&kind.callback_path())?;
        let http = reqwest::Client::builder()
            // Following redirects from a provider would open a server-side request forgery hole.
            .redirect(reqwest::redirect::Policy::none())
            .timeout(Duration::from_secs(10))
            .build()?;
        // `IssuerUrl::new` keeps the string as written; `from_url` would normalise it.
        let issuer = settings.issuer.clone().map(IssuerUrl::new).transpose()?;
        Ok(OidcProvider {
            issuer,
            client_id: ClientId::new(settings.client_id.clone().unwrap_or_default()),
            client_secret: settings
                .client_secret
                .as_ref()
                .map(|s| ClientSecret::new(s.expose_secret().to_string())),
            redirect_uri: RedirectUrl::from_url(redirect),
            scopes: settings
                .scopes
                .split_whitespace()
                .map(str::to_string)
                .collect(),
            min_loa: settings.min_loa,
            match_claim: settings.match_claim.clone(),
            extra_params: settings.extra_params.clone(),
            http,
            discovered: RwLock::new(None),
            last_jwks_fetch: Mutex::new(None),
        })
    }

    /// Discovery happens on first use, not at start-up, so the portal starts even when the
    /// provider is down, and recovers by itself when it comes back.
    async fn discovered(&self) -> Result<Arc<Discovered>, OidcError> {
        if let Some(d) = self.discovered.read().await.as_ref() {
            return Ok(d.clone());
        }
        let issuer = self.issuer.clone().ok_or(OidcError::NotConfigured)?;
        let mut slot = self.discovered.write().await;
        if let Some(d) = slot.as_ref() {
            return Ok(d.clone());
        }
        // discover_async checks that the document's issuer is the one we asked for.
        let metadata = ProviderMetadataWithLogout::discover_async(issuer, &self.http)
            .await
            .map_err(|e| OidcError::Provider(format!("discovery failed: {e}")))?;
        let jwks = metadata.jwks().clone();
        let d = Arc::new(Discovered { metadata, jwks });
        *slot = Some(d.clone());
        Ok(d)
    }

    fn client(&self, d: &Discovered) -> SammenClient {
        Client::from_provider_metadata(
            d.metadata.clone(),
            self.client_id.clone(),
            self.client_secret.clone(),
        )
        .set_redirect_uri(self.redirect_uri.clone())
    }

    /// Builds the authorization request: code flow, PKCE S256, state, nonce.
    pub async fn start(
        &self,
        login_hint: Option<&str>,
        lang: Lang,
    ) -> Result<AuthStart, OidcError> {
        let d = self.discovered().await?;
        let client = self.client(&d);
        let (challenge, verifier) = PkceCodeChallenge::new_random_sha256();
        let mut request = client
            .authorize_url(
                CoreAuthenticationFlow::AuthorizationCode,
                CsrfToken::new_random,
                Nonce::new_random,
            )
            .set_pkce_challenge(challenge)
            .add_ui_locale(LanguageTag::new(lang.code().to_string()));
        for scope in self.scopes.iter().filter(|s| s.as_str() != "openid") {
            request = request.add_scope(Scope::new(scope.clone()));
        }
        if let Some(min) = self.min_loa {
            request = request.add_auth_context_value(AuthenticationContextClass::new(
                min.nsis_uri().to_string(),
            ));
        }
        if let Some(hint) = login_hint {
            request = request.set_login_hint(LoginHint::new(hint.to_string()));
        }
        for (key, value) in &self.extra_params {
            request = request.add_extra_param(key.clone(), value.clone());
        }
        let (url, state, nonce) = request.url();
        Ok(AuthStart {
            url,
            state: state.secret().clone(),
            nonce: nonce.secret().clone(),
            pkce_verifier: verifier.secret().clone(),
        })
    }

    /// Redeems the code and verifies the ID token against the nonce of the pending login.
    pub async fn finish(
        &self,
        code: String,
        nonce: &str,
        pkce_verifier: &str,
    ) -> Result<VerifiedLogin, OidcError> {
        let d = self.discovered().await?;
        let client = self.client(&d);
        let token = client
            .exchange_code(AuthorizationCode::new(code))
            .map_err(|e| OidcError::Provider(format!("no token endpoint: {e}")))?
            .set_pkce_verifier(PkceCodeVerifier::new(pkce_verifier.to_string()))
            .request_async(&self.http)
            .await
            .map_err(|e| OidcError::Provider(format!("token request failed: {e}")))?;
        let id_token = token
            .id_token()
            .ok_or_else(|| OidcError::InvalidToken("the token response has no ID token".into()))?;
        let nonce = Nonce::new(nonce.to_string());

        let mut login = match self.verify(&d.jwks, &d.metadata, id_token, &nonce) {
            Err(ClaimsError::UnknownKey) => {
                let jwks = self.refetch_jwks(&d).await?;
                self.verify(&jwks, &d.metadata, id_token, &nonce)
                    .map_err(ClaimsError::into_oidc)?
            }
            other => other.map_err(ClaimsError::into_oidc)?,
        };

        // Brokers that keep personal claims out of the ID token hand them out at UserInfo.
        if login.claim(&self.match_claim).is_none() && d.metadata.userinfo_endpoint().is_some() {
            let info: openidconnect::UserInfoClaims<DanishClaims, CoreGenderClaim> = client
                .user_info(
                    token.access_token().clone(),
                    Some(SubjectIdentifier::new(login.subject.clone())),
                )
                .map_err(|e| OidcError::Provider(format!("no userinfo endpoint: {e}")))?
                .request_async(&self.http)
                .await
                .map_err(|e| match e {
                    openidconnect::UserInfoError::ClaimsVerification(c) => {
                        OidcError::InvalidToken(format!("userinfo refused: {c}"))
                    }
                    other => OidcError::Provider(format!("userinfo failed: {other}")),
                })?;
            // OpenID Connect Core §5.3.2: UserInfo about anyone else must be refused, or a
            // provider (or whoever sits in its place) could log a person in as someone else.
            // The crate checks this for plain JSON answers; checked here for every answer.
            if info.subject().as_str() != login.subject {
                return Err(OidcError::InvalidToken(
                    "userinfo is about another subject".into(),
                ));
            }
            let extra = info.additional_claims();
            login.claims.cpr = login.claims.cpr.or_else(|| extra.cpr.clone());
            login.claims.mitid_uuid = login.claims.mitid_uuid.or_else(|| extra.mitid_uuid.clone());
            login.preferred_username = login
                .preferred_username
                .or_else(|| info.preferred_username().map(|u| u.to_string()));
            login.email = login.email.or_else(|| info.email().map(|e| e.to_string()));
            if login.name.is_none() {
                login.name = info.name().and_then(|n| n.get(None)).map(|n| n.to_string());
            }
        }

        if let Some(min) = self.min_loa
            && login.loa.is_none_or(|loa| loa < min)
        {
            return Err(OidcError::AssuranceTooLow);
        }
        Ok(login)
    }

    fn verify(
        &self,
        jwks: &CoreJsonWebKeySet,
        metadata: &ProviderMetadataWithLogout,
        id_token: &SammenIdToken,
        nonce: &Nonce,
    ) -> Result<VerifiedLogin, ClaimsError> {
        let verifier: IdTokenVerifier<'_, CoreJsonWebKey> = match &self.client_secret {
            Some(secret) => IdTokenVerifier::new_confidential_client(
                self.client_id.clone(),
                secret.clone(),
                metadata.issuer().clone(),
                jwks.clone(),
            ),
            None => IdTokenVerifier::new_public_client(
                self.client_id.clone(),
                metadata.issuer().clone(),
                jwks.clone(),
            ),
        };
        let verifier = verifier
            .set_allowed_algs([
                CoreJwsSigningAlgorithm::EcdsaP256Sha256,
                CoreJwsSigningAlgorithm::RsaSsaPkcs1V15Sha256,
                CoreJwsSigningAlgorithm::RsaSsaPssSha256,
            ])
            .set_time_fn(|| Utc::now() - CLOCK_SKEW)
            .set_issue_time_verifier_fn(|iat| {
                let now = Utc::now();
                if iat > now + CLOCK_SKEW {
                    Err("issued in the future".into())
                } else if iat < now - MAX_TOKEN_AGE {
                    Err("issued too long ago".into())
                } else {
                    Ok(())
                }
            });
        let claims = id_token.claims(&verifier, nonce).map_err(|e| match e {
            openidconnect::ClaimsVerificationError::SignatureVerification(
                openidconnect::SignatureVerificationError::NoMatchingKey,
            ) => ClaimsError::UnknownKey,
            other => ClaimsError::Invalid(other.to_string()),
        })?;
        let extra = claims.additional_claims().clone();
        let loa = extra
            .loa
            .as_deref()
            .or(claims.auth_context_ref().map(|acr| acr.as_str()))
            .and_then(Loa::parse);
        Ok(VerifiedLogin {
            subject: claims.subject().to_string(),
            name: claims
                .name()
                .and_then(|n| n.get(None))
                .map(|n| n.to_string()),
            preferred_username: claims.preferred_username().map(|u| u.to_string()),
            email: claims.email().map(|e| e.to_string()),
            claims: extra,
            loa,
            raw_id_token: id_token.to_string(),
        })
    }

    /// The provider may have rotated its keys: fetch the set again. Refetches are at most every
    /// few seconds, so tokens with made-up key ids cannot make us hammer the provider.
    async fn refetch_jwks(&self, d: &Discovered) -> Result<CoreJsonWebKeySet, OidcError> {
        let mut last = self.last_jwks_fetch.lock().await;
        if last.is_some_and(|at| at.elapsed() < JWKS_REFETCH_MIN_INTERVAL) {
            return Err(OidcError::InvalidToken("signed with an unknown key".into()));
        }
        *last = Some(Instant::now());
        let jwks: CoreJsonWebKeySet = JsonWebKeySet::fetch_async(d.metadata.jwks_uri(), &self.http)
            .await
            .map_err(|e| OidcError::Provider(format!("JWKS fetch failed: {e}")))?;
        let mut slot = self.discovered.write().await;
        *slot = Some(Arc::new(Discovered {
            metadata: d.metadata.clone(),
            jwks: jwks.clone(),
        }));
        Ok(jwks)
    }

    /// The provider's end-session request for RP-initiated logout, as form fields to post
    /// (OpenID Connect RP-Initiated Logout allows POST, which keeps the ID token out of URLs).
    pub async fn end_session(
        &self,
        id_token: &str,
        post_logout: &Url,
        lang: Lang,
    ) -> Option<EndSessionForm> {
        let d = self.discovered().await.ok()?;
        let endpoint = d
            .metadata
            .additional_metadata()
            .end_session_endpoint
            .as_ref()?;
        let field = |name: &str, value: &str| FormField {
            name: name.into(),
            value: value.into(),
        };
        Some(EndSessionForm {
            action: endpoint.url().to_string(),
            fields: vec![
                field("id_token_hint", id_token),
                field("client_id", self.client_id.as_str()),
                field("post_logout_redirect_uri", post_logout.as_str()),
                field("ui_locales", lang.code()),
            ],
        })
    }

    /// The origin of the provider's pages, which the portal's pages may post forms to.
    pub fn origin(&self) -> Option<String> {
        self.issuer
            .as_ref()
            .map(|i| i.url().origin().ascii_serialization())
    }
}

enum ClaimsError {
    UnknownKey,
    Invalid(String),
}

impl ClaimsError {
    fn into_oidc(self) -> OidcError {
        match self {
            ClaimsError::UnknownKey => OidcError::InvalidToken("signed with an unknown key".into()),
            ClaimsError::Invalid(reason) => OidcError::InvalidToken(reason),
        }
    }
}
