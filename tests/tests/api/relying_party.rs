//! The relying party refuses every bad token the simulator can be told to send, and follows a
//! key rotation. Nothing is special-cased for the simulator: these are the checks any provider's
//! tokens go through.

use shared::auth::LoginKind;
use tests::{Engine, Issuer, TestApp, on_both_engines_and_issuers};
use url::Url;

// Every relying-party test runs against an issuer with a path (`<portal>/dev/mitid`) and a
// bare-host issuer on its own port (`http://127.0.0.1:<port>`, kept exactly as written).
on_both_engines_and_issuers!(
    bare_and_path_issuers_log_in,
    userinfo_about_someone_else_is_refused,
    bad_signature_is_refused,
    wrong_issuer_is_refused,
    wrong_audience_is_refused,
    expired_token_is_refused,
    nonce_mismatch_is_refused,
    unsigned_token_is_refused,
    assurance_below_substantial_is_refused,
    rs256_tokens_are_accepted,
    key_rotation_is_followed,
);

async fn bare_and_path_issuers_log_in(engine: Engine, issuer: Issuer) {
    let app = TestApp::spawn_with_issuer(engine, issuer).await;
    if issuer == Issuer::BareHost {
        assert!(
            !app.citizen_issuer.ends_with('/')
                && Url::parse(&app.citizen_issuer).unwrap().path() == "/",
            "a bare-host issuer: {}",
            app.citizen_issuer
        );
    }
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "freja").await;

    assert_eq!(
        landing.path(),
        "/mit-overblik",
        "issuer {}",
        app.citizen_issuer
    );
    let (_, session) = browser.get_json("/api/v1/session").await;
    assert_eq!(session["user"]["name"], "Freja Nielsen");
    app.stop().await;
}

/// A UserInfo answer whose `sub` is not the ID token's would log Henrik in as someone else
/// (the portal matches citizens on the CPR number UserInfo carries): it must be refused.
async fn userinfo_about_someone_else_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "userinfo_other_subject",
        "/log-paa/fejl/invalid_token",
    )
    .await;
}

/// Logs in with the simulator misbehaving and checks the login ends on `expected` with no session.
async fn refused(engine: Engine, issuer: Issuer, mode: &str, expected: &str) {
    let app = TestApp::spawn_with_issuer(engine, issuer).await;
    app.misbehave(LoginKind::Citizen, mode).await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "henrik").await;

    assert_eq!(landing.path(), expected, "mode {mode}");
    assert!(landing.status.is_success());
    assert!(
        !browser.session_cookie_present().await,
        "mode {mode} must not log in"
    );
    assert_eq!(app.count("sessions").await, 0);
    app.stop().await;
}

async fn bad_signature_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "bad_signature",
        "/log-paa/fejl/invalid_token",
    )
    .await;
}

async fn wrong_issuer_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "wrong_issuer",
        "/log-paa/fejl/invalid_token",
    )
    .await;
}

async fn wrong_audience_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "wrong_audience",
        "/log-paa/fejl/invalid_token",
    )
    .await;
}

async fn expired_token_is_refused(engine: Engine, issuer: Issuer) {
    refused(engine, issuer, "expired", "/log-paa/fejl/invalid_token").await;
}

async fn nonce_mismatch_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "nonce_mismatch",
        "/log-paa/fejl/invalid_token",
    )
    .await;
}

async fn unsigned_token_is_refused(engine: Engine, issuer: Issuer) {
    refused(engine, issuer, "alg_none", "/log-paa/fejl/invalid_token").await;
}

async fn assurance_below_substantial_is_refused(engine: Engine, issuer: Issuer) {
    refused(
        engine,
        issuer,
        "low_assurance",
        "/log-paa/fejl/assurance_too_low",
    )
    .await;
}

async fn rs256_tokens_are_accepted(engine: Engine, issuer: Issuer) {
    let app = TestApp::spawn_with_issuer(engine, issuer).await;
    app.misbehave(LoginKind::Citizen, "rs256").await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "henrik").await;

    assert_eq!(landing.path(), "/mit-overblik");
    app.stop().await;
}

async fn key_rotation_is_followed(engine: Engine, issuer: Issuer) {
    let app = TestApp::spawn_with_issuer(engine, issuer).await;
    let mut first = app.browser();
    assert_eq!(
        first.login(LoginKind::Citizen, "sofie").await.path(),
        "/mit-overblik"
    );

    // The provider now signs with a key the portal has never seen; the portal must fetch the
    // provider's keys again instead of refusing everyone until restarted.
    app.rotate_keys(LoginKind::Citizen).await;
    let mut second = app.browser();
    let landing = second.login(LoginKind::Citizen, "karim").await;

    assert_eq!(landing.path(), "/mit-overblik");
    let (_, session) = second.get_json("/api/v1/session").await;
    assert_eq!(session["user"]["name"], "Karim Haddad");
    app.stop().await;
}
