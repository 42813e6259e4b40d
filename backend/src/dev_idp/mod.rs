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

mod identities;
mod keys;
mod pages;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

use axum::extract::{Query, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Form, Json, Router};
use base64::Engine as _;
use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
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
            .route("/authorize", get(authorize).post(authorize_choice))
            .route("/token", post(token))
            .route("/userinfo", get(userinfo))
            .route("/end_session", get(end_session).post(end_session_form))
            .route("/_test/misbehaviour", post(set_misbehaviour))
            .route("/_test/rotate-keys", post(rotate_keys))
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

#[derive(Clone, Debug, Default, Deserialize, Serialize)]
pub struct AuthorizeParams {
    response_type: Option<String>,
    client_id: Option<String>,
    redirect_uri: Option<String>,
    scope: Option<String>,
    state: Option<String>,
    nonce: Option<String>,
    code_challenge: Option<String>,
    code_challenge_method: Option<String>,
    login_hint: Option<String>,
    ui_locales: Option<String>,
    acr_values: Option<String>,
    prompt: Option<String>,
}

impl AuthorizeParams {
    fn lang(&self) -> Lang {
        self.ui_locales
            .as_deref()
            .map(Lang::from_accept_language)
            .unwrap_or_default()
    }
}

/// The redirect back to the client with the result of the authorization request.
fn back_to_client(params: &AuthorizeParams, result: &[(&str, &str)]) -> Response {
    let mut url = match params.redirect_uri.as_deref().map(Url::parse) {
        Some(Ok(url)) => url,
        _ => return StatusCode::BAD_REQUEST.into_response(),
    };
    {
        let mut query = url.query_pairs_mut();
        for (k, v) in result {
            query.append_pair(k, v);
        }
        if let Some(state) = &params.state {
            query.append_pair("state", state);
        }
    }
    Redirect::to(url.as_str()).into_response()
}

/// Checks what must be right before anything may be sent back to `redirect_uri`; the answer
/// to send instead if something is wrong.
fn check_client(p: &SimProvider, params: &AuthorizeParams) -> Option<Response> {
    let lang = params.lang();
    if params.client_id.as_deref() != Some(p.client_id) {
        return Some(pages::error(
            lang,
            "Ukendt klient (client_id).",
            "Unknown client (client_id).",
            &p.stylesheets,
        ));
    }
    if params.redirect_uri.as_deref() != Some(p.redirect_uri.as_str()) {
        return Some(pages::error(
            lang,
            "Adressen der skal sendes tilbage til (redirect_uri), er ikke registreret.",
            "The redirect_uri is not registered.",
            &p.stylesheets,
        ));
    }
    if params.response_type.as_deref() != Some("code") {
        return Some(back_to_client(
            params,
            &[("error", "unsupported_response_type")],
        ));
    }
    if !params
        .scope
        .as_deref()
        .unwrap_or("")
        .split_whitespace()
        .any(|s| s == "openid")
    {
        return Some(back_to_client(params, &[("error", "invalid_scope")]));
    }
    if params.code_challenge.is_none() || params.code_challenge_method.as_deref() != Some("S256") {
        return Some(back_to_client(
            params,
            &[
                ("error", "invalid_request"),
                ("error_description", "PKCE S256 is required"),
            ],
        ));
    }
    None
}

async fn authorize(
    State(p): State<Arc<SimProvider>>,
    Query(params): Query<AuthorizeParams>,
) -> Response {
    if let Some(response) = check_client(&p, &params) {
        return response;
    }
    if p.misbehaviour() == Misbehaviour::ErrorResponse {
        return back_to_client(&params, &[("error", "server_error")]);
    }
    let hinted = params
        .login_hint
        .as_deref()
        .and_then(|h| p.identity_by_hint(h));
    match hinted {
        Some(identity) if params.prompt.as_deref() != Some("login") => {
            let code = p.issue_code(identity, &params);
            back_to_client(&params, &[("code", &code)])
        }
        _ => pages::chooser(&p, &params),
    }
}

#[derive(Deserialize)]
struct Choice {
    #[serde(flatten)]
    params: AuthorizeParams,
    identity: Option<String>,
    cancel: Option<String>,
}

async fn authorize_choice(
    State(p): State<Arc<SimProvider>>,
    Form(choice): Form<Choice>,
) -> Response {
    if let Some(response) = check_client(&p, &choice.params) {
        return response;
    }
    if choice.cancel.is_some() {
        return back_to_client(&choice.params, &[("error", "access_denied")]);
    }
    match choice
        .identity
        .as_deref()
        .and_then(|h| p.identity_by_hint(h))
    {
        Some(identity) => {
            let code = p.issue_code(identity, &choice.params);
            back_to_client(&choice.params, &[("code", &code)])
        }
        None => pages::chooser(&p, &choice.params),
    }
}

#[derive(Deserialize)]
struct TokenRequest {
    grant_type: Option<String>,
    code: Option<String>,
    redirect_uri: Option<String>,
    code_verifier: Option<String>,
    client_id: Option<String>,
    client_secret: Option<String>,
}

fn oauth_error(status: StatusCode, error: &str) -> Response {
    (
        status,
        [(header::CACHE_CONTROL, "no-store")],
        Json(json!({ "error": error })),
    )
        .into_response()
}

/// Client credentials from HTTP Basic (RFC 6749 §2.3.1: each part form-urlencoded) or the body.
fn client_credentials(headers: &HeaderMap, form: &TokenRequest) -> Option<(String, String)> {
    if let Some(basic) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Basic "))
    {
        let decoded = String::from_utf8(STANDARD.decode(basic.trim()).ok()?).ok()?;
        let (id, secret) = decoded.split_once(':')?;
        let unescape = |s: &str| {
            url::form_urlencoded::parse(format!("x={s}").as_bytes())
                .next()
                .map(|(_, v)| v.into_owned())
        };
        return Some((unescape(id)?, unescape(secret)?));
    }
    Some((form.client_id.clone()?, form.client_secret.clone()?))
}

async fn token(
    State(p): State<Arc<SimProvider>>,
    headers: HeaderMap,
    Form(form): Form<TokenRequest>,
) -> Response {
    match client_credentials(&headers, &form) {
        Some((id, secret)) if id == p.client_id && secret == p.client_secret => {}
        _ => return oauth_error(StatusCode::UNAUTHORIZED, "invalid_client"),
    }
    if form.grant_type.as_deref() != Some("authorization_code") {
        return oauth_error(StatusCode::BAD_REQUEST, "unsupported_grant_type");
    }
    let grant = {
        let mut codes = p.codes.lock().unwrap_or_else(|e| e.into_inner());
        form.code.as_deref().and_then(|c| codes.remove(c))
    };
    let Some(grant) = grant.filter(|g| g.expires > Instant::now() && g.client_id == p.client_id)
    else {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    };
    if form.redirect_uri.as_deref() != Some(grant.redirect_uri.as_str()) {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let verifier_ok = form.code_verifier.as_deref().is_some_and(|v| {
        URL_SAFE_NO_PAD.encode(Sha256::digest(v.as_bytes())) == grant.code_challenge
    });
    if !verifier_ok {
        return oauth_error(StatusCode::BAD_REQUEST, "invalid_grant");
    }
    let access_token = crate::auth::session::random_token();
    {
        let mut tokens = p.access_tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens.retain(|_, (_, until)| *until > Instant::now());
        tokens.insert(
            access_token.clone(),
            (
                grant.identity,
                Instant::now() + Duration::from_secs(TOKEN_LIFETIME_SECONDS),
            ),
        );
    }
    let body = json!({
        "access_token": access_token,
        "token_type": "Bearer",
        "expires_in": TOKEN_LIFETIME_SECONDS,
        "id_token": p.id_token(&grant),
    });
    ([(header::CACHE_CONTROL, "no-store")], Json(body)).into_response()
}

async fn userinfo(State(p): State<Arc<SimProvider>>, headers: HeaderMap) -> Response {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "));
    let identity = token.and_then(|t| {
        let tokens = p.access_tokens.lock().unwrap_or_else(|e| e.into_inner());
        tokens
            .get(t)
            .filter(|(_, until)| *until > Instant::now())
            .map(|(i, _)| *i)
    });
    let Some(identity) = identity else {
        return (
            StatusCode::UNAUTHORIZED,
            [(header::WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"")],
        )
            .into_response();
    };
    let mut identity = &p.identities[identity];
    if p.misbehaviour() == Misbehaviour::UserinfoOtherSubject {
        // Someone else: the next identity that has the claims UserInfo is read for.
        let me = identity.hint.clone();
        if let Some(other) = p
            .identities
            .iter()
            .find(|i| i.hint != me && !i.userinfo_claims.is_empty())
        {
            identity = other;
        }
    }
    let mut claims = identity.token_claims.clone();
    claims.extend(identity.userinfo_claims.clone());
    claims.insert("sub".into(), json!(p.subject(identity)));
    Json(Value::Object(claims)).into_response()
}

#[derive(Deserialize)]
struct EndSessionParams {
    id_token_hint: Option<String>,
    post_logout_redirect_uri: Option<String>,
    state: Option<String>,
    ui_locales: Option<String>,
}

async fn end_session_form(
    State(p): State<Arc<SimProvider>>,
    Form(params): Form<EndSessionParams>,
) -> Response {
    end_session(State(p), Query(params)).await
}

async fn end_session(
    State(p): State<Arc<SimProvider>>,
    Query(params): Query<EndSessionParams>,
) -> Response {
    let hint_is_ours = params
        .id_token_hint
        .as_deref()
        .and_then(keys::peek_claims)
        .is_some_and(|c| c["iss"] == json!(p.issuer));
    let lang = params
        .ui_locales
        .as_deref()
        .map(Lang::from_accept_language)
        .unwrap_or_default();
    match params.post_logout_redirect_uri {
        Some(uri) if hint_is_ours && uri == p.post_logout_redirect_uri => {
            let mut url = Url::parse(&uri).expect("registered URI parses");
            if let Some(state) = params.state {
                url.query_pairs_mut().append_pair("state", &state);
            }
            Redirect::to(url.as_str()).into_response()
        }
        _ => pages::logged_out(lang, &p.stylesheets),
    }
}

#[derive(Deserialize)]
struct MisbehaviourRequest {
    mode: Misbehaviour,
}

async fn set_misbehaviour(
    State(p): State<Arc<SimProvider>>,
    Json(req): Json<MisbehaviourRequest>,
) -> StatusCode {
    *p.misbehaviour.write().unwrap_or_else(|e| e.into_inner()) = req.mode;
    tracing::info!(provider = ?p.kind, mode = ?req.mode, "simulator misbehaviour set");
    StatusCode::NO_CONTENT
}

async fn rotate_keys(State(p): State<Arc<SimProvider>>) -> StatusCode {
    p.keys.write().unwrap_or_else(|e| e.into_inner()).rotate();
    StatusCode::NO_CONTENT
}
