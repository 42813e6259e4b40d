//! The dev MitID simulator: a small OpenID Connect provider inside the `sammen` binary, for
//! development, demos and tests. Two instances with their own issuers: citizens' MitID at
//! `/dev/mitid` and the municipality's employee login at `/dev/medarbejder`.
//!
//! It speaks the same protocol as a real broker (discovery, authorize, token, JWKS, userinfo,
//! end-session; code flow with PKCE S256), so the relying party treats it like any provider.
//! Off unless configured; refused in production mode (see `config.rs`).
//!
//! For tests it takes `login_hint=<identity>` to log in without a page, and it can be told to
//! misbehave (`POST <issuer>/_test/misbehaviour`) so tests can prove the relying party refuses
//! bad tokens, or to rotate its keys (`POST <issuer>/_test/rotate-keys`).

mod authorize;
mod identities;
mod keys;
mod pages;
mod token;

use authorize::AuthorizeParams;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use shared::Lang;
use shared::auth::LoginKind;
use url::Url;

pub use identities::DEMO_PEOPLE_CSV;
use identities::Identity;
use keys::{Alg, Keys};

use crate::auth::loa::Loa;

pub const CITIZEN_CLIENT_ID: &str = "sammen-dev-citizen";
pub const CITIZEN_CLIENT_SECRET: &str = "sammen-dev-citizen-secret";
pub const EMPLOYEE_CLIENT_ID: &str = "sammen-dev-employee";
pub const EMPLOYEE_CLIENT_SECRET: &str = "sammen-dev-employee-secret";

const CODE_LIFETIME: Duration = Duration::from_secs(60);
const TOKEN_LIFETIME_SECONDS: u64 = 300;

/// Ways the simulator can be told to break the protocol, one per relying-party test.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Misbehaviour {
    #[default]
    None,
    BadSignature,
    WrongIssuer,
    WrongAudience,
    Expired,
    NonceMismatch,
    AlgNone,
    LowAssurance,
    /// Not a misbehaviour: signs with RS256 instead of ES256, which must also be accepted.
    Rs256,
    /// Answers the authorization request with `error=server_error`.
    ErrorResponse,
    /// UserInfo answers with another person's `sub` (and that person's claims).
    UserinfoOtherSubject,
    /// Puts the CPR number and name into the ID token, as some brokers do.
    PersonalIdToken,
}

struct Grant {
    identity: usize,
    client_id: String,
    redirect_uri: String,
    nonce: Option<String>,
    code_challenge: String,
    loa: Loa,
    expires: Instant,
}

/// One simulated provider.
pub struct SimProvider {
    kind: LoginKind,
    issuer: String,
    client_id: &'static str,
    client_secret: &'static str,
    redirect_uri: String,
    post_logout_redirect_uri: String,
    identities: Vec<Identity>,
    keys: RwLock<Keys>,
    codes: Mutex<HashMap<String, Grant>>,
    access_tokens: Mutex<HashMap<String, (usize, Instant)>>,
    misbehaviour: RwLock<Misbehaviour>,
    /// The web client's stylesheets, so the chooser page looks like the rest of the portal.
    stylesheets: Vec<String>,
}

/// The issuer path of each simulated provider.
pub fn issuer_path(kind: LoginKind) -> &'static str {
    match kind {
        LoginKind::Citizen => "/dev/mitid",
        LoginKind::Employee => "/dev/medarbejder",
    }
}

pub fn issuer_url(kind: LoginKind, public_url: &Url) -> Url {
    let base = public_url.as_str().trim_end_matches('/');
    Url::parse(&format!("{base}{}", issuer_path(kind))).expect("issuer URL from a valid public URL")
}

impl SimProvider {
    pub fn new(kind: LoginKind, public_url: &Url, stylesheets: Vec<String>) -> Arc<SimProvider> {
        SimProvider::at(
            kind,
            issuer_url(kind, public_url).to_string(),
            public_url,
            stylesheets,
        )
    }

    /// A simulator with an issuer of its own, e.g. a bare host `http://127.0.0.1:4000` served on
    /// its own port (as Criipto-style brokers are), for the portal at `public_url`. Serve
    /// `router()` at the issuer's root.
    pub fn at(
        kind: LoginKind,
        issuer: String,
        public_url: &Url,
        stylesheets: Vec<String>,
    ) -> Arc<SimProvider> {
        let base = public_url.as_str().trim_end_matches('/');
        let (client_id, client_secret) = match kind {
            LoginKind::Citizen => (CITIZEN_CLIENT_ID, CITIZEN_CLIENT_SECRET),
            LoginKind::Employee => (EMPLOYEE_CLIENT_ID, EMPLOYEE_CLIENT_SECRET),
        };
        Arc::new(SimProvider {
            kind,
            issuer,
            client_id,
            client_secret,
            redirect_uri: format!("{base}{}", kind.callback_path()),
            post_logout_redirect_uri: format!("{base}/logget-af"),
            identities: identities::identities(kind),
            keys: RwLock::new(Keys::new()),
            codes: Mutex::new(HashMap::new()),
            access_tokens: Mutex::new(HashMap::new()),
            misbehaviour: RwLock::new(Misbehaviour::None),
            stylesheets,
        })
    }

    pub fn router<S: Clone + Send + Sync + 'static>(self: Arc<Self>) -> Router<S> {
        Router::new()
            .route("/.well-known/openid-configuration", get(discovery))
            .route("/jwks", get(jwks))
            .route(
                "/authorize",
                get(authorize::authorize).post(authorize::authorize_choice),
            )
            .route("/token", post(token::token))
            .route("/userinfo", get(token::userinfo))
            .route(
                "/end_session",
                get(token::end_session).post(token::end_session_form),
            )
            .route("/_test/misbehaviour", post(token::set_misbehaviour))
            .route("/_test/rotate-keys", post(token::rotate_keys))
            .with_state(self)
    }

    fn misbehaviour(&self) -> Misbehaviour {
        *self.misbehaviour.read().unwrap_or_else(|e| e.into_inner())
    }

    fn issue_code(&self, identity: usize, params: &AuthorizeParams) -> String {
        let requested = params
            .acr_values
            .as_deref()
            .and_then(|v| v.split_whitespace().filter_map(Loa::parse).max())
            .unwrap_or(Loa::Substantial);
        let loa = if self.misbehaviour() == Misbehaviour::LowAssurance {
            Loa::Low
        } else {
            requested.max(Loa::Substantial)
        };
        let code = crate::auth::session::random_token();
        let mut codes = self.codes.lock().unwrap_or_else(|e| e.into_inner());
        codes.retain(|_, g| g.expires > Instant::now());
        codes.insert(
            code.clone(),
            Grant {
                identity,
                client_id: params.client_id.clone().unwrap_or_default(),
                redirect_uri: params.redirect_uri.clone().unwrap_or_default(),
                nonce: params.nonce.clone(),
                code_challenge: params.code_challenge.clone().unwrap_or_default(),
                loa,
                expires: Instant::now() + CODE_LIFETIME,
            },
        );
        code
    }

    fn id_token(&self, grant: &Grant) -> String {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_secs())
            .unwrap_or(0);
        let identity = &self.identities[grant.identity];
        let behaviour = self.misbehaviour();
        let (iat, exp) = if behaviour == Misbehaviour::Expired {
            (now - 900, now - 600)
        } else {
            (now, now + TOKEN_LIFETIME_SECONDS)
        };
        let mut claims = json!({
            "iss": if behaviour == Misbehaviour::WrongIssuer { format!("{}/other", self.issuer.trim_end_matches('/')) } else { self.issuer.clone() },
            "sub": self.subject(identity),
            "aud": if behaviour == Misbehaviour::WrongAudience { "another-client".to_string() } else { grant.client_id.clone() },
            "iat": iat,
            "exp": exp,
            "auth_time": iat,
            "loa": grant.loa.nsis_uri(),
            "acr": grant.loa.nsis_uri(),
            "amr": ["code_app"],
        });
        if let Some(nonce) = &grant.nonce {
            claims["nonce"] = json!(if behaviour == Misbehaviour::NonceMismatch {
                "not-the-nonce-you-sent"
            } else {
                nonce.as_str()
            });
        }
        if let Value::Object(map) = &mut claims {
            map.extend(identity.token_claims.clone());
            if behaviour == Misbehaviour::PersonalIdToken {
                map.extend(identity.userinfo_claims.clone());
            }
        }
        let alg = match behaviour {
            Misbehaviour::AlgNone => Alg::None,
            Misbehaviour::Rs256 => Alg::Rs256,
            _ => Alg::Es256,
        };
        let keys = self.keys.read().unwrap_or_else(|e| e.into_inner());
        keys.sign(alg, &claims, behaviour == Misbehaviour::BadSignature)
    }

    /// A stable pseudonymous subject per identity and provider, as brokers issue.
    fn subject(&self, identity: &Identity) -> String {
        uuid::Uuid::new_v5(
            &uuid::Uuid::NAMESPACE_URL,
            format!("{}#{}", self.issuer, identity.hint).as_bytes(),
        )
        .to_string()
    }

    fn identity_by_hint(&self, hint: &str) -> Option<usize> {
        let hint = hint.trim().to_lowercase();
        self.identities.iter().position(|i| i.hint == hint)
    }
}

async fn discovery(State(p): State<Arc<SimProvider>>) -> Json<Value> {
    let i = &p.issuer;
    Json(json!({
        "issuer": i,
        "authorization_endpoint": format!("{i}/authorize"),
        "token_endpoint": format!("{i}/token"),
        "userinfo_endpoint": format!("{i}/userinfo"),
        "jwks_uri": format!("{i}/jwks"),
        "end_session_endpoint": format!("{i}/end_session"),
        "response_types_supported": ["code"],
        "response_modes_supported": ["query"],
        "grant_types_supported": ["authorization_code"],
        "subject_types_supported": ["public"],
        "id_token_signing_alg_values_supported": ["ES256", "RS256"],
        "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
        "code_challenge_methods_supported": ["S256"],
        "scopes_supported": match p.kind {
            LoginKind::Citizen => json!(["openid", "mitid", "ssn"]),
            LoginKind::Employee => json!(["openid", "profile", "email"]),
        },
        "claims_supported": ["sub", "name", "mitid.uuid", "mitid.identity_name", "dk.cpr", "loa", "idp",
                             "identity_type", "preferred_username", "email"],
        "acr_values_supported": [Loa::Low.nsis_uri(), Loa::Substantial.nsis_uri(), Loa::High.nsis_uri()],
        "ui_locales_supported": ["da", "en"],
    }))
}

async fn jwks(State(p): State<Arc<SimProvider>>) -> Response {
    let keys = p.keys.read().unwrap_or_else(|e| e.into_inner()).jwks();
    ([(header::CACHE_CONTROL, "no-store")], Json(keys)).into_response()
}
