//! Logging in: citizens with MitID, caseworkers with the employee login, and every way a login
//! can go wrong ending on a clear page without a session.

use reqwest::StatusCode;
use shared::auth::LoginKind;
use tests::{Engine, TestApp, on_both_engines};

on_both_engines!(
    citizen_lands_on_their_overview_with_their_caseworkers,
    caseworker_lands_on_their_citizens,
    unknown_mitid_identity_gets_a_clear_page_and_no_account,
    unknown_employee_gets_a_clear_page,
    tampered_state_is_refused,
    replayed_callback_is_refused,
    answer_delivered_to_another_browser_is_refused,
    a_second_start_in_the_same_browser_keeps_the_first_answer_good,
    cancelled_login_says_so,
    provider_error_says_so,
    slow_login_expires,
);

async fn citizen_lands_on_their_overview_with_their_caseworkers(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "freja").await;

    assert_eq!(landing.path(), "/mit-overblik");
    let (status, session) = browser.get_json("/api/v1/session").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(session["user"]["role"], "citizen");
    assert_eq!(session["user"]["name"], "Freja Nielsen");
    assert!(
        !session.to_string().contains("1503071236"),
        "no CPR number reaches the client"
    );
    let (status, overview) = browser.get_json("/api/v1/overview").await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(overview["name"], "Freja Nielsen");
    assert_eq!(overview["primary_caseworker"]["name"], "Mette Hansen");
    assert_eq!(overview["backup_caseworker"]["name"], "Lars Jensen");
    assert!(!overview.to_string().contains("1503071236"));
    app.stop().await;
}

async fn caseworker_lands_on_their_citizens(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Employee, "mette.hansen").await;

    assert_eq!(landing.path(), "/mine-borgere");
    let (status, caseload) = browser.get_json("/api/v1/caseload").await;
    assert_eq!(status, StatusCode::OK);
    let rows: Vec<(String, String)> = caseload["citizens"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| {
            (
                c["name"].as_str().unwrap().to_string(),
                c["role"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let expected = [
        ("Freja Nielsen", "primary"),
        ("Henrik Sørensen", "primary"),
        ("Karim Haddad", "backup"),
        ("Sofie Larsen", "backup"),
    ];
    assert_eq!(rows, expected.map(|(n, r)| (n.to_string(), r.to_string())));
    app.stop().await;
}

async fn unknown_mitid_identity_gets_a_clear_page_and_no_account(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let citizens_before = app.count("citizens").await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "ukendt").await;

    assert_eq!(landing.path(), "/log-paa/fejl/unknown_citizen");
    assert!(!browser.session_cookie_present().await);
    assert_eq!(
        app.count("citizens").await,
        citizens_before,
        "no account is created"
    );
    assert_eq!(app.count("sessions").await, 0);
    app.stop().await;
}

async fn unknown_employee_gets_a_clear_page(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Employee, "vikar.it").await;

    assert_eq!(landing.path(), "/log-paa/medarbejder/fejl/unknown_employee");
    assert!(!browser.session_cookie_present().await);
    app.stop().await;
}

async fn tampered_state_is_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let browser = app.browser();
    let mut callback = browser.callback_url(LoginKind::Citizen, "freja").await;
    let pairs: Vec<(String, String)> = callback
        .query_pairs()
        .map(|(k, v)| {
            let v = if k == "state" {
                format!("{v}x")
            } else {
                v.into_owned()
            };
            (k.into_owned(), v)
        })
        .collect();
    callback.query_pairs_mut().clear().extend_pairs(pairs);

    let landing = browser.visit(callback).await;

    assert_eq!(landing.path(), "/log-paa/fejl/state_mismatch");
    assert!(!browser.session_cookie_present().await);
    assert_eq!(app.count("sessions").await, 0);
    app.stop().await;
}

async fn replayed_callback_is_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let browser = app.browser();
    let callback = browser.callback_url(LoginKind::Citizen, "freja").await;
    let first = browser.visit(callback.clone()).await;
    assert_eq!(first.path(), "/mit-overblik");

    let replay = browser.visit(callback).await;

    assert_eq!(replay.path(), "/log-paa/fejl/expired");
    assert_eq!(
        app.count("sessions").await,
        1,
        "the replay created no second session"
    );
    app.stop().await;
}

async fn answer_delivered_to_another_browser_is_refused(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let victim = app.browser();
    let attacker = app.browser();
    let callback = attacker.callback_url(LoginKind::Citizen, "freja").await;

    let landing = victim.visit(callback).await;

    assert_eq!(landing.path(), "/log-paa/fejl/state_mismatch");
    assert!(!victim.session_cookie_present().await);
    app.stop().await;
}

/// A double click on "Log på med MitID", or a second tab: two logins started in one browser.
/// The answer to either must log the person in, whichever start's cookie the browser kept.
async fn a_second_start_in_the_same_browser_keeps_the_first_answer_good(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    for answered in [0, 1] {
        let browser = app.browser();
        let first = browser.callback_url(LoginKind::Citizen, "freja").await;
        let second = browser.callback_url(LoginKind::Citizen, "freja").await;
        assert_ne!(first, second, "two logins, two answers");

        let landing = browser.visit([first, second][answered].clone()).await;

        assert_eq!(landing.path(), "/mit-overblik", "answer {answered}");
        assert!(browser.session_cookie_present().await);
    }
    app.stop().await;
}

async fn cancelled_login_says_so(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    let browser = app.browser();
    // The chooser page (no login_hint) posts back with "cancel", as the "Afbryd login" button does.
    let chooser = browser
        .visit(browser.url(&LoginKind::Citizen.login_path()))
        .await;
    assert_eq!(chooser.path(), "/dev/mitid/authorize");
    let mut form: Vec<(String, String)> = chooser.url.query_pairs().into_owned().collect();
    form.push(("cancel".into(), "1".into()));
    let response = browser
        .client
        .post(browser.url("/dev/mitid/authorize"))
        .form(&form)
        .send()
        .await
        .unwrap();
    assert!(response.status().is_redirection());
    let callback = browser.url(response.headers()["location"].to_str().unwrap());

    let landing = browser.visit(callback).await;

    assert_eq!(landing.path(), "/log-paa/fejl/cancelled");
    assert!(!browser.session_cookie_present().await);
    app.stop().await;
}

async fn provider_error_says_so(engine: Engine) {
    let app = TestApp::spawn(engine).await;
    app.misbehave(LoginKind::Citizen, "error_response").await;
    let mut browser = app.browser();

    let landing = browser.login(LoginKind::Citizen, "freja").await;

    assert_eq!(landing.path(), "/log-paa/fejl/provider_error");
    assert!(!browser.session_cookie_present().await);
    app.stop().await;
}

async fn slow_login_expires(engine: Engine) {
    let app = TestApp::spawn_with(engine, |s| s.session.login_timeout_seconds = 1).await;
    let browser = app.browser();
    let callback = browser.callback_url(LoginKind::Citizen, "freja").await;
    tokio::time::sleep(std::time::Duration::from_millis(1500)).await;

    let landing = browser.visit(callback).await;

    assert_eq!(landing.path(), "/log-paa/fejl/expired");
    assert!(!browser.session_cookie_present().await);
    app.stop().await;
}
