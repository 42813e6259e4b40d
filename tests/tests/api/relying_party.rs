//! The relying party refuses every bad token the simulator can be told to send, and follows a
//! key rotation. Nothing is special-cased for the simulator: these are the checks any provider's
//! tokens go through.

use shared::auth::LoginKind;
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
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

/// Logs in with the simulator misbehaving and checks the login ends on `expected` with no session.
async fn refused(engine: Engine, mode: &str, expected: &str) {
    let app = TestApp::spawn(engine).await;
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

async fn bad_signature_is_refused(engine: Engine) {
    refused(engine, "bad_signature", "/log-paa/fejl/invalid_token").await;
}

async fn wrong_issuer_is_refused(engine: Engine) {
    refused(engine, "wrong_issuer", "/log-paa/fejl/invalid_token").await;
}

async fn wrong_audience_is_refused(engine: Engine) {
    refused(engine, "wrong_audience", "/log-paa/fejl/invalid_token").await;
}

async fn expired_token_is_refused(engine: Engine) {
    refused(engine, "expired", "/log-paa/fejl/invalid_token").await;
}

async fn nonce_mismatch_is_refused(engine: Engine) {
    refused(engine, "nonce_mismatch", "/log-paa/fejl/invalid_token").await;
}

async fn unsigned_token_is_refused(engine: Engine) {
    refused(engine, "alg_none", "/log-paa/fejl/invalid_token").await;
}

async fn assurance_below_substantial_is_refused(engine: Engine) {
    refused(engine, "low_assurance", "/log-paa/fejl/assurance_too_low").await;
}

async fn rs256_tokens_are_accepted(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.misbehave(LoginKind::Citizen, "rs256").await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "henrik").await;

    assert_eq!(landing.path(), "/mit-overblik");
    app.stop().await;
}

async fn key_rotation_is_followed(engine: Engine) {
    let app = TestApp::spawn(engine).await;
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
